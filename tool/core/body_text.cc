#include "body_text.h"

#include <glib.h>

#include "hex.h"
#include "utf8.h"

namespace labcheck {

namespace {

const char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

// `bytes` from `encoding` to UTF-8; an invalid byte becomes U+FFFD and the
// conversion goes on after it. Nothing when GLib has no such conversion.
std::optional<std::string> converted(const std::string &bytes, const char *encoding) {
    std::string out;
    size_t done = 0;
    while (done < bytes.size()) {
        gsize read = 0, written = 0;
        GError *error = nullptr;
        gchar *text = g_convert(bytes.data() + done, static_cast<gssize>(bytes.size() - done),
                                "UTF-8", encoding, &read, &written, &error);
        if (text) {
            out.append(text, written);
            g_free(text);
            break;
        }
        const bool unknown =
            error && g_error_matches(error, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION);
        g_clear_error(&error);
        if (unknown) return std::nullopt;
        // Convert what precedes the bad byte, then skip it.
        if (read > 0) {
            gchar *prefix = g_convert(bytes.data() + done, static_cast<gssize>(read), "UTF-8",
                                      encoding, nullptr, &written, nullptr);
            if (prefix) out.append(prefix, written);
            g_free(prefix);
        }
        out += kReplacement;
        done += read + 1;
    }
    return out;
}

}  // namespace

std::optional<std::string> body_text(const std::string &payload_hex, const std::string &encoding) {
    if (encoding == "none" || encoding.empty()) return std::nullopt;
    const auto bytes = bytes_from_hex(payload_hex);
    if (!bytes) return std::nullopt;
    if (encoding == "UTF-8" || encoding == "ASCII") return repaired_utf8(*bytes);
    return converted(*bytes, encoding.c_str());
}

}  // namespace labcheck
