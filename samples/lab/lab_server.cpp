// The lab's length-prefixed server: reads 4-byte length + text messages and
// prints them. Extra behaviours (echo, closing first, replying after the
// client's FIN) exist to record every TCP lifecycle the labs discuss.
#include <glib.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "lab_common.h"

namespace {

struct ServerOptions {
    lab::WireOptions wire;
    bool echo = false;
    bool close_first = false;
    long close_after = 1;                       // messages read before --close-first closes
    std::string close_reply = "Hello, client";  // 13 bytes, like the port-9230 lab's reply
    bool reply_after_eof = false;
    std::string eof_reply;
    bool once = true;
    std::string log_path;
};

enum ServerOption {
    kOptEcho = 1,
    kOptCloseFirst,
    kOptAfter,
    kOptReply,
    kOptReplyAfterEof,
    kOptOnce,
    kOptForever,
    kOptLog
};

void usage(const char *program) {
    printf(
        "usage: %s [options]\n"
        "Serves one connection of the length-prefixed lab protocol, then exits.\n\n"
        "  --echo                 send every message back with the same framing\n"
        "  --close-first          after --after N messages send --reply and close first\n"
        "  --after N              messages to read before --close-first acts (default 1)\n"
        "  --reply TEXT           what --close-first sends (default \"Hello, client\")\n"
        "  --reply-after-eof TEXT after the client's FIN send TEXT, then close\n"
        "  --once                 serve one connection, then exit (default)\n"
        "  --forever              keep serving connections until an accept times out\n"
        "  --log FILE             append one JSON line per message sent (tests/network)\n"
        "%s",
        program, lab::common_usage());
}

ServerOptions parse_options(int argc, char **argv) {
    ServerOptions opts;
    std::vector<option> table = lab::with_common_options({
        {"echo", no_argument, nullptr, kOptEcho},
        {"close-first", no_argument, nullptr, kOptCloseFirst},
        {"after", required_argument, nullptr, kOptAfter},
        {"reply", required_argument, nullptr, kOptReply},
        {"reply-after-eof", required_argument, nullptr, kOptReplyAfterEof},
        {"once", no_argument, nullptr, kOptOnce},
        {"forever", no_argument, nullptr, kOptForever},
        {"log", required_argument, nullptr, kOptLog},
    });
    int id;
    while ((id = getopt_long(argc, argv, "", table.data(), nullptr)) != -1) {
        if (lab::parse_common_option(id, optarg, opts.wire)) continue;
        switch (id) {
            case kOptEcho:
                opts.echo = true;
                break;
            case kOptCloseFirst:
                opts.close_first = true;
                break;
            case kOptAfter:
                opts.close_after = lab::parse_number(optarg, 1, 1000000, "--after");
                break;
            case kOptReply:
                opts.close_reply = optarg;
                break;
            case kOptReplyAfterEof:
                opts.reply_after_eof = true;
                opts.eof_reply = optarg;
                break;
            case kOptOnce:
                opts.once = true;
                break;
            case kOptForever:
                opts.once = false;
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
    return opts;
}

int listen_on(const lab::WireOptions &wire) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) lab::die_errno("socket");
    // Recordings run back to back; the previous run's TIME_WAIT must not block bind().
    int on = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    sockaddr_in address = lab::make_address(wire);
    if (bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0)
        lab::die_errno("bind to port " + std::to_string(wire.port));
    if (listen(fd, 1) != 0) lab::die_errno("listen");
    return fd;
}

// Waits at most timeout_s (0 = forever) so a client that never comes cannot hang a script.
int accept_one(int listener, int timeout_s) {
    pollfd pfd{listener, POLLIN, 0};
    int ready = poll(&pfd, 1, timeout_s > 0 ? timeout_s * 1000 : -1);
    if (ready < 0) lab::die_errno("poll");
    if (ready == 0) return -1;
    int conn = accept(listener, nullptr, nullptr);
    if (conn < 0) lab::die_errno("accept");
    if (timeout_s > 0) lab::set_timeouts(conn, timeout_s);
    return conn;
}

// The replies of one connection, numbered for the --log.
struct Replies {
    int conn;
    const ServerOptions &opts;
    lab::SentLog &log;
    uint32_t sent = 0;
};

bool send_message(Replies &replies, const std::string &body) {
    // Replies go out as one send(): only the lab client splits header and body.
    if (lab::send_all(replies.conn, lab::frame(body, replies.opts.wire.order))) {
        replies.log.message(replies.conn, "server-to-client", ++replies.sent, body,
                            replies.opts.wire.order);
        return true;
    }
    perror("send");
    return false;
}

// Reads messages until the client's FIN, a --close-first trigger, or an error.
void serve(int conn, const ServerOptions &opts, lab::SentLog &log) {
    Replies replies{conn, opts, log};
    std::string body;
    for (long count = 1;; ++count) {
        lab::ReadStatus status = lab::read_message(conn, opts.wire.order, body);
        if (status == lab::ReadStatus::kError) {
            fprintf(stderr, "connection failed, timed out or sent a bad header\n");
            return;
        }
        if (status == lab::ReadStatus::kEof) {
            printf("클라이언트가 연결을 닫았습니다 (FIN)\n");
            if (opts.reply_after_eof)
                send_message(replies, lab::to_wire(opts.eof_reply, opts.wire));
            return;
        }
        printf("받은 메시지 %ld: 4+%zu바이트: %s\n", count, body.size(),
               lab::describe(body, opts.wire).c_str());
        if (opts.echo && !send_message(replies, body)) return;
        if (opts.close_first && count >= opts.close_after) {
            send_message(replies, lab::to_wire(opts.close_reply, opts.wire));
            printf("서버가 먼저 연결을 닫습니다\n");
            return;
        }
    }
}

}  // namespace

int main(int argc, char **argv) {
    g_set_prgname("lab_server");
    setvbuf(stdout, nullptr, _IOLBF, 0);  // keep log order when a script redirects output
    ServerOptions opts = parse_options(argc, argv);
    lab::SentLog log(opts.log_path);
    int listener = listen_on(opts.wire);
    printf("포트 %u에서 기다립니다\n", opts.wire.port);
    do {
        int conn = accept_one(listener, opts.wire.timeout_s);
        if (conn < 0) {
            fprintf(stderr, "no client within %d s\n", opts.wire.timeout_s);
            close(listener);
            return opts.once ? EXIT_FAILURE : EXIT_SUCCESS;
        }
        serve(conn, opts, log);
        close(conn);
    } while (!opts.once);
    close(listener);
    return EXIT_SUCCESS;
}
