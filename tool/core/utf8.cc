#include "utf8.h"

#include <glib.h>

namespace labcheck {

std::string valid_utf8(const std::string &text) {
    if (g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr)) return text;
    gchar *valid = g_utf8_make_valid(text.data(), static_cast<gssize>(text.size()));
    std::string out(valid);
    g_free(valid);
    return out;
}

namespace {

// Length of the valid UTF-8 character (or NUL) at `p`, 0 when it is not one.
size_t char_length(const char *p, const char *end) {
    if (*p == '\0') return 1;
    const gunichar c = g_utf8_get_char_validated(p, end - p);
    if (c == static_cast<gunichar>(-1) || c == static_cast<gunichar>(-2)) return 0;
    return static_cast<size_t>(g_utf8_next_char(p) - p);
}

}  // namespace

bool is_valid_utf8(const std::string &text) {
    const char *p = text.data(), *end = p + text.size();
    for (size_t n; p < end; p += n)
        if ((n = char_length(p, end)) == 0) return false;
    return true;
}

std::string repaired_utf8(const std::string &text) {
    std::string out;
    out.reserve(text.size());
    const char *p = text.data(), *end = p + text.size();
    while (p < end) {
        const size_t n = char_length(p, end);
        if (n == 0) {
            out += "\xEF\xBF\xBD";  // U+FFFD
            ++p;
        } else {
            out.append(p, n);
            p += n;
        }
    }
    return out;
}

}  // namespace labcheck
