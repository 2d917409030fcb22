// Versions, severities, requirements and "did you mean" suggestions.
#include "version.h"

#include <gtest/gtest.h>

#include "requirements.h"
#include "severity.h"
#include "shard.h"
#include "suggest.h"

namespace labcheck {
namespace {

Version v(const char *text) { return *Version::parse(text); }

TEST(Version, ComparesByComponent) {
    EXPECT_TRUE(v("4.0.17") < v("4.2"));
    EXPECT_TRUE(v("4.9") < v("4.10"));
    EXPECT_TRUE(v("4.0") == v("4.0.0"));
    EXPECT_EQ(v("4.0.17-rc1").str(), "4.0.17");
    EXPECT_FALSE(Version::parse("four"));
    EXPECT_FALSE(Version::parse("4.x"));
    EXPECT_EQ(v("4.0.17").major(), 4);
    EXPECT_EQ(v("4.0.17").minor(), 0);
}

TEST(Severity, FromTsharkValuesAndNames) {
    EXPECT_EQ(severity_from_tshark("2097152"), Severity::kChat);
    EXPECT_EQ(severity_from_tshark("6291456"), Severity::kWarning);
    EXPECT_EQ(severity_from_tshark("8388608"), Severity::kError);
    EXPECT_FALSE(severity_from_tshark("x"));
    EXPECT_EQ(severity_from_name("warn"), Severity::kWarning);
    EXPECT_STREQ(severity_name(Severity::kNote), "note");
    EXPECT_LT(Severity::kChat, Severity::kNote);
}

TEST(Requirements, SkipsWithTheReason) {
    Requirements r;
    r.tshark = Located<Version>{v("4.2"), {}};
    EXPECT_EQ(unmet_requirement(r, v("4.0.17"), v("0.1.0")),
              "requires tshark >= 4.2 (this is 4.0.17)");
    EXPECT_FALSE(unmet_requirement(r, v("4.2.1"), v("0.1.0")));
    r.tshark.reset();
    r.tshark_below = Located<Version>{v("4.6"), {}};
    EXPECT_EQ(unmet_requirement(r, v("4.6.9"), v("0.1.0")),
              "requires tshark < 4.6 (this is 4.6.9)");
    EXPECT_FALSE(unmet_requirement(r, v("4.4.19"), v("0.1.0")));
    r.tshark_below.reset();
    r.plugin = Located<Version>{v("0.2"), {}};
    EXPECT_EQ(unmet_requirement(r, v("4.0"), v("0.1.0")),
              "requires labproto plugin >= 0.2 (this is 0.1.0)");
    EXPECT_EQ(unmet_requirement(r, v("4.0"), std::nullopt),
              "requires labproto plugin >= 0.2 (this is unknown)");
}

TEST(Shard, SplitsDisjointlyAndCompletely) {
    EXPECT_FALSE(Shard::parse("0/2"));
    EXPECT_FALSE(Shard::parse("3/2"));
    EXPECT_FALSE(Shard::parse("1"));
    EXPECT_FALSE(Shard::parse("a/b"));
    const std::vector<int> jobs = {0, 1, 2, 3, 4};
    EXPECT_EQ(Shard::parse("1/2")->select(jobs), (std::vector<int>{0, 2, 4}));
    EXPECT_EQ(Shard::parse("2/2")->select(jobs), (std::vector<int>{1, 3}));
    EXPECT_EQ(Shard::parse("1/1")->select(jobs), jobs);
}

TEST(Suggest, FindsLikelyTypos) {
    EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
    EXPECT_EQ(closest_match("lenght", {"length", "text"}), "length");
    EXPECT_FALSE(closest_match("zzz", {"length", "text"}));
}

}  // namespace
}  // namespace labcheck
