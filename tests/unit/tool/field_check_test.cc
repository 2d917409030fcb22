// Field checks: on a frame, on the n-th message, on every frame matching a
// filter, and over the whole scope.
#include <gtest/gtest.h>

#include "frames.h"
#include "spec_writer.h"

namespace labcheck {
namespace {

using testing::FrameBuilder;
using testing::Harness;
using testing::message_frame;

const FieldKinds kKinds = {{"labproto.len", ValueKind::kNumber}, {"tcp.len", ValueKind::kNumber}};

TEST(FieldCheck, OnAFrame) {
    Harness h("fields:\n  - {field: tcp.len, frame: 2, equals: 4}\n", CaptureChecker::Mode::kCheck,
              kKinds);
    h.feed(FrameBuilder(h.plan(), 1).set("tcp.len", {"0"}).build());
    h.feed(FrameBuilder(h.plan(), 2).set("tcp.len", {"10"}).build());
    EXPECT_EQ(h.failures(), (std::vector<std::string>{"tcp.len on frame 2: -equals 4 / +10 (2)"}));
}

TEST(FieldCheck, MissingFrameIsAFailure) {
    Harness h("fields:\n  - {field: tcp.len, frame: 9, present: true}\n");
    h.feed(FrameBuilder(h.plan(), 1).build());
    EXPECT_EQ(h.failures(), (std::vector<std::string>{
                                "tcp.len on frame 9: -present / +frame 9 is not in the capture"}));
}

TEST(FieldCheck, OnTheNthMessageTakesThatMessagesOccurrence) {
    Harness h(
        "fields:\n  - {field: labproto.len, client_message: 2, equals: 8}\n"
        "  - {field: labproto.text, client_message: 3, regex: \"^c\"}\n",
        CaptureChecker::Mode::kCheck, kKinds);
    // One frame carrying messages 1 and 2, then message 3.
    h.feed(message_frame(h.plan(), 4, 0, {{10, "a"}, {8, "b"}}));
    h.feed(message_frame(h.plan(), 5, 1, {{1, "server"}}));
    h.feed(message_frame(h.plan(), 6, 0, {{3, "cde"}}, 3));
    EXPECT_TRUE(h.failures().empty());
}

TEST(FieldCheck, NthMessageThatNeverCame) {
    Harness h("fields:\n  - {field: labproto.len, server_message: 1, equals: 8}\n");
    h.feed(message_frame(h.plan(), 4, 0, {{10, "a"}}));
    EXPECT_EQ(h.failures(), (std::vector<std::string>{
                                "labproto.len of server message 1: -equals 8 / +there is no "
                                "server message 1 (only 0 decoded)"}));
}

TEST(FieldCheck, EveryFrameMatchingAFilter) {
    Harness h("fields:\n  - {field: tcp.len, where: labproto, range: [4, 30]}\n",
              CaptureChecker::Mode::kCheck, kKinds);
    h.feed(FrameBuilder(h.plan(), 1).set("tcp.len", {"0"}).build());
    h.feed(FrameBuilder(h.plan(), 2).set("tcp.len", {"10"}).match("labproto").build());
    h.feed(FrameBuilder(h.plan(), 3).set("tcp.len", {"35"}).match("labproto").build());
    EXPECT_EQ(h.failures(),
              (std::vector<std::string>{
                  "tcp.len on every frame matching \"labproto\": -in [4, 30] / +35 (3)"}));
}

TEST(FieldCheck, FilterThatMatchesNothing) {
    Harness h("fields:\n  - {field: tcp.len, where: labproto, present: true}\n");
    h.feed(FrameBuilder(h.plan(), 1).build());
    EXPECT_EQ(h.failures(),
              (std::vector<std::string>{"tcp.len on every frame matching \"labproto\": -present / "
                                        "+no frame matches \"labproto\""}));
}

TEST(FieldCheck, ScopeWideEqualsListAndAbsent) {
    Harness h(
        "fields:\n  - {field: labproto.len, equals: [10, 8, 35]}\n"
        "  - {field: labproto.unframed, absent: true}\n",
        CaptureChecker::Mode::kCheck, kKinds);
    h.feed(message_frame(h.plan(), 6, 0, {{10, "a"}}));
    h.feed(message_frame(h.plan(), 10, 0, {{9, "b"}}, 2));
    h.feed(FrameBuilder(h.plan(), 11).set("labproto.unframed", {"ff"}).build());
    EXPECT_EQ(h.failures(),
              (std::vector<std::string>{"labproto.len: -value 2: 8 / +value 2: 9 (10)",
                                        "labproto.len: -value 3: 35 / +no value 3 (only 2)",
                                        "labproto.unframed: -absent / +ff (11)"}));
}

TEST(FieldCheck, ScopeWideEqualsNeedsAnOccurrence) {
    Harness h("fields:\n  - {field: labproto.encoding, equals: CP949}\n");
    h.feed(FrameBuilder(h.plan(), 1).build());
    EXPECT_EQ(
        h.failures(),
        (std::vector<std::string>{"labproto.encoding: -equals CP949 / +(none in the scope)"}));
}

TEST(FieldCheck, BlessFitsWhatWasSeen) {
    Harness h(
        "fields:\n"
        "  - {field: tcp.len, frame: 2, equals: 4}\n"
        "  - {field: tcp.len, where: labproto, range: [4, 30]}\n"
        "  - {field: labproto.encoding, regex: UTF}\n"
        "  - {field: labproto.len, absent: true}\n",
        CaptureChecker::Mode::kUpdate, kKinds);
    h.feed(FrameBuilder(h.plan(), 2).set("tcp.len", {"10"}).match("labproto").build());
    h.feed(FrameBuilder(h.plan(), 3)
               .set("tcp.len", {"35"})
               .set("labproto.encoding", {"CP949"})
               .set("labproto.len", {"3"})
               .match("labproto")
               .build());
    EXPECT_EQ(write_spec(h.checker().blessed()), R"(fields:
  - {field: tcp.len, frame: 2, equals: 10}
  - {field: tcp.len, where: labproto, range: [4, 35]}
  - {field: labproto.encoding, equals: CP949}
  - {field: labproto.len, present: true}
)");
}

}  // namespace
}  // namespace labcheck
