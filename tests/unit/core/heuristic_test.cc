#include "heuristic.h"

#include <gtest/gtest.h>

#include <string>

#include "stream_driver.h"

namespace labproto {
namespace {

using labproto_test::le32;

bool starts(const std::string &data, Evidence evidence, size_t reported = 0) {
    return starts_with_message(reinterpret_cast<const uint8_t *>(data.data()), data.size(),
                               reported ? reported : data.size(), LengthPrefix{},
                               ByteOrderPref::kAuto, evidence);
}

bool looks(const std::string &data, size_t reported = 0) {
    return starts(data, Evidence::kText, reported);
}

TEST(Heuristic, AcceptsLabShapedSegments) {
    EXPECT_TRUE(looks(le32(10)));                                // header-only segment
    EXPECT_TRUE(looks(le32(5) + "hello"));                       // one whole message
    EXPECT_TRUE(looks(le32(5) + "hello" + le32(3) + "abc"));     // coalesced
    EXPECT_TRUE(looks(le32(20) + "hello", 30));                  // body continues later
    EXPECT_TRUE(looks(std::string("\0\0\0\x05", 4) + "hello"));  // big-endian
}

TEST(Heuristic, RejectsOtherProtocols) {
    EXPECT_FALSE(looks("GET / HTTP/1.1\r\n"));
    EXPECT_FALSE(looks(le32(0)));       // an empty first message says nothing
    EXPECT_FALSE(looks(le32(100000)));  // header-only but implausibly large
    EXPECT_FALSE(looks(le32(5) + std::string("\x01\x02\x03\x04\x05", 5)));        // binary body
    EXPECT_FALSE(looks(std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc", 9)));  // TLS
    EXPECT_FALSE(looks("abc"));
}

// The lottery lab's client writes its commands as lone 4-byte ints: 0 GEN,
// 1 LIST, 2 END. The heuristic must not take them for lab headers.
TEST(Heuristic, LeavesLotteryCommandsAlone) {
    for (uint32_t command : {0u, 1u, 2u}) EXPECT_FALSE(looks(le32(command))) << command;
    EXPECT_TRUE(looks(le32(3)));  // a lab header sent alone still is one
    // With more data the length decides as before.
    EXPECT_TRUE(looks(le32(1) + "a"));
    // On a labproto port the user chose the protocol: a length is enough.
    EXPECT_TRUE(starts(le32(1), Evidence::kLength));
}

// On a labproto port only the first length has to be believable: lab bodies
// may be binary (the file-transfer lab), other protocols' first bytes are not.
TEST(Heuristic, OnALabprotoPortABelievableLengthIsEnough) {
    EXPECT_TRUE(starts(le32(5) + std::string("\x01\x02\x03\x04\x05", 5), Evidence::kLength));
    EXPECT_TRUE(starts(le32(0), Evidence::kLength));
    // S101 (Ember+) frames start with BoF 0xFE; FastCGI with version 1, type 1.
    EXPECT_FALSE(starts(std::string("\xfe\x00\x0e\x01\x00\x31\x01", 7), Evidence::kLength));
    EXPECT_FALSE(starts(std::string("\x01\x01\x00\x01\x00\x08\x00\x00", 8), Evidence::kLength));
    EXPECT_FALSE(starts("GET / HTTP/1.1\r\n", Evidence::kLength));
}

TEST(Heuristic, MessagesMustChainToTheEndOfTheData) {
    EXPECT_TRUE(starts(le32(3) + "abc" + le32(2) + "\x01\x02", Evidence::kMessages));
    EXPECT_FALSE(starts(le32(3) + "abcXYZW" + "more", Evidence::kMessages));
}

}  // namespace
}  // namespace labproto
