/* The lottery lab's client, written as the handout has students write it.
 *
 *   lottery_client IP PORT
 *
 * Reads commands from the user (0 GEN, 1 LIST, 2 END), writes each as a
 * 4-byte int in host order and prints the server's answer (it reads up to 256
 * bytes and NUL-terminates them). END closes the connection.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s IP PORT\n", argv[0]);
        return 2;
    }
    int sock = socket(PF_INET, SOCK_STREAM, 0);
    struct sockaddr_in serv_addr;
    memset(&serv_addr, 0, sizeof(serv_addr));
    serv_addr.sin_family = AF_INET;
    serv_addr.sin_addr.s_addr = inet_addr(argv[1]);
    serv_addr.sin_port = htons((unsigned short)atoi(argv[2]));
    if (connect(sock, (struct sockaddr *)&serv_addr, sizeof(serv_addr)) == -1) {
        perror("connect");
        return 1;
    }
    char buf[257];
    int cmd;
    for (;;) {
        fputs("command (0 GEN, 1 LIST, 2 END): ", stdout);
        if (scanf("%d", &cmd) != 1) cmd = 2;
        if (write(sock, &cmd, sizeof(int)) != sizeof(int)) break;
        if (cmd == 2) break;
        ssize_t n = read(sock, buf, 256);
        if (n <= 0) break;
        buf[n] = '\0';
        printf("%s\n", buf);
        fflush(stdout);
    }
    close(sock);
    return 0;
}
