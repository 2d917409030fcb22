#include "version.h"

#include <cctype>

namespace labcheck {

std::optional<Version> Version::parse(const std::string &text) {
    Version v;
    size_t i = 0;
    while (true) {
        if (i >= text.size() || !std::isdigit(static_cast<unsigned char>(text[i])))
            return std::nullopt;
        int part = 0;
        for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
            if (part > 100000000) return std::nullopt;
            part = part * 10 + (text[i] - '0');
        }
        v.parts_.push_back(part);
        if (i >= text.size() || text[i] != '.') break;
        ++i;
    }
    if (i < text.size() && text[i] != '-' && text[i] != ' ' && text[i] != '+') return std::nullopt;
    return v;
}

int Version::compare(const Version &other) const {
    const size_t n = std::max(parts_.size(), other.parts_.size());
    for (size_t i = 0; i < n; ++i) {
        const int a = i < parts_.size() ? parts_[i] : 0;
        const int b = i < other.parts_.size() ? other.parts_[i] : 0;
        if (a != b) return a < b ? -1 : 1;
    }
    return 0;
}

std::string Version::str() const {
    std::string out;
    for (size_t i = 0; i < parts_.size(); ++i) {
        if (i) out += '.';
        out += std::to_string(parts_[i]);
    }
    return out;
}

}  // namespace labcheck
