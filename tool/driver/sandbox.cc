#include "sandbox.h"

#include <glib.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

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

Sandbox::Sandbox() {
    GError *error = nullptr;
    gchar *dir = g_dir_make_tmp("labcheck-XXXXXX", &error);
    if (!dir) {
        const std::string why = error ? error->message : "unknown error";
        g_clear_error(&error);
        throw std::runtime_error("cannot create a temporary folder: " + why);
    }
    root_ = dir;
    g_free(dir);
    fs::create_directories(config());
    fs::create_directories(extcap());
    open_up(root_);
}

Sandbox::~Sandbox() {
    std::error_code ec;
    fs::remove_all(root_, ec);
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

std::string Sandbox::unique_name(const std::string &path) {
    return "staged-" + std::to_string(counter_++) + "-" + fs::path(path).filename().string();
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
