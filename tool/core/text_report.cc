#include "text_report.h"

#include <fmt/format.h>

#include "visible_text.h"

namespace labcheck {

namespace {

const char *colour_of(Verdict verdict) {
    static const char *const colours[] = {"\033[32m", "\033[31m", "\033[1;35m", "\033[33m"};
    return colours[static_cast<int>(verdict)];  // green, red, bold magenta, yellow
}

std::string paint(const std::string &text, const char *colour, const TextStyle &style) {
    return style.color ? fmt::format("{}{}\033[0m", colour, text) : text;
}

std::string indent_rest(const std::string &text, const std::string &indent) {
    std::string out;
    for (char c : text) {
        out += c;
        if (c == '\n') out += indent;
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
    return out;
}

// The - and + lines of one mismatch, and under the + line a caret at the
// first differing character with what differs there.
void format_mismatch(const Mismatch &m, const TextStyle &style, std::string &out) {
    out += paint(fmt::format("        - {}", m.expected), "\033[31m", style) + "\n";
    const std::string plus = fmt::format("        + {}", m.actual);
    std::string actual = plus;
    if (m.frame) actual += fmt::format("  (frame {})", *m.frame);
    out += paint(actual, "\033[32m", style) + "\n";
    if (m.caret) {
        const size_t column = display_width(plus.substr(0, 10 + *m.caret));
        out += std::string(column, ' ') + "^ " + m.note + "\n";
    } else if (!m.note.empty()) {
        out += "          " + m.note + "\n";
    }
}

void format_check(const std::string &scope, const CheckResult &check, const TextStyle &style,
                  std::string &out) {
    out += fmt::format("      {}{}\n", scope, check.heading());
    for (const Mismatch &m : check.mismatches) format_mismatch(m, style, out);
    if (check.more) out += fmt::format("        ... and {} more\n", check.more);
}

std::string scope_prefix(const ScopeResult &scope) {
    return scope.stream ? "[" + scope.label + "] " : "";
}

// What was graded and left out, shown when there is more than the lab's
// connection in the capture, or it was cut.
std::string format_notes(const CaptureResult &r) {
    if (!r.notes_matter()) return "";
    std::string out;
    for (const std::string &line : r.notes()) out += "      " + line + "\n";
    return out;
}

std::string plural(size_t n, const char *what) {
    return fmt::format("{} {}{}", n, what, n == 1 ? "" : "s");
}

}  // namespace

std::string format_failures(const std::vector<ScopeResult> &scopes, const TextStyle &style) {
    std::string out;
    for (const ScopeResult &scope : scopes)
        for (const CheckResult &check : scope.checks)
            if (!check.passed()) format_check(scope_prefix(scope), check, style, out);
    return out;
}

std::string format_capture(const CaptureResult &r, const TextStyle &style) {
    if (style.quiet && (r.verdict == Verdict::kPass || r.verdict == Verdict::kSkip)) return "";
    const std::string head =
        paint(fmt::format("{:<5}", verdict_name(r.verdict)), colour_of(r.verdict), style);
    switch (r.verdict) {
        case Verdict::kPass:
            return fmt::format("{} {}\n{}", head, r.capture, format_notes(r));
        case Verdict::kFail:
            return fmt::format("{} {}\n{}{}", head, r.capture, format_notes(r),
                               format_failures(r.scopes, style));
        default:
            return fmt::format("{} {}: {}\n", head, r.capture, indent_rest(r.reason, "      "));
    }
}

std::string format_skipped_files(const std::vector<SkippedFile> &files, bool all) {
    constexpr size_t kShown = 20;
    if (files.empty()) return "";
    std::string out = fmt::format("NOT CHECKED: {}\n", plural(files.size(), "file"));
    for (size_t i = 0; i < files.size() && (all || i < kShown); ++i)
        out += fmt::format("      {}: {}\n", files[i].path, files[i].reason);
    if (!all && files.size() > kShown)
        out += fmt::format("      ... and {} more (-v lists them all)\n", files.size() - kShown);
    return out;
}

std::string format_totals(const Totals &t, const TextStyle &style) {
    std::string out = fmt::format("{} passed, {} failed", t.passed, t.failed);
    if (t.errors) out += fmt::format(", {} error{}", t.errors, t.errors == 1 ? "" : "s");
    if (t.skipped) out += fmt::format(", {} skipped", t.skipped);
    if (t.updated) out += fmt::format(", {} updated", t.updated);
    const bool good = t.failed == 0 && t.errors == 0;
    return paint(out, good ? "\033[32m" : "\033[31m", style) + "\n";
}

std::string format_report(const CaptureResult &r) {
    std::string out = fmt::format("labcheck: {}\n", r.label.empty() ? r.capture : r.label);
    out += fmt::format("spec: {}{}\n", r.spec,
                       r.spec_description.empty() ? "" : " (" + r.spec_description + ")");
    switch (r.verdict) {
        case Verdict::kPass:
            out += fmt::format("verdict: PASS, {} passed\n", plural(r.checks(), "check"));
            break;
        case Verdict::kFail:
            out += fmt::format("verdict: FAIL, {} of {} failed\n", r.failures(),
                               plural(r.checks(), "check"));
            break;
        default:
            return out + fmt::format("verdict: {}\n\n{}\n", verdict_name(r.verdict), r.reason);
    }
    for (const std::string &line : r.notes()) out += line + "\n";
    const TextStyle plain;
    for (const ScopeResult &scope : r.scopes) {
        out += "\n";
        if (scope.stream) out += scope.label + ":\n";
        for (const CheckResult &check : scope.checks) {
            out += fmt::format("{}  {}\n", check.passed() ? "PASS" : "FAIL", check.heading());
            for (const Mismatch &m : check.mismatches) format_mismatch(m, plain, out);
            if (check.more) out += fmt::format("        ... and {} more\n", check.more);
        }
    }
    return out;
}

}  // namespace labcheck
