// Finding captures and their specs from the command line's PATHs.
#include "discovery.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace labcheck {
namespace {

namespace fs = std::filesystem;

class DiscoveryTest : public ::testing::Test {
  protected:
    void SetUp() override {
        root_ = fs::temp_directory_path() / ("labcheck-discovery-" + std::to_string(::getpid()));
        fs::create_directories(root_ / "sub");
        for (const char *f : {"a.pcapng", "a.yaml", "sub/b.pcap", "sub/b.yml", "sub/c.pcapng",
                              "notes.txt", "lone.yaml", "UPPER.PCAPNG", "kim.pcapng.txt"})
            std::ofstream(root_ / f) << "x";
        std::ofstream(root_ / "saved_as_dump") << "\x0a\x0d\x0d\x0a";  // pcapng's magic
        fs::create_directories(root_ / ".git");
        std::ofstream(root_ / ".git" / "x.pcapng") << "x";  // hidden: not searched
    }
    void TearDown() override { fs::remove_all(root_); }
    std::string p(const char *name) const { return (root_ / name).string(); }

    fs::path root_;
};

TEST_F(DiscoveryTest, FolderFindsCapturesWithSidecarsSorted) {
    const Discovery d = discover({root_.string()}, std::nullopt);
    ASSERT_TRUE(d.errors.empty());
    ASSERT_EQ(d.jobs.size(), 2u);
    EXPECT_EQ(d.jobs[0].capture, p("a.pcapng"));
    EXPECT_EQ(d.jobs[0].spec, p("a.yaml"));
    EXPECT_EQ(d.jobs[1].spec, p("sub/b.yml"));
    // Left out, and said so: a capture without a spec, names of captures in
    // another case or with another extension, capture contents under another
    // name; not notes.txt, which is not meant as one.
    ASSERT_EQ(d.skipped.size(), 4u);
    EXPECT_EQ(d.skipped[0].path, p("UPPER.PCAPNG"));
    EXPECT_NE(d.skipped[0].reason.find("not lower case"), std::string::npos);
    EXPECT_EQ(d.skipped[1].path, p("kim.pcapng.txt"));
    EXPECT_NE(d.skipped[1].reason.find("named like a capture"), std::string::npos);
    EXPECT_EQ(d.skipped[2].path, p("saved_as_dump"));
    EXPECT_NE(d.skipped[2].reason.find("a pcapng file under a name"), std::string::npos);
    EXPECT_EQ(d.skipped[3].path, p("sub/c.pcapng"));
    EXPECT_EQ(d.skipped[3].reason,
              "no spec beside it (expected c.yaml; or give one spec for all with --spec)");
    EXPECT_EQ(d.jobs[1].label, "sub/b.pcap");  // under the folder searched
}

TEST_F(DiscoveryTest, SharedSpecTakesEveryCapture) {
    const Discovery d = discover({root_.string()}, std::string("grade.yaml"));
    ASSERT_EQ(d.jobs.size(), 3u);
    EXPECT_EQ(d.jobs[2].capture, p("sub/c.pcapng"));
    EXPECT_EQ(d.jobs[2].spec, "grade.yaml");
}

TEST_F(DiscoveryTest, ExplicitPaths) {
    const Discovery d = discover({p("a.pcapng"), p("a.pcapng"), p("lone.yaml")}, std::nullopt);
    ASSERT_TRUE(d.errors.empty());
    ASSERT_EQ(d.jobs.size(), 2u);  // the duplicate is checked once
    EXPECT_EQ(d.jobs[1].capture, "");
    EXPECT_EQ(capture_for_spec(p("lone.yaml"), std::nullopt), p("lone.pcapng"));
    EXPECT_EQ(capture_for_spec(p("a.yaml"), std::nullopt), p("a.pcapng"));
    EXPECT_EQ(capture_for_spec(p("sub/b.yml"), std::string("../a.pcapng")),
              (root_ / "sub" / "../a.pcapng").string());
}

TEST_F(DiscoveryTest, UsageErrors) {
    const Discovery d = discover(
        {p("sub/c.pcapng"), p("nothing.pcapng"), p("notes.txt"), p("missing"), p("gone.yaml")},
        std::nullopt);
    ASSERT_EQ(d.errors.size(), 5u);
    EXPECT_EQ(d.errors[0], p("sub/c.pcapng") + ": no spec (expected " + p("sub/c.yaml") +
                               "; draft one with: labcheck init " + p("sub/c.pcapng") + ")");
    EXPECT_EQ(d.errors[1], p("nothing.pcapng") + ": no such capture");
    EXPECT_EQ(d.errors[2],
              p("notes.txt") + ": not a capture (.pcapng, .pcap), spec (.yaml) or folder");
    EXPECT_EQ(d.errors[3], p("missing") + ": no such file or folder");
    EXPECT_EQ(d.errors[4], p("gone.yaml") + ": no such spec file");
}

TEST_F(DiscoveryTest, MissingCaptureWithASpecIsAJob) {
    std::ofstream(root_ / "gone.yaml") << "x";
    const Discovery d = discover({p("gone.pcapng")}, std::nullopt);
    ASSERT_TRUE(d.errors.empty());
    EXPECT_EQ(d.jobs[0].spec, p("gone.yaml"));
}

TEST(Discovery, CaptureNames) {
    EXPECT_TRUE(is_capture_path("x.pcapng"));
    EXPECT_TRUE(is_capture_path("x.pcap.gz"));
    EXPECT_FALSE(is_capture_path("x.yaml"));
    EXPECT_EQ(sidecar_spec("/nonexistent/x.pcapng.gz"), "/nonexistent/x.yaml");
}

}  // namespace
}  // namespace labcheck
