// A private, world-readable temporary folder for one labcheck run: tshark's
// HOME and config dir (so no user profile changes results), the filter
// helper, and, when tshark must run as nobody, copies of what it must read.
#pragma once

#include <atomic>
#include <string>

namespace labcheck {

class Sandbox {
  public:
    // `for_nobody`: tshark runs as another user (nobody), who must be able to
    // enter the folder: when $TMPDIR is private (mode 0700 under /root, say)
    // it is made in /tmp, /var/tmp or /dev/shm instead. Throws
    // std::runtime_error saying so when no such place exists.
    explicit Sandbox(bool for_nobody);
    // The caller's own folder `folder` (made if missing), which outlives
    // labcheck: `labcheck tshark --stage` hands out commands that use it.
    // What is in it is made readable by everyone, like the rest of a sandbox.
    // Throws std::runtime_error when nobody must enter it and cannot.
    Sandbox(bool for_nobody, const std::string &folder);
    ~Sandbox();
    Sandbox(const Sandbox &) = delete;
    Sandbox &operator=(const Sandbox &) = delete;

    const std::string &root() const { return root_; }
    std::string home() const { return root_ + "/home"; }
    std::string config() const { return root_ + "/home/config"; }
    std::string extcap() const { return root_ + "/extcap"; }  // empty on purpose

    // Writes `content` to root/name, readable by everyone; returns the path.
    std::string write_file(const std::string &name, const std::string &content) const;
    // Copies a file or folder in, readable by everyone; returns the new path.
    std::string copy_in(const std::string &source, const std::string &name) const;
    // An empty folder root/name, which everyone can enter; returns its path.
    std::string make_folder(const std::string &name) const;
    // A fresh name for a staged copy of `path`.
    std::string unique_name(const std::string &path);

    // Where it was made instead of $TMPDIR, and why ("" when in $TMPDIR).
    const std::string &moved_because() const { return moved_because_; }

  private:
    void lay_out();  // home, config and the empty extcap folder, opened to everyone

    std::string root_;
    std::string moved_because_;
    bool owned_ = true;  // removed when done (not a caller's --stage folder)
    std::atomic<unsigned> counter_{0};
};

// Whether `path` can be read by a user with no special rights (every folder
// above it searchable by others, the file readable by others).
bool world_readable(const std::string &path);
// Whether a user with no special rights can enter the folder `path`.
bool world_enterable(const std::string &path);

}  // namespace labcheck
