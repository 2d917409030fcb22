#include "discovery.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace labcheck {

namespace fs = std::filesystem;

namespace {

const char *const kCaptureSuffixes[] = {".pcapng.gz", ".pcap.gz", ".pcapng", ".pcap", ".cap"};

std::string stem_of_capture(const std::string &path) {
    for (const char *suffix : kCaptureSuffixes) {
        const std::string s(suffix);
        if (path.size() > s.size() && path.compare(path.size() - s.size(), s.size(), s) == 0)
            return path.substr(0, path.size() - s.size());
    }
    return path;
}

bool is_spec_path(const std::string &path) {
    const std::string ext = fs::path(path).extension().string();
    return ext == ".yaml" || ext == ".yml";
}

bool exists(const std::string &path) {
    std::error_code ec;
    return fs::exists(path, ec);
}

std::string lower(std::string text) {
    for (char &c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

// The capture format `path` starts with ("pcapng", "pcap", "gzip"), or "".
std::string capture_format(const std::string &path) {
    unsigned char magic[4] = {};
    std::ifstream in(path, std::ios::binary);
    if (!in.read(reinterpret_cast<char *>(magic), sizeof magic)) return "";
    const auto is = [&](std::initializer_list<unsigned char> bytes) {
        return std::equal(bytes.begin(), bytes.end(), magic);
    };
    if (is({0x0a, 0x0d, 0x0d, 0x0a})) return "pcapng";
    if (is({0xd4, 0xc3, 0xb2, 0xa1}) || is({0xa1, 0xb2, 0xc3, 0xd4}) ||
        is({0x4d, 0x3c, 0xb2, 0xa1}) || is({0xa1, 0xb2, 0x3c, 0x4d}))
        return "pcap";
    if (is({0x1f, 0x8b})) return "gzip";
    return "";
}

// Why a file that discovery does not take may still be meant as a capture,
// or "" when it plainly is something else (a spec, a README, a program).
std::string not_taken_because(const std::string &path) {
    const std::string name = lower(fs::path(path).filename().string());
    if (is_capture_path(name))
        return fmt::format("its extension is not lower case (labcheck reads {}): rename it",
                           capture_extensions());
    const std::string format = capture_format(path);
    if (!format.empty())
        return fmt::format("a {} file under a name labcheck does not read ({}): rename it", format,
                           capture_extensions());
    if (name.find(".pcap") != std::string::npos || name.find(".cap") != std::string::npos)
        return fmt::format("named like a capture but not one labcheck reads ({})",
                           capture_extensions());
    return "";
}

struct FolderContents {
    std::vector<std::string> captures;
    std::vector<SkippedFile> skipped;
};

FolderContents captures_under(const std::string &dir) {
    FolderContents found;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(
             dir, fs::directory_options::skip_permission_denied, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        const std::string name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') {  // hidden: .git and the like
            if (it->is_directory(ec)) it.disable_recursion_pending();
            continue;
        }
        if (!it->is_regular_file(ec)) continue;
        const std::string path = it->path().string();
        if (is_capture_path(path)) {
            found.captures.push_back(path);
        } else if (const std::string why = not_taken_because(path); !why.empty()) {
            found.skipped.push_back({path, why});
        }
    }
    std::sort(found.captures.begin(), found.captures.end());
    return found;
}

void add(Discovery &d, Job job) {
    for (const Job &j : d.jobs)
        if (j.capture == job.capture && j.spec == job.spec) return;
    d.jobs.push_back(std::move(job));
}

// `folder`: where it was found, "" when given itself.
void add_capture(Discovery &d, const std::string &capture,
                 const std::optional<std::string> &shared_spec, const std::string &folder) {
    std::error_code ec;
    const std::string label =
        folder.empty() ? capture : fs::path(capture).lexically_relative(folder).string();
    if (shared_spec) {
        add(d, {capture, *shared_spec, label, folder});
        return;
    }
    const std::string spec = sidecar_spec(capture);
    if (exists(spec))
        add(d, {capture, spec, label, folder});
    else if (!folder.empty())
        d.skipped.push_back({capture, "no spec beside it (expected " +
                                          fs::path(spec).filename().string() +
                                          "; or give one spec for all with --spec)"});
    else
        d.errors.push_back(capture + ": no spec (expected " + spec +
                           "; draft one with: labcheck init " + capture + ")");
}

}  // namespace

bool is_capture_path(const std::string &path) { return stem_of_capture(path) != path; }

const char *capture_extensions() { return ".pcapng, .pcap, .cap, .pcapng.gz, .pcap.gz"; }

std::string sidecar_spec(const std::string &capture) {
    const std::string stem = stem_of_capture(capture);
    if (!exists(stem + ".yaml") && exists(stem + ".yml")) return stem + ".yml";
    return stem + ".yaml";
}

Discovery discover(const std::vector<std::string> &paths,
                   const std::optional<std::string> &shared_spec) {
    Discovery d;
    std::error_code ec;
    for (const std::string &path : paths) {
        if (fs::is_directory(path, ec)) {
            FolderContents found = captures_under(path);
            if (found.captures.empty())
                d.errors.push_back(path + ": no captures (*.pcapng, *.pcap) in this folder");
            for (const std::string &c : found.captures) add_capture(d, c, shared_spec, path);
            for (SkippedFile &f : found.skipped) d.skipped.push_back(std::move(f));
        } else if (is_spec_path(path)) {
            if (shared_spec)
                d.errors.push_back(path + ": with --spec, give captures or folders");
            else if (!exists(path))
                d.errors.push_back(path + ": no such spec file");
            else
                add(d, {"", path, "", ""});
        } else if (is_capture_path(path)) {
            // A missing capture with a spec is an ERROR verdict, not a usage error.
            if (!exists(path) && !shared_spec && !exists(sidecar_spec(path)))
                d.errors.push_back(path + ": no such capture");
            else
                add_capture(d, path, shared_spec, "");
        } else if (!exists(path)) {
            d.errors.push_back(path + ": no such file or folder");
        } else {
            d.errors.push_back(path + ": not a capture (.pcapng, .pcap), spec (.yaml) or folder");
        }
    }
    std::sort(d.skipped.begin(), d.skipped.end(),
              [](const auto &a, const auto &b) { return a.path < b.path; });
    return d;
}

std::string capture_for_spec(const std::string &spec,
                             const std::optional<std::string> &capture_key) {
    const fs::path dir = fs::path(spec).parent_path();
    if (capture_key)
        return fs::path(*capture_key).is_absolute() ? *capture_key : (dir / *capture_key).string();
    const std::string stem = (dir / fs::path(spec).stem()).string();
    for (const char *suffix : kCaptureSuffixes)
        if (exists(stem + suffix)) return stem + suffix;
    return stem + ".pcapng";
}

}  // namespace labcheck
