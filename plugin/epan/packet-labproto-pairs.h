/* packet-labproto-pairs.h
 * Request and response: which server message answers which client message
 * (labproto.response_in, labproto.response_to, labproto.response_time).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include "packet-labproto.h"

/* Registers the fields; after proto_register_labproto. */
void proto_register_labproto_pairs(void);

/* Adds the links of message `index` of `direction` in `stream`, pairing it
 * on the first pass. */
void labproto_add_response_links(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                                 const labproto_stream_t *stream, labproto::Direction direction,
                                 guint32 index);
