#include "file_transfer.h"

#include <gtest/gtest.h>

#include <string>

#include "stream_driver.h"

namespace labproto {
namespace {

using labproto_test::le32;

// A file_segment as the server writes it: len, then buf (256 bytes).
std::string record(const std::string &len, const std::string &buf) {
    std::string r = len + buf;
    r.resize(kFileRecordLen, '\0');
    return r;
}

FileRecord read(const std::string &r) {
    return read_file_record(reinterpret_cast<const uint8_t *>(r.data()));
}

TEST(FileTransfer, AFullRecordAndTheShortLastOne) {
    const FileRecord full = read(record(le32(256), std::string(256, 'x')));
    EXPECT_TRUE(full.valid);
    EXPECT_EQ(full.data_len, 256u);
    EXPECT_EQ(full.stale_bytes, 0u);
    const FileRecord last = read(record(le32(5), "hello"));
    EXPECT_EQ(last.data_len, 5u);
    EXPECT_EQ(last.stale_bytes, 0u);  // the buffer was zero after the data
}

TEST(FileTransfer, CountsWhatTheBufferHeldBefore) {
    // The last read filled 3 bytes of a buffer that held an earlier record.
    const FileRecord r = read(record(le32(3), "abc" + std::string(253, 'y')));
    EXPECT_EQ(r.data_len, 3u);
    EXPECT_EQ(r.stale_bytes, 253u);
}

TEST(FileTransfer, LengthsOutsideTheBuffer) {
    const FileRecord big = read(record(std::string("\0\0\0\x10", 4), ""));
    EXPECT_EQ(big.order, ByteOrder::kBig);  // sent with htonl
    EXPECT_EQ(big.data_len, 16u);
    const FileRecord bad = read(record(le32(300), ""));
    EXPECT_FALSE(bad.valid);
    EXPECT_EQ(bad.len_field, 300u);
    EXPECT_EQ(bad.data_len, 0u);
    EXPECT_FALSE(read(record(le32(0xFFFFFFFF), "")).valid);  // -1 as an int
}

TEST(FileTransfer, AssemblesTheFile) {
    labproto_test::MallocArena arena;
    FileAssembly file(&arena);
    EXPECT_EQ(file.add(reinterpret_cast<const uint8_t *>("abc"), 3), 1u);
    EXPECT_EQ(file.add(reinterpret_cast<const uint8_t *>("de"), 2), 2u);
    EXPECT_EQ(std::string(reinterpret_cast<const char *>(file.data()), file.size()), "abcde");
    EXPECT_EQ(file.records(), 2u);
    EXPECT_EQ(file.offset_of(1), 0u);
    EXPECT_EQ(file.offset_of(2), 3u);
    EXPECT_EQ(file.offset_of(3), 0u);
}

}  // namespace
}  // namespace labproto
