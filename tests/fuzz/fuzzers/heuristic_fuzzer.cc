// starts_with_message on the first bytes of a chunk, as the labproto_tcp
// heuristic, the port check and resynchronisation call it: `captured` bytes
// of a `reported`-byte chunk, the captured ones in a buffer of exactly that
// size so AddressSanitizer catches any read past them.
//
// Input: max_len mode byte [+ u32], pref byte, u16 bytes the capture cut off,
// payload.
#include "fuzz_input.h"
#include "heuristic.h"

using namespace labproto;
using labproto_fuzz::FuzzInput;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    FuzzInput in(data, size);
    const uint8_t mode = in.byte();
    LengthPrefix format;
    format.max_len = mode % 3 == 0   ? kDefaultMaxLen
                     : mode % 3 == 1 ? 0xFFFFFFFFu
                                     : in.number<uint32_t>();
    const auto pref = static_cast<ByteOrderPref>(in.byte() % 3);
    const size_t cut_off = in.number<uint16_t>();
    const std::vector<uint8_t> payload = in.rest();
    const size_t captured = payload.size();

    bool previous = true;
    for (Evidence evidence : {Evidence::kLength, Evidence::kMessages, Evidence::kText}) {
        const bool claimed = starts_with_message(payload.data(), captured, captured + cut_off,
                                                 format, pref, evidence);
        FUZZ_CHECK(claimed == starts_with_message(payload.data(), captured, captured + cut_off,
                                                  format, pref, evidence));  // no hidden state
        FUZZ_CHECK(!claimed || previous);  // more evidence never claims more
        previous = claimed;
        if (claimed) {
            // It never claims what the dissector would reject at once.
            FUZZ_CHECK(captured >= format.header_len());
            ByteOrderChoice choice;
            const ByteOrder order = choice.order_for(payload.data(), format, pref);
            FUZZ_CHECK(read_message_length(payload.data(), order, format).usable());
        }
        // A tvb never has more captured than reported bytes; such a call is refused.
        if (captured > 0)
            FUZZ_CHECK(!starts_with_message(payload.data(), captured, captured - 1, format, pref,
                                            evidence));
    }
    return 0;
}
