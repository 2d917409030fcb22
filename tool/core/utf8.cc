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

}  // namespace labcheck
