/* packet-labproto-flow.h
 * The LABPROTO flow graph (Statistics > Flow Graph, flow type LABPROTO;
 * tshark -z flow,labproto,standard): a ladder diagram of every segment of
 * the connections labproto owns, each arrow labelled with the messages it
 * carried or the handshake and close step it was. Its endpoints are
 * address and port, so that both ends of a loopback capture get a column.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include "ws_compat.h" /* <wireshark.h>, or what 3.6 has of it */

#include <epan/packet.h>

#include "flow_label.h"

/* Registers the flow and its tap; after proto_register_labproto. */
void proto_register_labproto_flow(int proto);

/* Whether a flow graph is being drawn (then message text must be decoded
 * even without a tree or columns). */
bool labproto_flow_wanted(void);

/* What the frame carried, for its arrow: a message line (message_line
 * with the preview) and a connection step ("Handshake 1/3"). */
void labproto_flow_message(packet_info *pinfo, const char *line);
void labproto_flow_event(packet_info *pinfo, const char *event);

/* The frame's arrow, once the frame has been dissected (from the lifecycle
 * postdissector, which sees every segment of a labproto stream). */
void labproto_flow_segment(packet_info *pinfo, const labproto::FlowSegment &segment,
                           guint32 stream);
