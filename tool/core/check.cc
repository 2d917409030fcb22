#include "check.h"

namespace labcheck {

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
