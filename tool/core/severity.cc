#include "severity.h"

#include <algorithm>
#include <cstdlib>

namespace labcheck {

const std::vector<std::string> &severity_names() {
    static const std::vector<std::string> names = {"comment", "chat", "note", "warning", "error"};
    return names;
}

std::optional<Severity> severity_from_name(const std::string &name) {
    if (name == "warn") return Severity::kWarning;  // tshark's own word for it
    const auto &names = severity_names();
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) return std::nullopt;
    return static_cast<Severity>(it - names.begin() + 1);
}

const char *severity_name(Severity severity) {
    const auto at = static_cast<size_t>(severity) - 1;
    return at < severity_names().size() ? severity_names()[at].c_str() : "?";
}

std::optional<Severity> severity_from_tshark(const std::string &value) {
    char *end = nullptr;
    const unsigned long pi = std::strtoul(value.c_str(), &end, 0);
    if (value.empty() || *end != '\0') return std::nullopt;
    // PI_COMMENT 0x00100000 ... PI_ERROR 0x00800000 (epan/proto.h).
    switch (pi >> 20) {
        case 0x1:
            return Severity::kComment;
        case 0x2:
            return Severity::kChat;
        case 0x4:
            return Severity::kNote;
        case 0x6:
            return Severity::kWarning;
        case 0x8:
            return Severity::kError;
        default:
            return std::nullopt;
    }
}

}  // namespace labcheck
