#include "capture_run.h"

#include <fmt/format.h>
#include <fmt/ranges.h>  // fmt::join (in format.h before fmt 11)
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>

#include "ek_reader.h"
#include "requirements.h"
#include "tshark_command.h"

namespace labcheck {

namespace {

// Why `capture` cannot be handed to tshark, or nothing.
std::optional<std::string> not_a_capture(const std::string &capture) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::file_status status = fs::status(capture, ec);
    if (status.type() == fs::file_type::not_found) return "capture not found: " + capture;
    if (ec) return fmt::format("cannot read {}: {}", capture, ec.message());
    if (status.type() == fs::file_type::directory)
        return capture + " is a folder, not a capture file";
    if (status.type() != fs::file_type::regular) return capture + " is not a regular file";
    if (access(capture.c_str(), R_OK) != 0)
        return fmt::format("cannot read {}: {}", capture, std::strerror(errno));
    if (fs::file_size(capture, ec) == 0 && !ec)
        return capture + " is empty (0 bytes), not a capture file";
    return std::nullopt;
}

// One tshark pass over `capture` feeding `checker`; why it cannot be
// trusted, or nothing. `cut` says how a capture cut mid-packet ends.
std::optional<std::string> run_pass(const std::string &capture, const TsharkSettings &settings,
                                    CaptureChecker &checker, const RunContext &context,
                                    std::string &cut) {
    if (auto unusable = not_a_capture(capture)) return unusable;
    const ReadableFile readable = context.launcher.readable(capture);
    const FieldPlan &plan = checker.plan();
    const auto args = capture_arguments(readable.path(), settings, plan);
    const Command command = context.launcher.command(args);
    context.log(fmt::format("{}: {}", capture, fmt::join(command.argv, " ")));
    EkReader reader(plan);
    Frame frame;
    uint64_t last_frame = 0;
    std::optional<std::string> output_error;
    const ProcessOutcome outcome =
        run_process(command, context.timeout_seconds, [&](const std::string &line) {
            try {
                if (reader.feed(line, frame)) {
                    checker.observe(frame);
                    last_frame = frame.number;
                }
                return true;
            } catch (const std::exception &e) {
                output_error = e.what();
                return false;
            }
        });
    // A tshark stopped by the watchdog or a signal leaves its last line cut short:
    // the stop is the reason, not the unreadable line.
    if (outcome.timed_out || outcome.signaled)
        return tshark_failure(outcome, context.timeout_seconds);
    if (output_error) return "cannot read tshark's output: " + *output_error;
    const bool cut_mid_packet = cut_short(outcome) && reader.frames() > 0;
    if (!cut_mid_packet)
        if (auto failure = tshark_failure(outcome, context.timeout_seconds)) return failure;
    if (reader.frames() == 0)
        return "the capture has no packets (was it recorded on the wrong interface?)";
    if (auto problem = reader.tap_problem()) {
        const std::string said = stderr_summary(outcome.stderr_text);
        return *problem + (said.empty() ? "" : ":\n" + said);
    }
    if (cut_mid_packet)
        cut = fmt::format(
            "the capture is cut short in the middle of a packet after frame {}: graded on the {} "
            "frame{} read",
            last_frame, reader.frames(), reader.frames() == 1 ? "" : "s");
    checker.finish();
    return std::nullopt;
}

std::vector<ScopeResult> labels_only(const Spec &spec) {
    std::vector<ScopeResult> scopes = {ScopeResult{"capture", std::nullopt, {}}};
    for (const StreamSpec &s : spec.streams) scopes.push_back(ScopeResult{s.label(), s.stream, {}});
    return scopes;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

CaptureOutcome check_capture(const std::string &capture, const std::string &label, const Spec &spec,
                             const RunContext &context, bool update) {
    const auto start = std::chrono::steady_clock::now();
    CaptureOutcome out;
    CaptureResult &r = out.result;
    r.capture = capture;
    r.label = label;
    r.spec = spec.file;
    r.spec_description = spec.description;
    r.scopes = labels_only(spec);
    if (auto reason = unmet_requirement(spec.requirements, context.tools.tshark_version,
                                        context.tools.plugin_version)) {
        r.verdict = Verdict::kSkip;
        r.reason = *reason;
        return out;
    }
    CaptureChecker checker(spec, context.tools.kinds,
                           update ? CaptureChecker::Mode::kUpdate : CaptureChecker::Mode::kCheck,
                           context.hex);
    try {
        if (auto error = run_pass(capture, spec.tshark, checker, context, r.cut)) {
            r.verdict = Verdict::kError;
            r.reason = *error;
        } else {
            r.scopes = checker.results();
            r.contents = checker.contents();
            r.verdict = CaptureResult::judge(r.scopes);
            if (update && r.verdict == Verdict::kFail) out.blessed = checker.blessed();
        }
    } catch (const std::exception &e) {  // cannot start tshark, cannot stage the capture
        r.verdict = Verdict::kError;
        r.reason = e.what();
    }
    r.seconds = seconds_since(start);
    return out;
}

CaptureOutcome unusable_spec(const std::string &capture, const std::string &label,
                             const std::string &spec_file, const Spec *spec,
                             const std::string &why) {
    CaptureOutcome out;
    CaptureResult &r = out.result;
    r.capture = capture;
    r.label = label;
    r.spec = spec_file;
    const Spec no_streams;  // (a braced vector here trips GCC 16's -Wdangling-pointer)
    r.scopes = labels_only(spec ? *spec : no_streams);
    r.verdict = Verdict::kError;
    r.reason = why;
    return out;
}

Spec draft_spec(const std::string &capture, const TsharkSettings &settings,
                const RunContext &context) {
    Spec skeleton;
    skeleton.tshark = settings;
    CaptureChecker checker(skeleton, context.tools.kinds, CaptureChecker::Mode::kDraft);
    std::string cut;
    if (auto error = run_pass(capture, settings, checker, context, cut))
        throw std::runtime_error(*error);
    return checker.drafted();
}

}  // namespace labcheck
