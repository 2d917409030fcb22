// MessageStream, driven the way TCP and the glue drive it (stream_driver.h):
// every message the sender wrote is shown once, with its bytes and index,
// however the segments fall, and a later pass shows the same in any order.
#include "message_stream.h"

#include <gtest/gtest.h>

#include <random>

#include "stream_driver.h"

namespace labproto_test {
namespace {

using labproto::Lead;

// The messages shown, as (index, body), in the order shown.
std::vector<std::pair<uint32_t, std::string>> messages_of(const std::vector<Shown> &shown) {
    std::vector<std::pair<uint32_t, std::string>> out;
    for (const Shown &s : shown)
        if (s.kind == Shown::kMessage) out.emplace_back(s.index, s.body);
    return out;
}

std::vector<std::pair<uint32_t, std::string>> numbered(const std::vector<std::string> &bodies) {
    std::vector<std::pair<uint32_t, std::string>> out;
    for (size_t i = 0; i < bodies.size(); ++i) out.emplace_back(i + 1, bodies[i]);
    return out;
}

TEST(MessageStream, ShowsASplitMessageWhereItsBodyIs) {
    StreamDriver d;
    d.stream().expect_data_at(1);
    d.segment(4, 1, le32(5));
    d.segment(6, 5, "hello");
    ASSERT_EQ(d.shown().size(), 2u);
    EXPECT_EQ(d.shown()[0].kind, Shown::kSplitHeader);
    EXPECT_EQ(d.shown()[0].frame, 4u);
    EXPECT_EQ(d.shown()[1].frame, 6u);
    EXPECT_EQ(d.shown()[1].body, "hello");
    EXPECT_EQ(d.shown()[1].header_frame, 4u);
    EXPECT_EQ(d.stream().log().split_with_header_in(4)->body_frame, 6u);
}

// Held by TCP (LoneHeaders::kHeldByTcp), a header sent alone is shown with
// its message, where the body is, and linked to its own frame.
TEST(MessageStream, AHeaderAloneHeldByTcpIsShownWhereItsBodyIs) {
    StreamDriver d({}, labproto::ByteOrderPref::kAuto, true, labproto::LoneHeaders::kHeldByTcp);
    d.stream().expect_data_at(1);
    d.segment(4, 1, le32(5));
    d.segment(6, 5, "hello" + message("next"));
    ASSERT_EQ(d.shown().size(), 2u);
    EXPECT_EQ(d.shown()[0].frame, 6u);
    EXPECT_EQ(d.shown()[0].header_frame, 4u);
    EXPECT_EQ(messages_of(d.shown()), numbered({"hello", "next"}));
    EXPECT_EQ(d.stream().log().split_with_header_in(4)->body_frame, 6u);
    EXPECT_EQ(d.replay(), d.shown());
}

// The first segment of a body lost, later ones come, then the retransmitted
// start: with TCP's default preferences TCP hands over no start that comes
// after later bytes, unless it completes a reassembly. Held by TCP, the
// message is whole where its start comes; paired by labproto, it never is.
TEST(MessageStream, ABodyWhoseStartWasOvertakenIsWholeWhenTcpHoldsItsHeader) {
    const std::string body = std::string(1000, 'a') + std::string(1000, 'b');
    auto send = [&](StreamDriver &d) {
        d.stream().expect_data_at(1);
        d.segment(4, 1, le32(2000));
        d.segment(8, 1005, body.substr(1000));   // overtakes the lost first part
        d.segment(10, 5, body.substr(0, 1000));  // the retransmission
        d.segment(12, 2005, message("next"));
    };
    StreamDriver held({}, labproto::ByteOrderPref::kAuto, true, labproto::LoneHeaders::kHeldByTcp);
    send(held);
    EXPECT_EQ(messages_of(held.shown()), numbered({body, "next"}));
    EXPECT_EQ(held.shown()[0].frame, 10u);
    EXPECT_EQ(held.replay(), held.shown());

    StreamDriver paired;
    send(paired);
    EXPECT_EQ(messages_of(paired.shown()),
              (std::vector<std::pair<uint32_t, std::string>>{{2, "next"}}));
}

// The whole body lost with what followed; framing moves on at a later
// message, then the body's retransmission completes what TCP held: the
// message is shown there, late, and the messages after keep their numbers.
TEST(MessageStream, AHeldHeaderWhoseBodyComesAfterAGapIsShownLate) {
    StreamDriver d({}, labproto::ByteOrderPref::kAuto, true, labproto::LoneHeaders::kHeldByTcp);
    d.stream().expect_data_at(1);
    d.segment(4, 1, le32(5));
    d.segment(8, 18, message("third"));  // "hello" and message("two!") lost
    d.segment(10, 5, "hello" + message("two!"));
    const auto shown = messages_of(d.shown());
    ASSERT_FALSE(shown.empty());
    EXPECT_EQ(shown.front(), (std::pair<uint32_t, std::string>{2, "third"}));
    EXPECT_EQ(shown.back(), (std::pair<uint32_t, std::string>{1, "hello"}));
    EXPECT_EQ(d.shown().back().frame, 10u);
    EXPECT_EQ(d.replay(), d.shown());
}

// Nagle with a delayed ACK: the header alone, then its body with the next
// message's header and the start of its body. The rest of the second body
// must be reassembled from where it starts, not from the start of the segment.
TEST(MessageStream, HeaderAloneThenBodyWithTheNextMessageBegun) {
    StreamDriver d;
    d.stream().expect_data_at(1);
    const std::string second(600, 'b');
    d.segment(4, 1, le32(449));
    d.segment(6, 5, std::string(449, 'a') + le32(600) + second.substr(0, 100));
    d.segment(8, 5 + 449 + 4 + 100, second.substr(100));
    d.segment(10, 5 + 449 + 4 + 600, message("third"));
    EXPECT_EQ(messages_of(d.shown()), numbered({std::string(449, 'a'), second, "third"}));
    EXPECT_EQ(d.replay(), d.shown());
}

TEST(MessageStream, ABodyLongerThanItsSegmentIsReassembledFromItsStart) {
    StreamDriver d;
    d.stream().expect_data_at(1);
    const std::string body(3000, 'x');
    d.segment(4, 1, le32(3000));
    d.segment(6, 5, body.substr(0, 1448));
    d.segment(8, 5 + 1448, body.substr(1448, 1448));
    d.segment(10, 5 + 2896, body.substr(2896) + message("next"));
    EXPECT_EQ(messages_of(d.shown()), numbered({body, "next"}));
    EXPECT_EQ(d.shown()[1].frame, 10u);
    EXPECT_EQ(d.stream().log().split_with_header_in(4)->body_start_frame, 6u);
    EXPECT_EQ(d.replay(), d.shown());
}

// A big-endian stream whose first message is empty: 00 00 00 00 reads the
// same both ways and must not lock the direction into little-endian.
TEST(MessageStream, AnEmptyFirstMessageDoesNotDecideTheByteOrder) {
    StreamDriver d;
    d.stream().expect_data_at(1);
    d.segment(4, 1, be32(0) + be32(5) + "hello" + be32(3) + "abc");
    EXPECT_EQ(messages_of(d.shown()), numbered({"", "hello", "abc"}));
    EXPECT_EQ(d.replay(), d.shown());
}

// Sequence numbers wrap at 2^32 (absolute ones, or a capture whose first
// relative number is near the top): a header cut in two across the wrap is
// put back together and read like any other.
TEST(MessageStream, AHeaderCutAcrossTheSequenceWrap) {
    StreamDriver d;
    d.stream().expect_data_at(0xFFFFFFFFu);
    const std::string first = message("hello");
    d.segment(4, 0xFFFFFFFFu, first.substr(0, 2));
    d.segment(6, 1, first.substr(2) + message("next"));
    EXPECT_EQ(messages_of(d.shown()), numbered({"hello", "next"}));
    EXPECT_EQ(d.replay(), d.shown());
}

TEST(MessageStream, ARetransmissionHandedOverIsNotReadAsAHeader) {
    StreamDriver d;
    d.stream().expect_data_at(1);
    d.segment(4, 1, message("hello"));
    d.segment(5, 1, message("hello"));  // TCP analysis off: the copy comes through
    d.segment(6, 10, message("world"));
    EXPECT_EQ(messages_of(d.shown()), numbered({"hello", "world"}));
    EXPECT_EQ(d.plans()[1].entry.lead, Lead::kOldData);
    EXPECT_EQ(d.replay(), d.shown());
}

// Default TCP preferences with loss: a lost segment's retransmission is not
// handed over, the data after it is. Framing resumes at the next segment
// that starts with a message instead of reading a body as a header.
TEST(MessageStream, ResumesAfterDataThatNeverArrived) {
    StreamDriver d;
    d.stream().expect_data_at(1);
    d.segment(4, 1, message("one"));  // 1..8
    // message two (4 + 30 bytes, 8..42): its first segment, 8..22, is lost
    d.segment(8, 22, std::string(20, 'r'));
    d.segment(9, 42, message("four"));
    const auto shown = messages_of(d.shown());
    ASSERT_EQ(shown.size(), 2u);
    EXPECT_EQ(shown[0].second, "one");
    EXPECT_EQ(shown[1].second, "four");
    EXPECT_EQ(d.plans()[1].entry.lead, Lead::kUnsynced);
    EXPECT_EQ(d.plans()[1].entry.missing, 14u);
    EXPECT_EQ(d.plans()[2].entry.lead, Lead::kNone);
    EXPECT_EQ(d.replay(), d.shown());
}

TEST(MessageStream, ACaptureStartedMidConversationWaitsForAMessage) {
    StreamDriver d;  // no SYN seen
    d.segment(4, 1000, "ody of an earlier message");
    d.segment(6, 1025, le32(5));
    d.segment(8, 1029, "hello");
    EXPECT_EQ(messages_of(d.shown()), numbered({"hello"}));
    EXPECT_EQ(d.plans()[0].entry.lead, Lead::kUnsynced);
    EXPECT_EQ(d.replay(), d.shown());
}

TEST(MessageStream, WithoutReassemblyTheRestOfABodyIsAContinuation) {
    StreamDriver d({}, labproto::ByteOrderPref::kAuto, false);
    d.stream().expect_data_at(1);
    d.segment(4, 1, le32(10) + "01234");
    d.segment(6, 10, "56789" + message("ok"));
    ASSERT_EQ(d.shown().size(), 2u);
    EXPECT_TRUE(d.shown()[0].partial);
    EXPECT_EQ(d.plans()[1].entry.lead, Lead::kContinuation);
    EXPECT_EQ(d.plans()[1].entry.lead_message, 1u);
    EXPECT_EQ(d.shown()[1].body, "ok");
    EXPECT_EQ(d.shown()[1].index, 2u);
    EXPECT_EQ(d.replay(), d.shown());
}

TEST(MessageStream, AMalformedLengthLosesTheRestOfTheDirection) {
    StreamDriver d;
    d.stream().expect_data_at(1);
    d.segment(4, 1, message("ok") + le32(0x7FFFFFFF) + "junk");
    d.segment(6, 19, message("unseen"));
    ASSERT_EQ(d.shown().size(), 2u);
    EXPECT_EQ(d.shown()[1].kind, Shown::kBadLength);
    EXPECT_EQ(d.shown()[1].index, 2u);
    EXPECT_EQ(d.plans()[1].start, ChunkStart::kUnframed);
    EXPECT_EQ(d.stream().framing_lost_at(), 4u);
    EXPECT_EQ(d.replay(), d.shown());
}

// tcp.reassemble_out_of_order with a lost header: TCP hands over the
// retransmitted header together with the body segments that came first.
TEST(MessageStream, AHeaderRetransmittedAfterItsBodyArrives) {
    StreamDriver d;
    d.stream().expect_data_at(1);
    const std::string body(2000, 'q');
    d.segment(9, 1, le32(2000) + body.substr(0, 1448));  // what TCP reassembled
    d.segment(10, 1 + 4 + 1448, body.substr(1448) + message("next"));
    EXPECT_EQ(messages_of(d.shown()), numbered({body, "next"}));
    EXPECT_EQ(d.replay(), d.shown());
}

TEST(MessageStream, AMessageWhoseBodyNeverCameKeepsItsIndex) {
    StreamDriver d;
    d.stream().expect_data_at(1);
    d.segment(4, 1, le32(5));
    // the body at 5 is lost and its retransmission not handed over
    d.segment(8, 10, message("second"));
    EXPECT_EQ(messages_of(d.shown()),
              (std::vector<std::pair<uint32_t, std::string>>{{2, "second"}}));
    EXPECT_EQ(d.plans()[1].entry.missing, 0u);  // the next header is where it should be
    EXPECT_EQ(d.plans()[1].entry.abandoned, 1u);
}

TEST(MessageStream, FindsTheMessageAFinCuts) {
    StreamDriver d;
    d.stream().expect_data_at(1);
    d.segment(4, 1, le32(10));
    d.segment(6, 5, "0123");
    labproto::CutMessage cut;
    ASSERT_TRUE(d.stream().message_cut_at(9, cut));
    EXPECT_EQ(cut.index, 1u);
    EXPECT_EQ(cut.length, 10u);
    EXPECT_EQ(cut.present, 4u);
    EXPECT_FALSE(d.stream().message_cut_at(15, cut));  // the whole body was sent
}

// Every way of cutting a stream of messages into segments, in one pass and
// replayed in reverse frame order, shows every message once.
class Segmentations : public ::testing::TestWithParam<int> {};

TEST_P(Segmentations, EveryMessageShownOnceInEveryPass) {
    std::mt19937 random(GetParam());
    std::vector<std::string> bodies;
    std::string stream;
    std::vector<size_t> header_ends;
    for (int i = 0; i < 40; ++i) {
        std::string body(random() % 4 == 0 ? 0 : random() % 3000, 'a' + i % 26);
        stream += le32(static_cast<uint32_t>(body.size()));
        header_ends.push_back(stream.size());
        stream += body;
        bodies.push_back(body);
    }
    StreamDriver d;
    d.stream().expect_data_at(1);
    size_t at = 0;
    uint32_t frame = 3;
    while (at < stream.size()) {
        // Cut where a sender's send(len) would end, or anywhere.
        size_t len = 1 + random() % 1448;
        if (random() % 2) {
            auto next = std::upper_bound(header_ends.begin(), header_ends.end(), at);
            if (next != header_ends.end()) len = *next - at;
        }
        len = std::min(len, stream.size() - at);
        d.segment(frame += 2, 1 + static_cast<uint32_t>(at), stream.substr(at, len));
        at += len;
    }
    EXPECT_EQ(messages_of(d.shown()), numbered(bodies));
    std::vector<uint32_t> frames;
    for (const Handed &h : d.handed()) frames.insert(frames.begin(), h.frame);
    std::vector<Shown> again = d.replay(frames);
    std::vector<Shown> first = d.shown();
    auto by_frame = [](const Shown &a, const Shown &b) { return a.frame < b.frame; };
    std::stable_sort(again.begin(), again.end(), by_frame);
    std::stable_sort(first.begin(), first.end(), by_frame);
    EXPECT_EQ(again, first);
}

INSTANTIATE_TEST_SUITE_P(Random, Segmentations, ::testing::Range(1, 41));

}  // namespace
}  // namespace labproto_test
