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

/* Everything labproto remembers about one TCP stream, in file scope. It is
 * placement-constructed in wmem and never destructed: what its members own
 * comes from the same file-scope arena and goes with it. */
struct labproto_stream_t {
    /* Each direction's messages, indexed by labproto::Direction. */
    labproto::MessageStream messages[2];
    labproto::ConnectionTracker conn;
    /* The client, decided when the stream was claimed and kept: TCP's own
     * idea of the server port can change (simultaneous open). */
    address client_addr;
    guint32 client_port;
    /* Whether the stream's first data has been looked at: a stream to a
     * labproto port is labproto's only if that data is lab messages. */
    bool checked;
    /* The stream turned out not to be labproto's from this frame on; 0:
     * it is labproto's. */
    guint32 foreign_from;
    /* The direction of the stream's first message, for the statistics. */
    labproto::Direction first_message_direction;
    bool any_message;

    labproto_stream_t(labproto::Arena *arena, const labproto::LengthPrefix &format,
                      labproto::ByteOrderPref pref);
};

/* The labproto state of the stream `conversation` is (NULL: labproto never
 * looked at it). */
labproto_stream_t *labproto_stream_find(conversation_t *conversation);

/* The state of the stream, created for the stream's current segment;
 * `server_port` is the port of the stream's server (the one the SYN went to,
 * or the labproto port it talks to). */
labproto_stream_t *labproto_stream_claim(conversation_t *conversation, packet_info *pinfo,
                                         guint32 server_port, const labproto::LengthPrefix &format,
                                         labproto::ByteOrderPref pref);

/* Whether the stream is labproto's in `frame`. */
bool labproto_stream_owns(const labproto_stream_t *stream, guint32 frame);

/* Streams are kept in their conversation under `proto` (labproto's). */
void labproto_stream_register(int proto);

/* An arena in wmem file scope, for the core's logs of every lab. */
labproto::Arena *labproto_file_arena(void);

/* Which way the current segment of `stream` travels. */
labproto::Direction labproto_stream_direction(const labproto_stream_t *stream,
                                              const packet_info *pinfo);
