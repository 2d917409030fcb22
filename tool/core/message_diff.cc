#include "message_diff.h"

#include <fmt/format.h>
#include <fmt/ranges.h>  // fmt::join (in format.h before fmt 11)
#include <glib.h>

#include <vector>

#include "hex.h"
#include "visible_text.h"

namespace labcheck {

namespace {

// Hex payloads by their first 32 bytes, and their size in bytes.
std::string hex_shown(const std::string &hex) {
    constexpr size_t kShownBytes = 32;
    if (hex.size() <= 2 * kShownBytes) return hex;
    return fmt::format("{}... ({} bytes)", hex.substr(0, 2 * kShownBytes), hex.size() / 2);
}

std::string plural(size_t n, const char *what) {
    return fmt::format("{} {}{}", n, what, n == 1 ? "" : "s");
}

// `text` in `encoding` (what the spec's text would be on the wire), or
// nothing when it cannot be written in that encoding.
std::optional<std::string> encoded(const std::string &text, const std::string &encoding) {
    if (encoding == "UTF-8" || encoding == "ASCII") return text;
    gsize written = 0;
    gchar *out = g_convert(text.data(), static_cast<gssize>(text.size()), encoding.c_str(), "UTF-8",
                           nullptr, &written, nullptr);
    if (!out) return std::nullopt;
    std::string bytes(out, written);
    g_free(out);
    return bytes;
}

// "text "…" (5 characters, 15 bytes)"; `caret` is set to the byte offset,
// within the result, of character `focus` when it is shown.
std::string text_part(const std::string &text, std::optional<size_t> bytes, size_t focus,
                      std::optional<size_t> *caret) {
    const VisibleText v = make_visible(text, focus);
    const std::string head = "text \"";
    if (caret && focus < v.starts.size() && v.starts[focus] != SIZE_MAX)
        *caret = head.size() + v.starts[focus];
    std::string out = head + v.shown + "\" (" + plural(char_count(text), "character");
    if (bytes) out += ", " + plural(*bytes, "byte");
    return out + ")";
}

struct Parts {
    std::vector<std::string> parts;
    std::optional<size_t> caret;  // into the joined parts

    void add(const std::string &part, std::optional<size_t> caret_in_part = std::nullopt) {
        size_t offset = 0;
        for (const std::string &p : parts) offset += p.size() + 2;  // ", "
        if (caret_in_part) caret = offset + *caret_in_part;
        parts.push_back(part);
    }
    std::string joined() const { return fmt::format("{}", fmt::join(parts, ", ")); }
};

Parts expectation_parts(const MessageExpectation &e, const ObservedMessage *paired, size_t focus) {
    Parts p;
    if (e.length) p.add(fmt::format("length {}", *e.length));
    if (e.text) {
        // Counted in the encoding of the message it is compared with.
        const auto on_wire =
            paired && paired->encoding ? encoded(*e.text, *paired->encoding) : std::nullopt;
        p.add(text_part(*e.text, on_wire ? std::optional(on_wire->size()) : std::nullopt, focus,
                        nullptr));
    }
    if (e.text_regex) p.add("text matching /" + e.text_regex->pattern() + "/");
    if (e.payload) p.add("payload " + hex_shown(*e.payload));
    if (e.frame) p.add(fmt::format("in frame {}", *e.frame));
    return p;
}

Parts message_parts(const ObservedMessage &m, const MessageExpectation *like, bool hex,
                    size_t focus, bool point) {
    Parts p;
    if (!like || like->length) p.add(fmt::format("length {}", m.length));
    if (!like || like->text || like->text_regex) {
        if (!m.text) {
            p.add("no text");
        } else {
            std::optional<size_t> caret, bytes;
            if (m.payload) bytes = m.payload->size() / 2;
            const std::string part = text_part(*m.text, bytes, focus, point ? &caret : nullptr);
            p.add(part, caret);
        }
    }
    if ((like && like->payload) || (hex && m.payload))
        p.add(m.payload ? "payload " + hex_shown(*m.payload) : "no payload");
    if (like && like->frame) p.add(fmt::format("in frame {}", m.frame));
    return p;
}

}  // namespace

std::string describe_expectation(const MessageExpectation &expected) {
    return expectation_parts(expected, nullptr, 0).joined();
}

std::string describe_message(const ObservedMessage &message, const MessageExpectation *like,
                             bool hex) {
    return message_parts(message, like, hex, 0, false).joined();
}

Mismatch differing_messages(uint64_t expected_n, const MessageExpectation &expected,
                            uint64_t actual_n, const ObservedMessage &actual, bool hex) {
    std::optional<TextDifference> difference;
    if (expected.text && actual.text) difference = first_difference(*expected.text, *actual.text);
    const size_t focus = difference ? difference->index : 0;
    Parts want = expectation_parts(expected, &actual, focus);
    if (hex && expected.text && actual.encoding)
        if (const auto bytes = encoded(*expected.text, *actual.encoding))
            want.add("payload " + hex_shown(hex_of(*bytes)));
    const Parts got = message_parts(actual, &expected, hex, focus, difference.has_value());
    const std::string got_head = fmt::format("message {}: ", actual_n);
    Mismatch m{fmt::format("message {}: {}", expected_n, want.joined()), got_head + got.joined(),
               actual.frame, std::nullopt, ""};
    if (difference) {
        m.note = difference->note;
        if (got.caret) m.caret = got_head.size() + *got.caret;
    } else if (expected.text_regex && actual.text && !expected.text_regex->search(*actual.text)) {
        m.note = "the text does not match /" + expected.text_regex->pattern() + "/";
    }
    return m;
}

}  // namespace labcheck
