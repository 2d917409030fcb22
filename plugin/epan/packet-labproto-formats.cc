/* packet-labproto-formats.cc
 * The length-prefix table (a UAT, "labproto_formats"): each row gives a port
 * range and how its messages announce their length (where the length field
 * is, how wide, in which byte order, whether it counts the header, the
 * largest believable value) and the text encoding of the bodies. Streams to
 * those ports are labproto's, framed by the core's LengthPrefix like the lab's
 * own protocol, so reassembly, lone-header pairing, the lifecycle, statistics
 * and labcheck work for every row alike.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "packet-labproto-formats.h"

#include <epan/uat.h>

#include <algorithm>
#include <bitset>

using labproto::ByteOrderPref;
using labproto::TextEncoding;

/* One row as the table stores it. */
struct labproto_format_row_t {
    range_t *ports;
    guint offset;
    guint width;
    guint byte_order;
    bool counts_header;
    guint max_len;
    guint encoding;
};

static labproto_format_row_t *labproto_format_rows;
static guint labproto_format_row_count;
/* Every port of every usable row: asked for each stream that is claimed. */
static std::bitset<65536> labproto_format_ports;
static void (*labproto_formats_changed)(void);

static const value_string labproto_format_order_vals[] = {
    {static_cast<guint32>(ByteOrderPref::kAuto), "auto"},
    {static_cast<guint32>(ByteOrderPref::kLittle), "little"},
    {static_cast<guint32>(ByteOrderPref::kBig), "big"},
    {0, NULL}};

static const value_string labproto_format_encoding_vals[] = {
    {static_cast<guint32>(TextEncoding::kAuto), "auto"},
    {static_cast<guint32>(TextEncoding::kUtf8), "utf-8"},
    {static_cast<guint32>(TextEncoding::kCp949), "cp949"},
    {static_cast<guint32>(TextEncoding::kEucKr), "euc-kr"},
    {static_cast<guint32>(TextEncoding::kAscii), "ascii"},
    {static_cast<guint32>(TextEncoding::kLatin1), "latin1"},
    {0, NULL}};

UAT_RANGE_CB_DEF(labproto_format, ports, labproto_format_row_t)
UAT_DEC_CB_DEF(labproto_format, offset, labproto_format_row_t)
UAT_DEC_CB_DEF(labproto_format, width, labproto_format_row_t)
UAT_VS_DEF(labproto_format, byte_order, labproto_format_row_t, guint, 0, "auto")
UAT_BOOL_CB_DEF(labproto_format, counts_header, labproto_format_row_t)
UAT_DEC_CB_DEF(labproto_format, max_len, labproto_format_row_t)
UAT_VS_DEF(labproto_format, encoding, labproto_format_row_t, guint, 0, "auto")

static labproto::LengthPrefix
labproto_row_prefix(const labproto_format_row_t *row)
{
    labproto::LengthPrefix prefix;
    prefix.offset = static_cast<uint8_t>(std::min<guint>(row->offset, 255));
    prefix.width = static_cast<uint8_t>(std::min<guint>(row->width, 255));
    prefix.counts_header = row->counts_header;
    prefix.max_len = row->max_len;
    return prefix;
}

static labproto_uat_bool_t
labproto_format_row_check(void *record, char **error)
{
    const auto *row = static_cast<labproto_format_row_t *>(record);
    if (!row->ports || row->ports->nranges == 0) {
        *error = g_strdup("Give the row a port or port range");
        return false;
    }
    if (!labproto_row_prefix(row).valid()) {
        *error = g_strdup_printf("Length field of %u bytes at offset %u: the width must be 1, 2, 4"
                                 " or 8 and the header at most %u bytes",
                                 row->width, row->offset, labproto::kMaxHeaderLen);
        return false;
    }
    if (row->max_len == 0) {
        *error = g_strdup("The largest believable length must be above 0");
        return false;
    }
    return true;
}

static void *
labproto_format_row_copy(void *dest, const void *source, size_t)
{
    auto *to = static_cast<labproto_format_row_t *>(dest);
    const auto *from = static_cast<const labproto_format_row_t *>(source);
    *to = *from;
    to->ports = from->ports ? range_copy(NULL, from->ports) : NULL;
    return to;
}

static void
labproto_format_row_free(void *record)
{
    auto *row = static_cast<labproto_format_row_t *>(record);
    wmem_free(NULL, row->ports);
    row->ports = NULL;
}

/* A row Wireshark loaded without checking it (a hand-edited file): only
 * valid rows count. */
static bool
labproto_format_row_usable(const labproto_format_row_t *row)
{
    char *error = NULL;
    const bool usable = labproto_format_row_check(const_cast<labproto_format_row_t *>(row), &error);
    g_free(error);
    return usable;
}

static void
labproto_formats_post_update(void)
{
    labproto_format_ports.reset();
    for (guint i = 0; i < labproto_format_row_count; i++) {
        const labproto_format_row_t *row = &labproto_format_rows[i];
        if (!labproto_format_row_usable(row))
            continue;
        for (guint32 r = 0; r < row->ports->nranges; r++)
            for (guint32 port = row->ports->ranges[r].low;
                 port <= std::min<guint32>(row->ports->ranges[r].high, 0xFFFF); port++)
                labproto_format_ports.set(port);
    }
    if (labproto_formats_changed)
        labproto_formats_changed();
}

static uat_field_t labproto_format_fields[] = {
    UAT_FLD_RANGE(labproto_format, ports, "Ports", 65535, "TCP server ports, e.g. 7000-7010"),
    UAT_FLD_DEC(labproto_format, offset, "Length offset",
                "Header bytes before the length field (0 to 8)"),
    UAT_FLD_DEC(labproto_format, width, "Length width", "Bytes of the length field: 1, 2, 4 or 8"),
    UAT_FLD_VS(labproto_format, byte_order, "Byte order", labproto_format_order_vals,
               "auto (per direction, from its first telling header), little or big"),
    UAT_FLD_BOOL(labproto_format, counts_header, "Length counts the header",
                 "TRUE: the length is of header and body together"),
    UAT_FLD_DEC(labproto_format, max_len, "Largest length",
                "A length above this is malformed (1048576 is labproto's default)"),
    UAT_FLD_VS(labproto_format, encoding, "Text encoding", labproto_format_encoding_vals,
               "auto (UTF-8, else CP949), utf-8, cp949, euc-kr, ascii or latin1"),
    UAT_END_FIELDS};

void
labproto_formats_register(module_t *module, void (*changed)(void))
{
    labproto_formats_changed = changed;
    uat_t *table =
        uat_new("Length-prefixed protocols", sizeof(labproto_format_row_t), "labproto_formats",
                TRUE, &labproto_format_rows, &labproto_format_row_count, UAT_AFFECTS_DISSECTION,
                NULL, labproto_format_row_copy, labproto_format_row_check, labproto_format_row_free,
                labproto_formats_post_update, NULL, labproto_format_fields);
    prefs_register_uat_preference(
        module, "formats", "Length-prefixed protocols",
        "One row per port range: where the length field is, its width (1, 2, 4 or 8 bytes),"
        " byte order, whether it counts the header, the largest believable length and the"
        " text encoding. Streams to those ports are decoded as labproto messages in that"
        " format; the lab's own protocol (4-byte int length, then the body) keeps the port"
        " and format preferences above.",
        table);
}

bool
labproto_format_for_port(guint32 port, labproto_format_t *format)
{
    if (!labproto_formats_hold(port))
        return false;
    for (guint i = 0; i < labproto_format_row_count; i++) {
        const labproto_format_row_t *row = &labproto_format_rows[i];
        if (!labproto_format_row_usable(row) || !value_is_in_range(row->ports, port))
            continue;
        format->prefix = labproto_row_prefix(row);
        format->order = static_cast<ByteOrderPref>(row->byte_order);
        format->encoding = static_cast<TextEncoding>(row->encoding);
        return true;
    }
    return false;
}

bool
labproto_formats_hold(guint32 port)
{
    return port <= 0xFFFF && labproto_format_ports.test(port);
}
