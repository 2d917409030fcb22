#include "severity.h"

#include <cstdlib>

namespace labcheck {

namespace {
struct Named {
    const char *name;
    Severity severity;
};
const Named kNames[] = {{"comment", Severity::kComment}, {"chat", Severity::kChat},
                        {"note", Severity::kNote},       {"warning", Severity::kWarning},
                        {"warn", Severity::kWarning},    {"error", Severity::kError}};
}  // namespace

const std::vector<std::string> &severity_names() {
    static const std::vector<std::string> names = {"comment", "chat", "note", "warning", "error"};
    return names;
}

std::optional<Severity> severity_from_name(const std::string &name) {
    for (const Named &n : kNames)
        if (name == n.name) return n.severity;
    return std::nullopt;
}

const char *severity_name(Severity severity) {
    for (const Named &n : kNames)
        if (n.severity == severity) return n.name;
    return "?";
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
