#include "direction_framing.h"

#include "length_check.h"

namespace labproto {
namespace {

// Signed distance from a to b in 32-bit sequence space (RFC 1982 style).
int32_t seq_distance(uint32_t a, uint32_t b) { return static_cast<int32_t>(b - a); }

}  // namespace

ByteOrder DirectionFraming::byte_order(ByteOrderPref pref, const uint8_t header[4],
                                       uint32_t max_len) {
    if (!order_decided_) {
        order_ = choose_byte_order(pref, header, max_len);
        order_decided_ = true;
    }
    return order_;
}

void DirectionFraming::lose_framing(uint32_t frame) {
    if (lost_at_frame_ == 0) lost_at_frame_ = frame;
}

bool DirectionFraming::framing_lost_before(uint32_t frame) const {
    return lost_at_frame_ != 0 && frame > lost_at_frame_;
}

void DirectionFraming::header_at(uint32_t header_seq, uint32_t length, uint32_t frame) {
    // Retransmitted or out-of-order headers behind the current one change nothing.
    if (have_message_ && seq_distance(message_start_, header_seq) <= 0) return;
    have_message_ = true;
    message_start_ = header_seq;
    message_end_ = header_seq + kHeaderLen + length;
    message_index_ = messages_ + 1;  // headers are framed before they are numbered
    message_frame_ = frame;
}

uint32_t DirectionFraming::continued_message_index() {
    if (messages_ < message_index_) messages_ = message_index_;
    return message_index_;
}

bool DirectionFraming::offset_in_message(uint32_t seq, uint32_t &offset) const {
    // Unsigned offsets from the header: a message claiming up to 0x7FFFFFFF
    // bytes spans more sequence space than a signed distance reaches.
    offset = seq - message_start_;
    return have_message_ && offset < message_end_ - message_start_;
}

uint32_t DirectionFraming::continuation_bytes(uint32_t seq, uint32_t len) const {
    uint32_t offset;
    if (!offset_in_message(seq, offset) || offset < kHeaderLen) return 0;
    const uint32_t to_end = message_end_ - message_start_ - offset;
    return to_end < len ? to_end : len;
}

bool DirectionFraming::message_cut_at(uint32_t stream_end, CutMessage &cut) const {
    uint32_t offset;
    if (!offset_in_message(stream_end, offset)) return false;
    cut.index = message_index_;
    cut.length = message_end_ - message_start_ - kHeaderLen;
    cut.present = offset > kHeaderLen ? offset - kHeaderLen : 0;
    return true;
}

}  // namespace labproto
