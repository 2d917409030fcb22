/* packet-labproto-conn.h
 * Connection lifecycle analysis of labproto streams: handshake, teardown
 * and reset expert info, from a postdissector that sees every TCP segment
 * (SYN, pure ACK, FIN and RST segments never reach a port subdissector).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

void proto_register_labproto_conn(void);
