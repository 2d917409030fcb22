// The one-line summary of a message shown in the Info column.
#pragma once

#include <cstdint>
#include <string>

#include "direction.h"

namespace labproto {

// Code points of text shown before the preview is cut with "…".
constexpr size_t kPreviewChars = 11;

// Shortens UTF-8 text to `max_chars` code points, marking the cut with "…"
// and making control characters visible so the column stays on one line.
std::string text_preview(const std::string &utf8, size_t max_chars = kPreviewChars);

// e.g. `#3 len=35 "오늘따라 할 이야기가 많을 것 같네요"`: a message with its
// whole `text` (may be null: none decoded), as Follow Stream shows it; `note`
// (may be null) is appended in brackets.
std::string message_line(uint32_t index, uint32_t length, const std::string *text,
                         const char *note);

// e.g. `#3 len=35 "오늘따라 할 이야기가…"`: message_line with the text's
// preview, as the Info column and the flow graph show a message.
std::string message_preview_line(uint32_t index, uint32_t length, const std::string *text,
                                 const char *note);

// e.g. `c→s #3 len=35 "오늘따라 할 이야기가…"`; `text` may be null (no text
// decoded) and `note` (may be null) is appended in brackets.
std::string message_summary(Direction direction, uint32_t index, uint32_t length,
                            const std::string *text, const char *note);

}  // namespace labproto
