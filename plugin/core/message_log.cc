#include "message_log.h"

#include <algorithm>
#include <cstring>

namespace labproto {
namespace {

// The element whose `key` member equals `frame` in a vector sorted by it,
// except that the last element's key may still be 0 (not known yet).
template <typename T>
const T *find_by_frame(const std::vector<T> &items, uint32_t T::*key, uint32_t frame) {
    auto end = items.end();
    if (frame == 0) return nullptr;
    if (!items.empty() && items.back().*key == 0) --end;
    auto it = std::lower_bound(items.begin(), end, frame,
                               [key](const T &item, uint32_t f) { return item.*key < f; });
    return it != end && (*it).*key == frame ? &*it : nullptr;
}

}  // namespace

void MessageLog::numbered(uint32_t frame, uint32_t index) {
    // A frame dissected again on the first pass keeps its first numbering.
    if (!first_index_.empty() && first_index_.back().frame >= frame) return;
    first_index_.push_back({frame, index});
}

uint32_t MessageLog::index_in(uint32_t frame, uint32_t nth) const {
    const FirstIndex *first = find_by_frame(first_index_, &FirstIndex::frame, frame);
    return first ? first->index + nth : 0;
}

void MessageLog::split_header(uint32_t frame, uint32_t index, uint32_t length,
                              const uint8_t header[4], uint32_t body_seq) {
    SplitMessage split;
    split.index = index;
    split.length = length;
    std::memcpy(split.header, header, sizeof split.header);
    split.body_seq = body_seq;
    split.header_frame = frame;
    // A header whose body never came is superseded by the next one.
    if (SplitMessage *previous = awaiting()) {
        *previous = split;
        return;
    }
    splits_.push_back(split);
}

SplitMessage *MessageLog::awaiting() {
    return !splits_.empty() && splits_.back().body_frame == 0 ? &splits_.back() : nullptr;
}

const SplitMessage *MessageLog::awaiting_body_at(uint32_t seq) const {
    const SplitMessage *last = splits_.empty() ? nullptr : &splits_.back();
    return last && last->body_frame == 0 && last->body_seq == seq ? last : nullptr;
}

void MessageLog::body_started(uint32_t frame) {
    if (SplitMessage *split = awaiting()) split->body_start_frame = frame;
}

void MessageLog::body_found(uint32_t frame) {
    if (SplitMessage *split = awaiting()) {
        if (split->body_start_frame == 0) split->body_start_frame = frame;
        split->body_frame = frame;
    }
}

const SplitMessage *MessageLog::split_with_header_in(uint32_t frame) const {
    return find_by_frame(splits_, &SplitMessage::header_frame, frame);
}

const SplitMessage *MessageLog::split_with_body_in(uint32_t frame) const {
    return find_by_frame(splits_, &SplitMessage::body_frame, frame);
}

const SplitMessage *MessageLog::split_with_body_starting_in(uint32_t frame) const {
    return find_by_frame(splits_, &SplitMessage::body_start_frame, frame);
}

}  // namespace labproto
