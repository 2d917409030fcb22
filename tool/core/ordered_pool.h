// Runs jobs on several threads and hands their results over in job order,
// each as soon as it and every job before it are done: output is the same
// with -j 1 and -j N, and still streams.
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace labcheck {

template <typename Result>
void run_ordered(size_t count, size_t threads, const std::function<Result(size_t)> &work,
                 const std::function<void(size_t, Result &)> &done) {
    std::vector<std::optional<Result>> results(count);
    std::mutex mutex;
    std::condition_variable ready;
    std::atomic<size_t> next{0};
    const auto worker = [&] {
        for (size_t i = next++; i < count; i = next++) {
            Result r = work(i);
            std::lock_guard<std::mutex> lock(mutex);
            results[i] = std::move(r);
            ready.notify_all();
        }
    };
    std::vector<std::thread> pool;
    for (size_t t = 0; t < std::max<size_t>(1, std::min(threads, count)); ++t)
        pool.emplace_back(worker);
    for (size_t i = 0; i < count; ++i) {
        std::unique_lock<std::mutex> lock(mutex);
        ready.wait(lock, [&] { return results[i].has_value(); });
        Result r = std::move(*results[i]);
        results[i].reset();
        lock.unlock();
        done(i, r);
    }
    for (std::thread &t : pool) t.join();
}

}  // namespace labcheck
