// tshark command lines, what tshark says about itself, and reading its outcome.
#include "tshark_command.h"

#include <gtest/gtest.h>

#include <csignal>

#include "plugin_location.h"
#include "tshark_listings.h"

namespace labcheck {
namespace {

TEST(TsharkCommand, OnePassWithEveryPlannedField) {
    FieldPlan plan;
    plan.field("labproto.len");
    TsharkSettings settings;
    settings.preferences = {{"labproto.encoding", "cp949"}};
    EXPECT_EQ(capture_arguments("c.pcapng", settings, plan),
              (std::vector<std::string>{"-n", "-r", "c.pcapng", "-T", "ek", "-o",
                                        "labproto.encoding:cp949", "-e", "frame.number", "-e",
                                        "labproto.len"}));
    plan.filter("tcp.len == 4");
    plan.filter("labproto.text contains \"a,b\"");
    const auto args = capture_arguments("c.pcapng", {}, plan);
    // The plugin's frames tap, one per filter: no Lua.
    EXPECT_EQ(std::vector<std::string>(args.end() - 4, args.end()),
              (std::vector<std::string>{"-z", "labproto,frames,0,tcp.len == 4", "-z",
                                        "labproto,frames,1,labproto.text contains \"a,b\""}));
    for (const std::string &a : args) EXPECT_EQ(a.find("lua"), std::string::npos) << a;
}

TEST(TsharkCommand, CompileCheckCombinesFilters) {
    EXPECT_EQ(compile_arguments("e.pcap", {}, {"a", "b == 1"}),
              (std::vector<std::string>{"-n", "-r", "e.pcap", "-Y", "(a) || (b == 1)"}));
    EXPECT_EQ(compile_arguments("e.pcap", {}, {}),
              (std::vector<std::string>{"-n", "-r", "e.pcap"}));
    EXPECT_EQ(empty_pcap().size(), 24u);
}

TEST(TsharkCommand, FailuresAreExplained) {
    ProcessOutcome ok;
    ok.stderr_text = "Running as user \"root\" and group \"root\". This could be dangerous.\n";
    EXPECT_FALSE(tshark_failure(ok, 10));
    ProcessOutcome cut;
    cut.exit_code = 2;
    cut.stderr_text =
        "tshark: The file \"x\" appears to have been cut short in the middle of a packet.\n";
    EXPECT_EQ(tshark_failure(cut, 10),
              "tshark failed (exit status 2):\ntshark: The file \"x\" appears to have been cut "
              "short in the middle of a packet.");
    EXPECT_TRUE(cut_short(cut));  // graded on what was read, not an error
    ProcessOutcome crash;
    crash.signaled = true;
    crash.signal = SIGSEGV;
    EXPECT_EQ(tshark_failure(crash, 10), "tshark crashed (signal 11, Segmentation fault)");
    ProcessOutcome slow;
    slow.timed_out = true;
    slow.signaled = true;
    slow.signal = SIGKILL;
    EXPECT_EQ(tshark_failure(slow, 10), "tshark timed out after 10 s (raise --timeout?)");
    slow.stderr_text = cut.stderr_text;
    EXPECT_FALSE(cut_short(slow));
    ProcessOutcome corrupt;
    corrupt.stderr_text = "tshark: The file \"x\" appears to be damaged or corrupt.\n";
    EXPECT_EQ(tshark_failure(corrupt, 10),
              "tshark reported a problem:\ntshark: The file \"x\" appears to be damaged or "
              "corrupt.");
    corrupt.stderr_text += cut.stderr_text;
    EXPECT_FALSE(cut_short(corrupt));
}

TEST(TsharkListings, VersionPluginsFields) {
    EXPECT_EQ(parse_tshark_version(
                  "TShark (Wireshark) 4.0.17 (Git v4.0.17 packaged as 4.0.17-0+deb12u3).\n")
                  ->str(),
              "4.0.17");
    EXPECT_EQ(parse_tshark_version("TShark (Wireshark) 4.4.18.\n\nCopyright 1998-2025")->str(),
              "4.4.18");
    EXPECT_FALSE(parse_tshark_version("bash: tshark: command not found"));
    const auto p = parse_plugin_line("labproto.so     \t0.1.0\tdissector\t/x/4.0/epan/labproto.so");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->name, "labproto.so");
    EXPECT_EQ(p->version, "0.1.0");
    EXPECT_EQ(p->path, "/x/4.0/epan/labproto.so");
    EXPECT_FALSE(parse_plugin_line("garbage"));
    FieldCatalog c({"labproto", "labproto.len", "labproto.lenght", "tcp.len"});
    c.add_line("P\tLab Length-Prefixed Protocol\tlabproto");
    c.add_line("F\tLength\tlabproto.len\tFT_UINT32\tlabproto\tBASE_DEC\t0x0\tblurb");
    c.add_line("F\tText\tlabproto.text\tFT_STRING\tlabproto\t\t0x0\t");
    EXPECT_EQ(c.type_of("labproto"), "FT_PROTOCOL");
    EXPECT_EQ(c.type_of("labproto.len"), "FT_UINT32");
    EXPECT_FALSE(c.has("labproto.lenght"));
    EXPECT_EQ(c.suggestion("labproto.lenght"), "labproto.len");
    EXPECT_EQ(c.type_of("labproto.text"), "");  // not asked about: not kept
    c.add_line("F\tLength\ttcp.len\tFT_UINT32\ttcp\tBASE_DEC\t0x0\t");
    EXPECT_EQ(c.type_of("tcp.len"), "FT_UINT32");
}

TEST(PluginLocation, FlagThenEnvironmentThenBuildThenSystem) {
    EXPECT_TRUE(choose_plugin(std::nullopt, true, "/env", "/tmp").system);
    EXPECT_EQ(choose_plugin(std::string("/flag"), false, "/env", "/tmp").dir, "/flag");
    EXPECT_EQ(choose_plugin(std::nullopt, false, "/env", "/tmp").origin, "$WIRESHARK_PLUGIN_DIR");
    EXPECT_EQ(choose_plugin(std::nullopt, false, nullptr, "/tmp").dir, "/tmp");
    EXPECT_TRUE(choose_plugin(std::nullopt, false, nullptr, "/nonexistent").system);
    EXPECT_EQ(choose_plugin(std::string("/p"), false, nullptr, "").file("4.0"),
              "/p/4.0/epan/labproto.so");
}

}  // namespace
}  // namespace labcheck
