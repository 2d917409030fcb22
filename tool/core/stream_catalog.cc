#include "stream_catalog.h"

#include <fmt/format.h>
#include <fmt/ranges.h>  // fmt::join (in format.h before fmt 11)

#include <algorithm>
#include <cstdlib>

namespace labcheck {

namespace {

constexpr unsigned kSyn = 0x02, kRst = 0x04, kAck = 0x10;  // tcp.flags bits

std::string endpoint(const std::string *address, const std::string *port) {
    const std::string a = address ? *address : "?", p = port ? *port : "?";
    return a.find(':') != std::string::npos ? "[" + a + "]:" + p : a + ":" + p;  // IPv6
}

// The last protocol of "eth:ethertype:ip:udp:dns" that is not tshark's own.
std::string highest_protocol(const std::string &protocols) {
    std::string best;
    size_t start = 0;
    while (start <= protocols.size()) {
        size_t end = protocols.find(':', start);
        if (end == std::string::npos) end = protocols.size();
        const std::string p = protocols.substr(start, end - start);
        if (!p.empty() && p.rfind("_ws", 0) != 0) best = p;
        start = end + 1;
    }
    return best.empty() ? "?" : best;
}

std::string count_of(uint64_t n, const char *what) {
    return fmt::format("{} {}{}", n, what, n == 1 ? "" : "s");
}

}  // namespace

std::string StreamInfo::endpoints() const { return client + " \u2192 " + server; }

std::string StreamInfo::summary() const {
    if (lab_data)
        return fmt::format("{}, {}", count_of(messages[0], "client message"),
                           count_of(messages[1], "server message"));
    if (foreign_frame)
        return fmt::format(
            "not labproto from frame {} on: its first data is not a lab message, "
            "or its server port is not labproto's; labproto.stream.foreign",
            foreign_frame);
    if (labproto && syn && !synack && reset) return "refused (a RST answered the SYN)";
    if (labproto) return "no lab messages";
    return fmt::format("not decoded as labproto, {}, {}", count_of(frames, "frame"),
                       count_of(payload_bytes, "payload byte"));
}

std::vector<std::string> CaptureContents::lines() const {
    std::vector<std::string> out;
    for (const StreamInfo &s : streams)
        if (graded.count(s.stream))
            out.push_back(
                fmt::format("graded: stream {}, {} ({})", s.stream, s.endpoints(), s.summary()));
    if (graded.empty()) out.push_back("graded: no labproto connection in the capture");
    bool labproto_seen = false;
    for (const StreamInfo &s : streams) labproto_seen = labproto_seen || s.labproto;
    for (const StreamInfo &s : streams) {
        if (graded.count(s.stream)) continue;
        std::string line =
            fmt::format("not graded: stream {}, {} ({})", s.stream, s.endpoints(), s.summary());
        // A lab run on another port: say how to decode it.
        if (!labproto_seen && s.payload_bytes > 0) {
            const auto colon = s.server.rfind(':');
            line += fmt::format(
                "; to decode it as labproto: tshark: {{decode_as: [\"tcp.port=={},"
                "labproto\"]}}",
                s.server.substr(colon + 1));
        }
        out.push_back(line);
    }
    // A snaplen that cut the payloads explains messages that are missing.
    if (short_frames > 0)
        out.push_back(fmt::format(
            "{} captured shorter than sent (snaplen {}): what {} carried "
            "past that is not in the capture",
            count_of(short_frames, "frame"), snaplen, short_frames == 1 ? "it" : "they"));
    if (other_frames > 0)
        out.push_back(fmt::format("not graded: {} that {} not TCP ({})",
                                  count_of(other_frames, "frame"), other_frames == 1 ? "is" : "are",
                                  fmt::join(other_protocols, ", ")));
    return out;
}

bool CaptureContents::has_others() const {
    for (const StreamInfo &s : streams)
        if (graded.count(s.stream) && s.foreign_frame) return true;  // why nothing was decoded
    return short_frames > 0 || other_frames > 0 || streams.size() > graded.size() || graded.empty();
}

StreamCatalog::StreamCatalog(FieldPlan &plan)
    : src_port_(plan.field("tcp.srcport")),
      dst_port_(plan.field("tcp.dstport")),
      ip_src_(plan.field("ip.src")),
      ip_dst_(plan.field("ip.dst")),
      ip6_src_(plan.field("ipv6.src")),
      ip6_dst_(plan.field("ipv6.dst")),
      flags_(plan.field("tcp.flags")),
      tcp_len_(plan.field("tcp.len")),
      direction_(plan.field("labproto.direction")),
      event_(plan.field("labproto.conn.event")),
      protocols_(plan.field("frame.protocols")),
      foreign_(plan.field("labproto.stream.foreign")),
      frame_len_(plan.field("frame.len")),
      cap_len_(plan.field("frame.cap_len")),
      lab_protocols_{plan.field("labproto"), plan.field("labproto_lottery"),
                     plan.field("labproto_ft")},
      data_fields_{plan.field("labproto.len"),
                   plan.field("labproto.header.len"),
                   plan.field("labproto.unframed"),
                   plan.field("labproto.continuation"),
                   plan.field("labproto_lottery.command"),
                   plan.field("labproto_lottery.reply"),
                   plan.field("labproto_ft.path"),
                   plan.field("labproto_ft.record")} {
    plan.field("tcp.stream");
}

StreamInfo &StreamCatalog::info_for(const Frame &frame) {
    auto [it, added] = streams_.try_emplace(*frame.stream);
    StreamInfo &s = it->second;
    if (!added) return s;
    s.stream = *frame.stream;
    s.first_frame = frame.number;
    const std::string *src = frame.first(ip_src_) ? frame.first(ip_src_) : frame.first(ip6_src_);
    const std::string *dst = frame.first(ip_dst_) ? frame.first(ip_dst_) : frame.first(ip6_dst_);
    s.client = endpoint(src, frame.first(src_port_));
    s.server = endpoint(dst, frame.first(dst_port_));
    // The first frame is the client's unless it is the server's SYN,ACK or
    // the plugin says it travels server to client.
    const std::string *flags = frame.first(flags_);
    const unsigned f = flags ? static_cast<unsigned>(std::strtoul(flags->c_str(), nullptr, 16)) : 0;
    const std::string *direction = frame.first(direction_);
    if (((f & kSyn) && (f & kAck)) || (direction && *direction == "1"))
        std::swap(s.client, s.server);
    return s;
}

void StreamCatalog::observe(const Frame &frame) {
    const std::string *len = frame.first(frame_len_), *cap_len = frame.first(cap_len_);
    if (len && cap_len) {
        const uint64_t sent = std::strtoull(len->c_str(), nullptr, 10),
                       kept = std::strtoull(cap_len->c_str(), nullptr, 10);
        if (kept < sent) {
            ++short_frames_;
            snaplen_ = std::max(snaplen_, kept);
        }
    }
    if (!frame.stream) {
        ++other_frames_;
        if (const std::string *p = frame.first(protocols_))
            other_protocols_.insert(highest_protocol(*p));
        return;
    }
    StreamInfo &s = info_for(frame);
    ++s.frames;
    for (size_t protocol : lab_protocols_)
        if (!frame.get(protocol).empty()) s.labproto = true;
    if (carries_lab_data(frame)) s.lab_data = true;
    if (!s.foreign_frame && !frame.get(foreign_).empty()) s.foreign_frame = frame.number;
    for (const ObservedMessage &m : frame.messages) ++s.messages[static_cast<int>(m.direction)];
    if (const std::string *len = frame.first(tcp_len_))
        s.payload_bytes += std::strtoull(len->c_str(), nullptr, 10);
    if (const std::string *flags = frame.first(flags_)) {
        const unsigned f = static_cast<unsigned>(std::strtoul(flags->c_str(), nullptr, 16));
        s.syn = s.syn || ((f & kSyn) && !(f & kAck));
        s.synack = s.synack || ((f & kSyn) && (f & kAck));
        s.reset = s.reset || (f & kRst);
    }
    for (const std::string &e : frame.get(event_)) {  // the plugin's view, when it has one
        s.syn = s.syn || e == "syn";
        s.synack = s.synack || e == "synack";
        s.reset = s.reset || e == "reset";
    }
}

bool StreamCatalog::is_labproto(uint64_t stream) const {
    const auto it = streams_.find(stream);
    return it != streams_.end() && it->second.labproto;
}

bool StreamCatalog::carries_lab_data(const Frame &frame) const {
    for (size_t field : data_fields_)
        if (!frame.get(field).empty()) return true;
    return false;
}

CaptureContents StreamCatalog::contents(const std::set<uint64_t> &graded) const {
    CaptureContents c;
    for (const auto &[stream, info] : streams_) c.streams.push_back(info);
    c.graded = graded;
    c.other_frames = other_frames_;
    c.other_protocols = other_protocols_;
    c.short_frames = short_frames_;
    c.snaplen = snaplen_;
    return c;
}

}  // namespace labcheck
