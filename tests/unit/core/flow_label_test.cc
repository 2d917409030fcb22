#include "flow_label.h"

#include <gtest/gtest.h>

#include "tcp_header.h"

namespace labproto {
namespace {

constexpr uint16_t kPsh = 0x008;

FlowSegment segment(uint16_t flags, uint32_t seq, uint32_t ack, uint32_t length) {
    FlowSegment s;
    s.flags = flags;
    s.seq = seq;
    s.ack = ack;
    s.length = length;
    return s;
}

TEST(TcpFlagsText, NamesFlagsInTcpsOrder) {
    EXPECT_EQ(tcp_flags_text(kTcpSyn), "SYN");
    EXPECT_EQ(tcp_flags_text(kTcpSyn | kTcpAck), "SYN, ACK");
    EXPECT_EQ(tcp_flags_text(kTcpFin | kTcpAck), "FIN, ACK");
    EXPECT_EQ(tcp_flags_text(kTcpRst | kTcpAck | kPsh), "RST, PSH, ACK");
    EXPECT_EQ(tcp_flags_text(0x1c0), "ECE, CWR, AE");
    EXPECT_EQ(tcp_flags_text(0), "<None>");
}

TEST(FlowLabel, MessagesNameTheSegment) {
    EXPECT_EQ(flow_label("#1 len=10 \"안녕하세요\"", "", segment(kTcpAck | kPsh, 5, 1, 10)),
              "#1 len=10 \"안녕하세요\"");
}

TEST(FlowLabel, WithoutMessagesTheFlagsAndLength) {
    EXPECT_EQ(flow_label("", "", segment(kTcpAck, 1, 5, 0)), "ACK");
    EXPECT_EQ(flow_label("", "", segment(kTcpAck | kPsh, 1, 5, 7)), "PSH, ACK Len=7");
}

TEST(FlowLabel, EventsFollow) {
    EXPECT_EQ(flow_label("", "[Handshake 1/3]", segment(kTcpSyn, 0, 0, 0)), "SYN [Handshake 1/3]");
    EXPECT_EQ(
        flow_label("#4 len=13 \"저도 그렇네요\"", "[FIN]", segment(kTcpFin | kTcpAck, 70, 1, 17)),
        "#4 len=13 \"저도 그렇네요\" [FIN]");
}

TEST(FlowComment, FlagsSequenceAckAndLength) {
    EXPECT_EQ(flow_comment(segment(kTcpAck | kPsh, 1, 1, 4)), "PSH, ACK Seq=1 Ack=1 Len=4");
    EXPECT_EQ(flow_comment(segment(kTcpSyn, 0, 0, 0)), "SYN Seq=0 Ack=0 Len=0");
}

}  // namespace
}  // namespace labproto
