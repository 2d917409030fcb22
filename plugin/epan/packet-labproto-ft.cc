/* packet-labproto-ft.cc
 * Routines for the file-transfer lab's protocol (LABPROTO file transfer)
 *
 * The client writes a file path (text, no length); the server answers with
 * `struct { int len; char buf[256]; }` records, 260 bytes each whatever `len`
 * is, until the end of the file, then closes. The records and the file they
 * carry are read by the core (file_transfer.h); this file is the epan glue,
 * including File > Export Objects > LABPROTO file transfer (and tshark
 * --export-objects labproto_ft,DIR). It has no default port: Decode As, or the
 * labproto_ft.tcp.port preference.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "packet-labproto-ft.h"

#include <epan/export_object.h>
#include <epan/expert.h>
#include <epan/proto_data.h>
#include <epan/to_str.h>

#include "file_transfer.h"
#include "packet-labproto-labs.h"
#include "packet-labproto.h"

using labproto::Direction;
using labproto::FileRecord;

static int proto_labproto_ft = -1;

static int hf_ft_direction = -1;
static int hf_ft_path = -1;
static int hf_ft_record = -1;
static int hf_ft_len = -1;
static int hf_ft_byte_order = -1;
static int hf_ft_data = -1;
static int hf_ft_padding = -1;
static int hf_ft_offset = -1;
static int hf_ft_file_size = -1;

static gint ett_ft = -1;

static expert_field ei_ft_len_invalid = EI_INIT;
static expert_field ei_ft_padding_stale = EI_INIT;
static expert_field ei_ft_big_endian = EI_INIT;
static expert_field ei_ft_file_complete = EI_INIT;

static dissector_handle_t ft_handle;
static int ft_export_tap = -1;

/* Keys of the per-frame data (p_get_proto_data). */
enum ft_frame_key {
    FT_KEY_RECORD = 0, /* record numbering (labproto_item_number) */
};

/* One transfer, in file scope. */
struct ft_conv_t {
    labproto::FileAssembly file;
    labproto_client_t client;
    const char *path;    /* the first path the client sent (NULL: none yet) */
    guint32 last_record; /* the record that ended the file (0: none yet) */

    explicit ft_conv_t(labproto::Arena *arena) : file(arena), client(), path(NULL), last_record(0)
    {
    }
};

/* What Export Objects receives: the whole file, once, at its last record. */
struct ft_export_t {
    const guint8 *data;
    size_t size;
    const char *path;
};

/* ---- The path ------------------------------------------------------------- */

static void
dissect_ft_path(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *state)
{
    auto *conv = static_cast<ft_conv_t *>(state);
    proto_tree *ft_tree = labproto_lab_tree(tvb, tree, proto_labproto_ft, ett_ft, hf_ft_direction,
                                            Direction::kClientToServer);
    const guint length = tvb_captured_length(tvb);
    const guint8 *bytes = tvb_get_ptr(tvb, 0, length);
    /* Up to the first NUL, as the server's open() reads it. */
    const labproto::NulBytes nuls = labproto::find_nul_bytes(bytes, length);
    const guint text_len =
        nuls.shape == labproto::NulShape::kNone ? length : static_cast<guint>(nuls.first);
    const labproto_body_text_t text = labproto_decode_body(pinfo, bytes, text_len, true);
    proto_item *pi = proto_tree_add_string(ft_tree, hf_ft_path, tvb, 0, static_cast<gint>(length),
                                           text.text ? text.text : "");
    labproto_add_nul_notes(pinfo, pi, nuls, length);
    if (!PINFO_FD_VISITED(pinfo) && !conv->path && text.text)
        conv->path = wmem_strdup(wmem_file_scope(), text.text);
    labproto_lab_col_add(pinfo,
                         wmem_strdup_printf(pinfo->pool, "Path: %s", text.text ? text.text : ""));
}

/* ---- The records ---------------------------------------------------------- */

/* Whether this record is the file's last: the first one shorter than buf ends it (the
 * server's read() came back short: the end of the file); once the first pass
 * has seen them all, the last record does. */
static bool
ft_record_ends_file(const ft_conv_t *conv, packet_info *pinfo, guint32 number,
                    const FileRecord &record)
{
    if (PINFO_FD_VISITED(pinfo))
        return number == (conv->last_record ? conv->last_record : conv->file.records());
    return !conv->last_record && record.valid && record.data_len < labproto::kFileBufLen;
}

static void
ft_export_file(packet_info *pinfo, const ft_conv_t *conv)
{
    if (!have_tap_listener(ft_export_tap))
        return;
    auto *file = wmem_new(pinfo->pool, ft_export_t);
    file->data = conv->file.data();
    file->size = conv->file.size();
    file->path = conv->path;
    tap_queue_packet(ft_export_tap, pinfo, file);
}

static int
dissect_ft_record(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    auto *conv = static_cast<ft_conv_t *>(data);
    const FileRecord record =
        labproto::read_file_record(tvb_get_ptr(tvb, 0, labproto::kFileRecordLen));
    const guint8 *file_data = tvb_get_ptr(tvb, labproto::kFileLenBytes, record.data_len);
    const guint32 number = labproto_item_number(
        pinfo, proto_labproto_ft, FT_KEY_RECORD,
        PINFO_FD_VISITED(pinfo) ? 0 : conv->file.add(file_data, record.data_len));

    proto_tree *ft_tree = labproto_lab_tree(tvb, tree, proto_labproto_ft, ett_ft, hf_ft_direction,
                                            Direction::kServerToClient);
    labproto_add_generated_uint(ft_tree, hf_ft_record, tvb, 0, 0, number);
    static const labproto_lab_int_fields_t len_fields = {&hf_ft_len, &hf_ft_byte_order,
                                                         &ei_ft_big_endian};
    proto_item *li = labproto_lab_add_int(ft_tree, pinfo, tvb, 0, record.order, &len_fields);
    if (!record.valid)
        expert_add_info_format(pinfo, li, &ei_ft_len_invalid,
                               "len %d is not a byte count of buf (0 to %u)",
                               static_cast<gint32>(record.len_field), labproto::kFileBufLen);
    proto_item *pi =
        proto_tree_add_uint64(ft_tree, hf_ft_offset, tvb, 0, 0, conv->file.offset_of(number));
    proto_item_set_generated(pi);
    proto_tree_add_item(ft_tree, hf_ft_data, tvb, labproto::kFileLenBytes,
                        static_cast<gint>(record.data_len), ENC_NA);
    const gint padding_len = static_cast<gint>(labproto::kFileBufLen - record.data_len);
    if (padding_len > 0) {
        proto_item *padding =
            proto_tree_add_item(ft_tree, hf_ft_padding, tvb,
                                labproto::kFileLenBytes + record.data_len, padding_len, ENC_NA);
        if (record.stale_bytes)
            expert_add_info_format(
                pinfo, padding, &ei_ft_padding_stale,
                "%u of the %d bytes of buf after the data are not zero: what buf held before"
                " (an earlier record's data), sent along because the whole struct is written",
                record.stale_bytes, padding_len);
    }
    const bool ends_file = ft_record_ends_file(conv, pinfo, number, record);
    if (ends_file) {
        if (!PINFO_FD_VISITED(pinfo))
            conv->last_record = number;
        pi = proto_tree_add_uint64(ft_tree, hf_ft_file_size, tvb, 0, 0, conv->file.size());
        proto_item_set_generated(pi);
        expert_add_info_format(pinfo, pi, &ei_ft_file_complete,
                               "End of the file: %u records, %" PRIu64 " bytes", number,
                               static_cast<guint64>(conv->file.size()));
        ft_export_file(pinfo, conv);
    }
    labproto_lab_col_add(pinfo, wmem_strdup_printf(pinfo->pool, "Record #%u: len=%d%s", number,
                                                   static_cast<gint32>(record.len_field),
                                                   ends_file ? " (end of file)" : ""));
    return labproto::kFileRecordLen;
}

/* ---- The dissector -------------------------------------------------------- */

static const labproto_lab_sides_t ft_sides = {"LABPROTO file transfer", Direction::kServerToClient,
                                              labproto::kFileRecordLen, dissect_ft_record,
                                              dissect_ft_path};

static int
dissect_labproto_ft(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    auto *conv = labproto_lab_state<ft_conv_t>(pinfo, proto_labproto_ft);
    return labproto_dissect_lab(tvb, pinfo, tree, data, &ft_sides, &conv->client, conv);
}

/* ---- Export Objects ------------------------------------------------------- */

static tap_packet_status
ft_export_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *, const void *data, tap_flags_t)
{
    auto *objects = static_cast<export_object_list_t *>(tapdata);
    const auto *file = static_cast<const ft_export_t *>(data);
    auto *entry = g_new0(export_object_entry_t, 1);
    entry->pkt_num = pinfo->num;
    gchar *host = address_to_str(NULL, &pinfo->src);
    entry->hostname = g_strdup(host);
    wmem_free(NULL, host);
    entry->content_type = g_strdup("application/octet-stream");
    entry->filename = file->path && *file->path ? g_path_get_basename(file->path)
                                                : g_strdup_printf("file-%u", pinfo->num);
    entry->payload_len = file->size;
    entry->payload_data = static_cast<guint8 *>(g_memdup2(file->data, file->size));
    objects->add_entry(objects->gui_data, entry);
    return TAP_PACKET_REDRAW;
}

void
proto_register_labproto_ft(void)
{
    static hf_register_info hf[] = {
        {&hf_ft_direction,
         {"Direction", "labproto_ft.direction", FT_UINT8, BASE_DEC, VALS(labproto_direction_vals),
          0x0, "0: client to server, 1: server to client", HFILL}},
        {&hf_ft_path,
         {"Path", "labproto_ft.path", FT_STRING, BASE_NONE, NULL, 0x0,
          "The file the client asked for, up to the first NUL byte", HFILL}},
        {&hf_ft_record,
         {"Record", "labproto_ft.record", FT_UINT32, BASE_DEC, NULL, 0x0,
          "1-based number of the file_segment record within the transfer", HFILL}},
        {&hf_ft_len,
         {"len", "labproto_ft.len", FT_INT32, BASE_DEC, NULL, 0x0,
          "The record's `int len`: bytes of buf that are file data", HFILL}},
        {&hf_ft_byte_order,
         {"len byte order", "labproto_ft.byte_order", FT_UINT8, BASE_DEC,
          VALS(labproto_byte_order_vals), 0x0, "Byte order len was read in", HFILL}},
        {&hf_ft_data,
         {"Data", "labproto_ft.data", FT_BYTES, BASE_NONE, NULL, 0x0,
          "The len bytes of buf that are file data", HFILL}},
        {&hf_ft_padding,
         {"Rest of buf", "labproto_ft.padding", FT_BYTES, BASE_NONE, NULL, 0x0,
          "The 256 - len bytes of buf after the data, sent because the whole struct is", HFILL}},
        {&hf_ft_offset,
         {"File offset", "labproto_ft.offset", FT_UINT64, BASE_DEC, NULL, 0x0,
          "Where in the file the record's data goes", HFILL}},
        {&hf_ft_file_size,
         {"File size", "labproto_ft.file_size", FT_UINT64, BASE_DEC, NULL, 0x0,
          "On the file's last record: the bytes of the whole file", HFILL}},
    };
    static gint *ett[] = {&ett_ft};
    static ei_register_info ei[] = {
        {&ei_ft_len_invalid,
         {"labproto_ft.len.invalid", PI_MALFORMED, PI_ERROR,
          "len is negative or larger than buf (256)", EXPFILL}},
        {&ei_ft_padding_stale,
         {"labproto_ft.padding.stale", PI_PROTOCOL, PI_NOTE,
          "Bytes of buf after the data are not zero: what buf held before", EXPFILL}},
        {&ei_ft_big_endian,
         {"labproto_ft.len.big_endian", PI_PROTOCOL, PI_NOTE,
          "len sent in network byte order (htonl): the lab sends host order", EXPFILL}},
        {&ei_ft_file_complete,
         {"labproto_ft.file.complete", PI_SEQUENCE, PI_CHAT, "End of the file", EXPFILL}},
    };

    proto_labproto_ft = proto_register_protocol("Lab file transfer protocol",
                                                "LABPROTO file transfer", "labproto_ft");
    proto_register_field_array(proto_labproto_ft, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert_register_protocol(proto_labproto_ft), ei, array_length(ei));
    ft_handle = register_dissector("labproto_ft", dissect_labproto_ft, proto_labproto_ft);
    ft_export_tap =
        register_export_object(proto_labproto_ft, LABPROTO_TAP_PACKET_CB(ft_export_packet), NULL);
    prefs_register_protocol(proto_labproto_ft, NULL);
}

void
proto_reg_handoff_labproto_ft(void)
{
    /* No default port: the handouts pass it on the command line. */
    dissector_add_uint_range_with_preference("tcp.port", "", ft_handle);
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
