#include "requirements.h"

#include <fmt/format.h>

namespace labcheck {

std::optional<std::string> unmet_requirement(const Requirements &r, const Version &tshark,
                                             const std::optional<Version> &plugin) {
    if (r.tshark && tshark < r.tshark->value)
        return fmt::format("requires tshark >= {} (this is {})", r.tshark->value.str(),
                           tshark.str());
    if (r.tshark_below && !(tshark < r.tshark_below->value))
        return fmt::format("requires tshark < {} (this is {})", r.tshark_below->value.str(),
                           tshark.str());
    if (r.plugin && (!plugin || *plugin < r.plugin->value))
        return fmt::format("requires labproto plugin >= {} (this is {})", r.plugin->value.str(),
                           plugin ? plugin->str() : "unknown");
    return std::nullopt;
}

}  // namespace labcheck
