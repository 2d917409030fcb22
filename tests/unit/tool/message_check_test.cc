// Ordered messages per direction: the decoded messages aligned with the
// expected ones like a diff, exact texts from the bytes, readable
// differences, and blessing.
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
                  "client messages: -message 2: length 8, text \"반가워요\" (4 characters, 12 "
                  "bytes) / +message 2: length 9, text \"반가워\" (3 characters, 9 bytes) (10)",
                  "client messages: -message 3: length 35, text matching /이야기/ / +missing "
                  "message 3 (2 client messages decoded)",
                  "client messages: -message 4: length 13 / +missing message 4 (2 client messages "
                  "decoded)"}));
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
              (std::vector<std::string>{"server messages: -no message after message 1 / "
                                        "+unexpected message 2: length 2, text \"de\" (2 "
                                        "characters, 2 bytes) (7)"}));
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
                                        "+message 1: payload 61, in frame 5 (5)"}));
}

// What a student's client really sent, beside the clean text of the spec:
// none of these may pass, and tshark's string field (cut at the first NUL)
// must not make them look alike.
TEST(MessageCheck, ExactMeansEveryByte) {
    for (const std::string &sent : std::vector<std::string>{
             std::string("hello\0", 6), std::string("hello") + std::string(27, '\0'), "hello\n",
             "hello\r\n", "hello ", "hello\r", "hel  lo"}) {
        Harness h("messages:\n  client: [{text: hello}]\n");
        Frame f = message_frame(h.plan(), 6, 0, {{sent.size(), sent}});
        f.values[*h.plan().find_field("labproto.text")] = {"hello"};  // what tshark prints
        h.feed(f);
        EXPECT_EQ(h.failures().size(), 1u) << "passed: " << ::testing::PrintToString(sent);
    }
    Harness regex("messages:\n  client: [{text_regex: \"^hello$\"}]\n");
    regex.feed(message_frame(regex.plan(), 6, 0, {{6, std::string("hello\0", 6)}}));
    EXPECT_EQ(regex.failures().size(), 1u);  // the regex sees the NUL too
    Harness nul("messages:\n  client: [{text: \"hello\\0\"}]\n");
    nul.feed(message_frame(nul.plan(), 6, 0, {{6, std::string("hello\0", 6)}}));
    EXPECT_TRUE(nul.failures().empty());  // and a spec can say it
}

TEST(MessageCheck, DifferencesShowInvisibleCharactersAndWhereTheyStart) {
    Harness h("messages:\n  client: [{text: \"안녕\"}, {text: \"a  b\"}, {text: x}]\n");
    h.feed(message_frame(h.plan(), 6, 0, {{7, std::string("안녕\0", 7)}}))
        .feed(message_frame(h.plan(), 8, 0, {{5, "a b \n"}}, 2))
        .feed(message_frame(h.plan(), 9, 0, {{3, "x\t\x10"}}, 3));
    const ScopeResult scope = h.results()[0];
    ASSERT_EQ(scope.checks[0].mismatches.size(), 3u);
    const Mismatch &nul = scope.checks[0].mismatches[0];
    EXPECT_EQ(nul.actual, "message 1: text \"안녕\u2400\" (3 characters, 7 bytes)");
    EXPECT_EQ(nul.expected, "message 1: text \"안녕\" (2 characters, 6 bytes)");
    EXPECT_EQ(nul.note,
              "first difference at character 3: \"\u2400\" (U+0000) after the end of the expected "
              "text");
    EXPECT_EQ(nul.actual.substr(*nul.caret, 3), "\u2400");
    const Mismatch &spaces = scope.checks[0].mismatches[1];
    EXPECT_EQ(spaces.actual, "message 2: text \"a b \\n\" (5 characters, 5 bytes)");
    EXPECT_EQ(spaces.note,
              "first difference at character 3: \"b\" (U+0062) where the spec has \"\u2420\" "
              "(U+0020)");
    const Mismatch &controls = scope.checks[0].mismatches[2];
    EXPECT_EQ(controls.actual, "message 3: text \"x\\t\\x10\" (3 characters, 3 bytes)");
    Harness trailing("messages:\n  client: [{text: \"ok\"}]\n");
    trailing.feed(message_frame(trailing.plan(), 6, 0, {{4, "ok  "}}));
    EXPECT_EQ(trailing.results()[0].checks[0].mismatches[0].actual,
              "message 1: text \"ok\u2420\u2420\" (4 characters, 4 bytes)");
}

TEST(MessageCheck, AlignsLikeADiff) {
    const char *spec = "messages:\n  client: [{text: a}, {text: b}, {text: c}, {text: d}]\n";
    const auto run = [&](std::vector<std::string> sent) {
        Harness h(spec);
        uint64_t frame = 4;
        for (const std::string &text : sent)
            h.feed(message_frame(h.plan(), frame++, 0, {{1, text}}));
        return h.failures();
    };
    EXPECT_EQ(run({"a", "c", "d"}),
              (std::vector<std::string>{"client messages: -message 2: text \"b\" (1 character) / "
                                        "+missing message 2 (3 client messages decoded)"}));
    EXPECT_EQ(run({"a", "b", "c", "d", "e"}),
              (std::vector<std::string>{"client messages: -no message after message 4 / "
                                        "+unexpected message 5: length 1, text \"e\" (1 "
                                        "character, 1 byte) (8)"}));
    EXPECT_EQ(run({"a", "x", "b", "c", "d"}),
              (std::vector<std::string>{"client messages: -no message before message 2 / "
                                        "+unexpected message 2: length 1, text \"x\" (1 "
                                        "character, 1 byte) (5)"}));
    EXPECT_EQ(run({"a", "c", "b", "d"}).size(), 2u);  // swapped: two differing messages
    EXPECT_EQ(run({"a", "B", "c", "d"}),
              (std::vector<std::string>{"client messages: -message 2: text \"b\" (1 character, 1 "
                                        "byte) / +message 2: text \"B\" (1 character, 1 byte) "
                                        "(5)"}));
}

TEST(MessageCheck, HexOnRequest) {
    Spec spec = parse_spec("messages:\n  client: [{text: hi}]\n", "t.yaml");
    CaptureChecker checker(spec, {}, CaptureChecker::Mode::kCheck, true);
    Frame f = message_frame(checker.plan(), 6, 0, {{3, std::string("hi\0", 3)}});
    checker.observe(f);
    checker.finish();
    const Mismatch m = checker.results()[0].checks[0].mismatches[0];
    EXPECT_EQ(m.expected, "message 1: text \"hi\" (2 characters, 2 bytes), payload 6869");
    EXPECT_EQ(m.actual, "message 1: text \"hi\u2400\" (3 characters, 3 bytes), payload 686900");
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
