/* packet-labproto-labs.h
 * What the other labs' dissectors (LABPROTO lottery, LABPROTO file transfer)
 * share: per-stream state with its client, the tree item, the Info column, and
 * the shape of both labs: one side sends fixed-size items (commands,
 * records), the other data without a length (replies, a path).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include "ws_compat.h" /* <wireshark.h>, or what 3.6 has of it */

#include <epan/conversation.h>
#include <epan/expert.h>
#include <epan/packet.h>

#include <new>

#include "packet-labproto-stream.h"

/* The state T that lab dissector `proto` keeps for the current segment's
 * stream: found in its conversation, or made in file scope (T(arena), whose
 * member `client` is then decided) with the stream's first segment. */
template <typename T>
T *
labproto_lab_state(packet_info *pinfo, int proto)
{
    conversation_t *conversation = find_or_create_conversation(pinfo);
    auto *state = static_cast<T *>(conversation_get_proto_data(conversation, proto));
    if (state)
        return state;
    state = new (wmem_alloc(wmem_file_scope(), sizeof(T))) T(labproto_file_arena());
    labproto_client_set(&state->client, pinfo, labproto_server_port(pinfo));
    conversation_add_proto_data(conversation, proto, state);
    return state;
}

/* How proto_tree_add_item reads a field sent in `order`. */
guint labproto_encoding_of(labproto::ByteOrder order);

/* A generated (not sent) unsigned field. */
void labproto_add_generated_uint(proto_tree *tree, int hf, tvbuff_t *tvb, int offset, int length,
                                 guint32 value);

/* The fields of a 4-byte `int` a lab sends in host order (a command, a
 * record's len): its value, the byte order it was read in, and the note for
 * one sent with htonl. */
struct labproto_lab_int_fields_t {
    int *value;
    int *order;
    expert_field *big_endian;
};

/* Adds such an int at `offset`, read in `order`; returns the value's item. */
proto_item *labproto_lab_add_int(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb, int offset,
                                 labproto::ByteOrder order,
                                 const labproto_lab_int_fields_t *fields);

/* A lab's tree item for the segment, with its direction (`hf_direction`). */
proto_tree *labproto_lab_tree(tvbuff_t *tvb, proto_tree *tree, int proto, gint ett,
                              int hf_direction, labproto::Direction direction);

/* Appends `text` to the Info column, " ; " between the items of a frame. */
void labproto_lab_col_add(packet_info *pinfo, const char *text);

/* How a lab's two sides send. */
struct labproto_lab_sides_t {
    const char *protocol;      /* for the Protocol column */
    labproto::Direction fixed; /* the side that sends fixed-size items */
    guint item_len;
    /* One item, whole (TCP reassembles one split across segments and hands
     * over each of several in one segment); its data is the lab's state. */
    dissector_t item;
    /* The other side's data, as it comes. */
    void (*free_form)(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *state);
};

/* Dissects a TCP segment of a lab stream whose client is `client`. */
int labproto_dissect_lab(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *tcp_data,
                         const labproto_lab_sides_t *sides, const labproto_client_t *client,
                         void *state);
