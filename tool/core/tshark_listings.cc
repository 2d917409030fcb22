#include "tshark_listings.h"

#include <algorithm>
#include <sstream>

#include "suggest.h"

namespace labcheck {

namespace {

std::vector<std::string> split_tabs(const std::string &line) {
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(line);
    while (std::getline(in, part, '\t')) parts.push_back(part);
    return parts;
}

std::string trimmed(const std::string &s) {
    const size_t b = s.find_first_not_of(" \r\n");
    const size_t e = s.find_last_not_of(" \r\n");
    return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::string prefix_of(const std::string &name) { return name.substr(0, name.find('.')); }

}  // namespace

std::optional<Version> parse_tshark_version(const std::string &output) {
    const std::string marker = "TShark (Wireshark) ";
    const size_t at = output.find(marker);
    if (at == std::string::npos) return std::nullopt;
    const size_t start = at + marker.size();
    std::string word = output.substr(start, output.find_first_of(" \n", start) - start);
    // 4.4 ends the sentence right after the number: "TShark (Wireshark) 4.4.18."
    if (!word.empty() && word.back() == '.') word.pop_back();
    return Version::parse(word);
}

std::optional<PluginEntry> parse_plugin_line(const std::string &line) {
    const auto parts = split_tabs(line);
    if (parts.size() < 4) return std::nullopt;
    return PluginEntry{trimmed(parts[0]), trimmed(parts[1]), trimmed(parts[2]), trimmed(parts[3])};
}

FieldCatalog::FieldCatalog(const std::vector<std::string> &wanted) {
    for (const std::string &name : wanted) {
        wanted_[name] = true;
        prefixes_[prefix_of(name)] = true;
    }
}

void FieldCatalog::add_line(const std::string &line) {
    // "F\tName\tabbrev\tFT_TYPE\t..." or "P\tName\tabbrev"; ~230k lines, so no splitting.
    if (line.size() < 2 || line[1] != '\t' || (line[0] != 'F' && line[0] != 'P')) return;
    const size_t name_end = line.find('\t', 2);
    if (name_end == std::string::npos) return;
    const size_t abbrev_end = line.find('\t', name_end + 1);
    std::string abbrev = line.substr(name_end + 1, abbrev_end - name_end - 1);
    if (!wanted_.count(abbrev)) {
        if (prefixes_.count(prefix_of(abbrev))) neighbours_.push_back(std::move(abbrev));
        return;
    }
    if (line[0] == 'P' || abbrev_end == std::string::npos) {
        types_[std::move(abbrev)] = "FT_PROTOCOL";
        return;
    }
    const size_t type_end = line.find('\t', abbrev_end + 1);
    types_[std::move(abbrev)] = line.substr(abbrev_end + 1, type_end - abbrev_end - 1);
}

std::string FieldCatalog::type_of(const std::string &name) const {
    const auto it = types_.find(name);
    return it == types_.end() ? "" : it->second;
}

std::optional<std::string> FieldCatalog::suggestion(const std::string &name) const {
    std::vector<std::string> candidates;
    for (const std::string &n : neighbours_)
        if (prefix_of(n) == prefix_of(name)) candidates.push_back(n);
    for (const auto &[n, type] : types_)
        if (prefix_of(n) == prefix_of(name)) candidates.push_back(n);
    std::sort(candidates.begin(), candidates.end());
    return closest_match(name, candidates);
}

}  // namespace labcheck
