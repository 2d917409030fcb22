/* The file-transfer lab's client, written as the handout has students write it.
 *
 *   ft_client IP PORT REMOTE_PATH LOCAL_PATH
 *
 * Writes REMOTE_PATH (text, no length), then reads file_segment records (260
 * bytes each) until the server closes, writing len bytes of each to LOCAL_PATH.
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
    if (argc != 5) {
        fprintf(stderr, "usage: %s IP PORT REMOTE_PATH LOCAL_PATH\n", argv[0]);
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
    if (write(sock, argv[3], strlen(argv[3])) != (ssize_t)strlen(argv[3])) return 1;
    int fd = open(argv[4], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd == -1) {
        perror(argv[4]);
        return 1;
    }
    file_segment segment;
    long total = 0;
    /* MSG_WAITALL: a record may arrive in several segments. */
    while (recv(sock, &segment, sizeof(segment), MSG_WAITALL) == (ssize_t)sizeof(segment)) {
        if (segment.len < 0 || segment.len > (int)sizeof(segment.buf)) break;
        if (write(fd, segment.buf, (size_t)segment.len) != segment.len) break;
        total += segment.len;
    }
    printf("received %ld bytes into %s\n", total, argv[4]);
    close(fd);
    close(sock);
    return 0;
}
