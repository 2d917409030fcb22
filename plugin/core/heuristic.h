// Recognising labproto in a TCP stream that is not on a labproto port.
#pragma once

#include <cstddef>
#include <cstdint>

namespace labproto {

// Largest length believed in a segment that carries only a header; a lone
// 4-byte segment is otherwise too weak a sign.
constexpr uint32_t kHeaderOnlyMaxLen = 65536;

// Whether a segment's data starts like labproto: a believable non-zero
// length, then text, possibly several messages back to back. `captured`
// bytes of the `reported`-byte segment are available in `data`.
bool looks_like_labproto(const uint8_t *data, size_t captured, size_t reported, uint32_t max_len);

}  // namespace labproto
