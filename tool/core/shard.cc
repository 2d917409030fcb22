#include "shard.h"

#include <cstdlib>

namespace labcheck {

std::optional<Shard> Shard::parse(const std::string &text) {
    const size_t slash = text.find('/');
    if (slash == std::string::npos) return std::nullopt;
    const std::string k = text.substr(0, slash), n = text.substr(slash + 1);
    char *end_k = nullptr, *end_n = nullptr;
    const unsigned long index = std::strtoul(k.c_str(), &end_k, 10);
    const unsigned long count = std::strtoul(n.c_str(), &end_n, 10);
    if (k.empty() || n.empty() || *end_k || *end_n || count == 0 || index == 0 || index > count)
        return std::nullopt;
    return Shard{index, count};
}

}  // namespace labcheck
