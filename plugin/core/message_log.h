// What the first pass decided about one direction's messages, kept for the
// later passes (tshark -2, the GUI) that dissect frames again, in any order,
// with TCP handing over exactly the same data: the index each frame's
// messages got, the split messages (a header alone at the end of a segment,
// its body in the next), and every chunk of data that did not start where a
// message starts.
//
// Memory grows with the capture: a few bytes per frame that carries
// messages, one entry per split message, and one per irregular chunk
// (retransmitted or missing data), all in the arena of the file.
#pragma once

#include <cstdint>
#include <vector>

#include "arena.h"
#include "length_prefix.h"

namespace labproto {

// A message whose header ended one segment and whose body starts the next:
// the lab's send(len) then send(buf). Either TCP reassembles the two, and
// this record links their frames, or labproto pairs them itself (TCP would
// keep a copy of every such message for the life of the file) and this
// record is what it costs.
struct SplitMessage {
    uint32_t index = 0;                  // 1-based, within the direction
    uint32_t length = 0;                 // body bytes the header announces
    uint8_t header[kMaxHeaderLen] = {};  // the header as sent
    uint32_t body_seq = 0;               // sequence number of the body's first byte
    uint32_t header_frame = 0;           // the frame whose segment the header ended
    uint32_t body_start_frame = 0;       // where the body started (0: not seen)
    uint32_t body_frame = 0;             // where the message was shown (0: not yet)
};

// How a chunk of data began, when not with a message.
enum class Lead : uint8_t {
    kNone = 0,      // with a header, or with the body of a split message
    kOldData,       // with bytes already framed (a retransmission TCP handed over)
    kContinuation,  // with the rest of a body shown in part (reassembly off, or cut by the capture)
    kMissingStart,  // with the rest of a body whose start never reached labproto
    kUnsynced,      // where it is not known where messages begin
};

// One chunk of data that the first pass did not simply frame from its start.
struct ChunkEntry {
    uint32_t frame = 0;
    uint32_t seq = 0;         // sequence number of the chunk's first byte
    Lead lead = Lead::kNone;  // what its first `lead_bytes` were
    uint32_t lead_bytes = 0;
    uint32_t lead_message = 0;  // the message those bytes belong to (continuation, missing start)
    uint32_t missing = 0;       // bytes that never reached labproto just before this chunk
    uint32_t abandoned = 0;     // a message whose body never came whole (index; 0: none)
    uint32_t abandoned_length = 0;
    uint32_t late_split = 0;  // the split message whose body came after a gap (index)
};

class MessageLog {
  public:
    explicit MessageLog(Arena *arena);

    // First pass: the first message numbered in `frame` got `index`; later
    // ones in the frame are numbered consecutively.
    void numbered(uint32_t frame, uint32_t index);
    // Index of the `nth` (0-based) message numbered in `frame` (0: unknown).
    uint32_t index_in(uint32_t frame, uint32_t nth) const;

    // First pass: a split message's header; returns the record.
    SplitMessage &add_split(const SplitMessage &split);
    // The split message whose header ended `frame`'s segment (null: none).
    const SplitMessage *split_with_header_in(uint32_t frame) const;
    // The split message whose body started, or was shown, in `frame` (null:
    // none). No split header is framed between a header and its body, so it
    // is the last one whose header came before the frame.
    const SplitMessage *split_with_body_in(uint32_t frame) const;
    // The split message numbered `index` (null: none).
    const SplitMessage *split_with_index(uint32_t index) const;
    SplitMessage *split_with_index(uint32_t index);

    // First pass: a chunk that did not start with a message.
    void add_chunk(const ChunkEntry &chunk);
    // Later passes: the entry of the chunk at `seq` in `frame` (null: it
    // started with a message).
    const ChunkEntry *chunk_at(uint32_t frame, uint32_t seq) const;

  private:
    struct FirstIndex {
        uint32_t frame;
        uint32_t index;
    };
    template <typename T>
    using Vector = std::vector<T, ArenaAllocator<T>>;

    Vector<FirstIndex> first_index_;  // by frame
    Vector<SplitMessage> splits_;     // by header frame (and index)
    Vector<ChunkEntry> chunks_;       // by frame, then as TCP handed them over
};

}  // namespace labproto
