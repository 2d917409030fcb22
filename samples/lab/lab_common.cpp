#include "lab_common.h"

#include <arpa/inet.h>
#include <glib.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>

namespace lab {
namespace {

// Anything larger is a framing error, not a lab message: refuse before allocating.
constexpr uint32_t kMaxMessage = 16u << 20;

bool try_convert(const std::string &text, const char *to, const char *from, std::string &out,
                 std::string &why) {
    GError *error = nullptr;
    gsize written = 0;
    gchar *converted = g_convert(text.data(), static_cast<gssize>(text.size()), to, from, nullptr,
                                 &written, &error);
    if (converted == nullptr) {
        why = error != nullptr ? error->message : "unknown error";
        g_clear_error(&error);
        return false;
    }
    out.assign(converted, written);
    g_free(converted);
    return true;
}

std::string to_hex(const std::string &bytes) {
    static const char kDigits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(2 * bytes.size());
    for (unsigned char c : bytes) {
        hex += kDigits[c >> 4];
        hex += kDigits[c & 0x0F];
    }
    return hex;
}

// The address and port of a socket's end, IPv4 or IPv6.
void add_endpoint(nlohmann::json &record, const char *key, const sockaddr_storage &address) {
    char text[INET6_ADDRSTRLEN] = "";
    uint16_t port = 0;
    if (address.ss_family == AF_INET6) {
        const auto &a6 = reinterpret_cast<const sockaddr_in6 &>(address);
        inet_ntop(AF_INET6, &a6.sin6_addr, text, sizeof text);
        port = ntohs(a6.sin6_port);
    } else {
        const auto &a4 = reinterpret_cast<const sockaddr_in &>(address);
        inet_ntop(AF_INET, &a4.sin_addr, text, sizeof text);
        port = ntohs(a4.sin_port);
    }
    record[key] = text;
    record[std::string(key) + "_port"] = port;
}

bool recv_exactly(int fd, char *buffer, size_t size, size_t &got) {
    got = 0;
    while (got < size) {
        ssize_t n = recv(fd, buffer + got, size - got, MSG_WAITALL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return n == 0;  // EOF is not an error by itself; the caller checks `got`
        got += static_cast<size_t>(n);
    }
    return true;
}

}  // namespace

std::vector<option> with_common_options(std::initializer_list<option> own) {
    std::vector<option> all(own);
    all.push_back({"host", required_argument, nullptr, kOptHost});
    all.push_back({"port", required_argument, nullptr, kOptPort});
    all.push_back({"byte-order", required_argument, nullptr, kOptByteOrder});
    all.push_back({"encoding", required_argument, nullptr, kOptEncoding});
    all.push_back({"timeout", required_argument, nullptr, kOptTimeout});
    all.push_back({"help", no_argument, nullptr, kOptHelp});
    all.push_back({nullptr, 0, nullptr, 0});
    return all;
}

bool parse_common_option(int id, const char *arg, WireOptions &wire) {
    switch (id) {
        case kOptHost:
            wire.host = arg;
            return true;
        case kOptPort:
            wire.port = static_cast<uint16_t>(parse_number(arg, 1, 65535, "--port"));
            return true;
        case kOptByteOrder:
            wire.order =
                static_cast<ByteOrder>(parse_choice(arg, {"little", "big"}, "--byte-order"));
            return true;
        case kOptEncoding:
            wire.encoding =
                parse_choice(arg, {"utf-8", "cp949"}, "--encoding") == 0 ? "UTF-8" : "CP949";
            return true;
        case kOptTimeout:
            wire.timeout_s = static_cast<int>(parse_number(arg, 0, 3600, "--timeout"));
            return true;
        default:
            return false;
    }
}

const char *common_usage() {
    return "  --host ADDR            IPv4 address (default 127.0.0.1)\n"
           "  --port N               TCP port (default 9000)\n"
           "  --byte-order ORDER     little|big: order of the 4-byte length (default little)\n"
           "  --encoding ENC         utf-8|cp949: text encoding on the wire (default utf-8)\n"
           "  --timeout SEC          give up on a silent peer after SEC s, 0 = never (default 10)\n"
           "  --help                 show this help\n";
}

long parse_number(const char *arg, long min, long max, const char *what) {
    char *end = nullptr;
    errno = 0;
    long value = strtol(arg, &end, 10);
    if (errno != 0 || end == arg || *end != '\0' || value < min || value > max)
        die(std::string(what) + " needs a number from " + std::to_string(min) + " to " +
            std::to_string(max));
    return value;
}

int parse_choice(const char *arg, std::initializer_list<const char *> choices, const char *what) {
    int index = 0;
    std::string names;
    for (const char *choice : choices) {
        if (g_ascii_strcasecmp(arg, choice) == 0) return index;
        names += (index++ == 0 ? "" : "|") + std::string(choice);
    }
    die(std::string(what) + " must be one of " + names);
}

void die(const std::string &message) {
    fprintf(stderr, "%s: %s\n", g_get_prgname() != nullptr ? g_get_prgname() : "lab",
            message.c_str());
    exit(EXIT_FAILURE);
}

void die_errno(const std::string &what) { die(what + ": " + strerror(errno)); }

std::string to_wire(const std::string &utf8, const WireOptions &wire) {
    std::string out, why;
    if (!try_convert(utf8, wire.encoding.c_str(), "UTF-8", out, why))
        die("cannot convert \"" + utf8 + "\" to " + wire.encoding + ": " + why);
    return out;
}

std::string to_utf8(const std::string &text, const WireOptions &wire) {
    std::string out, why;
    if (!try_convert(text, "UTF-8", wire.encoding.c_str(), out, why))
        return "(" + wire.encoding + "로 읽을 수 없는 " + std::to_string(text.size()) + "바이트)";
    return out;
}

std::string encode_header(uint32_t length, ByteOrder order) {
    unsigned char bytes[4];
    for (int i = 0; i < 4; ++i) {
        int shift = order == ByteOrder::kLittle ? 8 * i : 8 * (3 - i);
        bytes[i] = static_cast<unsigned char>(length >> shift);
    }
    return std::string(reinterpret_cast<char *>(bytes), sizeof bytes);
}

std::string frame(const std::string &body, ByteOrder order) {
    return encode_header(static_cast<uint32_t>(body.size()), order) + body;
}

bool send_all(int fd, const std::string &data) {
    size_t sent = 0;
    while (sent < data.size()) {
        // MSG_NOSIGNAL: a peer that already closed must give an error, not kill us with SIGPIPE.
        ssize_t n = send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return false;
        sent += static_cast<size_t>(n);
    }
    return true;
}

ReadStatus read_message(int fd, ByteOrder order, std::string &body) {
    unsigned char header[4];
    size_t got = 0;
    if (!recv_exactly(fd, reinterpret_cast<char *>(header), sizeof header, got))
        return ReadStatus::kError;
    if (got == 0) return ReadStatus::kEof;
    if (got < sizeof header) return ReadStatus::kError;
    uint32_t length = 0;
    for (int i = 0; i < 4; ++i) {
        int shift = order == ByteOrder::kLittle ? 8 * i : 8 * (3 - i);
        length |= static_cast<uint32_t>(header[i]) << shift;
    }
    if (length > kMaxMessage) return ReadStatus::kError;
    body.assign(length, '\0');
    if (!recv_exactly(fd, body.data(), length, got) || got < length) return ReadStatus::kError;
    return ReadStatus::kMessage;
}

sockaddr_in make_address(const WireOptions &wire) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(wire.port);
    if (inet_pton(AF_INET, wire.host.c_str(), &address.sin_addr) != 1)
        die("--host must be an IPv4 address: " + wire.host);
    return address;
}

void set_timeouts(int fd, int seconds) {
    timeval tv{};
    tv.tv_sec = seconds;
    if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) != 0 ||
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv) != 0)
        die_errno("setsockopt(SO_RCVTIMEO/SO_SNDTIMEO)");
}

std::string describe(const std::string &body, const WireOptions &wire) {
    constexpr size_t kShown = 200;  // a 70000-byte message would flood the terminal
    if (body.size() > kShown) return "(" + std::to_string(body.size()) + "바이트, 생략)";
    return to_utf8(body, wire);
}

SentLog::SentLog(const std::string &path) {
    if (path.empty()) return;
    file_ = fopen(path.c_str(), "a");
    if (file_ == nullptr) die_errno("--log " + path);
}

SentLog::~SentLog() {
    if (file_ != nullptr) fclose(file_);
}

void SentLog::message(int fd, const char *direction, uint32_t index, const std::string &body,
                      ByteOrder order) {
    if (file_ == nullptr) return;
    sockaddr_storage local{}, peer{};
    socklen_t local_len = sizeof local, peer_len = sizeof peer;
    getsockname(fd, reinterpret_cast<sockaddr *>(&local), &local_len);
    getpeername(fd, reinterpret_cast<sockaddr *>(&peer), &peer_len);
    nlohmann::json record = {
        {"sender", g_get_prgname()},
        {"direction", direction},
        {"index", index},
        {"length", body.size()},
        {"byte_order", order == ByteOrder::kBig ? "big" : "little"},
        {"header", to_hex(encode_header(static_cast<uint32_t>(body.size()), order))},
        {"body", to_hex(body)},
        {"complete", true}};
    add_endpoint(record, "local", local);
    add_endpoint(record, "peer", peer);
    // A line at a time, flushed (not synced: that would slow the sender and change the
    // segments): a killed sender leaves every message it logged.
    fprintf(file_, "%s\n", record.dump().c_str());
    fflush(file_);
}

}  // namespace lab
