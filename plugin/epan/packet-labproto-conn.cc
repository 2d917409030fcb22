/* packet-labproto-conn.cc
 * Connection lifecycle analysis for labproto streams
 *
 * Students open each lab capture and work out by hand which frame is SYN,
 * SYN-ACK and the final ACK, who closed first, whether the close took four
 * segments or three, and whether a RST aborted it. A postdissector feeds
 * every TCP segment (including the payload-less ones that never reach
 * labproto's port subdissector) to the core's ConnectionTracker on the first
 * pass, remembers what each segment did, and shows it on every pass as a
 * Connection subtree and expert info.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "packet-labproto-conn.h"

#include <epan/expert.h>
#include <epan/prefs.h>
/* prefs-int.h needs prefs.h first: */
#include <epan/prefs-int.h>
#include <epan/proto_data.h>
#include <epan/dissectors/packet-tcp.h>

#include "connection_tracker.h"
#include "packet-labproto-capture.h"
#include "packet-labproto-flow.h"
#include "packet-labproto.h"
#include "tcp_header.h"

using labproto::CloseKind;
using labproto::ConnectionTracker;
using labproto::CutMessage;
using labproto::Direction;
using labproto::FinRole;
using labproto::SegmentReport;
using labproto::TcpSegment;

static int hf_labproto_conn = -1;
static int hf_labproto_conn_event = -1;
static int hf_labproto_conn_state = -1;
static int hf_labproto_conn_handshake_rtt = -1;
static int hf_labproto_conn_close_initiator = -1;
static int hf_labproto_conn_syn_frame = -1;
static int hf_labproto_conn_synack_frame = -1;
static int hf_labproto_conn_client_fin_frame = -1;
static int hf_labproto_conn_server_fin_frame = -1;

static gint ett_labproto_conn = -1;

static expert_field ei_labproto_handshake_syn = EI_INIT;
static expert_field ei_labproto_handshake_synack = EI_INIT;
static expert_field ei_labproto_handshake_complete = EI_INIT;
static expert_field ei_labproto_handshake_missing = EI_INIT;
static expert_field ei_labproto_teardown_fin = EI_INIT;
static expert_field ei_labproto_teardown_complete = EI_INIT;
static expert_field ei_labproto_teardown_reset = EI_INIT;

static dissector_handle_t labproto_conn_handle;
/* labproto itself, whose Enabled Protocols switch the postdissector obeys
 * (its handle has no protocol: see proto_register_labproto_conn). */
static protocol_t *labproto_protocol;

/* Whether TCP shows relative sequence numbers (it needs its sequence
 * analysis for that), read when a file is opened. The connection analysis
 * works in the numbers TCP hands the message dissector. */
static bool labproto_tcp_relative;

/* What one segment did, fixed on the first pass. */
struct labproto_conn_record_t {
    SegmentReport report;
    bool cut[2]; /* a message of that direction was cut short here */
    CutMessage cuts[2];
};

static const char *
labproto_side_name(Direction direction)
{
    return direction == Direction::kClientToServer ? "client\u2192server" : "server\u2192client";
}

static bool
labproto_pref_bool(module_t *module, const char *name)
{
    pref_t *pref = module ? prefs_find_preference(module, name) : NULL;
    return pref && prefs_get_bool_value(pref, pref_current);
}

/* The segment as the connection analysis needs it, from the frame's bytes
 * (see tcp_header.h for why not from the tree). */
static bool
labproto_read_segment(tvbuff_t *tvb, packet_info *pinfo, conversation_t *conversation,
                      const labproto_stream_t *stream, labproto::TcpHeader *header,
                      TcpSegment *segment)
{
    if (pinfo->src.type != pinfo->dst.type ||
        (pinfo->src.type != AT_IPv4 && pinfo->src.type != AT_IPv6))
        return false;
    labproto::TcpEndpoints endpoints;
    endpoints.src = static_cast<const guint8 *>(pinfo->src.data);
    endpoints.dst = static_cast<const guint8 *>(pinfo->dst.data);
    endpoints.address_len = static_cast<size_t>(pinfo->src.len);
    endpoints.src_port = static_cast<guint16>(pinfo->srcport);
    endpoints.dst_port = static_cast<guint16>(pinfo->destport);
    const guint captured = tvb_captured_length(tvb);
    if (!labproto::read_tcp_header(tvb_get_ptr(tvb, 0, captured), captured,
                                   tvb_reported_length(tvb), endpoints, *header))
        return false;
    if (!segment)
        return true;
    struct tcp_analysis *tcpd = get_tcp_conversation_data(conversation, pinfo);
    const bool relative = labproto_tcp_relative && tcpd;
    segment->direction = labproto_stream_direction(stream, pinfo);
    segment->syn = header->flags & labproto::kTcpSyn;
    segment->fin = header->flags & labproto::kTcpFin;
    segment->rst = header->flags & labproto::kTcpRst;
    segment->ack = header->flags & labproto::kTcpAck;
    segment->seq = header->seq - (relative ? tcpd->fwd->base_seq : 0);
    segment->ack_no = segment->ack ? header->ack - (relative ? tcpd->rev->base_seq : 0) : 0;
    segment->length = header->payload;
    segment->time_ns = static_cast<gint64>(pinfo->abs_ts.secs) * 1000000000 + pinfo->abs_ts.nsecs;
    segment->frame = pinfo->num;
    return true;
}

/* Messages a FIN (of its sender) or a RST (of either side) cut short. */
static void
labproto_find_cut_messages(const labproto_stream_t *stream, const TcpSegment &segment,
                           labproto_conn_record_t *record)
{
    for (int d = 0; d < 2; ++d) {
        Direction direction = static_cast<Direction>(d);
        bool closes = segment.rst || (segment.fin && segment.direction == direction);
        record->cut[d] = closes && stream->messages[d].message_cut_at(
                                       stream->conn.data_end(direction), record->cuts[d]);
    }
}

/* The stream of a SYN to a labproto port: labproto's from its first
 * segment, so that the handshake is annotated (its first data may still
 * show that it is another protocol's). */
static labproto_stream_t *
labproto_stream_at_syn(tvbuff_t *tvb, packet_info *pinfo, conversation_t *conversation)
{
    if (!labproto_serves_port(pinfo->destport))
        return NULL;
    labproto::TcpHeader header;
    if (!labproto_read_segment(tvb, pinfo, conversation, NULL, &header, NULL))
        return NULL;
    if ((header.flags & (labproto::kTcpSyn | labproto::kTcpAck)) != labproto::kTcpSyn)
        return NULL;
    return labproto_claim_stream(conversation, pinfo, pinfo->destport);
}

/* What the segment did to the connection: worked out on the first pass,
 * remembered for the later ones (NULL: nothing). */
static const labproto_conn_record_t *
labproto_conn_record(tvbuff_t *tvb, packet_info *pinfo, conversation_t *conversation,
                     labproto_stream_t *stream)
{
    if (PINFO_FD_VISITED(pinfo))
        return static_cast<const labproto_conn_record_t *>(
            p_get_proto_data(wmem_file_scope(), pinfo, proto_labproto, LABPROTO_FILE_KEY_CONN));

    labproto::TcpHeader header;
    TcpSegment segment;
    if (!labproto_read_segment(tvb, pinfo, conversation, stream, &header, &segment))
        return NULL;
    labproto_conn_record_t record;
    record.report = stream->conn.on_segment(segment);
    /* The direction's data starts after its SYN. */
    if (segment.syn)
        stream->messages[static_cast<int>(segment.direction)].expect_data_at(segment.seq + 1);
    labproto_find_cut_messages(stream, segment, &record);
    if (record.report.events == labproto::kEventNone && !record.cut[0] && !record.cut[1])
        return NULL;

    auto *stored = wmem_new(wmem_file_scope(), labproto_conn_record_t);
    *stored = record;
    p_add_proto_data(wmem_file_scope(), pinfo, proto_labproto, LABPROTO_FILE_KEY_CONN, stored);
    return stored;
}

/* Reports a message cut short to the statistics. */
static void
labproto_tap_cut(packet_info *pinfo, const labproto_stream_t *stream, Direction direction,
                 const CutMessage &cut, labproto_cut_t cause)
{
    labproto_tap_message_t message = labproto_tap_record(pinfo, LABPROTO_TAP_MESSAGE, direction);
    message.length = cut.length;
    message.header_len = stream->messages[static_cast<int>(direction)].format().header_len();
    message.cut = cause;
    labproto_tap_message(pinfo, &message);
}

/* Reports the steps of the connection that the segment completed to the
 * statistics: the handshake (its RTT), the close (its kind and who closed
 * first), a reset (by whom). */
static void
labproto_tap_steps(packet_info *pinfo, const SegmentReport &r)
{
    const guint16 steps = labproto::kEventHandshakeComplete | labproto::kEventTeardownComplete |
                          labproto::kEventReset;
    if (!(r.events & steps))
        return;
    labproto_tap_message_t step = labproto_tap_record(pinfo, LABPROTO_TAP_STEP, r.sender);
    if (r.events & labproto::kEventHandshakeComplete)
        step.handshake_rtt_us = r.handshake_rtt_ns / 1000;
    if (r.events & labproto::kEventTeardownComplete)
        step.closed = wmem_strdup_printf(
            pinfo->pool, "Closed: %s, %s closed first", labproto::close_kind_name(r.close_kind),
            r.close_initiator == Direction::kClientToServer ? "client" : "server");
    else if (r.events & labproto::kEventReset)
        step.closed = r.reset.refused                          ? "Refused: reset by server"
                      : r.sender == Direction::kClientToServer ? "Reset by client"
                                                               : "Reset by server";
    labproto_tap_message(pinfo, &step);
}

/* A link to the frame of an earlier step (0: that step was not seen). */
static void
labproto_add_step_link(proto_tree *tree, int hf, tvbuff_t *tvb, guint32 frame)
{
    if (!frame)
        return;
    proto_item *ti = proto_tree_add_uint(tree, hf, tvb, 0, 0, frame);
    proto_item_set_generated(ti);
}

static proto_item *
labproto_add_event(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo, const char *event,
                   const char *label)
{
    proto_item *ti = proto_tree_add_string(tree, hf_labproto_conn_event, tvb, 0, 0, event);
    proto_item_set_generated(ti);
    col_append_sep_fstr(pinfo->cinfo, COL_INFO, " ", "[%s]", label);
    labproto_flow_event(pinfo, label);
    return ti;
}

static void
dissect_labproto_handshake(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                           const SegmentReport &r)
{
    const char *side = labproto_side_name(r.sender);
    const bool from_client = r.sender == Direction::kClientToServer;
    if (r.events & labproto::kEventHandshakeMissing) {
        proto_item *ti =
            labproto_add_event(tree, tvb, pinfo, "handshake-missing", "Handshake missing");
        expert_add_info(pinfo, ti, &ei_labproto_handshake_missing);
    }
    if (r.events & labproto::kEventSyn) {
        proto_item *ti = labproto_add_event(tree, tvb, pinfo, "syn", "Handshake 1/3");
        expert_add_info_format(pinfo, ti, &ei_labproto_handshake_syn, "Handshake %s: SYN %s%s",
                               from_client ? "1/3" : "(simultaneous open)", side,
                               from_client ? "" : " crosses the client's SYN");
    }
    if (r.events & labproto::kEventSynAck) {
        proto_item *ti = labproto_add_event(tree, tvb, pinfo, "synack", "Handshake 2/3");
        expert_add_info_format(pinfo, ti, &ei_labproto_handshake_synack,
                               "Handshake 2/3: SYN,ACK %s%s", side,
                               from_client ? " (simultaneous open)" : "");
    }
    if (r.events & labproto::kEventHandshakeComplete) {
        nstime_t rtt;
        nstime_set_zero(&rtt);
        rtt.secs = static_cast<time_t>(r.handshake_rtt_ns / 1000000000);
        rtt.nsecs = static_cast<int>(r.handshake_rtt_ns % 1000000000);
        proto_item *ti =
            labproto_add_event(tree, tvb, pinfo, "handshake-complete", "Handshake 3/3");
        expert_add_info_format(pinfo, ti, &ei_labproto_handshake_complete,
                               "Handshake 3/3: %s %s completes the handshake (RTT %.6f s)",
                               r.completed_by_syn ? "SYN,ACK" : "ACK", side, nstime_to_sec(&rtt));
        proto_item *ri = proto_tree_add_time(tree, hf_labproto_conn_handshake_rtt, tvb, 0, 0, &rtt);
        proto_item_set_generated(ri);
        labproto_add_step_link(tree, hf_labproto_conn_syn_frame, tvb, r.syn_frame);
        labproto_add_step_link(tree, hf_labproto_conn_synack_frame, tvb, r.synack_frame);
    }
}

static const char *
labproto_fin_role_name(FinRole role)
{
    switch (role) {
    case FinRole::kActive:
        return "active close";
    case FinRole::kPassive:
        return "passive close";
    case FinRole::kSimultaneous:
        return "simultaneous close";
    }
    return "?";
}

static void
dissect_labproto_teardown(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                          const SegmentReport &r)
{
    if (r.events & labproto::kEventFin) {
        proto_item *ti = labproto_add_event(tree, tvb, pinfo, "fin", "FIN");
        expert_add_info_format(pinfo, ti, &ei_labproto_teardown_fin, "Teardown: FIN %s (%s)",
                               labproto_side_name(r.sender), labproto_fin_role_name(r.fin_role));
    }
    if (r.events & labproto::kEventTeardownComplete) {
        proto_item *ti =
            labproto_add_event(tree, tvb, pinfo, "teardown-complete", "Teardown complete");
        expert_add_info_format(
            pinfo, ti, &ei_labproto_teardown_complete,
            "Teardown complete: %s close, %s closed first", labproto::close_kind_name(r.close_kind),
            r.close_initiator == Direction::kClientToServer ? "client" : "server");
        labproto_add_step_link(tree, hf_labproto_conn_client_fin_frame, tvb, r.fin_frames[0]);
        labproto_add_step_link(tree, hf_labproto_conn_server_fin_frame, tvb, r.fin_frames[1]);
    }
}

static void
dissect_labproto_reset(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const SegmentReport &r)
{
    if (!(r.events & labproto::kEventReset))
        return;
    proto_item *ti = labproto_add_event(tree, tvb, pinfo, "reset", "Reset");
    if (r.reset.refused) {
        expert_add_info_format(
            pinfo, ti, &ei_labproto_teardown_reset,
            "Reset by server: connection refused (no listener answered the SYN)");
        return;
    }
    wmem_strbuf_t *left = wmem_strbuf_new(pinfo->pool, "");
    for (int d = 0; d < 2; ++d) {
        const char *side = labproto_side_name(static_cast<Direction>(d));
        if (r.reset.unacked_bytes[d])
            wmem_strbuf_append_printf(left, "%s%u bytes of data %s",
                                      wmem_strbuf_get_len(left) ? ", " : "",
                                      r.reset.unacked_bytes[d], side);
        if (r.reset.fin_unacked[d])
            wmem_strbuf_append_printf(left, "%sFIN %s", wmem_strbuf_get_len(left) ? ", " : "",
                                      side);
    }
    expert_add_info_format(pinfo, ti, &ei_labproto_teardown_reset, "Reset by %s; %s%s",
                           r.sender == Direction::kClientToServer ? "client" : "server",
                           wmem_strbuf_get_len(left) ? "unacknowledged: " : "",
                           wmem_strbuf_get_len(left) ? wmem_strbuf_get_str(left)
                                                     : "nothing was unacknowledged");
}

/* Once the whole capture has been read (tshark -2, the GUI after loading a
 * file or when a capture stops, and its redissections after that: see
 * packet-labproto-capture.cc), a message whose header is in this frame
 * and whose direction simply stops, with no FIN or RST, was cut by the end
 * of the capture. While a capture is running, nothing is known yet. */
static void
dissect_labproto_capture_end(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                             const labproto_stream_t *stream)
{
    if (!PINFO_FD_VISITED(pinfo) || !labproto_capture_complete())
        return;
    for (int d = 0; d < 2; ++d) {
        Direction direction = static_cast<Direction>(d);
        CutMessage cut;
        if (stream->messages[d].last_header_frame() != pinfo->num ||
            stream->conn.finished(direction) ||
            !stream->messages[d].message_cut_at(stream->conn.data_end(direction), cut))
            continue;
        proto_tree *labproto_tree = labproto_add_tree(tvb, tree, 0);
        proto_item *ti = proto_tree_add_item(labproto_tree, hf_labproto_conn, tvb, 0, 0, ENC_NA);
        labproto_add_cut_message(pinfo, ti, direction, cut, "End of capture");
        labproto_tap_cut(pinfo, stream, direction, cut, LABPROTO_CUT_END);
    }
}

/* The tree of what the segment did to the connection. */
static void
dissect_labproto_record(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                        const labproto_stream_t *stream, const labproto_conn_record_t *record)
{
    const SegmentReport &r = record->report;
    proto_tree *labproto_tree = labproto_add_tree(tvb, tree, 0);
    proto_item *ci = proto_tree_add_item(labproto_tree, hf_labproto_conn, tvb, 0, 0, ENC_NA);
    proto_tree *conn_tree = proto_item_add_subtree(ci, ett_labproto_conn);

    dissect_labproto_handshake(tvb, pinfo, conn_tree, r);
    dissect_labproto_teardown(tvb, pinfo, conn_tree, r);
    dissect_labproto_reset(tvb, pinfo, conn_tree, r);
    labproto_tap_steps(pinfo, r);
    const bool reset = r.events & labproto::kEventReset;
    for (int d = 0; d < 2; ++d) {
        if (!record->cut[d])
            continue;
        labproto_add_cut_message(pinfo, ci, static_cast<Direction>(d), record->cuts[d],
                                 reset ? "RST" : "FIN");
        labproto_tap_cut(pinfo, stream, static_cast<Direction>(d), record->cuts[d],
                         reset ? LABPROTO_CUT_RST : LABPROTO_CUT_FIN);
    }

    proto_item *si = proto_tree_add_string(conn_tree, hf_labproto_conn_state, tvb, 0, 0,
                                           labproto::conn_state_name(r.state));
    proto_item_set_generated(si);
    if (r.has_close_initiator) {
        proto_item *ii = proto_tree_add_uint(conn_tree, hf_labproto_conn_close_initiator, tvb, 0, 0,
                                             static_cast<guint32>(r.close_initiator));
        proto_item_set_generated(ii);
    }
}

/* The segment's arrow in the flow graph, after everything else about the
 * frame (its messages, its lifecycle step) is known. */
static void
labproto_conn_flow(tvbuff_t *tvb, packet_info *pinfo, conversation_t *conversation,
                   const labproto_stream_t *stream)
{
    labproto::TcpHeader header;
    TcpSegment segment;
    if (!labproto_read_segment(tvb, pinfo, conversation, stream, &header, &segment))
        return;
    labproto::FlowSegment flow;
    flow.flags = header.flags;
    flow.seq = segment.seq;
    flow.ack = segment.ack_no;
    flow.length = segment.length;
    struct tcp_analysis *tcpd = get_tcp_conversation_data(conversation, pinfo);
    labproto_flow_segment(pinfo, flow, tcpd ? tcpd->stream : 0);
}

/* Postdissector: every TCP segment of a stream labproto decodes. */
static int
dissect_labproto_conn(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    labproto_capture_frame(pinfo);
    if (pinfo->ptype != PT_TCP || !proto_is_protocol_enabled(labproto_protocol))
        return 0;
    /* Most TCP segments of most captures are no lab traffic: two bit tests
     * (labproto_serves_port) turn them away. */
    if (!labproto_heuristic_enabled() && !labproto_serves_port(pinfo->srcport) &&
        !labproto_serves_port(pinfo->destport))
        return 0;
    conversation_t *conversation = find_conversation_pinfo(pinfo, 0);
    if (!conversation)
        return 0;
    labproto_stream_t *stream = labproto_stream_find(conversation);
    if (!stream && !PINFO_FD_VISITED(pinfo))
        stream = labproto_stream_at_syn(tvb, pinfo, conversation);
    if (!stream || !labproto_stream_owns(stream, pinfo->num))
        return 0;
    /* Once the first data showed that the stream is another protocol's, later
     * passes show nothing of it, not even the handshake that the first pass
     * annotated before that data came. */
    if (PINFO_FD_VISITED(pinfo) && stream->foreign_from)
        return 0;
    /* Expert info is filed under the protocol running (the handle sets none). */
    pinfo->current_proto = "labproto";
    const labproto_conn_record_t *record = labproto_conn_record(tvb, pinfo, conversation, stream);
    dissect_labproto_held_header(tvb, pinfo, tree, stream);
    dissect_labproto_capture_end(tvb, pinfo, tree, stream);
    if (record)
        dissect_labproto_record(tvb, pinfo, tree, stream, record);
    if (labproto_flow_wanted())
        labproto_conn_flow(tvb, pinfo, conversation, stream);
    return 0; /* postdissectors consume nothing */
}

static void
labproto_conn_init(void)
{
    module_t *tcp = prefs_find_module("tcp");
    labproto_tcp_relative = labproto_pref_bool(tcp, "analyze_sequence_numbers") &&
                            labproto_pref_bool(tcp, "relative_sequence_numbers");
}

void
proto_register_labproto_conn(void)
{
    static hf_register_info hf[] = {
        {&hf_labproto_conn,
         {"Connection", "labproto.conn", FT_NONE, BASE_NONE, NULL, 0x0,
          "What this segment did to the TCP connection", HFILL}},
        {&hf_labproto_conn_event,
         {"Event", "labproto.conn.event", FT_STRING, BASE_NONE, NULL, 0x0,
          "syn, synack, handshake-complete, handshake-missing, fin, teardown-complete or reset",
          HFILL}},
        {&hf_labproto_conn_state,
         {"State", "labproto.conn.state", FT_STRING, BASE_NONE, NULL, 0x0,
          "Connection state after this segment", HFILL}},
        {&hf_labproto_conn_handshake_rtt,
         {"Handshake RTT", "labproto.conn.handshake_rtt", FT_RELATIVE_TIME, BASE_NONE, NULL, 0x0,
          "Time from the (last) SYN to the segment completing the handshake", HFILL}},
        {&hf_labproto_conn_close_initiator,
         {"Close initiator", "labproto.conn.close_initiator", FT_UINT8, BASE_DEC,
          VALS(labproto_direction_vals), 0x0, "Direction of the first FIN", HFILL}},
        {&hf_labproto_conn_syn_frame,
         {"SYN in", "labproto.conn.syn_frame", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
          "On the segment completing the handshake: the client's SYN it answers (the last one"
          " sent)",
          HFILL}},
        {&hf_labproto_conn_synack_frame,
         {"SYN,ACK in", "labproto.conn.synack_frame", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
          "On the segment completing the handshake: the (first) SYN,ACK", HFILL}},
        {&hf_labproto_conn_client_fin_frame,
         {"Client's FIN in", "labproto.conn.client_fin_frame", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
          "On the segment completing the close: the client's (first) FIN", HFILL}},
        {&hf_labproto_conn_server_fin_frame,
         {"Server's FIN in", "labproto.conn.server_fin_frame", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
          "On the segment completing the close: the server's (first) FIN", HFILL}},
    };

    static gint *ett[] = {
        &ett_labproto_conn,
    };

    static ei_register_info ei[] = {
        {&ei_labproto_handshake_syn,
         {"labproto.handshake.syn", PI_SEQUENCE, PI_CHAT, "Handshake 1/3: SYN", EXPFILL}},
        {&ei_labproto_handshake_synack,
         {"labproto.handshake.synack", PI_SEQUENCE, PI_CHAT, "Handshake 2/3: SYN,ACK", EXPFILL}},
        {&ei_labproto_handshake_complete,
         {"labproto.handshake.complete", PI_SEQUENCE, PI_CHAT, "Handshake 3/3: complete", EXPFILL}},
        {&ei_labproto_handshake_missing,
         {"labproto.handshake.missing", PI_SEQUENCE, PI_NOTE,
          "Handshake not in the capture: the stream starts mid-connection", EXPFILL}},
        {&ei_labproto_teardown_fin,
         {"labproto.teardown.fin", PI_SEQUENCE, PI_CHAT, "Teardown: FIN", EXPFILL}},
        {&ei_labproto_teardown_complete,
         {"labproto.teardown.complete", PI_SEQUENCE, PI_CHAT, "Teardown complete", EXPFILL}},
        {&ei_labproto_teardown_reset,
         {"labproto.teardown.reset", PI_SEQUENCE, PI_WARN, "Connection reset", EXPFILL}},
    };

    proto_register_field_array(proto_labproto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_module_t *expert_labproto = expert_register_protocol(proto_labproto);
    expert_register_field_array(expert_labproto, ei, array_length(ei));

    /* A handle without a protocol: Wireshark then calls the postdissector on
     * every frame of every capture without adding and removing a protocol
     * layer each time, which cost more than the postdissector's own two-lookup
     * rejection of a foreign segment (bench/foreign.py). It checks labproto's
     * Enabled Protocols switch and names the protocol itself. */
    labproto_protocol = find_protocol_by_id(proto_labproto);
    labproto_conn_handle = create_dissector_handle(dissect_labproto_conn, -1);
    register_postdissector(labproto_conn_handle);
    register_init_routine(labproto_conn_init);
}

/*
 * Editor modelines  -  https://www.wireshark.org/tools/modelines.html
 *
 * Local variables:
 * c-basic-offset: 4
 * tab-width: 8
 * indent-tabs-mode: nil
 * End:
 *
 * vi: set shiftwidth=4 tabstop=8 expandtab:
 * :indentSize=4:tabSize=8:noTabs=true:
 */
