// ConnectionTracker fed a sequence of TCP segments decoded from the input,
// checking what the lifecycle expert info relies on: each handshake and
// teardown event is reported at most once per connection (a SYN or FIN once
// per side), a closing or reset connection never reopens, and every report
// agrees with the events before it (a complete teardown had both FINs).
//
// Input: per segment a flags byte (bit 0 server side, 1 SYN, 2 ACK, 3 FIN,
// 4 RST, bits 5-6 sequence number: next / re-sent (u8 back) / raw u32 /
// gap (u16 ahead), bit 7 raw u32 ack number instead of "all the peer sent"),
// its extra bytes, then u16 payload length and u16 microseconds since the
// previous segment.
#include "connection_tracker.h"
#include "fuzz_input.h"

using namespace labproto;
using labproto_fuzz::FuzzInput;

namespace {

bool seq_after(uint32_t a, uint32_t b) { return static_cast<int32_t>(a - b) > 0; }

// Decodes segments, choosing sequence and ack numbers relative to what each
// side has sent so far, so that short inputs reach every state.
class SegmentDecoder {
  public:
    TcpSegment next(FuzzInput &in) {
        const uint8_t flags = in.byte();
        TcpSegment s;
        s.direction = (flags & 1) ? Direction::kServerToClient : Direction::kClientToServer;
        s.syn = flags & 2;
        s.ack = flags & 4;
        s.fin = flags & 8;
        s.rst = flags & 16;
        const int d = static_cast<int>(s.direction);
        switch ((flags >> 5) & 3) {
            case 0:
                s.seq = next_[d];
                break;
            case 1:
                s.seq = next_[d] - in.byte();
                break;
            case 2:
                s.seq = in.number<uint32_t>();
                break;
            default:
                s.seq = next_[d] + in.number<uint16_t>();
        }
        s.ack_no = (flags & 128) ? in.number<uint32_t>() : next_[1 - d];
        s.length = in.number<uint16_t>();
        now_ns_ += int64_t{in.number<uint16_t>()} * 1000;
        s.time_ns = now_ns_;
        const uint32_t end = s.seq + s.length + s.syn + s.fin;
        if (!started_[d] || seq_after(end, next_[d])) next_[d] = end;
        started_[d] = true;
        return s;
    }

  private:
    uint32_t next_[2] = {};
    bool started_[2] = {};
    int64_t now_ns_ = 0;
};

bool closing(ConnState state) {
    return state == ConnState::kHalfClosed || state == ConnState::kClosing ||
           state == ConnState::kClosed || state == ConnState::kReset;
}

// What the reports so far said, and the checks each new report must pass.
class History {
  public:
    void check(const ConnectionTracker &tracker, const TcpSegment &s, const SegmentReport &r) {
        const int d = static_cast<int>(s.direction);
        FUZZ_CHECK(r.state == tracker.state());
        FUZZ_CHECK(r.sender == s.direction);
        FUZZ_CHECK(!(was_closing_ && !closing(r.state)));  // never reopens
        FUZZ_CHECK(!(was_reset_ && r.state != ConnState::kReset));
        FUZZ_CHECK(
            !(r.state == ConnState::kClosed && !teardown_ && !(r.events & kEventTeardownComplete)));

        once(r, kEventHandshakeMissing, missing_);
        once(r, kEventSynAck, synack_);
        once(r, kEventHandshakeComplete, handshake_);
        once(r, kEventTeardownComplete, teardown_);
        if (r.events & (kEventSyn | kEventSynAck)) {
            FUZZ_CHECK(!syn_[d]);  // one SYN per side, retransmissions included
            syn_[d] = true;
        }
        if (s.syn && !s.rst) syn_sent_[d] = true;
        if (r.events & kEventHandshakeComplete) {
            FUZZ_CHECK(syn_sent_[0] && syn_sent_[1]);
            FUZZ_CHECK(r.handshake_rtt_ns >= 0);
        }
        check_fin(s, r);
        if (r.events & kEventTeardownComplete) FUZZ_CHECK(fin_[0] && fin_[1]);
        FUZZ_CHECK((r.close_kind != CloseKind::kNone) == bool(r.events & kEventTeardownComplete));
        if (r.events & kEventReset) {
            was_reset_ = true;
            for (uint32_t unacked : r.reset.unacked_bytes) FUZZ_CHECK(unacked < 0x80000000u);
            if (r.reset.refused) FUZZ_CHECK(!handshake_);
        }
        for (int side = 0; side < 2; ++side) {
            const bool finished = tracker.finished(static_cast<Direction>(side));
            FUZZ_CHECK(finished == (fin_[side] || was_reset_));
        }
        was_closing_ = closing(r.state);
    }

  private:
    static void once(const SegmentReport &r, ConnEvent event, bool &seen) {
        if (!(r.events & event)) return;
        FUZZ_CHECK(!seen);
        seen = true;
    }

    void check_fin(const TcpSegment &s, const SegmentReport &r) {
        const int d = static_cast<int>(s.direction);
        if (r.events & kEventFin) {
            FUZZ_CHECK(!fin_[d]);  // re-sent FINs are not new
            FUZZ_CHECK((r.fin_role == FinRole::kActive) == !initiator_known_);
            if (r.fin_role != FinRole::kActive) FUZZ_CHECK(fin_[1 - d]);
            fin_[d] = true;
            if (!initiator_known_) initiator_ = s.direction;
            initiator_known_ = true;
        }
        FUZZ_CHECK(r.has_close_initiator == initiator_known_);
        if (initiator_known_) FUZZ_CHECK(r.close_initiator == initiator_);
    }

    bool missing_ = false, synack_ = false, handshake_ = false, teardown_ = false;
    bool syn_[2] = {}, fin_[2] = {};  // reported
    bool syn_sent_[2] = {};           // in the input
    bool initiator_known_ = false;
    Direction initiator_ = Direction::kClientToServer;
    bool was_closing_ = false, was_reset_ = false;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    FuzzInput in(data, size);
    SegmentDecoder decoder;
    ConnectionTracker tracker;
    History history;
    while (!in.empty()) {
        const TcpSegment segment = decoder.next(in);
        history.check(tracker, segment, tracker.on_segment(segment));
    }
    return 0;
}
