// Wireshark expert info severities, ordered, with the names specs use.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace labcheck {

enum class Severity { kComment = 1, kChat, kNote, kWarning, kError };

// The names specs use, lowest first: index + 1 is the Severity.
const std::vector<std::string> &severity_names();
// "comment", "chat", "note", "warning" (or "warn"), "error".
std::optional<Severity> severity_from_name(const std::string &name);
const char *severity_name(Severity severity);

// tshark prints _ws.expert.severity as the raw PI_* value (PI_CHAT = 0x00200000).
std::optional<Severity> severity_from_tshark(const std::string &value);

}  // namespace labcheck
