// The TCP connection lifecycle of one stream, as students work it out by
// hand: which segment is each step of the 3-way handshake, who closed
// first, how the close went (4 segments, 3, simultaneous), and resets.
//
// Fed every segment of the stream in capture order (on the first pass), it
// reports what each segment did. Retransmissions and duplicate ACKs never
// move it twice. Trivially destructible and O(1) in size and per segment.
#pragma once

#include <cstdint>

#include "direction.h"

namespace labproto {

struct TcpSegment {
    Direction direction;
    bool syn = false, ack = false, fin = false, rst = false;
    uint32_t seq = 0;     // of the first byte (or of the SYN/FIN)
    uint32_t ack_no = 0;  // meaningful when `ack`
    uint32_t length = 0;  // payload bytes
    int64_t time_ns = 0;  // capture time
    uint32_t frame = 0;   // its frame number, for the links of the lifecycle
};

enum class ConnState : uint8_t {
    kNew,
    kSynSent,
    kSynReceived,
    kEstablished,
    kHalfClosed,  // one side has sent its FIN
    kClosing,     // both FINs sent, not both acknowledged
    kClosed,
    kReset,
};
const char *conn_state_name(ConnState state);

enum class CloseKind : uint8_t { kNone, kFourWay, kThreeSegment, kSimultaneous };
const char *close_kind_name(CloseKind kind);

enum class FinRole : uint8_t { kActive, kPassive, kSimultaneous };

// Bit flags: what one segment did to the connection.
enum ConnEvent : uint16_t {
    kEventNone = 0,
    kEventHandshakeMissing = 1 << 0,  // first segment seen, no SYN before it
    kEventSyn = 1 << 1,
    kEventSynAck = 1 << 2,
    kEventHandshakeComplete = 1 << 3,
    kEventFin = 1 << 4,
    kEventTeardownComplete = 1 << 5,
    kEventReset = 1 << 6,
};

// What a RST left behind, for the expert info that explains it.
struct ResetInfo {
    bool refused = false;            // answered a SYN: nobody was listening
    uint32_t unacked_bytes[2] = {};  // data each direction sent that was never acked
    bool fin_unacked[2] = {};        // a FIN each direction sent that was never acked
};

struct SegmentReport {
    uint16_t events = kEventNone;
    ConnState state = ConnState::kNew;  // after this segment
    Direction sender = Direction::kClientToServer;
    int64_t handshake_rtt_ns = 0;   // with kEventHandshakeComplete
    bool completed_by_syn = false;  // a SYN,ACK completed it (simultaneous open)
    // With kEventHandshakeComplete: the client's SYN the RTT counts from (the
    // last one sent, a retransmission if it was re-sent) and the first
    // SYN,ACK; 0 when not seen.
    uint32_t syn_frame = 0, synack_frame = 0;
    // With kEventTeardownComplete: each direction's (first) FIN.
    uint32_t fin_frames[2] = {};
    FinRole fin_role = FinRole::kActive;
    bool has_close_initiator = false;
    Direction close_initiator = Direction::kClientToServer;
    CloseKind close_kind = CloseKind::kNone;  // with kEventTeardownComplete
    ResetInfo reset;                          // with kEventReset
};

class ConnectionTracker {
  public:
    SegmentReport on_segment(const TcpSegment &segment);
    // Starts following a connection whose handshake went by before (TCP
    // saw it; labproto recognised the stream only later).
    void join_established();

    ConnState state() const { return state_; }
    // First sequence number after all data (and FIN) seen from `direction`.
    uint32_t data_end(Direction direction) const { return side(direction).data_end; }
    // Whether `direction` can send no more: its FIN was seen or a RST was.
    bool finished(Direction direction) const { return reset_ || side(direction).fin_sent; }

  private:
    struct Side {
        bool seen = false;  // any segment from this side yet
        bool syn_sent = false;
        bool syn_acked = false;
        uint32_t syn_seq = 0;
        bool fin_sent = false;
        bool fin_acked = false;
        uint32_t fin_seq = 0;  // sequence number the FIN occupies
        uint32_t fin_frame = 0;
        bool has_data_end = false;
        uint32_t data_end = 0;
        bool acked_anything = false;  // peer's highest ack below is valid
        uint32_t acked_by_peer = 0;   // highest ack the peer sent for our data
        bool fin_acked_with_own_fin = false;
    };

    Side &side(Direction d) { return sides_[static_cast<int>(d)]; }
    const Side &side(Direction d) const { return sides_[static_cast<int>(d)]; }

    void track_data(Side &self, const TcpSegment &segment);
    void on_ack(Side &self, Side &peer, const TcpSegment &segment, SegmentReport &report);
    void on_syn(Side &self, Side &peer, const TcpSegment &segment, SegmentReport &report);
    void on_fin(Side &self, Side &peer, const TcpSegment &segment, SegmentReport &report);
    void on_rst(const TcpSegment &segment, SegmentReport &report);
    void report_missing_handshake(SegmentReport &report);
    void update_state();

    Side sides_[2];
    ConnState state_ = ConnState::kNew;
    bool any_segment_ = false;
    bool handshake_done_ = false;
    bool handshake_missing_ = false;
    bool synack_seen_ = false;
    bool teardown_done_ = false;
    bool reset_ = false;
    int64_t last_syn_time_ns_ = 0;  // RTT counts from the SYN actually answered
    uint32_t last_syn_frame_ = 0;
    uint32_t synack_frame_ = 0;
    bool has_close_initiator_ = false;
    Direction close_initiator_ = Direction::kClientToServer;
    bool simultaneous_close_ = false;
};

}  // namespace labproto
