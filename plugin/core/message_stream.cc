#include "message_stream.h"

#include <algorithm>
#include <cstring>

#include "heuristic.h"

namespace labproto {
namespace {

// Whether sequence number a comes before b (RFC 1982 style, across the wrap).
bool before(uint32_t a, uint32_t b) { return static_cast<int32_t>(a - b) < 0; }

// A plan for `chunk` that frames it from its start.
ChunkPlan plan_for(const Chunk &chunk) {
    ChunkPlan plan;
    plan.entry.frame = chunk.frame;
    plan.entry.seq = chunk.seq;
    return plan;
}

}  // namespace

MessageStream::MessageStream(Arena *arena, const LengthPrefix &format, ByteOrderPref pref,
                             LoneHeaders lone_headers)
    : log_(arena), format_(format), pref_(pref), lone_headers_(lone_headers) {}

void MessageStream::expect_data_at(uint32_t seq) {
    if (synced_) return;
    data_start_known_ = true;
    data_start_ = seq;
}

bool MessageStream::framing_lost_before(uint32_t frame, uint32_t seq) const {
    if (lost_frame_ == 0) return false;
    return frame > lost_frame_ || (frame == lost_frame_ && before(lost_seq_, seq));
}

void MessageStream::sync_at(uint32_t seq) {
    synced_ = true;
    next_seq_ = seq;
}

bool MessageStream::starts_with_message(const Chunk &chunk) const {
    return chunk.data && labproto::starts_with_message(chunk.data, chunk.captured, chunk.length,
                                                       format_, pref_, Evidence::kMessages);
}

ChunkPlan MessageStream::recorded(ChunkPlan plan) {
    log_.add_chunk(plan.entry);
    return plan;
}

// The last message framed never came whole: its body (or part of it) did
// not reach labproto, and data after it did.
void MessageStream::note_abandoned(ChunkEntry &entry) const {
    if (!have_current_ || current_.shown) return;
    entry.abandoned = current_.index;
    entry.abandoned_length = current_.length;
}

ChunkPlan MessageStream::begin_chunk(const Chunk &chunk) {
    if (framing_lost_before(chunk.frame, chunk.seq)) {
        ChunkPlan plan = plan_for(chunk);
        plan.start = ChunkStart::kUnframed;
        plan.frame_from = chunk.length;
        return plan;
    }
    if (chunk.visited) return replay(chunk);
    ChunkPlan plan = first_pass(chunk);
    const uint32_t end = chunk.seq + chunk.length;
    if (!seen_any_ || before(seen_end_, end)) seen_end_ = end;
    seen_any_ = true;
    return plan;
}

// Not known where messages begin: the capture started mid-conversation,
// or data went missing. A chunk that starts like a message, after all data
// seen so far, is taken as the start of one.
ChunkPlan MessageStream::unsynced(const Chunk &chunk) {
    ChunkPlan plan = plan_for(chunk);
    const bool old = seen_any_ && before(chunk.seq, seen_end_);
    if (!old && starts_with_message(chunk)) {
        sync_at(chunk.seq);
        return plan;
    }
    plan.entry.lead = old ? Lead::kOldData : Lead::kUnsynced;
    plan.entry.lead_bytes = chunk.length;
    plan.frame_from = chunk.length;
    return recorded(plan);
}

ChunkPlan MessageStream::first_pass(const Chunk &chunk) {
    ChunkPlan plan = plan_for(chunk);
    if (!synced_ && !seen_any_ && data_start_known_) sync_at(data_start_);
    if (SplitMessage *orphan = log_.split_with_index(orphan_)) {
        if (holds_lone_headers() && chunk.seq == orphan->body_seq - format_.header_len())
            return late_held(chunk, orphan);
        if (!holds_lone_headers() && chunk.seq == orphan->body_seq) return late_body(chunk, orphan);
    }
    if (!synced_) return unsynced(chunk);
    // TCP hands over the message it reassembled for us.
    if (have_current_ && !current_.shown && chunk.seq == current_.start && !pending_) {
        if (SplitMessage *held = log_.split_with_index(held_)) held->body_frame = chunk.frame;
        held_ = 0;
        return plan;
    }
    if (pending_ && chunk.seq == pending_->body_seq) return split_body(chunk, pending_);
    // TCP hands over the body of a header it was to hold, instead of the
    // two: it cannot reassemble a segment the capture cut short. labproto
    // pairs them as it would have.
    if (SplitMessage *held = log_.split_with_index(held_)) {
        if (chunk.seq == held->body_seq) {
            held_ = 0;
            pending_ = held;
            return split_body(chunk, held);
        }
    }
    if (chunk.seq == next_seq_) {
        note_abandoned(plan.entry);
        return plan.entry.abandoned ? recorded(plan) : plan;
    }
    if (before(chunk.seq, next_seq_)) return lead_in(chunk);
    return after_gap(chunk);
}

ChunkPlan MessageStream::split_body(const Chunk &chunk, SplitMessage *split) {
    ChunkPlan plan = plan_for(chunk);
    plan.split = split;
    if (chunk.length < split->length && chunk.reassembly && chunk.captured == chunk.length) {
        split->body_start_frame = chunk.frame;
        plan.start = ChunkStart::kAwaitBody;
        plan.frame_from = chunk.length;
        return plan;
    }
    if (split->body_start_frame == 0) split->body_start_frame = chunk.frame;
    split->body_frame = chunk.frame;
    pending_ = nullptr;
    current_.shown = true;
    plan.start = ChunkStart::kSplitBody;
    plan.body_bytes = std::min(split->length, chunk.length);
    plan.frame_from = plan.body_bytes;
    return plan;
}

// The body of a split message, come after framing moved on past a gap:
// shown, and the rest of its chunk left alone (where it stands in the
// framing now is not known).
ChunkPlan MessageStream::late_body(const Chunk &chunk, SplitMessage *split) {
    if (chunk.length < split->length && chunk.reassembly && chunk.captured == chunk.length) {
        split->body_start_frame = chunk.frame;
    } else {
        if (split->body_start_frame == 0) split->body_start_frame = chunk.frame;
        split->body_frame = chunk.frame;
        orphan_ = 0;
    }
    const ChunkPlan plan = late_plan(chunk, split);
    log_.add_chunk(plan.entry);
    return plan;
}

// A header sent alone whose body came after framing moved on past a gap:
// TCP held the two and hands them over whole.
ChunkPlan MessageStream::late_held(const Chunk &chunk, SplitMessage *split) {
    split->body_frame = chunk.frame;
    orphan_ = 0;
    const ChunkPlan plan = late_plan(chunk, split);
    log_.add_chunk(plan.entry);
    return plan;
}

ChunkPlan MessageStream::late_plan(const Chunk &chunk, const SplitMessage *split) const {
    ChunkPlan plan = plan_for(chunk);
    plan.split = split;
    plan.entry.late_split = split->index;
    plan.frame_from = chunk.length;
    if (holds_lone_headers()) {
        plan.start = ChunkStart::kHeldMessage;
        return plan;
    }
    if (chunk.frame != split->body_frame) {
        plan.start = ChunkStart::kAwaitBody;
        return plan;
    }
    plan.start = ChunkStart::kSplitBody;
    plan.body_bytes = std::min(split->length, chunk.length);
    return plan;
}

// A chunk that starts before the next header: bytes already framed, or the
// rest of the current message's body.
ChunkPlan MessageStream::lead_in(const Chunk &chunk) {
    ChunkPlan plan = plan_for(chunk);
    plan.entry.lead_bytes = std::min(chunk.length, next_seq_ - chunk.seq);
    plan.frame_from = plan.entry.lead_bytes;
    const uint32_t body_start = current_.start + format_.header_len();
    const bool in_body =
        have_current_ && !before(chunk.seq, body_start) && before(chunk.seq, current_.end);
    if (!in_body) {
        plan.entry.lead = Lead::kOldData;
    } else {
        plan.entry.lead = current_.shown ? Lead::kContinuation : Lead::kMissingStart;
        plan.entry.lead_message = current_.index;
        if (!current_.shown) {
            // Its start never came: it is not shown, and no longer awaited.
            note_abandoned(plan.entry);
            current_.shown = true;
            pending_ = nullptr;
        }
    }
    return recorded(plan);
}

// A chunk that starts after the next header: the data in between never
// reached labproto (lost, or a retransmission TCP did not hand over).
ChunkPlan MessageStream::after_gap(const Chunk &chunk) {
    ChunkPlan plan = plan_for(chunk);
    plan.entry.missing = chunk.seq - next_seq_;
    if (pending_)
        orphan_ = pending_->index;  // its body may still come
    else if (held_ != 0 && held_ == current_.index)
        orphan_ = held_;  // TCP may still complete it
    else
        note_abandoned(plan.entry);
    held_ = 0;
    have_current_ = false;  // what the gap held is unknown
    pending_ = nullptr;
    const bool old = seen_any_ && before(chunk.seq, seen_end_);
    if (!old && starts_with_message(chunk)) {
        sync_at(chunk.seq);
    } else {
        synced_ = false;
        plan.entry.lead = Lead::kUnsynced;
        plan.entry.lead_bytes = chunk.length;
        plan.frame_from = chunk.length;
    }
    return recorded(plan);
}

ChunkPlan MessageStream::replay(const Chunk &chunk) const {
    ChunkPlan plan = plan_for(chunk);
    const ChunkEntry *entry = log_.chunk_at(chunk.frame, chunk.seq);
    if (entry && entry->late_split)
        return late_plan(chunk, log_.split_with_index(entry->late_split));
    const SplitMessage *split = log_.split_with_body_in(chunk.frame);
    if (split && split->body_seq != chunk.seq) split = nullptr;
    if (split && chunk.frame == split->body_frame) {
        plan.start = ChunkStart::kSplitBody;
        plan.split = split;
        plan.body_bytes = std::min(split->length, chunk.length);
        plan.frame_from = plan.body_bytes;
        return plan;
    }
    if (split && chunk.frame == split->body_start_frame) {
        plan.start = ChunkStart::kAwaitBody;
        plan.split = split;
        plan.frame_from = chunk.length;
        return plan;
    }
    if (entry) {
        plan.entry = *entry;
        plan.frame_from = entry->lead_bytes;
    }
    return plan;
}

Pdu MessageStream::header(const Chunk &chunk, uint32_t seq, const uint8_t *header) {
    Pdu pdu;
    pdu.order = order_.order_for(header, format_, pref_);
    pdu.length = read_message_length(header, pdu.order, format_);
    const uint32_t header_len = format_.header_len();
    const bool fresh = !chunk.visited && synced_ && seq == next_seq_;
    if (fresh) {
        // A malformed length still numbers a message: the one the sender
        // meant to send there.
        have_current_ = true;
        current_ = Current{};
        current_.start = seq;
        current_.end = seq + header_len + pdu.length.body;
        current_.index = ++messages_;
        current_.length = pdu.length.body;
        current_.header_frame = chunk.frame;
        current_.shown = !pdu.length.usable();
        next_seq_ = current_.end;
        pending_ = nullptr;
        held_ = 0;
    }
    if (!pdu.length.usable()) {
        pdu.kind = PduKind::kBadLength;
        if (!chunk.visited) header_cut(chunk, seq);
        return pdu;
    }
    const uint32_t chunk_end = chunk.seq + chunk.length;
    const bool alone_at_segment_end = seq + header_len == chunk_end &&
                                      chunk_end == chunk.segment_end &&
                                      chunk.captured == chunk.length;
    if (pdu.length.body > 0 && chunk.reassembly && alone_at_segment_end) {
        const bool paired = lone_headers_ == LoneHeaders::kPaired;
        pdu.kind = paired ? PduKind::kSplitHeader : PduKind::kHeldHeader;
        pdu.bytes = header_len;
        if (fresh) {
            // Held by TCP, the record only links header and body frames.
            SplitMessage split;
            split.index = current_.index;
            split.length = current_.length;
            std::memcpy(split.header, header, header_len);
            split.body_seq = seq + header_len;
            split.header_frame = chunk.frame;
            SplitMessage &added = log_.add_split(split);
            if (paired)
                pending_ = &added;
            else
                held_ = added.index;
        }
        return pdu;
    }
    pdu.bytes = header_len + pdu.length.body;
    return pdu;
}

Pdu MessageStream::split_pdu(const SplitMessage &split) {
    Pdu pdu;
    pdu.order = order_of(split.header);
    pdu.length = read_message_length(split.header, pdu.order, format_);
    return pdu;
}

void MessageStream::header_cut(const Chunk &chunk, uint32_t seq) {
    if (lost_frame_ != 0) return;
    lost_frame_ = chunk.frame;
    lost_seq_ = seq;
}

uint32_t MessageStream::number_message(const Chunk &chunk, uint32_t nth,
                                       const SplitMessage *split) {
    if (chunk.visited) return log_.index_in(chunk.frame, nth);
    if (split) {
        if (nth == 0) log_.numbered(chunk.frame, split->index);
        return split->index;
    }
    if (nth == 0) log_.numbered(chunk.frame, current_.index);
    // A split header is numbered in its own frame; its message is shown
    // with the body.
    const bool lone_header =
        (pending_ && pending_->index == current_.index) || held_ == current_.index;
    if (!lone_header) current_.shown = true;
    return current_.index;
}

bool MessageStream::message_cut_at(uint32_t stream_end, CutMessage &cut) const {
    if (!have_current_) return false;
    const uint32_t offset = stream_end - current_.start;
    if (offset == 0 || offset >= current_.end - current_.start) return false;
    const uint32_t header_len = format_.header_len();
    cut.index = current_.index;
    cut.length = current_.length;
    cut.present = offset > header_len ? offset - header_len : 0;
    return true;
}

}  // namespace labproto
