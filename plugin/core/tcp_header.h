// The few TCP header fields the connection analysis needs, read from the
// frame's bytes.
//
// Wireshark's TCP dissector keeps a segment's header only in the protocol
// tree, and a postdissector that asks for tree fields (wanted hfids) makes
// Wireshark build a tree for every frame of every capture: installed
// system-wide, labproto would slow down captures with no lab traffic at all.
// So for streams that are labproto's, the header is read from the frame:
// the IP header is found by the addresses TCP's packet carried, validated
// field by field, and the TCP header after it must carry the ports TCP
// decoded. Anything else (IP fragments, unknown extension headers) is not
// guessed at: the segment is reported unreadable.
#pragma once

#include <cstddef>
#include <cstdint>

namespace labproto {

// TCP flag bits.
constexpr uint16_t kTcpFin = 0x001;
constexpr uint16_t kTcpSyn = 0x002;
constexpr uint16_t kTcpRst = 0x004;
constexpr uint16_t kTcpAck = 0x010;

struct TcpHeader {
    uint32_t seq = 0;  // raw (absolute) sequence number
    uint32_t ack = 0;  // raw acknowledgement number
    uint16_t flags = 0;
    uint32_t payload = 0;  // bytes of data the segment carried
};

// Where the packet came from and went to, as TCP decoded it.
struct TcpEndpoints {
    const uint8_t *src = nullptr;  // IP addresses, `address_len` bytes each
    const uint8_t *dst = nullptr;
    size_t address_len = 0;  // 4 (IPv4) or 16 (IPv6)
    uint16_t src_port = 0;
    uint16_t dst_port = 0;
};

// Finds the TCP header of `endpoints` in the first `captured` bytes of a
// frame whose reported length is `reported`.
bool read_tcp_header(const uint8_t *frame, size_t captured, size_t reported,
                     const TcpEndpoints &endpoints, TcpHeader &header);

}  // namespace labproto
