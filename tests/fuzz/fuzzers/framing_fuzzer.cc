// Byte order, length check and DirectionFraming, fed the way
// packet-labproto.cc feeds them when it sees raw segments (reassembly off,
// or a segment TCP could not reassemble): a segment may start with the rest
// of the last message's body, then holds headers and bodies back to back.
// Segments land at sequence numbers the input picks (next in order, re-sent,
// or after any jump, across the 2^32 wrap), and a model that measures
// unsigned offsets from the last header says what the framing must answer.
//
// Input: pref byte, max_len mode byte [+ u32], u32 first sequence number, then
// segments: placement byte [+ u8 back / u32 jump], u16 size, payload.
#include <algorithm>

#include "byte_order.h"
#include "direction_framing.h"
#include "fuzz_input.h"
#include "length_check.h"

using namespace labproto;
using labproto_fuzz::FuzzInput;

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

// The newest header the framing must remember, and where framing was lost.
struct Model {
    bool have = false;
    uint32_t start = 0;  // sequence number of the header
    uint64_t total = 0;  // header and body bytes
    uint32_t index = 0;
    uint32_t frame = 0;
    uint32_t messages = 0;
    uint32_t lost_at = 0;

    void header_at(uint32_t seq, uint32_t length, uint32_t at_frame) {
        if (have && static_cast<int32_t>(seq - start) <= 0) return;  // behind the newest
        have = true;
        start = seq;
        total = uint64_t{kHeaderLen} + length;
        index = messages + 1;
        frame = at_frame;
    }
    // How far `seq` lies into the newest message (false: outside it).
    bool offset_in_message(uint32_t seq, uint64_t &offset) const {
        offset = static_cast<uint32_t>(seq - start);
        return have && offset < total;
    }
    uint32_t continuation(uint32_t seq, uint32_t len) const {
        uint64_t offset;
        if (!offset_in_message(seq, offset) || offset < kHeaderLen) return 0;
        return static_cast<uint32_t>(std::min<uint64_t>(total - offset, len));
    }
};

void check_byte_order(const uint8_t header[4], uint32_t max_len) {
    const uint32_t little = read_length(header, ByteOrder::kLittle);
    const uint32_t big = read_length(header, ByteOrder::kBig);
    FUZZ_CHECK(big == __builtin_bswap32(little));
    const bool little_ok = check_length(little, max_len) != LengthVerdict::kTooLarge;
    const bool big_ok = check_length(big, max_len) != LengthVerdict::kTooLarge;
    const ByteOrder guess = guess_byte_order(header, max_len);
    FUZZ_CHECK(guess == ((big_ok && !little_ok) ? ByteOrder::kBig : ByteOrder::kLittle));
    FUZZ_CHECK(choose_byte_order(ByteOrderPref::kLittle, header, max_len) == ByteOrder::kLittle);
    FUZZ_CHECK(choose_byte_order(ByteOrderPref::kBig, header, max_len) == ByteOrder::kBig);
    FUZZ_CHECK(choose_byte_order(ByteOrderPref::kAuto, header, max_len) == guess);
}

LengthVerdict expected_verdict(uint32_t length, uint32_t max_len) {
    if (length >= 0x80000000u || length > max_len) return LengthVerdict::kTooLarge;
    return length == 0 ? LengthVerdict::kZero : LengthVerdict::kOk;
}

class Harness {
  public:
    explicit Harness(FuzzInput &in)
        : pref_(static_cast<ByteOrderPref>(in.byte() % 3)), max_len_(pick_max_len(in)) {}

    // One segment, as dissect_labproto and tcp_dissect_pdus would walk it;
    // `data_end` is the end of all data seen so far, where a FIN would cut.
    void segment(uint32_t seq, const std::vector<uint8_t> &payload, uint32_t data_end) {
        const uint32_t frame = ++frame_;
        const uint32_t size = static_cast<uint32_t>(payload.size());
        const bool lost = model_.lost_at != 0 && frame > model_.lost_at;
        FUZZ_CHECK(framing_.framing_lost_before(frame) == lost);
        if (lost) return;

        const uint32_t continuation = framing_.continuation_bytes(seq, size);
        FUZZ_CHECK(continuation == model_.continuation(seq, size));
        if (continuation > 0) {
            // Numbered here if TCP kept its header from the message dissector.
            FUZZ_CHECK(framing_.continued_message_index() == model_.index);
            model_.messages = std::max(model_.messages, model_.index);
        }
        for (uint64_t offset = continuation; offset + kHeaderLen <= size;) {
            if (!frame_header(seq, payload, offset, frame)) break;  // framing lost
        }
        check_cut(data_end);
        FUZZ_CHECK(framing_.last_header_frame() == (model_.have ? model_.frame : 0));
        FUZZ_CHECK(framing_.messages() == model_.messages);
    }

  private:
    // Frames the header at `offset` and moves past its body; false when the
    // length is not believed and framing is lost there.
    bool frame_header(uint32_t seq, const std::vector<uint8_t> &payload, uint64_t &offset,
                      uint32_t frame) {
        const uint8_t *header = payload.data() + offset;
        check_byte_order(header, max_len_);
        const ByteOrder order = framing_.byte_order(pref_, header, max_len_);
        if (!order_decided_) first_order_ = choose_byte_order(pref_, header, max_len_);
        order_decided_ = true;
        FUZZ_CHECK(order == first_order_);  // decided once per direction

        const uint32_t length = read_length(header, order);
        const LengthVerdict verdict = check_length(length, max_len_);
        FUZZ_CHECK(verdict == expected_verdict(length, max_len_));
        if (verdict == LengthVerdict::kTooLarge) {
            framing_.lose_framing(frame);
            if (model_.lost_at == 0) model_.lost_at = frame;
            FUZZ_CHECK(framing_.framing_lost_at() == model_.lost_at);
            return false;
        }
        const uint32_t header_seq = seq + static_cast<uint32_t>(offset);
        framing_.header_at(header_seq, length, frame);
        model_.header_at(header_seq, length, frame);
        FUZZ_CHECK(framing_.next_message_index() == ++model_.messages);
        offset += uint64_t{kHeaderLen} + length;
        return true;
    }

    // What a FIN or RST ending the direction's data at `stream_end` would report.
    void check_cut(uint32_t stream_end) {
        CutMessage cut{};
        const bool is_cut = framing_.message_cut_at(stream_end, cut);
        uint64_t offset;
        // Only a stream end ahead of the header is meaningful: the end of the
        // data seen so far cannot be behind a header seen in it.
        if (!model_.have || static_cast<int32_t>(stream_end - model_.start) < 0) return;
        FUZZ_CHECK(is_cut == model_.offset_in_message(stream_end, offset));
        if (!is_cut) return;
        FUZZ_CHECK(cut.index == model_.index);
        FUZZ_CHECK(cut.length == model_.total - kHeaderLen);
        FUZZ_CHECK(cut.present == (offset > kHeaderLen ? offset - kHeaderLen : 0));
        FUZZ_CHECK(cut.present < cut.length || offset < kHeaderLen);  // or the header was cut
    }

    const ByteOrderPref pref_;
    const uint32_t max_len_;
    DirectionFraming framing_;
    Model model_;
    uint32_t frame_ = 0;
    bool order_decided_ = false;
    ByteOrder first_order_ = ByteOrder::kLittle;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    FuzzInput in(data, size);
    Harness harness(in);
    uint32_t next = in.number<uint32_t>();
    while (!in.empty()) {
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
        const uint32_t end = seq + static_cast<uint32_t>(payload.size());
        if (static_cast<int32_t>(end - next) > 0) next = end;
        harness.segment(seq, payload, next);
    }
    return 0;
}
