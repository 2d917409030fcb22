#include "visible_text.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace labproto
