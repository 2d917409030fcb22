/* packet-labproto-pairs.h
 * Request and response: which server message answers which client message
 * (labproto.response_in, labproto.response_to, labproto.response_time).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include "ws_compat.h" /* <wireshark.h>, or what 3.6 has of it */

#include <epan/packet.h>

#include "direction.h"
#include "packet-labproto-stream.h"

/* Registers the fields; after proto_register_labproto. */
void proto_register_labproto_pairs(int proto);

/* Adds the links of message `index` of `direction` in `stream`, pairing it
 * on the first pass. Returns the time since the client message it answers,
 * for a server message that answers one (else NULL; file scope). */
const nstime_t *labproto_add_response_links(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                                            const labproto_stream_t *stream,
                                            labproto::Direction direction, guint32 index);
