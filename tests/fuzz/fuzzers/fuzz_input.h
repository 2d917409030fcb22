// Shared by the fuzz targets: reading a fuzz input front to back, and
// stopping the fuzzer with a readable message when an invariant breaks.
//
// Unlike FuzzedDataProvider (which takes integers from the end), everything is
// read in order, so tests/fuzz/make_seeds.py can write seed inputs that replay
// the sample captures exactly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#define FUZZ_CHECK(condition)                                                                      \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #condition); \
            std::abort();                                                                          \
        }                                                                                          \
    } while (0)

namespace labproto_fuzz {

class FuzzInput {
  public:
    FuzzInput(const uint8_t *data, size_t size) : data_(data), size_(size) {}

    bool empty() const { return pos_ >= size_; }

    uint8_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }

    // A big-endian unsigned integer; bytes past the end read as zero.
    template <typename T>
    T number() {
        uint64_t value = 0;
        for (size_t i = 0; i < sizeof(T); ++i) value = value << 8 | byte();
        return static_cast<T>(value);
    }

    // Up to `count` bytes, fewer at the end of the input, in a buffer of
    // exactly that size so AddressSanitizer sees any read past it.
    std::vector<uint8_t> bytes(size_t count) {
        const size_t n = count < size_ - pos_ ? count : size_ - pos_;
        std::vector<uint8_t> out(data_ + pos_, data_ + pos_ + n);
        pos_ += n;
        return out;
    }

    std::vector<uint8_t> rest() { return bytes(size_ - pos_); }

  private:
    const uint8_t *data_;
    size_t size_;
    size_t pos_ = 0;
};

}  // namespace labproto_fuzz
