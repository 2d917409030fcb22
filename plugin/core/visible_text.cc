#include "visible_text.h"

#include <glib.h>

namespace labproto {
namespace {

void append_visible(std::string &out, gunichar c) {
    if (c < 0x20)
        c += 0x2400;  // U+2400..U+241F: SYMBOL FOR NULL .. SYMBOL FOR UNIT SEPARATOR
    else if (c == 0x7F)
        c = 0x2421;  // SYMBOL FOR DELETE
    else if (g_unichar_iscntrl(c))
        c = 0xFFFD;  // C1 controls have no pictures
    char buffer[6];
    out.append(buffer, g_unichar_to_utf8(c, buffer));
}

bool printable_ascii(char c) { return c >= 0x20 && c < 0x7F; }

// The character at p (p < end): U+0000 too, which GLib refuses as one; a value
// from 0x110000 on ((gunichar)-1 or -2) flags a bad or cut sequence.
gunichar char_at(const char *p, const char *end) {
    return *p == '\0' ? 0 : g_utf8_get_char_validated(p, end - p);
}

bool valid_char(gunichar c) { return c < 0x110000; }

}  // namespace

std::string visible_text(const std::string &utf8, size_t max_chars, bool *rest) {
    std::string out;
    out.reserve(utf8.size());
    const char *p = utf8.c_str();
    const char *end = p + utf8.size();
    size_t chars = 0;
    while (p < end && chars < max_chars) {
        // Printable ASCII and every valid character from U+00A0 on (no control
        // character among them) are themselves: most of a lab's text, copied a
        // run at a time. Per character, this function was most of what labproto
        // cost in tshark -T fields (bench/instructions.py).
        const char *run = p;
        gunichar c = 0;
        while (p < end && chars < max_chars) {
            if (printable_ascii(*p)) {
                ++p;
            } else {
                c = char_at(p, end);
                if (!valid_char(c) || c < 0xA0) break;
                p = g_utf8_next_char(p);
            }
            ++chars;
        }
        out.append(run, p);
        if (p == end || chars == max_chars) break;
        // A control character or a bad byte: its picture.
        const bool valid = valid_char(c);
        append_visible(out, valid ? c : 0xFFFD);
        p = valid ? g_utf8_next_char(p) : p + 1;
        ++chars;
    }
    if (rest) *rest = p < end;
    return out;
}

}  // namespace labproto
