// Reading tshark -T ek output and the labproto frames tap's lines into frames.
#include "ek_reader.h"

#include <gtest/gtest.h>

namespace labcheck {
namespace {

TEST(EkReader, ReadsPlannedFieldsAndSkipsIndexLines) {
    FieldPlan plan;
    const size_t len = plan.field("labproto.len");
    plan.field("tcp.stream");
    EkReader reader(plan);
    Frame f;
    EXPECT_FALSE(reader.feed(R"({"index":{"_index":"packets-2024-01-01","_type":"doc"}})", f));
    ASSERT_TRUE(reader.feed(
        R"({"timestamp":"1","layers":{"frame_number":["6"],"tcp_stream":["2"],"labproto_len":["10","8"],"other":["x"]}})",
        f));
    EXPECT_EQ(f.number, 6u);
    EXPECT_EQ(f.stream, 2u);
    EXPECT_EQ(f.get(len), (std::vector<std::string>{"10", "8"}));
    ASSERT_TRUE(reader.feed(R"({"timestamp":"1","layers":{"frame_number":["7"]}})", f));
    EXPECT_TRUE(f.get(len).empty());
    EXPECT_FALSE(f.stream);
    EXPECT_EQ(reader.frames(), 2u);
}

TEST(EkReader, AppliesTapMatchesToTheirFrame) {
    FieldPlan plan;
    plan.filter("tcp");
    plan.filter("labproto");
    EkReader reader(plan);
    Frame f;
    EXPECT_FALSE(reader.feed(R"({"labproto_frames":[1,3]})", f));
    ASSERT_TRUE(reader.feed(R"({"layers":{"frame_number":["3"]}})", f));
    EXPECT_EQ(f.matches, (std::vector<bool>{false, true}));
    ASSERT_TRUE(reader.feed(R"({"layers":{"frame_number":["4"]}})", f));
    EXPECT_EQ(f.matches, (std::vector<bool>{false, false}));
    // Each filter's closing total must arrive and agree with the frames named.
    EXPECT_EQ(reader.tap_problem(),
              "tshark did not run the labproto plugin's frames tap for the filter \"tcp\"");
    EXPECT_FALSE(reader.feed(R"({"labproto_frames_total":[0,0]})", f));
    EXPECT_FALSE(reader.feed(R"({"labproto_frames_total":[1,2]})", f));
    EXPECT_EQ(reader.tap_problem(),
              "the labproto frames tap reported 2 frames matching \"labproto\" but labcheck "
              "read 1");
    EXPECT_FALSE(reader.feed(R"({"labproto_frames_total":[1,1]})", f));
    EXPECT_FALSE(reader.tap_problem());
}

TEST(EkReader, RejectsWhatTsharkDoesNotPrint) {
    FieldPlan plan;
    EkReader reader(plan);
    Frame f;
    EXPECT_THROW(reader.feed("{not json", f), OutputError);
    EXPECT_THROW(reader.feed(R"({"timestamp":"1"})", f), OutputError);
    EXPECT_THROW(reader.feed(R"({"layers":{"frame_number":["x"]}})", f), OutputError);
    EXPECT_THROW(reader.feed(R"({"labproto_frames":[5,1]})", f), OutputError);
    EXPECT_THROW(reader.feed(R"({"labproto_frames":["a",1]})", f), OutputError);
    EXPECT_THROW(reader.feed(R"({"labproto_frames_total":[0]})", f), OutputError);
    EXPECT_FALSE(reader.feed("Running as user \"root\"", f));
}

TEST(EkReader, NamesUseUnderscores) {
    EXPECT_EQ(ek_name("_ws.expert.severity"), "_ws_expert_severity");
}

}  // namespace
}  // namespace labcheck
