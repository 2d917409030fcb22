#include "spec.h"

namespace labcheck {

const char *direction_name(Direction direction) {
    return direction == Direction::kClient ? "client" : "server";
}

template <>
const std::vector<std::string> &state_names<HandshakeState>() {
    static const std::vector<std::string> names = {"complete", "missing", "incomplete"};
    return names;
}

template <>
const std::vector<std::string> &state_names<TeardownState>() {
    static const std::vector<std::string> names = {"complete", "reset", "half-closed", "open"};
    return names;
}

template <>
const std::vector<std::string> &state_names<Closer>() {
    static const std::vector<std::string> names = {"client", "server", "none"};
    return names;
}

template <>
const std::vector<std::string> &state_names<GradingScope>() {
    static const std::vector<std::string> names = {"lab", "capture"};
    return names;
}

std::vector<std::string> TsharkSettings::arguments() const {
    std::vector<std::string> args;
    if (two_pass) args.push_back("-2");
    for (const auto &[name, value] : preferences) {
        args.push_back("-o");
        args.push_back(name + ":" + value);
    }
    for (const std::string &d : decode_as) {
        args.push_back("-d");
        args.push_back(d);
    }
    for (const std::string &h : heuristics) {
        args.push_back("--enable-heuristic");
        args.push_back(h);
    }
    return args;
}

bool TsharkSettings::operator==(const TsharkSettings &other) const {
    return arguments() == other.arguments();
}

bool ScopeExpectations::empty() const {
    return !has_connection() && !has_messages() && counts.empty() && fields.empty() && !expert;
}

std::string StreamSpec::label() const {
    std::string out = "stream " + std::to_string(stream);
    if (!name.empty()) out += " (" + name + ")";
    return out;
}

}  // namespace labcheck
