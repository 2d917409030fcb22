#include "connection_tracker.h"

namespace labproto {
namespace {

// Whether sequence number a is after b, across the 2^32 wrap.
bool seq_after(uint32_t a, uint32_t b) { return static_cast<int32_t>(a - b) > 0; }

}  // namespace

const char *conn_state_name(ConnState state) {
    switch (state) {
        case ConnState::kNew:
            return "NEW";
        case ConnState::kSynSent:
            return "SYN_SENT";
        case ConnState::kSynReceived:
            return "SYN_RECEIVED";
        case ConnState::kEstablished:
            return "ESTABLISHED";
        case ConnState::kHalfClosed:
            return "HALF_CLOSED";
        case ConnState::kClosing:
            return "CLOSING";
        case ConnState::kClosed:
            return "CLOSED";
        case ConnState::kReset:
            return "RESET";
    }
    return "?";
}

const char *close_kind_name(CloseKind kind) {
    switch (kind) {
        case CloseKind::kNone:
            return "none";
        case CloseKind::kFourWay:
            return "4-way";
        case CloseKind::kThreeSegment:
            return "3-segment";
        case CloseKind::kSimultaneous:
            return "simultaneous";
    }
    return "?";
}

SegmentReport ConnectionTracker::on_segment(const TcpSegment &segment) {
    SegmentReport report;
    report.sender = segment.direction;
    Side &self = side(segment.direction);
    Side &peer = side(reverse(segment.direction));

    if (!any_segment_ && !(segment.syn && !segment.ack)) report_missing_handshake(report);
    any_segment_ = true;
    self.seen = true;

    if (segment.rst) {
        on_rst(segment, report);
    } else {
        // An ACK in the same segment as a SYN or FIN refers to the peer's
        // earlier SYN/FIN: handle it first (Linux's FIN,ACK close).
        if (segment.ack) on_ack(self, peer, segment, report);
        if (segment.syn) on_syn(self, peer, segment, report);
        track_data(self, segment);
        if (segment.fin) on_fin(self, peer, segment, report);
    }
    update_state();
    report.state = state_;
    report.has_close_initiator = has_close_initiator_;
    report.close_initiator = close_initiator_;
    return report;
}

void ConnectionTracker::join_established() {
    any_segment_ = true;
    handshake_done_ = true;
    update_state();
}

void ConnectionTracker::track_data(Side &self, const TcpSegment &segment) {
    // A SYN occupies one sequence number; data starts after it.
    uint32_t end = segment.syn ? segment.seq + 1 : segment.seq + segment.length;
    if (!self.has_data_end || seq_after(end, self.data_end)) self.data_end = end;
    self.has_data_end = true;
}

void ConnectionTracker::on_syn(Side &self, Side &peer, const TcpSegment &segment,
                               SegmentReport &report) {
    if (segment.direction == Direction::kClientToServer && !segment.ack) {
        last_syn_time_ns_ = segment.time_ns;
        last_syn_frame_ = segment.frame;
    }
    if (self.syn_sent) return;  // a retransmitted SYN or SYN,ACK
    self.syn_sent = true;
    self.syn_seq = segment.seq;
    if (!segment.ack) {
        report.events |= kEventSyn;
    } else if (!synack_seen_) {
        synack_seen_ = true;
        synack_frame_ = segment.frame;
        report.events |= kEventSynAck;
        // A SYN,ACK that arrives with the handshake's first SYN missing.
        if (!peer.syn_sent) report_missing_handshake(report);
    }
}

void ConnectionTracker::report_missing_handshake(SegmentReport &report) {
    if (handshake_missing_) return;
    handshake_missing_ = true;
    report.events |= kEventHandshakeMissing;
}

void ConnectionTracker::on_ack(Side &self, Side &peer, const TcpSegment &segment,
                               SegmentReport &report) {
    if (!peer.acked_anything || seq_after(segment.ack_no, peer.acked_by_peer)) {
        peer.acked_by_peer = segment.ack_no;
        peer.acked_anything = true;
    }
    if (peer.syn_sent && !peer.syn_acked && seq_after(segment.ack_no, peer.syn_seq))
        peer.syn_acked = true;
    if (!handshake_done_ && peer.syn_acked && self.syn_sent && self.syn_acked) {
        handshake_done_ = true;
        report.events |= kEventHandshakeComplete;
        report.handshake_rtt_ns = segment.time_ns - last_syn_time_ns_;
        report.completed_by_syn = segment.syn;
        report.syn_frame = last_syn_frame_;
        report.synack_frame = synack_frame_;
    }
    if (peer.fin_sent && !peer.fin_acked && seq_after(segment.ack_no, peer.fin_seq)) {
        peer.fin_acked = true;
        peer.fin_acked_with_own_fin = segment.fin;
    }
    if (!teardown_done_ && self.fin_sent && self.fin_acked && peer.fin_sent && peer.fin_acked) {
        teardown_done_ = true;
        report.events |= kEventTeardownComplete;
        const Side &active = side(close_initiator_);
        report.close_kind = simultaneous_close_             ? CloseKind::kSimultaneous
                            : active.fin_acked_with_own_fin ? CloseKind::kThreeSegment
                                                            : CloseKind::kFourWay;
        report.fin_frames[0] = sides_[0].fin_frame;
        report.fin_frames[1] = sides_[1].fin_frame;
    }
}

void ConnectionTracker::on_fin(Side &self, Side &peer, const TcpSegment &segment,
                               SegmentReport &report) {
    if (self.fin_sent) return;  // a retransmitted FIN
    self.fin_sent = true;
    self.fin_seq = segment.seq + segment.length;
    self.fin_frame = segment.frame;
    report.events |= kEventFin;
    if (!has_close_initiator_) {
        has_close_initiator_ = true;
        close_initiator_ = segment.direction;
        report.fin_role = FinRole::kActive;
    } else if (peer.fin_acked) {
        report.fin_role = FinRole::kPassive;
    } else {
        // Sent before this side had seen the peer's FIN: both closed at once.
        simultaneous_close_ = true;
        report.fin_role = FinRole::kSimultaneous;
    }
}

void ConnectionTracker::on_rst(const TcpSegment &segment, SegmentReport &report) {
    report.events |= kEventReset;
    const Side &client = side(Direction::kClientToServer);
    report.reset.refused = !handshake_done_ && segment.direction == Direction::kServerToClient &&
                           client.syn_sent && !side(Direction::kServerToClient).syn_sent;
    for (int d = 0; d < 2; ++d) {
        const Side &s = sides_[d];
        if (!s.seen || !s.acked_anything) continue;
        uint32_t sent_end = s.fin_sent ? s.fin_seq : s.data_end;
        if (seq_after(sent_end, s.acked_by_peer))
            report.reset.unacked_bytes[d] = sent_end - s.acked_by_peer;
        report.reset.fin_unacked[d] = s.fin_sent && !s.fin_acked;
    }
    reset_ = true;
}

void ConnectionTracker::update_state() {
    const Side &client = side(Direction::kClientToServer);
    const Side &server = side(Direction::kServerToClient);
    if (reset_) {
        state_ = ConnState::kReset;
    } else if (teardown_done_) {
        state_ = ConnState::kClosed;
    } else if (client.fin_sent && server.fin_sent) {
        state_ = ConnState::kClosing;
    } else if (client.fin_sent || server.fin_sent) {
        state_ = ConnState::kHalfClosed;
    } else if (handshake_done_ || (!client.syn_sent && !server.syn_sent)) {
        state_ = ConnState::kEstablished;  // or joined mid-stream
    } else if (server.syn_sent) {
        state_ = ConnState::kSynReceived;
    } else {
        state_ = ConnState::kSynSent;
    }
}

}  // namespace labproto
