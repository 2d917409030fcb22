// Which way a segment travels within a connection.
#pragma once

#include <cstdint>

namespace labproto {

// The client is the side that sent the SYN or, without one in the capture,
// the side talking to the labproto port.
enum class Direction : uint8_t { kClientToServer = 0, kServerToClient = 1 };

inline const char *direction_arrow(Direction d) {
    return d == Direction::kClientToServer ? "c\u2192s" : "s\u2192c";
}

inline Direction reverse(Direction d) {
    return d == Direction::kClientToServer ? Direction::kServerToClient
                                           : Direction::kClientToServer;
}

}  // namespace labproto
