// A check watches the frames of one scope go by and then says, for each of
// its expectations, whether the capture met it; if not, what was expected
// beside what was decoded. It can also rewrite its expectations to match
// what was decoded (--update, init).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "frame.h"
#include "source_location.h"
#include "spec.h"

namespace labcheck {

struct Mismatch {
    std::string expected;
    std::string actual;
    std::optional<uint64_t> frame;
};

struct CheckResult {
    SourceLocation where;
    std::string title;  // "client messages", "count of \"tcp.flags.syn == 1\""
    std::vector<Mismatch> mismatches;
    size_t more = 0;  // mismatches beyond those kept

    bool passed() const { return mismatches.empty(); }
};

// Keeps the first few mismatches of a check and counts the rest.
class MismatchList {
  public:
    void add(Mismatch m);
    void fill(CheckResult &result) const;
    bool empty() const { return kept_.empty(); }

  private:
    static constexpr size_t kKept = 10;
    std::vector<Mismatch> kept_;
    size_t more_ = 0;
};

class Check {
  public:
    virtual ~Check() = default;
    // Frames of the scope, in capture order.
    virtual void observe(const Frame &frame) = 0;
    virtual void results(std::vector<CheckResult> &out) const = 0;
    // Rewrites this check's expectations in `scope` to what was decoded.
    virtual void bless(ScopeExpectations &scope) const = 0;
};

}  // namespace labcheck
