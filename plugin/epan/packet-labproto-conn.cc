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
#include <epan/proto_data.h>

#include "connection_tracker.h"
#include "packet-labproto.h"
#include "ws_compat.h"

using labproto::CloseKind;
using labproto::ConnectionTracker;
using labproto::CutMessage;
using labproto::Direction;
using labproto::FinRole;
using labproto::SegmentReport;
using labproto::TcpSegment;

/* TCP flag bits of tcp.flags */
#define LABPROTO_TCP_FIN 0x001
#define LABPROTO_TCP_SYN 0x002
#define LABPROTO_TCP_RST 0x004
#define LABPROTO_TCP_ACK 0x010

static int hf_labproto_conn = -1;
static int hf_labproto_conn_event = -1;
static int hf_labproto_conn_state = -1;
static int hf_labproto_conn_handshake_rtt = -1;
static int hf_labproto_conn_close_initiator = -1;

static gint ett_labproto_conn = -1;

static expert_field ei_labproto_handshake_syn = EI_INIT;
static expert_field ei_labproto_handshake_synack = EI_INIT;
static expert_field ei_labproto_handshake_complete = EI_INIT;
static expert_field ei_labproto_handshake_missing = EI_INIT;
static expert_field ei_labproto_teardown_fin = EI_INIT;
static expert_field ei_labproto_teardown_complete = EI_INIT;
static expert_field ei_labproto_teardown_reset = EI_INIT;

/* TCP fields the postdissector reads from the tree. */
static int hf_tcp_flags = -1;
static int hf_tcp_seq = -1;
static int hf_tcp_ack = -1;
static int hf_tcp_len = -1;

static dissector_handle_t labproto_conn_handle;

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

/* The first occurrence of a TCP field in this frame's tree. */
static bool
labproto_tcp_field(proto_tree *tree, int hfid, guint32 *value)
{
    GPtrArray *items = proto_get_finfo_ptr_array(tree, hfid);
    if (!items || items->len == 0)
        return false;
    field_info *fi = static_cast<field_info *>(g_ptr_array_index(items, 0));
#if LABPROTO_WS_AT_LEAST(4, 2)
    *value = fvalue_get_uinteger(fi->value);
#else
    *value = fvalue_get_uinteger(&fi->value);
#endif
    return true;
}

static bool
labproto_read_segment(packet_info *pinfo, proto_tree *tree, labproto_conv_t *conv,
                      TcpSegment *segment)
{
    guint32 flags, seq, len, ack = 0;
    if (!labproto_tcp_field(tree, hf_tcp_flags, &flags) ||
        !labproto_tcp_field(tree, hf_tcp_seq, &seq) || !labproto_tcp_field(tree, hf_tcp_len, &len))
        return false;
    segment->ack = (flags & LABPROTO_TCP_ACK) && labproto_tcp_field(tree, hf_tcp_ack, &ack);
    segment->direction = labproto_segment_direction(pinfo, conv);
    segment->syn = flags & LABPROTO_TCP_SYN;
    segment->fin = flags & LABPROTO_TCP_FIN;
    segment->rst = flags & LABPROTO_TCP_RST;
    segment->seq = seq;
    segment->ack_no = ack;
    segment->length = len;
    segment->time_ns = static_cast<gint64>(pinfo->abs_ts.secs) * 1000000000 + pinfo->abs_ts.nsecs;
    return true;
}

/* Messages a FIN (of its sender) or a RST (of either side) cut short. */
static void
labproto_find_cut_messages(const labproto_conv_t *conv, const TcpSegment &segment,
                           labproto_conn_record_t *record)
{
    for (int d = 0; d < 2; ++d) {
        Direction direction = static_cast<Direction>(d);
        bool closes = segment.rst || (segment.fin && segment.direction == direction);
        record->cut[d] = closes && conv->framing[d].message_cut_at(conv->conn.data_end(direction),
                                                                   record->cuts[d]);
    }
}

static const labproto_conn_record_t *
labproto_conn_record(packet_info *pinfo, proto_tree *tree, conversation_t *conversation)
{
    if (PINFO_FD_VISITED(pinfo))
        return static_cast<const labproto_conn_record_t *>(
            p_get_proto_data(wmem_file_scope(), pinfo, proto_labproto, LABPROTO_KEY_CONN));

    labproto_conv_t *conv = labproto_conv_lookup(conversation, true);
    TcpSegment segment;
    if (!labproto_read_segment(pinfo, tree, conv, &segment))
        return NULL;
    labproto_conn_record_t record;
    record.report = conv->conn.on_segment(segment);
    labproto_find_cut_messages(conv, segment, &record);
    if (record.report.events == labproto::kEventNone && !record.cut[0] && !record.cut[1])
        return NULL;

    auto *stored = wmem_new(wmem_file_scope(), labproto_conn_record_t);
    *stored = record;
    p_add_proto_data(wmem_file_scope(), pinfo, proto_labproto, LABPROTO_KEY_CONN, stored);
    return stored;
}

static proto_item *
labproto_add_event(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo, const char *event,
                   const char *label)
{
    proto_item *ti = proto_tree_add_string(tree, hf_labproto_conn_event, tvb, 0, 0, event);
    proto_item_set_generated(ti);
    col_append_sep_fstr(pinfo->cinfo, COL_INFO, " ", "[%s]", label);
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

/* Once the whole capture has been read (tshark -2, the GUI), a message whose
 * header is in this frame and whose direction simply stops, with no FIN or
 * RST, was cut by the end of the capture. */
static void
dissect_labproto_capture_end(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                             conversation_t *conversation)
{
    if (!PINFO_FD_VISITED(pinfo))
        return; /* the end is not known yet */
    const labproto_conv_t *conv = labproto_conv_lookup(conversation, false);
    if (!conv)
        return;
    for (int d = 0; d < 2; ++d) {
        Direction direction = static_cast<Direction>(d);
        CutMessage cut;
        if (conv->framing[d].last_header_frame() != pinfo->num || conv->conn.finished(direction) ||
            !conv->framing[d].message_cut_at(conv->conn.data_end(direction), cut))
            continue;
        proto_tree *labproto_tree = labproto_add_tree(tvb, tree, 0);
        proto_item *ti = proto_tree_add_item(labproto_tree, hf_labproto_conn, tvb, 0, 0, ENC_NA);
        labproto_add_cut_message(pinfo, ti, direction, cut, "End of capture");
    }
}

/* Postdissector: every TCP segment of a stream labproto decodes. */
static int
dissect_labproto_conn(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    if (pinfo->ptype != PT_TCP)
        return 0;
    /* One conversation lookup serves the whole frame. */
    conversation_t *conversation = find_or_create_conversation(pinfo);
    const labproto_conn_record_t *record = labproto_conn_record(pinfo, tree, conversation);
    if (!labproto_owns_stream(pinfo, conversation))
        return 0;
    dissect_labproto_capture_end(tvb, pinfo, tree, conversation);
    if (!record)
        return 0;

    const SegmentReport &r = record->report;
    proto_tree *labproto_tree = labproto_add_tree(tvb, tree, 0);
    proto_item *ci = proto_tree_add_item(labproto_tree, hf_labproto_conn, tvb, 0, 0, ENC_NA);
    proto_tree *conn_tree = proto_item_add_subtree(ci, ett_labproto_conn);

    dissect_labproto_handshake(tvb, pinfo, conn_tree, r);
    dissect_labproto_teardown(tvb, pinfo, conn_tree, r);
    dissect_labproto_reset(tvb, pinfo, conn_tree, r);
    for (int d = 0; d < 2; ++d) {
        if (record->cut[d])
            labproto_add_cut_message(pinfo, ci, static_cast<Direction>(d), record->cuts[d],
                                     (r.events & labproto::kEventReset) ? "RST" : "FIN");
    }

    proto_item *si = proto_tree_add_string(conn_tree, hf_labproto_conn_state, tvb, 0, 0,
                                           labproto::conn_state_name(r.state));
    proto_item_set_generated(si);
    if (r.has_close_initiator) {
        proto_item *ii = proto_tree_add_uint(conn_tree, hf_labproto_conn_close_initiator, tvb, 0, 0,
                                             static_cast<guint32>(r.close_initiator));
        proto_item_set_generated(ii);
    }
    return 0; /* postdissectors consume nothing */
}

/* Wanted hfids make tshark build a tree for every frame, and 4.0 asks for
 * them even when the postdissector's protocol is disabled: a disabled
 * labproto would still slow down every capture. So they are requested per
 * capture file, only while labproto is enabled (as transum does): init
 * routines run when a file is opened, after --disable-protocol and Enabled
 * Protocols have taken effect. */
static void
labproto_conn_request_fields(void)
{
    if (!proto_is_protocol_enabled(find_protocol_by_id(proto_labproto)))
        return;
    const int ids[] = {hf_tcp_flags, hf_tcp_seq, hf_tcp_ack, hf_tcp_len};
    GArray *hfids =
        g_array_sized_new(FALSE, FALSE, static_cast<guint>(sizeof(int)), G_N_ELEMENTS(ids));
    g_array_append_vals(hfids, ids, G_N_ELEMENTS(ids));
    /* Only these fields are primed, so the tree the postdissector needs
     * stays small; the array is owned by epan from here on. */
    set_postdissector_wanted_hfids(labproto_conn_handle, hfids);
}

static void
labproto_conn_release_fields(void)
{
    set_postdissector_wanted_hfids(labproto_conn_handle, NULL);
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

    labproto_conn_handle = create_dissector_handle(dissect_labproto_conn, proto_labproto);
    register_postdissector(labproto_conn_handle);
    register_init_routine(labproto_conn_request_fields);
    register_cleanup_routine(labproto_conn_release_fields);
}

void
proto_reg_handoff_labproto_conn(void)
{
    hf_tcp_flags = proto_registrar_get_id_byname("tcp.flags");
    hf_tcp_seq = proto_registrar_get_id_byname("tcp.seq");
    hf_tcp_ack = proto_registrar_get_id_byname("tcp.ack");
    hf_tcp_len = proto_registrar_get_id_byname("tcp.len");
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
