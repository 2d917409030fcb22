// `labcheck tshark`: which arguments are captures to stage, the status passed
// on, and the JSON --print-command gives its callers.
#include "tshark_passthrough.h"

#include <gtest/gtest.h>

#include <csignal>
#include <nlohmann/json.hpp>

namespace labcheck {
namespace {

std::string staged(const std::string &path) { return "/stage/" + path; }

TEST(TsharkPassthrough, StagesEveryCaptureTsharkReads) {
    EXPECT_EQ(stage_capture_arguments({"-r", "a.pcapng", "-V"}, staged),
              (std::vector<std::string>{"-r", "/stage/a.pcapng", "-V"}));
    EXPECT_EQ(stage_capture_arguments({"-rb.pcap", "--read-file", "c", "--read-file=d"}, staged),
              (std::vector<std::string>{"-r/stage/b.pcap", "--read-file", "/stage/c",
                                        "--read-file=/stage/d"}));
}

TEST(TsharkPassthrough, LeavesStandardInputAndOtherArgumentsAlone) {
    const std::vector<std::string> args = {"-r", "-", "-Y", "labproto", "-T", "fields"};
    EXPECT_EQ(stage_capture_arguments(args, staged), args);
    // A trailing -r with no file is tshark's to refuse, not labcheck's.
    EXPECT_EQ(stage_capture_arguments({"-V", "-r"}, staged),
              (std::vector<std::string>{"-V", "-r"}));
}

TEST(TsharkPassthrough, ExtraEnvironmentReplacesByName) {
    EXPECT_EQ(with_environment({"TZ=UTC", "WIRESHARK_EXTCAP_DIR=/s/extcap", "PATH=/bin"},
                               {"WIRESHARK_EXTCAP_DIR=/nonexistent", "LD_PRELOAD=/asan.so"}),
              (std::vector<std::string>{"TZ=UTC", "WIRESHARK_EXTCAP_DIR=/nonexistent", "PATH=/bin",
                                        "LD_PRELOAD=/asan.so"}));
    EXPECT_EQ(with_environment({"A=1"}, {}), (std::vector<std::string>{"A=1"}));
}

TEST(TsharkPassthrough, StatusIsTsharksOr128PlusTheSignal) {
    ProcessOutcome exited;
    exited.exit_code = 2;
    EXPECT_EQ(passthrough_status(exited), 2);
    ProcessOutcome killed;
    killed.signaled = true;
    killed.signal = SIGSEGV;
    EXPECT_EQ(passthrough_status(killed), 128 + SIGSEGV);
}

TEST(TsharkPassthrough, PrefixJsonKeepsTheEnvironmentsOrder) {
    TsharkPrefix prefix;
    prefix.argv = {"/usr/bin/setpriv", "--reuid=nobody", "/usr/bin/tshark"};
    prefix.env = {"TZ=UTC", "HOME=/s/home", "EMPTY=", "A=b=c"};
    prefix.cwd = "/s";
    prefix.plugin = "/s/plugins/4.0/epan/labproto.so";
    prefix.plugin_dir = "/s/plugins";
    prefix.tshark_version = "4.0.17";
    prefix.as_nobody = true;
    const auto json = nlohmann::ordered_json::parse(prefix_json(prefix));
    EXPECT_EQ(json["argv"].back(), "/usr/bin/tshark");
    std::vector<std::string> keys;
    for (const auto &item : json["env"].items()) keys.push_back(item.key());
    EXPECT_EQ(keys, (std::vector<std::string>{"TZ", "HOME", "EMPTY", "A"}));
    EXPECT_EQ(json["env"]["A"], "b=c");
    EXPECT_EQ(json["env"]["EMPTY"], "");
    EXPECT_EQ(json["cwd"], "/s");
    EXPECT_EQ(json["plugin"], prefix.plugin);
    EXPECT_EQ(json["plugin_dir"], "/s/plugins");
    EXPECT_EQ(json["tshark_version"], "4.0.17");
    EXPECT_EQ(json["as_nobody"], true);
}

}  // namespace
}  // namespace labcheck
