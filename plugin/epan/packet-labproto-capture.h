/* packet-labproto-capture.h
 * Whether the capture file has been read to its end: only then does a
 * message whose direction simply stops say that the end of the capture cut
 * it short.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include <epan/packet_info.h>

/* Every frame, before anything turns it away: the first frame of a
 * dissection session says which capture file the session reads. */
void labproto_capture_frame(const packet_info *pinfo);

/* The file has been read to its end (tshark -2, the GUI after loading a file
 * or once a live capture stopped), so no more frames will come. */
bool labproto_capture_complete(void);

void proto_register_labproto_capture(void);
