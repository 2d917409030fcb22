#include "junit_report.h"

#include <fmt/format.h>
#include <glib.h>

#include "text_report.h"
#include "utf8.h"

namespace labcheck {

namespace {

struct Testcase {
    std::string name;
    std::string file;
    double seconds = 0;
    Verdict verdict = Verdict::kPass;
    std::string message;  // failure/error/skip summary
    std::string text;     // failure details
};

std::vector<Testcase> testcases_of(const CaptureResult &r) {
    std::vector<Testcase> out;
    const TextStyle plain;
    for (const ScopeResult &scope : r.scopes) {
        Testcase t;
        t.name = scope.stream ? fmt::format("{} [{}]", r.capture, scope.label) : r.capture;
        t.file = r.capture;
        t.seconds = scope.stream ? 0 : r.seconds;
        t.verdict = r.verdict;
        if (r.verdict == Verdict::kError || r.verdict == Verdict::kSkip) {
            t.message = r.reason;
        } else if (!scope.passed()) {
            t.verdict = Verdict::kFail;
            t.message =
                fmt::format("{} of {} checks failed", scope.failures(), scope.checks.size());
            t.text = format_failures({scope}, plain);
        } else {
            t.verdict = Verdict::kPass;
        }
        out.push_back(std::move(t));
    }
    return out;
}

std::string element(const Testcase &t) {
    std::string out =
        fmt::format("    <testcase classname=\"labcheck\" name=\"{}\" file=\"{}\" time=\"{:.3f}\"",
                    xml_escape(t.name), xml_escape(t.file), t.seconds);
    switch (t.verdict) {
        case Verdict::kPass:
            return out + "/>\n";
        case Verdict::kFail:
            return out + fmt::format(
                             ">\n      <failure message=\"{}\" type=\"mismatch\">{}</failure>\n    "
                             "</testcase>\n",
                             xml_escape(t.message), xml_escape(t.text));
        case Verdict::kError:
            return out + fmt::format(
                             ">\n      <error message=\"{}\" type=\"error\">{}</error>\n    "
                             "</testcase>\n",
                             xml_escape(t.message), xml_escape(t.message));
        case Verdict::kSkip:
            return out + fmt::format(">\n      <skipped message=\"{}\"/>\n    </testcase>\n",
                                     xml_escape(t.message));
    }
    return out + "/>\n";
}

}  // namespace

std::string xml_escape(const std::string &text) {
    // Each broken UTF-8 sequence becomes U+FFFD, as do the characters XML
    // 1.0 does not allow.
    const std::string valid = valid_utf8(text);
    std::string out;
    out.reserve(text.size());
    for (const gchar *p = valid.c_str(); *p; p = g_utf8_next_char(p)) {
        const gunichar c = g_utf8_get_char(p);
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            case '\n':
                out += "&#10;";
                break;
            case '\t':
                out += "&#9;";
                break;
            case '\r':
                out += "&#13;";
                break;
            default:
                if (c < 0x20 || c == 0xFFFE || c == 0xFFFF)
                    out += "\xEF\xBF\xBD";
                else
                    out.append(p, static_cast<const gchar *>(g_utf8_next_char(p)));
        }
    }
    return out;
}

std::string junit_report(const std::vector<CaptureResult> &results) {
    std::vector<Testcase> cases;
    double seconds = 0;
    for (const CaptureResult &r : results) {
        seconds += r.seconds;
        for (Testcase &t : testcases_of(r)) cases.push_back(std::move(t));
    }
    size_t failures = 0, errors = 0, skipped = 0;
    std::string body;
    for (const Testcase &t : cases) {
        failures += t.verdict == Verdict::kFail;
        errors += t.verdict == Verdict::kError;
        skipped += t.verdict == Verdict::kSkip;
        body += element(t);
    }
    const std::string counts =
        fmt::format("tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{:.3f}\"",
                    cases.size(), failures, errors, skipped, seconds);
    return fmt::format(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"labcheck\" {0}>\n"
        "  <testsuite name=\"labcheck\" {0}>\n{1}  </testsuite>\n</testsuites>\n",
        counts, body);
}

}  // namespace labcheck
