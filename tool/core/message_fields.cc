#include "message_fields.h"

#include <fmt/format.h>
#include <fmt/ranges.h>  // fmt::join (in format.h before fmt 11)

#include <cstdlib>

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

std::string quoted(const std::string &text) { return abbreviate(text, "\""); }

// Hex payloads by their first 32 bytes, and their size in bytes.
std::string hex_shown(const std::string &hex) {
    constexpr size_t kShownBytes = 32;
    if (hex.size() <= 2 * kShownBytes) return hex;
    return fmt::format("{}... ({} bytes)", hex.substr(0, 2 * kShownBytes), hex.size() / 2);
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
    size_t next_text = 0;
    for (size_t i = 0; i < lens.size(); ++i) {
        ObservedMessage m;
        m.frame = frame.number;
        m.direction = d;
        m.length = number_or_zero(lens[i]);
        m.msg_index = i < indexes.size() ? number_or_zero(indexes[i]) : 0;
        m.position = i;
        m.text = has_text(frame, i) ? aligned(texts, next_text++) : std::nullopt;
        m.payload = aligned(frame.get(payload_), i);
        out.push_back(std::move(m));
    }
}

// The plugin gives every framed message an encoding, "none" (and no text)
// when its body decodes in no encoding: texts belong to the others in order.
bool MessageFields::has_text(const Frame &frame, size_t message) const {
    const auto &encodings = frame.get(encoding_);
    return message < encodings.size() && encodings[message] != "none";
}

std::vector<std::string> MessageFields::value_for(const Frame &frame, size_t field,
                                                  const std::string &name,
                                                  const ObservedMessage &message) {
    const auto &values = frame.get(field);
    const bool per_message = name.rfind("labproto.", 0) == 0 && name.rfind("labproto.conn", 0) != 0;
    if (!per_message || frame.messages.size() <= 1) return values;
    if (name == "labproto.text") {
        if (message.text) return {*message.text};
        return {};
    }
    if (message.position < values.size()) return {values[message.position]};
    return {};
}

std::string describe_message(const ObservedMessage &message, const MessageExpectation *like) {
    std::vector<std::string> parts;
    if (!like || like->length) parts.push_back(fmt::format("length {}", message.length));
    if (!like || like->text || like->text_regex)
        parts.push_back(message.text ? "text " + quoted(*message.text) : "no text");
    if (like && like->payload)
        parts.push_back(message.payload ? "payload " + hex_shown(*message.payload) : "no payload");
    return fmt::format("{}", fmt::join(parts, ", "));
}

std::string describe_expectation(const MessageExpectation &expected) {
    std::vector<std::string> parts;
    if (expected.length) parts.push_back(fmt::format("length {}", *expected.length));
    if (expected.text) parts.push_back("text " + quoted(*expected.text));
    if (expected.text_regex)
        parts.push_back("text matching /" + expected.text_regex->pattern() + "/");
    if (expected.payload) parts.push_back("payload " + hex_shown(*expected.payload));
    if (expected.frame) parts.push_back(fmt::format("in frame {}", *expected.frame));
    return fmt::format("{}", fmt::join(parts, ", "));
}

}  // namespace labcheck
