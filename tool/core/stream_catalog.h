// What a capture holds besides the expectations: every TCP stream (its
// endpoints, whether labproto decodes it and whether it carries the lab's
// data) and the frames that are not TCP. It decides which connections a
// spec's top-level expectations grade, and lets the report name them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "field_plan.h"
#include "frame.h"

namespace labcheck {

// One TCP stream as the report describes it.
struct StreamInfo {
    uint64_t stream = 0;
    uint64_t first_frame = 0, frames = 0;
    std::string client, server;     // "127.0.0.1:40628", the client being who sent the SYN
    bool labproto = false;          // labproto decodes it (port, Decode As, heuristic)
    bool lab_data = false;          // labproto decoded something from its payload
    uint64_t messages[2] = {0, 0};  // by Direction
    uint64_t payload_bytes = 0;
    bool syn = false, synack = false, reset = false;
    uint64_t foreign_frame = 0;  // where labproto judged it another protocol's (0: never)

    // "127.0.0.1:40628 → 127.0.0.1:9000"
    std::string endpoints() const;
    // "4 client messages, 0 server messages", "refused (a RST answered the SYN)", ...
    std::string summary() const;
};

// What the report says about the capture's contents.
struct CaptureContents {
    std::vector<StreamInfo> streams;        // every TCP stream, in stream order
    std::set<uint64_t> graded;              // the streams the top level judged
    uint64_t other_frames = 0;              // frames of no TCP stream
    std::set<std::string> other_protocols;  // their highest protocol ("dns", "udp")
    uint64_t short_frames = 0;              // captured shorter than they were (snaplen)
    uint64_t snaplen = 0;                   // the longest of those as captured

    // One line per connection graded and per thing left out, for reports.
    std::vector<std::string> lines() const;
    // Whether there is anything besides the graded connection(s) to mention.
    bool has_others() const;
};

class StreamCatalog {
  public:
    explicit StreamCatalog(FieldPlan &plan);

    // Call for every frame, before asking about it.
    void observe(const Frame &frame);

    bool is_labproto(uint64_t stream) const;
    // Whether this frame carries lab data (a message, a header, bytes
    // labproto could not frame).
    bool carries_lab_data(const Frame &frame) const;

    CaptureContents contents(const std::set<uint64_t> &graded) const;

  private:
    StreamInfo &info_for(const Frame &frame);

    size_t src_port_, dst_port_, ip_src_, ip_dst_, ip6_src_, ip6_dst_, flags_, tcp_len_;
    size_t direction_, event_, protocols_, foreign_, frame_len_, cap_len_;
    // The plugin's protocols, one per lab: a stream with any of them is a lab's.
    std::vector<size_t> lab_protocols_;
    // labproto.len, header.len, unframed, continuation; the lottery's commands
    // and replies; the file transfer's path and records
    std::vector<size_t> data_fields_;
    std::map<uint64_t, StreamInfo> streams_;
    uint64_t other_frames_ = 0;
    std::set<std::string> other_protocols_;
    uint64_t short_frames_ = 0, snaplen_ = 0;
};

}  // namespace labcheck
