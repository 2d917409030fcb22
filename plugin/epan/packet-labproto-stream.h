/* packet-labproto-stream.h
 * What labproto remembers about one TCP stream, shared by the message
 * dissector (packet-labproto.cc) and the connection analysis
 * (packet-labproto-conn.cc): whether the stream is labproto's, who the
 * client is, each direction's messages and the connection's lifecycle.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include "ws_compat.h"

#include <epan/conversation.h>
#include <epan/packet.h>

#include "connection_tracker.h"
#include "direction.h"
#include "message_stream.h"
#include "text_decoder.h"

/* How the streams to one port frame their messages: the lab's own protocol
 * (the preferences), or a row of the length-prefix table. */
struct labproto_format_t {
    labproto::LengthPrefix prefix;
    labproto::ByteOrderPref order;
    labproto::TextEncoding encoding;
    labproto::LoneHeaders lone_headers;
};

/* Which end of a TCP stream is the client, decided once and kept: TCP's own
 * idea of the server port can change (simultaneous open). Every lab's
 * dissector keeps one per stream. */
struct labproto_client_t {
    address addr;
    guint32 port;
};

/* The port of the current segment's server: the one its SYN went to, else
 * the one TCP offered the segment to the dissector by. */
guint32 labproto_server_port(packet_info *pinfo);

/* The client of the current segment's stream, whose server listens on
 * `server_port`: the end talking to that port (in a stream with both ends on
 * it, the side that sent this segment). Kept in file scope. */
void labproto_client_set(labproto_client_t *client, packet_info *pinfo, guint32 server_port);

/* Which way the current segment travels. */
labproto::Direction labproto_client_direction(const labproto_client_t *client,
                                              const packet_info *pinfo);

/* Everything labproto remembers about one TCP stream, in file scope. It is
 * placement-constructed in wmem and never destructed: what its members own
 * comes from the same file-scope arena and goes with it. */
struct labproto_stream_t {
    /* Each direction's messages, indexed by labproto::Direction. */
    labproto::MessageStream messages[2];
    labproto::ConnectionTracker conn;
    /* The client, decided when the stream was claimed. */
    labproto_client_t client;
    /* Whether the stream's first data has been looked at: a stream to a
     * labproto port is labproto's only if that data is lab messages. */
    bool checked;
    /* The stream turned out not to be labproto's from this frame on; 0:
     * it is labproto's. */
    guint32 foreign_from;
    /* The direction of the stream's first message, for the statistics. */
    labproto::Direction first_message_direction;
    bool any_message;
    /* What the bodies are decoded from. */
    labproto::TextEncoding encoding;

    labproto_stream_t(labproto::Arena *arena, const labproto_format_t &format);
};

/* The labproto state of the stream `conversation` is (NULL: labproto never
 * looked at it). */
labproto_stream_t *labproto_stream_find(conversation_t *conversation);

/* The state of the stream, created for the stream's current segment;
 * `server_port` is the port of the stream's server (the one the SYN went to,
 * or the labproto port it talks to). */
labproto_stream_t *labproto_stream_claim(conversation_t *conversation, packet_info *pinfo,
                                         guint32 server_port, const labproto_format_t &format);

/* Whether the stream is labproto's in `frame`. */
bool labproto_stream_owns(const labproto_stream_t *stream, guint32 frame);

/* Streams are kept in their conversation under `proto` (labproto's). */
void labproto_stream_register(int proto);

/* The number of the frame's next item of kind `key` (a command, a record:
 * several may share a frame), the same in every pass: on the first pass
 * `assigned`, the number the caller's log gave it; on later passes the frame's
 * first plus how many this dissection of the frame numbered before it. */
guint32 labproto_item_number(packet_info *pinfo, int proto, guint32 key, guint32 assigned);

/* An arena in wmem file scope, for the core's logs of every lab. */
labproto::Arena *labproto_file_arena(void);

/* Which way the current segment of `stream` travels. */
labproto::Direction labproto_stream_direction(const labproto_stream_t *stream,
                                              const packet_info *pinfo);
