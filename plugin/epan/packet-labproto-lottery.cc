/* packet-labproto-lottery.cc
 * Routines for the lottery lab's protocol (LABPROTO lottery)
 *
 * The client writes each command as a 4-byte `int` in host order (0 GEN,
 * 1 LIST, 2 END); the server answers GEN and LIST with a line of text that
 * has no length in front of it, sent with its strlen or as the whole 256-byte
 * buffer it was sprintf'd into, and closes on END. Which command a reply
 * answers, and where a reply begins, the core decides (LotteryLog); this file
 * is the epan glue. It has no default port: Decode As, or the
 * labproto_lottery.tcp.port preference.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "packet-labproto-lottery.h"

#include <epan/expert.h>
#include <epan/proto_data.h>

#include "lottery.h"
#include "packet-labproto-labs.h"
#include "packet-labproto.h"

using labproto::Direction;
using labproto::LotteryReplyLink;

static int proto_labproto_lottery = -1;

static int hf_lottery_direction = -1;
static int hf_lottery_command = -1;
static int hf_lottery_command_number = -1;
static int hf_lottery_byte_order = -1;
static int hf_lottery_reply = -1;
static int hf_lottery_reply_text = -1;
static int hf_lottery_reply_to = -1;
static int hf_lottery_reply_in = -1;
static int hf_lottery_reply_time = -1;

static gint ett_lottery = -1;

static expert_field ei_lottery_unknown_command = EI_INIT;
static expert_field ei_lottery_unexpected_reply = EI_INIT;
static expert_field ei_lottery_reply_continued = EI_INIT;
static expert_field ei_lottery_big_endian = EI_INIT;

static dissector_handle_t lottery_handle;

static const value_string lottery_command_vals[] = {
    {static_cast<guint32>(labproto::LotteryCommand::kGen), "GEN"},
    {static_cast<guint32>(labproto::LotteryCommand::kList), "LIST"},
    {static_cast<guint32>(labproto::LotteryCommand::kEnd), "END"},
    {0, NULL}};

/* One connection, in file scope. */
struct lottery_conv_t {
    labproto::LotteryLog log;
    labproto_client_t client;

    explicit lottery_conv_t(labproto::Arena *arena) : log(arena), client()
    {
    }
};

/* Keys of the lottery's per-frame data (p_get_proto_data). */
enum lottery_frame_key {
    LOTTERY_KEY_REPLY = 0, /* the LotteryReplyLink of server data, file scope */
    LOTTERY_KEY_COMMAND,   /* command numbering (labproto_item_number) */
};

/* ---- Commands ------------------------------------------------------------- */

static int
dissect_lottery_command(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    auto *conv = static_cast<lottery_conv_t *>(data);
    const labproto::LotteryCommandValue command =
        labproto::read_lottery_command(tvb_get_ptr(tvb, 0, labproto::kLotteryCommandLen));
    /* Numbered by the first pass, in the order they come. */
    const guint32 number = labproto_item_number(
        pinfo, proto_labproto_lottery, LOTTERY_KEY_COMMAND,
        PINFO_FD_VISITED(pinfo) ? 0
                                : conv->log.add_command(pinfo->num, command.value,
                                                        pinfo->abs_ts.secs, pinfo->abs_ts.nsecs));

    proto_tree *lottery_tree = labproto_lab_tree(tvb, tree, proto_labproto_lottery, ett_lottery,
                                                 hf_lottery_direction, Direction::kClientToServer);
    labproto_add_generated_uint(lottery_tree, hf_lottery_command_number, tvb, 0, 0, number);
    static const labproto_lab_int_fields_t command_fields = {
        &hf_lottery_command, &hf_lottery_byte_order, &ei_lottery_big_endian};
    proto_item *ci =
        labproto_lab_add_int(lottery_tree, pinfo, tvb, 0, command.order, &command_fields);
    const char *name = labproto::lottery_command_name(command.value);
    if (!name)
        expert_add_info_format(pinfo, ci, &ei_lottery_unknown_command,
                               "Unknown command %u (the lab has 0 GEN, 1 LIST, 2 END)",
                               command.value);
    const labproto::LotteryCommandEntry *entry = conv->log.command(number);
    if (entry && entry->reply_frame)
        labproto_add_generated_uint(lottery_tree, hf_lottery_reply_in, tvb, 0, 0,
                                    entry->reply_frame);
    labproto_lab_col_add(
        pinfo,
        name ? wmem_strdup_printf(pinfo->pool, "Command #%u %s", number, name)
             : wmem_strdup_printf(pinfo->pool, "Command #%u unknown (%u)", number, command.value));
    return labproto::kLotteryCommandLen;
}

/* ---- Replies -------------------------------------------------------------- */

/* The reply's text (up to its first NUL: the client prints it so) and what
 * the bytes after it say about the buffer it was sent from. */
static const char *
dissect_lottery_reply_text(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                           proto_item *reply_item)
{
    const guint length = tvb_captured_length(tvb);
    const guint8 *bytes = tvb_get_ptr(tvb, 0, length);
    const labproto::NulBytes nuls = labproto::find_nul_bytes(bytes, length);
    const guint text_len =
        nuls.shape == labproto::NulShape::kNone ? length : static_cast<guint>(nuls.first);
    const labproto_body_text_t text = labproto_decode_body(pinfo, bytes, text_len, true);
    labproto_add_nul_notes(pinfo, reply_item, nuls, length);
    if (!text.text)
        return NULL;
    proto_tree_add_string(tree, hf_lottery_reply_text, tvb, 0, static_cast<gint>(text_len),
                          text.text);
    return text.text; /* a line of at most 255 characters: shown whole */
}

static void
dissect_lottery_reply(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *state)
{
    auto *conv = static_cast<lottery_conv_t *>(state);
    /* Decided on the first pass, kept for the later ones. */
    auto *link = static_cast<LotteryReplyLink *>(
        p_get_proto_data(wmem_file_scope(), pinfo, proto_labproto_lottery, LOTTERY_KEY_REPLY));
    if (!link) {
        link = wmem_new0(wmem_file_scope(), LotteryReplyLink);
        if (!PINFO_FD_VISITED(pinfo))
            *link = conv->log.add_reply(pinfo->num);
        p_add_proto_data(wmem_file_scope(), pinfo, proto_labproto_lottery, LOTTERY_KEY_REPLY, link);
    }

    proto_tree *lottery_tree = labproto_lab_tree(tvb, tree, proto_labproto_lottery, ett_lottery,
                                                 hf_lottery_direction, Direction::kServerToClient);
    proto_item *ri = proto_tree_add_item(lottery_tree, hf_lottery_reply, tvb, 0, -1, ENC_NA);
    const char *preview = dissect_lottery_reply_text(tvb, pinfo, lottery_tree, ri);
    const labproto::LotteryCommandEntry *command = conv->log.command(link->command);
    if (!command) {
        expert_add_info(pinfo, ri, &ei_lottery_unexpected_reply);
    } else {
        labproto_add_generated_uint(lottery_tree, hf_lottery_reply_to, tvb, 0, 0, command->frame);
        nstime_t sent = {static_cast<time_t>(command->secs), command->nsecs};
        nstime_t delta;
        nstime_delta(&delta, &pinfo->abs_ts, &sent);
        proto_item *pi =
            proto_tree_add_time(lottery_tree, hf_lottery_reply_time, tvb, 0, 0, &delta);
        proto_item_set_generated(pi);
        if (link->continued)
            expert_add_info_format(pinfo, ri, &ei_lottery_reply_continued,
                                   "Rest of the reply to command #%u, begun in frame %u",
                                   link->command, command->reply_frame);
    }
    if (pinfo->cinfo)
        labproto_lab_col_add(pinfo, link->command
                                        ? wmem_strdup_printf(pinfo->pool, "Reply to #%u: %s",
                                                             link->command,
                                                             preview ? preview : "(no text)")
                                        : "Reply to no command");
}

/* ---- The dissector -------------------------------------------------------- */

static const labproto_lab_sides_t lottery_sides = {"LABPROTO lottery", Direction::kClientToServer,
                                                   labproto::kLotteryCommandLen,
                                                   dissect_lottery_command, dissect_lottery_reply};

static int
dissect_labproto_lottery(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    auto *conv = labproto_lab_state<lottery_conv_t>(pinfo, proto_labproto_lottery);
    return labproto_dissect_lab(tvb, pinfo, tree, data, &lottery_sides, &conv->client, conv);
}

void
proto_register_labproto_lottery(void)
{
    static hf_register_info hf[] = {
        {&hf_lottery_direction,
         {"Direction", "labproto_lottery.direction", FT_UINT8, BASE_DEC,
          VALS(labproto_direction_vals), 0x0, "0: client to server, 1: server to client", HFILL}},
        {&hf_lottery_command,
         {"Command", "labproto_lottery.command", FT_UINT32, BASE_DEC, VALS(lottery_command_vals),
          0x0, "The 4-byte int the client wrote: 0 GEN, 1 LIST, 2 END", HFILL}},
        {&hf_lottery_command_number,
         {"Command number", "labproto_lottery.command_number", FT_UINT32, BASE_DEC, NULL, 0x0,
          "1-based number of the command within the connection", HFILL}},
        {&hf_lottery_byte_order,
         {"Command byte order", "labproto_lottery.byte_order", FT_UINT8, BASE_DEC,
          VALS(labproto_byte_order_vals), 0x0, "Byte order the command was read in", HFILL}},
        {&hf_lottery_reply,
         {"Reply", "labproto_lottery.reply", FT_BYTES, BASE_NONE, NULL, 0x0,
          "What the server sent after a command, as sent", HFILL}},
        {&hf_lottery_reply_text,
         {"Reply text", "labproto_lottery.text", FT_STRING, BASE_NONE, NULL, 0x0,
          "The reply up to its first NUL byte, decoded to UTF-8", HFILL}},
        {&hf_lottery_reply_to,
         {"Reply to", "labproto_lottery.reply_to", FT_FRAMENUM, BASE_NONE,
          FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0, "The frame of the command this answers", HFILL}},
        {&hf_lottery_reply_in,
         {"Reply in", "labproto_lottery.reply_in", FT_FRAMENUM, BASE_NONE,
          FRAMENUM_TYPE(FT_FRAMENUM_RESPONSE), 0x0,
          "The frame where the reply begins (known once the reply has been seen: with -2 and"
          " in the GUI)",
          HFILL}},
        {&hf_lottery_reply_time,
         {"Reply time", "labproto_lottery.reply_time", FT_RELATIVE_TIME, BASE_NONE, NULL, 0x0,
          "Time from the command to this part of its reply", HFILL}},
    };
    static gint *ett[] = {&ett_lottery};
    static ei_register_info ei[] = {
        {&ei_lottery_unknown_command,
         {"labproto_lottery.command.unknown", PI_PROTOCOL, PI_WARN,
          "Unknown command (the lab has 0 GEN, 1 LIST, 2 END)", EXPFILL}},
        {&ei_lottery_unexpected_reply,
         {"labproto_lottery.reply.unexpected", PI_SEQUENCE, PI_WARN,
          "Server data with no command awaiting a reply (none yet, or after END)", EXPFILL}},
        {&ei_lottery_reply_continued,
         {"labproto_lottery.reply.continued", PI_SEQUENCE, PI_NOTE,
          "Rest of a reply begun in an earlier frame", EXPFILL}},
        {&ei_lottery_big_endian,
         {"labproto_lottery.command.big_endian", PI_PROTOCOL, PI_NOTE,
          "Command sent in network byte order (htonl): the lab sends host order", EXPFILL}},
    };

    proto_labproto_lottery =
        proto_register_protocol("Lab lottery protocol", "LABPROTO lottery", "labproto_lottery");
    proto_register_field_array(proto_labproto_lottery, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert_register_protocol(proto_labproto_lottery), ei,
                                array_length(ei));
    lottery_handle =
        register_dissector("labproto_lottery", dissect_labproto_lottery, proto_labproto_lottery);
    /* The port preference (labproto_lottery.tcp.port) and Decode As. */
    prefs_register_protocol(proto_labproto_lottery, NULL);
}

void
proto_reg_handoff_labproto_lottery(void)
{
    /* No default port: the handouts use 10000 and 1235, neither the lab's own. */
    dissector_add_uint_range_with_preference("tcp.port", "", lottery_handle);
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
