#include "text_decoder.h"

#include <glib.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace labproto {
namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// One iconv descriptor per source charset and thread, opened on first use:
// opening one per message would dominate the cost of small messages.
class CharsetConverter {
  public:
    explicit CharsetConverter(const char *charset) : cd_(g_iconv_open("UTF-8", charset)) {}
    ~CharsetConverter() {
        if (usable()) g_iconv_close(cd_);
    }
    CharsetConverter(const CharsetConverter &) = delete;
    CharsetConverter &operator=(const CharsetConverter &) = delete;

    bool usable() const { return cd_ != reinterpret_cast<GIConv>(-1); }

    // Converts all of `data`; with `strict`, fails on the first invalid
    // sequence, otherwise replaces each invalid byte with U+FFFD.
    bool convert(const uint8_t *data, size_t size, bool strict, DecodedText &out) {
        g_iconv(cd_, nullptr, nullptr, nullptr, nullptr);  // reset shift state
        char *in = const_cast<char *>(reinterpret_cast<const char *>(data));
        gsize in_left = size;
        char buffer[1024];
        while (in_left > 0) {
            char *dst = buffer;
            gsize dst_left = sizeof buffer;
            gsize rc = g_iconv(cd_, &in, &in_left, &dst, &dst_left);
            out.utf8.append(buffer, dst - buffer);
            if (rc != static_cast<gsize>(-1) || errno == E2BIG) continue;
            if (strict) return false;
            out.utf8 += kReplacement;  // EILSEQ or EINVAL: skip one byte
            out.replaced = true;
            // glibc's CP949 can take an incomplete sequence at the very end
            // and still fail: nothing is left to skip.
            if (in_left == 0) break;
            ++in;
            --in_left;
        }
        return true;
    }

  private:
    GIConv cd_;
};

const char *iconv_charset(TextEncoding encoding) {
    switch (encoding) {
        case TextEncoding::kCp949:
            return "CP949";
        case TextEncoding::kEucKr:
            return "EUC-KR";
        case TextEncoding::kLatin1:
            return "ISO-8859-1";
        default:
            return nullptr;
    }
}

CharsetConverter &converter_for(TextEncoding encoding) {
    thread_local CharsetConverter cp949(iconv_charset(TextEncoding::kCp949));
    thread_local CharsetConverter euc_kr(iconv_charset(TextEncoding::kEucKr));
    thread_local CharsetConverter latin1(iconv_charset(TextEncoding::kLatin1));
    if (encoding == TextEncoding::kCp949) return cp949;
    if (encoding == TextEncoding::kEucKr) return euc_kr;
    return latin1;
}

bool decode_with_iconv(const uint8_t *data, size_t size, TextEncoding encoding, bool strict,
                       DecodedText &out) {
    CharsetConverter &converter = converter_for(encoding);
    if (!converter.usable()) return false;
    out.utf8.clear();
    out.replaced = false;
    if (!converter.convert(data, size, strict, out)) return false;
    out.has_text = true;
    out.encoding = encoding;
    return true;
}

// U+0000 is valid UTF-8 (lab programs often send a C string's terminator),
// but g_utf8_validate stops at NUL bytes: validate the runs between them.
bool is_valid_utf8(const uint8_t *data, size_t size) {
    const char *p = reinterpret_cast<const char *>(data);
    const char *end = p + size;
    const char *stop;
    while (!g_utf8_validate(p, end - p, &stop)) {
        if (stop == end || *stop != '\0') return false;
        p = stop + 1;
    }
    return true;
}

// `data` is known to be valid UTF-8: validating is the costly part.
void take_valid_utf8(const uint8_t *data, size_t size, DecodedText &out) {
    out.has_text = true;
    out.encoding = TextEncoding::kUtf8;
    out.utf8.assign(reinterpret_cast<const char *>(data), size);
}

void decode_utf8(const uint8_t *data, size_t size, DecodedText &out) {
    if (is_valid_utf8(data, size)) {
        take_valid_utf8(data, size, out);
        return;
    }
    std::unique_ptr<gchar, decltype(&g_free)> valid(
        g_utf8_make_valid(reinterpret_cast<const char *>(data), static_cast<gssize>(size)), g_free);
    take_valid_utf8(reinterpret_cast<const uint8_t *>(valid.get()), std::strlen(valid.get()), out);
    out.replaced = true;
}

void decode_ascii(const uint8_t *data, size_t size, DecodedText &out) {
    out.has_text = true;
    out.encoding = TextEncoding::kAscii;
    out.utf8.reserve(size);
    for (size_t i = 0; i < size; ++i) {
        if (data[i] < 0x80) {
            out.utf8 += static_cast<char>(data[i]);
        } else {
            out.utf8 += kReplacement;
            out.replaced = true;
        }
    }
}

}  // namespace

const char *encoding_name(TextEncoding encoding) {
    switch (encoding) {
        case TextEncoding::kAuto:
            return "auto";
        case TextEncoding::kUtf8:
            return "UTF-8";
        case TextEncoding::kCp949:
            return "CP949";
        case TextEncoding::kEucKr:
            return "EUC-KR";
        case TextEncoding::kAscii:
            return "ASCII";
        case TextEncoding::kLatin1:
            return "ISO-8859-1";
    }
    return "?";
}

DecodedText decode_text(const uint8_t *data, size_t size, TextEncoding encoding) {
    DecodedText out;
    switch (encoding) {
        case TextEncoding::kAuto:
            if (is_valid_utf8(data, size)) {
                take_valid_utf8(data, size, out);
            } else if (!decode_with_iconv(data, size, TextEncoding::kCp949, true, out)) {
                out = DecodedText{};
            }
            break;
        case TextEncoding::kUtf8:
            decode_utf8(data, size, out);
            break;
        case TextEncoding::kAscii:
            decode_ascii(data, size, out);
            break;
        case TextEncoding::kCp949:
        case TextEncoding::kEucKr:
        case TextEncoding::kLatin1:
            if (!decode_with_iconv(data, size, encoding, false, out)) out = DecodedText{};
            break;
    }
    return out;
}

}  // namespace labproto
