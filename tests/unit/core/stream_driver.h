// A model of how Wireshark drives MessageStream, for tests and fuzzers:
// TCP's reassembly with its default preferences (it hands over segments, and
// reassembles from where the dissector asks until it has the bytes asked
// for, putting a segment that falls inside what it reassembles in its place
// even out of order) and the glue in packet-labproto.cc (begin_chunk, then
// tcp_dissect_pdus over the rest).
//
// Feed it one direction's segments in order; it records every message
// shown, and every chunk TCP handed over, so that a later pass can replay
// them (in any frame order) and be compared with the first.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "message_stream.h"

namespace labproto_test {

using labproto::Chunk;
using labproto::ChunkPlan;
using labproto::ChunkStart;
using labproto::MessageStream;
using labproto::Pdu;
using labproto::PduKind;

// The core draws from malloc here; the tests free nothing until the end.
class MallocArena final : public labproto::Arena {
  public:
    void *allocate(size_t bytes) override { return std::malloc(bytes); }
    void release(void *memory) override { std::free(memory); }
};

// What the dissector showed of one message (or split header, or a
// malformed length) in a frame.
struct Shown {
    enum Kind { kMessage, kSplitHeader, kBadLength } kind = kMessage;
    uint32_t frame = 0;
    uint32_t index = 0;
    uint32_t length = 0;  // body length announced
    std::string body;     // the body bytes shown
    bool partial = false;
    uint32_t header_frame = 0;  // a split message: where its header was

    bool operator==(const Shown &o) const {
        return kind == o.kind && frame == o.frame && index == o.index && length == o.length &&
               body == o.body && partial == o.partial && header_frame == o.header_frame;
    }
};

// A chunk as TCP handed it over, kept for replay.
struct Handed {
    uint32_t frame;
    uint32_t seq;
    std::string data;
    uint32_t segment_end;
    bool reassembly;
};

class StreamDriver {
  public:
    explicit StreamDriver(const labproto::LengthPrefix &format = {},
                          labproto::ByteOrderPref pref = labproto::ByteOrderPref::kAuto,
                          bool reassembly = true,
                          labproto::LoneHeaders lone = labproto::LoneHeaders::kPaired)
        : stream_(&arena_, format, pref, lone), reassembly_(reassembly) {}

    MessageStream &stream() { return stream_; }
    const std::vector<Shown> &shown() const { return shown_; }
    const std::vector<Handed> &handed() const { return handed_; }
    std::vector<ChunkPlan> plans() const { return plans_; }

    // One TCP segment of the direction, in frame `frame`.
    void segment(uint32_t frame, uint32_t seq, const std::string &data) {
        if (data.empty()) return;  // TCP hands over no empty segments
        piece(frame, seq, data, seq + static_cast<uint32_t>(data.size()));
    }

    // Later pass: the chunks of `frames` handed over again (all when empty).
    std::vector<Shown> replay(const std::vector<uint32_t> &frames = {}) {
        std::vector<Shown> out;
        std::map<uint32_t, uint32_t> numbered;
        std::vector<uint32_t> order = frames;
        if (order.empty())
            for (const Handed &h : handed_) order.push_back(h.frame);
        order.erase(std::unique(order.begin(), order.end()), order.end());
        for (uint32_t frame : order) {
            numbered_in_frame_ = 0;
            for (const Handed &h : handed_)
                if (h.frame == frame) run(h, true, &out);
        }
        return out;
    }

  private:
    struct Msp {
        uint32_t start;
        uint32_t need;  // bytes from start
        bool whole_segment;
        std::string data;                       // from start, in order
        std::map<uint32_t, std::string> ahead;  // by offset: came before the bytes ahead of them
    };

    // Data of a segment ending at `segment_end`: handed over, or added to
    // the reassembly in progress (which, once whole, is handed over, and
    // what follows it in the segment after it).
    void piece(uint32_t frame, uint32_t seq, const std::string &data, uint32_t segment_end) {
        if (!msp_) {
            deliver(frame, seq, data, segment_end);
            return;
        }
        // In sequence space, which wraps at 2^32 (a size_t sum would not).
        const uint32_t msp_end = msp_->start + static_cast<uint32_t>(msp_->data.size());
        if (seq != msp_end) {
            // Inside the reassembly but ahead of its end: kept in its place.
            // After it (data went missing): handed over, the reassembly left
            // waiting. Anything else is old data, which TCP drops.
            const uint32_t offset = seq - msp_->start;
            if (msp_->whole_segment || offset <= msp_->data.size() || offset >= 0x80000000u) return;
            if (offset < msp_->need)
                msp_->ahead[offset] = data;
            else
                deliver(frame, seq, data, segment_end);
            return;
        }
        msp_->data += data;
        while (!msp_->ahead.empty() && msp_->ahead.begin()->first <= msp_->data.size()) {
            const auto first = msp_->ahead.begin();
            const size_t overlap = msp_->data.size() - first->first;
            if (overlap < first->second.size()) msp_->data += first->second.substr(overlap);
            msp_->ahead.erase(first);
        }
        if (!msp_->whole_segment && msp_->data.size() < msp_->need) return;
        const uint32_t need =
            msp_->whole_segment ? static_cast<uint32_t>(msp_->data.size()) : msp_->need;
        const uint32_t start = msp_->start;
        const std::string whole = msp_->data.substr(0, need);
        const std::string rest = msp_->data.substr(need);
        msp_.reset();
        deliver(frame, start, whole, segment_end);
        if (!rest.empty()) piece(frame, start + need, rest, segment_end);
    }

    void deliver(uint32_t frame, uint32_t seq, const std::string &data, uint32_t segment_end) {
        if (frame != last_frame_) numbered_in_frame_ = 0;
        last_frame_ = frame;
        Handed h{frame, seq, data, segment_end, reassembly_};
        handed_.push_back(h);
        run(h, false, &shown_);
    }

    void ask(const Handed &h, uint32_t offset, uint32_t more, bool whole_segment, bool visited) {
        if (visited) return;  // TCP keeps its first-pass reassembly
        Msp msp;
        msp.start = h.seq + offset;
        msp.data = h.data.substr(offset);
        msp.need = static_cast<uint32_t>(msp.data.size()) + more;
        msp.whole_segment = whole_segment;
        msp_ = msp;
    }

    Shown show(Shown::Kind kind, const Handed &h, uint32_t index, uint32_t length,
               const std::string &body, bool partial, uint32_t header_frame) {
        Shown s;
        s.kind = kind;
        s.frame = h.frame;
        s.index = index;
        s.length = length;
        s.body = body;
        s.partial = partial;
        s.header_frame = header_frame;
        return s;
    }

    void run(const Handed &h, bool visited, std::vector<Shown> *out) {
        Chunk chunk;
        chunk.frame = h.frame;
        chunk.seq = h.seq;
        chunk.length = chunk.captured = static_cast<uint32_t>(h.data.size());
        chunk.data = reinterpret_cast<const uint8_t *>(h.data.data());
        chunk.segment_end = h.segment_end;
        chunk.reassembly = h.reassembly;
        chunk.visited = visited;
        const ChunkPlan plan = stream_.begin_chunk(chunk);
        if (!visited) plans_.push_back(plan);
        const uint32_t header_len = stream_.format().header_len();
        switch (plan.start) {
            case ChunkStart::kUnframed:
                return;
            case ChunkStart::kAwaitBody:
                ask(h, 0, plan.split->length - chunk.length, false, visited);
                return;
            case ChunkStart::kSplitBody:
                out->push_back(show(Shown::kMessage, h,
                                    stream_.number_message(chunk, numbered_in_frame_++, plan.split),
                                    plan.split->length, h.data.substr(0, plan.body_bytes),
                                    plan.body_bytes < plan.split->length,
                                    plan.split->header_frame));
                break;
            case ChunkStart::kHeldMessage:
                out->push_back(
                    show(Shown::kMessage, h,
                         stream_.number_message(chunk, numbered_in_frame_++, plan.split),
                         plan.split->length, h.data.substr(header_len, plan.split->length),
                         chunk.length < header_len + plan.split->length, plan.split->header_frame));
                break;
            case ChunkStart::kMessages:
                break;
        }
        uint32_t offset = plan.frame_from;
        while (offset < chunk.length) {
            const uint32_t remaining = chunk.length - offset;
            if (remaining < header_len) {
                if (h.reassembly)
                    ask(h, offset, 1, true, visited);
                else
                    stream_.header_cut(chunk, h.seq + offset);
                return;
            }
            const uint8_t *header = chunk.data + offset;
            const Pdu pdu = stream_.header(chunk, h.seq + offset, header);
            if (pdu.kind == PduKind::kBadLength) {
                out->push_back(show(Shown::kBadLength, h,
                                    stream_.number_message(chunk, numbered_in_frame_++), 0, "",
                                    false, 0));
                return;
            }
            if (h.reassembly && remaining < pdu.bytes) {
                ask(h, offset, pdu.bytes - remaining, false, visited);
                return;
            }
            const uint32_t index = stream_.number_message(chunk, numbered_in_frame_++);
            if (pdu.kind == PduKind::kHeldHeader) {  // shown by nothing: TCP holds it
                ask(h, offset, pdu.length.body, false, visited);
                return;
            }
            if (pdu.kind == PduKind::kSplitHeader) {
                out->push_back(show(Shown::kSplitHeader, h, index, pdu.length.body, "", false, 0));
            } else {
                const uint32_t take = std::min(pdu.bytes, remaining);
                // A header sent alone that TCP reassembled with its body.
                const labproto::SplitMessage *held = stream_.log().split_with_body_in(h.frame);
                const bool elsewhere =
                    held && held->index == index && held->header_frame != h.frame;
                out->push_back(show(Shown::kMessage, h, index, pdu.length.body,
                                    h.data.substr(offset + header_len, take - header_len),
                                    take < pdu.bytes, elsewhere ? held->header_frame : 0));
            }
            offset += pdu.bytes;
        }
    }

    MallocArena arena_;
    MessageStream stream_;
    bool reassembly_;
    std::vector<Shown> shown_;
    std::vector<Handed> handed_;
    std::vector<ChunkPlan> plans_;
    std::optional<Msp> msp_;
    uint32_t last_frame_ = 0;
    uint32_t numbered_in_frame_ = 0;
};

// The bytes of messages as a lab client sends them: a 4-byte little-endian
// length, then the body.
inline std::string le32(uint32_t n) {
    return std::string{static_cast<char>(n), static_cast<char>(n >> 8), static_cast<char>(n >> 16),
                       static_cast<char>(n >> 24)};
}
inline std::string be32(uint32_t n) {
    return std::string{static_cast<char>(n >> 24), static_cast<char>(n >> 16),
                       static_cast<char>(n >> 8), static_cast<char>(n)};
}
inline std::string message(const std::string &body) {
    return le32(static_cast<uint32_t>(body.size())) + body;
}

}  // namespace labproto_test
