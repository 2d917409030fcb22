// Turning a message body into UTF-8 text for display and filtering.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace labproto {

enum class TextEncoding : int {
    kAuto = 0,  // UTF-8 when valid, else CP949 when valid, else no text
    kUtf8,
    kCp949,  // Windows lab machines; a superset of EUC-KR
    kEucKr,
    kAscii,
    kLatin1,
};

const char *encoding_name(TextEncoding encoding);

struct DecodedText {
    bool has_text = false;  // false: auto found no encoding that fits
    std::string utf8;
    TextEncoding encoding = TextEncoding::kAuto;  // the encoding actually applied
    bool replaced = false;                        // invalid sequences were shown as U+FFFD
};

DecodedText decode_text(const uint8_t *data, size_t size, TextEncoding encoding);

}  // namespace labproto
