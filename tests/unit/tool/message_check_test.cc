// Ordered messages per direction: each decoded message against the expected
// one at the same position, missing and extra ones, and blessing.
#include "message_check.h"

#include <gtest/gtest.h>

#include "frames.h"
#include "spec_writer.h"

namespace labcheck {
namespace {

using testing::FrameBuilder;
using testing::Harness;
using testing::message_frame;

const char *kFour = R"(messages:
  client:
    - {length: 10, text: 안녕하세요}
    - {length: 8, text: 반가워요}
    - {length: 35, text_regex: 이야기}
    - {length: 13}
  server: []
)";

void feed_lab(Harness &h) {
    h.feed(message_frame(h.plan(), 6, 0, {{10, "안녕하세요"}}))
        .feed(message_frame(h.plan(), 10, 0, {{8, "반가워요"}}, 2))
        .feed(message_frame(h.plan(), 14, 0, {{35, "오늘따라 할 이야기가 많을 것 같네요"}}, 3))
        .feed(message_frame(h.plan(), 18, 0, {{13, "저도 그렇네요"}}, 4));
}

TEST(MessageCheck, PassesWhenEveryMessageMatches) {
    Harness h(kFour);
    feed_lab(h);
    EXPECT_TRUE(h.failures().empty());
}

TEST(MessageCheck, ReportsTheDifferingMessageWithItsFrame) {
    Harness h(kFour);
    h.feed(message_frame(h.plan(), 6, 0, {{10, "안녕하세요"}}))
        .feed(message_frame(h.plan(), 10, 0, {{9, "반가워"}}, 2));
    EXPECT_EQ(h.failures(),
              (std::vector<std::string>{
                  "client messages: -message 2: length 8, text \"반가워요\" / +message 2: length "
                  "9, text \"반가워\" (10)",
                  "client messages: -message 3: length 35, text matching /이야기/ / +no message "
                  "3 (only 2 decoded)",
                  "client messages: -message 4: length 13 / +no message 4 (only 2 decoded)"}));
}

TEST(MessageCheck, UndecodableBodyTakesNoTextFromTheMessagesAfterIt) {
    Harness h("messages:\n  client: [{text: a}, {length: 2}, {text: c}]\n");
    // The middle body decodes in no encoding: the plugin gives it encoding
    // "none" and no text, so the second text occurrence is the third message's.
    h.feed(FrameBuilder(h.plan(), 4)
               .set("labproto.len", {"1", "2", "1"})
               .set("labproto.msg_index", {"1", "2", "3"})
               .set("labproto.direction", {"0"})
               .set("labproto.encoding", {"UTF-8", "none", "UTF-8"})
               .set("labproto.text", {"a", "c"})
               .build());
    EXPECT_TRUE(h.failures().empty());
}

TEST(MessageCheck, ExtraMessagesFailUnlessAllowed) {
    Harness strict("messages:\n  server: [{length: 3}]\n");
    strict.feed(message_frame(strict.plan(), 7, 1, {{3, "abc"}, {2, "de"}}));
    EXPECT_EQ(strict.failures(),
              (std::vector<std::string>{"server messages: -no message 2 / +message 2: length 2, "
                                        "text \"de\" (7)"}));
    Harness relaxed("messages:\n  server: [{length: 3}]\n  allow_more: true\n");
    relaxed.feed(message_frame(relaxed.plan(), 7, 1, {{3, "abc"}, {2, "de"}}));
    EXPECT_TRUE(relaxed.failures().empty());
}

TEST(MessageCheck, DirectionsAreSeparate) {
    Harness h("messages:\n  client: [{length: 1}]\n  server: []\n");
    h.feed(message_frame(h.plan(), 4, 0, {{1, "a"}}));
    EXPECT_TRUE(h.failures().empty());
    h.feed(message_frame(h.plan(), 5, 1, {{1, "b"}}));
    EXPECT_EQ(h.failures().size(), 1u);
}

TEST(MessageCheck, PayloadAndFrameExpectations) {
    Harness h("messages:\n  client:\n    - {payload: \"61 61\", frame: 4}\n");
    h.feed(message_frame(h.plan(), 5, 0, {{1, "a"}}));
    EXPECT_EQ(h.failures(),
              (std::vector<std::string>{"client messages: -message 1: payload 6161, in frame 4 / "
                                        "+message 1: payload aa, in frame 5 (5)"}));
}

TEST(MessageCheck, BlessKeepsMatchingEntriesAndRewritesTheRest) {
    Harness h(kFour, CaptureChecker::Mode::kUpdate);
    h.feed(message_frame(h.plan(), 6, 0, {{10, "안녕하세요"}}))
        .feed(message_frame(h.plan(), 10, 0, {{9, "반가워!"}}, 2))
        .feed(message_frame(h.plan(), 14, 0, {{35, "이야기"}}, 3))
        .feed(message_frame(h.plan(), 18, 0, {{13, "x"}}, 4))
        .feed(message_frame(h.plan(), 22, 0, {{2, "hi"}}, 5));
    const Spec blessed = h.checker().blessed();
    EXPECT_EQ(write_spec(blessed), R"(messages:
  client:
    - {length: 10, text: "안녕하세요"}
    - {length: 9, text: "반가워!"}
    - {length: 35, text_regex: "이야기"}
    - {length: 13}
    - {length: 2, text: "hi"}
  server: []
)");
}

TEST(MessageCheck, DraftsLongTextsAsAPrefix) {
    ObservedMessage m;
    m.length = 300;
    m.text = std::string(300, 'A');
    const MessageExpectation e = draft_message(m);
    EXPECT_EQ(e.text_regex->pattern(), "^" + std::string(40, 'A'));
    EXPECT_FALSE(e.text);
    ObservedMessage bytes;
    bytes.length = 2;
    bytes.payload = "ff00";
    EXPECT_EQ(draft_message(bytes).payload, "ff00");
}

}  // namespace
}  // namespace labcheck
