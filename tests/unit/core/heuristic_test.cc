#include "heuristic.h"

#include <gtest/gtest.h>

#include <string>

#include "length_check.h"

namespace labproto {
namespace {

std::string le(uint32_t n) {
    return std::string{static_cast<char>(n), static_cast<char>(n >> 8), static_cast<char>(n >> 16),
                       static_cast<char>(n >> 24)};
}

bool looks(const std::string &data, size_t reported = 0) {
    return looks_like_labproto(reinterpret_cast<const uint8_t *>(data.data()), data.size(),
                               reported ? reported : data.size(), kDefaultMaxLen);
}

TEST(Heuristic, AcceptsLabShapedSegments) {
    EXPECT_TRUE(looks(le(10)));                                  // header-only segment
    EXPECT_TRUE(looks(le(5) + "hello"));                         // one whole message
    EXPECT_TRUE(looks(le(5) + "hello" + le(3) + "abc"));         // coalesced
    EXPECT_TRUE(looks(le(20) + "hello", 30));                    // body continues later
    EXPECT_TRUE(looks(std::string("\0\0\0\x05", 4) + "hello"));  // big-endian
}

TEST(Heuristic, RejectsOtherProtocols) {
    EXPECT_FALSE(looks("GET / HTTP/1.1\r\n"));
    EXPECT_FALSE(looks(le(0)));       // an empty first message says nothing
    EXPECT_FALSE(looks(le(100000)));  // header-only but implausibly large
    EXPECT_FALSE(looks(le(5) + std::string("\x01\x02\x03\x04\x05", 5)));          // binary body
    EXPECT_FALSE(looks(std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc", 9)));  // TLS
    EXPECT_FALSE(looks("abc"));
}

}  // namespace
}  // namespace labproto
