#include "check_command.h"

#include <fmt/format.h>
#include <fmt/ranges.h>  // fmt::join (in format.h before fmt 11)

#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <set>

#include "discovery.h"
#include "json_report.h"
#include "junit_report.h"
#include "ordered_pool.h"
#include "requirements.h"
#include "spec_error.h"
#include "spec_parser.h"
#include "spec_patch.h"
#include "text_file.h"
#include "text_report.h"

namespace labcheck {

namespace {

struct Batch {
    std::vector<Job> jobs;
    std::map<std::string, Spec> specs;  // by path: the specs that can be used
    SpecErrors spec_errors;             // by path: why the others cannot
};

void complain(const std::string &error) { std::fprintf(stderr, "labcheck: %s\n", error.c_str()); }

int usage_error(const std::vector<std::string> &errors) {
    for (const std::string &e : errors) complain(e);
    return 2;
}

// Parses every spec once; a spec-only job gets its capture from the spec
// (from its name when the spec cannot be read).
void load_specs(Batch &batch) {
    for (Job &job : batch.jobs) {
        if (batch.specs.count(job.spec) == 0 && batch.spec_errors.count(job.spec) == 0) {
            try {
                batch.specs.emplace(job.spec, load_spec(job.spec));
            } catch (const SpecError &e) {
                batch.spec_errors.emplace(job.spec, e.what());
            }
        }
        const auto spec = batch.specs.find(job.spec);
        const bool named = spec != batch.specs.end() && spec->second.capture;
        if (job.capture.empty())
            job.capture = capture_for_spec(
                job.spec, named ? std::optional(spec->second.capture->value) : std::nullopt);
        if (job.label.empty()) job.label = job.capture;
    }
}

std::vector<PlannedSpec> plan_specs(const Batch &batch, bool update) {
    std::vector<PlannedSpec> planned;
    const auto mode = update ? CaptureChecker::Mode::kUpdate : CaptureChecker::Mode::kCheck;
    for (const auto &[path, spec] : batch.specs)
        planned.push_back(PlannedSpec{&spec, CaptureChecker(spec, {}, mode).plan()});
    return planned;
}

void print(const std::string &text) {
    std::fputs(text.c_str(), stdout);
    std::fflush(stdout);
}

// --update: the spec now describes the capture (only what differed was
// rewritten); say so under its diff. False when it cannot be written.
bool bless(CaptureOutcome &outcome, const Spec &original, const TextStyle &style) {
    const Spec &spec = *outcome.blessed;
    if (auto why = write_text_file(spec.file, patch_spec(original, spec))) {
        print(fmt::format("      cannot write {}: {}\n", spec.file, *why));
        return false;
    }
    outcome.result.updated = true;
    print(style.color ? fmt::format("      \033[36mupdated {}\033[0m\n", spec.file)
                      : fmt::format("      updated {}\n", spec.file));
    return true;
}

CaptureOutcome check_job(const Job &job, const Batch &batch, const Session &session, bool update) {
    const auto spec = batch.specs.find(job.spec);
    const Spec *usable = spec == batch.specs.end() ? nullptr : &spec->second;
    if (const auto error = batch.spec_errors.find(job.spec); error != batch.spec_errors.end())
        return unusable_spec(job.capture, job.label, job.spec, usable, error->second);
    // A spec read without an error is in batch.specs.
    return check_capture(job.capture, job.label, batch.specs.at(job.spec), session.context(),
                         update);
}

// Where --report-dir puts a capture's report: its label with .txt for the
// capture's extension, kept inside DIR, and unique.
std::string report_path(const std::string &dir, const std::string &label,
                        std::set<std::string> &taken) {
    namespace fs = std::filesystem;
    fs::path relative = fs::path(label).lexically_normal();
    if (relative.is_absolute() || *relative.begin() == "..") relative = relative.filename();
    std::string base = (fs::path(dir) / relative).string();
    for (const char *suffix : {".pcapng.gz", ".pcap.gz", ".pcapng", ".pcap", ".cap"}) {
        const std::string s(suffix);
        if (base.size() > s.size() && base.compare(base.size() - s.size(), s.size(), s) == 0) {
            base.resize(base.size() - s.size());
            break;
        }
    }
    std::string path = base + ".txt";
    for (int n = 2; !taken.insert(path).second; ++n) path = fmt::format("{}-{}.txt", base, n);
    return path;
}

// One readable report per capture; why one could not be written, or nothing.
std::optional<std::string> write_reports(const std::string &dir,
                                         const std::vector<CaptureResult> &results) {
    std::set<std::string> taken;
    for (const CaptureResult &r : results) {
        const std::string path = report_path(dir, r.label.empty() ? r.capture : r.label, taken);
        std::error_code ec;
        std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
        if (auto why = write_text_file(path, format_report(r)))
            return fmt::format("cannot write the report {}: {}", path, *why);
    }
    return std::nullopt;
}

}  // namespace

// A spec that cannot be used is an ERROR for its captures (exit status 2, as
// for a report that cannot be written): the others are still checked, and
// every capture is in every report.
int run_check(const CheckOptions &options) {
    Discovery found = discover(options.paths, options.spec);
    if (!found.errors.empty()) return usage_error(found.errors);
    if (found.jobs.empty())
        return usage_error({"no captures with specs found in " +
                            fmt::format("{}", fmt::join(options.paths, " "))});
    Batch batch;
    batch.jobs = options.shard ? options.shard->select(found.jobs) : found.jobs;
    load_specs(batch);
    if (options.update && options.spec && batch.jobs.size() > 1)
        return usage_error(
            {"--update rewrites a capture's own spec; it cannot bless one --spec "
             "from several captures"});
    if (options.update && options.spec && !options.force)
        return usage_error({fmt::format(
            "--update would rewrite {}, given with --spec: a spec shared by many captures, "
            "rewritten from {} alone; add --force if that is meant",
            *options.spec, batch.jobs.front().capture)});
    std::optional<Session> session;
    try {
        session.emplace(options.tool, plan_specs(batch, options.update));
    } catch (const EnvironmentError &e) {
        for (const auto &[path, error] : batch.spec_errors) complain(error);
        return usage_error({e.what()});
    }
    const Toolchain &tools = session->tools();
    // A spec for a newer tshark or plugin may name what this one lacks: its
    // captures are SKIPped for that, not in error.
    for (const auto &[path, error] : tools.spec_errors)
        if (!unmet_requirement(batch.specs.at(path).requirements, tools.tshark_version,
                               tools.plugin_version))
            batch.spec_errors.emplace(path, error);
    for (const auto &[path, error] : batch.spec_errors) complain(error);

    const TextStyle style{options.color, options.quiet};
    std::vector<CaptureResult> results;
    bool unwritten = false;
    run_ordered<CaptureOutcome>(
        batch.jobs.size(), options.jobs,
        [&](size_t i) { return check_job(batch.jobs[i], batch, *session, options.update); },
        [&](size_t i, CaptureOutcome &outcome) {
            print(format_capture(outcome.result, style));
            if (outcome.blessed && !bless(outcome, batch.specs.at(batch.jobs[i].spec), style))
                unwritten = true;
            results.push_back(std::move(outcome.result));
        });

    const Totals totals = Totals::of(results);
    print(format_skipped_files(found.skipped, options.tool.verbose));
    print(format_totals(totals, style));
    const RunInfo run{session->launcher().tshark(), tools.tshark_version.str(), tools.plugin_shown,
                      tools.plugin_version ? tools.plugin_version->str() : "",
                      session->launcher().as_nobody() ? "as nobody via setpriv" : "as this user"};
    const auto report = [&](const std::optional<std::string> &path, const char *kind,
                            const std::function<std::string()> &text) {
        if (!path) return;
        if (auto why = write_text_file(*path, text())) {
            complain(fmt::format("cannot write the {} report {}: {}", kind, *path, *why));
            unwritten = true;
        }
    };
    report(options.junit, "JUnit", [&] { return junit_report(results); });
    report(options.json, "JSON", [&] { return json_report(results, run, found.skipped); });
    if (options.report_dir)
        if (auto why = write_reports(*options.report_dir, results)) {
            complain(*why);
            unwritten = true;
        }
    if (unwritten || !batch.spec_errors.empty()) return 2;
    // As the summary line says: captures whose spec --update rewrote are not failures.
    return totals.failed || totals.errors ? 1 : 0;
}

}  // namespace labcheck
