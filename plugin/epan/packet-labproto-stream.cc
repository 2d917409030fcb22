/* packet-labproto-stream.cc
 * Per-stream state of labproto, in wmem file scope.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "packet-labproto-stream.h"

#include <epan/dissectors/packet-tcp.h>
#include <epan/proto_data.h>

using labproto::Direction;

namespace
{

/* The core's logs draw from wmem file scope: freed with the file, whatever
 * exceptions happened in between. */
class FileScopeArena final : public labproto::Arena
{
  public:
    void *
    allocate(size_t bytes) override
    {
        return wmem_alloc(wmem_file_scope(), bytes);
    }
    void
    release(void *memory) override
    {
        wmem_free(wmem_file_scope(), memory);
    }
};

FileScopeArena file_scope_arena;

int labproto_stream_proto = -1;

} // namespace

void
labproto_stream_register(int proto)
{
    labproto_stream_proto = proto;
}

guint32
labproto_server_port(packet_info *pinfo)
{
    struct tcp_analysis *tcpd = get_tcp_conversation_data(NULL, pinfo);
    if (tcpd && tcpd->server_port)
        return tcpd->server_port;
    return pinfo->match_uint;
}

void
labproto_client_set(labproto_client_t *client, packet_info *pinfo, guint32 server_port)
{
    const bool from_client = pinfo->destport == server_port;
    copy_address_wmem(wmem_file_scope(), &client->addr, from_client ? &pinfo->src : &pinfo->dst);
    client->port = from_client ? pinfo->srcport : pinfo->destport;
}

Direction
labproto_client_direction(const labproto_client_t *client, const packet_info *pinfo)
{
    const bool from_client =
        pinfo->srcport == client->port && addresses_equal(&pinfo->src, &client->addr);
    return from_client ? Direction::kClientToServer : Direction::kServerToClient;
}

guint32
labproto_item_number(packet_info *pinfo, int proto, guint32 key, guint32 assigned)
{
    const guint32 before = GPOINTER_TO_UINT(p_get_proto_data(pinfo->pool, pinfo, proto, key));
    p_add_proto_data(pinfo->pool, pinfo, proto, key, GUINT_TO_POINTER(before + 1));
    if (!PINFO_FD_VISITED(pinfo)) {
        if (before == 0)
            p_add_proto_data(wmem_file_scope(), pinfo, proto, key, GUINT_TO_POINTER(assigned));
        return assigned;
    }
    const guint32 first = GPOINTER_TO_UINT(p_get_proto_data(wmem_file_scope(), pinfo, proto, key));
    return first ? first + before : 0;
}

labproto::Arena *
labproto_file_arena(void)
{
    return &file_scope_arena;
}

labproto_stream_t::labproto_stream_t(labproto::Arena *arena, const labproto_format_t &format)
    : messages{labproto::MessageStream(arena, format.prefix, format.order, format.lone_headers),
               labproto::MessageStream(arena, format.prefix, format.order, format.lone_headers)},
      client(), checked(false), foreign_from(0),
      first_message_direction(Direction::kClientToServer), any_message(false),
      encoding(format.encoding)
{
}

labproto_stream_t *
labproto_stream_find(conversation_t *conversation)
{
    return static_cast<labproto_stream_t *>(
        conversation_get_proto_data(conversation, labproto_stream_proto));
}

labproto_stream_t *
labproto_stream_claim(conversation_t *conversation, packet_info *pinfo, guint32 server_port,
                      const labproto_format_t &format)
{
    if (labproto_stream_t *known = labproto_stream_find(conversation))
        return known;
    void *memory = wmem_alloc(wmem_file_scope(), sizeof(labproto_stream_t));
    auto *stream = new (memory) labproto_stream_t(labproto_file_arena(), format);
    labproto_client_set(&stream->client, pinfo, server_port);
    conversation_add_proto_data(conversation, labproto_stream_proto, stream);
    return stream;
}

bool
labproto_stream_owns(const labproto_stream_t *stream, guint32 frame)
{
    return stream && (stream->foreign_from == 0 || frame < stream->foreign_from);
}

Direction
labproto_stream_direction(const labproto_stream_t *stream, const packet_info *pinfo)
{
    return labproto_client_direction(&stream->client, pinfo);
}
