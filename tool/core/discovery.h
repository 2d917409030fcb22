// Which capture is checked against which spec, from the command line's
// PATHs: captures (with their sidecar X.yaml), spec files, and folders
// searched recursively for captures that have a sidecar.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace labcheck {

struct Job {
    std::string capture;  // empty until the spec says (a spec file given alone)
    std::string spec;
    // The capture as reports name it: its path under the folder it was found
    // in ("section-A/01_kim/lab.pcapng"), else as given.
    std::string label;
    std::string folder;  // that folder, "" for a capture given itself
};

// A file in a searched folder that is not checked, and why.
struct SkippedFile {
    std::string path;
    std::string reason;
};

struct Discovery {
    std::vector<Job> jobs;
    std::vector<std::string> errors;  // usage errors: exit 2
    // Files left out of a folder search that may be meant as captures: names
    // like a capture's in another case or with another extension, capture
    // contents under another name, captures without a spec.
    std::vector<SkippedFile> skipped;
};

bool is_capture_path(const std::string &path);
// The extensions labcheck reads, for messages.
const char *capture_extensions();
// "dir/x.pcapng" -> "dir/x.yaml" (or .yml when only that exists).
std::string sidecar_spec(const std::string &capture);

// `shared_spec`: --spec, applied to every capture found.
Discovery discover(const std::vector<std::string> &paths,
                   const std::optional<std::string> &shared_spec);

// The capture of a spec given on its own: its `capture:` key (relative to
// the spec's folder) or the capture beside it with the same name.
std::string capture_for_spec(const std::string &spec,
                             const std::optional<std::string> &capture_key);

}  // namespace labcheck
