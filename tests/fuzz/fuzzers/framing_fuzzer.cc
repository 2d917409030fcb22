// MessageStream driven as TCP and the glue drive it (the unit tests'
// stream_driver.h): segments land at sequence numbers the input picks (next
// in order, re-sent, or after any jump, across the 2^32 wrap). Whatever the
// data, a later pass replaying the same chunks in reverse frame order shows
// exactly what the first pass showed, and no message index is shown twice.
// When every segment follows the last and the byte order is fixed, what is
// shown is what a plain parse of the byte stream finds.
//
// Input: pref byte (byte order, and how a lone header is reassembled), max_len
// mode byte [+ u32], u32 first sequence number, then
// segments: placement byte [+ u8 back / u32 jump], u16 size, payload.
#include <algorithm>
#include <set>
#include <string>

#include "fuzz_input.h"
#include "stream_driver.h"

using namespace labproto;
using labproto_fuzz::FuzzInput;
using labproto_test::Shown;
using labproto_test::StreamDriver;

namespace {

uint32_t pick_max_len(FuzzInput &in) {
    switch (in.byte() % 4) {
        case 0:
            return kDefaultMaxLen;
        case 1:
            return 0xFFFFFFFFu;  // the most a user can set
        case 2:
            return in.number<uint32_t>();
        default:
            return in.byte();  // small: bodies fit in segments and chain
    }
}

// The messages a plain parse of an in-order stream finds, in a fixed order.
std::vector<std::string> parse(const std::string &stream, const LengthPrefix &format,
                               ByteOrder order) {
    std::vector<std::string> out;
    size_t at = 0;
    while (at + format.header_len() <= stream.size()) {
        const MessageLength length = read_message_length(
            reinterpret_cast<const uint8_t *>(stream.data() + at), order, format);
        if (!length.usable() || at + format.header_len() + length.body > stream.size()) break;
        out.push_back(stream.substr(at + format.header_len(), length.body));
        at += format.header_len() + length.body;
    }
    return out;
}

std::vector<Shown> by_frame(std::vector<Shown> shown) {
    std::stable_sort(shown.begin(), shown.end(),
                     [](const Shown &a, const Shown &b) { return a.frame < b.frame; });
    return shown;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    FuzzInput in(data, size);
    const uint8_t mode = in.byte();
    const auto pref = static_cast<ByteOrderPref>(mode % 3);
    const auto lone = mode / 3 % 2 ? LoneHeaders::kHeldByTcp : LoneHeaders::kPaired;
    LengthPrefix format;
    format.max_len = pick_max_len(in);
    StreamDriver driver(format, pref, true, lone);
    uint32_t next = in.number<uint32_t>();
    driver.stream().expect_data_at(next);
    bool in_order = true;
    std::string stream;
    uint32_t frame = 1;
    while (!in.empty() && frame < 2000) {
        uint32_t seq = next;
        switch (in.byte() % 4) {
            case 2:
                seq -= in.byte();  // re-sent or overlapping data
                break;
            case 3:
                seq += in.number<uint32_t>();  // a gap, or anywhere at all
                break;
        }
        const std::vector<uint8_t> payload = in.bytes(in.number<uint16_t>());
        const std::string bytes(payload.begin(), payload.end());
        in_order = in_order && seq == next;
        if (seq == next) stream += bytes;
        const uint32_t end = seq + static_cast<uint32_t>(bytes.size());
        if (static_cast<int32_t>(end - next) > 0) next = end;
        driver.segment(frame += 2, seq, bytes);
    }

    std::set<uint32_t> indexes;
    for (const Shown &s : driver.shown()) {
        FUZZ_CHECK(s.body.size() <= s.length);
        if (s.kind != Shown::kMessage) continue;
        FUZZ_CHECK(s.index >= 1);
        FUZZ_CHECK(indexes.insert(s.index).second);  // no message shown twice
    }
    std::vector<uint32_t> frames;
    for (const auto &h : driver.handed()) frames.insert(frames.begin(), h.frame);
    FUZZ_CHECK(by_frame(driver.replay(frames)) == by_frame(driver.shown()));

    if (in_order && pref != ByteOrderPref::kAuto) {
        const ByteOrder order = pref == ByteOrderPref::kBig ? ByteOrder::kBig : ByteOrder::kLittle;
        std::vector<std::string> shown;
        for (const Shown &s : driver.shown())
            if (s.kind == Shown::kMessage && !s.partial) shown.push_back(s.body);
        FUZZ_CHECK(shown == parse(stream, format, order));
    }
    return 0;
}
