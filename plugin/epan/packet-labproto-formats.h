/* packet-labproto-formats.h
 * The length-prefix table: home-grown length-prefixed protocols described by
 * the user, one row per port range, decoded as labproto messages.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include "ws_compat.h" /* <wireshark.h>, or what 3.6 has of it */

#include <epan/prefs.h>
#include <epan/range.h>

#include "packet-labproto-stream.h"

/* Registers the table as the preference "formats" of `module`; `changed` runs
 * whenever its rows change (to move the ports' registrations). */
void labproto_formats_register(module_t *module, void (*changed)(void));

/* The format of the first row whose ports hold `port`; false when none does. */
bool labproto_format_for_port(guint32 port, labproto_format_t *format);

/* Whether a row's ports hold `port`. */
bool labproto_formats_hold(guint32 port);
