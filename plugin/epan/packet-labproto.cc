/* packet-labproto.cc
 * Routines for Lab Length-Prefixed Protocol (labproto) dissection
 *
 * The protocol of network-programming lab exercises: each message is a
 * 4-byte `int` length, sent in host byte order (little-endian from x86
 * clients, network order in some variants), followed by that many bytes of
 * text (CP949 from Windows lab machines, UTF-8 from Linux ones), over TCP,
 * port 9000 by default. Header and body usually travel in separate segments.
 *
 * Framing and text decisions live in the plain C++ core (plugin/core); this
 * file is the epan glue.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "packet-labproto.h"

#include <epan/conversation.h>
#include <epan/expert.h>
#include <epan/prefs.h>
#include <epan/proto_data.h>
#include <epan/tap.h>
#include <epan/dissectors/packet-tcp.h>

#include <new>
#include <string>
#include <type_traits>
#include <utility>

#include "byte_order.h"
#include "heuristic.h"
#include "length_check.h"
#include "message_summary.h"
#include "packet-labproto-conn.h"
#include "text_decoder.h"
#include "ws_compat.h"

using labproto::ByteOrder;
using labproto::Direction;
using labproto::DirectionFraming;
using labproto::kHeaderLen;
using labproto::LengthVerdict;
using labproto::TextEncoding;

#define LABPROTO_TCP_PORTS "9000"

static_assert(std::is_trivially_destructible<labproto_conv_t>::value,
              "conversation data lives in wmem and is never destructed");

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

gint ett_labproto = -1;

static expert_field ei_labproto_len_too_large = EI_INIT;
static expert_field ei_labproto_len_zero = EI_INIT;
static expert_field ei_labproto_msg_truncated = EI_INIT;
static expert_field ei_labproto_msg_partial = EI_INIT;
static expert_field ei_labproto_msg_continuation = EI_INIT;
static expert_field ei_labproto_text_undecodable = EI_INIT;
static expert_field ei_labproto_text_invalid = EI_INIT;
static expert_field ei_labproto_framing_lost = EI_INIT;

static dissector_handle_t labproto_handle;
static int labproto_tap = -1;

/* Preferences */
static labproto_pref_bool_t labproto_desegment = TRUE;
static gint labproto_byte_order_pref = static_cast<gint>(labproto::ByteOrderPref::kAuto);
static gint labproto_encoding_pref = static_cast<gint>(TextEncoding::kAuto);
static guint labproto_max_len = labproto::kDefaultMaxLen;
static range_t *labproto_tcp_ports;
static range_t *labproto_registered_ports; /* what "tcp.port" holds for us now */

const value_string labproto_direction_vals[] = {
    {static_cast<guint32>(Direction::kClientToServer), "Client to server"},
    {static_cast<guint32>(Direction::kServerToClient), "Server to client"},
    {0, NULL}};

static const value_string labproto_byte_order_vals[] = {
    {static_cast<guint32>(ByteOrder::kLittle), "Little-endian (host order on x86)"},
    {static_cast<guint32>(ByteOrder::kBig), "Big-endian (network order)"},
    {0, NULL}};

static const enum_val_t labproto_byte_order_enum[] = {
    {"auto", "Automatic (per direction, from its first header)",
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

/* What the PDU-level routines need to know about the segment being dissected. */
struct labproto_segment_t {
    labproto_conv_t *conv;
    DirectionFraming *framing;
    labproto::MessageLog *log;
    Direction direction;
    guint32 seq;            /* sequence number of the tvb's first byte */
    guint32 end_seq;        /* sequence number after the segment's last byte */
    bool raw_segment;       /* the tvb is one unreassembled TCP segment */
    bool capture_truncated; /* the capture holds less than the segment carried */
};

/* Per-frame record of a body continuation (reassembly off). */
struct labproto_continuation_t {
    guint32 length;
    guint32 message_index;
};

static bool
labproto_reassembles(packet_info *pinfo)
{
    return labproto_desegment && pinfo->can_desegment;
}

static bool
labproto_is_our_port(guint32 port)
{
    return labproto_tcp_ports && value_is_in_range(labproto_tcp_ports, port);
}

/* The client is the side that sent the SYN; without one in the capture, the
 * side talking to a labproto port; failing that, the higher port. */
static void
labproto_decide_client(packet_info *pinfo, labproto_conv_t *conv)
{
    conversation_t *conv_tcp = find_or_create_conversation(pinfo);
    struct tcp_analysis *tcpd = get_tcp_conversation_data(conv_tcp, pinfo);
    guint32 server_port = tcpd ? tcpd->server_port : 0; /* set by the SYN */

    if (server_port == 0) {
        if (labproto_is_our_port(pinfo->destport))
            server_port = pinfo->destport;
        else if (labproto_is_our_port(pinfo->srcport))
            server_port = pinfo->srcport;
        else /* Decode As or heuristic: listening ports are usually the lower */
            server_port = MIN(pinfo->srcport, pinfo->destport);
    }
    const bool from_client = pinfo->destport == server_port;
    copy_address_wmem(wmem_file_scope(), &conv->client_addr,
                      from_client ? &pinfo->src : &pinfo->dst);
    conv->client_port = from_client ? pinfo->srcport : pinfo->destport;
    conv->client_known = true;
}

Direction
labproto_segment_direction(packet_info *pinfo, labproto_conv_t *conv)
{
    if (!conv->client_known)
        labproto_decide_client(pinfo, conv);
    const bool from_client =
        pinfo->srcport == conv->client_port && addresses_equal(&pinfo->src, &conv->client_addr);
    return from_client ? Direction::kClientToServer : Direction::kServerToClient;
}

bool
labproto_owns_stream(packet_info *pinfo, conversation_t *conversation)
{
    if (conversation_get_dissector(conversation, pinfo->num) == labproto_handle)
        return true;
    static dissector_table_t tcp_port_table = find_dissector_table("tcp.port");
    return dissector_get_uint_handle(tcp_port_table, pinfo->srcport) == labproto_handle ||
           dissector_get_uint_handle(tcp_port_table, pinfo->destport) == labproto_handle;
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

labproto_conv_t *
labproto_conv_lookup(conversation_t *conversation, bool create)
{
    auto *data =
        static_cast<labproto_conv_t *>(conversation_get_proto_data(conversation, proto_labproto));
    if (!data && create) {
        data = new (wmem_new(wmem_file_scope(), labproto_conv_t)) labproto_conv_t();
        conversation_add_proto_data(conversation, proto_labproto, data);
    }
    return data;
}

static labproto_wmem_cb_result_t
labproto_free_message_log(wmem_allocator_t *, wmem_cb_event_t, void *user_data)
{
    delete[] static_cast<labproto::MessageLog *>(user_data);
    return FALSE; /* once: the file scope is gone */
}

static labproto::MessageLog *
labproto_message_log(labproto_conv_t *conv, Direction direction)
{
    if (!conv->log) {
        conv->log = new labproto::MessageLog[2];
        wmem_register_callback(wmem_file_scope(), labproto_free_message_log, conv->log);
    }
    return &conv->log[static_cast<int>(direction)];
}

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

/* Starts the Info column afresh on the first labproto item of a frame and
 * separates later ones, so coalesced messages read as a list. */
static void
labproto_col_add(packet_info *pinfo, guint32 ordinal, const std::string &summary)
{
    col_set_str(pinfo->cinfo, COL_PROTOCOL, "LABPROTO");
    if (ordinal == 0) {
        col_clear(pinfo->cinfo, COL_INFO); /* keeps TCP's fenced notes */
        col_append_str(pinfo->cinfo, COL_INFO, summary.c_str());
    } else {
        col_append_sep_str(pinfo->cinfo, COL_INFO, ", ", summary.c_str());
    }
}

/* The byte order of the direction: decided at its first header, then kept. */
static ByteOrder
labproto_byte_order(labproto_segment_t *seg, const guint8 header[kHeaderLen])
{
    return seg->framing->byte_order(static_cast<labproto::ByteOrderPref>(labproto_byte_order_pref),
                                    header, labproto_max_len);
}

/* The body length a header announces, read in its direction's byte order. */
static guint32
labproto_header_length(labproto_segment_t *seg, const guint8 header[kHeaderLen])
{
    return labproto::read_length(header, labproto_byte_order(seg, header));
}

/* How proto_tree_add_item reads a length field sent in `order`. */
static guint
labproto_length_encoding(ByteOrder order)
{
    return order == ByteOrder::kBig ? ENC_BIG_ENDIAN : ENC_LITTLE_ENDIAN;
}

/* Index of the next message this frame numbers: counted on the first pass,
 * looked up in the direction's log on later ones (tshark -2, the GUI). */
static guint32
labproto_number_message(packet_info *pinfo, labproto_segment_t *seg)
{
    const guint32 nth = labproto_packet_count(pinfo, LABPROTO_KEY_NUMBERED);
    if (PINFO_FD_VISITED(pinfo))
        return seg->log->index_in(pinfo->num, nth);
    if (seg->conv->framing[0].messages() + seg->conv->framing[1].messages() == 0)
        seg->conv->first_message_direction = seg->direction;
    const guint32 index = seg->framing->next_message_index();
    if (nth == 0)
        seg->log->numbered(pinfo->num, index);
    return index;
}

/* Reports one message to the "labproto" tap (the statistics tree). */
static void
labproto_tap_message(packet_info *pinfo, const labproto_segment_t *seg, guint32 index,
                     guint32 length, bool malformed_length, bool truncated)
{
    if (!have_tap_listener(labproto_tap))
        return;
    struct tcp_analysis *tcpd =
        get_tcp_conversation_data(find_or_create_conversation(pinfo), pinfo);
    auto *info = wmem_new(pinfo->pool, labproto_tap_message_t);
    info->direction = seg->direction;
    info->length = length;
    info->stream = tcpd ? tcpd->stream : 0;
    info->first_in_stream = index == 1 && seg->direction == seg->conv->first_message_direction;
    info->malformed_length = malformed_length;
    info->truncated = truncated;
    tap_queue_packet(labproto_tap, pinfo, info);
}

proto_tree *
labproto_add_tree(tvbuff_t *tvb, proto_tree *tree, int length)
{
    proto_item *ti = proto_tree_add_item(tree, proto_labproto, tvb, 0, length, ENC_NA);
    return proto_item_add_subtree(ti, ett_labproto);
}

/* Decodes the body as text and adds it; returns it for the Info column. */
static std::string
dissect_labproto_text(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, int offset, int length,
                      proto_item *payload_item)
{
    if (!tree && !pinfo->cinfo)
        return std::string(); /* nobody would see it: skip the conversion */
    const guint8 *body = tvb_get_ptr(tvb, offset, length);
    labproto::DecodedText text =
        labproto::decode_text(body, length, static_cast<TextEncoding>(labproto_encoding_pref));
    /* Every message gets an encoding ("none" when no encoding fits, and then
     * no text), so tools can tell which messages the text occurrences are of. */
    proto_item *ei =
        proto_tree_add_string(tree, hf_labproto_encoding, tvb, offset, length,
                              text.has_text ? labproto::encoding_name(text.encoding) : "none");
    proto_item_set_generated(ei);
    if (!text.has_text) {
        expert_add_info(pinfo, payload_item, &ei_labproto_text_undecodable);
        return std::string();
    }
    proto_tree_add_string(tree, hf_labproto_text, tvb, offset, length, text.utf8.c_str());
    if (text.replaced)
        expert_add_info_format(pinfo, payload_item, &ei_labproto_text_invalid,
                               "Bytes invalid in %s are shown as U+FFFD",
                               labproto::encoding_name(text.encoding));
    return std::move(text.utf8);
}

/* The length field could not be trusted: nothing after it in this direction
 * can be framed, so stop here instead of misreading body bytes as headers. */
static int
dissect_labproto_bad_length(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                            proto_item *len_item, labproto_segment_t *seg, guint32 length)
{
    expert_add_info_format(pinfo, len_item, &ei_labproto_len_too_large,
                           "Length %u (%d as int) is negative or above max_len %u", length,
                           static_cast<gint32>(length), labproto_max_len);
    if (!PINFO_FD_VISITED(pinfo))
        seg->framing->lose_framing(pinfo->num);
    int rest = tvb_captured_length_remaining(tvb, kHeaderLen);
    if (rest > 0)
        proto_tree_add_item(tree, hf_labproto_unframed, tvb, kHeaderLen, rest, ENC_NA);
    return tvb_captured_length(tvb);
}

/* The capture cut the segment short inside a length field: without the
 * length nothing after it in this direction can be framed. */
static int
dissect_labproto_cut_length(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                            labproto_segment_t *seg)
{
    if (!PINFO_FD_VISITED(pinfo))
        seg->framing->lose_framing(pinfo->num);
    proto_tree *labproto_tree = labproto_add_tree(tvb, tree, -1);
    proto_item *ui = proto_tree_add_item(labproto_tree, hf_labproto_unframed, tvb, 0, -1, ENC_NA);
    expert_add_info_format(pinfo, ui, &ei_labproto_msg_truncated,
                           "Capture ends inside a length field (%u of %u bytes present); the rest"
                           " of this direction cannot be framed",
                           tvb_captured_length(tvb), kHeaderLen);
    labproto_col_add(pinfo, labproto_next_ordinal(pinfo),
                     std::string(labproto::direction_arrow(seg->direction)) +
                         " length field cut short [truncated]");
    return tvb_captured_length(tvb);
}

/* One labproto message numbered `index`: length, payload and its text.
 * `header_frame` is where the header of a split message was (0: here). */
static int
dissect_labproto_message_items(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                               labproto_segment_t *seg, guint32 index, guint32 header_frame)
{
    guint8 header[kHeaderLen];
    tvb_memcpy(tvb, header, 0, kHeaderLen);
    const guint32 ordinal = labproto_next_ordinal(pinfo);
    const ByteOrder byte_order = labproto_byte_order(seg, header);
    const guint32 length = labproto::read_length(header, byte_order);
    const LengthVerdict verdict = labproto::check_length(length, labproto_max_len);

    /* Only message items carry direction and index, so that every per-message
     * field has exactly one occurrence per message in a frame. */
    proto_tree *labproto_tree = labproto_add_tree(tvb, tree, -1);
    proto_item *di = proto_tree_add_uint(labproto_tree, hf_labproto_direction, tvb, 0, 0,
                                         static_cast<guint32>(seg->direction));
    proto_item_set_generated(di);
    proto_item *ii = proto_tree_add_uint(labproto_tree, hf_labproto_msg_index, tvb, 0, 0, index);
    proto_item_set_generated(ii);
    proto_item *bi = proto_tree_add_uint(labproto_tree, hf_labproto_byte_order, tvb, 0, 0,
                                         static_cast<guint32>(byte_order));
    proto_item_set_generated(bi);
    if (header_frame) {
        proto_item *hi = proto_tree_add_uint(labproto_tree, hf_labproto_header_in, tvb, 0,
                                             kHeaderLen, header_frame);
        proto_item_set_generated(hi);
    }
    proto_item *len_item = proto_tree_add_item(labproto_tree, hf_labproto_len, tvb, 0, kHeaderLen,
                                               labproto_length_encoding(byte_order));

    if (verdict == LengthVerdict::kTooLarge) {
        labproto_col_add(
            pinfo, ordinal,
            labproto::message_summary(seg->direction, index, length, nullptr, "malformed length"));
        labproto_tap_message(pinfo, seg, index, length, true, false);
        return dissect_labproto_bad_length(tvb, pinfo, labproto_tree, len_item, seg, length);
    }
    if (verdict == LengthVerdict::kZero)
        expert_add_info(pinfo, len_item, &ei_labproto_len_zero);

    /* Without reassembly (or with a short snaplen) only part of the body
     * may be here; show that part and say so. Every message, even an empty
     * one, gets payload and text so their occurrences line up with len. */
    const int available = MIN(static_cast<gint64>(length),
                              static_cast<gint64>(tvb_captured_length_remaining(tvb, kHeaderLen)));
    const char *note = NULL;
    proto_item *pi =
        proto_tree_add_item(labproto_tree, hf_labproto_payload, tvb, kHeaderLen, available, ENC_NA);
    std::string text = dissect_labproto_text(tvb, pinfo, labproto_tree, kHeaderLen, available, pi);
    if (static_cast<guint32>(available) < length) {
        if (seg->capture_truncated) {
            note = "truncated";
            expert_add_info_format(pinfo, pi, &ei_labproto_msg_truncated,
                                   "Capture ends inside message #%u: %d of %u bytes present", index,
                                   available, length);
        } else {
            note = "partial";
            expert_add_info_format(pinfo, pi, &ei_labproto_msg_partial,
                                   "Message #%u continues in later segments: %d of %u bytes"
                                   " here (reassembly is off)",
                                   index, available, length);
        }
    }
    /* Without columns (tshark -T fields, -V, -z) the summary would be built
     * for nothing, at a cost comparable to the message's tree items. */
    if (pinfo->cinfo)
        labproto_col_add(pinfo, ordinal,
                         labproto::message_summary(seg->direction, index, length, &text, note));
    labproto_tap_message(pinfo, seg, index, length, false,
                         seg->capture_truncated && static_cast<guint32>(available) < length);
    return kHeaderLen + available;
}

/* Whether a header of `length` is the last thing in a segment of its own,
 * its body in later ones: the lab's send(len) then send(buf). Such a header
 * is a PDU of its own and its body is paired with it by labproto (see
 * message_log.h), not by TCP reassembly, which would keep a copy of the
 * message for the life of the file. */
static bool
labproto_is_split_header(packet_info *pinfo, const labproto_segment_t *seg, tvbuff_t *tvb,
                         int offset, guint32 length)
{
    return length > 0 && length <= G_MAXINT32 - kHeaderLen && seg->raw_segment &&
           labproto_reassembles(pinfo) &&
           tvb_reported_length_remaining(tvb, offset) == static_cast<gint>(kHeaderLen) &&
           tvb_captured_length_remaining(tvb, offset) == static_cast<gint>(kHeaderLen);
}

/* A header alone at the end of its segment: its body follows. */
static int
dissect_labproto_split_header(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                              labproto_segment_t *seg, const guint8 header[kHeaderLen],
                              guint32 length)
{
    const guint32 ordinal = labproto_next_ordinal(pinfo);
    const guint32 index = labproto_number_message(pinfo, seg);
    if (!PINFO_FD_VISITED(pinfo))
        seg->log->split_header(pinfo->num, index, length, header, seg->end_seq);

    proto_tree *labproto_tree = labproto_add_tree(tvb, tree, kHeaderLen);
    proto_item_append_text(proto_tree_get_parent(labproto_tree), ", header of message #%u", index);
    proto_tree_add_item(labproto_tree, hf_labproto_header_len, tvb, 0, kHeaderLen,
                        labproto_length_encoding(labproto_byte_order(seg, header)));
    const labproto::SplitMessage *split = seg->log->split_with_header_in(pinfo->num);
    if (split && split->index == index && split->body_frame) {
        proto_item *bi =
            proto_tree_add_uint(labproto_tree, hf_labproto_body_in, tvb, 0, 0, split->body_frame);
        proto_item_set_generated(bi);
    }
    if (pinfo->cinfo)
        labproto_col_add(pinfo, ordinal,
                         labproto::message_summary(seg->direction, index, length, nullptr,
                                                   "header; body follows"));
    return kHeaderLen;
}

/* One labproto PDU as framed by tcp_dissect_pdus: a message, or the header
 * of a split message. */
static int
dissect_labproto_message(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    auto *seg = static_cast<labproto_segment_t *>(data);
    if (tvb_captured_length(tvb) < kHeaderLen)
        return dissect_labproto_cut_length(tvb, pinfo, tree, seg);
    guint8 header[kHeaderLen];
    tvb_memcpy(tvb, header, 0, kHeaderLen);
    const guint32 length = labproto_header_length(seg, header);
    /* A split header is its PDU's only content, unlike any message with a body. */
    if (labproto::check_length(length, labproto_max_len) == LengthVerdict::kOk &&
        tvb_reported_length(tvb) == kHeaderLen)
        return dissect_labproto_split_header(tvb, pinfo, tree, seg, header, length);
    return dissect_labproto_message_items(tvb, pinfo, tree, seg,
                                          labproto_number_message(pinfo, seg), 0);
}

static guint
get_labproto_message_len(packet_info *pinfo, tvbuff_t *tvb, int offset, void *data)
{
    auto *seg = static_cast<labproto_segment_t *>(data);
    /* get_pdu_len must not throw: a length field the capture cut short is
     * left to the message dissector to report. */
    if (tvb_captured_length_remaining(tvb, offset) < static_cast<gint>(kHeaderLen))
        return tvb_reported_length_remaining(tvb, offset);
    guint8 header[kHeaderLen];
    tvb_memcpy(tvb, header, offset, kHeaderLen);
    const guint32 length = labproto_header_length(seg, header);

    /* Never wait for (or let TCP buffer) a length we do not believe: take the
     * rest of the segment and let the message dissector report it. */
    if (labproto::check_length(length, labproto_max_len) == LengthVerdict::kTooLarge)
        return tvb_reported_length_remaining(tvb, offset);
    if (seg->raw_segment && !PINFO_FD_VISITED(pinfo))
        seg->framing->header_at(seg->seq + offset, length, pinfo->num);
    if (labproto_is_split_header(pinfo, seg, tvb, offset, length))
        return kHeaderLen;
    return kHeaderLen + length; /* length <= INT32_MAX: cannot overflow */
}

/* The header and body of a split message as one tvb, in packet scope: the
 * body stays in its own frame, and only the header is remembered. */
static tvbuff_t *
labproto_split_message_tvb(tvbuff_t *tvb, packet_info *pinfo, const labproto::SplitMessage *split)
{
    const guint body = MIN(split->length, tvb_captured_length(tvb));
    auto *data = static_cast<guint8 *>(wmem_alloc(pinfo->pool, kHeaderLen + body));
    memcpy(data, split->header, kHeaderLen);
    tvb_memcpy(tvb, data + kHeaderLen, 0, body);
    tvbuff_t *msg_tvb = tvb_new_child_real_data(tvb, data, kHeaderLen + body,
                                                static_cast<gint>(kHeaderLen + split->length));
    add_new_data_source(pinfo, msg_tvb, "Reassembled labproto message");
    return msg_tvb;
}

/* Asks TCP for the rest of a split message's body, which starts this segment. */
static int
labproto_await_split_body(tvbuff_t *tvb, packet_info *pinfo, const labproto::SplitMessage *split)
{
    pinfo->desegment_offset = 0;
    pinfo->desegment_len = split->length - tvb_reported_length(tvb);
    return -1;
}

/* The split message whose body starts this tvb, as the first pass saw it.
 * Sets *await when TCP has yet to reassemble the body. */
static const labproto::SplitMessage *
labproto_split_body_record(tvbuff_t *tvb, packet_info *pinfo, labproto_segment_t *seg, bool *await)
{
    const labproto::SplitMessage *split;
    *await = false;
    if (!PINFO_FD_VISITED(pinfo)) {
        split = seg->log->awaiting_body_at(seg->seq);
        if (!split)
            return NULL;
        /* TCP reassembles no segment the capture cut short: show what is there. */
        if (tvb_reported_length(tvb) < split->length && seg->raw_segment &&
            !seg->capture_truncated) {
            seg->log->body_started(pinfo->num);
            *await = true;
        } else {
            seg->log->body_found(pinfo->num);
        }
        return split;
    }
    split = seg->log->split_with_body_in(pinfo->num);
    if (split && split->body_seq == seg->seq)
        return split;
    split = seg->log->split_with_body_starting_in(pinfo->num);
    *await = split && split->body_seq == seg->seq && seg->raw_segment;
    return *await ? split : NULL;
}

/* The body of a split message at the start of the tvb (a segment, or the
 * body TCP reassembled): shown with its header as one message. Returns the
 * bytes it took, or -1 when TCP is to reassemble the rest of the body. */
static int
dissect_labproto_split_body(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                            labproto_segment_t *seg)
{
    /* After a reassembled body TCP hands over the rest of the frame's
     * segment with the body's sequence number. */
    if (p_get_proto_data(pinfo->pool, pinfo, proto_labproto, LABPROTO_KEY_SPLIT_BODY_DONE))
        return 0;
    bool await;
    const labproto::SplitMessage *split = labproto_split_body_record(tvb, pinfo, seg, &await);
    if (!split)
        return 0;
    if (await)
        return labproto_await_split_body(tvb, pinfo, split);
    p_add_proto_data(pinfo->pool, pinfo, proto_labproto, LABPROTO_KEY_SPLIT_BODY_DONE,
                     GUINT_TO_POINTER(1));
    dissect_labproto_message_items(labproto_split_message_tvb(tvb, pinfo, split), pinfo, tree, seg,
                                   split->index, split->header_frame);
    return static_cast<int>(MIN(split->length, tvb_reported_length(tvb)));
}

/* Reassembly off: bytes at the start of this segment that continue the body
 * of an earlier message, as worked out on the first pass. */
static const labproto_continuation_t *
labproto_continuation_record(packet_info *pinfo, labproto_segment_t *seg, tvbuff_t *tvb)
{
    auto *cont = static_cast<labproto_continuation_t *>(
        p_get_proto_data(wmem_file_scope(), pinfo, proto_labproto, LABPROTO_KEY_CONTINUATION));
    if (!cont && !PINFO_FD_VISITED(pinfo)) {
        guint32 length = seg->framing->continuation_bytes(seg->seq, tvb_reported_length(tvb));
        if (length == 0)
            return NULL;
        cont = wmem_new(wmem_file_scope(), labproto_continuation_t);
        cont->length = length;
        cont->message_index = seg->framing->continued_message_index();
        p_add_proto_data(wmem_file_scope(), pinfo, proto_labproto, LABPROTO_KEY_CONTINUATION, cont);
    }
    return cont;
}

static int
dissect_labproto_continuation(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                              labproto_segment_t *seg)
{
    const labproto_continuation_t *cont = labproto_continuation_record(pinfo, seg, tvb);
    if (!cont)
        return 0;
    const int length = MIN(static_cast<int>(cont->length), tvb_captured_length(tvb));
    proto_tree *labproto_tree = labproto_add_tree(tvb, tree, length);
    proto_item *ci =
        proto_tree_add_item(labproto_tree, hf_labproto_continuation, tvb, 0, length, ENC_NA);
    /* TCP reassembles no segment the capture cut short, even with reassembly on. */
    const bool truncated = length < static_cast<int>(cont->length);
    if (truncated)
        expert_add_info_format(pinfo, ci, &ei_labproto_msg_truncated,
                               "Capture ends inside message #%u: %d of the %u body bytes in this"
                               " segment present",
                               cont->message_index, length, cont->length);
    else
        expert_add_info_format(pinfo, ci, &ei_labproto_msg_continuation,
                               "Continues the body of message #%u (%s)", cont->message_index,
                               seg->capture_truncated ? "TCP cannot reassemble a segment the"
                                                        " capture cut short"
                                                      : "reassembly is off");
    labproto_col_add(pinfo, labproto_next_ordinal(pinfo),
                     std::string(labproto::direction_arrow(seg->direction)) + " #" +
                         std::to_string(cont->message_index) + " continuation (" +
                         std::to_string(length) + " bytes)" + (truncated ? " [truncated]" : ""));
    return static_cast<int>(cont->length);
}

/* After a malformed length: show the direction's data without framing it. */
static int
dissect_labproto_unframed(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                          labproto_segment_t *seg)
{
    proto_tree *labproto_tree = labproto_add_tree(tvb, tree, -1);
    proto_item *ui = proto_tree_add_item(labproto_tree, hf_labproto_unframed, tvb, 0, -1, ENC_NA);
    expert_add_info_format(pinfo, ui, &ei_labproto_framing_lost,
                           "Not decoded: framing of this direction was lost at frame %u",
                           seg->framing->framing_lost_at());
    labproto_col_add(pinfo, labproto_next_ordinal(pinfo),
                     std::string(labproto::direction_arrow(seg->direction)) +
                         " unframed data (framing lost at frame " +
                         std::to_string(seg->framing->framing_lost_at()) + ")");
    return tvb_captured_length(tvb);
}

/* One TCP segment (or reassembled run of segments) of a labproto stream. */
static int
dissect_labproto(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    auto *tcpinfo = static_cast<struct tcpinfo *>(data);
    labproto_segment_t seg;
    seg.conv = labproto_conv_lookup(find_or_create_conversation(pinfo), true);
    seg.direction = labproto_segment_direction(pinfo, seg.conv);
    seg.framing = &seg.conv->framing[static_cast<int>(seg.direction)];
    seg.log = labproto_message_log(seg.conv, seg.direction);
    seg.seq = tcpinfo ? tcpinfo->seq : 0;
    seg.end_seq = seg.seq + tvb_reported_length(tvb);
    seg.raw_segment = tcpinfo && !tcpinfo->is_reassembled;
    seg.capture_truncated = tvb_captured_length(tvb) < tvb_reported_length(tvb);

    col_set_str(pinfo->cinfo, COL_PROTOCOL, "LABPROTO");
    if (seg.framing->framing_lost_before(pinfo->num))
        return dissect_labproto_unframed(tvb, pinfo, tree, &seg);

    int offset = 0;
    if (labproto_reassembles(pinfo))
        offset = dissect_labproto_split_body(tvb, pinfo, tree, &seg);
    else if (seg.raw_segment)
        offset = dissect_labproto_continuation(tvb, pinfo, tree, &seg);
    if (offset < 0)
        return tvb_captured_length(tvb); /* TCP reassembles the rest of a split body */
    if (offset < static_cast<int>(tvb_reported_length(tvb))) {
        seg.seq += offset;
        tcp_dissect_pdus(tvb_new_subset_remaining(tvb, offset), pinfo, tree, labproto_desegment,
                         kHeaderLen, get_labproto_message_len, dissect_labproto_message, &seg);
    }
    return tvb_captured_length(tvb);
}

static labproto_heur_result_t
dissect_labproto_heur_tcp(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    const guint captured = tvb_captured_length(tvb);
    if (captured < kHeaderLen)
        return FALSE;
    if (!labproto::looks_like_labproto(tvb_get_ptr(tvb, 0, captured), captured,
                                       tvb_reported_length(tvb), labproto_max_len))
        return FALSE;

    conversation_t *conversation = find_or_create_conversation(pinfo);
    conversation_set_dissector(conversation, labproto_handle);
    dissect_labproto(tvb, pinfo, tree, data);
    return TRUE;
}

/* Moves labproto's "tcp.port" registrations to the port preference. */
static void
apply_labproto_prefs(void)
{
    if (labproto_registered_ports) {
        dissector_delete_uint_range("tcp.port", labproto_registered_ports, labproto_handle);
        wmem_free(wmem_epan_scope(), labproto_registered_ports);
    }
    labproto_registered_ports = range_copy(wmem_epan_scope(), labproto_tcp_ports);
    dissector_add_uint_range("tcp.port", labproto_registered_ports, labproto_handle);
}

void
proto_register_labproto(void)
{
    static hf_register_info hf[] = {
        {&hf_labproto_len,
         {"Length", "labproto.len", FT_UINT32, BASE_DEC, NULL, 0x0,
          "Length of the message body, from the 4-byte header", HFILL}},
        {&hf_labproto_payload,
         {"Payload", "labproto.payload", FT_BYTES, BASE_NONE, NULL, 0x0, "The message body as sent",
          HFILL}},
        {&hf_labproto_text,
         {"Text", "labproto.text", FT_STRING, BASE_NONE, NULL, 0x0,
          "The message body decoded to UTF-8", HFILL}},
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
         {"Length (header sent alone)", "labproto.header.len", FT_UINT32, BASE_DEC, NULL, 0x0,
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
        {&ei_labproto_text_undecodable,
         {"labproto.text.undecodable", PI_UNDECODED, PI_NOTE,
          "Body is neither valid UTF-8 nor valid CP949; shown as bytes only", EXPFILL}},
        {&ei_labproto_text_invalid,
         {"labproto.text.invalid", PI_PROTOCOL, PI_NOTE,
          "Body has bytes invalid in the chosen encoding", EXPFILL}},
        {&ei_labproto_framing_lost,
         {"labproto.framing.lost", PI_MALFORMED, PI_WARN,
          "Framing of this direction was lost at a malformed length", EXPFILL}},
    };

    proto_labproto =
        proto_register_protocol("Lab Length-Prefixed Protocol", "LABPROTO", "labproto");
    proto_register_field_array(proto_labproto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_module_t *expert_labproto = expert_register_protocol(proto_labproto);
    expert_register_field_array(expert_labproto, ei, array_length(ei));

    labproto_handle = register_dissector("labproto", dissect_labproto, proto_labproto);
    labproto_tap = register_tap("labproto");

    module_t *labproto_module = prefs_register_protocol(proto_labproto, apply_labproto_prefs);
    range_convert_str(wmem_epan_scope(), &labproto_tcp_ports, LABPROTO_TCP_PORTS, 65535);
    prefs_register_range_preference(
        labproto_module, "tcp.port", "TCP ports",
        "TCP ports on which labproto is decoded (a range such as 9000,9100-9199). Other"
        " streams can be decoded with Decode As or the labproto_tcp heuristic.",
        &labproto_tcp_ports, 65535);
    prefs_register_bool_preference(
        labproto_module, "desegment", "Reassemble messages spanning multiple TCP segments",
        "Whether labproto should reassemble messages whose header and body (or a long body)"
        " arrive in several TCP segments. To use this option, you must also enable \"Allow"
        " subdissectors to reassemble TCP streams\" in the TCP protocol settings.",
        &labproto_desegment);
    prefs_register_enum_preference(
        labproto_module, "byte_order", "Byte order of the length field",
        "auto decides per stream direction from its first header: a value that only makes"
        " sense in one order picks that order, little-endian on ties.",
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

    proto_register_labproto_conn();
}

void
proto_reg_handoff_labproto(void)
{
    dissector_add_for_decode_as("tcp.port", labproto_handle);
    heur_dissector_add("tcp", dissect_labproto_heur_tcp, "Lab Length-Prefixed Protocol over TCP",
                       "labproto_tcp", proto_labproto, HEURISTIC_DISABLE);
    apply_labproto_prefs();
    proto_reg_handoff_labproto_conn();
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
