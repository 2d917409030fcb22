#include "value_matcher.h"

#include <fmt/format.h>
#include <fmt/ranges.h>  // fmt::join (in format.h before fmt 11)

#include "hex.h"

namespace labcheck {

ValueMatcher ValueMatcher::equals(std::string value) {
    ValueMatcher m(Kind::kEquals);
    m.values_.push_back(std::move(value));
    return m;
}

ValueMatcher ValueMatcher::equals_list(std::vector<std::string> values) {
    ValueMatcher m(Kind::kEqualsList);
    m.values_ = std::move(values);
    return m;
}

ValueMatcher ValueMatcher::regex(Regex regex) {
    ValueMatcher m(Kind::kRegex);
    m.regex_ = std::move(regex);
    return m;
}

ValueMatcher ValueMatcher::range(long double low, long double high) {
    ValueMatcher m(Kind::kRange);
    m.low_ = low;
    m.high_ = high;
    return m;
}

ValueMatcher ValueMatcher::present() { return ValueMatcher(Kind::kPresent); }
ValueMatcher ValueMatcher::absent() { return ValueMatcher(Kind::kAbsent); }

bool ValueMatcher::per_occurrence() const {
    return kind_ == Kind::kEquals || kind_ == Kind::kRegex || kind_ == Kind::kRange;
}

bool ValueMatcher::matches_value(const std::string &value, ValueKind value_kind) const {
    switch (kind_) {
        case Kind::kEquals:
            return values_equal(values_[0], value, value_kind);
        case Kind::kRegex:
            return regex_.search(value);
        case Kind::kRange: {
            const auto n = parse_number(value);
            return n && *n >= low_ && *n <= high_;
        }
        default:
            return true;
    }
}

bool ValueMatcher::matches(const std::vector<std::string> &occurrences,
                           ValueKind value_kind) const {
    switch (kind_) {
        case Kind::kPresent:
            return !occurrences.empty();
        case Kind::kAbsent:
            return occurrences.empty();
        case Kind::kEqualsList:
            if (occurrences.size() != values_.size()) return false;
            for (size_t i = 0; i < values_.size(); ++i)
                if (!values_equal(values_[i], occurrences[i], value_kind)) return false;
            return true;
        default:
            if (occurrences.empty()) return false;
            for (const std::string &v : occurrences)
                if (!matches_value(v, value_kind)) return false;
            return true;
    }
}

std::string ValueMatcher::describe() const {
    switch (kind_) {
        case Kind::kEquals:
            return "equals " + abbreviate(values_[0]);
        case Kind::kEqualsList:
            return "equals " + describe_occurrences(values_);
        case Kind::kRegex:
            return "matches /" + regex_.pattern() + "/";
        case Kind::kRange:
            return fmt::format("in [{}, {}]", format_number(low_), format_number(high_));
        case Kind::kPresent:
            return "present";
        case Kind::kAbsent:
            return "absent";
    }
    return "?";
}

bool values_equal(const std::string &expected, const std::string &actual, ValueKind kind) {
    if (expected == actual) return true;
    if (kind == ValueKind::kBytes) {
        const auto a = normalize_hex(expected), b = normalize_hex(actual);
        return a && b && *a == *b;
    }
    if (kind == ValueKind::kNumber) {
        const auto a = parse_number(expected), b = parse_number(actual);
        return a && b && *a == *b;
    }
    return false;
}

std::string abbreviate(const std::string &value, const char *quote) {
    constexpr size_t kShown = 60;
    if (value.size() <= kShown) return fmt::format("{0}{1}{0}", quote, value);
    size_t cut = kShown;
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
    return fmt::format("{0}{1}{0}... ({2} bytes)", quote, value.substr(0, cut), value.size());
}

std::string describe_occurrences(const std::vector<std::string> &occurrences) {
    if (occurrences.empty()) return "(none)";
    std::vector<std::string> shown;
    for (const std::string &v : occurrences) shown.push_back(abbreviate(v));
    if (shown.size() == 1) return shown[0];
    return "[" + fmt::format("{}", fmt::join(shown, ", ")) + "]";
}

std::string format_number(long double value) { return fmt::format("{}", value); }

}  // namespace labcheck
