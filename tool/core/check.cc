#include "check.h"

namespace labcheck {

std::string CheckResult::heading() const {
    std::string out = where.str() + ": " + title;
    if (!description.empty()) out += " (" + description + ")";
    return out;
}

void MismatchList::add(Mismatch m) {
    if (kept_.size() < kKept)
        kept_.push_back(std::move(m));
    else
        ++more_;
}

void MismatchList::fill(CheckResult &result) const {
    result.mismatches = kept_;
    result.more = more_;
}

}  // namespace labcheck
