// --shard K/N: split one batch across N CI machines; machine K (1-based)
// takes every N-th job, so the shards are disjoint and cover the batch.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace labcheck {

struct Shard {
    size_t index = 1;  // K, 1-based
    size_t count = 1;  // N

    static std::optional<Shard> parse(const std::string &text);
    bool takes(size_t job) const { return job % count == index - 1; }

    template <typename T>
    std::vector<T> select(const std::vector<T> &jobs) const {
        std::vector<T> out;
        for (size_t i = 0; i < jobs.size(); ++i)
            if (takes(i)) out.push_back(jobs[i]);
        return out;
    }
};

}  // namespace labcheck
