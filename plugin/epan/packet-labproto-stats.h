/* packet-labproto-stats.h
 * The labproto statistics tree (Statistics > labproto, tshark -z labproto,tree).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

/* Registers the tree; a tap listener, so called after every dissector's
 * registration (plugin.cc hands it to tap_register_plugin). */
void register_labproto_stats_tree(void);
