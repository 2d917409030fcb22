// The lab's length-prefixed client: sends each message as a 4-byte length and
// the text. Split and close modes reproduce the segment patterns and TCP
// teardowns the labs analyse.
#include <glib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "lab_common.h"
#include "lab_mistakes.h"

namespace {

// Enumerators in the order of the option's choices (see parse_options).
enum class Split { kHeaderBody, kSingle, kCoalesce, kNagle };
enum class CloseMode { kNormal, kAbort, kHalf, kWait };

struct ClientOptions {
    lab::WireOptions wire;
    std::vector<std::string> messages;  // UTF-8 until all options are known, then wire text
    Split split = Split::kHeaderBody;
    CloseMode close = CloseMode::kNormal;
    bool expect_echo = false;
    bool print = false;
    std::string log_path;
    lab::Mistakes mistakes;  // a student's buggy client (lab_mistakes.h)
};

enum ClientOption {
    kOptMessage = 1,
    kOptSplit,
    kOptBig,
    kOptZero,
    kOptExpectEcho,
    kOptPrint,
    kOptClose,
    kOptLog
};

// The reference run's four lines: 10, 8, 35 and 13 bytes in CP949.
const char *const kLabMessages[] = {"안녕하세요", "반가워요", "오늘따라 할 이야기가 많을 것 같네요",
                                    "저도 그렇네요"};

// Long enough that loopback's 64 KiB MTU splits the body across segments.
std::string big_text(size_t size) {
    static const std::string kPattern = "The quick brown fox jumps over the lazy dog. ";
    std::string text;
    text.reserve(size + kPattern.size());
    while (text.size() < size) text += kPattern;
    text.resize(size);
    return text;
}

void usage(const char *program) {
    printf(
        "usage: %s [options]\n"
        "Sends length-prefixed messages like the lab client (default: the lab's four lines).\n\n"
        "  --message TEXT         a message to send (repeatable, kept in order)\n"
        "  --big N                add a message of N bytes of repeated ASCII text\n"
        "  --zero                 add a zero-length message\n"
        "  --split MODE           header-body: two send()s per message, like the lab\n"
        "                         (default); single: one send() per message;\n"
        "                         coalesce: all messages in one send();\n"
        "                         nagle: the lab's two send()s with Nagle on and no\n"
        "                         pause, so the kernel decides the segments\n"
        "  --expect-echo          read the echoed message back after each send\n"
        "  --print                print \"4+N바이트를 보냈습니다\" per message, like the lab\n"
        "  --close MODE           normal: close(); abort: SO_LINGER 0, close() -> RST;\n"
        "                         half: shutdown(SHUT_WR), read replies until EOF, close();\n"
        "                         wait: read replies until the server closes, then close()\n"
        "  --log FILE             append one JSON line per message sent (tests/network)\n"
        "%s%s",
        program, lab::mistakes_usage(), lab::common_usage());
}

ClientOptions parse_options(int argc, char **argv) {
    ClientOptions opts;
    std::vector<option> table = lab::with_common_options({
        {"message", required_argument, nullptr, kOptMessage},
        {"split", required_argument, nullptr, kOptSplit},
        {"big", required_argument, nullptr, kOptBig},
        {"zero", no_argument, nullptr, kOptZero},
        {"expect-echo", no_argument, nullptr, kOptExpectEcho},
        {"print", no_argument, nullptr, kOptPrint},
        {"close", required_argument, nullptr, kOptClose},
        {"log", required_argument, nullptr, kOptLog},
    });
    lab::add_mistake_options(table);
    int id;
    while ((id = getopt_long(argc, argv, "", table.data(), nullptr)) != -1) {
        if (lab::parse_common_option(id, optarg, opts.wire)) continue;
        if (lab::parse_mistake_option(id, optarg, opts.mistakes)) continue;
        switch (id) {
            case kOptMessage:
                opts.messages.emplace_back(optarg);
                break;
            case kOptSplit:
                opts.split = static_cast<Split>(lab::parse_choice(
                    optarg, {"header-body", "single", "coalesce", "nagle"}, "--split"));
                break;
            case kOptBig:
                opts.messages.push_back(big_text(lab::parse_number(optarg, 1, 1 << 24, "--big")));
                break;
            case kOptZero:
                opts.messages.emplace_back();
                break;
            case kOptExpectEcho:
                opts.expect_echo = true;
                break;
            case kOptPrint:
                opts.print = true;
                break;
            case kOptClose:
                opts.close = static_cast<CloseMode>(
                    lab::parse_choice(optarg, {"normal", "abort", "half", "wait"}, "--close"));
                break;
            case kOptLog:
                opts.log_path = optarg;
                break;
            case lab::kOptHelp:
                usage(argv[0]);
                exit(EXIT_SUCCESS);
            default:
                usage(argv[0]);
                exit(2);
        }
    }
    if (optind != argc) lab::die("unexpected argument: " + std::string(argv[optind]));
    if (opts.messages.empty())
        opts.messages.assign(std::begin(kLabMessages), std::end(kLabMessages));
    // Converted only now: --encoding may come after the --message options.
    for (std::string &message : opts.messages)
        message = lab::body_with_mistake(lab::to_wire(message, opts.wire), opts.mistakes);
    return opts;
}

int connect_to(const lab::WireOptions &wire, Split split, const lab::Mistakes &mistakes) {
    for (int attempt = 1;; ++attempt) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0) lab::die_errno("socket");
        // Without Nagle each send() leaves at once, so header and body stay separate segments.
        int on = 1;
        if (split != Split::kNagle) setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        if (wire.timeout_s > 0) lab::set_timeouts(fd, wire.timeout_s);
        sockaddr_in address = lab::make_address(wire);
        if (connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0) return fd;
        const int error = errno;
        close(fd);
        if (!lab::retry_connect(error, attempt, mistakes)) {
            errno = error;
            lab::die_errno("connect to " + wire.host + ":" + std::to_string(wire.port));
        }
    }
}

void send_now(int fd, const std::string &data) {
    if (data.empty()) return;  // send() of 0 bytes puts nothing on the wire
    if (!lab::send_all(fd, data)) lab::die_errno("send");
}

// One send() followed by a pause, so the next send() cannot join this segment.
void send_segment(int fd, const std::string &data) {
    send_now(fd, data);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
}

void report_sent(const std::string &body, const ClientOptions &opts) {
    if (opts.print) printf("4+%zu바이트를 보냈습니다\n", body.size());
}

// Reads one framed reply; with `expected`, checks that it is the echo of what was sent.
bool read_reply(int fd, const ClientOptions &opts, const std::string *expected) {
    std::string body;
    lab::ReadStatus status = lab::read_message(fd, opts.wire.order, body);
    if (status == lab::ReadStatus::kEof) return false;
    if (status == lab::ReadStatus::kError) lab::die("reading a reply failed or timed out");
    if (expected != nullptr && body != *expected) lab::die("echo differs from the message sent");
    printf("%s 4+%zu바이트: %s\n", expected != nullptr ? "에코" : "서버 메시지", body.size(),
           lab::describe(body, opts.wire).c_str());
    return true;
}

void expect_echo(int fd, const std::string &body, const ClientOptions &opts) {
    if (opts.expect_echo && !read_reply(fd, opts, &body)) lab::die("server closed before echoing");
}

void send_messages(int fd, const ClientOptions &opts, lab::SentLog &log) {
    const char *direction = "client-to-server";
    if (opts.split == Split::kCoalesce) {
        std::string all;
        for (const std::string &body : opts.messages)
            all += lab::header_for(body, opts.wire, opts.mistakes) + body;
        send_segment(fd, all);
        uint32_t index = 0;
        for (const std::string &body : opts.messages)
            log.message(fd, direction, ++index, body, opts.wire.order);
        for (const std::string &body : opts.messages) report_sent(body, opts);
        for (const std::string &body : opts.messages) expect_echo(fd, body, opts);
        return;
    }
    uint32_t index = 0;
    for (const std::string &body : opts.messages) {
        const std::string header = lab::header_for(body, opts.wire, opts.mistakes);
        if (opts.split == Split::kHeaderBody) {
            send_segment(fd, header);
            send_segment(fd, body);
        } else if (opts.split == Split::kNagle) {
            send_now(fd, header);
            send_now(fd, body);
        } else {
            send_segment(fd, header + body);
        }
        log.message(fd, direction, ++index, body, opts.wire.order);
        report_sent(body, opts);
        expect_echo(fd, body, opts);
    }
}

void finish(int fd, const ClientOptions &opts) {
    switch (opts.close) {
        case CloseMode::kNormal:
            break;
        case CloseMode::kAbort: {
            // Linger on with a zero timeout: close() discards the connection and sends RST.
            linger abort_now{1, 0};
            setsockopt(fd, SOL_SOCKET, SO_LINGER, &abort_now, sizeof abort_now);
            break;
        }
        case CloseMode::kHalf:
            if (shutdown(fd, SHUT_WR) != 0) lab::die_errno("shutdown");
            while (read_reply(fd, opts, nullptr)) {
            }
            break;
        case CloseMode::kWait:
            while (read_reply(fd, opts, nullptr)) {
            }
            break;
    }
    close(fd);
}

}  // namespace

int main(int argc, char **argv) {
    g_set_prgname("lab_client");
    setvbuf(stdout, nullptr, _IOLBF, 0);  // keep log order when a script redirects output
    ClientOptions opts = parse_options(argc, argv);
    lab::SentLog log(opts.log_path);
    int fd = connect_to(opts.wire, opts.split, opts.mistakes);
    lab::pause_seconds(opts.mistakes.pause_after_connect);
    send_messages(fd, opts, log);
    lab::pause_seconds(opts.mistakes.pause_before_close);
    finish(fd, opts);
    return EXIT_SUCCESS;
}
