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

}  // namespace

std::string visible_text(const std::string &utf8, size_t max_chars, bool *rest) {
    std::string out;
    out.reserve(utf8.size());
    const char *p = utf8.c_str();
    const char *end = p + utf8.size();
    size_t chars = 0;
    while (p < end && chars < max_chars) {
        // Printable ASCII, most of a lab's text, is itself: copied a run at a
        // time (per character, this function was most of what labproto cost
        // in tshark -T fields; bench/instructions.py).
        const char *run = p;
        while (p < end && chars < max_chars && printable_ascii(*p)) {
            ++p;
            ++chars;
        }
        out.append(run, p);
        if (p == end || chars == max_chars) break;
        // GLib refuses U+0000 as a character; it is one.
        gunichar c = *p == '\0' ? 0 : g_utf8_get_char_validated(p, end - p);
        const bool valid = c < 0x110000;  // (gunichar)-1 and -2 flag bad sequences
        const char *next = valid ? g_utf8_next_char(p) : p + 1;
        if (valid && c >= 0xA0)
            out.append(p, next);  // no control character from U+00A0 on: itself
        else
            append_visible(out, valid ? c : 0xFFFD);
        p = next;
        ++chars;
    }
    if (rest) *rest = p < end;
    return out;
}

}  // namespace labproto
