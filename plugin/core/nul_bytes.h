// NUL bytes in a text body: the most common student bug. A C string sent
// with its terminator (strlen + 1), or a whole fixed-size buffer (sizeof),
// reads like the clean text in most tools; labproto says what it holds.
#pragma once

#include <cstddef>
#include <cstdint>

namespace labproto {

enum class NulShape : uint8_t {
    kNone,        // no NUL byte
    kTerminator,  // one NUL, at the end: a C string's terminator
    kPadding,     // the body ends in several NULs (or is all NULs): a fixed buffer
    kInside,      // a NUL with other bytes after it: the rest is stale buffer contents
};

struct NulBytes {
    NulShape shape = NulShape::kNone;
    size_t first = 0;     // offset of the first NUL
    size_t trailing = 0;  // NULs at the end of the body
};

NulBytes find_nul_bytes(const uint8_t *body, size_t size);

}  // namespace labproto
