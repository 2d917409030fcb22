/* packet-labproto-stats.cc
 * The LABPROTO statistics tree: what a student totals by hand from a lab
 * capture. Messages and bytes per direction, the distribution of message
 * lengths, how many streams carried messages, the server's response times,
 * malformed messages, and per connection its messages and bytes each way,
 * handshake RTT, response times and how it closed, from the "labproto" tap
 * (labproto_tap_message_t: one per message, cut message and connection
 * step). Lengths are the length fields; bytes are header + body as sent,
 * whether or not the capture holds all of it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "packet-labproto-stats.h"

#include <epan/stats_tree.h>

#include <initializer_list>

#include "packet-labproto.h"

using labproto::Direction;

static const char *const st_str_messages = "Messages";
static const char *const st_str_bytes = "Bytes (header + body)";
static const char *const st_str_lengths = "Message length";
static const char *const st_str_streams = "Streams";
static const char *const st_str_per_stream = "Messages per stream";
static const char *const st_str_malformed = "Malformed messages";
static const char *const st_str_bad_length = "Length negative or above max_len";
static const char *const st_str_cut_capture = "Cut short by the capture (snaplen)";
static const char *const st_str_cut_fin = "Cut short by a FIN";
static const char *const st_str_cut_rst = "Cut short by a RST";
static const char *const st_str_cut_end = "Cut short by the end of the capture";
/* Names stay ASCII: tshark pads the text tree by bytes. */
static const char *const st_str_response = "Response time (us)";
static const char *const st_str_connections = "Connections";
static const char *const st_str_handshake_rtt = "Handshake RTT (us)";

/* Node ids are the same in every tree: init creates the nodes in one order. */
static int st_node_messages = -1;
static int st_node_bytes = -1;
static int st_node_lengths = -1;
static int st_node_per_stream = -1;
static int st_node_malformed = -1;
static int st_node_connections = -1;

static const char *
labproto_stats_direction(Direction direction)
{
    return direction == Direction::kClientToServer ? "Client to server" : "Server to client";
}

static const char *
labproto_stats_cut(labproto_cut_t cut)
{
    switch (cut) {
    case LABPROTO_CUT_FIN:
        return st_str_cut_fin;
    case LABPROTO_CUT_RST:
        return st_str_cut_rst;
    case LABPROTO_CUT_END:
        return st_str_cut_end;
    default:
        return st_str_cut_capture;
    }
}

/* A connection's rows each way, by direction. */
static const char *const st_str_conn_messages[2] = {"Messages client to server",
                                                    "Messages server to client"};
static const char *const st_str_conn_bytes[2] = {"Bytes client to server",
                                                 "Bytes server to client"};

/* The connection's node, "tcp.stream 0: client 127.0.0.1:40628, server
 * 127.0.0.1:9000", counting `messages` more, with every row from its first
 * record on, so that what did not happen shows as 0 (adding 0 creates a
 * row that is missing and changes nothing else). */
static int
labproto_stats_connection(stats_tree *st, packet_info *pinfo, const labproto_tap_message_t *msg,
                          gint messages)
{
    const bool from_client = msg->direction == Direction::kClientToServer;
    const char *client =
        labproto_endpoint_name(pinfo->pool, from_client ? &pinfo->src : &pinfo->dst,
                               from_client ? pinfo->srcport : pinfo->destport);
    const char *server =
        labproto_endpoint_name(pinfo->pool, from_client ? &pinfo->dst : &pinfo->src,
                               from_client ? pinfo->destport : pinfo->srcport);
    const char *name = wmem_strdup_printf(pinfo->pool, "tcp.stream %u: client %s, server %s",
                                          msg->stream, client, server);
    int node = increase_stat_node(st, name, st_node_connections, TRUE, messages);
    for (int d = 0; d < 2; ++d) {
        increase_stat_node(st, st_str_conn_messages[d], node, FALSE, 0);
        increase_stat_node(st, st_str_conn_bytes[d], node, FALSE, 0);
    }
    increase_stat_node(st, st_str_handshake_rtt, node, FALSE, 0);
    increase_stat_node(st, st_str_response, node, FALSE, 0);
    return node;
}

/* A handshake, close or reset: the connection's rows for it. */
static void
labproto_stats_step(stats_tree *st, packet_info *pinfo, const labproto_tap_message_t *step)
{
    int connection = labproto_stats_connection(st, pinfo, step, 0);
    if (step->handshake_rtt_us >= 0)
        avg_stat_node_add_value_int(st, st_str_handshake_rtt, connection, FALSE,
                                    static_cast<gint>(step->handshake_rtt_us));
    if (step->closed)
        tick_stat_node(st, step->closed, connection, FALSE);
}

/* A message's rows of its connection. */
static void
labproto_stats_connection_message(stats_tree *st, packet_info *pinfo,
                                  const labproto_tap_message_t *msg, gint bytes)
{
    tick_stat_node(st, st_str_connections, 0, TRUE);
    int connection = labproto_stats_connection(st, pinfo, msg, 1);
    const int d = static_cast<int>(msg->direction);
    avg_stat_node_add_value_int(st, st_str_conn_messages[d], connection, FALSE, msg->length);
    increase_stat_node(st, st_str_conn_bytes[d], connection, FALSE, bytes);
    if (msg->response_us >= 0) {
        const gint us = static_cast<gint>(msg->response_us);
        avg_stat_node_add_value_int(st, st_str_response, 0, FALSE, us);
        avg_stat_node_add_value_int(st, st_str_response, connection, FALSE, us);
    }
}

/* Every node exists from the start, so a capture without, say, server
 * messages shows 0 there instead of leaving the line out. */
static void
labproto_stats_tree_init(stats_tree *st)
{
    st_node_messages = stats_tree_create_node(st, st_str_messages, 0, STAT_DT_INT, TRUE);
    st_node_bytes = stats_tree_create_node(st, st_str_bytes, 0, STAT_DT_INT, TRUE);
    for (Direction d : {Direction::kClientToServer, Direction::kServerToClient}) {
        stats_tree_create_node(st, labproto_stats_direction(d), st_node_messages, STAT_DT_INT,
                               FALSE);
        stats_tree_create_node(st, labproto_stats_direction(d), st_node_bytes, STAT_DT_INT, FALSE);
    }
    /* 512 and up overflow the lab server's 512-byte receive buffer. */
    st_node_lengths =
        stats_tree_create_range_node(st, st_str_lengths, 0, "0", "1-15", "16-63", "64-255",
                                     "256-511", "512-4095", "4096-65535", "65536-", NULL);
    stats_tree_create_node(st, st_str_streams, 0, STAT_DT_INT, FALSE);
    st_node_per_stream = stats_tree_create_pivot(st, st_str_per_stream, 0);
    stats_tree_create_node(st, st_str_response, 0, STAT_DT_INT, FALSE);
    st_node_connections = stats_tree_create_node(st, st_str_connections, 0, STAT_DT_INT, TRUE);
    st_node_malformed = stats_tree_create_node(st, st_str_malformed, 0, STAT_DT_INT, TRUE);
    stats_tree_create_node(st, st_str_bad_length, st_node_malformed, STAT_DT_INT, FALSE);
    for (const char *cut : {st_str_cut_capture, st_str_cut_fin, st_str_cut_rst, st_str_cut_end})
        stats_tree_create_node(st, cut, st_node_malformed, STAT_DT_INT, FALSE);
}

static tap_packet_status
labproto_stats_tree_packet(stats_tree *st, packet_info *pinfo, epan_dissect_t *edt _U_,
                           const void *data, tap_flags_t flags _U_)
{
    const auto *msg = static_cast<const labproto_tap_message_t *>(data);
    const char *direction = labproto_stats_direction(msg->direction);
    if (msg->kind == LABPROTO_TAP_STEP) {
        labproto_stats_step(st, pinfo, msg);
        return TAP_PACKET_REDRAW;
    }

    /* A message the connection or the end of the capture cut short was
     * counted as a message where it was framed; here it is only cut. */
    if (msg->cut != LABPROTO_CUT_NONE && msg->cut != LABPROTO_CUT_CAPTURE) {
        tick_stat_node(st, st_str_malformed, 0, TRUE);
        tick_stat_node(st, labproto_stats_cut(msg->cut), st_node_malformed, FALSE);
        return TAP_PACKET_REDRAW;
    }
    if (msg->first_in_stream)
        tick_stat_node(st, st_str_streams, 0, FALSE);
    /* A malformed length frames nothing: it is no message to count, average
     * or total, only a malformed one. */
    if (msg->malformed_length) {
        tick_stat_node(st, st_str_malformed, 0, TRUE);
        tick_stat_node(st, st_str_bad_length, st_node_malformed, FALSE);
        return TAP_PACKET_REDRAW;
    }

    avg_stat_node_add_value_int(st, st_str_messages, 0, TRUE, msg->length);
    avg_stat_node_add_value_int(st, direction, st_node_messages, FALSE, msg->length);
    /* tick_range counts the bucket and adds to the range node's total, but
     * leaves ticking the range node itself to its caller. */
    tick_stat_node(st, st_str_lengths, 0, TRUE);
    stats_tree_tick_range(st, st_str_lengths, 0, msg->length);
    const gint bytes = static_cast<gint>(msg->header_len + msg->length); /* as sent, even if cut */
    increase_stat_node(st, st_str_bytes, 0, TRUE, bytes);
    increase_stat_node(st, direction, st_node_bytes, FALSE, bytes);

    char stream[32];
    snprintf(stream, sizeof stream, "tcp.stream %u", msg->stream);
    stats_tree_tick_pivot(st, st_node_per_stream, stream);
    labproto_stats_connection_message(st, pinfo, msg, bytes);

    if (msg->cut == LABPROTO_CUT_CAPTURE) {
        tick_stat_node(st, st_str_malformed, 0, TRUE);
        tick_stat_node(st, st_str_cut_capture, st_node_malformed, FALSE);
    }
    return TAP_PACKET_REDRAW;
}

void
register_labproto_stats_tree(void)
{
    /* No submenu, so the menu separator ("/" before 4.4, "//" since) does
     * not matter; 4.4's returned configuration is not needed either. */
    stats_tree_register_plugin("labproto", "labproto", "LABPROTO", 0,
                               LABPROTO_STATS_TREE_PACKET_CB(labproto_stats_tree_packet),
                               labproto_stats_tree_init, NULL);
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
