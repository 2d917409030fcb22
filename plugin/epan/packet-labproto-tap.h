/* packet-labproto-tap.h
 * How every part of the plugin hands data to its taps.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include "ws_compat.h" /* <wireshark.h>, or what 3.6 has of it */

#include <epan/packet.h>
#include <epan/tap.h>
#include <epan/to_str.h>

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

/* An endpoint as the flow graph and the statistics name it, address and
 * port: "192.0.2.1:9000", "[2001:db8::1]:9000"; in `scope`. */
static inline char *
labproto_endpoint_name(wmem_allocator_t *scope, const address *ip, guint32 port)
{
    char *text = address_to_str(scope, ip);
    char *name = ip->type == AT_IPv6 ? wmem_strdup_printf(scope, "[%s]:%u", text, port)
                                     : wmem_strdup_printf(scope, "%s:%u", text, port);
    wmem_free(scope, text);
    return name;
}
