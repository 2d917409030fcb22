#include "discovery.h"

#include <algorithm>
#include <filesystem>

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

std::vector<std::string> captures_under(const std::string &dir) {
    std::vector<std::string> found;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(
             dir, fs::directory_options::skip_permission_denied, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        if (it->is_regular_file(ec) && is_capture_path(it->path().string()))
            found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    return found;
}

void add(Discovery &d, Job job) {
    for (const Job &j : d.jobs)
        if (j.capture == job.capture && j.spec == job.spec) return;
    d.jobs.push_back(std::move(job));
}

void add_capture(Discovery &d, const std::string &capture,
                 const std::optional<std::string> &shared_spec, bool from_folder) {
    if (shared_spec) {
        add(d, {capture, *shared_spec});
        return;
    }
    const std::string spec = sidecar_spec(capture);
    if (exists(spec))
        add(d, {capture, spec});
    else if (from_folder)
        d.notes.push_back(capture + ": no spec beside it, not checked");
    else
        d.errors.push_back(capture + ": no spec (expected " + spec +
                           "; draft one with: labcheck init " + capture + ")");
}

}  // namespace

bool is_capture_path(const std::string &path) { return stem_of_capture(path) != path; }

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
            const auto captures = captures_under(path);
            if (captures.empty())
                d.errors.push_back(path + ": no captures (*.pcapng, *.pcap) in this folder");
            for (const std::string &c : captures) add_capture(d, c, shared_spec, true);
        } else if (is_spec_path(path)) {
            if (shared_spec)
                d.errors.push_back(path + ": with --spec, give captures or folders");
            else if (!exists(path))
                d.errors.push_back(path + ": no such spec file");
            else
                add(d, {"", path});
        } else if (is_capture_path(path)) {
            // A missing capture with a spec is an ERROR verdict, not a usage error.
            if (!exists(path) && !shared_spec && !exists(sidecar_spec(path)))
                d.errors.push_back(path + ": no such capture");
            else
                add_capture(d, path, shared_spec, false);
        } else if (!exists(path)) {
            d.errors.push_back(path + ": no such file or folder");
        } else {
            d.errors.push_back(path + ": not a capture (.pcapng, .pcap), spec (.yaml) or folder");
        }
    }
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
