#include "field_plan.h"

#include <algorithm>

namespace labcheck {

namespace {
size_t intern(std::vector<std::string> &names, std::vector<SourceLocation> &sources,
              const std::string &name, const SourceLocation &where) {
    const auto it = std::find(names.begin(), names.end(), name);
    if (it != names.end()) {
        const size_t id = static_cast<size_t>(it - names.begin());
        if (sources[id].file.empty()) sources[id] = where;
        return id;
    }
    names.push_back(name);
    sources.push_back(where);
    return names.size() - 1;
}
}  // namespace

FieldPlan::FieldPlan() { field("frame.number"); }

size_t FieldPlan::field(const std::string &name, const SourceLocation &where) {
    return intern(fields_, field_sources_, name, where);
}

size_t FieldPlan::filter(const std::string &expression, const SourceLocation &where) {
    return intern(filters_, filter_sources_, expression, where);
}

std::optional<size_t> FieldPlan::find_field(const std::string &name) const {
    const auto it = std::find(fields_.begin(), fields_.end(), name);
    if (it == fields_.end()) return std::nullopt;
    return static_cast<size_t>(it - fields_.begin());
}

}  // namespace labcheck
