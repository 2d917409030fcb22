#include "check_command.h"

#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <map>

#include "discovery.h"
#include "json_report.h"
#include "junit_report.h"
#include "ordered_pool.h"
#include "spec_error.h"
#include "spec_parser.h"
#include "spec_writer.h"
#include "text_report.h"

namespace labcheck {

namespace {

struct Batch {
    std::vector<Job> jobs;
    std::map<std::string, Spec> specs;  // by path
};

int usage_error(const std::vector<std::string> &errors) {
    for (const std::string &e : errors) std::fprintf(stderr, "labcheck: %s\n", e.c_str());
    return 2;
}

// Parses every spec once; a spec-only job gets its capture from the spec.
std::vector<std::string> load_specs(Batch &batch) {
    std::vector<std::string> errors;
    for (Job &job : batch.jobs) {
        if (batch.specs.count(job.spec) == 0) {
            try {
                batch.specs.emplace(job.spec, load_spec(job.spec));
            } catch (const SpecError &e) {
                errors.push_back(e.what());
                continue;
            }
        }
        const Spec &spec = batch.specs.at(job.spec);
        if (job.capture.empty())
            job.capture = capture_for_spec(
                job.spec, spec.capture ? std::optional(spec.capture->value) : std::nullopt);
    }
    return errors;
}

std::vector<PlannedSpec> plan_specs(const Batch &batch, bool update) {
    std::vector<PlannedSpec> planned;
    const auto mode = update ? CaptureChecker::Mode::kUpdate : CaptureChecker::Mode::kCheck;
    for (const auto &[path, spec] : batch.specs)
        planned.push_back(PlannedSpec{&spec, CaptureChecker(spec, {}, mode).plan()});
    return planned;
}

bool write_text(const std::string &path, const std::string &text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    return static_cast<bool>(out);
}

void print(const std::string &text) {
    std::fputs(text.c_str(), stdout);
    std::fflush(stdout);
}

// --update: the spec now describes the capture; say so under its diff.
void bless(const CaptureOutcome &outcome, const TextStyle &style) {
    const Spec &spec = *outcome.blessed;
    if (!write_text(spec.file, write_spec(spec))) {
        print(fmt::format("      cannot write {}\n", spec.file));
        return;
    }
    print(style.color ? fmt::format("      \033[36mupdated {}\033[0m\n", spec.file)
                      : fmt::format("      updated {}\n", spec.file));
}

}  // namespace

int run_check(const CheckOptions &options) {
    Discovery found = discover(options.paths, options.spec);
    if (!found.errors.empty()) return usage_error(found.errors);
    if (found.jobs.empty())
        return usage_error({"no captures with specs found in " +
                            fmt::format("{}", fmt::join(options.paths, " "))});
    Batch batch;
    batch.jobs = options.shard ? options.shard->select(found.jobs) : found.jobs;
    if (const auto errors = load_specs(batch); !errors.empty()) return usage_error(errors);
    if (options.update && options.spec && batch.jobs.size() > 1)
        return usage_error(
            {"--update rewrites a capture's own spec; it cannot bless one --spec "
             "from several captures"});
    std::optional<Session> session;
    try {
        session.emplace(options.tool, plan_specs(batch, options.update));
    } catch (const EnvironmentError &e) {
        return usage_error({e.what()});
    }
    for (const std::string &note : found.notes) session->log(note);

    const TextStyle style{options.color, options.quiet};
    std::vector<CaptureResult> results;
    run_ordered<CaptureOutcome>(
        batch.jobs.size(), options.jobs,
        [&](size_t i) {
            const Job &job = batch.jobs[i];
            return check_capture(job.capture, batch.specs.at(job.spec), session->context(),
                                 options.update);
        },
        [&](size_t, CaptureOutcome &outcome) {
            print(format_capture(outcome.result, style));
            if (outcome.blessed) bless(outcome, style);
            results.push_back(std::move(outcome.result));
        });

    const Totals totals = Totals::of(results);
    print(format_totals(totals, style));
    const Toolchain &tools = session->tools();
    const RunInfo run{session->launcher().tshark(), tools.tshark_version.str(), tools.plugin_shown,
                      tools.plugin_version ? tools.plugin_version->str() : "",
                      session->launcher().as_nobody() ? "as nobody via setpriv" : "as this user"};
    if (options.junit && !write_text(*options.junit, junit_report(results)))
        return usage_error({"cannot write " + *options.junit});
    if (options.json && !write_text(*options.json, json_report(results, run)))
        return usage_error({"cannot write " + *options.json});
    if (options.update) return totals.errors ? 1 : 0;
    return totals.failed || totals.errors ? 1 : 0;
}

}  // namespace labcheck
