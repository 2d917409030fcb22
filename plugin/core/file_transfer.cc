#include "file_transfer.h"

namespace labproto {

FileRecord read_file_record(const uint8_t *record) {
    FileRecord r;
    const auto little = static_cast<uint32_t>(read_uint(record, kFileLenBytes, ByteOrder::kLittle));
    const auto big = static_cast<uint32_t>(read_uint(record, kFileLenBytes, ByteOrder::kBig));
    const bool big_only = little > kFileBufLen && big <= kFileBufLen;
    r.order = big_only ? ByteOrder::kBig : ByteOrder::kLittle;
    r.len_field = big_only ? big : little;
    r.valid = r.len_field <= kFileBufLen;
    r.data_len = r.valid ? r.len_field : 0;
    const uint8_t *buf = record + kFileLenBytes;
    for (uint32_t i = r.data_len; i < kFileBufLen; ++i)
        if (buf[i] != 0) ++r.stale_bytes;
    return r;
}

FileAssembly::FileAssembly(Arena *arena)
    : bytes_(ArenaAllocator<uint8_t>(arena)), offsets_(ArenaAllocator<uint64_t>(arena)) {}

uint32_t FileAssembly::add(const uint8_t *data, size_t size) {
    offsets_.push_back(bytes_.size());
    bytes_.insert(bytes_.end(), data, data + size);
    return records();
}

uint64_t FileAssembly::offset_of(uint32_t number) const {
    return number >= 1 && number <= records() ? offsets_[number - 1] : 0;
}

}  // namespace labproto
