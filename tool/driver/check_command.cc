#include "check_command.h"

#include <fmt/format.h>
#include <fmt/ranges.h>  // fmt::join (in format.h before fmt 11)

#include <cstdio>
#include <functional>
#include <map>

#include "discovery.h"
#include "json_report.h"
#include "junit_report.h"
#include "ordered_pool.h"
#include "requirements.h"
#include "spec_error.h"
#include "spec_parser.h"
#include "spec_writer.h"
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

// --update: the spec now describes the capture; say so under its diff.
// False when it cannot be written.
bool bless(const CaptureOutcome &outcome, const TextStyle &style) {
    const Spec &spec = *outcome.blessed;
    if (auto why = write_text_file(spec.file, write_spec(spec))) {
        print(fmt::format("      cannot write {}: {}\n", spec.file, *why));
        return false;
    }
    print(style.color ? fmt::format("      \033[36mupdated {}\033[0m\n", spec.file)
                      : fmt::format("      updated {}\n", spec.file));
    return true;
}

CaptureOutcome check_job(const Job &job, const Batch &batch, const Session &session, bool update) {
    const auto spec = batch.specs.find(job.spec);
    const Spec *usable = spec == batch.specs.end() ? nullptr : &spec->second;
    if (const auto error = batch.spec_errors.find(job.spec); error != batch.spec_errors.end())
        return unusable_spec(job.capture, job.spec, usable, error->second);
    return check_capture(job.capture, *usable, session.context(), update);
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
    std::optional<Session> session;
    try {
        session.emplace(options.tool, plan_specs(batch, options.update));
    } catch (const EnvironmentError &e) {
        for (const auto &[path, error] : batch.spec_errors) complain(error);
        return usage_error({e.what()});
    }
    for (const std::string &note : found.notes) session->log(note);
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
        [&](size_t, CaptureOutcome &outcome) {
            print(format_capture(outcome.result, style));
            if (outcome.blessed && !bless(outcome, style)) unwritten = true;
            results.push_back(std::move(outcome.result));
        });

    const Totals totals = Totals::of(results);
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
    report(options.json, "JSON", [&] { return json_report(results, run); });
    if (unwritten || !batch.spec_errors.empty()) return 2;
    if (options.update) return totals.errors ? 1 : 0;
    return totals.failed || totals.errors ? 1 : 0;
}

}  // namespace labcheck
