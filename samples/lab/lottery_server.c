/* The lottery lab's server, written as the handout has students write it.
 *
 *   lottery_server PORT [strlen|whole] [SEED]
 *
 * Accepts one client and reads its commands, each a 4-byte int in host order:
 * 0 GEN draws a new number in 1..45 (six at most, all different), 1 LIST
 * lists them (0 for a slot not drawn yet), 2 END closes. Each answer is
 * sprintf'd into one 256-byte buffer and written with its strlen ("strlen",
 * the default) or as the whole buffer ("whole"): the two ways students write
 * it. The buffer is zeroed once, so a whole-buffer answer carries the tail of
 * a longer earlier one after its NUL, as real student servers do. SEED makes
 * the draw repeatable (default: the time, as the handout has it).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { GEN = 0, LIST = 1, END = 2, SLOTS = 6 };

static int drawn[SLOTS];
static int count;

static int already_drawn(int number) {
    for (int i = 0; i < count; i++)
        if (drawn[i] == number) return 1;
    return 0;
}

static void generate(char *send_msg) {
    if (count == SLOTS) {
        sprintf(send_msg, "Full");
        return;
    }
    int number;
    do number = rand() % 45 + 1;
    while (already_drawn(number));
    drawn[count++] = number;
    sprintf(send_msg, "New number generated: %d", number);
}

static void list(char *send_msg) {
    int slot[SLOTS] = {0};
    memcpy(slot, drawn, sizeof(int) * count);
    sprintf(send_msg, "numbers: %d %d %d %d %d %d", slot[0], slot[1], slot[2], slot[3], slot[4],
            slot[5]);
}

int main(int argc, char **argv) {
    if (argc < 2 || argc > 4) {
        fprintf(stderr, "usage: %s PORT [strlen|whole] [SEED]\n", argv[0]);
        return 2;
    }
    const int whole = argc > 2 && strcmp(argv[2], "whole") == 0;
    srand(argc > 3 ? (unsigned)atoi(argv[3]) : (unsigned)time(NULL));

    int serv_sock = socket(PF_INET, SOCK_STREAM, 0);
    int on = 1;
    setsockopt(serv_sock, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
    struct sockaddr_in serv_addr;
    memset(&serv_addr, 0, sizeof(serv_addr));
    serv_addr.sin_family = AF_INET;
    serv_addr.sin_addr.s_addr = htonl(INADDR_ANY);
    serv_addr.sin_port = htons((unsigned short)atoi(argv[1]));
    if (bind(serv_sock, (struct sockaddr *)&serv_addr, sizeof(serv_addr)) == -1 ||
        listen(serv_sock, 5) == -1) {
        perror("bind/listen");
        return 1;
    }
    int clnt_sock = accept(serv_sock, NULL, NULL);
    if (clnt_sock == -1) {
        perror("accept");
        return 1;
    }

    char send_msg[256];
    memset(send_msg, 0, sizeof(send_msg));
    int cmd;
    while (read(clnt_sock, &cmd, sizeof(int)) == sizeof(int)) {
        if (cmd == END) break;
        if (cmd == GEN)
            generate(send_msg);
        else if (cmd == LIST)
            list(send_msg);
        else
            continue; /* the handout's server ignores other commands */
        printf("%d -> %s\n", cmd, send_msg);
        const size_t size = whole ? sizeof(send_msg) : strlen(send_msg);
        if (write(clnt_sock, send_msg, size) != (ssize_t)size) break;
    }
    close(clnt_sock);
    close(serv_sock);
    return 0;
}
