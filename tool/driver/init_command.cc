#include "init_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "capture_checker.h"
#include "discovery.h"
#include "spec_writer.h"
#include "text_file.h"

namespace labcheck {

namespace {

int fail(const std::string &message) {
    std::fprintf(stderr, "labcheck: %s\n", message.c_str());
    return 2;
}

std::string summary(const Spec &spec) {
    const ScopeExpectations &s = spec.expect;
    if (!spec.streams.empty()) return fmt::format("{} TCP streams", spec.streams.size());
    std::string out;
    for (Direction d : {Direction::kClient, Direction::kServer})
        if (const auto &seq = s.messages[static_cast<int>(d)])
            out += fmt::format("{} {} message{}, ", seq->messages.size(), direction_name(d),
                               seq->messages.size() == 1 ? "" : "s");
    if (s.handshake) out += fmt::format("handshake {}, ", state_name(s.handshake->value));
    if (s.teardown) out += fmt::format("teardown {}, ", state_name(s.teardown->value));
    return out.empty() ? "no labproto traffic" : out.substr(0, out.size() - 2);
}

}  // namespace

int run_init(const InitOptions &options) {
    for (const std::string &capture : options.captures) {
        if (!is_capture_path(capture)) return fail(capture + ": not a capture (.pcapng, .pcap)");
        if (!options.force && std::filesystem::exists(sidecar_spec(capture)))
            return fail(sidecar_spec(capture) +
                        " exists (overwrite with --force, or refresh it "
                        "with: labcheck --update " +
                        capture + ")");
    }
    Spec skeleton;
    skeleton.file = "(labcheck init)";
    skeleton.tshark = options.settings;
    std::optional<Session> session;
    try {
        session.emplace(
            options.tool,
            std::vector<PlannedSpec>{PlannedSpec{
                &skeleton, CaptureChecker(skeleton, {}, CaptureChecker::Mode::kDraft).plan()}});
    } catch (const EnvironmentError &e) {
        return fail(e.what());
    }
    if (const SpecErrors &errors = session->tools().spec_errors; !errors.empty())
        return fail(errors.begin()->second);  // the settings given: the only spec
    int status = 0;
    for (const std::string &capture : options.captures) {
        try {
            Spec spec = draft_spec(capture, options.settings, session->context());
            spec.file = sidecar_spec(capture);
            spec.header_comment = fmt::format(
                "# Drafted by `labcheck init {}`: review every line against what the capture\n"
                "# should show before trusting it.\n",
                std::filesystem::path(capture).filename().string());
            if (auto why = write_text_file(spec.file, write_spec(spec))) {
                status = fail(fmt::format("cannot write {}: {}", spec.file, *why));
                continue;
            }
            std::printf("wrote %s (%s)\n", spec.file.c_str(), summary(spec).c_str());
        } catch (const std::exception &e) {
            std::fprintf(stderr, "labcheck: %s: %s\n", capture.c_str(), e.what());
            status = std::max(status, 1);
        }
    }
    return status;
}

}  // namespace labcheck
