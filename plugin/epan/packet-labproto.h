/* packet-labproto.h
 * Shared between the labproto message dissector (packet-labproto.cc) and its
 * connection lifecycle analysis (packet-labproto-conn.cc).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include "ws_compat.h" /* <wireshark.h>, or what 3.6 has of it */

#include <epan/conversation.h>
#include <epan/packet.h>

#include "connection_tracker.h"
#include "direction.h"
#include "direction_framing.h"
#include "message_log.h"

/* Everything labproto remembers about one TCP stream, in file scope. */
struct labproto_conv_t {
    labproto::DirectionFraming framing[2]; /* indexed by labproto::Direction */
    /* What the first pass numbered, by direction; allocated with the first
     * message (the lifecycle analysis sees streams that have none) and freed
     * with the file scope. */
    labproto::MessageLog *log;
    labproto::ConnectionTracker conn;
    /* The direction of the stream's first message, for the statistics. */
    labproto::Direction first_message_direction;
    /* The client, decided at the stream's first segment and kept: TCP's own
     * idea of the server port can change (simultaneous open). */
    bool client_known;
    address client_addr;
    guint32 client_port;
};

/* Keys of labproto's per-frame data (p_add_proto_data). */
enum labproto_frame_key {
    LABPROTO_KEY_CONTINUATION = 0, /* a body continuation (reassembly off) */
    LABPROTO_KEY_ORDINAL,          /* packet scope: items added so far */
    LABPROTO_KEY_NUMBERED,         /* packet scope: messages numbered so far */
    LABPROTO_KEY_SPLIT_BODY_DONE,  /* packet scope: a split message's body was shown */
    LABPROTO_KEY_CONN,             /* what the segment did to the connection */
};

/* What the "labproto" tap reports for each message (the statistics tree in
 * packet-labproto-stats.cc reads it). */
struct labproto_tap_message_t {
    labproto::Direction direction;
    guint32 length;        /* the length field */
    guint32 stream;        /* tcp.stream */
    bool first_in_stream;  /* the stream's first labproto message */
    bool malformed_length; /* negative or above max_len */
    bool truncated;        /* the capture ends inside the body */
};

extern int proto_labproto;
extern int hf_labproto_direction;
extern int ett_labproto;
extern const value_string labproto_direction_vals[];

void proto_register_labproto(void);
void proto_reg_handoff_labproto(void);

/* The labproto state of a TCP stream, or NULL when labproto has not
 * claimed it (and `create` is false). */
labproto_conv_t *labproto_conv_lookup(conversation_t *conversation, bool create);

/* Which way the current segment of the stream `conv` travels. */
labproto::Direction labproto_segment_direction(packet_info *pinfo, labproto_conv_t *conv);

/* Whether labproto decodes this TCP stream (port preference, Decode As, or
 * the heuristic having claimed the conversation). */
bool labproto_owns_stream(packet_info *pinfo, conversation_t *conversation);

/* A labproto tree item for the frame. */
proto_tree *labproto_add_tree(tvbuff_t *tvb, proto_tree *tree, int length);

/* Reports a message that a FIN or RST cut short (labproto.msg.truncated). */
void labproto_add_cut_message(packet_info *pinfo, proto_item *item, labproto::Direction direction,
                              const labproto::CutMessage &cut, const char *cause);
