/* packet-labproto-keys.h
 * The keys of labproto's per-frame data, one list for every part of the
 * plugin that keeps some under proto_labproto.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

/* Keys of labproto's per-frame data in packet scope (p_get_proto_data with
 * pinfo->pool), one list for every part of the plugin. */
enum labproto_frame_key {
    LABPROTO_KEY_ORDINAL = 0, /* items added so far */
    LABPROTO_KEY_NUMBERED,    /* messages numbered so far */
    LABPROTO_KEY_FOREIGN,     /* the frame says the stream is not labproto's */
    LABPROTO_KEY_FLOW,        /* the frame's flow graph label (packet-labproto-flow.cc) */
};

/* Keys of labproto's per-frame data in file scope (wmem_file_scope()),
 * fixed on the first pass. */
enum labproto_file_key {
    LABPROTO_FILE_KEY_CONN = 0,    /* what the segment did (packet-labproto-conn.cc) */
    LABPROTO_FILE_KEY_HELD_HEADER, /* where a header TCP holds starts in the frame, plus 1 */
};
