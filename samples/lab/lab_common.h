// Shared by lab_server and lab_client: the wire framing (4-byte length, then
// the text), the text conversion, and the options both programs take.
#pragma once

#include <getopt.h>
#include <netinet/in.h>

#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <string>
#include <vector>

namespace lab {

// Enumerators in the order of --byte-order's choices.
enum class ByteOrder { kLittle, kBig };

// Where to listen or connect and how messages look on the wire.
struct WireOptions {
    std::string host = "127.0.0.1";
    uint16_t port = 9000;
    ByteOrder order = ByteOrder::kLittle;
    std::string encoding = "UTF-8";  // iconv name of the wire encoding
    int timeout_s = 10;              // every blocking call gives up after this
};

// getopt_long ids of the common options; each program numbers its own below 1000.
enum CommonOption { kOptHost = 1000, kOptPort, kOptByteOrder, kOptEncoding, kOptTimeout, kOptHelp };

// The program's own long options followed by the common ones and the terminator.
std::vector<option> with_common_options(std::initializer_list<option> own);
// Applies a common option to `wire`; false if `id` is not a common option.
bool parse_common_option(int id, const char *arg, WireOptions &wire);
// Help text lines for the common options.
const char *common_usage();

long parse_number(const char *arg, long min, long max, const char *what);
// Index of `arg` (case-insensitive) in `choices`; dies listing them when it is none of them.
int parse_choice(const char *arg, std::initializer_list<const char *> choices, const char *what);
[[noreturn]] void die(const std::string &message);
[[noreturn]] void die_errno(const std::string &what);

// UTF-8 (the command line) to the wire encoding; dies on text the encoding cannot hold.
std::string to_wire(const std::string &utf8, const WireOptions &wire);
// Wire text back to UTF-8 for the terminal; undecodable text becomes a note, not an exit.
std::string to_utf8(const std::string &text, const WireOptions &wire);

// The 4-byte length header alone, and header + body as one buffer.
std::string encode_header(uint32_t length, ByteOrder order);
std::string frame(const std::string &body, ByteOrder order);

bool send_all(int fd, const std::string &data);

enum class ReadStatus { kMessage, kEof, kError };
// Reads one framed message as the lab server does: recv(MSG_WAITALL) of 4 bytes, then the body.
ReadStatus read_message(int fd, ByteOrder order, std::string &body);

sockaddr_in make_address(const WireOptions &wire);
// SO_RCVTIMEO/SO_SNDTIMEO, so a silent peer cannot hang a recording script.
void set_timeouts(int fd, int seconds);
// Human-readable text of a received message (shortened when long).
std::string describe(const std::string &body, const WireOptions &wire);

// --log FILE: one JSON line per message actually handed to the kernel, the truth the
// network harness (tests/network) checks captures against. Without a path it logs nothing.
class SentLog {
  public:
    explicit SentLog(const std::string &path);
    ~SentLog();
    SentLog(const SentLog &) = delete;
    SentLog &operator=(const SentLog &) = delete;

    // `direction` is "client-to-server" or "server-to-client"; `index` is 1-based.
    void message(int fd, const char *direction, uint32_t index, const std::string &body,
                 ByteOrder order);

  private:
    FILE *file_ = nullptr;
};

}  // namespace lab
