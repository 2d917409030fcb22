/* packet-labproto-follow.cc
 * Follow labproto stream. TCP's follower shows the bytes of a connection,
 * length headers included, in one fixed charset; this one shows each message
 * as one record: `#3 len=35 "오늘따라 …"` and a newline, the text in the
 * encoding labproto detected (as UTF-8), control characters as their
 * pictures. A stream is a TCP stream (tcp.stream).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "packet-labproto-follow.h"
#include "packet-labproto-tap.h"

#include <epan/to_str.h>
#include <epan/dissectors/packet-tcp.h>
#include <epan/follow.h>
#include <epan/tap.h>

#include <string>

#include "message_summary.h"

static int labproto_follow_tap = -1;

bool
labproto_follow_wanted(void)
{
    return have_tap_listener(labproto_follow_tap);
}

void
labproto_follow_message(packet_info *pinfo, const labproto_follow_message_t *message)
{
    labproto_tap_queue_copy(labproto_follow_tap, pinfo, message);
}

/* ---- Which packets a stream is ------------------------------------------- */

static gchar *
labproto_follow_conv_filter(epan_dissect_t *, packet_info *pinfo, guint *stream, guint *sub_stream)
{
    if (!proto_is_frame_protocol(pinfo->layers, "labproto"))
        return NULL;
    struct tcp_analysis *tcpd = get_tcp_conversation_data(NULL, pinfo);
    if (!tcpd)
        return NULL;
    *stream = tcpd->stream;
    *sub_stream = 0;
    return g_strdup_printf("tcp.stream eq %u", tcpd->stream);
}

static gchar *
labproto_follow_index_filter(guint stream, guint)
{
    return g_strdup_printf("tcp.stream eq %u", stream);
}

static gchar *
labproto_follow_address_filter(address *src_addr, address *dst_addr, int src_port, int dst_port)
{
    const char *ip = src_addr->type == AT_IPv6 ? "ipv6" : "ip";
    gchar *src = address_to_str(NULL, src_addr);
    gchar *dst = address_to_str(NULL, dst_addr);
    gchar *filter =
        g_strdup_printf("((%s.src eq %s and tcp.srcport eq %d) and "
                        "(%s.dst eq %s and tcp.dstport eq %d))"
                        " or "
                        "((%s.src eq %s and tcp.srcport eq %d) and "
                        "(%s.dst eq %s and tcp.dstport eq %d))",
                        ip, src, src_port, ip, dst, dst_port, ip, dst, dst_port, ip, src, src_port);
    wmem_free(NULL, src);
    wmem_free(NULL, dst);
    return filter;
}

static gchar *
labproto_follow_port_to_display(wmem_allocator_t *allocator, guint port)
{
    return wmem_strdup_printf(allocator, "%u", port);
}

/* ---- The records ---------------------------------------------------------- */

/* The endpoints as the message's direction says, not as the first packet
 * happens to go: Node 0 is always the client. */
static void
labproto_follow_set_endpoints(follow_info_t *follow_info, packet_info *pinfo, bool from_client)
{
    copy_address(&follow_info->client_ip, from_client ? &pinfo->src : &pinfo->dst);
    copy_address(&follow_info->server_ip, from_client ? &pinfo->dst : &pinfo->src);
    follow_info->client_port = from_client ? pinfo->srcport : pinfo->destport;
    follow_info->server_port = from_client ? pinfo->destport : pinfo->srcport;
}

/* A tap callback: no dissection runs here, so the core's strings may live. */
static tap_packet_status
labproto_follow_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *, const void *data,
                       tap_flags_t)
{
    auto *follow_info = static_cast<follow_info_t *>(tapdata);
    const auto *message = static_cast<const labproto_follow_message_t *>(data);
    const bool from_client = message->direction == labproto::Direction::kClientToServer;
    if (follow_info->client_port == 0)
        labproto_follow_set_endpoints(follow_info, pinfo, from_client);

    const std::string text = message->text ? message->text : "";
    const std::string line =
        labproto::message_line(message->index, message->length, message->text ? &text : nullptr,
                               message->note) +
        "\n";
    follow_record_t *record = g_new0(follow_record_t, 1);
    record->data = g_byte_array_sized_new(static_cast<guint>(line.size()));
    g_byte_array_append(record->data, reinterpret_cast<const guint8 *>(line.data()),
                        static_cast<guint>(line.size()));
    record->packet_num = pinfo->num;
    record->abs_ts = pinfo->abs_ts;
    record->is_server = !from_client;
    follow_info->bytes_written[record->is_server ? 1 : 0] += record->data->len;
    follow_info->payload = g_list_prepend(follow_info->payload, record);
    return TAP_PACKET_DONT_REDRAW;
}

void
proto_register_labproto_follow(int proto)
{
    labproto_follow_tap = register_tap("labproto_follow");
    /* 4.2 added how many streams there are (the dialog's stream spin box)
     * and sub-streams (HTTP/2, QUIC; labproto has none). */
    register_follow_stream(proto, "labproto_follow", labproto_follow_conv_filter,
                           labproto_follow_index_filter, labproto_follow_address_filter,
                           labproto_follow_port_to_display,
                           LABPROTO_TAP_PACKET_CB(labproto_follow_packet)
#if LABPROTO_WS_AT_LEAST(4, 2)
                               ,
                           get_tcp_stream_count, NULL
#endif
    );
}
