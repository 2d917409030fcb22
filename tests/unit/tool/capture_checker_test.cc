// Connection lifecycle, counts, expert infos, stream scopes, and init's
// drafts, fed with frames as tshark reports them.
#include <gtest/gtest.h>

#include "frames.h"
#include "spec_writer.h"

namespace labcheck {
namespace {

using testing::FrameBuilder;
using testing::Harness;
using testing::message_frame;

constexpr const char *kChat = "2097152", *kNote = "4194304", *kWarn = "6291456";

// A 4-way close on stream `s`: SYN(1) ... FIN from `closer` ... last ACK (or RST
// from the client). The client is port 5000, the server 9000.
void feed_connection(Harness &h, uint64_t s, uint64_t first, const char *closer,
                     bool reset = false) {
    const auto ev = [&](uint64_t n, std::vector<std::string> events, const char *from) {
        const bool client = std::string(from) == "0";
        h.feed(FrameBuilder(h.plan(), n)
                   .stream(s)
                   .set("labproto.conn.event", std::move(events))
                   .set("tcp.srcport", {client ? "5000" : "9000"})
                   .set("tcp.dstport", {client ? "9000" : "5000"})
                   .set("labproto.conn.close_initiator", {closer})
                   .build());
    };
    ev(first, {"syn"}, "0");
    ev(first + 1, {"synack"}, "1");
    ev(first + 2, {"handshake-complete"}, "0");
    ev(first + 3, {"fin"}, closer);
    ev(first + 4, {reset ? "reset" : "teardown-complete"}, "0");
}

TEST(ConnectionCheck, HandshakeTeardownAndCloser) {
    Harness h("handshake: complete\nteardown: complete\nclosed_by: server\n");
    feed_connection(h, 0, 1, "1");
    EXPECT_TRUE(h.failures().empty());
}

TEST(ConnectionCheck, ReportsWhatHappenedWithTheFrame) {
    Harness h("handshake: missing\nteardown: complete\nclosed_by: client\n");
    feed_connection(h, 0, 1, "1", /*reset=*/true);
    EXPECT_EQ(h.failures(),
              (std::vector<std::string>{"handshake: -handshake missing / +handshake complete (3)",
                                        "teardown: -teardown complete / +teardown reset (5)",
                                        "closed_by: -closed_by client / +closed_by server (4)"}));
}

TEST(ConnectionCheck, EveryStreamOfTheCaptureMustMeetIt) {
    Harness h("teardown: complete\n");
    feed_connection(h, 0, 1, "0");
    feed_connection(h, 1, 10, "0", true);
    EXPECT_EQ(h.failures(), (std::vector<std::string>{
                                "teardown: -teardown complete / +teardown reset (stream 1) (14)"}));
}

TEST(ConnectionCheck, NoConnectionAtAll) {
    Harness h("handshake: complete\n");
    h.feed(FrameBuilder(h.plan(), 1).build());
    EXPECT_EQ(h.failures(), (std::vector<std::string>{
                                "handshake: -handshake complete / +no labproto connection seen"}));
}

TEST(ConnectionCheck, WhoResetWithoutAFin) {
    Harness h("teardown: reset\nclosed_by: server\n");
    const auto seg = [&](uint64_t n, const char *event, const char *src, const char *dst) {
        h.feed(FrameBuilder(h.plan(), n)
                   .stream(0)
                   .set("labproto.conn.event", {event})
                   .set("tcp.srcport", {src})
                   .set("tcp.dstport", {dst})
                   .build());
    };
    seg(1, "syn", "5000", "9000");
    seg(2, "reset", "9000", "5000");  // refused: the server answers the SYN with a RST
    EXPECT_TRUE(h.failures().empty());
}

TEST(ConnectionCheck, HalfClosedAndOpen) {
    Harness h("teardown: half-closed\nclosed_by: client\n");
    h.feed(FrameBuilder(h.plan(), 1).stream(0).set("labproto.conn.event", {"syn"}).build());
    h.feed(FrameBuilder(h.plan(), 2)
               .stream(0)
               .set("labproto.conn.event", {"fin"})
               .set("labproto.conn.close_initiator", {"0"})
               .build());
    EXPECT_TRUE(h.failures().empty());
}

// A refused first attempt (stream 0), DNS junk, another TCP flow and then
// the lab's run (stream 2, handshake before its first message).
void feed_noisy_capture(Harness &h) {
    h.feed(FrameBuilder(h.plan(), 1)
               .stream(0)
               .set("labproto.conn.event", {"syn"})
               .match("syn")
               .build());
    h.feed(FrameBuilder(h.plan(), 2)
               .stream(0)
               .set("labproto.conn.event", {"reset"})
               .set("_ws.expert.severity", {kWarn})
               .set("_ws.expert.message", {"Connection reset (RST)"})
               .build());
    h.feed(FrameBuilder(h.plan(), 3)
               .no_stream()
               .set("frame.protocols", {"eth:ethertype:ip:udp:dns:_ws.malformed"})
               .set("_ws.malformed", {"1"})
               .build());
    h.feed(FrameBuilder(h.plan(), 4).stream(1).set("labproto", {}).match("syn").build());
    const auto event = [&](uint64_t n, const char *e) {
        h.feed(FrameBuilder(h.plan(), n)
                   .stream(2)
                   .set("labproto.conn.event", {e})
                   .set("labproto.conn.close_initiator", {"0"})
                   .match(e == std::string("syn") ? "syn" : "")
                   .build());
    };
    event(5, "syn");
    event(6, "synack");
    event(7, "handshake-complete");  // all three wait for the stream's first message
    Frame message = message_frame(h.plan(), 8, 0, {{2, "hi"}});
    message.stream = 2;
    h.feed(message);
    event(9, "fin");
    event(10, "teardown-complete");
}

TEST(LabScope, GradesTheConnectionsCarryingTheLabsMessages) {
    const char *spec = R"(handshake: complete
teardown: complete
messages: {client: [{text: hi}]}
counts: [{filter: syn, exactly: 1}]
expert:
  max_severity: note
  forbidden: [_ws.malformed]
)";
    Harness lab(spec);
    feed_noisy_capture(lab);
    EXPECT_TRUE(lab.failures().empty());
    const CaptureContents c = lab.checker().contents();
    EXPECT_EQ(c.graded, (std::set<uint64_t>{2}));
    EXPECT_EQ(c.streams.size(), 3u);
    EXPECT_EQ(c.other_frames, 1u);
    EXPECT_EQ(c.other_protocols, (std::set<std::string>{"dns"}));
    EXPECT_EQ(c.streams[0].summary(), "refused (a RST answered the SYN)");
    EXPECT_EQ(c.streams[2].summary(), "1 client message, 0 server messages");
    // Asked for explicitly, the whole capture: the refused attempt and the junk count.
    Harness whole(std::string("scope: capture\n") + spec);
    feed_noisy_capture(whole);
    EXPECT_EQ(whole.failures(),
              (std::vector<std::string>{
                  "handshake: -handshake complete / +handshake incomplete (stream 0) (1)",
                  "teardown: -teardown complete / +teardown reset (stream 0) (2)",
                  "count of \"syn\": -exactly 1 / +3 frames: 1, 4, 5",
                  "expert max_severity: -at most note / +warning: Connection reset (RST) (2)",
                  "expert forbidden _ws.malformed: -_ws.malformed absent / +_ws.malformed present "
                  "(3)"}));
}

TEST(LabScope, WithoutLabDataEveryLabprotoConnectionIsGraded) {
    Harness h("handshake: complete\n");
    h.feed(FrameBuilder(h.plan(), 1).stream(0).set("labproto.conn.event", {"syn"}).build());
    h.feed(FrameBuilder(h.plan(), 2).stream(0).set("labproto.conn.event", {"reset"}).build());
    h.feed(FrameBuilder(h.plan(), 3).stream(1).set("labproto", {}).build());  // not labproto
    EXPECT_EQ(
        h.failures(),
        (std::vector<std::string>{"handshake: -handshake complete / +handshake incomplete (1)"}));
    EXPECT_EQ(h.checker().contents().graded, (std::set<uint64_t>{0}));
}

// The lottery lab is the plugin's too: its commands and replies are lab data.
TEST(LabScope, GradesTheLotteryLabsConnections) {
    Harness h("fields: [{field: labproto_lottery.command, equals: 0}]\n");
    h.feed(FrameBuilder(h.plan(), 1).stream(0).set("labproto", {}).build());  // other traffic
    h.feed(FrameBuilder(h.plan(), 2)
               .stream(1)
               .set("labproto", {})
               .set("labproto_lottery", {"labproto_lottery"})
               .set("labproto_lottery.command", {"0"})
               .build());
    EXPECT_TRUE(h.failures().empty());
    EXPECT_EQ(h.checker().contents().graded, (std::set<uint64_t>{1}));
}

TEST(CountCheck, ExactlyAtLeastAtMost) {
    Harness h(
        "counts:\n  - {filter: syn, exactly: 2}\n  - {filter: data, at_least: 1}\n"
        "  - {filter: rst, at_most: 0}\n");
    h.feed(FrameBuilder(h.plan(), 1).match("syn").build());
    h.feed(FrameBuilder(h.plan(), 2).match("rst").build());
    h.feed(FrameBuilder(h.plan(), 3).match("rst").build());
    EXPECT_EQ(h.failures(),
              (std::vector<std::string>{"count of \"syn\": -exactly 2 / +1 frame: 1",
                                        "count of \"data\": -at least 1 / +0 frames",
                                        "count of \"rst\": -at most 0 / +2 frames: 2, 3"}));
}

TEST(ExpertCheck, MaxSeverityRequiredForbidden) {
    Harness h(
        "expert:\n  max_severity: note\n  required: [labproto.handshake.complete]\n"
        "  forbidden: [labproto.len.too_large]\n");
    h.feed(FrameBuilder(h.plan(), 1)
               .set("_ws.expert.severity", {kChat, kNote})
               .set("_ws.expert.message", {"a", "b"})
               .build());
    h.feed(FrameBuilder(h.plan(), 2)
               .set("_ws.expert.severity", {kWarn})
               .set("_ws.expert.message", {"Connection reset (RST)"})
               .set("labproto.len.too_large", {"1"})
               .build());
    EXPECT_EQ(h.failures(),
              (std::vector<std::string>{
                  "expert max_severity: -at most note / +warning: Connection reset (RST) (2)",
                  "expert required labproto.handshake.complete: -labproto.handshake.complete "
                  "present / +(none in the scope)",
                  "expert forbidden labproto.len.too_large: -labproto.len.too_large absent / "
                  "+labproto.len.too_large present (2)"}));
}

TEST(StreamScopes, OnlySeeTheirOwnStream) {
    Harness h(
        "streams:\n  - stream: 1\n    counts: [{filter: syn, exactly: 1}]\n"
        "    messages: {client: [{length: 2}]}\n");
    h.feed(FrameBuilder(h.plan(), 1).stream(0).match("syn").build());
    h.feed(FrameBuilder(h.plan(), 2).stream(1).match("syn").build());
    Frame m = message_frame(h.plan(), 3, 0, {{2, "hi"}});
    m.stream = 1;
    h.feed(m);
    const auto results = h.results();
    ASSERT_EQ(results.size(), 2u);
    EXPECT_EQ(results[1].label, "stream 1");
    EXPECT_TRUE(results[1].passed());
}

TEST(Draft, DescribesOneConversationFlat) {
    Harness h("handshake: complete\n", CaptureChecker::Mode::kDraft);
    feed_connection(h, 0, 1, "0");
    Frame m = message_frame(h.plan(), 7, 0, {{10, "안녕하세요"}});
    m.stream = 0;
    h.feed(m);
    h.feed(FrameBuilder(h.plan(), 8).set("_ws.expert.severity", {kNote}).build());
    EXPECT_EQ(write_spec(h.checker().drafted()), R"(handshake: complete
teardown: complete
closed_by: client
messages:
  client:
    - {length: 10, text: "안녕하세요"}
  server: []
expert:
  max_severity: note
)");
}

TEST(Draft, DescribesSeveralConversationsPerStream) {
    Harness h("handshake: complete\n", CaptureChecker::Mode::kDraft);
    feed_connection(h, 0, 1, "0");
    feed_connection(h, 3, 10, "1", true);
    const Spec draft = h.checker().drafted();
    ASSERT_EQ(draft.streams.size(), 2u);
    EXPECT_EQ(draft.streams[1].stream, 3u);
    EXPECT_EQ(draft.streams[1].expect.teardown->value, TeardownState::kReset);
    EXPECT_FALSE(draft.expect.handshake);
}

TEST(Draft, NoLabprotoMeansNoConnectionExpectations) {
    Harness h("handshake: complete\n", CaptureChecker::Mode::kDraft);
    h.feed(FrameBuilder(h.plan(), 1).build());
    const Spec draft = h.checker().drafted();
    EXPECT_FALSE(draft.expect.handshake);
    EXPECT_TRUE(draft.expect.messages[0]->messages.empty());
}

// Every pass reads the messages and what tells the lab's connections from
// other traffic; beyond that only what the checks name.
const std::vector<std::string> kAlwaysPlanned = {
    "frame.number", "labproto.len", "labproto.msg_index", "labproto.direction", "labproto.text",
    "labproto.encoding", "labproto.payload", "tcp.srcport", "tcp.dstport", "ip.src", "ip.dst",
    "ipv6.src", "ipv6.dst", "tcp.flags", "tcp.len", "labproto.conn.event", "frame.protocols",
    "labproto.stream.foreign", "frame.len", "frame.cap_len",
    // the plugin's protocols, one per lab, and what carries lab data
    "labproto", "labproto_lottery", "labproto_ft", "labproto.header.len", "labproto.unframed",
    "labproto.continuation", "labproto_lottery.command", "labproto_lottery.reply",
    "labproto_ft.path", "labproto_ft.record", "tcp.stream"};

TEST(Plan, AsksOnlyForWhatChecksNeed) {
    Harness h("counts: [{filter: \"tcp.flags.syn == 1\", exactly: 1}]\n");
    EXPECT_EQ(h.plan().fields(), kAlwaysPlanned);
    EXPECT_EQ(h.plan().filters(), (std::vector<std::string>{"tcp.flags.syn == 1"}));
    Harness m("fields: [{field: tcp.window_size, present: true}]\n");
    std::vector<std::string> with_field = kAlwaysPlanned;
    with_field.push_back("tcp.window_size");
    EXPECT_EQ(m.plan().fields(), with_field);
    EXPECT_TRUE(m.plan().filters().empty());
}

}  // namespace
}  // namespace labcheck
