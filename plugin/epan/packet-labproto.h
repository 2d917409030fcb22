/* packet-labproto.h
 * The labproto protocol as the other parts of the plugin see it: its
 * registration, the ports it serves, the streams it claims, and what it
 * reports to the "labproto" tap.
 *
 * C++ inside Wireshark: Wireshark's exceptions are longjmps, which skip C++
 * destructors. No object with a destructor (std::string, std::vector, ...)
 * may be alive across a call that can throw: proto_*, expert_*, tvb_*,
 * col_*. Results of the core that own memory are copied to pinfo->pool (or
 * wmem file scope) before such calls, and per-frame and per-stream state
 * lives in wmem file scope (see packet-labproto-stream.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#pragma once

#include "ws_compat.h" /* <wireshark.h>, or what 3.6 has of it */

#include <epan/conversation.h>
#include <epan/packet.h>
#include <epan/tap.h>

#include "packet-labproto-keys.h"
#include "packet-labproto-tap.h"

#include "direction.h"
#include "message_stream.h"
#include "nul_bytes.h"
#include "text_decoder.h"
#include "packet-labproto-stream.h"

extern int proto_labproto;
extern int hf_labproto_direction;
extern int ett_labproto;
extern const value_string labproto_direction_vals[];
extern const value_string labproto_byte_order_vals[];

void proto_register_labproto(void);
void proto_reg_handoff_labproto(void);

/* Whether "tcp.port" sends `port` to labproto (its port preference or
 * Decode As), as the table was when the pass started. */
bool labproto_serves_port(guint32 port);

/* Whether the labproto_tcp heuristic is enabled. */
bool labproto_heuristic_enabled(void);

/* The state of a stream whose server listens on `server_port`, created
 * with the current preferences if labproto has none yet. */
labproto_stream_t *labproto_claim_stream(conversation_t *conversation, packet_info *pinfo,
                                         guint32 server_port);

/* What a message body decodes to (in the encoding preference), in
 * pinfo->pool. Every lab's text is decoded alike. */
struct labproto_body_text_t {
    const char *encoding; /* "none" when no encoding fits */
    const char *text;     /* whole body, control characters visible; NULL: none */
    const char *preview;  /* for the Info column */
    bool replaced;        /* invalid bytes shown as U+FFFD */
    labproto::NulBytes nuls;
};

/* Decodes `length` bytes of text; with `want_text` false only finds the NUL
 * bytes (nobody would see the text). */
labproto_body_text_t labproto_decode_body(packet_info *pinfo, const guint8 *body, guint length,
                                          bool want_text);
/* The same, in `encoding` (a stream's own). */
labproto_body_text_t labproto_decode_body_as(packet_info *pinfo, const guint8 *body, guint length,
                                             bool want_text, labproto::TextEncoding encoding);

/* Notes on `item` for what NUL bytes in a text of `length` bytes say about
 * the program that sent it (a terminator sent along, a whole buffer). */
void labproto_add_nul_notes(packet_info *pinfo, proto_item *item, const labproto::NulBytes &nuls,
                            guint length);

/* Shows a header sent alone that TCP holds until its body comes
 * (labproto.pair_lone_headers off), if the frame `tvb` ends in one. TCP
 * hands such a segment to labproto on the first pass only; the lifecycle
 * postdissector, which sees every segment, shows it in every pass. */
void dissect_labproto_held_header(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                                  labproto_stream_t *stream);

/* A labproto tree item for the frame. */
proto_tree *labproto_add_tree(tvbuff_t *tvb, proto_tree *tree, int length);

/* Reports a message that a FIN, a RST or the end of the capture (`cause`)
 * cut short (labproto.msg.truncated). */
void labproto_add_cut_message(packet_info *pinfo, proto_item *item, labproto::Direction direction,
                              const labproto::CutMessage &cut, const char *cause);

/* What ended a message early, for the statistics. */
enum labproto_cut_t {
    LABPROTO_CUT_NONE = 0,
    LABPROTO_CUT_CAPTURE, /* the capture holds less than the segment carried (snaplen) */
    LABPROTO_CUT_FIN,
    LABPROTO_CUT_RST,
    LABPROTO_CUT_END, /* the capture ended inside it */
};

/* What a "labproto" tap record is. */
enum labproto_tap_kind_t {
    LABPROTO_TAP_MESSAGE = 0, /* a message, or one cut short */
    LABPROTO_TAP_STEP,        /* a segment that completed the handshake or the close, or a RST */
};

/* What the "labproto" tap reports: one per message, one per message that
 * the connection or the capture cut short, and one per connection step (the
 * statistics tree in packet-labproto-stats.cc reads it). */
struct labproto_tap_message_t {
    labproto_tap_kind_t kind;
    labproto::Direction direction; /* of the message, or of the step's segment */
    guint32 length;                /* the body length its header announced */
    guint32 header_len;            /* bytes of its header */
    guint32 stream;                /* tcp.stream */
    bool first_in_stream;          /* the stream's first labproto message */
    bool malformed_length;         /* negative or above max_len */
    labproto_cut_t cut;            /* LABPROTO_CUT_NONE: a message; else a cut one */
    gint64 response_us;            /* a server message answering a client one: since it; else -1 */
    gint64 handshake_rtt_us;       /* a step completing the handshake: its RTT; else -1 */
    const char *closed; /* a step completing the close or a RST: "Closed: 4-way, client closed
                           first", "Reset by client"; else NULL */
};

/* A record of `kind` for the frame's TCP stream with nothing else set yet. */
labproto_tap_message_t labproto_tap_record(packet_info *pinfo, labproto_tap_kind_t kind,
                                           labproto::Direction direction);

/* Reports a message to the "labproto" tap. */
void labproto_tap_message(packet_info *pinfo, const labproto_tap_message_t *message);
