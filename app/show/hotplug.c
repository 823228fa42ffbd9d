/* hotplug.c: the console's screens coming and going. SDL 2.26's kmsdrm driver binds to the
 * screen connected when its video starts and never looks again, so a kiosk switched on
 * before its screen, or whose screen is swapped for one with another resolution, would show
 * nothing or the wrong mode until restarted. The kernel announces every change on its uevent
 * netlink socket (ACTION=change, SUBSYSTEM=drm, mostly with HOTPLUG=1): a thread waits there,
 * and the main thread compares the screens with those it started with, so that a rare change
 * event about something else (a lease, a property) costs one look and nothing more. */
#include "hotplug.h"

#include "alloc.h"
#include "log.h"

#include <SDL_syswm.h>
#include <errno.h>
#include <linux/netlink.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <xf86drm.h>
#include <xf86drmMode.h>

/* A uevent is at most a page (the kernel's UEVENT_BUFFER_SIZE is 2 KiB); longer is cut. */
#define UEVENT_MAX_BYTES 4096
#define SCREENS_MAX_CHARS 256

struct hotplug {
    int drm_fd; /* SDL's; borrowed for the window's life */
    int sock;   /* the kernel's uevents */
    int stop[2];
    pthread_t thread;
    Uint32 ev_type;
    atomic_bool queued; /* one report waits in SDL's queue at most */
    char screens[SCREENS_MAX_CHARS];
};

void show_hotplug_describe(int drm_fd, char *out, size_t out_len)
{
    size_t used = 0;
    out[0] = '\0';
    drmModeRes *res = drmModeGetResources(drm_fd);
    for (int i = 0; res && i < res->count_connectors; i++) {
        drmModeConnector *c = drmModeGetConnector(drm_fd, res->connectors[i]);
        if (!c)
            continue;
        if (c->connection == DRM_MODE_CONNECTED && used < out_len) {
            int k = 0; /* the preferred mode, else the first the screen offers */
            for (int m = 0; m < c->count_modes; m++) {
                if (c->modes[m].type & DRM_MODE_TYPE_PREFERRED) {
                    k = m;
                    break;
                }
            }
            const char *type = drmModeGetConnectorTypeName(c->connector_type);
            int n = snprintf(out + used, out_len - used, "%s%s-%u", used ? ", " : "",
                             type ? type : "Unknown", c->connector_type_id);
            used += n > 0 ? (size_t)n : 0;
            if (c->count_modes > 0 && used < out_len) {
                n = snprintf(out + used, out_len - used, " %ux%u", c->modes[k].hdisplay,
                             c->modes[k].vdisplay);
                used += n > 0 ? (size_t)n : 0;
            }
        }
        drmModeFreeConnector(c);
    }
    drmModeFreeResources(res);
    if (!out[0])
        snprintf(out, out_len, "none");
}

bool show_hotplug_is_screen_event(const char *msg, size_t len)
{
    bool drm = false, change = false;
    for (size_t i = 0; i < len; i += strnlen(msg + i, len - i) + 1) {
        size_t n = strnlen(msg + i, len - i);
        drm = drm || (n == 13 && memcmp(msg + i, "SUBSYSTEM=drm", 13) == 0);
        change = change || (n == 13 && memcmp(msg + i, "ACTION=change", 13) == 0);
    }
    return drm && change;
}

static void *watch(void *arg)
{
    struct hotplug *h = arg;
    char msg[UEVENT_MAX_BYTES];
    for (;;) {
        struct pollfd p[2] = { { h->sock, POLLIN, 0 }, { h->stop[0], POLLIN, 0 } };
        if (poll(p, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (p[1].revents)
            break;
        struct sockaddr_nl from;
        struct iovec iov = { msg, UEVENT_MAX_BYTES };
        struct msghdr mh = {
            .msg_name = &from, .msg_namelen = sizeof from, .msg_iov = &iov, .msg_iovlen = 1
        };
        ssize_t n = recvmsg(h->sock, &mh, MSG_DONTWAIT);
        if (n <= 0 || from.nl_pid != 0) /* only the kernel's own messages */
            continue;
        if (!show_hotplug_is_screen_event(msg, (size_t)n) || atomic_exchange(&h->queued, true))
            continue;
        SDL_Event ev = { .type = h->ev_type };
        if (SDL_PushEvent(&ev) != 1)
            atomic_store(&h->queued, false);
    }
    return NULL;
}

struct hotplug *show_hotplug_new(SDL_Window *win)
{
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (!SDL_GetWindowWMInfo(win, &info) || info.subsystem != SDL_SYSWM_KMSDRM ||
        info.info.kmsdrm.drm_fd < 0)
        return NULL;
    Uint32 ev_type = SDL_RegisterEvents(1);
    if (ev_type == (Uint32)-1) {
        nr_warn("screens plugged in later go unnoticed: no SDL event left");
        return NULL;
    }
    struct hotplug *h = xcalloc(1, sizeof *h);
    h->drm_fd = info.info.kmsdrm.drm_fd;
    h->ev_type = ev_type;
    h->stop[0] = h->stop[1] = -1;
    show_hotplug_describe(h->drm_fd, h->screens, sizeof h->screens);
    nr_info("console screens: %s", h->screens);
    struct sockaddr_nl addr = { .nl_family = AF_NETLINK, .nl_groups = 1 /* the kernel's */ };
    h->sock = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_KOBJECT_UEVENT);
    int rc;
    if (h->sock < 0 || bind(h->sock, (struct sockaddr *)&addr, sizeof addr) != 0 ||
        pipe(h->stop) != 0) {
        nr_warn("screens plugged in later go unnoticed: no kernel uevents (%s)", strerror(errno));
    } else if ((rc = pthread_create(&h->thread, NULL, watch, h)) != 0) {
        nr_warn("screens plugged in later go unnoticed: %s", strerror(rc));
    } else {
        return h;
    }
    if (h->stop[0] >= 0) {
        close(h->stop[0]);
        close(h->stop[1]);
    }
    if (h->sock >= 0)
        close(h->sock);
    free(h);
    return NULL;
}

void show_hotplug_free(struct hotplug *h)
{
    if (!h)
        return;
    ssize_t n;
    while ((n = write(h->stop[1], "x", 1)) < 0 && errno == EINTR) {
    }
    if (n != 1) {
        /* cannot happen with an empty pipe; never block the exit, and never free what the
         * thread still polls and reads: h and its descriptors are left to it */
        pthread_detach(h->thread);
        return;
    }
    pthread_join(h->thread, NULL);
    close(h->stop[0]);
    close(h->stop[1]);
    close(h->sock);
    free(h);
}

bool show_hotplug_changed(struct hotplug *h, const SDL_Event *ev, char *what, size_t what_len)
{
    if (!h || ev->type != h->ev_type)
        return false;
    atomic_store(&h->queued, false);
    char now[SCREENS_MAX_CHARS];
    show_hotplug_describe(h->drm_fd, now, sizeof now);
    if (strcmp(now, h->screens) == 0) {
        nr_debug("screens hot-plug event: unchanged (%s)", now);
        return false;
    }
    snprintf(what, what_len, "%s -> %s", h->screens, now);
    return true;
}
