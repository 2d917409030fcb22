/* packet-labproto.h
 * Shared between the labproto message dissector (packet-labproto.cc) and its
 * connection lifecycle analysis (packet-labproto-conn.cc).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include <wireshark.h>

#include <epan/packet.h>

#include "direction.h"
#include "direction_framing.h"

/* Everything labproto remembers about one TCP stream, in file scope. */
struct labproto_conv_t {
    labproto::DirectionFraming framing[2]; /* indexed by labproto::Direction */
};

extern int proto_labproto;
extern int hf_labproto_direction;

void proto_register_labproto(void);
void proto_reg_handoff_labproto(void);

/* The labproto state of the segment's TCP stream, or NULL when labproto
 * has not claimed it (and `create` is false). */
labproto_conv_t *labproto_conv_lookup(packet_info *pinfo, bool create);

/* Which way the current segment travels. */
labproto::Direction labproto_segment_direction(packet_info *pinfo);
