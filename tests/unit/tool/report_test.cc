// Terminal, JUnit and JSON reports of the same results.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "json_report.h"
#include "junit_report.h"
#include "text_report.h"

namespace labcheck {
namespace {

std::vector<CaptureResult> sample_results() {
    CaptureResult pass{"a.pcapng", "a.yaml", Verdict::kPass, "", {{"capture", std::nullopt, {}}},
                       0.5};
    CheckResult failed{{"b.yaml", 7},
                       "client messages",
                       {{"message 3: length 35", "message 3: length 34", 14}},
                       2};
    CheckResult ok{{"b.yaml", 3}, "handshake", {}, 0};
    CaptureResult fail{"b.pcapng",
                       "b.yaml",
                       Verdict::kFail,
                       "",
                       {{"capture", std::nullopt, {ok}}, {"stream 1", 1, {failed}}},
                       0.25};
    CaptureResult error{"c.pcapng",
                        "c.yaml",
                        Verdict::kError,
                        "tshark failed (exit status 2):\nappears to have been cut short",
                        {{"capture", std::nullopt, {}}},
                        0};
    CaptureResult skip{"d.pcapng",
                       "d.yaml",
                       Verdict::kSkip,
                       "requires tshark >= 4.2 (this is 4.0.17)",
                       {{"capture", std::nullopt, {}}},
                       0};
    return {pass, fail, error, skip};
}

TEST(TextReport, OneLinePerCaptureAndADiffPerFailure) {
    std::string out;
    for (const CaptureResult &r : sample_results()) out += format_capture(r, {});
    EXPECT_EQ(out, R"(PASS  a.pcapng
FAIL  b.pcapng
      [stream 1] b.yaml:7: client messages
        - message 3: length 35
        + message 3: length 34  (frame 14)
        ... and 2 more
ERROR c.pcapng: tshark failed (exit status 2):
      appears to have been cut short
SKIP  d.pcapng: requires tshark >= 4.2 (this is 4.0.17)
)");
    EXPECT_EQ(format_totals(Totals::of(sample_results()), {}),
              "1 passed, 1 failed, 1 error, 1 skipped\n");
    EXPECT_EQ(format_totals(Totals{3, 0, 0, 0}, {}), "3 passed, 0 failed\n");
}

TEST(TextReport, QuietHidesPassesAndColourIsOptIn) {
    const auto results = sample_results();
    EXPECT_EQ(format_capture(results[0], {false, true}), "");
    EXPECT_NE(format_capture(results[1], {false, true}), "");
    EXPECT_EQ(format_capture(results[0], {}).find('\033'), std::string::npos);
    EXPECT_NE(format_capture(results[0], {true, false}).find("\033[32m"), std::string::npos);
}

TEST(JunitReport, TestcasePerCaptureAndStream) {
    const std::string xml = junit_report(sample_results());
    EXPECT_NE(xml.find("<testsuites name=\"labcheck\" tests=\"5\" failures=\"1\" errors=\"1\" "
                       "skipped=\"1\""),
              std::string::npos);
    EXPECT_NE(xml.find("name=\"b.pcapng [stream 1]\""), std::string::npos);
    EXPECT_NE(xml.find("<testcase classname=\"labcheck\" name=\"b.pcapng\" file=\"b.pcapng\" "
                       "time=\"0.250\"/>"),
              std::string::npos);
    EXPECT_NE(xml.find("<failure message=\"1 of 1 checks failed\" type=\"mismatch\">"),
              std::string::npos);
    EXPECT_NE(xml.find("<skipped message=\"requires tshark &gt;= 4.2 (this is 4.0.17)\"/>"),
              std::string::npos);
}

TEST(JunitReport, EscapesForXml) {
    EXPECT_EQ(xml_escape("a<b>&\"'\n\x01"), "a&lt;b&gt;&amp;&quot;&apos;&#10;\xEF\xBF\xBD");
}

TEST(JunitReport, BrokenUtf8StaysReadableXml) {
    const std::string replaced = "\xEF\xBF\xBD";
    EXPECT_EQ(xml_escape("\xED\x95\x9C \xFF, \xC3(, " + std::string(1, '\0') + ", \xEF\xBF\xBF"),
              "\xED\x95\x9C " + replaced + ", " + replaced + "(, " + replaced + ", " + replaced);
}

TEST(JsonReport, EveryCaptureAndCheck) {
    const auto doc = nlohmann::json::parse(json_report(
        sample_results(), RunInfo{"/usr/bin/tshark", "4.0.17", "p.so", "0.1.0", "as this user"}));
    EXPECT_EQ(doc["summary"]["failed"], 1);
    ASSERT_EQ(doc["captures"].size(), 4u);
    const auto &b = doc["captures"][1];
    EXPECT_EQ(b["verdict"], "fail");
    EXPECT_EQ(b["scopes"][1]["stream"], 1);
    const auto &check = b["scopes"][1]["checks"][0];
    EXPECT_EQ(check["location"], "b.yaml:7");
    EXPECT_EQ(check["mismatches"][0]["frame"], 14);
    EXPECT_EQ(check["more_mismatches"], 2);
    EXPECT_EQ(doc["captures"][2]["reason"],
              "tshark failed (exit status 2):\nappears to have been cut short");
    EXPECT_EQ(doc["tshark"]["version"], "4.0.17");
}

}  // namespace
}  // namespace labcheck
