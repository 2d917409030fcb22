// Parallel jobs hand their results over in job order.
#include "ordered_pool.h"

#include <gtest/gtest.h>

#include <chrono>

namespace labcheck {
namespace {

std::vector<size_t> run(size_t threads) {
    std::vector<size_t> order;
    run_ordered<size_t>(
        20, threads,
        [](size_t i) {
            // Later jobs finish first: the hand-over must still be in order.
            std::this_thread::sleep_for(std::chrono::milliseconds((20 - i) % 5));
            return i * i;
        },
        [&](size_t i, size_t &r) {
            EXPECT_EQ(r, i * i);
            order.push_back(i);
        });
    return order;
}

TEST(OrderedPool, SameOrderWithAnyNumberOfThreads) {
    EXPECT_EQ(run(1), run(4));
    EXPECT_EQ(run(8).size(), 20u);
    EXPECT_EQ(run(8).front(), 0u);
}

TEST(OrderedPool, NoJobs) {
    // Lambdas as named arguments: clang-format 14 and 18+ break an inline pair differently.
    const auto work = [](size_t) { return 1; };
    const auto never_delivered = [](size_t, int &) { FAIL(); };
    run_ordered<int>(0, 4, work, never_delivered);
}

}  // namespace
}  // namespace labcheck
