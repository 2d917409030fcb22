// Terminal, JUnit and JSON reports of the same results.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "json_report.h"
#include "junit_report.h"
#include "text_report.h"

namespace labcheck {
namespace {

CaptureResult result(const std::string &capture, Verdict verdict, std::string reason,
                     std::vector<ScopeResult> scopes, double seconds) {
    CaptureResult r;
    r.capture = r.label = capture;
    r.spec = capture.substr(0, capture.find('.')) + ".yaml";
    r.verdict = verdict;
    r.reason = std::move(reason);
    r.scopes = std::move(scopes);
    r.seconds = seconds;
    return r;
}

std::vector<CaptureResult> sample_results() {
    CaptureResult pass =
        result("a.pcapng", Verdict::kPass, "", {{"capture", std::nullopt, {}}}, 0.5);
    CheckResult failed{{"b.yaml", 7},
                       "client messages",
                       {{"message 3: length 35", "message 3: length 34", 14}},
                       2,
                       ""};
    CheckResult ok{{"b.yaml", 3}, "handshake", {}, 0, "the 3-way handshake"};
    CaptureResult fail = result("section-A/01_kim/b.pcapng", Verdict::kFail, "",
                                {{"capture", std::nullopt, {ok}}, {"stream 1", 1, {failed}}}, 0.25);
    CaptureResult error = result("c.pcapng", Verdict::kError,
                                 "tshark failed (exit status 2):\nappears to have been cut short",
                                 {{"capture", std::nullopt, {}}}, 0);
    CaptureResult skip =
        result("d.pcapng", Verdict::kSkip, "requires tshark >= 4.2 (this is 4.0.17)",
               {{"capture", std::nullopt, {}}}, 0);
    return {pass, fail, error, skip};
}

TEST(TextReport, OneLinePerCaptureAndADiffPerFailure) {
    std::string out;
    for (const CaptureResult &r : sample_results()) out += format_capture(r, {});
    EXPECT_EQ(out, R"(PASS  a.pcapng
FAIL  section-A/01_kim/b.pcapng
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
    EXPECT_EQ(format_totals(Totals{3, 0, 0, 0, 0}, {}), "3 passed, 0 failed\n");
    // A capture whose spec --update rewrote is no longer a failure.
    auto results = sample_results();
    results[1].updated = true;
    EXPECT_EQ(format_totals(Totals::of(results), {}),
              "1 passed, 0 failed, 1 error, 1 skipped, 1 updated\n");
}

TEST(TextReport, CaretUnderTheFirstDifferenceOfWideText) {
    CheckResult c{{"x.yaml", 4}, "client messages", {}, 0, "the greeting"};
    // "안녕" is two characters, four columns wide: the caret is under ␀.
    c.mismatches.push_back({"message 1: text \"안녕\"", "message 1: text \"안녕\u2400\"", 6,
                            std::string("message 1: text \"안녕").size(), "first difference"});
    CaptureResult r = result("x.pcapng", Verdict::kFail, "", {{"capture", std::nullopt, {c}}}, 0);
    EXPECT_EQ(format_capture(r, {}),
              "FAIL  x.pcapng\n"
              "      x.yaml:4: client messages (the greeting)\n"
              "        - message 1: text \"안녕\"\n"
              "        + message 1: text \"안녕\u2400\"  (frame 6)\n"
              "                               ^ first difference\n");
}

TEST(TextReport, NamesWhatWasGradedWhenTheCaptureHoldsMore) {
    CaptureResult r = sample_results()[0];
    CaptureContents c;
    StreamInfo refused, lab;
    refused.stream = 0;
    refused.client = "127.0.0.1:40000";
    refused.server = "127.0.0.1:9000";
    refused.labproto = refused.syn = refused.reset = true;
    lab.stream = 1;
    lab.client = "127.0.0.1:40002";
    lab.server = "127.0.0.1:9000";
    lab.labproto = lab.lab_data = true;
    lab.messages[0] = 4;
    c.streams = {refused, lab};
    c.graded = {1};
    c.other_frames = 2;
    c.other_protocols = {"dns"};
    r.contents = c;
    EXPECT_EQ(format_capture(r, {}),
              "PASS  a.pcapng\n"
              "      graded: stream 1, 127.0.0.1:40002 \u2192 127.0.0.1:9000 (4 client messages, 0 "
              "server messages)\n"
              "      not graded: stream 0, 127.0.0.1:40000 \u2192 127.0.0.1:9000 (refused (a RST "
              "answered the SYN))\n"
              "      not graded: 2 frames that are not TCP (dns)\n");
    r.contents->streams = {lab};
    r.contents->other_frames = 0;
    EXPECT_EQ(format_capture(r, {}), "PASS  a.pcapng\n");  // nothing else to mention
}

TEST(TextReport, AReportPerCaptureForHandingBack) {
    const std::string report = format_report(sample_results()[1]);
    EXPECT_EQ(report, R"(labcheck: section-A/01_kim/b.pcapng
spec: section-A/01_kim/b.yaml
verdict: FAIL, 1 of 2 checks failed

PASS  b.yaml:3: handshake (the 3-way handshake)

stream 1:
FAIL  b.yaml:7: client messages
        - message 3: length 35
        + message 3: length 34  (frame 14)
        ... and 2 more
)");
}

TEST(TextReport, FilesLeftOutAreListed) {
    EXPECT_EQ(format_skipped_files({}, false), "");
    std::vector<SkippedFile> files(25, SkippedFile{"k.PCAPNG", "upper case"});
    const std::string out = format_skipped_files(files, false);
    EXPECT_EQ(out.substr(0, out.find('\n')), "NOT CHECKED: 25 files");
    EXPECT_NE(out.find("      k.PCAPNG: upper case\n"), std::string::npos);
    EXPECT_NE(out.find("... and 5 more (-v lists them all)"), std::string::npos);
    EXPECT_EQ(format_skipped_files(files, true).find("more"), std::string::npos);
}

TEST(TextReport, QuietHidesPassesAndColourIsOptIn) {
    const auto results = sample_results();
    EXPECT_EQ(format_capture(results[0], {false, true}), "");
    EXPECT_NE(format_capture(results[1], {false, true}), "");
    EXPECT_EQ(format_capture(results[0], {}).find('\033'), std::string::npos);
    EXPECT_NE(format_capture(results[0], {true, false}).find("\033[32m"), std::string::npos);
}

TEST(JunitReport, OneTestcasePerCaptureWithTheTerminalsTotals) {
    const std::string xml = junit_report(sample_results());
    // No skipped attribute on testsuites, no file attribute on testcases.
    EXPECT_NE(xml.find("<testsuites name=\"labcheck\" tests=\"4\" failures=\"1\" errors=\"1\" "
                       "time=\"0.750\">"),
              std::string::npos);
    EXPECT_NE(xml.find("<testsuite name=\"labcheck\" tests=\"4\" failures=\"1\" errors=\"1\" "
                       "skipped=\"1\" time=\"0.750\">"),
              std::string::npos);
    EXPECT_EQ(xml.find("file="), std::string::npos);
    EXPECT_NE(xml.find("<testcase classname=\"labcheck\" name=\"a.pcapng\" time=\"0.500\"/>"),
              std::string::npos);
    // Its stream failed, so the capture's testcase fails, named by the first failing check.
    EXPECT_NE(
        xml.find("<testcase classname=\"section-A.01_kim\" name=\"b.pcapng\" "
                 "time=\"0.250\">\n      <failure message=\"[stream 1] b.yaml:7: client messages: "
                 "expected message 3: length 35, got message 3: length 34\" "
                 "type=\"mismatch\">"),
        std::string::npos);
    EXPECT_NE(xml.find("<skipped>requires tshark &gt;= 4.2 (this is 4.0.17)</skipped>"),
              std::string::npos);
    EXPECT_NE(xml.find("<error message=\"tshark failed (exit status 2):\" type=\"error\">"),
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
    EXPECT_EQ(b["scopes"][0]["checks"][0]["description"], "the 3-way handshake");
    EXPECT_EQ(b["label"], "section-A/01_kim/b.pcapng");
}

}  // namespace
}  // namespace labcheck
