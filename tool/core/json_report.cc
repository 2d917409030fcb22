#include "json_report.h"

#include <cctype>
#include <nlohmann/json.hpp>

namespace labcheck {

namespace {

using json = nlohmann::ordered_json;

std::string lower(const char *text) {
    std::string out(text);
    for (char &c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

json check_json(const CheckResult &c) {
    json mismatches = json::array();
    for (const Mismatch &m : c.mismatches) {
        json j = {{"expected", m.expected}, {"actual", m.actual}};
        j["frame"] = m.frame ? json(*m.frame) : json(nullptr);
        if (!m.note.empty()) j["note"] = m.note;
        mismatches.push_back(std::move(j));
    }
    return {{"location", c.where.str()}, {"title", c.title},         {"description", c.description},
            {"passed", c.passed()},      {"mismatches", mismatches}, {"more_mismatches", c.more}};
}

// Every TCP stream, whether it was graded, and the frames that are not TCP.
json contents_json(const CaptureContents &c) {
    json streams = json::array();
    for (const StreamInfo &s : c.streams)
        streams.push_back({{"stream", s.stream},
                           {"client", s.client},
                           {"server", s.server},
                           {"labproto", s.labproto},
                           {"graded", c.graded.count(s.stream) > 0},
                           {"summary", s.summary()}});
    return {{"streams", streams},
            {"other_frames", c.other_frames},
            {"other_protocols",
             json(std::vector<std::string>(c.other_protocols.begin(), c.other_protocols.end()))},
            {"short_frames", c.short_frames},
            {"snaplen", c.snaplen}};
}

json capture_json(const CaptureResult &r) {
    json scopes = json::array();
    for (const ScopeResult &s : r.scopes) {
        json checks = json::array();
        for (const CheckResult &c : s.checks) checks.push_back(check_json(c));
        json scope = {{"scope", s.label}};
        scope["stream"] = s.stream ? json(*s.stream) : json(nullptr);
        scope["passed"] = s.passed();
        scope["checks"] = std::move(checks);
        scopes.push_back(std::move(scope));
    }
    json j = {{"capture", r.capture},
              {"label", r.label},
              {"spec", r.spec},
              {"verdict", lower(verdict_name(r.verdict))}};
    j["reason"] = r.reason.empty() ? json(nullptr) : json(r.reason);
    j["updated"] = r.updated;
    j["cut"] = r.cut.empty() ? json(nullptr) : json(r.cut);
    j["connections"] = r.contents ? contents_json(*r.contents) : json(nullptr);
    j["scopes"] = std::move(scopes);
    return j;
}

}  // namespace

std::string json_report(const std::vector<CaptureResult> &results, const RunInfo &run,
                        const std::vector<SkippedFile> &not_checked) {
    const Totals t = Totals::of(results);
    json captures = json::array();
    for (const CaptureResult &r : results) captures.push_back(capture_json(r));
    json skipped = json::array();
    for (const SkippedFile &f : not_checked)
        skipped.push_back({{"path", f.path}, {"reason", f.reason}});
    const json doc = {
        {"summary",
         {{"passed", t.passed},
          {"failed", t.failed},
          {"errors", t.errors},
          {"skipped", t.skipped},
          {"updated", t.updated}}},
        {"tshark", {{"path", run.tshark_path}, {"version", run.tshark_version}, {"run", run.how}}},
        {"plugin", {{"path", run.plugin_path}, {"version", run.plugin_version}}},
        {"captures", captures},
        {"not_checked", skipped}};
    return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace labcheck
