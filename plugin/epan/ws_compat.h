/* ws_compat.h
 * The few Wireshark API differences between 4.0, 4.2 and 4.4 that labproto
 * touches, gated on the version of the headers it is built against.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include <ws_version.h>
#include <wsutil/wmem/wmem.h>

#include <type_traits>

#define LABPROTO_WS_AT_LEAST(major, minor)                                                         \
    (WIRESHARK_VERSION_MAJOR > (major) ||                                                          \
     (WIRESHARK_VERSION_MAJOR == (major) && WIRESHARK_VERSION_MINOR >= (minor)))

/* 4.4 moved heuristic dissectors and boolean preferences from gboolean to bool. */
#if LABPROTO_WS_AT_LEAST(4, 4)
typedef bool labproto_heur_result_t;
typedef bool labproto_pref_bool_t;
#else
typedef gboolean labproto_heur_result_t;
typedef gboolean labproto_pref_bool_t;
#endif

/* wmem user callbacks return gboolean in 4.0 and bool in 4.4: the type is
 * taken from the callback typedef itself, whichever version brought it. */
typedef std::invoke_result_t<wmem_user_cb_t, wmem_allocator_t *, wmem_cb_event_t, void *>
    labproto_wmem_cb_result_t;

/* Reviewed against the 4.0 -> 4.4 drift, needing no gate here:
 * - field_info->value became a pointer in 4.2: gated where it is read
 *   (packet-labproto-conn.cc);
 * - stats_tree_register_plugin returns a configuration from 4.4 on and the
 *   menu separator became "//": labproto ignores the result and has no
 *   submenu (packet-labproto-stats.cc);
 * - tcpinfo gained `stream` in 4.4: the stream index is read from
 *   tcp_analysis, present in every version. */

/* 4.4 plugins may describe themselves; older loaders do not look for it. */
#if LABPROTO_WS_AT_LEAST(4, 4)
#define LABPROTO_HAS_PLUGIN_DESCRIBE 1
#endif
