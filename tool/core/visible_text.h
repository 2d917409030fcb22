// Texts as reports show them: every invisible character made visible, so two
// texts that differ only by a NUL, a newline or a trailing space never look
// alike, and where two texts first differ.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace labcheck {

// `text` (UTF-8) with \n, \r, \t, \\ and \" escaped, NUL as ␀, other control
// characters as \x10 (\u0085 above 0x7f), and trailing spaces as ␠. A long
// text is shown around `focus` (a character index) with … where it is cut.
// `starts[i]` is the byte offset in `shown` of character i of the text (the
// end offset for i = the character count), for pointing at one of them.
struct VisibleText {
    std::string shown;
    std::vector<size_t> starts;  // SIZE_MAX for characters cut away
};
VisibleText make_visible(const std::string &text, size_t focus = 0);

// How many characters (code points) `text` has.
size_t char_count(const std::string &text);

// Columns a terminal gives `text`: East Asian wide characters take two.
size_t display_width(const std::string &text);

// Where `actual` first differs from `expected`, by character.
struct TextDifference {
    size_t index;      // of the first differing character (0-based)
    std::string note;  // "first difference at character 6: ␀ (U+0000) after the end of …"
};
std::optional<TextDifference> first_difference(const std::string &expected,
                                               const std::string &actual);

}  // namespace labcheck
