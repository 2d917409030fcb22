#include "hex.h"

#include <cctype>

namespace labcheck {

std::optional<std::string> normalize_hex(const std::string &text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == ' ' || c == ':' || c == '-') continue;
        if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (out.size() % 2 != 0) return std::nullopt;
    return out;
}

}  // namespace labcheck
