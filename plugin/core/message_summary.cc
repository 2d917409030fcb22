#include "message_summary.h"

#include <glib.h>

namespace labproto {
namespace {

// Control characters become their Unicode control pictures (NUL as ␀, a
// newline as ␊): visible, one column wide, and free of backslashes, which
// Wireshark 4.4 escapes once more in the Info column while 4.0 does not.
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

}  // namespace

std::string text_preview(const std::string &utf8, size_t max_chars) {
    std::string out;
    const char *p = utf8.c_str();
    const char *end = p + utf8.size();
    size_t chars = 0;
    while (p < end && chars < max_chars) {
        // GLib refuses U+0000 as a character; it is one.
        gunichar c = *p == '\0' ? 0 : g_utf8_get_char_validated(p, end - p);
        bool valid = c < 0x110000;  // (gunichar)-1 and -2 flag bad sequences
        append_visible(out, valid ? c : 0xFFFD);
        p = valid ? g_utf8_next_char(p) : p + 1;
        ++chars;
    }
    if (p < end) {
        while (!out.empty() && out.back() == ' ') out.pop_back();
        out += "\u2026";
    }
    return out;
}

std::string message_summary(Direction direction, uint32_t index, uint32_t length,
                            const std::string *text, const char *note) {
    std::string out = direction_arrow(direction);
    out += " #" + std::to_string(index) + " len=" + std::to_string(length);
    if (text && !text->empty()) out += " \"" + text_preview(*text) + "\"";
    if (note) out += std::string(" [") + note + "]";
    return out;
}

}  // namespace labproto
