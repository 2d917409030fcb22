// decode_text in every encoding, then the Info column's preview and summary
// of the result: whatever the bytes, the text is valid UTF-8, auto never
// guesses an encoding it was not asked to consider, valid UTF-8 comes back
// unchanged, and the one-line summary has no control characters.
//
// Input: encoding byte, then the message body.
#include <glib.h>

#include <string>

#include "direction.h"
#include "fuzz_input.h"
#include "message_summary.h"
#include "text_decoder.h"

using namespace labproto;
using labproto_fuzz::FuzzInput;

namespace {

constexpr int kEncodings = 6;

// UTF-8 by the standard, where U+0000 is a character like any other
// (g_utf8_validate stops at NUL bytes, so check the runs between them).
bool valid_utf8(const std::string &s) {
    for (size_t start = 0; start <= s.size();) {
        size_t nul = s.find('\0', start);
        if (nul == std::string::npos) nul = s.size();
        if (!g_utf8_validate(s.data() + start, static_cast<gssize>(nul - start), nullptr))
            return false;
        start = nul + 1;
    }
    return true;
}

size_t characters(const std::string &utf8) {
    size_t count = 0;
    for (unsigned char c : utf8) count += (c & 0xC0) != 0x80;  // not a continuation byte
    return count;
}

bool one_line(const std::string &s) {
    for (unsigned char c : s)
        if (c < 0x20 || c == 0x7F) return false;
    return true;
}

void check_decoded(const std::vector<uint8_t> &body, TextEncoding encoding,
                   const DecodedText &text) {
    const std::string raw(body.begin(), body.end());
    const bool raw_is_utf8 = valid_utf8(raw);
    if (encoding == TextEncoding::kAuto) {
        if (raw_is_utf8) FUZZ_CHECK(text.has_text && text.encoding == TextEncoding::kUtf8);
        if (text.has_text)
            FUZZ_CHECK(text.encoding == TextEncoding::kUtf8 ||
                       text.encoding == TextEncoding::kCp949);
        if (text.has_text) FUZZ_CHECK(!text.replaced);  // auto only takes a clean fit
    } else if (text.has_text) {
        FUZZ_CHECK(text.encoding == encoding);
    }
    // Only the iconv-based encodings may be unavailable; the rest always decode.
    if (encoding == TextEncoding::kUtf8 || encoding == TextEncoding::kAscii)
        FUZZ_CHECK(text.has_text);
    if (!text.has_text) return;
    FUZZ_CHECK(valid_utf8(text.utf8));
    if (raw_is_utf8 && (encoding == TextEncoding::kAuto || encoding == TextEncoding::kUtf8))
        FUZZ_CHECK(text.utf8 == raw && !text.replaced);
    if (encoding == TextEncoding::kAscii || encoding == TextEncoding::kLatin1)
        FUZZ_CHECK(characters(text.utf8) == body.size());  // one character per byte
}

void check_summary(const std::string &text) {
    const std::string preview = text_preview(text);
    FUZZ_CHECK(valid_utf8(preview));
    FUZZ_CHECK(one_line(preview));
    // Each shown character is at most 4 bytes or a 2-byte escape, plus "…".
    FUZZ_CHECK(preview.size() <= kPreviewChars * 4 + 3);
    const std::string summary =
        message_summary(Direction::kServerToClient, 0xFFFFFFFFu, 0xFFFFFFFFu, &text, "note");
    FUZZ_CHECK(one_line(summary));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    FuzzInput in(data, size);
    const auto encoding = static_cast<TextEncoding>(in.byte() % kEncodings);
    const std::vector<uint8_t> body = in.rest();

    const DecodedText text = decode_text(body.data(), body.size(), encoding);
    check_decoded(body, encoding, text);
    if (text.has_text) check_summary(text.utf8);
    // The preview must also cope with strings that are not UTF-8 at all.
    check_summary(std::string(body.begin(), body.end()));
    return 0;
}
