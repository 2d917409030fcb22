// How field values are compared: by kind (numbers numerically, bytes as hex).
#include "value_matcher.h"

#include <gtest/gtest.h>

#include "hex.h"

namespace labcheck {
namespace {

Regex re(const std::string &pattern) { return *Regex::compile(pattern, nullptr); }

TEST(ValueMatcher, NumbersCompareNumerically) {
    EXPECT_TRUE(values_equal("24", "0x0018", ValueKind::kNumber));
    EXPECT_TRUE(values_equal("0.5", "0.500000000", ValueKind::kNumber));
    EXPECT_TRUE(values_equal("true", "1", ValueKind::kNumber));
    EXPECT_FALSE(values_equal("24", "0x0018", ValueKind::kText));
    EXPECT_FALSE(values_equal("10", "11", ValueKind::kNumber));
}

TEST(ValueMatcher, BytesIgnoreSeparatorsAndCase) {
    EXPECT_TRUE(values_equal("C8:C8 0a", "c8c80a", ValueKind::kBytes));
    EXPECT_FALSE(values_equal("c8", "c9", ValueKind::kBytes));
    EXPECT_EQ(normalize_hex("0A-1b"), "0a1b");
    EXPECT_FALSE(normalize_hex("abc"));
    EXPECT_FALSE(normalize_hex("zz"));
}

TEST(ValueMatcher, EqualsNeedsEveryOccurrenceAndAtLeastOne) {
    const auto m = ValueMatcher::equals("10");
    EXPECT_TRUE(m.matches({"10"}, ValueKind::kNumber));
    EXPECT_TRUE(m.matches({"10", "10"}, ValueKind::kNumber));
    EXPECT_FALSE(m.matches({"10", "8"}, ValueKind::kNumber));
    EXPECT_FALSE(m.matches({}, ValueKind::kNumber));
    EXPECT_EQ(m.describe(), "equals 10");
}

TEST(ValueMatcher, EqualsListIsExactAndOrdered) {
    const auto m = ValueMatcher::equals_list({"10", "8"});
    EXPECT_TRUE(m.matches({"10", "8"}, ValueKind::kNumber));
    EXPECT_FALSE(m.matches({"8", "10"}, ValueKind::kNumber));
    EXPECT_FALSE(m.matches({"10"}, ValueKind::kNumber));
    EXPECT_EQ(m.describe(), "equals [10, 8]");
}

TEST(ValueMatcher, RegexSearchesUtf8) {
    const auto m = ValueMatcher::regex(re("^안녕"));
    EXPECT_TRUE(m.matches({"안녕하세요"}, ValueKind::kText));
    EXPECT_FALSE(m.matches({"반가워요"}, ValueKind::kText));
    EXPECT_TRUE(ValueMatcher::regex(re("^.{5}$")).matches({"안녕하세요"}, ValueKind::kText));
    EXPECT_EQ(m.describe(), "matches /^안녕/");
}

TEST(ValueMatcher, RangeIsInclusiveAndNumeric) {
    const auto m = ValueMatcher::range(4, 100);
    EXPECT_TRUE(m.matches({"4", "100", "0x10"}, ValueKind::kNumber));
    EXPECT_FALSE(m.matches({"3"}, ValueKind::kNumber));
    EXPECT_FALSE(m.matches({"abc"}, ValueKind::kNumber));
    EXPECT_EQ(m.describe(), "in [4, 100]");
}

TEST(ValueMatcher, PresentAndAbsent) {
    EXPECT_TRUE(ValueMatcher::present().matches({""}, ValueKind::kPresence));
    EXPECT_FALSE(ValueMatcher::present().matches({}, ValueKind::kPresence));
    EXPECT_TRUE(ValueMatcher::absent().matches({}, ValueKind::kPresence));
    EXPECT_FALSE(ValueMatcher::absent().matches({"1"}, ValueKind::kPresence));
}

TEST(ValueMatcher, LongValuesAreShownByTheirBeginning) {
    EXPECT_EQ(abbreviate("short", "\""), "\"short\"");
    EXPECT_EQ(abbreviate(std::string(100, 'a')), std::string(60, 'a') + "... (100 bytes)");
    // 60 bytes would split the 20th three-byte syllable: cut before it.
    std::string text;
    for (int i = 0; i < 30; ++i) text += "가";
    EXPECT_EQ(abbreviate(text), text.substr(0, 60) + "... (90 bytes)");
    EXPECT_EQ(abbreviate("가" + text), ("가" + text).substr(0, 60) + "... (93 bytes)");
    EXPECT_EQ(describe_occurrences({std::string(70, 'b'), "1"}),
              "[" + std::string(60, 'b') + "... (70 bytes), 1]");
}

TEST(ValueMatcher, KindsFromTsharkTypes) {
    EXPECT_EQ(value_kind_of("FT_UINT32"), ValueKind::kNumber);
    EXPECT_EQ(value_kind_of("FT_RELATIVE_TIME"), ValueKind::kNumber);
    EXPECT_EQ(value_kind_of("FT_BYTES"), ValueKind::kBytes);
    EXPECT_EQ(value_kind_of("FT_NONE"), ValueKind::kPresence);
    EXPECT_EQ(value_kind_of("FT_STRING"), ValueKind::kText);
    EXPECT_EQ(describe_occurrences({}), "(none)");
}

}  // namespace
}  // namespace labcheck
