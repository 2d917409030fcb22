#include "tcp_header.h"

#include <gtest/gtest.h>

#include <string>

namespace labproto {
namespace {

const std::string kSrc4("\x0a\x4d\x00\x01", 4);  // 10.77.0.1
const std::string kDst4("\x0a\x4d\x00\x02", 4);

std::string u16(uint16_t n) { return std::string{static_cast<char>(n >> 8), static_cast<char>(n)}; }
std::string u32(uint32_t n) {
    return u16(static_cast<uint16_t>(n >> 16)) + u16(static_cast<uint16_t>(n));
}

std::string tcp(uint32_t seq, uint32_t ack, uint16_t flags, size_t options = 0) {
    const uint16_t offset_flags = static_cast<uint16_t>(((20 + options) / 4) << 12 | flags);
    return u16(53082) + u16(9000) + u32(seq) + u32(ack) + u16(offset_flags) + u16(64512) + u16(0) +
           u16(0) + std::string(options, '\x01');
}

std::string ipv4(const std::string &payload, size_t options = 0, uint16_t fragment = 0x4000) {
    const size_t header = 20 + options;
    return std::string(1, static_cast<char>(0x40 | header / 4)) + std::string(1, '\0') +
           u16(static_cast<uint16_t>(header + payload.size())) + u16(1) + u16(fragment) +
           "\x40\x06" + u16(0) + kSrc4 + kDst4 + std::string(options, '\x01') + payload;
}

TcpEndpoints endpoints4() {
    TcpEndpoints e;
    e.src = reinterpret_cast<const uint8_t *>(kSrc4.data());
    e.dst = reinterpret_cast<const uint8_t *>(kDst4.data());
    e.address_len = 4;
    e.src_port = 53082;
    e.dst_port = 9000;
    return e;
}

bool read(const std::string &frame, TcpHeader &header, size_t reported = 0,
          const TcpEndpoints &e = endpoints4()) {
    return read_tcp_header(reinterpret_cast<const uint8_t *>(frame.data()), frame.size(),
                           reported ? reported : frame.size(), e, header);
}

const std::string kEthernet = std::string(12, '\x02') + std::string("\x08\x00", 2);

TEST(TcpHeader, ReadsASegmentBehindEthernetAndIpv4) {
    TcpHeader header;
    ASSERT_TRUE(read(kEthernet + ipv4(tcp(1000, 2000, kTcpSyn | kTcpAck, 12) + "hello"), header));
    EXPECT_EQ(header.seq, 1000u);
    EXPECT_EQ(header.ack, 2000u);
    EXPECT_EQ(header.flags, kTcpSyn | kTcpAck);
    EXPECT_EQ(header.payload, 5u);
}

TEST(TcpHeader, EthernetPaddingIsNoPayload) {
    TcpHeader header;
    ASSERT_TRUE(read(kEthernet + ipv4(tcp(1, 1, kTcpAck)) + std::string(6, '\0'), header));
    EXPECT_EQ(header.payload, 0u);
}

TEST(TcpHeader, IpOptionsAndACutCapture) {
    TcpHeader header;
    const std::string frame =
        kEthernet + ipv4(tcp(7, 8, kTcpAck | kTcpFin) + std::string(1000, 'x'), 8);
    ASSERT_TRUE(read(frame.substr(0, 100), header, frame.size()));  // snaplen 100
    EXPECT_EQ(header.flags, kTcpAck | kTcpFin);
    EXPECT_EQ(header.payload, 1000u);
}

TEST(TcpHeader, ReadsIpv6WithExtensionHeaders) {
    const std::string src(16, '\x11'), dst(16, '\x22');
    const std::string segment = tcp(5, 6, kTcpRst);
    const std::string hop_by_hop = std::string("\x06\x00", 2) + std::string(6, '\0');
    const std::string ipv6 = std::string("\x60\x00\x00\x00", 4) +
                             u16(static_cast<uint16_t>(hop_by_hop.size() + segment.size())) +
                             std::string("\x00\x40", 2) + src + dst + hop_by_hop + segment;
    TcpEndpoints e = endpoints4();
    e.src = reinterpret_cast<const uint8_t *>(src.data());
    e.dst = reinterpret_cast<const uint8_t *>(dst.data());
    e.address_len = 16;
    TcpHeader header;
    ASSERT_TRUE(read(std::string(16, '\0') + ipv6, header, 0, e));  // Linux cooked (SLL)
    EXPECT_EQ(header.flags, kTcpRst);
    EXPECT_EQ(header.seq, 5u);
}

TEST(TcpHeader, RefusesWhatItCannotBeSureOf) {
    TcpHeader header;
    EXPECT_FALSE(read(kEthernet + ipv4(tcp(1, 1, kTcpAck), 0, 0x2000), header));  // a fragment
    TcpEndpoints other = endpoints4();
    other.dst_port = 9001;
    EXPECT_FALSE(read(kEthernet + ipv4(tcp(1, 1, kTcpAck)), header, 0, other));
    EXPECT_FALSE(read((kEthernet + ipv4(tcp(1, 1, kTcpAck))).substr(0, 40), header));
    EXPECT_FALSE(read("", header));
}

}  // namespace
}  // namespace labproto
