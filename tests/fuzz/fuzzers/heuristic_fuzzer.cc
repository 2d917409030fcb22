// looks_like_labproto on the first bytes of a segment, as the labproto_tcp
// heuristic calls it: `captured` bytes of a `reported`-byte segment, the
// captured ones in a buffer of exactly that size so AddressSanitizer catches
// any read past them.
//
// Input: max_len mode byte [+ u32], u16 bytes the capture cut off, payload.
#include "byte_order.h"
#include "fuzz_input.h"
#include "heuristic.h"
#include "length_check.h"

using namespace labproto;
using labproto_fuzz::FuzzInput;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    FuzzInput in(data, size);
    const uint8_t mode = in.byte();
    const uint32_t max_len = mode % 3 == 0   ? kDefaultMaxLen
                             : mode % 3 == 1 ? 0xFFFFFFFFu
                                             : in.number<uint32_t>();
    const size_t cut_off = in.number<uint16_t>();
    const std::vector<uint8_t> payload = in.rest();
    const size_t captured = payload.size();

    const bool claimed = looks_like_labproto(payload.data(), captured, captured + cut_off, max_len);
    FUZZ_CHECK(claimed == looks_like_labproto(payload.data(), captured, captured + cut_off,
                                              max_len));  // no hidden state
    if (claimed) {
        // It never claims what the dissector would reject at once.
        FUZZ_CHECK(captured >= kHeaderLen);
        const uint32_t first =
            read_length(payload.data(), guess_byte_order(payload.data(), max_len));
        FUZZ_CHECK(check_length(first, max_len) == LengthVerdict::kOk);
    }
    // A tvb never has more captured than reported bytes; such a call is refused.
    if (captured > 0)
        FUZZ_CHECK(!looks_like_labproto(payload.data(), captured, captured - 1, max_len));
    return 0;
}
