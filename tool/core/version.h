// Dotted version numbers ("4.0.17", "0.1") compared component by component.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace labcheck {

class Version {
  public:
    // Accepts "4", "4.0", "4.0.17"; a trailing "-rc1" or " (git...)" is ignored.
    static std::optional<Version> parse(const std::string &text);

    // Missing components count as zero: 4.0 == 4.0.0.
    int compare(const Version &other) const;
    bool operator<(const Version &other) const { return compare(other) < 0; }
    bool operator==(const Version &other) const { return compare(other) == 0; }

    int major() const { return parts_.empty() ? 0 : parts_[0]; }
    int minor() const { return parts_.size() < 2 ? 0 : parts_[1]; }
    std::string str() const;

  private:
    std::vector<int> parts_;
};

}  // namespace labcheck
