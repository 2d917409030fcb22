#include "message_fields.h"

#include <cstdlib>

#include "body_text.h"
#include "hex.h"

namespace labcheck {

namespace {

uint64_t number_or_zero(const std::string &text) {
    return std::strtoull(text.c_str(), nullptr, 10);
}

// The i-th occurrence when the field was added once per message; when some
// messages lack it (a body too large to frame is last and has no payload),
// the occurrences belong to the first messages.
std::optional<std::string> aligned(const std::vector<std::string> &values, size_t i) {
    if (i < values.size()) return values[i];
    return std::nullopt;
}

}  // namespace

MessageFields::MessageFields(FieldPlan &plan)
    : len_(plan.field("labproto.len")),
      index_(plan.field("labproto.msg_index")),
      direction_(plan.field("labproto.direction")),
      text_(plan.field("labproto.text")),
      encoding_(plan.field("labproto.encoding")),
      payload_(plan.field("labproto.payload")) {}

void MessageFields::extract(Frame &frame) const {
    std::vector<ObservedMessage> &out = frame.messages;
    out.clear();
    const auto &lens = frame.get(len_);
    if (lens.empty()) return;
    const std::string *direction = frame.first(direction_);
    const Direction d = direction && *direction == "1" ? Direction::kServer : Direction::kClient;
    const auto &indexes = frame.get(index_);
    const auto &texts = frame.get(text_);
    const auto &encodings = frame.get(encoding_);
    size_t next_text = 0;
    for (size_t i = 0; i < lens.size(); ++i) {
        ObservedMessage m;
        m.frame = frame.number;
        m.direction = d;
        m.length = number_or_zero(lens[i]);
        m.msg_index = i < indexes.size() ? number_or_zero(indexes[i]) : 0;
        m.position = i;
        m.payload = aligned(frame.get(payload_), i);
        // tshark prints an empty byte field as "<MISSING>".
        if (m.payload && m.length == 0 && !normalize_hex(*m.payload)) m.payload = "";
        m.encoding = aligned(encodings, i);
        // The plugin gives every framed message an encoding, "none" (and no
        // text) when its body decodes in no encoding: texts belong to the
        // others in order.
        const bool has_text = m.encoding && *m.encoding != "none";
        const auto shown = has_text ? aligned(texts, next_text++) : std::nullopt;
        // The bytes decide, not tshark's string, which stops at a NUL.
        m.text = has_text && m.payload ? body_text(*m.payload, *m.encoding) : shown;
        out.push_back(std::move(m));
    }
}

std::vector<std::string> MessageFields::value_for(const Frame &frame, size_t field,
                                                  const std::string &name,
                                                  const ObservedMessage &message) {
    const auto &values = frame.get(field);
    // The message's own text, every byte of it (tshark's string stops at a NUL).
    if (name == "labproto.text") {
        if (message.text) return {*message.text};
        return {};
    }
    const bool per_message = name.rfind("labproto.", 0) == 0 && name.rfind("labproto.conn", 0) != 0;
    if (!per_message || frame.messages.size() <= 1) return values;
    if (message.position < values.size()) return {values[message.position]};
    return {};
}

}  // namespace labcheck
