#include "spec.h"

namespace labcheck {

const char *direction_name(Direction direction) {
    return direction == Direction::kClient ? "client" : "server";
}

const char *handshake_name(HandshakeState state) {
    switch (state) {
        case HandshakeState::kComplete:
            return "complete";
        case HandshakeState::kMissing:
            return "missing";
        case HandshakeState::kIncomplete:
            return "incomplete";
    }
    return "?";
}

const char *teardown_name(TeardownState state) {
    switch (state) {
        case TeardownState::kComplete:
            return "complete";
        case TeardownState::kReset:
            return "reset";
        case TeardownState::kHalfClosed:
            return "half-closed";
        case TeardownState::kOpen:
            return "open";
    }
    return "?";
}

const char *closer_name(Closer closer) {
    switch (closer) {
        case Closer::kClient:
            return "client";
        case Closer::kServer:
            return "server";
        case Closer::kNone:
            return "none";
    }
    return "?";
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
