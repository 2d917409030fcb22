/* packet-labproto-labs.cc
 * What the other labs' dissectors share (see the header).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "packet-labproto-labs.h"

#include <epan/dissectors/packet-tcp.h>

using labproto::Direction;

guint
labproto_encoding_of(labproto::ByteOrder order)
{
    return order == labproto::ByteOrder::kBig ? ENC_BIG_ENDIAN : ENC_LITTLE_ENDIAN;
}

void
labproto_add_generated_uint(proto_tree *tree, int hf, tvbuff_t *tvb, int offset, int length,
                            guint32 value)
{
    proto_item *ti = proto_tree_add_uint(tree, hf, tvb, offset, length, value);
    proto_item_set_generated(ti);
}

proto_item *
labproto_lab_add_int(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb, int offset,
                     labproto::ByteOrder order, const labproto_lab_int_fields_t *fields)
{
    proto_item *item =
        proto_tree_add_item(tree, *fields->value, tvb, offset, 4, labproto_encoding_of(order));
    labproto_add_generated_uint(tree, *fields->order, tvb, 0, 0, static_cast<guint32>(order));
    if (order == labproto::ByteOrder::kBig)
        expert_add_info(pinfo, item, fields->big_endian);
    return item;
}

proto_tree *
labproto_lab_tree(tvbuff_t *tvb, proto_tree *tree, int proto, gint ett, int hf_direction,
                  Direction direction)
{
    proto_item *ti = proto_tree_add_item(tree, proto, tvb, 0, -1, ENC_NA);
    proto_tree *lab_tree = proto_item_add_subtree(ti, ett);
    labproto_add_generated_uint(lab_tree, hf_direction, tvb, 0, 0, static_cast<guint32>(direction));
    return lab_tree;
}

void
labproto_lab_col_add(packet_info *pinfo, const char *text)
{
    col_append_sep_str(pinfo->cinfo, COL_INFO, " ; ", text);
}

/* What tcp_dissect_pdus hands the callbacks below. */
struct labproto_lab_call_t {
    const labproto_lab_sides_t *sides;
    void *state;
};

static guint
labproto_lab_item_len(packet_info *, tvbuff_t *, int, void *data)
{
    return static_cast<const labproto_lab_call_t *>(data)->sides->item_len;
}

static int
labproto_lab_item(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    const auto *call = static_cast<const labproto_lab_call_t *>(data);
    return call->sides->item(tvb, pinfo, tree, call->state);
}

int
labproto_dissect_lab(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *tcp_data,
                     const labproto_lab_sides_t *sides, const labproto_client_t *client,
                     void *state)
{
    if (!tcp_data)
        return 0; /* a TCP byte stream: nothing else */
    col_set_str(pinfo->cinfo, COL_PROTOCOL, sides->protocol);
    col_clear(pinfo->cinfo, COL_INFO);
    if (labproto_client_direction(client, pinfo) != sides->fixed) {
        sides->free_form(tvb, pinfo, tree, state);
        return tvb_captured_length(tvb);
    }
    auto *call = wmem_new(pinfo->pool, labproto_lab_call_t);
    call->sides = sides;
    call->state = state;
    tcp_dissect_pdus(tvb, pinfo, tree, TRUE, sides->item_len, labproto_lab_item_len,
                     labproto_lab_item, call);
    return tvb_captured_length(tvb);
}
