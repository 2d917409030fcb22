#include "message_log.h"

#include <algorithm>

namespace labproto {

MessageLog::MessageLog(Arena *arena)
    : first_index_(ArenaAllocator<FirstIndex>(arena)),
      splits_(ArenaAllocator<SplitMessage>(arena)),
      chunks_(ArenaAllocator<ChunkEntry>(arena)) {}

void MessageLog::numbered(uint32_t frame, uint32_t index) {
    // A frame dissected again on the first pass keeps its first numbering.
    if (!first_index_.empty() && first_index_.back().frame >= frame) return;
    first_index_.push_back({frame, index});
}

uint32_t MessageLog::index_in(uint32_t frame, uint32_t nth) const {
    auto it = std::lower_bound(first_index_.begin(), first_index_.end(), frame,
                               [](const FirstIndex &f, uint32_t n) { return f.frame < n; });
    return it != first_index_.end() && it->frame == frame ? it->index + nth : 0;
}

SplitMessage &MessageLog::add_split(const SplitMessage &split) {
    splits_.push_back(split);
    return splits_.back();
}

const SplitMessage *MessageLog::split_with_header_in(uint32_t frame) const {
    auto it =
        std::lower_bound(splits_.begin(), splits_.end(), frame,
                         [](const SplitMessage &s, uint32_t f) { return s.header_frame < f; });
    return it != splits_.end() && it->header_frame == frame ? &*it : nullptr;
}

const SplitMessage *MessageLog::split_with_body_in(uint32_t frame) const {
    auto it =
        std::lower_bound(splits_.begin(), splits_.end(), frame,
                         [](const SplitMessage &s, uint32_t f) { return s.header_frame < f; });
    if (it == splits_.begin()) return nullptr;
    --it;
    return it->body_frame == frame || it->body_start_frame == frame ? &*it : nullptr;
}

const SplitMessage *MessageLog::split_with_index(uint32_t index) const {
    auto it = std::lower_bound(splits_.begin(), splits_.end(), index,
                               [](const SplitMessage &s, uint32_t i) { return s.index < i; });
    return it != splits_.end() && it->index == index ? &*it : nullptr;
}

SplitMessage *MessageLog::split_with_index(uint32_t index) {
    const MessageLog &self = *this;
    return const_cast<SplitMessage *>(self.split_with_index(index));
}

void MessageLog::add_chunk(const ChunkEntry &chunk) { chunks_.push_back(chunk); }

const ChunkEntry *MessageLog::chunk_at(uint32_t frame, uint32_t seq) const {
    auto it = std::lower_bound(chunks_.begin(), chunks_.end(), frame,
                               [](const ChunkEntry &c, uint32_t f) { return c.frame < f; });
    for (; it != chunks_.end() && it->frame == frame; ++it)
        if (it->seq == seq) return &*it;
    return nullptr;
}

}  // namespace labproto
