// What a field check asks of a field's values: equals, regex, range,
// present or absent. Judges one occurrence list (a frame's or a message's).
#pragma once

#include <string>
#include <vector>

#include "regex_pattern.h"
#include "value_kind.h"

namespace labcheck {

class ValueMatcher {
  public:
    enum class Kind {
        kEquals,      // every occurrence equals the value (and there is one)
        kEqualsList,  // the occurrences are exactly these values, in order
        kRegex,       // every occurrence matches (and there is one)
        kRange,       // every occurrence is a number in [low, high] (and there is one)
        kPresent,     // at least one occurrence
        kAbsent,      // no occurrence
    };

    static ValueMatcher equals(std::string value);
    static ValueMatcher equals_list(std::vector<std::string> values);
    static ValueMatcher regex(Regex regex);
    static ValueMatcher range(long double low, long double high);
    static ValueMatcher present();
    static ValueMatcher absent();

    Kind kind() const { return kind_; }
    // Judged per occurrence: equals, regex and range.
    bool per_occurrence() const;
    bool matches_value(const std::string &value, ValueKind value_kind) const;
    bool matches(const std::vector<std::string> &occurrences, ValueKind value_kind) const;

    const std::vector<std::string> &values() const { return values_; }
    const Regex &pattern() const { return regex_; }
    long double low() const { return low_; }
    long double high() const { return high_; }

    // "equals 10", "equals [10, 8]", "matches /^안녕/", "in [4, 100]", "present", "absent".
    std::string describe() const;

  private:
    explicit ValueMatcher(Kind kind) : kind_(kind) {}

    Kind kind_;
    std::vector<std::string> values_;
    Regex regex_;
    long double low_ = 0, high_ = 0;
};

// Whether two printed values are equal for a field of this kind.
bool values_equal(const std::string &expected, const std::string &actual, ValueKind kind);

// A value as reports show it, between `quote`s: a long one (a 70 kB body)
// is cut after 60 bytes, at a character boundary, and its size given.
std::string abbreviate(const std::string &value, const char *quote = "");
// An occurrence list as a diff shows it: "10", "[10, 8]" or "(none)".
std::string describe_occurrences(const std::vector<std::string> &occurrences);
std::string format_number(long double value);

}  // namespace labcheck
