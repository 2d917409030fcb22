#include "regex_pattern.h"

#include <glib.h>

#include "utf8.h"

namespace labcheck {

std::optional<Regex> Regex::compile(const std::string &pattern, std::string *error) {
    GError *err = nullptr;
    GRegex *re = g_regex_new(pattern.c_str(), G_REGEX_OPTIMIZE, GRegexMatchFlags(0), &err);
    if (!re) {
        if (error) *error = err ? err->message : "invalid regular expression";
        g_clear_error(&err);
        return std::nullopt;
    }
    Regex r;
    r.re_.reset(re, g_regex_unref);
    r.pattern_ = pattern;
    return r;
}

bool Regex::search(const std::string &text) const {
    if (!is_valid_utf8(text)) return false;  // PCRE in UTF-8 mode cannot look at broken text
    return g_regex_match_full(re_.get(), text.data(), static_cast<gssize>(text.size()), 0,
                              GRegexMatchFlags(0), nullptr, nullptr);
}

std::string Regex::escape(const std::string &text) {
    gchar *quoted = g_regex_escape_string(text.c_str(), static_cast<gint>(text.size()));
    std::string out(quoted);
    g_free(quoted);
    return out;
}

}  // namespace labcheck
