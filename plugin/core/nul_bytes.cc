#include "nul_bytes.h"

#include <cstring>

namespace labproto {

NulBytes find_nul_bytes(const uint8_t *body, size_t size) {
    NulBytes nuls;
    const void *first = size ? std::memchr(body, 0, size) : nullptr;
    if (!first) return nuls;
    nuls.first = static_cast<const uint8_t *>(first) - body;
    while (nuls.trailing < size && body[size - 1 - nuls.trailing] == 0) ++nuls.trailing;
    if (nuls.first < size - nuls.trailing)
        nuls.shape = NulShape::kInside;
    else
        nuls.shape = nuls.trailing == 1 ? NulShape::kTerminator : NulShape::kPadding;
    return nuls;
}

}  // namespace labproto
