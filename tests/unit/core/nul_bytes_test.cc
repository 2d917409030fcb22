#include "nul_bytes.h"

#include <gtest/gtest.h>

#include <string>

namespace labproto {
namespace {

NulBytes of(const std::string &body) {
    return find_nul_bytes(reinterpret_cast<const uint8_t *>(body.data()), body.size());
}

TEST(NulBytes, TellsTheStudentBugsApart) {
    EXPECT_EQ(of("hello").shape, NulShape::kNone);
    EXPECT_EQ(of(std::string("hello\0", 6)).shape, NulShape::kTerminator);
    const NulBytes padded = of(std::string("Full") + std::string(252, '\0'));
    EXPECT_EQ(padded.shape, NulShape::kPadding);
    EXPECT_EQ(padded.trailing, 252u);
    const NulBytes stale = of(std::string("new\0old text", 12));
    EXPECT_EQ(stale.shape, NulShape::kInside);
    EXPECT_EQ(stale.first, 3u);
    EXPECT_EQ(of(std::string(1, '\0')).shape, NulShape::kTerminator);
    EXPECT_EQ(of(std::string(8, '\0')).shape, NulShape::kPadding);
    EXPECT_EQ(of("").shape, NulShape::kNone);
}

}  // namespace
}  // namespace labproto
