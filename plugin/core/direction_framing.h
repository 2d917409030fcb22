// What the dissector remembers about one direction of one TCP stream:
// the byte order chosen for its headers, how many messages it carried, where
// its framing was lost, and where its current message ends in sequence space.
//
// Kept trivially destructible and O(1) in size: one lives in Wireshark's
// file-scope memory per direction of every labproto stream.
#pragma once

#include <cstdint>

#include "byte_order.h"

namespace labproto {

// A message whose body the stream stopped short of.
struct CutMessage {
    uint32_t index;    // 1-based, within the direction
    uint32_t length;   // announced body length
    uint32_t present;  // body bytes sent before the cut
};

class DirectionFraming {
  public:
    // Decides the order on the first header and keeps it for the direction.
    ByteOrder byte_order(ByteOrderPref pref, const uint8_t header[4], uint32_t max_len);

    // 1-based index for the next message of this direction.
    uint32_t next_message_index() { return ++messages_; }
    uint32_t messages() const { return messages_; }

    // After a malformed length nothing later in the direction can be framed.
    void lose_framing(uint32_t frame);
    bool framing_lost_before(uint32_t frame) const;
    uint32_t framing_lost_at() const { return lost_at_frame_; }

    // Records a header at `header_seq` in `frame` announcing `length` body
    // bytes, so a later segment can be recognised as the rest of that body.
    void header_at(uint32_t header_seq, uint32_t length, uint32_t frame);
    // Frame of the last recorded header (0: none).
    uint32_t last_header_frame() const { return have_message_ ? message_frame_ : 0; }

    // 1-based index of the last recorded message, for a segment continuing
    // its body. Numbers that message if its header's frame did not: TCP keeps
    // a header for a reassembly that a segment the capture cut short never
    // completes, so no message was dissected there.
    uint32_t continued_message_index();

    // How many bytes at the start of the segment [seq, seq+len) continue the
    // body of the last recorded message (0 when the segment starts a header
    // or when nothing is known about it).
    uint32_t continuation_bytes(uint32_t seq, uint32_t len) const;

    // Whether the direction's data ending at `stream_end` (where its FIN or
    // the connection's RST cut it) stops inside the last recorded message.
    bool message_cut_at(uint32_t stream_end, CutMessage &cut) const;

  private:
    // How far `seq` lies into the last recorded message (false: outside it).
    bool offset_in_message(uint32_t seq, uint32_t &offset) const;

    uint32_t messages_ = 0;
    uint32_t lost_at_frame_ = 0;  // 0: framing intact
    bool order_decided_ = false;
    ByteOrder order_ = ByteOrder::kLittle;
    bool have_message_ = false;
    uint32_t message_start_ = 0;  // sequence number of the last header
    uint32_t message_end_ = 0;    // first sequence number after its body
    uint32_t message_index_ = 0;  // the index that message gets
    uint32_t message_frame_ = 0;  // where its header was seen
};

}  // namespace labproto
