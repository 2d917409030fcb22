/* packet-labproto-frames.h
 * "-z labproto,frames,ID,FILTER": which frames match a display filter, as
 * they are dissected, for tools (labcheck) that need several filters
 * answered in one tshark pass without Lua.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

/* Registers the statistic with tshark's -z; called from plugin_register. */
void labproto_register_frames_plugin(void);
