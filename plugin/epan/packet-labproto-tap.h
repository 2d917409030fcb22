/* packet-labproto-tap.h
 * How every part of the plugin hands data to its taps.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include "ws_compat.h" /* <wireshark.h>, or what 3.6 has of it */

#include <epan/packet.h>
#include <epan/tap.h>

/* Queues a copy of `message`, in pinfo->pool, to `tap` when someone listens
 * (tap data must outlive the dissection of the frame). */
template <typename T>
static inline void
labproto_tap_queue_copy(int tap, packet_info *pinfo, const T *message)
{
    if (!have_tap_listener(tap))
        return;
    T *copy = wmem_new(pinfo->pool, T);
    *copy = *message;
    tap_queue_packet(tap, pinfo, copy);
}
