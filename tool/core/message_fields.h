// Reads labproto messages out of a frame's fields. A frame may carry several;
// the plugin adds each message's len, msg_index, payload and encoding in
// order, so the n-th occurrence of each belongs to the n-th message of the
// frame. Text is missing for messages whose encoding is "none"; the text of
// the others is their payload decoded (body_text.h), every byte of it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "field_plan.h"
#include "frame.h"
#include "message.h"
#include "spec.h"

namespace labcheck {

// The labproto fields messages are read from, registered in a plan.
class MessageFields {
  public:
    explicit MessageFields(FieldPlan &plan);

    // Fills frame.messages, in order (none when it carries no labproto.len).
    void extract(Frame &frame) const;

    // The occurrence of a labproto per-message field belonging to `message`,
    // or every occurrence in the frame for any other field.
    static std::vector<std::string> value_for(const Frame &frame, size_t field,
                                              const std::string &name,
                                              const ObservedMessage &message);

  private:
    size_t len_, index_, direction_, text_, encoding_, payload_;
};

}  // namespace labcheck
