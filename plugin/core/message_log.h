// What the first pass decided about one direction's messages, kept for the
// later passes (tshark -2, the GUI) that dissect frames again in any order:
// the index each frame's messages got, and where the header and body of each
// split message were.
//
// A split message is the lab's `send(len)` then `send(buf)`: its header ends
// one segment and its body starts the next. The dissector pairs the two
// itself instead of asking TCP to reassemble them, because TCP keeps every
// reassembled message (data and bookkeeping) for the life of the file; here
// a split message costs one entry, and the body stays in its own frame.
//
// Memory is a few bytes per frame with messages, not per message: it is the
// part of the plugin that grows with the capture.
#pragma once

#include <cstdint>
#include <vector>

namespace labproto {

struct SplitMessage {
    uint32_t index = 0;             // 1-based, within the direction
    uint32_t length = 0;            // body length from the header
    uint8_t header[4] = {};         // the header as sent
    uint32_t body_seq = 0;          // sequence number of the body's first byte
    uint32_t header_frame = 0;      // the frame the header ended
    uint32_t body_start_frame = 0;  // the frame the body started (0: not yet seen)
    uint32_t body_frame = 0;        // the frame the whole body was dissected in (0: not yet)
};

class MessageLog {
  public:
    // First pass: `frame` numbered its first message `index`; its later
    // messages are numbered consecutively. Frames arrive in order.
    void numbered(uint32_t frame, uint32_t index);
    // Index of the `nth` (0-based) message numbered in `frame` (0: unknown).
    uint32_t index_in(uint32_t frame, uint32_t nth) const;

    // First pass: a header ended its segment in `frame`; the body should
    // start at `body_seq`.
    void split_header(uint32_t frame, uint32_t index, uint32_t length, const uint8_t header[4],
                      uint32_t body_seq);
    // First pass: the split message whose body starts at `seq` and has not
    // been dissected yet (null: none).
    const SplitMessage *awaiting_body_at(uint32_t seq) const;
    // First pass: the awaited body starts in `frame`, and TCP reassembles it.
    void body_started(uint32_t frame);
    // First pass: the awaited body was dissected in `frame`.
    void body_found(uint32_t frame);

    // Later passes: the split message whose header, whole body or the start
    // of a body that TCP reassembles is in `frame` (null: none).
    const SplitMessage *split_with_header_in(uint32_t frame) const;
    const SplitMessage *split_with_body_in(uint32_t frame) const;
    const SplitMessage *split_with_body_starting_in(uint32_t frame) const;

  private:
    struct FirstIndex {
        uint32_t frame;
        uint32_t index;
    };

    SplitMessage *awaiting();

    std::vector<FirstIndex> first_index_;  // by frame
    std::vector<SplitMessage> splits_;     // by header frame; their body frames ascend too
};

}  // namespace labproto
