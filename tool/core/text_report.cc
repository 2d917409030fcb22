#include "text_report.h"

#include <fmt/format.h>

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

void format_check(const std::string &scope, const CheckResult &check, const TextStyle &style,
                  std::string &out) {
    out += fmt::format("      {}{}: {}\n", scope, check.where.str(), check.title);
    for (const Mismatch &m : check.mismatches) {
        out += paint(fmt::format("        - {}", m.expected), "\033[31m", style) + "\n";
        std::string actual = fmt::format("        + {}", m.actual);
        if (m.frame) actual += fmt::format("  (frame {})", *m.frame);
        out += paint(actual, "\033[32m", style) + "\n";
    }
    if (check.more) out += fmt::format("        ... and {} more\n", check.more);
}

}  // namespace

std::string format_failures(const std::vector<ScopeResult> &scopes, const TextStyle &style) {
    std::string out;
    for (const ScopeResult &scope : scopes) {
        const std::string label = scope.stream ? "[" + scope.label + "] " : "";
        for (const CheckResult &check : scope.checks)
            if (!check.passed()) format_check(label, check, style, out);
    }
    return out;
}

std::string format_capture(const CaptureResult &r, const TextStyle &style) {
    if (style.quiet && (r.verdict == Verdict::kPass || r.verdict == Verdict::kSkip)) return "";
    const std::string head =
        paint(fmt::format("{:<5}", verdict_name(r.verdict)), colour_of(r.verdict), style);
    switch (r.verdict) {
        case Verdict::kPass:
            return fmt::format("{} {}\n", head, r.capture);
        case Verdict::kFail:
            return fmt::format("{} {}\n{}", head, r.capture, format_failures(r.scopes, style));
        default:
            return fmt::format("{} {}: {}\n", head, r.capture, indent_rest(r.reason, "      "));
    }
}

std::string format_totals(const Totals &t, const TextStyle &style) {
    std::string out = fmt::format("{} passed, {} failed", t.passed, t.failed);
    if (t.errors) out += fmt::format(", {} error{}", t.errors, t.errors == 1 ? "" : "s");
    if (t.skipped) out += fmt::format(", {} skipped", t.skipped);
    const bool good = t.failed == 0 && t.errors == 0;
    return paint(out, good ? "\033[32m" : "\033[31m", style) + "\n";
}

}  // namespace labcheck
