#include "tshark_command.h"

#include <fmt/format.h>

#include <csignal>
#include <cstring>
#include <sstream>

#include "frames_tap.h"

namespace labcheck {

std::vector<std::string> capture_arguments(const std::string &capture,
                                           const TsharkSettings &settings, const FieldPlan &plan) {
    // -n: no name resolution, so results never depend on DNS.
    std::vector<std::string> args = {"-n", "-r", capture, "-T", "ek"};
    for (const std::string &a : settings.arguments()) args.push_back(a);
    for (const std::string &f : plan.fields()) {
        args.push_back("-e");
        args.push_back(f);
    }
    for (const std::string &a : frames_tap_arguments(plan.filters())) args.push_back(a);
    return args;
}

std::vector<std::string> compile_arguments(const std::string &empty_capture,
                                           const TsharkSettings &settings,
                                           const std::vector<std::string> &filters) {
    std::vector<std::string> args = {"-n", "-r", empty_capture};
    for (const std::string &a : settings.arguments()) args.push_back(a);
    if (!filters.empty()) {
        std::string combined;
        for (const std::string &f : filters)
            combined += (combined.empty() ? "(" : " || (") + f + ")";
        args.push_back("-Y");
        args.push_back(combined);
    }
    return args;
}

std::string empty_pcap() {
    // Little-endian pcap 2.4, snaplen 65535, link type 1 (Ethernet).
    static const unsigned char header[] = {0xd4, 0xc3, 0xb2, 0xa1, 2,    0,    4, 0, 0, 0, 0, 0,
                                           0,    0,    0,    0,    0xff, 0xff, 0, 0, 1, 0, 0, 0};
    return std::string(reinterpret_cast<const char *>(header), sizeof header);
}

std::string stderr_summary(const std::string &stderr_text, size_t max_lines) {
    std::istringstream in(stderr_text);
    std::string line, out;
    size_t kept = 0;
    while (std::getline(in, line) && kept < max_lines) {
        if (line.empty() || line.rfind("Running as user", 0) == 0)
            continue;  // tshark's warning when run as root
        if (line.size() > 300) line = line.substr(0, 300) + "...";
        out += (kept++ ? "\n" : "") + line;
    }
    return out;
}

std::optional<std::string> tshark_failure(const ProcessOutcome &o, int timeout_seconds) {
    const std::string said = stderr_summary(o.stderr_text);
    const std::string tail = said.empty() ? "" : ":\n" + said;
    if (o.timed_out)
        return fmt::format("tshark timed out after {} s (raise --timeout?)", timeout_seconds);
    if (o.signaled)
        return fmt::format("tshark crashed (signal {}, {}){}", o.signal, strsignal(o.signal), tail);
    if (o.exit_code != 0) return fmt::format("tshark failed (exit status {}){}", o.exit_code, tail);
    for (const char *bad : {"cut short", "damaged or corrupt", "isn't a capture file"})
        if (o.stderr_text.find(bad) != std::string::npos) return "tshark reported a problem" + tail;
    return std::nullopt;
}

}  // namespace labcheck

namespace labcheck {

bool cut_short(const ProcessOutcome &o) {
    if (o.timed_out || o.signaled) return false;
    if (o.stderr_text.find("cut short in the middle of a packet") == std::string::npos)
        return false;
    // Any other complaint (a corrupt block, an unknown format) is not a cut.
    for (const char *worse : {"damaged or corrupt", "isn't a capture file"})
        if (o.stderr_text.find(worse) != std::string::npos) return false;
    return true;
}

}  // namespace labcheck
