#include "connection_tracker.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace labproto {
namespace {

constexpr Direction C = Direction::kClientToServer;
constexpr Direction S = Direction::kServerToClient;

// Builds segments with TCP's sequence arithmetic so scenarios read like
// the frame tables students write: each side keeps its next sequence number.
class Conversation {
  public:
    TcpSegment syn(Direction d, bool ack = false) {
        TcpSegment s = make(d, ack);
        s.syn = true;
        s.seq = isn(d);
        next(d) = isn(d) + 1;
        return s;
    }
    TcpSegment data(Direction d, uint32_t length) {
        TcpSegment s = make(d, true);
        s.length = length;
        next(d) += length;
        return s;
    }
    TcpSegment ack(Direction d) { return make(d, true); }
    TcpSegment fin(Direction d, bool ack = true) {
        TcpSegment s = make(d, ack);
        s.fin = true;
        next(d) += 1;
        return s;
    }
    TcpSegment rst(Direction d, bool ack = true) {
        TcpSegment s = make(d, ack);
        s.rst = true;
        return s;
    }
    // Marks everything the peer sent so far as received by `d`.
    void receive(Direction d) { received(d) = next(reverse(d)); }
    void at(int64_t ns) { now_ = ns; }

  private:
    TcpSegment make(Direction d, bool ack) {
        TcpSegment s;
        s.direction = d;
        s.seq = next(d);
        s.ack = ack;
        s.ack_no = received(d);
        s.time_ns = now_;
        return s;
    }
    uint32_t isn(Direction d) const { return d == C ? 1345203525u : 3542995421u; }
    uint32_t &next(Direction d) { return next_[static_cast<int>(d)]; }
    uint32_t &received(Direction d) { return received_[static_cast<int>(d)]; }

    uint32_t next_[2] = {1345203525u, 3542995421u};
    uint32_t received_[2] = {};
    int64_t now_ = 0;
};

// Runs a plain 3-way handshake through the tracker.
void handshake(Conversation &c, ConnectionTracker &t) {
    t.on_segment(c.syn(C));
    c.receive(S);
    t.on_segment(c.syn(S, true));
    c.receive(C);
    t.on_segment(c.ack(C));
}

struct Step {
    TcpSegment segment;
    uint16_t events;
    ConnState state;
};

// Runs the whole scenario, checking each segment's events and state.
void expect_steps(const std::vector<Step> &steps) {
    ConnectionTracker tracker;
    for (size_t i = 0; i < steps.size(); ++i) {
        SegmentReport r = tracker.on_segment(steps[i].segment);
        EXPECT_EQ(r.events, steps[i].events) << "segment " << i + 1;
        EXPECT_EQ(r.state, steps[i].state)
            << "segment " << i + 1 << ": " << conn_state_name(r.state);
    }
}

TEST(ConnectionTracker, HandshakeThenWindowsFourWayClose) {
    Conversation c;
    std::vector<Step> steps;
    steps.push_back({c.syn(C), kEventSyn, ConnState::kSynSent});
    c.receive(S);
    steps.push_back({c.syn(S, true), kEventSynAck, ConnState::kSynReceived});
    c.receive(C);
    steps.push_back({c.ack(C), kEventHandshakeComplete, ConnState::kEstablished});
    steps.push_back({c.data(C, 4), kEventNone, ConnState::kEstablished});
    c.receive(S);
    steps.push_back({c.ack(S), kEventNone, ConnState::kEstablished});
    steps.push_back({c.fin(C), kEventFin, ConnState::kHalfClosed});
    c.receive(S);
    steps.push_back({c.ack(S), kEventNone, ConnState::kHalfClosed});
    steps.push_back({c.fin(S), kEventFin, ConnState::kClosing});
    c.receive(C);
    steps.push_back({c.ack(C), kEventTeardownComplete, ConnState::kClosed});
    expect_steps(steps);
}

TEST(ConnectionTracker, ReportsRttCloseKindAndInitiator) {
    Conversation c;
    ConnectionTracker t;
    c.at(1000);
    t.on_segment(c.syn(C));
    c.receive(S);
    c.at(1500);
    t.on_segment(c.syn(S, true));
    c.receive(C);
    c.at(1800);
    SegmentReport done = t.on_segment(c.ack(C));
    EXPECT_EQ(done.handshake_rtt_ns, 800);
    SegmentReport fin = t.on_segment(c.fin(S));  // the server closes first
    EXPECT_EQ(fin.fin_role, FinRole::kActive);
    EXPECT_TRUE(fin.has_close_initiator);
    EXPECT_EQ(fin.close_initiator, S);
    c.receive(C);
    SegmentReport passive = t.on_segment(c.fin(C));  // Linux: FIN,ACK answers FIN
    EXPECT_EQ(passive.fin_role, FinRole::kPassive);
    c.receive(S);
    SegmentReport last = t.on_segment(c.ack(S));
    EXPECT_EQ(last.events, kEventTeardownComplete);
    EXPECT_EQ(last.close_kind, CloseKind::kThreeSegment);
    EXPECT_EQ(last.close_initiator, S);
}

TEST(ConnectionTracker, RetransmittedSynAndFinDoNotMoveTwice) {
    Conversation c;
    ConnectionTracker t;
    TcpSegment syn = c.syn(C);
    c.at(0);
    EXPECT_EQ(t.on_segment(syn).events, kEventSyn);
    syn.time_ns = 1000000000;  // retransmitted a second later
    EXPECT_EQ(t.on_segment(syn).events, kEventNone);
    c.receive(S);
    c.at(1000000100);
    t.on_segment(c.syn(S, true));
    c.receive(C);
    c.at(1000000200);
    SegmentReport done = t.on_segment(c.ack(C));
    EXPECT_EQ(done.handshake_rtt_ns, 200);  // from the SYN that was answered
    TcpSegment fin = c.fin(C);
    EXPECT_EQ(t.on_segment(fin).events, kEventFin);
    for (int i = 0; i < 5; ++i) EXPECT_EQ(t.on_segment(fin).events, kEventNone);
    TcpSegment dup_ack = c.ack(S);
    t.on_segment(dup_ack);
    EXPECT_EQ(t.on_segment(dup_ack).events, kEventNone);
}

// Feeds `segment` as frame `frame`.
SegmentReport feed(ConnectionTracker &t, TcpSegment segment, uint32_t frame) {
    segment.frame = frame;
    return t.on_segment(segment);
}

TEST(ConnectionTracker, LinksTheFramesOfHandshakeAndClose) {
    Conversation c;
    ConnectionTracker t;
    TcpSegment syn = c.syn(C);
    feed(t, syn, 1);
    feed(t, syn, 2);  // re-sent: the SYN,ACK answers this one
    c.receive(S);
    feed(t, c.syn(S, true), 3);
    c.receive(C);
    SegmentReport done = feed(t, c.ack(C), 4);
    EXPECT_EQ(done.syn_frame, 2u);
    EXPECT_EQ(done.synack_frame, 3u);
    TcpSegment fin = c.fin(C);
    feed(t, fin, 5);
    feed(t, fin, 6);  // a retransmitted FIN: the link stays on the first
    c.receive(S);
    feed(t, c.fin(S), 7);
    c.receive(C);
    SegmentReport closed = feed(t, c.ack(C), 8);
    ASSERT_EQ(closed.events, kEventTeardownComplete);
    EXPECT_EQ(closed.fin_frames[0], 5u);
    EXPECT_EQ(closed.fin_frames[1], 7u);
    EXPECT_EQ(closed.syn_frame, 0u);  // only the completing event links
}

TEST(ConnectionTracker, SimultaneousOpen) {
    Conversation c;
    std::vector<Step> steps;
    steps.push_back({c.syn(C), kEventSyn, ConnState::kSynSent});
    steps.push_back({c.syn(S), kEventSyn, ConnState::kSynReceived});
    c.receive(C);
    c.receive(S);
    steps.push_back({c.syn(C, true), kEventNone, ConnState::kSynReceived});  // SYN,ACK resent
    steps.push_back({c.ack(S), kEventHandshakeComplete, ConnState::kEstablished});
    expect_steps(steps);
}

TEST(ConnectionTracker, SimultaneousClose) {
    Conversation c;
    ConnectionTracker t;
    handshake(c, t);
    SegmentReport a = t.on_segment(c.fin(C));
    SegmentReport b = t.on_segment(c.fin(S));  // crossed: does not ack the client's FIN
    EXPECT_EQ(a.fin_role, FinRole::kActive);
    EXPECT_EQ(b.fin_role, FinRole::kSimultaneous);
    c.receive(C);
    c.receive(S);
    EXPECT_EQ(t.on_segment(c.ack(C)).events, kEventNone);
    SegmentReport last = t.on_segment(c.ack(S));
    EXPECT_EQ(last.events, kEventTeardownComplete);
    EXPECT_EQ(last.close_kind, CloseKind::kSimultaneous);
}

TEST(ConnectionTracker, MidStreamCaptureReportsMissingHandshake) {
    Conversation c;
    ConnectionTracker t;
    SegmentReport first = t.on_segment(c.data(C, 4));
    EXPECT_EQ(first.events, kEventHandshakeMissing);
    EXPECT_EQ(first.state, ConnState::kEstablished);
    EXPECT_EQ(t.on_segment(c.data(C, 10)).events, kEventNone);
}

// The labproto_tcp heuristic recognises a stream at its first message: the
// handshake went by before, and is not missing.
TEST(ConnectionTracker, JoinedAfterTheHandshakeFollowsTheClose) {
    Conversation c;
    ConnectionTracker t;
    t.join_established();
    EXPECT_EQ(t.state(), ConnState::kEstablished);
    EXPECT_EQ(t.on_segment(c.data(C, 4)).events, kEventNone);
    c.receive(S);
    EXPECT_EQ(t.on_segment(c.fin(C)).events, kEventFin);
    c.receive(S);
    EXPECT_EQ(t.on_segment(c.fin(S)).events, kEventFin);
    c.receive(C);
    EXPECT_EQ(t.on_segment(c.ack(C)).events, kEventTeardownComplete);
}

TEST(ConnectionTracker, RefusedConnection) {
    Conversation c;
    ConnectionTracker t;
    t.on_segment(c.syn(C));
    c.receive(S);
    SegmentReport r = t.on_segment(c.rst(S));
    EXPECT_EQ(r.events, kEventReset);
    EXPECT_TRUE(r.reset.refused);
    EXPECT_EQ(r.state, ConnState::kReset);
}

TEST(ConnectionTracker, ResetAfterUnansweredFinsReportsWhatWasLeft) {
    Conversation c;
    ConnectionTracker t;
    handshake(c, t);
    t.on_segment(c.fin(S));  // server closes first
    c.receive(C);
    t.on_segment(c.ack(C));
    TcpSegment fin = c.fin(C);
    t.on_segment(fin);
    for (int i = 0; i < 5; ++i) t.on_segment(fin);  // never acked
    SegmentReport r = t.on_segment(c.rst(C));
    EXPECT_EQ(r.events, kEventReset);
    EXPECT_FALSE(r.reset.refused);
    EXPECT_TRUE(r.reset.fin_unacked[static_cast<int>(C)]);
    EXPECT_FALSE(r.reset.fin_unacked[static_cast<int>(S)]);
}

TEST(ConnectionTracker, ResetCountsUnacknowledgedData) {
    Conversation c;
    ConnectionTracker t;
    handshake(c, t);
    t.on_segment(c.data(C, 14));  // never acked
    SegmentReport r = t.on_segment(c.rst(C));
    EXPECT_EQ(r.reset.unacked_bytes[static_cast<int>(C)], 14u);
    EXPECT_EQ(r.reset.unacked_bytes[static_cast<int>(S)], 0u);
}

TEST(ConnectionTracker, FinBeforeItsLastDataSegment) {
    Conversation c;
    ConnectionTracker t;
    handshake(c, t);
    TcpSegment last_data = c.data(C, 10);
    TcpSegment fin = c.fin(C);
    EXPECT_EQ(t.on_segment(fin).events, kEventFin);  // arrives first
    EXPECT_EQ(t.on_segment(last_data).events, kEventNone);
    EXPECT_EQ(t.data_end(C), fin.seq);
}

TEST(ConnectionTracker, HalfCloseWithDataAfterTheFirstFin) {
    Conversation c;
    ConnectionTracker t;
    handshake(c, t);
    t.on_segment(c.fin(C));  // shutdown(SHUT_WR)
    c.receive(S);
    t.on_segment(c.ack(S));
    EXPECT_EQ(t.on_segment(c.data(S, 20)).state, ConnState::kHalfClosed);
    c.receive(C);
    t.on_segment(c.ack(C));
    SegmentReport fin = t.on_segment(c.fin(S));
    EXPECT_EQ(fin.fin_role, FinRole::kPassive);
    c.receive(C);
    SegmentReport last = t.on_segment(c.ack(C));
    EXPECT_EQ(last.close_kind, CloseKind::kFourWay);
}

// Any sequence of segments: never crashes, each event at most once per
// connection (a RST may repeat), and the state never goes back to before
// the handshake once closing has begun.
TEST(ConnectionTracker, RandomSegmentsKeepInvariants) {
    std::mt19937 rng(20261121);
    for (int run = 0; run < 2000; ++run) {
        ConnectionTracker t;
        int counts[16] = {};
        bool closing = false;
        for (int i = 0; i < 40; ++i) {
            TcpSegment s;
            s.direction = (rng() & 1) ? C : S;
            s.syn = rng() % 6 == 0;
            s.ack = rng() % 3 != 0;
            s.fin = rng() % 8 == 0;
            s.rst = rng() % 25 == 0;
            s.seq = rng() % 64;
            s.ack_no = rng() % 64;
            s.length = rng() % 16;
            s.time_ns = i;
            SegmentReport r = t.on_segment(s);
            for (int bit = 0; bit < 16; ++bit)
                if (r.events & (1 << bit)) ++counts[bit];
            bool now_closing = r.state == ConnState::kHalfClosed ||
                               r.state == ConnState::kClosing || r.state == ConnState::kClosed ||
                               r.state == ConnState::kReset;
            EXPECT_FALSE(closing && !now_closing) << "run " << run;
            closing = now_closing;
            if (r.events & kEventTeardownComplete) {
                EXPECT_NE(r.close_kind, CloseKind::kNone);
            }
        }
        for (int bit = 0; bit < 16; ++bit) {
            if ((1 << bit) == kEventReset || (1 << bit) == kEventFin || (1 << bit) == kEventSyn)
                continue;
            EXPECT_LE(counts[bit], 1) << "event bit " << bit << " run " << run;
        }
        EXPECT_LE(counts[1], 2);  // a SYN from each side at most
        EXPECT_LE(counts[4], 2);  // a FIN from each side at most
    }
}

}  // namespace
}  // namespace labproto
