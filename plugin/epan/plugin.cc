/* plugin.cc
 * Entry points Wireshark's plugin loader looks up in labproto.so.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#define WS_BUILD_DLL
#include "ws_compat.h" /* <wireshark.h>, or what 3.6 has of it */

#include <epan/proto.h>
#include <epan/tap.h>

#include "packet-labproto-capture.h"
#include "packet-labproto-conn.h"
#include "packet-labproto-flow.h"
#include "packet-labproto-follow.h"
#include "packet-labproto-frames.h"
#include "packet-labproto-ft.h"
#include "packet-labproto-lottery.h"
#include "packet-labproto-pairs.h"
#include "packet-labproto-stats.h"
#include "packet-labproto.h"
#include "ws_compat.h"

#ifdef LABPROTO_HAS_PLUGIN_DESCRIBE
#include <wsutil/plugins.h> /* WS_PLUGIN_DESC_DISSECTOR, new in 4.4 */
#endif

#ifndef LABPROTO_VERSION
#error "LABPROTO_VERSION must be defined by the build"
#endif

extern "C" {

/* The loader refuses a plugin whose major.minor differs from its own. */
WS_DLL_PUBLIC_DEF extern const char plugin_version[] = LABPROTO_VERSION;
WS_DLL_PUBLIC_DEF extern const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF extern const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);
#ifdef LABPROTO_HAS_PLUGIN_DESCRIBE
WS_DLL_PUBLIC uint32_t plugin_describe(void);
#endif
}

/* Each part of the plugin registers itself; the protocol comes first. */
static void
register_labproto_parts(void)
{
    proto_register_labproto();
    proto_register_labproto_capture();
    proto_register_labproto_conn();
    proto_register_labproto_follow(proto_labproto);
    proto_register_labproto_flow(proto_labproto);
    proto_register_labproto_pairs(proto_labproto);
    proto_register_labproto_lottery();
    proto_register_labproto_ft();
}

static void
handoff_labproto_parts(void)
{
    proto_reg_handoff_labproto();
    proto_reg_handoff_labproto_lottery();
    proto_reg_handoff_labproto_ft();
}

void
plugin_register(void)
{
    static proto_plugin labproto_plugin;
    labproto_plugin.register_protoinfo = register_labproto_parts;
    labproto_plugin.register_handoff = handoff_labproto_parts;
    proto_register_plugin(&labproto_plugin);

    static tap_plugin labproto_stats_plugin;
    labproto_stats_plugin.register_tap_listener = register_labproto_stats_tree;
    tap_register_plugin(&labproto_stats_plugin);
    labproto_register_frames_plugin();
}

#ifdef LABPROTO_HAS_PLUGIN_DESCRIBE
uint32_t
plugin_describe(void)
{
    return WS_PLUGIN_DESC_DISSECTOR | WS_PLUGIN_DESC_TAP_LISTENER;
}
#endif
