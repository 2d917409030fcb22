/* packet-labproto-ft.h
 * The file-transfer lab's protocol: a path, then file_segment records.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include "ws_compat.h" /* <wireshark.h>, or what 3.6 has of it */

void proto_register_labproto_ft(void);
void proto_reg_handoff_labproto_ft(void);
