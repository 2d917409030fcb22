/* packet-labproto.cc
 * Routines for Lab Length-Prefixed Protocol (labproto) dissection
 *
 * The protocol of network-programming lab exercises: each message is a
 * 4-byte `int` length, sent in host byte order (little-endian from x86
 * clients, network order in some variants), followed by that many bytes of
 * text (CP949 from Windows lab machines, UTF-8 from Linux ones), over TCP,
 * port 9000 by default. Header and body usually travel in separate segments.
 *
 * Where messages start, which index each gets and what to make of data that
 * does not start with one is decided by the plain C++ core (MessageStream in
 * plugin/core); this file is the epan glue: ownership of streams, the tree,
 * the columns and expert info.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "packet-labproto.h"
#include "packet-labproto-flow.h"
#include "packet-labproto-follow.h"
#include "packet-labproto-formats.h"
#include "packet-labproto-labs.h"
#include "packet-labproto-pairs.h"

#include <epan/expert.h>
#include <epan/prefs.h>
#include <epan/proto_data.h>
#include <epan/tap.h>
#include <epan/dissectors/packet-tcp.h>

#include <algorithm>
#include <bitset>
#include <string>

#include "heuristic.h"
#include "message_summary.h"
#include "text_decoder.h"
#include "visible_text.h"

using labproto::ByteOrder;
using labproto::ChunkPlan;
using labproto::ChunkStart;
using labproto::Direction;
using labproto::Lead;
using labproto::LengthVerdict;
using labproto::Pdu;
using labproto::PduKind;
using labproto::TextEncoding;

#define LABPROTO_TCP_PORTS "9000"

int proto_labproto = -1;

static int hf_labproto_len = -1;
static int hf_labproto_payload = -1;
static int hf_labproto_text = -1;
int hf_labproto_direction = -1;
static int hf_labproto_msg_index = -1;
static int hf_labproto_byte_order = -1;
static int hf_labproto_encoding = -1;
static int hf_labproto_continuation = -1;
static int hf_labproto_unframed = -1;
static int hf_labproto_header_len = -1;
static int hf_labproto_body_in = -1;
static int hf_labproto_header_in = -1;
static int hf_labproto_skipped = -1;

gint ett_labproto = -1;

static expert_field ei_labproto_len_too_large = EI_INIT;
static expert_field ei_labproto_len_zero = EI_INIT;
static expert_field ei_labproto_msg_truncated = EI_INIT;
static expert_field ei_labproto_msg_partial = EI_INIT;
static expert_field ei_labproto_msg_continuation = EI_INIT;
static expert_field ei_labproto_msg_incomplete = EI_INIT;
static expert_field ei_labproto_text_undecodable = EI_INIT;
static expert_field ei_labproto_text_invalid = EI_INIT;
static expert_field ei_labproto_text_nul_terminator = EI_INIT;
static expert_field ei_labproto_text_nul_padding = EI_INIT;
static expert_field ei_labproto_text_nul_inside = EI_INIT;
static expert_field ei_labproto_framing_lost = EI_INIT;
static expert_field ei_labproto_data_old = EI_INIT;
static expert_field ei_labproto_data_missing = EI_INIT;
static expert_field ei_labproto_data_unsynced = EI_INIT;
static expert_field ei_labproto_stream_foreign = EI_INIT;

static dissector_handle_t labproto_handle;
static int labproto_tap = -1;

/* Preferences */
static labproto_pref_bool_t labproto_desegment = TRUE;
static labproto_pref_bool_t labproto_pair_lone_headers = FALSE;
static gint labproto_byte_order_pref = static_cast<gint>(labproto::ByteOrderPref::kAuto);
static gint labproto_encoding_pref = static_cast<gint>(TextEncoding::kAuto);
static guint labproto_max_len = labproto::kDefaultMaxLen;
/* The ports "tcp.port" gives labproto now, to undo when the preference
 * changes. */
static range_t *labproto_registered_ports;
/* For each TCP port, the dissector Wireshark had for it before labproto
 * took it: streams on a labproto port that are not lab traffic go there. */
static wmem_map_t *labproto_port_fallbacks;

const value_string labproto_direction_vals[] = {
    {static_cast<guint32>(Direction::kClientToServer), "Client to server"},
    {static_cast<guint32>(Direction::kServerToClient), "Server to client"},
    {0, NULL}};

const value_string labproto_byte_order_vals[] = {
    {static_cast<guint32>(ByteOrder::kLittle), "Little-endian (host order on x86)"},
    {static_cast<guint32>(ByteOrder::kBig), "Big-endian (network order)"},
    {0, NULL}};

static const enum_val_t labproto_byte_order_enum[] = {
    {"auto", "Automatic (per direction, from its first telling header)",
     static_cast<gint>(labproto::ByteOrderPref::kAuto)},
    {"little", "Little-endian", static_cast<gint>(labproto::ByteOrderPref::kLittle)},
    {"big", "Big-endian (network order)", static_cast<gint>(labproto::ByteOrderPref::kBig)},
    {NULL, NULL, 0}};

static const enum_val_t labproto_encoding_enum[] = {
    {"auto", "Automatic (UTF-8, else CP949)", static_cast<gint>(TextEncoding::kAuto)},
    {"utf-8", "UTF-8", static_cast<gint>(TextEncoding::kUtf8)},
    {"cp949", "CP949 (Windows Korean)", static_cast<gint>(TextEncoding::kCp949)},
    {"euc-kr", "EUC-KR", static_cast<gint>(TextEncoding::kEucKr)},
    {"ascii", "ASCII", static_cast<gint>(TextEncoding::kAscii)},
    {"latin1", "ISO-8859-1 (Latin-1)", static_cast<gint>(TextEncoding::kLatin1)},
    {NULL, NULL, 0}};

/* The chunk of a direction's data TCP handed over, for the PDU routines. */
struct labproto_chunk_t {
    labproto_stream_t *stream;
    labproto::MessageStream *messages;
    Direction direction;
    labproto::Chunk chunk;
    guint32 pdu_base; /* offset in the chunk of the tvb given to tcp_dissect_pdus */
    /* The PDU get_labproto_message_len read last, for the PDU dissector
     * tcp_dissect_pdus calls next: */
    guint32 pdu_seq; /* where it starts */
    bool pdu_cut;    /* the capture cut its header short */
    Pdu pdu;         /* what its header frames */
    /* A header sent alone that TCP is to reassemble with its body: where it
     * starts in the chunk, and the body bytes to wait for (0: none). */
    guint32 held_offset;
    guint32 held_body;
};

static labproto::LengthPrefix
labproto_format(void)
{
    labproto::LengthPrefix format;
    format.max_len = labproto_max_len;
    return format;
}

static labproto::ByteOrderPref
labproto_order_pref(void)
{
    return static_cast<labproto::ByteOrderPref>(labproto_byte_order_pref);
}

/* ---- Which streams are labproto's ---------------------------------------- */

/* The ports "tcp.port" gives labproto, as of the start of the pass. Wireshark
 * changes that table only between passes (a changed preference or Decode As
 * redissects, which runs the init routines first), and the postdissector asks
 * for every TCP segment of every capture: a bit test instead of two hash
 * lookups is most of what the installed plugin costs where there is no lab
 * traffic (bench/foreign.py). */
static std::bitset<65536> labproto_served_ports;

static bool
labproto_table_sends_to_labproto(guint32 port)
{
    return dissector_get_uint_handle(find_dissector_table("tcp.port"), port) == labproto_handle;
}

static void
labproto_note_served_port(const gchar *, ftenum_t, gpointer key, gpointer value, gpointer)
{
    if (dtbl_entry_get_handle(static_cast<dtbl_entry_t *>(value)) == labproto_handle)
        labproto_served_ports.set(GPOINTER_TO_UINT(key) & 0xFFFF);
}

static void
labproto_init(void)
{
    labproto_served_ports.reset();
    dissector_table_foreach("tcp.port", labproto_note_served_port, NULL);
}

bool
labproto_serves_port(guint32 port)
{
    return port <= 0xFFFF && labproto_served_ports.test(port);
}

/* The port preference, unlike Decode As, only offers the port: a stream on
 * it must also look like lab traffic. */
static bool
labproto_port_preferred(guint32 port)
{
    return (labproto_registered_ports && value_is_in_range(labproto_registered_ports, port)) ||
           labproto_formats_hold(port);
}

bool
labproto_heuristic_enabled(void)
{
    static heur_dtbl_entry_t *entry = find_heur_dissector_by_unique_short_name("labproto_tcp");
    return entry && entry->enabled;
}

labproto_stream_t *
labproto_claim_stream(conversation_t *conversation, packet_info *pinfo, guint32 server_port)
{
    labproto_format_t format;
    if (!labproto_format_for_port(server_port, &format)) {
        format.prefix = labproto_format();
        format.order = labproto_order_pref();
        format.encoding = static_cast<TextEncoding>(labproto_encoding_pref);
    }
    format.lone_headers = labproto_pair_lone_headers ? labproto::LoneHeaders::kPaired
                                                     : labproto::LoneHeaders::kHeldByTcp;
    return labproto_stream_claim(conversation, pinfo, server_port, format);
}

static void
labproto_remember_fallback(const gchar *, ftenum_t, gpointer key, gpointer value, gpointer)
{
    dissector_handle_t handle = dtbl_entry_get_initial_handle(static_cast<dtbl_entry_t *>(value));
    if (handle && handle != labproto_handle)
        wmem_map_insert(labproto_port_fallbacks, key, handle);
}

static dissector_handle_t
labproto_fallback(guint32 port)
{
    return static_cast<dissector_handle_t>(
        wmem_map_lookup(labproto_port_fallbacks, GUINT_TO_POINTER(port)));
}

/* The stream is not labproto's: its data goes where it would have gone
 * without labproto, now and (through the conversation) from now on. */
static int
labproto_hand_over(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    dissector_handle_t fallback = labproto_fallback(pinfo->match_uint);
    if (!fallback)
        return 0; /* TCP tries its heuristics and the other port */
    /* From the next frame on: this one keeps coming here, so that every
     * pass shows why (labproto_note_foreign). */
    if (!PINFO_FD_VISITED(pinfo))
        conversation_set_dissector_from_frame_number(find_or_create_conversation(pinfo),
                                                     pinfo->num + 1, fallback);
    /* Give it the reassembly TCP offered us (as proxying dissectors do). */
    pinfo->can_desegment = pinfo->saved_can_desegment;
    return call_dissector_only(fallback, tvb, pinfo, tree, data);
}

/* Whether the data starts an S101 (Ember+) frame, the protocol Wireshark
 * gives port 9000: BOF 0xFE, a slot, message type 0x0E (EmBER). Its first
 * frame, an EmBER packet (command 0), reads as a little-endian length of
 * 917,758, which is believable: its magic bytes decide. */
static bool
labproto_starts_s101_frame(tvbuff_t *tvb)
{
    return tvb_captured_length(tvb) >= 3 && tvb_get_uint8(tvb, 0) == 0xFE &&
           tvb_get_uint8(tvb, 2) == 0x0E;
}

/* The first data of a stream to a labproto port decides whether it is
 * labproto's: its first header must read as a believable length. A stream
 * whose server port is not labproto's (a client that happens to use one) is
 * not. Returns the stream, or NULL when it is left to others. */
static labproto_stream_t *
labproto_take_stream(tvbuff_t *tvb, packet_info *pinfo, conversation_t *conversation,
                     const struct tcpinfo *tcpinfo)
{
    labproto_stream_t *stream = labproto_stream_find(conversation);
    if (stream && (stream->checked || PINFO_FD_VISITED(pinfo)))
        return labproto_stream_owns(stream, pinfo->num) ? stream : NULL;
    const guint32 server_port = labproto_server_port(pinfo);
    if (!labproto_serves_port(server_port)) {
        stream = labproto_claim_stream(conversation, pinfo, server_port);
        stream->checked = true;
        stream->foreign_from = pinfo->num;
        return NULL;
    }
    stream = labproto_claim_stream(conversation, pinfo, server_port);
    if (!labproto_port_preferred(server_port)) {
        stream->checked = true; /* Decode As: the user said so */
        return stream;
    }
    /* Believable for a lab message, whatever the byte order: a byte order
     * or max_len set wrong is shown as malformed lengths, not as "not lab
     * traffic". */
    labproto::LengthPrefix format = stream->messages[0].format();
    format.max_len = std::max(format.max_len, labproto::kDefaultMaxLen);
    const guint captured = tvb_captured_length(tvb);
    /* Judged on the direction's first bytes: a segment that overtook them
     * (loss, reordering) says nothing yet. */
    const Direction direction = labproto_stream_direction(stream, pinfo);
    if (!stream->messages[static_cast<int>(direction)].at_data_start(tcpinfo->seq))
        return stream;
    if (captured < format.header_len()) {
        /* Too little to judge: decided once TCP has the whole header, or,
         * when the capture cut it, given the benefit of the doubt. */
        stream->checked = !(pinfo->can_desegment && labproto_desegment);
        return stream;
    }
    stream->checked = true;
    if (labproto_starts_s101_frame(tvb) ||
        !labproto::starts_with_message(
            tvb_get_ptr(tvb, 0, captured), captured, tvb_reported_length(tvb), format,
            labproto::ByteOrderPref::kAuto, labproto::Evidence::kLength)) {
        stream->foreign_from = pinfo->num;
        return NULL;
    }
    return stream;
}

static guint32 labproto_packet_count(packet_info *pinfo, guint32 key);

/* Says once, on the frame that decided it, why a stream to a labproto port
 * is not decoded as labproto. */
static void
labproto_note_foreign(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                      const labproto_stream_t *stream)
{
    if (!stream || stream->foreign_from != pinfo->num ||
        !labproto_port_preferred(pinfo->match_uint))
        return;
    /* TCP offers the segment by its server port and then by the lower one. */
    if (labproto_packet_count(pinfo, LABPROTO_KEY_FOREIGN) > 0)
        return;
    dissector_handle_t fallback = labproto_fallback(pinfo->match_uint);
    const char *to =
        fallback ? dissector_handle_get_protocol_short_name(fallback) : "shown as data";
    const guint32 server_port = labproto_server_port(pinfo);
    proto_item *ti = proto_tree_add_item(tree, proto_labproto, tvb, 0, 0, ENC_NA);
    if (labproto_serves_port(server_port))
        expert_add_info_format(pinfo, ti, &ei_labproto_stream_foreign,
                               "Not labproto: the first data on port %u is not a lab message; %s",
                               pinfo->match_uint, to);
    else
        expert_add_info_format(pinfo, ti, &ei_labproto_stream_foreign,
                               "Not labproto: port %u is the client's, and the server's port %u "
                               "is not labproto's; %s",
                               pinfo->match_uint, server_port, to);
}

/* ---- Per-frame bookkeeping ------------------------------------------------- */

/* Counts up a per-dissection counter of the frame: the value before. */
static guint32
labproto_packet_count(packet_info *pinfo, guint32 key)
{
    guint32 count = GPOINTER_TO_UINT(p_get_proto_data(pinfo->pool, pinfo, proto_labproto, key));
    p_set_proto_data(pinfo->pool, pinfo, proto_labproto, key, GUINT_TO_POINTER(count + 1));
    return count;
}

/* Position of the current item within this dissection of the frame. */
static guint32
labproto_next_ordinal(packet_info *pinfo)
{
    return labproto_packet_count(pinfo, LABPROTO_KEY_ORDINAL);
}

/* Index of the next message (or split header) shown in this frame. */
static guint32
labproto_number_message(packet_info *pinfo, labproto_chunk_t *ctx,
                        const labproto::SplitMessage *split = NULL)
{
    const guint32 nth = labproto_packet_count(pinfo, LABPROTO_KEY_NUMBERED);
    if (!ctx->chunk.visited && !ctx->stream->any_message) {
        ctx->stream->any_message = true;
        ctx->stream->first_message_direction = ctx->direction;
    }
    return ctx->messages->number_message(ctx->chunk, nth, split);
}

/* Starts the Info column afresh on the first labproto item of a frame and
 * separates later ones, so coalesced messages read as a list. `summary` is
 * in pinfo->pool. */
static void
labproto_col_add(packet_info *pinfo, const char *summary)
{
    col_set_str(pinfo->cinfo, COL_PROTOCOL, "LABPROTO");
    if (labproto_next_ordinal(pinfo) == 0) {
        col_clear(pinfo->cinfo, COL_INFO); /* keeps TCP's fenced notes */
        col_append_str(pinfo->cinfo, COL_INFO, summary);
    } else {
        col_append_sep_str(pinfo->cinfo, COL_INFO, ", ", summary);
    }
}

/* The one-line summary of a message, in pinfo->pool. */
static const char *
labproto_summary(packet_info *pinfo, Direction direction, guint32 index, guint32 length,
                 const char *preview, const char *note)
{
    const std::string text = preview ? preview : "";
    return wmem_strdup(pinfo->pool, labproto::message_summary(direction, index, length,
                                                              preview ? &text : nullptr, note)
                                        .c_str());
}

/* ---- The tap ---------------------------------------------------------------- */

labproto_tap_message_t
labproto_tap_record(packet_info *pinfo, labproto_tap_kind_t kind, Direction direction)
{
    struct tcp_analysis *tcpd = get_tcp_conversation_data(NULL, pinfo);
    labproto_tap_message_t record;
    record.kind = kind;
    record.direction = direction;
    record.length = 0;
    record.header_len = 0;
    record.stream = tcpd ? tcpd->stream : 0;
    record.first_in_stream = false;
    record.malformed_length = false;
    record.cut = LABPROTO_CUT_NONE;
    record.response_us = -1;
    record.handshake_rtt_us = -1;
    record.closed = NULL;
    return record;
}

void
labproto_tap_message(packet_info *pinfo, const labproto_tap_message_t *message)
{
    labproto_tap_queue_copy(labproto_tap, pinfo, message);
}

static void
labproto_tap_framed(packet_info *pinfo, const labproto_chunk_t *ctx, guint32 index, guint32 length,
                    bool malformed, labproto_cut_t cut, const nstime_t *response_time)
{
    if (!have_tap_listener(labproto_tap))
        return;
    labproto_tap_message_t message =
        labproto_tap_record(pinfo, LABPROTO_TAP_MESSAGE, ctx->direction);
    message.length = length;
    message.header_len = ctx->messages->format().header_len();
    message.first_in_stream = index == 1 && ctx->direction == ctx->stream->first_message_direction;
    message.malformed_length = malformed;
    message.cut = cut;
    if (response_time)
        message.response_us =
            static_cast<gint64>(response_time->secs) * 1000000 + response_time->nsecs / 1000;
    labproto_tap_message(pinfo, &message);
}

/* ---- Tree helpers ------------------------------------------------------------- */

proto_tree *
labproto_add_tree(tvbuff_t *tvb, proto_tree *tree, int length)
{
    proto_item *ti = proto_tree_add_item(tree, proto_labproto, tvb, 0, length, ENC_NA);
    return proto_item_add_subtree(ti, ett_labproto);
}

void
labproto_add_cut_message(packet_info *pinfo, proto_item *item, Direction direction,
                         const labproto::CutMessage &cut, const char *cause)
{
    expert_add_info_format(pinfo, item, &ei_labproto_msg_truncated,
                           "%s cuts message #%u %s short: %u of %u body bytes were sent", cause,
                           cut.index, labproto::direction_arrow(direction), cut.present,
                           cut.length);
}

/* ---- Messages ------------------------------------------------------------------ */

/* Decodes a body to text in pinfo->pool. The core's strings end with this
 * function: no Wireshark call that can throw runs while they live. */
labproto_body_text_t
labproto_decode_body(packet_info *pinfo, const guint8 *body, guint length, bool want_text)
{
    return labproto_decode_body_as(pinfo, body, length, want_text,
                                   static_cast<TextEncoding>(labproto_encoding_pref));
}

labproto_body_text_t
labproto_decode_body_as(packet_info *pinfo, const guint8 *body, guint length, bool want_text,
                        TextEncoding encoding)
{
    labproto_body_text_t out = {"none", NULL, NULL, false, labproto::NulBytes()};
    out.nuls = labproto::find_nul_bytes(body, length);
    if (!want_text) {
        /* Nobody would see the text: only say whether there is one. */
        return out;
    }
    const labproto::DecodedText decoded = labproto::decode_text(body, length, encoding);
    if (!decoded.has_text)
        return out;
    const std::string visible = labproto::visible_text(decoded.utf8);
    out.encoding = labproto::encoding_name(decoded.encoding);
    out.text = wmem_strdup(pinfo->pool, visible.c_str());
    out.preview = wmem_strdup(pinfo->pool, labproto::text_preview(visible).c_str());
    out.replaced = decoded.replaced;
    return out;
}

/* What NUL bytes in a text body say about the program that sent it. */
void
labproto_add_nul_notes(packet_info *pinfo, proto_item *item, const labproto::NulBytes &nuls,
                       guint length)
{
    switch (nuls.shape) {
    case labproto::NulShape::kNone:
        break;
    case labproto::NulShape::kTerminator:
        expert_add_info(pinfo, item, &ei_labproto_text_nul_terminator);
        break;
    case labproto::NulShape::kPadding:
        expert_add_info_format(pinfo, item, &ei_labproto_text_nul_padding,
                               "Body ends in %u NUL bytes (of %u): a fixed-size buffer sent whole",
                               static_cast<guint>(nuls.trailing), length);
        break;
    case labproto::NulShape::kInside:
        expert_add_info_format(pinfo, item, &ei_labproto_text_nul_inside,
                               "NUL at body byte %u; the %u bytes after it are what the buffer"
                               " held before",
                               static_cast<guint>(nuls.first),
                               length - static_cast<guint>(nuls.first) - 1);
        break;
    }
}

/* The body's text items: encoding, text and what is odd about it. */
static const char *
dissect_labproto_text(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, int offset, int length,
                      TextEncoding encoding, proto_item *payload_item, const char **whole_text)
{
    const guint8 *body = tvb_get_ptr(tvb, offset, length);
    const labproto_body_text_t text = labproto_decode_body_as(
        pinfo, body, static_cast<guint>(length),
        tree || pinfo->cinfo || labproto_follow_wanted() || labproto_flow_wanted(), encoding);
    *whole_text = text.text;
    /* Every message gets an encoding ("none" when no encoding fits, and then
     * no text), so tools can tell which messages the text occurrences are of. */
    proto_item *ei =
        proto_tree_add_string(tree, hf_labproto_encoding, tvb, offset, length, text.encoding);
    proto_item_set_generated(ei);
    labproto_add_nul_notes(pinfo, payload_item, text.nuls, static_cast<guint>(length));
    if (!text.text) {
        if (tree || pinfo->cinfo)
            expert_add_info(pinfo, payload_item, &ei_labproto_text_undecodable);
        return NULL;
    }
    proto_tree_add_string(tree, hf_labproto_text, tvb, offset, length, text.text);
    if (text.replaced)
        expert_add_info_format(pinfo, payload_item, &ei_labproto_text_invalid,
                               "Bytes invalid in %s are shown as U+FFFD", text.encoding);
    return text.preview;
}

/* The length field could not be trusted: nothing after it in this direction
 * can be framed, so stop here instead of misreading body bytes as headers. */
static int
dissect_labproto_bad_length(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                            proto_item *len_item, const labproto::LengthPrefix &format,
                            const labproto::MessageLength &length)
{
    if (length.verdict == LengthVerdict::kTooSmall)
        expert_add_info_format(pinfo, len_item, &ei_labproto_len_too_large,
                               "Length %" PRIu64 " is shorter than the %u-byte header it counts",
                               length.field, format.header_len());
    else
        expert_add_info_format(pinfo, len_item, &ei_labproto_len_too_large,
                               "Length %" PRIu64 " (%d as int) is negative or above max_len %u",
                               length.field, static_cast<gint32>(length.field), format.max_len);
    const int header_len = static_cast<int>(format.header_len());
    int rest = tvb_captured_length_remaining(tvb, header_len);
    if (rest > 0)
        proto_tree_add_item(tree, hf_labproto_unframed, tvb, header_len, rest, ENC_NA);
    return tvb_captured_length(tvb);
}

/* A message's line on its flow graph arrow (text: may be NULL). */
static void
labproto_flow_line(packet_info *pinfo, guint32 index, guint32 length, const char *text,
                   const char *note)
{
    if (!labproto_flow_wanted())
        return;
    const std::string whole = text ? text : "";
    const char *line = wmem_strdup(
        pinfo->pool,
        labproto::message_preview_line(index, length, text ? &whole : nullptr, note).c_str());
    labproto_flow_message(pinfo, line);
}

/* Reports a message to Follow Stream and to the flow graph. */
static void
labproto_report_message(packet_info *pinfo, const labproto_follow_message_t *message)
{
    labproto_follow_message(pinfo, message);
    labproto_flow_line(pinfo, message->index, message->length, message->text, message->note);
}

/* One message numbered `index` in `tvb` (its header, then its body):
 * length, payload and text. `header_frame` is where the header of a split
 * message was (0: here). */
static int
dissect_labproto_message_items(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                               labproto_chunk_t *ctx, const Pdu &pdu, guint32 index,
                               guint32 header_frame)
{
    const labproto::LengthPrefix &format = ctx->messages->format();
    const int header_len = static_cast<int>(format.header_len());

    /* Only message items carry direction and index, so that every per-message
     * field has exactly one occurrence per message in a frame. */
    proto_tree *labproto_tree = labproto_add_tree(tvb, tree, -1);
    labproto_add_generated_uint(labproto_tree, hf_labproto_direction, tvb, 0, 0,
                                static_cast<guint32>(ctx->direction));
    labproto_add_generated_uint(labproto_tree, hf_labproto_msg_index, tvb, 0, 0, index);
    labproto_add_generated_uint(labproto_tree, hf_labproto_byte_order, tvb, 0, 0,
                                static_cast<guint32>(pdu.order));
    if (header_frame)
        labproto_add_generated_uint(labproto_tree, hf_labproto_header_in, tvb, 0, header_len,
                                    header_frame);
    proto_item *len_item = proto_tree_add_item(labproto_tree, hf_labproto_len, tvb, format.offset,
                                               format.width, labproto_encoding_of(pdu.order));

    if (!pdu.length.usable()) {
        if (pinfo->cinfo)
            labproto_col_add(pinfo, labproto_summary(pinfo, ctx->direction, index,
                                                     static_cast<guint32>(pdu.length.field), NULL,
                                                     "malformed length"));
        labproto_tap_framed(pinfo, ctx, index, static_cast<guint32>(pdu.length.field), true,
                            LABPROTO_CUT_NONE, NULL);
        const labproto_follow_message_t followed = {ctx->direction, index,
                                                    static_cast<guint32>(pdu.length.field), NULL,
                                                    "malformed length"};
        labproto_report_message(pinfo, &followed);
        return dissect_labproto_bad_length(tvb, pinfo, labproto_tree, len_item, format, pdu.length);
    }
    const guint32 length = pdu.length.body;
    if (pdu.length.verdict == LengthVerdict::kZero)
        expert_add_info(pinfo, len_item, &ei_labproto_len_zero);

    /* Without reassembly (or with a short snaplen) only part of the body
     * may be here; show that part and say so. Every message, even an empty
     * one, gets payload and encoding so their occurrences line up with len. */
    const int available = static_cast<int>(
        std::min<gint64>(length, std::max(0, tvb_captured_length_remaining(tvb, header_len))));
    proto_item *pi =
        proto_tree_add_item(labproto_tree, hf_labproto_payload, tvb, header_len, available, ENC_NA);
    const char *whole_text = NULL;
    const char *preview = dissect_labproto_text(tvb, pinfo, labproto_tree, header_len, available,
                                                ctx->stream->encoding, pi, &whole_text);
    const bool cut = static_cast<guint32>(available) < length;
    const bool capture_cut = cut && ctx->chunk.captured < ctx->chunk.length;
    const char *note = NULL;
    if (capture_cut) {
        note = "truncated";
        expert_add_info_format(pinfo, pi, &ei_labproto_msg_truncated,
                               "Capture ends inside message #%u: %d of %u bytes present", index,
                               available, length);
    } else if (cut) {
        note = "partial";
        expert_add_info_format(pinfo, pi, &ei_labproto_msg_partial,
                               "Message #%u continues in later segments: %d of %u bytes here"
                               " (reassembly is off)",
                               index, available, length);
    }
    /* Without columns (tshark -T fields, -V, -z) the summary would be built
     * for nothing, at a cost comparable to the message's tree items. */
    if (pinfo->cinfo)
        labproto_col_add(pinfo,
                         labproto_summary(pinfo, ctx->direction, index, length, preview, note));
    const nstime_t *response_time =
        labproto_add_response_links(tvb, pinfo, labproto_tree, ctx->stream, ctx->direction, index);
    labproto_tap_framed(pinfo, ctx, index, length, false,
                        capture_cut ? LABPROTO_CUT_CAPTURE : LABPROTO_CUT_NONE, response_time);
    const labproto_follow_message_t followed = {ctx->direction, index, length, whole_text, note};
    labproto_report_message(pinfo, &followed);
    return header_len + available;
}

/* A header alone at the end of its segment (`tvb`): its body follows, and
 * the message is shown where the body is (`body_frame`, 0: not yet known). */
static void
labproto_show_lone_header(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                          const labproto::LengthPrefix &format, Direction direction, guint32 index,
                          const Pdu &pdu, guint32 body_frame)
{
    proto_tree *labproto_tree = labproto_add_tree(tvb, tree, format.header_len());
    proto_item_append_text(proto_tree_get_parent(labproto_tree), ", header of message #%u", index);
    proto_tree_add_item(labproto_tree, hf_labproto_header_len, tvb, format.offset, format.width,
                        labproto_encoding_of(pdu.order));
    if (body_frame)
        labproto_add_generated_uint(labproto_tree, hf_labproto_body_in, tvb, 0, 0, body_frame);
    if (pinfo->cinfo)
        labproto_col_add(pinfo, labproto_summary(pinfo, direction, index, pdu.length.body, NULL,
                                                 "header; body follows"));
    /* Follow Stream shows the message once, where its body is; the flow
     * graph shows the header's own segment too. */
    labproto_flow_line(pinfo, index, pdu.length.body, NULL, "header");
}

/* A header sent alone that labproto pairs with its body itself
 * (labproto.pair_lone_headers on). */
static int
dissect_labproto_split_header(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                              labproto_chunk_t *ctx, const Pdu &pdu)
{
    const guint32 index = labproto_number_message(pinfo, ctx);
    const labproto::SplitMessage *split = ctx->messages->log().split_with_header_in(pinfo->num);
    const guint32 body_frame = split && split->index == index ? split->body_frame : 0;
    labproto_show_lone_header(tvb, pinfo, tree, ctx->messages->format(), ctx->direction, index, pdu,
                              body_frame);
    return ctx->messages->format().header_len();
}

/* A header sent alone, for TCP to reassemble with its body (the default).
 * It is shown by dissect_labproto_held_header: on later passes TCP hands a
 * segment that only starts a reassembly to no dissector. Here it is
 * numbered, and where it starts in the frame is kept for that. */
static int
labproto_hold_header(tvbuff_t *tvb, packet_info *pinfo, labproto_chunk_t *ctx, const Pdu &pdu)
{
    labproto_number_message(pinfo, ctx);
    ctx->held_offset = ctx->pdu_seq - ctx->chunk.seq;
    ctx->held_body = pdu.length.body;
    if (!PINFO_FD_VISITED(pinfo))
        p_add_proto_data(wmem_file_scope(), pinfo, proto_labproto, LABPROTO_FILE_KEY_HELD_HEADER,
                         GUINT_TO_POINTER(tvb_raw_offset(tvb) + 1));
    return ctx->messages->format().header_len();
}

void
dissect_labproto_held_header(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                             labproto_stream_t *stream)
{
    const guint at = GPOINTER_TO_UINT(
        p_get_proto_data(wmem_file_scope(), pinfo, proto_labproto, LABPROTO_FILE_KEY_HELD_HEADER));
    if (at == 0)
        return;
    const Direction direction = labproto_stream_direction(stream, pinfo);
    labproto::MessageStream &messages = stream->messages[static_cast<int>(direction)];
    const labproto::SplitMessage *split = messages.log().split_with_header_in(pinfo->num);
    if (!split)
        return;
    const labproto::LengthPrefix &format = messages.format();
    const guint header_len = format.header_len();
    /* The header's own bytes in the frame, so that selecting it shows them;
     * a copy if the frame does not hold them where they were (a header TCP
     * put together from several segments). */
    tvbuff_t *header_tvb;
    if (tvb_bytes_exist(tvb, at - 1, header_len) &&
        tvb_memeql(tvb, at - 1, split->header, header_len) == 0) {
        header_tvb = tvb_new_subset_length(tvb, at - 1, header_len);
    } else {
        const guint8 *copy =
            static_cast<const guint8 *>(wmem_memdup(pinfo->pool, split->header, header_len));
        header_tvb = tvb_new_child_real_data(tvb, copy, header_len, header_len);
        add_new_data_source(pinfo, header_tvb, "labproto header");
    }
    labproto_show_lone_header(header_tvb, pinfo, tree, format, direction, split->index,
                              messages.split_pdu(*split), split->body_frame);
}

/* The capture cut the segment short inside a length field: without the
 * length nothing after it in this direction can be framed. */
static int
dissect_labproto_cut_length(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                            labproto_chunk_t *ctx, guint32 seq)
{
    if (!ctx->chunk.visited)
        ctx->messages->header_cut(ctx->chunk, seq);
    proto_tree *labproto_tree = labproto_add_tree(tvb, tree, -1);
    proto_item *ui = proto_tree_add_item(labproto_tree, hf_labproto_unframed, tvb, 0, -1, ENC_NA);
    expert_add_info_format(pinfo, ui, &ei_labproto_msg_truncated,
                           "Capture ends inside a length field (%u of %u bytes present); the rest"
                           " of this direction cannot be framed",
                           tvb_captured_length(tvb), ctx->messages->format().header_len());
    if (pinfo->cinfo)
        labproto_col_add(pinfo, wmem_strdup_printf(pinfo->pool,
                                                   "%s length field cut short"
                                                   " [truncated]",
                                                   labproto::direction_arrow(ctx->direction)));
    return tvb_captured_length(tvb);
}

static guint
get_labproto_message_len(packet_info *pinfo _U_, tvbuff_t *tvb, int offset, void *data)
{
    auto *ctx = static_cast<labproto_chunk_t *>(data);
    const guint32 header_len = ctx->messages->format().header_len();
    ctx->pdu_seq = ctx->chunk.seq + ctx->pdu_base + offset;
    /* get_pdu_len must not throw: a length field the capture cut short is
     * left to the message dissector to report. */
    if (tvb_captured_length_remaining(tvb, offset) < static_cast<gint>(header_len)) {
        ctx->pdu_cut = true;
        return tvb_reported_length_remaining(tvb, offset);
    }
    guint8 header[labproto::kMaxHeaderLen];
    tvb_memcpy(tvb, header, offset, header_len);
    ctx->pdu_cut = false;
    ctx->pdu = ctx->messages->header(ctx->chunk, ctx->pdu_seq, header);
    /* Never wait for (or let TCP buffer) a length we do not believe: take the
     * rest of the chunk and let the message dissector report it. */
    if (ctx->pdu.kind == PduKind::kBadLength)
        return tvb_reported_length_remaining(tvb, offset);
    return ctx->pdu.bytes; /* header + a body of at most max_len: no overflow */
}

/* One labproto PDU as framed by tcp_dissect_pdus (just after
 * get_labproto_message_len read its header): a message, or the header of a
 * split message. */
static int
dissect_labproto_pdu(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    auto *ctx = static_cast<labproto_chunk_t *>(data);
    if (ctx->pdu_cut)
        return dissect_labproto_cut_length(tvb, pinfo, tree, ctx, ctx->pdu_seq);
    const Pdu pdu = ctx->pdu;
    if (pdu.kind == PduKind::kSplitHeader)
        return dissect_labproto_split_header(tvb, pinfo, tree, ctx, pdu);
    if (pdu.kind == PduKind::kHeldHeader)
        return labproto_hold_header(tvb, pinfo, ctx, pdu);
    const guint32 index = labproto_number_message(pinfo, ctx);
    /* A header sent alone that TCP reassembled with its body. */
    const labproto::SplitMessage *held = ctx->messages->holds_lone_headers()
                                             ? ctx->messages->log().split_with_body_in(pinfo->num)
                                             : NULL;
    const bool header_elsewhere = held && held->index == index && held->header_frame != pinfo->num;
    return dissect_labproto_message_items(tvb, pinfo, tree, ctx, pdu, index,
                                          header_elsewhere ? held->header_frame : 0);
}

/* The header and body of a split message as one tvb, in packet scope: the
 * body stays in its own frame, and only the header was remembered. */
static tvbuff_t *
labproto_split_message_tvb(tvbuff_t *tvb, packet_info *pinfo, const labproto::SplitMessage *split,
                           guint32 header_len, guint32 body_bytes)
{
    const guint body = std::min(body_bytes, tvb_captured_length(tvb));
    auto *data = static_cast<guint8 *>(wmem_alloc(pinfo->pool, header_len + body));
    memcpy(data, split->header, header_len);
    tvb_memcpy(tvb, data + header_len, 0, body);
    tvbuff_t *msg_tvb = tvb_new_child_real_data(tvb, data, header_len + body,
                                                static_cast<gint>(header_len + body_bytes));
    add_new_data_source(pinfo, msg_tvb, "Reassembled labproto message");
    return msg_tvb;
}

/* The body of a split message starts the chunk: shown with its header. Or
 * the chunk is the whole message, which TCP held (kHeldMessage). */
static void
dissect_labproto_split_body(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                            labproto_chunk_t *ctx, const ChunkPlan &plan)
{
    const labproto::LengthPrefix &format = ctx->messages->format();
    const labproto::SplitMessage *split = plan.split;
    const Pdu pdu = ctx->messages->split_pdu(*split);
    tvbuff_t *msg_tvb =
        plan.start == ChunkStart::kHeldMessage
            ? tvb_new_subset_length(tvb, 0, static_cast<gint>(format.header_len() + split->length))
            : labproto_split_message_tvb(tvb, pinfo, split, format.header_len(), plan.body_bytes);
    dissect_labproto_message_items(msg_tvb, pinfo, tree, ctx, pdu,
                                   labproto_number_message(pinfo, ctx, split), split->header_frame);
}

/* Asks TCP for the rest of a split message's body, which starts the chunk. */
static void
labproto_await_split_body(tvbuff_t *tvb, packet_info *pinfo, const labproto::SplitMessage *split)
{
    pinfo->desegment_offset = 0;
    pinfo->desegment_len = split->length - tvb_reported_length(tvb);
}

/* Why a body was shown in part, so that its rest comes as a continuation. */
static const char *
labproto_continuation_reason(const labproto_chunk_t *ctx)
{
    const bool capture_cut = ctx->chunk.captured < ctx->chunk.length || ctx->chunk.reassembly;
    return labproto_desegment && capture_cut
               ? "TCP cannot reassemble a segment the capture cut short"
               : "reassembly is off";
}

/* The start of a chunk that is not a message, and notes about data that
 * never reached labproto before it. */
static void
dissect_labproto_lead(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, labproto_chunk_t *ctx,
                      const labproto::ChunkEntry &entry)
{
    const char *arrow = labproto::direction_arrow(ctx->direction);
    const int lead = static_cast<int>(std::min(entry.lead_bytes, tvb_captured_length(tvb)));
    proto_tree *labproto_tree = labproto_add_tree(tvb, tree, lead);
    proto_item *ti = proto_tree_get_parent(labproto_tree);
    if (entry.abandoned)
        expert_add_info_format(pinfo, ti, &ei_labproto_msg_incomplete,
                               "Message #%u %s (length %u) never reached labproto whole: part of"
                               " its body was lost or not handed over by TCP",
                               entry.abandoned, arrow, entry.abandoned_length);
    if (entry.missing)
        expert_add_info_format(pinfo, ti, &ei_labproto_data_missing,
                               "%u bytes %s before this segment never reached labproto (lost, or a"
                               " retransmission TCP did not hand over; see"
                               " tcp.reassemble_out_of_order)%s",
                               entry.missing, arrow,
                               entry.lead == Lead::kUnsynced
                                   ? ""
                                   : "; framing resumes here and message numbers count on");
    const char *summary = NULL;
    switch (entry.lead) {
    case Lead::kNone:
        break;
    case Lead::kOldData:
        proto_tree_add_item(labproto_tree, hf_labproto_skipped, tvb, 0, lead, ENC_NA);
        expert_add_info_format(pinfo, ti, &ei_labproto_data_old,
                               "%u bytes already framed (a retransmission)", entry.lead_bytes);
        summary = wmem_strdup_printf(pinfo->pool, "%s retransmitted data (%u bytes)", arrow,
                                     entry.lead_bytes);
        break;
    case Lead::kContinuation: {
        proto_item *ci =
            proto_tree_add_item(labproto_tree, hf_labproto_continuation, tvb, 0, lead, ENC_NA);
        const bool truncated = static_cast<guint32>(lead) < entry.lead_bytes;
        if (truncated)
            expert_add_info_format(pinfo, ci, &ei_labproto_msg_truncated,
                                   "Capture ends inside message #%u: %d of the %u body bytes in"
                                   " this segment present",
                                   entry.lead_message, lead, entry.lead_bytes);
        else
            expert_add_info_format(pinfo, ci, &ei_labproto_msg_continuation,
                                   "Continues the body of message #%u (%s)", entry.lead_message,
                                   labproto_continuation_reason(ctx));
        summary = wmem_strdup_printf(pinfo->pool, "%s #%u continuation (%d bytes)%s", arrow,
                                     entry.lead_message, lead, truncated ? " [truncated]" : "");
        break;
    }
    case Lead::kMissingStart:
        proto_tree_add_item(labproto_tree, hf_labproto_skipped, tvb, 0, lead, ENC_NA);
        summary = wmem_strdup_printf(pinfo->pool, "%s rest of #%u (%u bytes, start missing)", arrow,
                                     entry.lead_message, entry.lead_bytes);
        break;
    case Lead::kUnsynced:
        proto_tree_add_item(labproto_tree, hf_labproto_skipped, tvb, 0, lead, ENC_NA);
        if (!entry.missing)
            expert_add_info(pinfo, ti, &ei_labproto_data_unsynced);
        summary = wmem_strdup_printf(pinfo->pool, "%s data before the first message (%u bytes)",
                                     arrow, entry.lead_bytes);
        break;
    }
    if (summary && pinfo->cinfo)
        labproto_col_add(pinfo, summary);
}

/* After a malformed length: show the direction's data without framing it. */
static int
dissect_labproto_unframed(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                          labproto_chunk_t *ctx)
{
    proto_tree *labproto_tree = labproto_add_tree(tvb, tree, -1);
    proto_item *ui = proto_tree_add_item(labproto_tree, hf_labproto_unframed, tvb, 0, -1, ENC_NA);
    const guint32 lost_at = ctx->messages->framing_lost_at();
    expert_add_info_format(pinfo, ui, &ei_labproto_framing_lost,
                           "Not decoded: framing of this direction was lost at frame %u", lost_at);
    if (pinfo->cinfo)
        labproto_col_add(
            pinfo, wmem_strdup_printf(pinfo->pool, "%s unframed data (framing lost at frame %u)",
                                      labproto::direction_arrow(ctx->direction), lost_at));
    return tvb_captured_length(tvb);
}

/* Frames the messages of the chunk from `offset` on. */
static void
dissect_labproto_messages(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                          labproto_chunk_t *ctx, guint32 offset)
{
    if (offset >= tvb_reported_length(tvb))
        return;
    ctx->pdu_base = offset;
    tcp_dissect_pdus(tvb_new_subset_remaining(tvb, offset), pinfo, tree, labproto_desegment,
                     ctx->messages->format().header_len(), get_labproto_message_len,
                     dissect_labproto_pdu, ctx);
    /* tcp_dissect_pdus tells TCP where to start reassembling relative to
     * the tvb it was given; TCP counts from the start of ours. */
    if (pinfo->desegment_len)
        pinfo->desegment_offset += offset;
    /* A header sent alone ends the segment: TCP holds it with the body it
     * announces, which TCP puts together even out of order. */
    if (ctx->held_body) {
        pinfo->desegment_offset = ctx->held_offset;
        pinfo->desegment_len = ctx->held_body;
    }
}

/* One chunk of a labproto stream: a TCP segment, or data TCP reassembled. */
static int
dissect_labproto_chunk(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                       labproto_stream_t *stream, const struct tcpinfo *tcpinfo)
{
    labproto_chunk_t ctx;
    ctx.stream = stream;
    ctx.direction = labproto_stream_direction(stream, pinfo);
    ctx.messages = &stream->messages[static_cast<int>(ctx.direction)];
    ctx.chunk.frame = pinfo->num;
    ctx.chunk.seq = tcpinfo->seq;
    ctx.chunk.length = tvb_reported_length(tvb);
    ctx.chunk.captured = tvb_captured_length(tvb);
    ctx.chunk.data = ctx.chunk.captured ? tvb_get_ptr(tvb, 0, ctx.chunk.captured) : NULL;
    ctx.chunk.segment_end = tcpinfo->nxtseq;
    ctx.chunk.reassembly = labproto_desegment && pinfo->can_desegment;
    ctx.chunk.visited = PINFO_FD_VISITED(pinfo);
    ctx.pdu_base = 0;
    ctx.pdu_seq = 0;
    ctx.pdu_cut = false;
    ctx.held_offset = 0;
    ctx.held_body = 0;

    col_set_str(pinfo->cinfo, COL_PROTOCOL, "LABPROTO");
    const ChunkPlan plan = ctx.messages->begin_chunk(ctx.chunk);
    switch (plan.start) {
    case ChunkStart::kUnframed:
        return dissect_labproto_unframed(tvb, pinfo, tree, &ctx);
    case ChunkStart::kAwaitBody:
        labproto_await_split_body(tvb, pinfo, plan.split);
        return tvb_captured_length(tvb);
    case ChunkStart::kSplitBody:
    case ChunkStart::kHeldMessage:
        dissect_labproto_split_body(tvb, pinfo, tree, &ctx, plan);
        break;
    case ChunkStart::kMessages:
        if (plan.entry.lead != Lead::kNone || plan.entry.missing || plan.entry.abandoned)
            dissect_labproto_lead(tvb, pinfo, tree, &ctx, plan.entry);
        break;
    }
    dissect_labproto_messages(tvb, pinfo, tree, &ctx, plan.frame_from);
    return tvb_captured_length(tvb);
}

/* A TCP segment (or reassembled data) for labproto: its port, Decode As, or
 * the stream was claimed by the heuristic. */
static int
dissect_labproto(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    const auto *tcpinfo = static_cast<const struct tcpinfo *>(data);
    if (!tcpinfo)
        return 0; /* labproto frames a TCP byte stream: nothing else */
    conversation_t *conversation = find_or_create_conversation(pinfo);
    labproto_stream_t *stream = labproto_take_stream(tvb, pinfo, conversation, tcpinfo);
    if (!stream) {
        labproto_note_foreign(tvb, pinfo, tree, labproto_stream_find(conversation));
        return labproto_hand_over(tvb, pinfo, tree, data);
    }
    return dissect_labproto_chunk(tvb, pinfo, tree, stream, tcpinfo);
}

static labproto_heur_result_t
dissect_labproto_heur_tcp(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    const auto *tcpinfo = static_cast<const struct tcpinfo *>(data);
    const guint captured = tvb_captured_length(tvb);
    if (!tcpinfo || captured < labproto_format().header_len())
        return FALSE;
    if (!labproto::starts_with_message(tvb_get_ptr(tvb, 0, captured), captured,
                                       tvb_reported_length(tvb), labproto_format(),
                                       labproto_order_pref(), labproto::Evidence::kText))
        return FALSE;
    conversation_t *conversation = find_or_create_conversation(pinfo);
    if (labproto_stream_find(conversation))
        return FALSE; /* looked at before, and left to others */
    struct tcp_analysis *tcpd = get_tcp_conversation_data(conversation, pinfo);
    guint32 server_port =
        tcpd && tcpd->server_port ? tcpd->server_port : std::min(pinfo->srcport, pinfo->destport);
    labproto_stream_t *stream = labproto_claim_stream(conversation, pinfo, server_port);
    stream->checked = true;
    /* TCP saw the handshake, labproto did not. */
    if (tcpd && tcpd->server_port)
        stream->conn.join_established();
    /* From this frame on: earlier frames of the stream were turned down and
     * read the same in every pass. */
    conversation_set_dissector_from_frame_number(conversation, pinfo->num, labproto_handle);
    dissect_labproto_chunk(tvb, pinfo, tree, stream, tcpinfo);
    return TRUE;
}

/* ---- Registration ---------------------------------------------------------- */

/* Gives a port labproto no longer serves back to the dissector it had. */
static void
labproto_release_port(guint32 port)
{
    if (labproto_table_sends_to_labproto(port))
        dissector_delete_uint("tcp.port", port, labproto_handle);
    if (dissector_handle_t fallback = labproto_fallback(port))
        if (!dissector_get_uint_handle(find_dissector_table("tcp.port"), port))
            dissector_add_uint("tcp.port", port, fallback);
}

/* The ports "tcp.port" gives labproto for the length-prefix table. */
static std::bitset<65536> labproto_format_table_ports;

/* Keeps "tcp.port" in step with the length-prefix table's rows. Before the
 * handoff (a table read with the preferences) there is nothing to move yet:
 * the handoff does it. */
static void
labproto_move_format_ports(void)
{
    if (!labproto_port_fallbacks)
        return;
    for (guint32 port = 1; port <= 0xFFFF; port++) {
        const bool wanted = labproto_formats_hold(port);
        if (wanted == labproto_format_table_ports.test(port))
            continue;
        labproto_format_table_ports.set(port, wanted);
        if (wanted) {
            if (!labproto_table_sends_to_labproto(port))
                dissector_add_uint("tcp.port", port, labproto_handle);
        } else if (!labproto_port_preferred(port)) {
            labproto_release_port(port);
        }
    }
}

/* Keeps "tcp.port" in step with the port preference. Wireshark moves the
 * registrations itself, except that 4.0 deletes the new range instead of the
 * old one when the preference is set (prefs.c, PREF_DECODE_AS_RANGE), so
 * the ports left are given back here, to the dissector they had before. */
static void
apply_labproto_prefs(void)
{
    range_t *ports = prefs_get_range_value("labproto", "tcp.port");
    if (labproto_registered_ports) {
        for (guint32 i = 0; i < labproto_registered_ports->nranges; i++) {
            for (guint32 port = labproto_registered_ports->ranges[i].low;
                 port <= labproto_registered_ports->ranges[i].high; port++) {
                if ((ports && value_is_in_range(ports, port)) || labproto_formats_hold(port))
                    continue;
                labproto_release_port(port);
                if (port == 0xFFFF)
                    break;
            }
        }
        wmem_free(wmem_epan_scope(), labproto_registered_ports);
        labproto_registered_ports = NULL;
    }
    if (ports)
        labproto_registered_ports = range_copy(wmem_epan_scope(), ports);
}

void
proto_register_labproto(void)
{
    static hf_register_info hf[] = {
        {&hf_labproto_len,
         {"Length", "labproto.len", FT_UINT64, BASE_DEC, NULL, 0x0,
          "Length of the message body, from the header", HFILL}},
        {&hf_labproto_payload,
         {"Payload", "labproto.payload", FT_BYTES, BASE_NONE, NULL, 0x0, "The message body as sent",
          HFILL}},
        {&hf_labproto_text,
         {"Text", "labproto.text", FT_STRING, BASE_NONE, NULL, 0x0,
          "The whole message body decoded to UTF-8, control characters shown as their Unicode"
          " pictures (NUL as \u2400)",
          HFILL}},
        {&hf_labproto_direction,
         {"Direction", "labproto.direction", FT_UINT8, BASE_DEC, VALS(labproto_direction_vals), 0x0,
          "0: client to server, 1: server to client (the client sent the SYN)", HFILL}},
        {&hf_labproto_msg_index,
         {"Message index", "labproto.msg_index", FT_UINT32, BASE_DEC, NULL, 0x0,
          "1-based number of the message within its direction of the TCP stream", HFILL}},
        {&hf_labproto_byte_order,
         {"Length byte order", "labproto.byte_order", FT_UINT8, BASE_DEC,
          VALS(labproto_byte_order_vals), 0x0, "Byte order the length field was read in", HFILL}},
        {&hf_labproto_encoding,
         {"Text encoding", "labproto.encoding", FT_STRING, BASE_NONE, NULL, 0x0,
          "Character encoding the text was decoded from (none: no text)", HFILL}},
        {&hf_labproto_continuation,
         {"Body continuation", "labproto.continuation", FT_BYTES, BASE_NONE, NULL, 0x0,
          "Rest of a message body begun in an earlier segment (reassembly off)", HFILL}},
        {&hf_labproto_unframed,
         {"Unframed data", "labproto.unframed", FT_BYTES, BASE_NONE, NULL, 0x0,
          "Data after a malformed length, not decoded as messages", HFILL}},
        {&hf_labproto_header_len,
         {"Length (header sent alone)", "labproto.header.len", FT_UINT64, BASE_DEC, NULL, 0x0,
          "Length field of a header that ended its segment; the message, with labproto.len,"
          " is shown where its body is",
          HFILL}},
        {&hf_labproto_body_in,
         {"Body in frame", "labproto.body_in", FT_FRAMENUM, BASE_NONE,
          FRAMENUM_TYPE(FT_FRAMENUM_RESPONSE), 0x0,
          "Frame where the message with this header is shown", HFILL}},
        {&hf_labproto_header_in,
         {"Header in frame", "labproto.header_in", FT_FRAMENUM, BASE_NONE,
          FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0,
          "Frame whose segment ended with this message's header (sent alone)", HFILL}},
        {&hf_labproto_skipped,
         {"Not framed", "labproto.skipped", FT_BYTES, BASE_NONE, NULL, 0x0,
          "Data that is not the start of a message: retransmitted, the rest of a body whose"
          " start is missing, or before the first message labproto could find",
          HFILL}},
    };

    static gint *ett[] = {
        &ett_labproto,
    };

    static ei_register_info ei[] = {
        {&ei_labproto_len_too_large,
         {"labproto.len.too_large", PI_MALFORMED, PI_ERROR,
          "Length is negative or above max_len; the rest of this direction is not decoded",
          EXPFILL}},
        {&ei_labproto_len_zero,
         {"labproto.len.zero", PI_PROTOCOL, PI_NOTE, "Zero-length message", EXPFILL}},
        {&ei_labproto_msg_truncated,
         {"labproto.msg.truncated", PI_MALFORMED, PI_WARN,
          "The capture or the connection ends inside this message", EXPFILL}},
        {&ei_labproto_msg_partial,
         {"labproto.msg.partial", PI_REASSEMBLE, PI_NOTE,
          "Message continues in later segments (reassembly is off)", EXPFILL}},
        {&ei_labproto_msg_continuation,
         {"labproto.msg.continuation", PI_REASSEMBLE, PI_NOTE,
          "Continues a message body begun in an earlier segment", EXPFILL}},
        {&ei_labproto_msg_incomplete,
         {"labproto.msg.incomplete", PI_SEQUENCE, PI_WARN,
          "Part of this message's body never reached labproto", EXPFILL}},
        {&ei_labproto_text_undecodable,
         {"labproto.text.undecodable", PI_UNDECODED, PI_NOTE,
          "Body is neither valid UTF-8 nor valid CP949; shown as bytes only", EXPFILL}},
        {&ei_labproto_text_invalid,
         {"labproto.text.invalid", PI_PROTOCOL, PI_NOTE,
          "Body has bytes invalid in the chosen encoding", EXPFILL}},
        {&ei_labproto_text_nul_terminator,
         {"labproto.text.nul_terminator", PI_PROTOCOL, PI_NOTE,
          "Body ends in a NUL byte: a C string sent with its terminator (strlen + 1)", EXPFILL}},
        {&ei_labproto_text_nul_padding,
         {"labproto.text.nul_padding", PI_PROTOCOL, PI_NOTE,
          "Body ends in NUL bytes: a fixed-size buffer sent whole", EXPFILL}},
        {&ei_labproto_text_nul_inside,
         {"labproto.text.nul_inside", PI_PROTOCOL, PI_NOTE,
          "Body has a NUL byte with other bytes after it: stale buffer contents", EXPFILL}},
        {&ei_labproto_framing_lost,
         {"labproto.framing.lost", PI_MALFORMED, PI_WARN,
          "Framing of this direction was lost at a malformed length", EXPFILL}},
        {&ei_labproto_data_old,
         {"labproto.data.old", PI_SEQUENCE, PI_NOTE,
          "Data already framed (a retransmission TCP handed over)", EXPFILL}},
        {&ei_labproto_data_missing,
         {"labproto.data.missing", PI_SEQUENCE, PI_WARN,
          "Data before this segment never reached labproto", EXPFILL}},
        {&ei_labproto_data_unsynced,
         {"labproto.data.unsynced", PI_SEQUENCE, PI_NOTE,
          "Not known where messages begin (the capture starts mid-conversation): not decoded until"
          " a segment starts with a message",
          EXPFILL}},
        {&ei_labproto_stream_foreign,
         {"labproto.stream.foreign", PI_PROTOCOL, PI_NOTE,
          "Not labproto: the stream's first data is not a lab message", EXPFILL}},
    };

    proto_labproto =
        proto_register_protocol("Lab Length-Prefixed Protocol", "LABPROTO", "labproto");
    proto_register_field_array(proto_labproto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_module_t *expert_labproto = expert_register_protocol(proto_labproto);
    expert_register_field_array(expert_labproto, ei, array_length(ei));

    labproto_handle = register_dissector("labproto", dissect_labproto, proto_labproto);
    labproto_stream_register(proto_labproto);
    register_init_routine(labproto_init);
    labproto_tap = register_tap("labproto");

    module_t *labproto_module = prefs_register_protocol(proto_labproto, apply_labproto_prefs);
    prefs_register_bool_preference(
        labproto_module, "desegment", "Reassemble messages spanning multiple TCP segments",
        "Whether labproto should reassemble messages whose header and body (or a long body)"
        " arrive in several TCP segments. To use this option, you must also enable \"Allow"
        " subdissectors to reassemble TCP streams\" in the TCP protocol settings.",
        &labproto_desegment);
    prefs_register_bool_preference(
        labproto_module, "pair_lone_headers",
        "Pair a header sent alone with its body in labproto (less memory)",
        "Off (the default), TCP reassembles a header sent alone (the lab's send(len);"
        " send(buf)) with its body, as any message split across segments: it then also puts"
        " together a body whose first segment was lost and retransmitted after later ones."
        " TCP keeps a copy of each such message while the file is open. On, labproto pairs"
        " the header with its body itself and TCP keeps no copy; but with TCP's default"
        " preferences TCP hands over no retransmitted body start that came after later bytes"
        " of the body, so such a message is not decoded (TCP's \"Reassemble out-of-order"
        " segments\" decodes it). Either way the header is shown in its own segment and the"
        " message where its body ends.",
        &labproto_pair_lone_headers);
    prefs_register_enum_preference(
        labproto_module, "byte_order", "Byte order of the length field",
        "auto decides per stream direction from its first header that tells the orders apart:"
        " one reading is believable and the other not, or the smaller of two believable ones.",
        &labproto_byte_order_pref, labproto_byte_order_enum, FALSE);
    prefs_register_enum_preference(
        labproto_module, "encoding", "Text encoding of message bodies",
        "auto shows UTF-8 when the body is valid UTF-8, else CP949 when valid, else no text.",
        &labproto_encoding_pref, labproto_encoding_enum, FALSE);
    prefs_register_uint_preference(
        labproto_module, "max_len", "Largest believable message length",
        "A length above this (or negative as a signed int) is reported as malformed and the"
        " rest of that direction is not decoded.",
        10, &labproto_max_len);
    labproto_formats_register(labproto_module, labproto_move_format_ports);
}

void
proto_reg_handoff_labproto(void)
{
    /* What "tcp.port" held before labproto: where streams that are not lab
     * traffic go (S101 on 9000). */
    labproto_port_fallbacks = wmem_map_new(wmem_epan_scope(), g_direct_hash, g_direct_equal);
    dissector_table_foreach("tcp.port", labproto_remember_fallback, NULL);
    dissector_add_uint_range_with_preference("tcp.port", LABPROTO_TCP_PORTS, labproto_handle);
    heur_dissector_add("tcp", dissect_labproto_heur_tcp, "Lab Length-Prefixed Protocol over TCP",
                       "labproto_tcp", proto_labproto, HEURISTIC_DISABLE);
    apply_labproto_prefs();
    labproto_move_format_ports();
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
