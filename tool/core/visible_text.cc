#include "visible_text.h"

#include <fmt/format.h>
#include <glib.h>

#include <cstdint>

#include "utf8.h"

namespace labcheck {

namespace {

constexpr size_t kShownChars = 80;    // a longer text is shown around its difference
constexpr size_t kContextChars = 30;  // characters kept before the difference

// Broken UTF-8 counts as one U+FFFD per byte.
std::vector<gunichar> code_points(const std::string &text) {
    const std::string valid = repaired_utf8(text);
    std::vector<gunichar> out;
    for (const char *p = valid.data(), *end = p + valid.size(); p < end; p = g_utf8_next_char(p))
        out.push_back(*p ? g_utf8_get_char(p) : 0);
    return out;
}

void append_utf8(std::string &out, gunichar c) {
    char buffer[6];
    out.append(buffer, g_unichar_to_utf8(c, buffer));
}

// One character as reports show it; `trailing`: a space at the text's end.
std::string shown(gunichar c, bool trailing) {
    switch (c) {
        case 0:
            return "\u2400";  // ␀
        case '\n':
            return "\\n";
        case '\r':
            return "\\r";
        case '\t':
            return "\\t";
        case '\\':
            return "\\\\";
        case '"':
            return "\\\"";
        case ' ':
            return trailing ? "\u2420" : " ";  // ␠
        case 0x2400:
        case 0x2420:  // the pictures themselves, so they cannot pass for NUL or a space
            return fmt::format("\\u{:04x}", c);
    }
    if (c < 0x20 || c == 0x7f) return fmt::format("\\x{:02x}", c);
    if (c >= 0x80 && c < 0xa0) return fmt::format("\\u{:04x}", c);
    std::string out;
    append_utf8(out, c);
    return out;
}

std::string quoted_char(gunichar c) {
    return fmt::format("\"{}\" (U+{:04X})", shown(c, c == ' '), c);
}

}  // namespace

VisibleText make_visible(const std::string &text, size_t focus) {
    const std::vector<gunichar> chars = code_points(text);
    size_t trailing_from = chars.size();
    while (trailing_from > 0 && chars[trailing_from - 1] == ' ') --trailing_from;
    size_t first = 0, last = chars.size();  // the characters shown: [first, last)
    if (chars.size() > kShownChars) {
        first = focus > kContextChars ? focus - kContextChars : 0;
        last = std::min(chars.size(), first + kShownChars);
    }
    VisibleText v;
    v.starts.assign(chars.size() + 1, SIZE_MAX);
    if (first > 0) v.shown += "\u2026";  // …
    for (size_t i = first; i < last; ++i) {
        v.starts[i] = v.shown.size();
        v.shown += shown(chars[i], i >= trailing_from);
    }
    if (last == chars.size()) v.starts[chars.size()] = v.shown.size();
    if (last < chars.size()) v.shown += "\u2026";
    return v;
}

size_t char_count(const std::string &text) { return code_points(text).size(); }

size_t display_width(const std::string &text) {
    size_t width = 0;
    for (gunichar c : code_points(text)) {
        if (g_unichar_iszerowidth(c)) continue;
        width += g_unichar_iswide(c) ? 2 : 1;
    }
    return width;
}

std::optional<TextDifference> first_difference(const std::string &expected,
                                               const std::string &actual) {
    const std::vector<gunichar> want = code_points(expected), got = code_points(actual);
    size_t i = 0;
    while (i < want.size() && i < got.size() && want[i] == got[i]) ++i;
    if (i == want.size() && i == got.size()) return std::nullopt;
    const std::string at = fmt::format("first difference at character {}: ", i + 1);
    if (i == want.size())
        return TextDifference{i, at + quoted_char(got[i]) + " after the end of the expected text"};
    if (i == got.size()) {
        std::string rest;
        for (size_t k = i; k < want.size() && k < i + 10; ++k) rest += shown(want[k], false);
        if (want.size() > i + 10) rest += "\u2026";
        return TextDifference{i, at + "the text ends where the spec goes on with \"" + rest + "\""};
    }
    return TextDifference{i,
                          at + quoted_char(got[i]) + " where the spec has " + quoted_char(want[i])};
}

}  // namespace labcheck
