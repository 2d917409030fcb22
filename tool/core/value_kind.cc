#include "value_kind.h"

#include <cerrno>
#include <cstdlib>

namespace labcheck {

ValueKind value_kind_of(const std::string &ftype) {
    if (ftype == "FT_NONE" || ftype == "FT_PROTOCOL") return ValueKind::kPresence;
    if (ftype == "FT_BYTES" || ftype == "FT_UINT_BYTES") return ValueKind::kBytes;
    if (ftype.rfind("FT_UINT", 0) == 0 || ftype.rfind("FT_INT", 0) == 0 || ftype == "FT_FRAMENUM" ||
        ftype == "FT_BOOLEAN" || ftype == "FT_FLOAT" || ftype == "FT_DOUBLE" ||
        ftype == "FT_RELATIVE_TIME" || ftype == "FT_CHAR")
        return ValueKind::kNumber;
    return ValueKind::kText;
}

std::optional<long double> parse_number(const std::string &text) {
    if (text == "true" || text == "True") return 1;
    if (text == "false" || text == "False") return 0;
    if (text.empty() || std::isspace(static_cast<unsigned char>(text[0]))) return std::nullopt;
    const char *s = text.c_str();
    char *end = nullptr;
    errno = 0;
    const bool negative = s[0] == '-';
    const char *digits = negative ? s + 1 : s;
    long double value;
    if (digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
        value = static_cast<long double>(std::strtoull(digits, &end, 16));
        if (negative) value = -value;
    } else {
        value = std::strtold(s, &end);
    }
    if (errno != 0 || end == s || *end != '\0') return std::nullopt;
    return value;
}

}  // namespace labcheck
