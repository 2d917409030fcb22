/* ws_sequence_analysis.h
 * The part of Wireshark's epan/sequence_analysis.h (the flow graph) that
 * labproto uses. libwireshark exports register_seq_analysis on every
 * supported version, but no distribution's libwireshark-dev installs the
 * header, so the plugin declares what it needs, exactly as each version's
 * own header has it:
 * - 3.6.2, 4.0.17 and 4.2.2: from the Debian/Ubuntu source packages of those
 *   versions (their patches do not touch the file);
 * - 4.4 and 4.6 (bool instead of gboolean, and the `occurrence` list): from
 *   upstream.
 * tests/integration/test_flow.py holds every version's build to the offsets
 * at which that version's libwireshark itself reads these fields (by
 * disassembly, tests/integration/libwireshark_layout.py).
 * Where a build environment does install the header, it is used instead.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include "ws_compat.h" /* <wireshark.h>, or what 3.6 has of it */

#include <epan/address.h>
#include <epan/packet_info.h>
#include <epan/tap.h>

#if __has_include(<epan/sequence_analysis.h>)
#include <epan/sequence_analysis.h>
#else

#if LABPROTO_WS_AT_LEAST(4, 4)
typedef bool labproto_seq_bool_t;
#else
typedef gboolean labproto_seq_bool_t;
#endif

#define MAX_NUM_NODES 40

extern "C" {

/* One arrow of the graph. */
typedef struct _seq_analysis_item {
    guint32 frame_number;
    address src_addr;
    guint16 port_src;
    address dst_addr;
    guint16 port_dst;
    gchar *frame_label;
    gchar *time_str;
    gchar *comment;
    guint16 conv_num;
    unsigned fg_color;
    unsigned bg_color;
    labproto_seq_bool_t has_color_filter;
    labproto_seq_bool_t display;
    guint src_node;
    guint dst_node;
    guint16 line_style;
#if LABPROTO_WS_AT_LEAST(4, 2)
    int info_type; /* enum ga_info_type from 4.2 on: an int-sized enum */
#else
    guint32 info_type;
#endif
    gpointer info_ptr;
} seq_analysis_item_t;

/* The graph being drawn: the tap listener's data. */
typedef struct _seq_analysis_info {
    const char *name;
    labproto_seq_bool_t any_addr;
    int nconv;
    GQueue *items;
    GHashTable *ht;
    address nodes[MAX_NUM_NODES];
#if LABPROTO_WS_AT_LEAST(4, 4)
    uint8_t occurrence[MAX_NUM_NODES];
#endif
    guint32 num_nodes;
} seq_analysis_info_t;

WS_DLL_PUBLIC void register_seq_analysis(const char *name, const char *ui_name, const int proto_id,
                                         const char *tap_listener, guint tap_flags,
                                         tap_packet_cb tap_func);

WS_DLL_PUBLIC seq_analysis_item_t *
sequence_analysis_create_sai_with_addresses(packet_info *pinfo, seq_analysis_info_t *sainfo);

} /* extern "C" */

#endif /* no installed epan/sequence_analysis.h */
