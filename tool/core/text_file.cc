#include "text_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace labcheck {

std::optional<std::string> read_text_file(const std::string &path, size_t limit,
                                          std::string &text) {
    std::FILE *in = std::fopen(path.c_str(), "rb");
    if (!in) return std::strerror(errno);
    char buffer[65536];
    size_t got = 0;
    while (text.size() <= limit && (got = std::fread(buffer, 1, sizeof buffer, in)))
        text.append(buffer, got);
    const int error = std::ferror(in) ? errno : 0;
    std::fclose(in);
    if (error) return std::strerror(error);
    return std::nullopt;
}

std::optional<std::string> write_text_file(const std::string &path, const std::string &text) {
    std::FILE *out = std::fopen(path.c_str(), "wb");
    if (!out) return std::strerror(errno);
    const bool written = std::fwrite(text.data(), 1, text.size(), out) == text.size();
    const int write_error = errno;
    if (std::fclose(out) != 0) return std::strerror(errno);
    if (!written) return std::strerror(write_error);
    return std::nullopt;
}

}  // namespace labcheck
