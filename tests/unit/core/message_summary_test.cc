#include "message_summary.h"

#include <gtest/gtest.h>

namespace labproto {
namespace {

TEST(MessageSummary, MatchesTheLabExample) {
    std::string text = "오늘따라 할 이야기가 많을 것 같네요";
    EXPECT_EQ(message_summary(Direction::kClientToServer, 3, 35, &text, nullptr),
              "c\u2192s #3 len=35 \"오늘따라 할 이야기가\u2026\"");
}

TEST(MessageSummary, ShortTextIsShownWhole) {
    std::string text = "안녕하세요";
    EXPECT_EQ(message_summary(Direction::kServerToClient, 1, 10, &text, nullptr),
              "s\u2192c #1 len=10 \"안녕하세요\"");
}

TEST(MessageSummary, NoTextAndNote) {
    EXPECT_EQ(message_summary(Direction::kClientToServer, 2, 0, nullptr, nullptr),
              "c\u2192s #2 len=0");
    EXPECT_EQ(message_summary(Direction::kClientToServer, 2, 70000, nullptr, "partial"),
              "c\u2192s #2 len=70000 [partial]");
}

TEST(MessageLine, ShowsTheWholeTextWithoutDirection) {
    std::string text = "오늘따라 할 이야기가 많을 것 같네요";
    EXPECT_EQ(message_line(3, 35, &text, nullptr),
              "#3 len=35 \"오늘따라 할 이야기가 많을 것 같네요\"");
    EXPECT_EQ(message_line(2, 9, nullptr, "malformed length"), "#2 len=9 [malformed length]");
}

TEST(TextPreview, ShowsControlCharactersAsTheirPictures) {
    EXPECT_EQ(text_preview("a\nb\tc\r"), "a\u240Ab\u2409c\u240D");
    EXPECT_EQ(text_preview(std::string("x\x01y\x7F", 4)), "x\u2401y\u2421");
    EXPECT_EQ(text_preview(std::string("hi\0\0", 4)), "hi\u2400\u2400");
    EXPECT_EQ(text_preview("c1\u0085"), "c1\uFFFD");
    // A backslash sent as text stays one: nothing is escaped with it.
    EXPECT_EQ(text_preview("a\\nb"), "a\\nb");
}

TEST(MessagePreviewLine, ShortensTheTextWithoutDirection) {
    std::string text = "오늘따라 할 이야기가 많을 것 같네요";
    EXPECT_EQ(message_preview_line(3, 35, &text, nullptr),
              "#3 len=35 \"오늘따라 할 이야기가\u2026\"");
    EXPECT_EQ(message_preview_line(1, 10, nullptr, "header"), "#1 len=10 [header]");
}

TEST(TextPreview, CutsOnCodePointsNotBytes) {
    EXPECT_EQ(text_preview("가나다라", 2), "가나\u2026");
    EXPECT_EQ(text_preview("가나", 2), "가나");
}

}  // namespace
}  // namespace labproto
