/* notify.c: sd_notify without libsystemd: one datagram per message to $NOTIFY_SOCKET
 * (see sd_notify(3), "the documented socket protocol"). */
#include "notify.h"

#include "alloc.h"
#include "log.h"
#include "strutil.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

struct notifier {
    int fd; /* -1: nobody to tell */
    struct sockaddr_un addr;
    socklen_t addr_len;
    bool warned;
};

struct notifier *show_notify_new(const char *socket_path)
{
    struct notifier *n = xcalloc(1, sizeof *n);
    size_t len = socket_path ? strlen(socket_path) : 0;
    n->fd = -1;
    if (len == 0)
        return n;
    if (len >= sizeof n->addr.sun_path || (socket_path[0] != '/' && socket_path[0] != '@')) {
        nr_warn("systemd notify socket '%s' is not usable; not notifying", socket_path);
        return n;
    }
    n->addr.sun_family = AF_UNIX;
    memcpy(n->addr.sun_path, socket_path, len);
    if (socket_path[0] == '@')
        n->addr.sun_path[0] = '\0'; /* abstract namespace: no terminating NUL counts */
    n->addr_len =
        (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len + (socket_path[0] == '@' ? 0 : 1));
    n->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (n->fd < 0)
        nr_warn("cannot open the systemd notify socket: %s", strerror(errno));
    return n;
}

void show_notify_free(struct notifier *n)
{
    if (!n)
        return;
    if (n->fd >= 0)
        close(n->fd);
    free(n);
}

bool show_notify_send(struct notifier *n, const char *msg)
{
    if (n->fd < 0)
        return true;
    ssize_t r =
        sendto(n->fd, msg, strlen(msg), MSG_NOSIGNAL, (struct sockaddr *)&n->addr, n->addr_len);
    if (r < 0) {
        if (!n->warned) /* a failure that repeats every ping is said once */
            nr_warn("cannot notify systemd: %s", strerror(errno));
        n->warned = true;
        return false;
    }
    return true;
}

int64_t show_notify_watchdog_ms(const char *watchdog_usec, const char *watchdog_pid)
{
    long usec, pid;
    if (!watchdog_usec || !nr_parse_int(watchdog_usec, 1000, 86400L * 1000000, &usec))
        return 0;
    if (watchdog_pid && watchdog_pid[0]) {
        if (!nr_parse_int(watchdog_pid, 1, 1L << 30, &pid) || pid != (long)getpid())
            return 0;
    }
    return usec / 2000;
}
