/* packet-labproto-pairs.cc
 * Request and response. An echo or question/answer server answers each
 * message of the client with one of its own, in order. So each server
 * message answers the oldest client message of the connection that no
 * server message answered yet: with several outstanding (the client sent
 * #1, #2, #3 before the first answer), the answers pair with them in the
 * order they were sent, #1 first. A server message with none outstanding (a
 * greeting, a second answer to one message) answers nothing; client
 * messages left over when the server stops are answered by nothing.
 *
 * The pairs are made on the first pass, in capture order, and kept per
 * message in wmem file scope. Like DNS's dns.response_in, a request learns
 * its response only when the response has been seen: in a single pass
 * (tshark without -2) the requests carry no response_in, the responses carry
 * response_to and response_time in every pass.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "packet-labproto-pairs.h"

using labproto::Direction;

static int hf_labproto_response_in = -1;
static int hf_labproto_response_to = -1;
static int hf_labproto_response_time = -1;

/* A message and, once paired, its partner. */
struct labproto_pair_message_t {
    guint32 frame;
    nstime_t time;
    guint32 partner; /* frame of the partner; 0: none (yet) */
    nstime_t response_time;
};

/* What a stream's messages answer. Client messages from `oldest_open` to
 * `last_client` are outstanding. */
struct labproto_pairs_t {
    wmem_map_t *messages[2]; /* message index -> labproto_pair_message_t */
    guint32 last_client;     /* index of the last client message seen; 0: none */
    guint32 oldest_open;     /* index of the oldest unanswered one */
};

/* labproto_stream_t * -> labproto_pairs_t *, emptied with each file. */
static wmem_map_t *labproto_pairs_by_stream;

static labproto_pairs_t *
labproto_pairs_of(const labproto_stream_t *stream)
{
    auto *pairs =
        static_cast<labproto_pairs_t *>(wmem_map_lookup(labproto_pairs_by_stream, stream));
    if (pairs)
        return pairs;
    pairs = wmem_new0(wmem_file_scope(), labproto_pairs_t);
    for (int d = 0; d < 2; ++d)
        pairs->messages[d] = wmem_map_new(wmem_file_scope(), g_direct_hash, g_direct_equal);
    pairs->oldest_open = 1;
    wmem_map_insert(labproto_pairs_by_stream, const_cast<labproto_stream_t *>(stream), pairs);
    return pairs;
}

static labproto_pair_message_t *
labproto_pair_message(labproto_pairs_t *pairs, Direction direction, guint32 index)
{
    return static_cast<labproto_pair_message_t *>(
        wmem_map_lookup(pairs->messages[static_cast<int>(direction)], GUINT_TO_POINTER(index)));
}

/* First pass: records the message and, for a server message, pairs it with
 * the oldest outstanding client message. */
static labproto_pair_message_t *
labproto_pair_new(labproto_pairs_t *pairs, packet_info *pinfo, Direction direction, guint32 index)
{
    auto *message = wmem_new0(wmem_file_scope(), labproto_pair_message_t);
    message->frame = pinfo->num;
    message->time = pinfo->abs_ts;
    wmem_map_insert(pairs->messages[static_cast<int>(direction)], GUINT_TO_POINTER(index), message);
    if (direction == Direction::kClientToServer) {
        pairs->last_client = index;
        return message;
    }
    if (pairs->oldest_open > pairs->last_client)
        return message; /* nothing outstanding */
    labproto_pair_message_t *request =
        labproto_pair_message(pairs, Direction::kClientToServer, pairs->oldest_open);
    pairs->oldest_open++;
    if (!request)
        return message;
    request->partner = message->frame;
    message->partner = request->frame;
    nstime_delta(&message->response_time, &message->time, &request->time);
    return message;
}

const nstime_t *
labproto_add_response_links(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                            const labproto_stream_t *stream, Direction direction, guint32 index)
{
    labproto_pairs_t *pairs = labproto_pairs_of(stream);
    labproto_pair_message_t *message = labproto_pair_message(pairs, direction, index);
    if (!message && !PINFO_FD_VISITED(pinfo))
        message = labproto_pair_new(pairs, pinfo, direction, index);
    if (!message || !message->partner)
        return NULL;
    if (direction == Direction::kClientToServer) {
        proto_item *ti =
            proto_tree_add_uint(tree, hf_labproto_response_in, tvb, 0, 0, message->partner);
        proto_item_set_generated(ti);
        return NULL;
    }
    proto_item *ti =
        proto_tree_add_uint(tree, hf_labproto_response_to, tvb, 0, 0, message->partner);
    proto_item_set_generated(ti);
    ti = proto_tree_add_time(tree, hf_labproto_response_time, tvb, 0, 0, &message->response_time);
    proto_item_set_generated(ti);
    return &message->response_time;
}

void
proto_register_labproto_pairs(int proto)
{
    static hf_register_info hf[] = {
        {&hf_labproto_response_in,
         {"Response in", "labproto.response_in", FT_FRAMENUM, BASE_NONE,
          FRAMENUM_TYPE(FT_FRAMENUM_RESPONSE), 0x0,
          "On a client message: the frame of the server message answering it (the oldest"
          " unanswered client message is answered first; known after the first pass)",
          HFILL}},
        {&hf_labproto_response_to,
         {"Response to", "labproto.response_to", FT_FRAMENUM, BASE_NONE,
          FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0,
          "On a server message: the frame of the client message it answers", HFILL}},
        {&hf_labproto_response_time,
         {"Response time", "labproto.response_time", FT_RELATIVE_TIME, BASE_NONE, NULL, 0x0,
          "From the frame completing the client message to the one completing its answer", HFILL}},
    };
    proto_register_field_array(proto, hf, G_N_ELEMENTS(hf));
    labproto_pairs_by_stream =
        wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_direct_hash, g_direct_equal);
}
