/* packet-labproto-capture.cc
 * Whether the capture file has been read to its end
 *
 * Wireshark says that a file has been read to its end by calling the postseq
 * cleanup routines: tshark after its first pass, the GUI after loading a file
 * and when a live capture stops. While a capture runs, nothing is known.
 *
 * A redissection (the GUI after a preference change, Decode As, Enabled
 * Protocols or Reload Lua Plugins) runs a new dissection session over the
 * frames already read, and no end of reading follows it. The new session is
 * therefore complete once it has gone over as many frames as the one before
 * it, if that one was complete and started with the same first frame. A new
 * file, or a new capture, starts with another frame; a reloaded one is
 * complete again once it has been read.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "packet-labproto-capture.h"

#include <epan/frame_data.h>
#include <epan/packet.h>
#include <wsutil/nstime.h>

/* What tells one capture file's first frame from another's. */
struct labproto_first_frame_t {
    nstime_t ts;
    guint32 len;
};

struct labproto_capture_t {
    bool read;                    /* the end of reading was announced */
    guint32 frames;               /* frames gone over in the first pass */
    labproto_first_frame_t first; /* frame 1 */
};

/* This session's capture, and the one the session before it read. */
static labproto_capture_t labproto_capture;
static labproto_capture_t labproto_previous_capture;

void
labproto_capture_frame(const packet_info *pinfo)
{
    if (PINFO_FD_VISITED(pinfo))
        return;
    if (pinfo->num == 1)
        labproto_capture.first = {pinfo->abs_ts, pinfo->fd->pkt_len};
    if (pinfo->num > labproto_capture.frames)
        labproto_capture.frames = pinfo->num;
}

static bool
labproto_capture_redissected(void)
{
    const labproto_capture_t &now = labproto_capture, &before = labproto_previous_capture;
    return before.read && now.frames >= before.frames &&
           nstime_cmp(&now.first.ts, &before.first.ts) == 0 && now.first.len == before.first.len;
}

bool
labproto_capture_complete(void)
{
    return labproto_capture.read || labproto_capture_redissected();
}

static void
labproto_capture_read(void)
{
    labproto_capture.read = true;
}

static void
labproto_capture_cleanup(void)
{
    labproto_previous_capture = labproto_capture;
    labproto_previous_capture.read = labproto_capture_complete();
    labproto_capture = labproto_capture_t();
}

void
proto_register_labproto_capture(void)
{
    register_postseq_cleanup_routine(labproto_capture_read);
    register_cleanup_routine(labproto_capture_cleanup);
}

/*
 * Editor modelines  -  https://www.wireshark.org/tools/modelines.html
 *
 * Local variables:
 * c-basic-offset: 4
 * tab-width: 8
 * indent-tabs-mode: nil
 * End:
 *
 * vi: set shiftwidth=4 tabstop=8 expandtab:
 * :indentSize=4:tabSize=8:noTabs=true:
 */
