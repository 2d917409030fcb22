/* impair: loss, delay with jitter and so reordering, for packets that
 * iptables hands over with `-j NFQUEUE` in a router namespace.
 *
 * This machine's kernel has no sch_netem, so the network harness impairs
 * forwarded traffic in user space: every queued packet is dropped with a
 * seeded probability, or its verdict is held for `delay` plus a uniformly
 * drawn jitter and issued later. Verdicts issued out of arrival order
 * reorder the packets. Duplicates are iptables TEE's job (see netns.py).
 *
 * It stops by itself after --max-seconds (or on SIGINT/SIGTERM), accepting
 * whatever it still holds; the iptables rule uses --queue-bypass, so once it
 * is gone packets pass unimpaired. It prints "ready" when bound to the queue
 * and a one-line JSON summary on exit, so a test can prove the impairment
 * really happened.
 */
/* glibc's netinet/in.h must come before the kernel headers netfilter pulls in. */
// clang-format off
#include <netinet/in.h>
// clang-format on
#include <errno.h>
#include <getopt.h>
#include <libnetfilter_queue/libnetfilter_queue.h>
#include <linux/netfilter.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#define MAX_HELD 8192 /* more than the queue holds (see QUEUE_MAXLEN) */
#define QUEUE_MAXLEN 4096
#define COPY_RANGE 128          /* IP and TCP headers: all that is read */
#define SOCKET_BUFFER (8 << 20) /* a 1 MB burst queued at once must fit */
#define MAX_DROP_DATA 16

struct options {
    unsigned queue;
    uint64_t seed;
    double drop; /* probability, 0..1 */
    double delay_ms;
    double jitter_ms;
    double max_seconds;
    int spare_syn; /* a lost SYN costs a 1 s retransmission timeout */
    const char *log_path;
    unsigned drop_data[MAX_DROP_DATA]; /* these data segments (1-based, in arrival order) */
    int n_drop_data;
};

/* A verdict held until `due` (monotonic ns). */
struct held {
    uint32_t id;
    int64_t due;
};

struct impair {
    struct options opt;
    struct nfq_q_handle *qh;
    uint64_t rng;
    int64_t start;
    struct held held[MAX_HELD];
    size_t n_held;
    FILE *log;
    /* for the summary */
    unsigned long seen, dropped, delayed, reordered, overruns;
    unsigned data_segments; /* TCP segments with payload seen so far */
    uint32_t last_released;
};

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig) {
    (void)sig;
    stop_requested = 1;
}

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* splitmix64: small, seedable, the same sequence on every machine. */
static uint64_t next_random(uint64_t *state) {
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double uniform(uint64_t *state) {
    return (double)(next_random(state) >> 11) / 9007199254740992.0;
}

/* The TCP flags and payload length of an IPv4 or IPv6 packet (-1: not TCP). The
 * harness sends no IPv6 extension headers. */
static int tcp_flags(const unsigned char *p, int len, int *payload) {
    int tcp = -1, ip_len = 0;
    if (len >= 20 && (p[0] >> 4) == 4 && p[9] == IPPROTO_TCP) {
        tcp = (p[0] & 0x0F) * 4;
        ip_len = p[2] << 8 | p[3];
    } else if (len >= 40 && (p[0] >> 4) == 6 && p[6] == IPPROTO_TCP) {
        tcp = 40;
        ip_len = 40 + (p[4] << 8 | p[5]);
    }
    if (tcp < 0 || len < tcp + 14) return -1;
    *payload = ip_len - tcp - (p[tcp + 12] >> 4) * 4;
    return p[tcp + 13];
}

static int listed(const struct options *o, unsigned n) {
    for (int i = 0; i < o->n_drop_data; ++i)
        if (o->drop_data[i] == n) return 1;
    return 0;
}

static void verdict(struct impair *im, uint32_t id, uint32_t how) {
    if (nfq_set_verdict(im->qh, id, how, 0, NULL) < 0)
        fprintf(stderr, "impair: verdict for packet %u failed: %s\n", id, strerror(errno));
}

static void log_packet(struct impair *im, uint32_t id, int len, const char *what, double ms) {
    if (im->log)
        fprintf(im->log, "%.6f %u %d %s %.3f\n", (now_ns() - im->start) / 1e9, id, len, what, ms);
}

static int on_packet(struct nfq_q_handle *qh, struct nfgenmsg *msg, struct nfq_data *nfa,
                     void *data) {
    (void)qh;
    (void)msg;
    struct impair *im = data;
    struct nfqnl_msg_packet_hdr *hdr = nfq_get_msg_packet_hdr(nfa);
    if (!hdr) return 0;
    uint32_t id = ntohl(hdr->packet_id);
    unsigned char *payload = NULL;
    int len = nfq_get_payload(nfa, &payload);
    im->seen++;
    /* Draw both numbers for every packet, so one decision never shifts the
     * random sequence of the others. */
    double lose = uniform(&im->rng), jitter = uniform(&im->rng);
    int bytes = 0, flags = tcp_flags(payload, len, &bytes);
    if (im->opt.spare_syn && flags >= 0 && (flags & 0x02)) {
        log_packet(im, id, len, "pass-syn", 0);
        verdict(im, id, NF_ACCEPT);
        return 0;
    }
    const int on_purpose = bytes > 0 && listed(&im->opt, ++im->data_segments);
    if (on_purpose || lose < im->opt.drop) {
        im->dropped++;
        log_packet(im, id, len, "drop", 0);
        verdict(im, id, NF_DROP);
        return 0;
    }
    double ms = im->opt.delay_ms + jitter * im->opt.jitter_ms;
    if (ms <= 0 || im->n_held == MAX_HELD) {
        log_packet(im, id, len, "pass", 0);
        verdict(im, id, NF_ACCEPT);
        return 0;
    }
    im->delayed++;
    log_packet(im, id, len, "delay", ms);
    im->held[im->n_held].id = id;
    im->held[im->n_held].due = now_ns() + (int64_t)(ms * 1e6);
    im->n_held++;
    return 0;
}

/* Accepts every held packet due by `until` (all of them with INT64_MAX). */
static void release_due(struct impair *im, int64_t until) {
    size_t kept = 0;
    for (size_t i = 0; i < im->n_held; ++i) {
        struct held h = im->held[i];
        if (h.due > until) {
            im->held[kept++] = h;
            continue;
        }
        /* Packet ids grow with arrival: a smaller id after a larger one is a
         * packet that overtook another. */
        if (h.id < im->last_released)
            im->reordered++;
        else
            im->last_released = h.id;
        verdict(im, h.id, NF_ACCEPT);
    }
    im->n_held = kept;
}

/* Milliseconds poll() may sleep: until the next held verdict, the deadline,
 * or at most 100 ms so a stop request is noticed. */
static int poll_timeout(const struct impair *im, int64_t deadline) {
    int64_t next = deadline;
    for (size_t i = 0; i < im->n_held; ++i)
        if (im->held[i].due < next) next = im->held[i].due;
    int64_t ms = (next - now_ns() + 999999) / 1000000;
    return ms < 0 ? 0 : ms > 100 ? 100 : (int)ms;
}

static void usage(FILE *to) {
    fprintf(to,
            "usage: impair --queue N [options]\n"
            "Impairs the packets of NFQUEUE queue N: drops, delays with jitter (reorders).\n\n"
            "  --queue N          the NFQUEUE number of the iptables rule\n"
            "  --seed S           random seed (default 1)\n"
            "  --drop P           probability of dropping a packet, 0..1 (default 0)\n"
            "  --delay MS         fixed delay of every packet kept (default 0)\n"
            "  --jitter MS        plus a uniform random delay in [0, MS) (default 0)\n"
            "  --max-seconds T    stop after T seconds (default 120)\n"
            "  --drop-data LIST   also drop these data segments (1-based, both directions\n"
            "                     together, in arrival order; retransmissions count anew),\n"
            "                     e.g. 1,5: a loss pattern that does not depend on timing\n"
            "  --impair-syn       impair SYNs too (default: they pass at once)\n"
            "  --log FILE         one line per packet: time, id, copied length, decision,\n"
            "                     delay\n");
}

static double parse_double(const char *arg, double min, double max, const char *what) {
    char *end = NULL;
    errno = 0;
    double v = strtod(arg, &end);
    if (errno || end == arg || *end || !(v >= min && v <= max)) {
        fprintf(stderr, "impair: %s needs a number from %g to %g\n", what, min, max);
        exit(2);
    }
    return v;
}

static struct options parse_options(int argc, char **argv) {
    static const struct option table[] = {{"queue", required_argument, NULL, 'q'},
                                          {"seed", required_argument, NULL, 's'},
                                          {"drop", required_argument, NULL, 'd'},
                                          {"delay", required_argument, NULL, 'l'},
                                          {"jitter", required_argument, NULL, 'j'},
                                          {"max-seconds", required_argument, NULL, 'm'},
                                          {"impair-syn", no_argument, NULL, 'y'},
                                          {"log", required_argument, NULL, 'o'},
                                          {"drop-data", required_argument, NULL, 'D'},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
    struct options o = {.seed = 1, .max_seconds = 120, .spare_syn = 1};
    int have_queue = 0, c;
    while ((c = getopt_long(argc, argv, "", table, NULL)) != -1) {
        switch (c) {
            case 'q':
                o.queue = (unsigned)parse_double(optarg, 0, 65535, "--queue");
                have_queue = 1;
                break;
            case 's':
                o.seed = (uint64_t)parse_double(optarg, 0, 1e15, "--seed");
                break;
            case 'd':
                o.drop = parse_double(optarg, 0, 1, "--drop");
                break;
            case 'l':
                o.delay_ms = parse_double(optarg, 0, 10000, "--delay");
                break;
            case 'j':
                o.jitter_ms = parse_double(optarg, 0, 10000, "--jitter");
                break;
            case 'm':
                o.max_seconds = parse_double(optarg, 0.1, 3600, "--max-seconds");
                break;
            case 'y':
                o.spare_syn = 0;
                break;
            case 'D':
                for (char *item = strtok(optarg, ","); item; item = strtok(NULL, ",")) {
                    if (o.n_drop_data == MAX_DROP_DATA) {
                        fprintf(stderr, "impair: at most %d --drop-data segments\n", MAX_DROP_DATA);
                        exit(2);
                    }
                    o.drop_data[o.n_drop_data++] =
                        (unsigned)parse_double(item, 1, 1e9, "--drop-data");
                }
                break;
            case 'o':
                o.log_path = optarg;
                break;
            case 'h':
                usage(stdout);
                exit(0);
            default:
                usage(stderr);
                exit(2);
        }
    }
    if (!have_queue || optind != argc) {
        usage(stderr);
        exit(2);
    }
    return o;
}

static struct nfq_handle *open_queue(struct impair *im) {
    struct nfq_handle *h = nfq_open();
    if (!h) {
        perror("impair: nfq_open (root, and a kernel with nfnetlink_queue?)");
        exit(1);
    }
    im->qh = nfq_create_queue(h, (uint16_t)im->opt.queue, on_packet, im);
    if (!im->qh) {
        fprintf(stderr, "impair: cannot bind to queue %u: %s\n", im->opt.queue, strerror(errno));
        exit(1);
    }
    /* Only the headers are copied (the TCP flags are all that is read), and the socket
     * buffer is large: when the kernel cannot queue a message to us it lets the packet
     * through unimpaired (fail-open), which would reorder it past the held ones. Each
     * time is counted as an overrun, so the harness can tell. */
    int size = SOCKET_BUFFER;
    if (nfq_set_mode(im->qh, NFQNL_COPY_PACKET, COPY_RANGE) < 0 ||
        nfq_set_queue_maxlen(im->qh, QUEUE_MAXLEN) < 0 ||
        setsockopt(nfq_fd(h), SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) < 0) {
        fprintf(stderr, "impair: cannot configure queue %u: %s\n", im->opt.queue, strerror(errno));
        exit(1);
    }
    nfq_set_queue_flags(im->qh, NFQA_CFG_F_FAIL_OPEN, NFQA_CFG_F_FAIL_OPEN);
    return h;
}

static void run(struct impair *im, struct nfq_handle *h) {
    static char buf[0x10000 + 4096];
    const int fd = nfq_fd(h);
    const int64_t deadline = im->start + (int64_t)(im->opt.max_seconds * 1e9);
    while (!stop_requested && now_ns() < deadline) {
        struct pollfd pfd = {fd, POLLIN, 0};
        if (poll(&pfd, 1, poll_timeout(im, deadline)) > 0) {
            ssize_t n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
            if (n > 0)
                nfq_handle_packet(h, buf, (int)n);
            else if (n < 0 && errno == ENOBUFS)
                im->overruns++;
        }
        release_due(im, now_ns());
    }
    release_due(im, INT64_MAX);
}

int main(int argc, char **argv) {
    static struct impair im;
    im.opt = parse_options(argc, argv);
    im.rng = im.opt.seed;
    if (im.opt.log_path && !(im.log = fopen(im.opt.log_path, "w"))) {
        perror(im.opt.log_path);
        return 1;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    struct nfq_handle *h = open_queue(&im);
    im.start = now_ns();
    printf("ready\n");
    fflush(stdout);
    run(&im, h);
    nfq_destroy_queue(im.qh);
    nfq_close(h);
    if (im.log) fclose(im.log);
    printf(
        "{\"seen\": %lu, \"dropped\": %lu, \"delayed\": %lu, \"reordered\": %lu, "
        "\"overruns\": %lu}\n",
        im.seen, im.dropped, im.delayed, im.reordered, im.overruns);
    return 0;
}
