// One labproto message as the plugin decoded it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "spec.h"

namespace labcheck {

struct ObservedMessage {
    uint64_t frame = 0;
    Direction direction = Direction::kClient;
    uint64_t length = 0;
    uint64_t msg_index = 0;  // the plugin's, per direction and stream
    size_t position = 0;     // among the frame's messages
    std::optional<std::string> text;
    std::optional<std::string> payload;  // hex
};

}  // namespace labcheck
