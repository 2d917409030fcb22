#include "message_check.h"

#include <fmt/format.h>

#include <algorithm>

#include "message_diff.h"

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

// Decoded messages kept beyond the expected ones, for aligning: a capture of
// 200,000 messages against a spec of four needs only the first few.
constexpr size_t kExtraKept = 64;

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

MessageCheck::MessageCheck(Direction direction, MessageSequence expected, bool record, bool hex)
    : direction_(direction), expected_(std::move(expected)), record_(record), hex_(hex) {}

void MessageCheck::observe(const Frame &frame) {
    for (const ObservedMessage &m : frame.messages)
        if (m.direction == direction_) on_message(m);
}

void MessageCheck::on_message(const ObservedMessage &message) {
    ++seen_;
    if (record_ || kept_.size() < expected_.messages.size() + kExtraKept)
        kept_.push_back(message);
    else if (!first_unkept_frame_)
        first_unkept_frame_ = message.frame;
}

// Fewest edits turning the expected list into the decoded one (a message
// that does not match costs one, a missing or an unexpected one costs one;
// with allow_more, messages after the last expected one are free). On ties
// the earliest messages are paired, and a differing message is preferred
// over a missing plus an unexpected one.
std::vector<MessageCheck::Step> MessageCheck::align() const {
    const std::vector<MessageExpectation> &want = expected_.messages;
    const size_t e = want.size(), a = kept_.size();
    // cost[i][j]: aligning want[i..] with kept_[j..].
    std::vector<std::vector<size_t>> cost(e + 1, std::vector<size_t>(a + 1, 0));
    std::vector<std::vector<bool>> same(e, std::vector<bool>(a, false));
    const size_t extra = expected_.allow_more ? 0 : 1;  // a message after the last expected one
    for (size_t j = a; j-- > 0;) cost[e][j] = cost[e][j + 1] + extra;
    for (size_t i = e; i-- > 0;) {
        cost[i][a] = cost[i + 1][a] + 1;
        for (size_t j = a; j-- > 0;) {
            same[i][j] = message_matches(want[i], kept_[j]);
            cost[i][j] = std::min({cost[i + 1][j + 1] + (same[i][j] ? 0 : 1), cost[i + 1][j] + 1,
                                   cost[i][j + 1] + 1});
        }
    }
    std::vector<Step> steps;
    size_t i = 0, j = 0;
    while (i < e || j < a) {
        if (i < e && j < a && cost[i][j] == cost[i + 1][j + 1] + (same[i][j] ? 0 : 1)) {
            steps.push_back(Step{i, j, same[i][j]});
            ++i, ++j;
        } else if (i < e && (j == a || cost[i][j] == cost[i + 1][j] + 1)) {
            steps.push_back(Step{i, std::nullopt, false});
            ++i;
        } else {
            steps.push_back(Step{std::nullopt, j, i == e && extra == 0});
            ++j;
        }
    }
    return steps;
}

std::string MessageCheck::no_more() const {
    if (expected_.messages.empty())
        return fmt::format("no {} messages", direction_name(direction_));
    return fmt::format("no message after message {}", expected_.messages.size());
}

void MessageCheck::results(std::vector<CheckResult> &out) const {
    CheckResult r{expected_.where,
                  fmt::format("{} messages", direction_name(direction_)),
                  {},
                  0,
                  expected_.description};
    MismatchList all;
    const std::vector<Step> steps = align();
    for (size_t k = 0; k < steps.size(); ++k) {
        const Step &s = steps[k];
        if (s.same) continue;
        if (s.expected && s.actual) {
            all.add(differing_messages(*s.expected + 1, expected_.messages[*s.expected],
                                       *s.actual + 1, kept_[*s.actual], hex_));
        } else if (s.expected) {
            const std::string want =
                fmt::format("message {}: {}", *s.expected + 1,
                            describe_expectation(expected_.messages[*s.expected]));
            all.add({want,
                     fmt::format("missing message {} ({} {} message{} decoded)", *s.expected + 1,
                                 seen_, direction_name(direction_), seen_ == 1 ? "" : "s"),
                     std::nullopt});
        } else {
            std::optional<size_t> next;
            for (size_t n = k + 1; n < steps.size() && !next; ++n) next = steps[n].expected;
            const ObservedMessage &m = kept_[*s.actual];
            all.add({next ? fmt::format("no message before message {}", *next + 1) : no_more(),
                     fmt::format("unexpected message {}: {}", *s.actual + 1,
                                 describe_message(m, nullptr, hex_)),
                     m.frame});
        }
    }
    if (seen_ > kept_.size() && !expected_.allow_more)
        all.add({no_more(), fmt::format("{} more unexpected messages", seen_ - kept_.size()),
                 first_unkept_frame_});
    all.fill(r);
    out.push_back(std::move(r));
}

// The decoded messages in order: an expected entry that matched is kept as
// written, one that did not is rewritten from what it was aligned with, and
// messages the spec did not list are drafted (up to the listed ones'
// count with allow_more).
void MessageCheck::bless(ScopeExpectations &scope) const {
    MessageSequence blessed = expected_;
    blessed.messages.clear();
    for (const Step &s : align()) {
        if (!s.actual) continue;  // missing: no longer expected
        if (!s.expected) {
            if (!expected_.allow_more) blessed.messages.push_back(draft_message(kept_[*s.actual]));
            continue;
        }
        const MessageExpectation &want = expected_.messages[*s.expected];
        blessed.messages.push_back(s.same ? want : updated_message(want, kept_[*s.actual]));
    }
    scope.messages[static_cast<int>(direction_)] = std::move(blessed);
}

}  // namespace labcheck
