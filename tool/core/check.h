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
    Mismatch(std::string e, std::string a, std::optional<uint64_t> f,
             std::optional<size_t> c = std::nullopt, std::string n = {})
        : expected(std::move(e)), actual(std::move(a)), frame(f), caret(c), note(std::move(n)) {}

    std::string expected;
    std::string actual;
    std::optional<uint64_t> frame;
    // Where `actual` first differs from what was expected (a byte offset into
    // it, for a caret under that character) and what differs there.
    std::optional<size_t> caret;
    std::string note;
};

struct CheckResult {
    SourceLocation where;
    std::string title;  // "client messages", "count of \"tcp.flags.syn == 1\""
    std::vector<Mismatch> mismatches;
    size_t more = 0;          // mismatches beyond those kept
    std::string description;  // the spec's label for the check, if any

    bool passed() const { return mismatches.empty(); }
    // "x.yaml:7: client messages (the four lines)"
    std::string heading() const;
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
