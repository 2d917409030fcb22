/* The file-transfer lab's server, written as the handout has students write it.
 *
 *   ft_server PORT
 *
 * Accepts one client, reads the path it sends (text, no length), opens that
 * file and, until its end, reads up to 256 bytes into segment.buf, sets
 * segment.len and writes the whole struct: 260 bytes whatever len is, so the
 * bytes of buf after the data are whatever it held before. Then it closes.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

typedef struct {
    int len;
    char buf[256];
} file_segment;

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s PORT\n", argv[0]);
        return 2;
    }
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

    char path[256];
    ssize_t n = read(clnt_sock, path, sizeof(path) - 1);
    if (n <= 0) return 1;
    path[n] = '\0';
    int fd = open(path, O_RDONLY);
    if (fd == -1) {
        perror(path);
        close(clnt_sock);
        return 1;
    }
    file_segment segment;
    memset(&segment, 0, sizeof(segment));
    int records = 0;
    while ((segment.len = (int)read(fd, segment.buf, sizeof(segment.buf))) > 0) {
        if (write(clnt_sock, &segment, sizeof(segment)) != (ssize_t)sizeof(segment)) break;
        records++;
    }
    printf("sent %s in %d records\n", path, records);
    close(fd);
    close(clnt_sock);
    close(serv_sock);
    return 0;
}
