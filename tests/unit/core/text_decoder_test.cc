#include "text_decoder.h"

#include <gtest/gtest.h>

#include <string>

namespace labproto {
namespace {

DecodedText decode(const std::string &bytes, TextEncoding encoding) {
    return decode_text(reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size(), encoding);
}

const std::string kHelloCp949 = "\xBE\xC8\xB3\xE7\xC7\xCF\xBC\xBC\xBF\xE4";  // 안녕하세요
const std::string kTtomCp949 = "\x8C\x63";  // 똠: CP949 only, not in EUC-KR

TEST(DecodeText, AutoPrefersUtf8) {
    DecodedText t = decode("안녕하세요", TextEncoding::kAuto);
    ASSERT_TRUE(t.has_text);
    EXPECT_EQ(t.encoding, TextEncoding::kUtf8);
    EXPECT_EQ(t.utf8, "안녕하세요");
    EXPECT_FALSE(t.replaced);
}

TEST(DecodeText, AutoFallsBackToCp949) {
    DecodedText t = decode(kHelloCp949, TextEncoding::kAuto);
    ASSERT_TRUE(t.has_text);
    EXPECT_EQ(t.encoding, TextEncoding::kCp949);
    EXPECT_EQ(t.utf8, "안녕하세요");
}

TEST(DecodeText, AutoGivesUpOnBinary) {
    DecodedText t = decode(std::string("\xFF\xFF\xFF\x00\x81", 5), TextEncoding::kAuto);
    EXPECT_FALSE(t.has_text);
}

// Lab programs often send the C string's terminator too (strlen + 1, or the
// whole fixed-size buffer): U+0000 is valid UTF-8 and must not push the text
// to CP949 or to "undecodable".
TEST(DecodeText, NulBytesAreValidUtf8) {
    const std::string terminated("안녕하세요\0\0", 17);
    for (TextEncoding encoding : {TextEncoding::kAuto, TextEncoding::kUtf8}) {
        DecodedText t = decode(terminated, encoding);
        ASSERT_TRUE(t.has_text);
        EXPECT_EQ(t.encoding, TextEncoding::kUtf8);
        EXPECT_EQ(t.utf8, terminated);
        EXPECT_FALSE(t.replaced);
    }
    EXPECT_EQ(decode(std::string("hi\0", 3), TextEncoding::kAuto).encoding, TextEncoding::kUtf8);
}

TEST(DecodeText, Cp949IsRealCp949NotEucKr) {
    DecodedText cp949 = decode(kTtomCp949, TextEncoding::kCp949);
    ASSERT_TRUE(cp949.has_text);
    EXPECT_EQ(cp949.utf8, "똠");
    EXPECT_FALSE(cp949.replaced);
    DecodedText euc_kr = decode(kTtomCp949, TextEncoding::kEucKr);
    // glibc's EUC-KR has no 똠: it yields a C1 control and a 'c' instead.
    EXPECT_NE(euc_kr.utf8, "똠");
    EXPECT_EQ(euc_kr.encoding, TextEncoding::kEucKr);
}

TEST(DecodeText, EucKrDecodesCommonHangul) {
    DecodedText t = decode(kHelloCp949, TextEncoding::kEucKr);
    EXPECT_EQ(t.utf8, "안녕하세요");
    EXPECT_FALSE(t.replaced);
}

TEST(DecodeText, ForcedEncodingsReplaceInvalidBytes) {
    DecodedText utf8 = decode("ok\xFFok", TextEncoding::kUtf8);
    EXPECT_EQ(utf8.utf8, "ok\uFFFDok");
    EXPECT_TRUE(utf8.replaced);
    DecodedText ascii = decode("caf\xC3\xA9", TextEncoding::kAscii);
    EXPECT_EQ(ascii.utf8, "caf\uFFFD\uFFFD");
    EXPECT_TRUE(ascii.replaced);
    DecodedText cp949 = decode(
        "A\xFF"
        "B",
        TextEncoding::kCp949);
    EXPECT_EQ(cp949.utf8, "A\uFFFDB");
    EXPECT_TRUE(cp949.replaced);
}

TEST(DecodeText, Latin1MapsEveryByte) {
    DecodedText t = decode("caf\xE9", TextEncoding::kLatin1);
    EXPECT_EQ(t.utf8, "café");
    EXPECT_FALSE(t.replaced);
}

TEST(DecodeText, TruncatedMultibyteAtEndIsReplacedNotDropped) {
    DecodedText t = decode(kHelloCp949.substr(0, 3), TextEncoding::kCp949);
    EXPECT_EQ(t.utf8, "안\uFFFD");
}

TEST(DecodeText, InvalidSequenceEndingTheBodyEndsTheText) {
    // glibc's CP949 takes A2 E8 as one invalid sequence and consumes both
    // bytes: nothing is left to skip, and the bytes after the body (here
    // "AAAA") are none of its text.
    const std::string buffer =
        "\xA2\xE8"
        "AAAA";
    DecodedText t =
        decode_text(reinterpret_cast<const uint8_t *>(buffer.data()), 2, TextEncoding::kCp949);
    EXPECT_EQ(t.utf8, "\uFFFD");
    EXPECT_TRUE(t.replaced);
}

TEST(DecodeText, EmptyBodyIsEmptyText) {
    DecodedText t = decode("", TextEncoding::kAuto);
    EXPECT_TRUE(t.has_text);
    EXPECT_EQ(t.utf8, "");
}

TEST(EncodingName, NamesEveryEncoding) {
    EXPECT_STREQ(encoding_name(TextEncoding::kCp949), "CP949");
    EXPECT_STREQ(encoding_name(TextEncoding::kUtf8), "UTF-8");
    EXPECT_STREQ(encoding_name(TextEncoding::kLatin1), "ISO-8859-1");
}

}  // namespace
}  // namespace labproto
