/* packet-labproto-flow.cc
 * The LABPROTO flow graph. TCP's flow type labels arrows with TCP's view
 * (flags, sequence numbers) and its nodes are addresses, so a loopback lab
 * run is one column; this one labels each segment of a labproto stream with
 * what the lab sent in it and the connection step it was, and its nodes are
 * "address:port".
 *
 * The pieces of a frame's label are gathered in pinfo->pool while the frame
 * is dissected; the lifecycle postdissector, which runs last and sees every
 * segment, hands the finished arrow to the tap.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "packet-labproto-flow.h"
#include "packet-labproto-keys.h"
#include "packet-labproto-tap.h"
#include "ws_sequence_analysis.h"

#include <epan/proto_data.h>
#include <epan/tap.h>

#include <cstring>
#include <string>

static int labproto_flow_tap = -1;
static int labproto_flow_proto = -1; /* whose per-frame data the labels are */

/* The frame's label so far. */
struct labproto_flow_frame_t {
    wmem_strbuf_t *messages; /* message lines, space-separated */
    wmem_strbuf_t *events;   /* "[Handshake 1/3]", space-separated */
};

/* What the tap hands the graph: one arrow; strings in pinfo->pool. */
struct labproto_flow_arrow_t {
    const char *label;
    const char *comment;
    guint32 stream; /* tcp.stream: the conversation, for colouring */
};

bool
labproto_flow_wanted(void)
{
    return have_tap_listener(labproto_flow_tap);
}

static labproto_flow_frame_t *
labproto_flow_frame(packet_info *pinfo)
{
    auto *frame = static_cast<labproto_flow_frame_t *>(
        p_get_proto_data(pinfo->pool, pinfo, labproto_flow_proto, LABPROTO_KEY_FLOW));
    if (frame)
        return frame;
    frame = wmem_new(pinfo->pool, labproto_flow_frame_t);
    frame->messages = wmem_strbuf_new(pinfo->pool, "");
    frame->events = wmem_strbuf_new(pinfo->pool, "");
    p_add_proto_data(pinfo->pool, pinfo, labproto_flow_proto, LABPROTO_KEY_FLOW, frame);
    return frame;
}

static void
labproto_flow_append(wmem_strbuf_t *pieces, const char *open, const char *piece, const char *close)
{
    if (wmem_strbuf_get_len(pieces))
        wmem_strbuf_append_c(pieces, ' ');
    wmem_strbuf_append_printf(pieces, "%s%s%s", open, piece, close);
}

void
labproto_flow_message(packet_info *pinfo, const char *line)
{
    if (labproto_flow_wanted())
        labproto_flow_append(labproto_flow_frame(pinfo)->messages, "", line, "");
}

void
labproto_flow_event(packet_info *pinfo, const char *event)
{
    if (labproto_flow_wanted())
        labproto_flow_append(labproto_flow_frame(pinfo)->events, "[", event, "]");
}

void
labproto_flow_segment(packet_info *pinfo, const labproto::FlowSegment &segment, guint32 stream)
{
    if (!labproto_flow_wanted())
        return;
    const labproto_flow_frame_t *frame = labproto_flow_frame(pinfo);
    labproto_flow_arrow_t arrow;
    arrow.label =
        wmem_strdup(pinfo->pool, labproto::flow_label(wmem_strbuf_get_str(frame->messages),
                                                      wmem_strbuf_get_str(frame->events), segment)
                                     .c_str());
    arrow.comment = wmem_strdup(pinfo->pool, labproto::flow_comment(segment).c_str());
    arrow.stream = stream;
    labproto_tap_queue_copy(labproto_flow_tap, pinfo, &arrow);
}

/* ---- The graph ------------------------------------------------------------ */

/* A node of the graph: address and port (labproto_endpoint_name). */
static void
labproto_flow_set_node(address *node, const address *ip, guint32 port)
{
    char *name = labproto_endpoint_name(NULL, ip, port);
    free_address(node);
    alloc_address_wmem(NULL, node, AT_STRINGZ, static_cast<int>(strlen(name) + 1), name);
    wmem_free(NULL, name);
}

/* A tap callback: no dissection runs here. */
static tap_packet_status
labproto_flow_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *, const void *data,
                     tap_flags_t)
{
    auto *sainfo = static_cast<seq_analysis_info_t *>(tapdata);
    const auto *arrow = static_cast<const labproto_flow_arrow_t *>(data);
    seq_analysis_item_t *sai = sequence_analysis_create_sai_with_addresses(pinfo, sainfo);
    if (!sai)
        return TAP_PACKET_DONT_REDRAW;
    labproto_flow_set_node(&sai->src_addr, &pinfo->src, pinfo->srcport);
    labproto_flow_set_node(&sai->dst_addr, &pinfo->dst, pinfo->destport);
    sai->frame_number = pinfo->num;
    sai->port_src = static_cast<guint16>(pinfo->srcport);
    sai->port_dst = static_cast<guint16>(pinfo->destport);
    sai->frame_label = g_strdup(arrow->label);
    sai->comment = g_strdup(arrow->comment);
    sai->conv_num = static_cast<guint16>(arrow->stream);
    sai->line_style = 1;
    sai->display = TRUE;
    g_queue_push_tail(sainfo->items, sai);
    return TAP_PACKET_REDRAW;
}

void
proto_register_labproto_flow(int proto)
{
    labproto_flow_proto = proto;
    labproto_flow_tap = register_tap("labproto_flow");
    register_seq_analysis("labproto", "LABPROTO", proto, "labproto_flow", TL_REQUIRES_NOTHING,
                          LABPROTO_TAP_PACKET_CB(labproto_flow_packet));
}
