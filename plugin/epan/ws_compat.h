/* ws_compat.h
 * The few Wireshark API differences between 3.6, 4.0, 4.2, 4.4 and 4.6 that
 * labproto touches, gated on the version of the headers it is built against.
 * Every glue file includes this instead of <wireshark.h>.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#if __has_include(<wireshark.h>)
#include <wireshark.h>
#else
/* 3.6 installs no <wireshark.h>: what it gathers from 4.0 on, as far as 3.6
 * has it (there is no ws_posix_compat.h yet). */
#include <glib.h>
#include <inttypes.h>
#include <stdbool.h>
#include <string.h>
#include <ws_attributes.h>
#include <ws_compiler_tests.h>
#include <ws_diag_control.h>
#include <ws_symbol_export.h>
#include <ws_version.h>
#include <wsutil/glib-compat.h>
#include <wsutil/wmem/wmem.h>
#include <wsutil/ws_assert.h>
#include <wsutil/wslog.h>
#endif

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

/* 3.6 has no p_set_proto_data (4.0): the same as removing and adding. */
#if !LABPROTO_WS_AT_LEAST(4, 0)
#include <epan/proto_data.h>

static inline void
p_set_proto_data(wmem_allocator_t *scope, struct _packet_info *pinfo, int proto, guint32 key,
                 void *data)
{
    p_remove_proto_data(scope, pinfo, proto, key);
    p_add_proto_data(scope, pinfo, proto, key, data);
}
#endif

/* Stats tree packet callbacks take the tap flags from 4.0 on. labproto's
 * callback is written with them; on 3.6 it is registered through an adapter
 * that passes none. */
#if LABPROTO_WS_AT_LEAST(4, 0)
#define LABPROTO_STATS_TREE_PACKET_CB(callback) (callback)
#else
#include <epan/stats_tree.h>

typedef guint32 tap_flags_t;

template <auto callback>
static tap_packet_status
labproto_stats_tree_packet_3_6(stats_tree *st, packet_info *pinfo, epan_dissect_t *edt,
                               const void *data)
{
    return callback(st, pinfo, edt, data, 0);
}
#define LABPROTO_STATS_TREE_PACKET_CB(callback) (labproto_stats_tree_packet_3_6<callback>)
#endif

/* Tap listeners' packet callbacks (tap_packet_cb: follow, ...) likewise. */
#if LABPROTO_WS_AT_LEAST(4, 0)
#define LABPROTO_TAP_PACKET_CB(callback) (callback)
#else
#include <epan/tap.h>

template <auto callback>
static tap_packet_status
labproto_tap_packet_3_6(void *tapdata, packet_info *pinfo, epan_dissect_t *edt, const void *data)
{
    return callback(tapdata, pinfo, edt, data, 0);
}
#define LABPROTO_TAP_PACKET_CB(callback) (labproto_tap_packet_3_6<callback>)
#endif

/* A UAT record's check callback returns gboolean up to 4.0, bool from 4.2. */
#if LABPROTO_WS_AT_LEAST(4, 2)
typedef bool labproto_uat_bool_t;
#else
typedef gboolean labproto_uat_bool_t;
#endif

/* Reviewed against the 4.0 -> 4.4 drift, needing no gate here:
 * - field_info->value became a pointer in 4.2: gated where it is read
 *   (packet-labproto-conn.cc);
 * - stats_tree_register_plugin returns a configuration from 4.4 on and the
 *   menu separator became "//": labproto ignores the result and has no
 *   submenu (packet-labproto-stats.cc);
 * - tcpinfo gained `stream` in 4.4: the stream index is read from
 *   tcp_analysis, present in every version. */

/* 3.6 names a handle's protocol with what 4.0 deprecated for this. */
#if !LABPROTO_WS_AT_LEAST(4, 0)
#define dissector_handle_get_protocol_short_name dissector_handle_get_short_name
#endif

/* 4.4 plugins may describe themselves; older loaders do not look for it. */
#if LABPROTO_WS_AT_LEAST(4, 4)
#define LABPROTO_HAS_PLUGIN_DESCRIBE 1
#endif

/* 4.4 renamed the tvb getters from glib types (tvb_get_guint8) to stdint ones;
 * 4.6 deprecates the old names. */
#if !LABPROTO_WS_AT_LEAST(4, 4)
#include <epan/tvbuff.h>
#define tvb_get_uint8 tvb_get_guint8
#endif
