/* packet-labproto-follow.h
 * Follow labproto stream (Analyze > Follow > LABPROTO where the version lists
 * registered followers, tshark -z follow,labproto,MODE,N): the messages of a
 * connection in order, one record each, header stripped, text decoded.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include "ws_compat.h" /* <wireshark.h>, or what 3.6 has of it */

#include <epan/packet.h>

#include "direction.h"

/* One message as Follow Stream shows it; the strings are in pinfo->pool. */
struct labproto_follow_message_t {
    labproto::Direction direction;
    guint32 index;
    guint32 length;   /* the body length its header announced */
    const char *text; /* the body decoded, control characters visible; NULL: none */
    const char *note; /* e.g. "partial", "malformed length"; NULL: none */
};

/* Registers the follower and its tap; after proto_register_labproto. */
void proto_register_labproto_follow(int proto);

/* Whether someone follows a labproto stream (then bodies must be decoded
 * even without a tree or columns). */
bool labproto_follow_wanted(void);

/* Reports a message to the follow tap. */
void labproto_follow_message(packet_info *pinfo, const labproto_follow_message_t *message);
