/* packet-labproto-frames.cc
 * "-z labproto,frames,ID,FILTER": a listener on the frame tap that writes
 *     {"labproto_frames":[ID,FRAME]}
 * to stdout for every frame matching FILTER, as the frame is dissected (so
 * just before tshark prints that frame), and
 *     {"labproto_frames_total":[ID,COUNT]}
 * once the capture has been read. Several -z options answer several filters
 * in the same pass: labcheck evaluates its specs' display filters this way,
 * with no Lua in tshark. The lines are JSON so that they sit unambiguously
 * among -T ek output; the total lets a reader check it missed none.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "packet-labproto-frames.h"

#include "ws_compat.h" /* <wireshark.h>, or what 3.6 has of it */

#include <epan/packet_info.h>
#include <epan/stat_tap_ui.h>
#include <epan/tap.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LABPROTO_FRAMES_CLI "labproto,frames"

/* 4.6 lets a -z initialiser fail by returning false; before, it exits. */
#if LABPROTO_WS_AT_LEAST(4, 6)
typedef bool labproto_frames_init_result_t;
#define LABPROTO_FRAMES_INIT_OK return true
#define LABPROTO_FRAMES_INIT_FAILED return false
#else
typedef void labproto_frames_init_result_t;
#define LABPROTO_FRAMES_INIT_OK return
#define LABPROTO_FRAMES_INIT_FAILED exit(1)
#endif

struct labproto_frames_t {
    guint64 id;
    guint64 matched;
};

static tap_packet_status
labproto_frames_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_,
                       const void *data _U_, tap_flags_t flags _U_)
{
    auto *frames = static_cast<labproto_frames_t *>(tapdata);
    frames->matched++;
    printf("{\"labproto_frames\":[%" PRIu64 ",%u]}\n", frames->id, pinfo->num);
    return TAP_PACKET_DONT_REDRAW;
}

static void
labproto_frames_draw(void *tapdata)
{
    const auto *frames = static_cast<const labproto_frames_t *>(tapdata);
    printf("{\"labproto_frames_total\":[%" PRIu64 ",%" PRIu64 "]}\n", frames->id, frames->matched);
}

static void
labproto_frames_finish(void *tapdata)
{
    g_free(tapdata);
}

/* "labproto,frames,ID,FILTER": the ID, and where the filter starts (it may
 * hold commas itself); NULL when the argument is not of that form. */
static const char *
labproto_frames_parse(const char *opt_arg, guint64 *id)
{
    const size_t prefix = strlen(LABPROTO_FRAMES_CLI ",");
    if (strncmp(opt_arg, LABPROTO_FRAMES_CLI ",", prefix) != 0)
        return NULL;
    const char *digits = opt_arg + prefix;
    char *end = NULL;
    if (!g_ascii_isdigit(*digits))
        return NULL;
    *id = g_ascii_strtoull(digits, &end, 10);
    if (*end != ',')
        return NULL;
    return end + 1;
}

static labproto_frames_init_result_t
labproto_frames_init(const char *opt_arg, void *userdata _U_)
{
    guint64 id = 0;
    const char *filter = labproto_frames_parse(opt_arg, &id);
    if (!filter) {
        fprintf(stderr,
                "tshark: invalid \"-z %s\": expected -z " LABPROTO_FRAMES_CLI
                ",ID,FILTER (ID a number, FILTER a display filter)\n",
                opt_arg);
        LABPROTO_FRAMES_INIT_FAILED;
    }
    labproto_frames_t *frames = g_new0(labproto_frames_t, 1);
    frames->id = id;
    /* The frame tap sees every frame; the filter (compiled here) picks. */
    GString *error = register_tap_listener("frame", frames, filter, TL_REQUIRES_NOTHING, NULL,
                                           LABPROTO_TAP_PACKET_CB(labproto_frames_packet),
                                           labproto_frames_draw, labproto_frames_finish);
    if (error) {
        fprintf(stderr, "tshark: -z " LABPROTO_FRAMES_CLI ",%" PRIu64 ": %s\n", id, error->str);
        g_string_free(error, TRUE);
        g_free(frames);
        LABPROTO_FRAMES_INIT_FAILED;
    }
    LABPROTO_FRAMES_INIT_OK;
}

static void
labproto_frames_register(void)
{
    static stat_tap_ui labproto_frames_ui = {
        REGISTER_STAT_GROUP_GENERIC,
        "labproto frames matching a filter",
        LABPROTO_FRAMES_CLI,
        labproto_frames_init,
        0,
        NULL,
    };
    register_stat_tap_ui(&labproto_frames_ui, NULL);
}

void
labproto_register_frames_plugin(void)
{
    /* Taps are registered after every protocol, through a tap plugin. */
    static tap_plugin labproto_frames_plugin;
    labproto_frames_plugin.register_tap_listener = labproto_frames_register;
    tap_register_plugin(&labproto_frames_plugin);
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
