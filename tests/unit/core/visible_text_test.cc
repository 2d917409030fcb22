#include "visible_text.h"

#include <glib.h>
#include <gtest/gtest.h>

#include <random>

namespace labproto {
namespace {

TEST(VisibleText, ShowsEveryCharacterOfTheBody) {
    EXPECT_EQ(visible_text(std::string("hi\0", 3)), "hi\u2400");
    EXPECT_EQ(visible_text("line\r\n"), "line\u240d\u240a");
    EXPECT_EQ(visible_text("a\tb\x7f"), "a\u2409b\u2421");
    EXPECT_EQ(visible_text("안녕"), "안녕");
    EXPECT_EQ(visible_text("bad \xff"), "bad \ufffd");
}

TEST(VisibleText, StopsAfterMaxCharsAndSaysSo) {
    bool rest = false;
    EXPECT_EQ(visible_text("안녕하세요", 2, &rest), "안녕");
    EXPECT_TRUE(rest);
    EXPECT_EQ(visible_text("안녕", 2, &rest), "안녕");
    EXPECT_FALSE(rest);
}

TEST(VisibleText, ShowsC1ControlsAndBadSequencesAsReplacements) {
    EXPECT_EQ(visible_text("a\u0085b\u009f"), "a\ufffdb\ufffd");
    EXPECT_EQ(visible_text("\u00a0\u00e9"), "\u00a0\u00e9");        // from U+00A0 on: itself
    EXPECT_EQ(visible_text("x\xc0\x80y"), "x\ufffd\ufffdy");        // overlong NUL
    EXPECT_EQ(visible_text("\xed\xa0\x80"), "\ufffd\ufffd\ufffd");  // a surrogate
}

TEST(VisibleText, MaxCharsCountsWithinARunOfAscii) {
    bool rest = false;
    EXPECT_EQ(visible_text("abcdef", 3, &rest), "abc");
    EXPECT_TRUE(rest);
    EXPECT_EQ(visible_text("ab\ncd", 3, &rest), "ab\u240a");
    EXPECT_TRUE(rest);
    EXPECT_EQ(visible_text("abc", 3, &rest), "abc");
    EXPECT_FALSE(rest);
    EXPECT_EQ(visible_text("abc", 0, &rest), "");
    EXPECT_TRUE(rest);
}

// The definition, one character at a time: what visible_text's fast paths
// must give on any input.
std::string one_character_at_a_time(const std::string &utf8, size_t max_chars, bool *rest) {
    std::string out;
    const char *p = utf8.c_str(), *end = p + utf8.size();
    size_t chars = 0;
    for (; p < end && chars < max_chars; ++chars) {
        gunichar c = *p == '\0' ? 0 : g_utf8_get_char_validated(p, end - p);
        const bool valid = c < 0x110000;
        const char *next = valid ? g_utf8_next_char(p) : p + 1;
        if (!valid)
            c = 0xFFFD;
        else if (c < 0x20)
            c += 0x2400;
        else if (c == 0x7F)
            c = 0x2421;
        else if (g_unichar_iscntrl(c))
            c = 0xFFFD;
        char buffer[6];
        out.append(buffer, g_unichar_to_utf8(c, buffer));
        p = next;
    }
    *rest = p < end;
    return out;
}

TEST(VisibleText, EqualsTheDefinitionOnRandomBytes) {
    std::mt19937 random(949);
    // Bytes weighted towards what bodies hold: ASCII, controls, UTF-8 lead
    // and continuation bytes.
    const std::string alphabet = std::string("aZ ~\x7f\t\n\r", 8) + std::string(1, '\0') +
                                 "\xc2\x85\xa0\xec\x95\x88\xeb\x85\x95\xff\xc0\xed\xf0\x9f";
    for (int i = 0; i < 5000; ++i) {
        std::string text;
        const size_t length = random() % 24;
        for (size_t j = 0; j < length; ++j) text += alphabet[random() % alphabet.size()];
        const size_t max_chars = random() % 3 == 0 ? random() % 12 : std::string::npos;
        bool rest = false, expected_rest = false;
        ASSERT_EQ(visible_text(text, max_chars, &rest),
                  one_character_at_a_time(text, max_chars, &expected_rest))
            << testing::PrintToString(text) << " max " << max_chars;
        ASSERT_EQ(rest, expected_rest);
    }
}

}  // namespace
}  // namespace labproto
