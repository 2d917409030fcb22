#include "message_check.h"

#include <fmt/format.h>

#include "message_fields.h"

namespace labcheck {

namespace {

constexpr size_t kLongText = 200;     // bytes; longer texts are drafted as a prefix regex
constexpr size_t kPrefixChars = 40;   // characters of that prefix
constexpr size_t kLongPayload = 128;  // hex digits; longer bodies are drafted by length only

std::string utf8_prefix(const std::string &text, size_t chars) {
    size_t i = 0;
    for (size_t n = 0; i < text.size() && n < chars; ++n) {
        ++i;
        while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
    }
    return text.substr(0, i);
}

void describe_text(MessageExpectation &m, const ObservedMessage &actual) {
    m.text.reset();
    m.text_regex.reset();
    if (!actual.text) return;
    if (actual.text->size() <= kLongText) {
        m.text = *actual.text;
        return;
    }
    std::string error;
    m.text_regex =
        Regex::compile("^" + Regex::escape(utf8_prefix(*actual.text, kPrefixChars)), &error);
}

// Rewrites the parts of `expected` that it states to what was decoded.
MessageExpectation updated_message(MessageExpectation m, const ObservedMessage &actual) {
    if (m.length) m.length = actual.length;
    const bool matched_text = m.text_regex && actual.text && m.text_regex->search(*actual.text);
    if ((m.text || m.text_regex) && !matched_text) describe_text(m, actual);
    if (m.payload) m.payload = actual.payload;
    if (m.frame) m.frame = actual.frame;
    if (!m.length && !m.text && !m.text_regex && !m.payload) m.length = actual.length;
    return m;
}

std::string numbered(uint64_t n, const std::string &what) {
    return fmt::format("message {}: {}", n, what);
}

}  // namespace

bool message_matches(const MessageExpectation &expected, const ObservedMessage &actual) {
    if (expected.length && *expected.length != actual.length) return false;
    if (expected.text && (!actual.text || *actual.text != *expected.text)) return false;
    if (expected.text_regex && (!actual.text || !expected.text_regex->search(*actual.text)))
        return false;
    if (expected.payload && (!actual.payload || *actual.payload != *expected.payload)) return false;
    if (expected.frame && *expected.frame != actual.frame) return false;
    return true;
}

MessageExpectation draft_message(const ObservedMessage &actual) {
    MessageExpectation m;
    m.length = actual.length;
    describe_text(m, actual);
    if (!actual.text && actual.payload && !actual.payload->empty() &&
        actual.payload->size() <= kLongPayload)
        m.payload = actual.payload;
    return m;
}

MessageCheck::MessageCheck(Direction direction, MessageSequence expected, bool record)
    : direction_(direction),
      expected_(std::move(expected)),
      record_(record),
      matched_(expected_.messages.size(), false) {}

void MessageCheck::observe(const Frame &frame) {
    for (const ObservedMessage &m : frame.messages)
        if (m.direction == direction_) on_message(m);
}

void MessageCheck::on_message(const ObservedMessage &message) {
    const uint64_t n = ++seen_;
    if (record_) recorded_.push_back(message);
    if (n <= expected_.messages.size()) {
        const MessageExpectation &want = expected_.messages[n - 1];
        matched_[n - 1] = message_matches(want, message);
        if (!matched_[n - 1]) {
            std::string got = describe_message(message, &want);
            if (want.frame) got += fmt::format(", in frame {}", message.frame);
            mismatches_.add(
                {numbered(n, describe_expectation(want)), numbered(n, got), message.frame});
        }
    } else if (!expected_.allow_more) {
        mismatches_.add({fmt::format("no message {}", n),
                         numbered(n, describe_message(message, nullptr)), message.frame});
    }
}

void MessageCheck::results(std::vector<CheckResult> &out) const {
    CheckResult r{expected_.where, fmt::format("{} messages", direction_name(direction_)), {}, 0};
    MismatchList all = mismatches_;
    for (uint64_t n = seen_ + 1; n <= expected_.messages.size(); ++n)
        all.add({numbered(n, describe_expectation(expected_.messages[n - 1])),
                 fmt::format("no message {} (only {} decoded)", n, seen_), std::nullopt});
    all.fill(r);
    out.push_back(std::move(r));
}

void MessageCheck::bless(ScopeExpectations &scope) const {
    MessageSequence blessed = expected_;
    blessed.messages.clear();
    const size_t expected = expected_.messages.size();
    const size_t keep =
        expected_.allow_more ? std::min(recorded_.size(), expected) : recorded_.size();
    for (size_t i = 0; i < keep; ++i) {
        if (i >= expected)
            blessed.messages.push_back(draft_message(recorded_[i]));
        else if (matched_[i])
            blessed.messages.push_back(expected_.messages[i]);
        else
            blessed.messages.push_back(updated_message(expected_.messages[i], recorded_[i]));
    }
    scope.messages[static_cast<int>(direction_)] = std::move(blessed);
}

}  // namespace labcheck
