// The file-transfer lab: the client writes a file path (text, no length); the
// server reads the file 256 bytes at a time into `segment.buf`, sets
// `segment.len` and writes the whole
//   typedef struct { int len; char buf[256]; } file_segment;
// (260 bytes whatever `len` is) until the end of the file, then closes. The
// `256 - len` bytes after the data are whatever `buf` held before: zeros
// before the first full read, the tail of an earlier record after it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "arena.h"
#include "byte_order.h"

namespace labproto {

constexpr uint32_t kFileRecordLen = 260;  // sizeof(file_segment)
constexpr uint32_t kFileLenBytes = 4;     // the `int len` before buf
constexpr uint32_t kFileBufLen = 256;     // sizeof(buf)

// One record as read.
struct FileRecord {
    uint32_t len_field = 0;  // `len` as read
    ByteOrder order = ByteOrder::kLittle;
    bool valid = false;        // 0 <= len <= 256
    uint32_t data_len = 0;     // bytes of file data (len when valid, else 0)
    uint32_t stale_bytes = 0;  // bytes after the data that are not zero
};

// Reads the record at `record` (kFileRecordLen bytes). `len` is host order
// (little-endian from lab machines); read big-endian only when that is the
// one reading that fits buf.
FileRecord read_file_record(const uint8_t *record);

// The file the records carry, put back together on the first pass (in the
// file's arena).
class FileAssembly {
  public:
    explicit FileAssembly(Arena *arena);

    // Appends a record's data; returns its 1-based number.
    uint32_t add(const uint8_t *data, size_t size);
    uint32_t records() const { return static_cast<uint32_t>(offsets_.size()); }
    // Where in the file the data of record `number` goes (0 for no such record).
    uint64_t offset_of(uint32_t number) const;
    const uint8_t *data() const { return bytes_.data(); }
    size_t size() const { return bytes_.size(); }

  private:
    std::vector<uint8_t, ArenaAllocator<uint8_t>> bytes_;
    std::vector<uint64_t, ArenaAllocator<uint64_t>> offsets_;  // per record
};

}  // namespace labproto
