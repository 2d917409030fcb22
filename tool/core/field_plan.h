// The fields and display filters one tshark run must deliver. Each check
// asks the plan for what it needs, so the union is exactly what the checks
// use and one pass per capture answers all of them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "source_location.h"

namespace labcheck {

class FieldPlan {
  public:
    FieldPlan();

    // Ids are stable and dense; asking twice returns the same id.
    size_t field(const std::string &name, const SourceLocation &where = {});
    size_t filter(const std::string &expression, const SourceLocation &where = {});
    std::optional<size_t> find_field(const std::string &name) const;

    const std::vector<std::string> &fields() const { return fields_; }
    const std::vector<std::string> &filters() const { return filters_; }
    // Where the spec first named each field / filter (empty for internal ones).
    const SourceLocation &field_source(size_t id) const { return field_sources_[id]; }
    const SourceLocation &filter_source(size_t id) const { return filter_sources_[id]; }

    static constexpr size_t kFrameNumber = 0;  // frame.number is always field 0

  private:
    std::vector<std::string> fields_, filters_;
    std::vector<SourceLocation> field_sources_, filter_sources_;
};

}  // namespace labcheck
