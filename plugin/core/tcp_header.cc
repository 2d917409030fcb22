#include "tcp_header.h"

#include <cstring>

namespace labproto {
namespace {

constexpr uint8_t kProtoTcp = 6;
// Far enough for link layers, VLAN tags and tunnels in front of the IP header.
constexpr size_t kSearchLimit = 512;

uint16_t be16(const uint8_t *p) { return static_cast<uint16_t>(p[0] << 8 | p[1]); }
uint32_t be32(const uint8_t *p) {
    return uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | p[3];
}

// Bounds of the frame's bytes, and reads that never leave them.
struct Bytes {
    const uint8_t *data;
    size_t size;
    bool has(size_t offset, size_t length) const {
        return offset <= size && length <= size - offset;
    }
};

// An IP header at `ip`: where its payload starts and how long it is.
struct IpPayload {
    size_t offset = 0;
    size_t length = 0;  // 0: not given (TSO captures, jumbograms)
};

bool ipv4_payload(const Bytes &b, size_t ip, const TcpEndpoints &e, IpPayload &out) {
    if (!b.has(ip, 20) || b.data[ip] >> 4 != 4) return false;
    const size_t header_len = static_cast<size_t>(b.data[ip] & 0x0F) * 4;
    if (header_len < 20 || !b.has(ip, header_len)) return false;
    if (b.data[ip + 9] != kProtoTcp || std::memcmp(b.data + ip + 16, e.dst, 4) != 0) return false;
    if ((be16(b.data + ip + 6) & 0x3FFF) != 0) return false;  // a fragment
    const size_t total = be16(b.data + ip + 2);
    if (total != 0 && total < header_len) return false;
    out.offset = ip + header_len;
    out.length = total ? total - header_len : 0;
    return true;
}

bool ipv6_payload(const Bytes &b, size_t ip, const TcpEndpoints &e, IpPayload &out) {
    if (!b.has(ip, 40) || b.data[ip] >> 4 != 6) return false;
    if (std::memcmp(b.data + ip + 24, e.dst, 16) != 0) return false;
    uint8_t next = b.data[ip + 6];
    size_t offset = ip + 40;
    // Extension headers that may stand between IPv6 and TCP.
    for (int i = 0; i < 8 && next != kProtoTcp; ++i) {
        if (!b.has(offset, 8)) return false;
        if (next == 0 || next == 43 || next == 60) {  // hop-by-hop, routing, destination
            const size_t length = (size_t{b.data[offset + 1]} + 1) * 8;
            next = b.data[offset];
            offset += length;
        } else if (next == 44) {  // fragment: only a whole packet will do
            if ((be16(b.data + offset + 2) & 0xFFF9) != 0) return false;
            next = b.data[offset];
            offset += 8;
        } else {
            return false;
        }
    }
    if (next != kProtoTcp) return false;
    const size_t payload = be16(b.data + ip + 4);
    const size_t extensions = offset - (ip + 40);
    if (payload != 0 && payload < extensions) return false;
    out.offset = offset;
    out.length = payload ? payload - extensions : 0;
    return true;
}

bool tcp_at(const Bytes &b, const IpPayload &ip, size_t reported, const TcpEndpoints &e,
            TcpHeader &out) {
    const size_t tcp = ip.offset;
    if (!b.has(tcp, 20)) return false;
    if (be16(b.data + tcp) != e.src_port || be16(b.data + tcp + 2) != e.dst_port) return false;
    const size_t header_len = static_cast<size_t>(b.data[tcp + 12] >> 4) * 4;
    if (header_len < 20) return false;
    const size_t segment = ip.length ? ip.length : (reported > tcp ? reported - tcp : 0);
    if (segment < header_len) return false;
    out.seq = be32(b.data + tcp + 4);
    out.ack = be32(b.data + tcp + 8);
    out.flags = be16(b.data + tcp + 12) & 0x0FFF;
    out.payload = static_cast<uint32_t>(segment - header_len);
    return true;
}

}  // namespace

bool read_tcp_header(const uint8_t *frame, size_t captured, size_t reported,
                     const TcpEndpoints &endpoints, TcpHeader &header) {
    const size_t len = endpoints.address_len;
    if (!frame || !endpoints.src || !endpoints.dst || (len != 4 && len != 16)) return false;
    const Bytes bytes{frame, captured};
    const size_t limit = captured < kSearchLimit ? captured : kSearchLimit;
    // The source address sits 12 (IPv4) or 8 (IPv6) bytes into its header.
    const size_t into = len == 4 ? 12 : 8;
    for (size_t at = into; at + len <= limit; ++at) {
        if (std::memcmp(frame + at, endpoints.src, len) != 0) continue;
        IpPayload ip;
        const bool found = len == 4 ? ipv4_payload(bytes, at - into, endpoints, ip)
                                    : ipv6_payload(bytes, at - into, endpoints, ip);
        if (found && tcp_at(bytes, ip, reported, endpoints, header)) return true;
    }
    return false;
}

}  // namespace labproto
