// One direction of a TCP stream as a sequence of length-prefixed messages:
// where each message starts, which index it gets, and what to make of data
// that does not start where a message starts.
//
// TCP hands the dissector chunks of the direction's data: one segment, the
// rest of a segment after a message TCP reassembled, or a run of segments TCP
// reassembled on request. MessageStream frames them in sequence space: it
// knows the sequence number where the next header starts, so a chunk that
// begins elsewhere (a retransmission TCP let through, the rest of a body, a
// chunk after data that never arrived) is recognised instead of being read
// as a header, which would lose the rest of the direction.
//
// On the first pass it decides; on later passes (tshark -2, the GUI, in any
// frame order) TCP hands over exactly the same chunks, and every decision is
// replayed from the MessageLog, so every pass shows the same messages in
// the same frames.
#pragma once

#include <cstdint>

#include "byte_order.h"
#include "length_prefix.h"
#include "message_log.h"

namespace labproto {

// One chunk of a direction's data, as TCP hands it over.
struct Chunk {
    uint32_t frame = 0;
    uint32_t seq = 0;               // sequence number of its first byte
    uint32_t length = 0;            // bytes it carries
    uint32_t captured = 0;          // of which the capture holds (from the start)
    const uint8_t *data = nullptr;  // the captured bytes
    uint32_t segment_end = 0;       // sequence number after the frame's TCP segment
    bool reassembly = false;        // TCP reassembles what the dissector asks for
    bool visited = false;           // a later pass
};

// How a chunk starts.
enum class ChunkStart : uint8_t {
    kMessages,     // messages (after `entry.lead_bytes` of lead, if any)
    kSplitBody,    // the body of `split`: `body_bytes` of it, then messages
    kAwaitBody,    // the body of `split`, which TCP has to reassemble first
    kHeldMessage,  // the message of `split` whole, which TCP held until it was: shown,
                   // the rest left alone (framing had moved on past a gap)
    kUnframed,     // the direction's framing was lost at a malformed length
};

struct ChunkPlan {
    ChunkStart start = ChunkStart::kMessages;
    ChunkEntry entry;                     // lead bytes and notes (lead kNone: none)
    const SplitMessage *split = nullptr;  // kSplitBody, kAwaitBody
    uint32_t body_bytes = 0;              // kSplitBody: body bytes in this chunk
    // Offset in the chunk where framing continues (== length: nothing left).
    uint32_t frame_from = 0;
};

// What one header frames.
enum class PduKind : uint8_t {
    kMessage,      // header and body
    kSplitHeader,  // a header alone at the end of its segment: its body follows
    kHeldHeader,   // the same, for TCP to reassemble with its body (LoneHeaders::kHeldByTcp)
    kBadLength,    // a length that cannot be right: framing is lost here
};

// What becomes of a header sent alone (the lab's send(len); send(buf)).
enum class LoneHeaders : uint8_t {
    // TCP reassembles it with its body, as any message split across
    // segments: TCP then also puts a body together whose segments came out
    // of order (the first lost, then retransmitted after later ones), which
    // it hands to no dissector otherwise. TCP keeps a copy of each.
    kHeldByTcp,
    // labproto pairs it with its body itself (message_log.h): TCP keeps no
    // copy, but with TCP's default preferences a body whose first segment
    // was overtaken never comes whole.
    kPaired,
};

struct Pdu {
    PduKind kind = PduKind::kMessage;
    MessageLength length;
    ByteOrder order = ByteOrder::kLittle;
    uint32_t bytes = 0;  // what the PDU takes of the chunk (kBadLength: 0)
};

// A message whose body the stream stopped short of.
struct CutMessage {
    uint32_t index;    // 1-based, within the direction
    uint32_t length;   // announced body length
    uint32_t present;  // body bytes sent before the cut
};

class MessageStream {
  public:
    MessageStream(Arena *arena, const LengthPrefix &format, ByteOrderPref pref,
                  LoneHeaders lone_headers);

    const LengthPrefix &format() const { return format_; }

    // First pass: the handshake says the direction's data starts at `seq`.
    void expect_data_at(uint32_t seq);
    // Whether `seq` is where the direction's data starts (true: not known).
    bool at_data_start(uint32_t seq) const { return !data_start_known_ || seq == data_start_; }

    // How `chunk` starts.
    ChunkPlan begin_chunk(const Chunk &chunk);

    // The header at sequence number `seq` in `chunk` (header_len() bytes).
    Pdu header(const Chunk &chunk, uint32_t seq, const uint8_t *header);
    // The byte order a header of this direction is read in.
    ByteOrder order_of(const uint8_t *header) { return order_.order_for(header, format_, pref_); }
    // What the header of a split message frames (its byte order and length).
    Pdu split_pdu(const SplitMessage &split);
    // Whether TCP reassembles a header sent alone with its body (every
    // split message of the direction then is).
    bool holds_lone_headers() const { return lone_headers_ == LoneHeaders::kHeldByTcp; }
    // First pass: the capture cut the chunk inside a header at `seq`.
    void header_cut(const Chunk &chunk, uint32_t seq);

    // Index of the message (or split header) numbered `nth` in the chunk's
    // frame; on the first pass also records that it was shown. A split
    // message's body passes its `split`.
    uint32_t number_message(const Chunk &chunk, uint32_t nth, const SplitMessage *split = nullptr);

    // Whether framing was lost before `seq` in `frame` (at a malformed length).
    bool framing_lost_before(uint32_t frame, uint32_t seq) const;
    uint32_t framing_lost_at() const { return lost_frame_; }

    // Messages framed so far (first pass: the last index given).
    uint32_t messages() const { return messages_; }
    // The frame of the last header framed (0: none).
    uint32_t last_header_frame() const { return have_current_ ? current_.header_frame : 0; }
    // Whether the direction's data ending at `stream_end` (where a FIN, a
    // RST or the capture cut it) stops inside the last message framed.
    bool message_cut_at(uint32_t stream_end, CutMessage &cut) const;

    const MessageLog &log() const { return log_; }

  private:
    struct Current {
        uint32_t start = 0;  // sequence number of its header
        uint32_t end = 0;    // first sequence number after its body
        uint32_t index = 0;
        uint32_t length = 0;
        uint32_t header_frame = 0;
        bool shown = false;  // dissected, whole or in part
    };

    ChunkPlan first_pass(const Chunk &chunk);
    ChunkPlan unsynced(const Chunk &chunk);
    ChunkPlan replay(const Chunk &chunk) const;
    ChunkPlan split_body(const Chunk &chunk, SplitMessage *split);
    ChunkPlan late_body(const Chunk &chunk, SplitMessage *split);
    ChunkPlan late_held(const Chunk &chunk, SplitMessage *split);
    ChunkPlan late_plan(const Chunk &chunk, const SplitMessage *split) const;
    ChunkPlan lead_in(const Chunk &chunk);
    ChunkPlan after_gap(const Chunk &chunk);
    bool starts_with_message(const Chunk &chunk) const;
    void note_abandoned(ChunkEntry &entry) const;
    void sync_at(uint32_t seq);
    ChunkPlan recorded(ChunkPlan plan);

    MessageLog log_;
    LengthPrefix format_;
    ByteOrderPref pref_;
    ByteOrderChoice order_;
    LoneHeaders lone_headers_;

    bool data_start_known_ = false;
    uint32_t data_start_ = 0;
    bool synced_ = false;
    uint32_t next_seq_ = 0;  // where the next header starts
    bool seen_any_ = false;
    uint32_t seen_end_ = 0;  // after the furthest data seen
    bool have_current_ = false;
    Current current_;                  // the last header framed
    SplitMessage *pending_ = nullptr;  // a split header whose body has not been shown
    uint32_t held_ = 0;                // a header TCP holds until its body comes (index; 0: none)
    // A split header whose body had not come when data went missing: TCP may
    // still hand it over (a retransmission completing what it held). Its
    // index, not a pointer: later splits move the log's entries.
    uint32_t orphan_ = 0;
    uint32_t messages_ = 0;
    uint32_t lost_frame_ = 0;  // 0: framing intact
    uint32_t lost_seq_ = 0;
};

}  // namespace labproto
