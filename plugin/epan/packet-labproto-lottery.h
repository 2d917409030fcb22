/* packet-labproto-lottery.h
 * The lottery lab's protocol: 4-byte commands, text replies.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include "ws_compat.h" /* <wireshark.h>, or what 3.6 has of it */

void proto_register_labproto_lottery(void);
void proto_reg_handoff_labproto_lottery(void);
