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
    uint64_t msg_index = 0;               // the plugin's, per direction and stream
    size_t position = 0;                  // among the frame's messages
    std::optional<std::string> text;      // the whole body as UTF-8
    std::optional<std::string> payload;   // hex
    std::optional<std::string> encoding;  // labproto.encoding: "UTF-8", "CP949", "none"...
};

}  // namespace labcheck
