#include "tshark_passthrough.h"

#include <nlohmann/json.hpp>

namespace labcheck {

std::vector<std::string> stage_capture_arguments(
    const std::vector<std::string> &args,
    const std::function<std::string(const std::string &)> &stage) {
    const auto staged = [&](const std::string &file) { return file == "-" ? file : stage(file); };
    const std::string long_eq = "--read-file=";
    std::vector<std::string> out;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        if ((a == "-r" || a == "--read-file") && i + 1 < args.size()) {
            out.push_back(a);
            out.push_back(staged(args[++i]));
        } else if (a.rfind(long_eq, 0) == 0) {
            out.push_back(long_eq + staged(a.substr(long_eq.size())));
        } else if (a.size() > 2 && a.rfind("-r", 0) == 0) {  // getopt's -rFILE
            out.push_back("-r" + staged(a.substr(2)));
        } else {
            out.push_back(a);
        }
    }
    return out;
}

std::vector<std::string> with_environment(std::vector<std::string> base,
                                          const std::vector<std::string> &extra) {
    const auto name = [](const std::string &entry) { return entry.substr(0, entry.find('=')); };
    for (const std::string &e : extra) {
        bool replaced = false;
        for (std::string &b : base)
            if (name(b) == name(e)) {
                b = e;
                replaced = true;
            }
        if (!replaced) base.push_back(e);
    }
    return base;
}

int passthrough_status(const ProcessOutcome &outcome) {
    return outcome.signaled ? 128 + outcome.signal : outcome.exit_code;
}

std::string prefix_json(const TsharkPrefix &prefix) {
    // ordered_json: a caller that prints the environment sees tshark's order.
    nlohmann::ordered_json env = nlohmann::ordered_json::object();
    for (const std::string &entry : prefix.env) {
        const size_t eq = entry.find('=');
        env[entry.substr(0, eq)] = eq == std::string::npos ? "" : entry.substr(eq + 1);
    }
    const nlohmann::ordered_json out = {{"argv", prefix.argv},
                                        {"env", env},
                                        {"cwd", prefix.cwd},
                                        {"plugin", prefix.plugin},
                                        {"plugin_dir", prefix.plugin_dir},
                                        {"tshark_version", prefix.tshark_version},
                                        {"as_nobody", prefix.as_nobody}};
    return out.dump(2) + "\n";
}

}  // namespace labcheck
