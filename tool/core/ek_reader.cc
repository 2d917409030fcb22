#include "ek_reader.h"

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace labcheck {

using json = nlohmann::json;

namespace {
uint64_t to_u64(const std::string &text, const char *what) {
    char *end = nullptr;
    const unsigned long long n = std::strtoull(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0')
        throw OutputError(std::string("tshark printed a non-numeric ") + what + ": " + text);
    return n;
}
}  // namespace

std::string ek_name(const std::string &field) {
    std::string out = field;
    std::replace(out.begin(), out.end(), '.', '_');
    return out;
}

EkReader::EkReader(const FieldPlan &plan)
    : plan_(plan),
      matched_(plan.filters().size(), 0),
      totals_(plan.filters().size(), std::nullopt) {
    for (size_t id = 0; id < plan.fields().size(); ++id) {
        const auto [it, added] = ek_names_.emplace(ek_name(plan.fields()[id]), id);
        if (!added)
            throw OutputError("fields " + plan.fields()[it->second] + " and " + plan.fields()[id] +
                              " look the same in tshark's -T ek output");
    }
    stream_field_ = plan.find_field("tcp.stream");
}

bool EkReader::feed(const std::string &line, Frame &frame) {
    if (line.empty() || line[0] != '{')
        return false;  // not JSON: nothing tshark prints for a frame
    try {
        return read_line(line, frame);
    } catch (const json::exception &e) {
        throw OutputError(std::string("unexpected tshark output (") + e.what() +
                          "): " + line.substr(0, 120));
    }
}

// [filter id, number] from a frames tap line.
std::pair<size_t, uint64_t> EkReader::tap_pair(const json &value, const std::string &line) const {
    if (!value.is_array() || value.size() != 2 || !value[0].is_number_unsigned() ||
        !value[1].is_number_unsigned() || value[0].get<size_t>() >= plan_.filters().size())
        throw OutputError("unexpected labproto frames tap line: " + line.substr(0, 120));
    return {value[0].get<size_t>(), value[1].get<uint64_t>()};
}

std::optional<std::string> EkReader::tap_problem() const {
    for (size_t id = 0; id < plan_.filters().size(); ++id) {
        if (!totals_[id])
            return "tshark did not run the labproto plugin's frames tap for the filter \"" +
                   plan_.filters()[id] + "\"";
        if (*totals_[id] != matched_[id])
            return "the labproto frames tap reported " + std::to_string(*totals_[id]) +
                   " frames matching \"" + plan_.filters()[id] + "\" but labcheck read " +
                   std::to_string(matched_[id]);
    }
    return std::nullopt;
}

bool EkReader::read_line(const std::string &line, Frame &frame) {
    json doc = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object())
        throw OutputError("tshark printed a line that is not JSON: " + line.substr(0, 120));
    if (doc.contains("index")) return false;  // -T ek's bulk-index line before every frame
    if (const auto m = doc.find("labproto_frames"); m != doc.end()) {
        const auto [filter, number] = tap_pair(*m, line);
        pending_.emplace_back(number, filter);
        ++matched_[filter];
        return false;
    }
    if (const auto t = doc.find("labproto_frames_total"); t != doc.end()) {
        const auto [filter, count] = tap_pair(*t, line);
        totals_[filter] = count;
        return false;
    }
    const auto layers = doc.find("layers");
    if (layers == doc.end() || !layers->is_object())
        throw OutputError("tshark printed an object without layers: " + line.substr(0, 120));
    read_layers(*layers, frame);
    apply_matches(frame);
    ++frames_;
    return true;
}

void EkReader::read_layers(const json &layers, Frame &frame) {
    frame.values.resize(plan_.fields().size());
    for (auto &v : frame.values)
        v.clear();  // keeps capacity: no allocation per frame in steady state
    for (auto it = layers.begin(); it != layers.end(); ++it) {
        const auto id = ek_names_.find(it.key());
        if (id == ek_names_.end()) continue;
        auto &out = frame.values[id->second];
        if (it->is_array()) {
            for (const json &v : *it)
                out.push_back(v.is_string() ? v.get<std::string>() : v.dump());
        } else {
            out.push_back(it->is_string() ? it->get<std::string>() : it->dump());
        }
    }
    const std::string *number = frame.first(FieldPlan::kFrameNumber);
    frame.number = number ? to_u64(*number, "frame.number") : frames_ + 1;
    frame.stream.reset();
    if (stream_field_)
        if (const std::string *s = frame.first(*stream_field_))
            frame.stream = to_u64(*s, "tcp.stream");
}

void EkReader::apply_matches(Frame &frame) {
    frame.matches.assign(plan_.filters().size(), false);
    for (const auto &[number, filter] : pending_)
        if (number == frame.number) frame.matches[filter] = true;
    // The tap prints a frame's matches just before the frame itself.
    pending_.erase(std::remove_if(pending_.begin(), pending_.end(),
                                  [&](const auto &p) { return p.first <= frame.number; }),
                   pending_.end());
}

}  // namespace labcheck
