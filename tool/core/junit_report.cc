#include "junit_report.h"

#include <fmt/format.h>
#include <glib.h>

#include <algorithm>
#include <filesystem>

#include "text_report.h"
#include "utf8.h"

namespace labcheck {

namespace {

// "section-A.01_kim" from "section-A/01_kim/lab.pcapng": CI groups testcases
// by their classname's dots, so dots inside a folder's name become '_'.
std::string classname_of(const std::string &label) {
    std::string out;
    for (const auto &part : std::filesystem::path(label).parent_path()) {
        std::string folder = part.string();
        if (folder.empty() || folder == "/" || folder == "." || folder == "..") continue;
        std::replace(folder.begin(), folder.end(), '.', '_');
        out += (out.empty() ? "" : ".") + folder;
    }
    return out.empty() ? "labcheck" : out;
}

std::string first_line(const std::string &text) { return text.substr(0, text.find('\n')); }

// The first failing check, and its first difference, for the one-line message.
std::string failure_message(const CaptureResult &r) {
    const CheckResult *first = nullptr;
    std::string out;
    for (const ScopeResult &s : r.scopes)
        for (const CheckResult &c : s.checks)
            if (!first && !c.passed()) {
                first = &c;
                if (s.stream) out = "[" + s.label + "] ";
            }
    if (!first) return "failed";
    out += first->heading();
    if (!first->mismatches.empty()) {
        const Mismatch &m = first->mismatches.front();
        out += ": expected " + m.expected + ", got " + m.actual;
    }
    const size_t others = r.failures() - 1;
    if (others) out += fmt::format(" (and {} more failed check{})", others, others == 1 ? "" : "s");
    return out;
}

// One testcase per capture, whatever its spec's stream sections, so that
// the totals are the terminal's. Children in the order both the xUnit
// plugin's junit-10 schema and JUnit 5's Jenkins schema accept: skipped,
// error, failure, system-out; no file attribute, skipped without attributes.
std::string testcase(const CaptureResult &r) {
    const std::string label = r.label.empty() ? r.capture : r.label;
    std::string out =
        fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"{:.3f}\"",
                    xml_escape(classname_of(label)),
                    xml_escape(std::filesystem::path(label).filename().string()), r.seconds);
    std::string body;
    if (r.updated) {
        body = fmt::format("      <system-out>{}</system-out>\n",
                           xml_escape("updated " + r.spec + " to what the capture decodes to"));
    } else {
        switch (r.verdict) {
            case Verdict::kPass:
                break;
            case Verdict::kFail:
                body = fmt::format("      <failure message=\"{}\" type=\"mismatch\">{}</failure>\n",
                                   xml_escape(failure_message(r)),
                                   xml_escape(format_failures(r.scopes, TextStyle{})));
                break;
            case Verdict::kError:
                body = fmt::format("      <error message=\"{}\" type=\"error\">{}</error>\n",
                                   xml_escape(first_line(r.reason)), xml_escape(r.reason));
                break;
            case Verdict::kSkip:
                body = fmt::format("      <skipped>{}</skipped>\n", xml_escape(r.reason));
                break;
        }
    }
    std::string notes;
    if (r.notes_matter())
        for (const std::string &line : r.notes()) notes += line + "\n";
    if (!notes.empty())
        body += fmt::format("      <system-out>{}</system-out>\n", xml_escape(notes));
    if (body.empty()) return out + "/>\n";
    return out + ">\n" + body + "    </testcase>\n";
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
    double seconds = 0;
    std::string body;
    for (const CaptureResult &r : results) {
        seconds += r.seconds;
        body += testcase(r);
    }
    const Totals t = Totals::of(results);
    const std::string counts = fmt::format("tests=\"{}\" failures=\"{}\" errors=\"{}\"",
                                           results.size(), t.failed, t.errors);
    return fmt::format(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuites name=\"labcheck\" {0} time=\"{2:.3f}\">\n"
        "  <testsuite name=\"labcheck\" {0} skipped=\"{1}\" time=\"{2:.3f}\">\n{3}"
        "  </testsuite>\n</testsuites>\n",
        counts, t.skipped, seconds, body);
}

}  // namespace labcheck
