// Where the core's growing logs keep their memory.
//
// Inside Wireshark, per-file state lives in wmem file scope: it is freed in
// one go when the file closes, whatever exceptions (longjmps) happened along
// the way, and no destructor is ever needed. The core stays free of Wireshark
// by asking an Arena for memory; the glue hands it one backed by file scope,
// unit tests one backed by malloc.
#pragma once

#include <cstddef>
#include <new>

namespace labproto {

class Arena {
  public:
    virtual void *allocate(size_t bytes) = 0;
    // Gives back memory from allocate(); a scoped arena may ignore it.
    virtual void release(void *memory) = 0;

  protected:
    ~Arena() = default;  // never owned through this interface
};

// An allocator for std::vector and friends that draws from an Arena.
template <typename T>
class ArenaAllocator {
  public:
    using value_type = T;

    explicit ArenaAllocator(Arena *arena) : arena_(arena) {}
    template <typename U>
    ArenaAllocator(const ArenaAllocator<U> &other) : arena_(other.arena()) {}

    T *allocate(size_t n) {
        if (n > static_cast<size_t>(-1) / sizeof(T)) throw std::bad_alloc();
        return static_cast<T *>(arena_->allocate(n * sizeof(T)));
    }
    void deallocate(T *p, size_t) { arena_->release(p); }

    Arena *arena() const { return arena_; }

    template <typename U>
    bool operator==(const ArenaAllocator<U> &other) const {
        return arena_ == other.arena();
    }
    template <typename U>
    bool operator!=(const ArenaAllocator<U> &other) const {
        return arena_ != other.arena();
    }

  private:
    Arena *arena_;
};

}  // namespace labproto
