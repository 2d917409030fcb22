#include "sandbox.h"

#include <glib.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

#include "interrupts.h"

namespace labcheck {

namespace fs = std::filesystem;

namespace {

void open_up(const fs::path &p) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
        fs::permissions(p,
                        fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                            fs::perms::others_read | fs::perms::others_exec,
                        ec);
        for (const auto &entry : fs::recursive_directory_iterator(p, ec)) open_up(entry.path());
    } else {
        fs::permissions(p, fs::perms::others_read | fs::perms::group_read, fs::perm_options::add,
                        ec);
    }
}

}  // namespace

namespace {

std::string octal_mode(const std::string &path) {
    std::error_code ec;
    const auto perms = static_cast<unsigned>(fs::status(path, ec).permissions()) & 07777;
    char text[8];
    std::snprintf(text, sizeof text, "%04o", perms);
    return text;
}

// The first folder above (or at) `path` that others cannot enter.
std::string closed_folder(const std::string &path) {
    std::error_code ec;
    fs::path p = fs::absolute(path, ec);
    std::string closed;
    for (; !p.empty(); p = p.parent_path()) {
        if ((fs::status(p, ec).permissions() & fs::perms::others_exec) == fs::perms::none)
            closed = p.string();
        if (p == p.root_path()) break;
    }
    return closed;
}

// Where to make the folder: $TMPDIR, unless nobody must enter it and cannot.
std::string staging_base(bool for_nobody, std::string &moved_because) {
    const std::string tmpdir = g_get_tmp_dir();
    if (!for_nobody || world_enterable(tmpdir)) return tmpdir;
    const std::string closed = closed_folder(tmpdir);
    moved_because = "nobody cannot enter " + closed + " (mode " + octal_mode(closed) +
                    (closed == tmpdir ? ")" : "), which holds " + tmpdir) +
                    ", the temporary folder ($TMPDIR)";
    std::string tried;
    for (const char *other : {"/tmp", "/var/tmp", "/dev/shm"}) {
        if (tmpdir == other) continue;
        if (world_enterable(other) && access(other, W_OK) == 0) return other;
        tried += (tried.empty() ? "" : ", ") + std::string(other);
    }
    throw std::runtime_error(
        "running as root, labcheck stages the plugin and captures for tshark, which runs as "
        "nobody, but " +
        moved_because + ", nor " + tried +
        ": set TMPDIR to a folder every user can enter, or use --system-plugin");
}

}  // namespace

Sandbox::Sandbox(bool for_nobody) {
    const std::string base = staging_base(for_nobody, moved_because_);
    const std::string pattern = (fs::path(base) / "labcheck-XXXXXX").string();
    std::vector<char> dir(pattern.begin(), pattern.end());
    dir.push_back('\0');
    if (!g_mkdtemp(dir.data()))
        throw std::runtime_error("cannot create a temporary folder in " + base + ": " +
                                 std::strerror(errno));
    root_ = dir.data();
    interrupts::add_folder(root_);
    lay_out();
}

Sandbox::Sandbox(bool for_nobody, const std::string &folder) : owned_(false) {
    root_ = fs::absolute(folder).lexically_normal().string();
    if (root_.size() > 1 && root_.back() == '/') root_.pop_back();
    std::error_code ec;
    fs::create_directories(root_, ec);
    if (ec)
        throw std::runtime_error("cannot make the --stage folder " + root_ + ": " + ec.message());
    lay_out();
    if (for_nobody && !world_enterable(root_))
        throw std::runtime_error(
            "running as root, tshark runs as nobody, who cannot enter " + closed_folder(root_) +
            " (mode " + octal_mode(closed_folder(root_)) + "), which holds --stage " + root_ +
            ": stage in a folder every user can enter (under /tmp, say)");
}

void Sandbox::lay_out() {
    fs::create_directories(config());
    fs::create_directories(extcap());
    open_up(root_);
}

Sandbox::~Sandbox() {
    if (!owned_) return;
    std::error_code ec;
    fs::remove_all(root_, ec);
    interrupts::remove_folder(root_);
}

std::string Sandbox::write_file(const std::string &name, const std::string &content) const {
    const std::string path = root_ + "/" + name;
    std::ofstream(path, std::ios::binary) << content;
    open_up(path);
    return path;
}

std::string Sandbox::copy_in(const std::string &source, const std::string &name) const {
    const fs::path target = fs::path(root_) / name;
    fs::copy(source, target, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    open_up(target);
    return target.string();
}

std::string Sandbox::make_folder(const std::string &name) const {
    const fs::path folder = fs::path(root_) / name;
    fs::create_directories(folder);
    open_up(folder);
    return folder.string();
}

std::string Sandbox::unique_name(const std::string &path) {
    return "staged-" + std::to_string(counter_++) + "-" + fs::path(path).filename().string();
}

bool world_enterable(const std::string &path) {
    std::error_code ec;
    return fs::is_directory(path, ec) && closed_folder(path).empty();
}

bool world_readable(const std::string &path) {
    std::error_code ec;
    fs::path p = fs::absolute(path, ec);
    if (ec || (fs::status(p, ec).permissions() & fs::perms::others_read) == fs::perms::none)
        return false;
    for (p = p.parent_path(); !p.empty() && p != p.root_path(); p = p.parent_path())
        if ((fs::status(p, ec).permissions() & fs::perms::others_exec) == fs::perms::none)
            return false;
    return true;
}

}  // namespace labcheck
