/* watch.c: the announcements folder's thread: inotify, a quiet time, a fresh look; and the
 * announcements' pictures decoded on request. */
#include "announce_watch.h"

#include "alloc.h"
#include "draw.h"
#include "log.h"
#include "nr_limits.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define QUEUE_MAX 4 /* pictures waiting to be decoded: the next slide's and a repaint's */

struct request {
    uint64_t id;
    uint32_t generation;
    char *path;
    bool picture;
    int w, h;
};

struct announce_watch {
    struct announce_watch_params p;
    char *dir;
    pthread_t thread;
    int wake[2]; /* a byte in wake[1] wakes the thread: a request, or stop */
    pthread_mutex_t lock;
    struct request queue[QUEUE_MAX]; /* under lock */
    size_t n_queue;
    bool stop;
};

void announce_photo_free(struct announce_photo *p)
{
    if (!p)
        return;
    SDL_FreeSurface(p->photo);
    free(p);
}

void announce_set_free(struct announce_set *set)
{
    announce_set_release(set);
    free(set);
}

static uint64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* The file's bytes, at most NR_MAX_PHOTO_BYTES. */
static enum nr_result read_picture(const char *path, void **data, size_t *len, struct nr_err *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return nr_fail(err, NR_ERR_IO, "'%s': %s", path, strerror(errno));
    struct stat st;
    enum nr_result ret = NR_OK;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ret = nr_fail(err, NR_ERR_IO, "'%s': not a file", path);
    } else if ((uint64_t)st.st_size > NR_MAX_PHOTO_BYTES) {
        ret = nr_fail(err, NR_ERR_TOO_BIG, "'%s': %lld bytes is over the %u byte cap", path,
                      (long long)st.st_size, NR_MAX_PHOTO_BYTES);
    } else {
        size_t cap = (size_t)st.st_size, n = 0;
        char *buf = xmalloc(cap ? cap : 1);
        while (n < cap) {
            ssize_t r = read(fd, buf + n, cap - n);
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0)
                break; /* cut short meanwhile: the decoder judges what came */
            n += (size_t)r;
        }
        *data = buf;
        *len = n;
    }
    close(fd);
    return ret;
}

SDL_Surface *announce_decode(const char *path, bool picture, int screen_w, int screen_h,
                             struct nr_err *err)
{
    void *data = NULL;
    size_t len = 0;
    if (read_picture(path, &data, &len, err) != NR_OK)
        return NULL;
    SDL_Surface *s =
        picture ? draw_photo_decode_fit(data, len, screen_w, screen_h, err)
                : draw_photo_crop_to_box(draw_photo_decode(data, len, screen_w, screen_h, err),
                                         screen_w, screen_h);
    free(data);
    return s;
}

static int add_watch(int fd, const char *dir)
{
    if (fd < 0)
        return -1;
    return inotify_add_watch(fd, dir,
                             IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CREATE |
                                 IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR);
}

/* Reads the folder; reports the set when it differs from *last (which it then replaces). */
static void look(struct announce_watch *w, struct announce_set **last)
{
    struct announce_set *set = xcalloc(1, sizeof *set);
    struct nr_err err = { 0 };
    if (announce_scan(w->dir, set, &err) != NR_OK && set->n_errors < ANNOUNCE_MAX_ERRORS)
        set->errors[set->n_errors++] = xstrdup(err.msg);
    if (*last && announce_set_equal(set, *last)) {
        announce_set_free(set); /* touched, not changed: nothing for the slideshow */
        return;
    }
    announce_set_free(*last);
    /* the report is the main thread's; a copy stays here for the next comparison */
    *last = xcalloc(1, sizeof **last);
    announce_set_copy(*last, set);
    set->tag = w->p.tag;
    nr_debug("announcements: %zu in '%s', %zu problems", set->n, w->dir, set->n_errors);
    w->p.report(w->p.ctx, ANNOUNCE_REPORT_SET, set);
}

/* Decodes the queued pictures, one at a time, until the queue is empty or stop. */
static void serve(struct announce_watch *w)
{
    for (;;) {
        pthread_mutex_lock(&w->lock);
        if (w->stop || w->n_queue == 0) {
            pthread_mutex_unlock(&w->lock);
            return;
        }
        struct request r = w->queue[0];
        memmove(&w->queue[0], &w->queue[1], --w->n_queue * sizeof w->queue[0]);
        pthread_mutex_unlock(&w->lock);
        struct announce_photo *p = xcalloc(1, sizeof *p);
        struct nr_err err = { 0 };
        p->id = r.id;
        p->generation = r.generation;
        p->photo = announce_decode(r.path, r.picture, r.w, r.h, &err);
        if (!p->photo)
            snprintf(p->error, sizeof p->error, "%s", err.msg[0] ? err.msg : "no picture");
        free(r.path);
        w->p.report(w->p.ctx, ANNOUNCE_REPORT_PHOTO, p);
    }
}

static void *watch_main(void *arg)
{
    struct announce_watch *w = arg;
    struct announce_set *last = NULL;
    int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd < 0)
        nr_warn("announcements folder '%s' not watched: %s; read at start only", w->dir,
                strerror(errno));
    int wd = add_watch(fd, w->dir);
    bool dirty = false;
    uint64_t due_ms = 0, first_ms = 0, retry_at_ms = mono_ms() + (uint64_t)w->p.retry_ms;
    look(w, &last);
    for (;;) {
        uint64_t now = mono_ms();
        int timeout = -1;
        if (dirty)
            timeout = due_ms > now ? (int)(due_ms - now) : 0;
        if (wd < 0 && fd >= 0) {
            int t = retry_at_ms > now ? (int)(retry_at_ms - now) : 0;
            timeout = timeout < 0 || t < timeout ? t : timeout;
        }
        struct pollfd pf[2] = { { w->wake[0], POLLIN, 0 }, { fd, POLLIN, 0 } };
        int r = poll(pf, fd >= 0 ? 2 : 1, timeout);
        if (r < 0 && errno != EINTR)
            break;
        if (r > 0 && (pf[0].revents & POLLIN)) {
            char drain[64];
            while (read(w->wake[0], drain, sizeof drain) > 0)
                ;
        }
        pthread_mutex_lock(&w->lock);
        bool stop = w->stop;
        pthread_mutex_unlock(&w->lock);
        if (stop)
            break;
        serve(w);
        now = mono_ms();
        if (r > 0 && fd >= 0 && (pf[1].revents & POLLIN)) {
            /* editors save through a temporary file and a rename, and write in several
             * steps: every event restarts the quiet time, then the folder is read once */
            char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
            ssize_t n;
            while ((n = read(fd, buf, sizeof buf)) > 0) {
                for (char *p = buf; p < buf + n;) {
                    const struct inotify_event *ev = (const struct inotify_event *)p;
                    if (ev->mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF)) {
                        if (wd >= 0)
                            inotify_rm_watch(fd, wd);
                        wd = -1; /* the folder went: looked for again every retry_ms */
                        retry_at_ms = now + (uint64_t)w->p.retry_ms;
                    }
                    p += sizeof *ev + ev->len;
                }
            }
            /* ... but a file written without end (a log kept in the folder) does not hold
             * the look off for more than a few quiet times */
            if (!dirty)
                first_ms = now;
            dirty = true;
            due_ms = now + (uint64_t)w->p.debounce_ms;
            if (due_ms > first_ms + 8 * (uint64_t)w->p.debounce_ms)
                due_ms = first_ms + 8 * (uint64_t)w->p.debounce_ms;
        }
        if (wd < 0 && fd >= 0 && now >= retry_at_ms) {
            wd = add_watch(fd, w->dir);
            retry_at_ms = now + (uint64_t)w->p.retry_ms;
            if (wd >= 0) { /* it is back (or new): read it */
                dirty = true;
                due_ms = now;
            }
        }
        if (dirty && now >= due_ms) {
            dirty = false;
            look(w, &last);
        }
    }
    announce_set_free(last);
    if (fd >= 0)
        close(fd);
    return NULL;
}

struct announce_watch *announce_watch_new(const struct announce_watch_params *p)
{
    struct announce_watch *w = xcalloc(1, sizeof *w);
    w->p = *p;
    w->dir = xstrdup(p->dir);
    w->p.dir = w->dir;
    if (w->p.debounce_ms <= 0)
        w->p.debounce_ms = 300;
    if (w->p.retry_ms <= 0)
        w->p.retry_ms = 5000;
    pthread_mutex_init(&w->lock, NULL);
    if (pipe2(w->wake, O_NONBLOCK | O_CLOEXEC) != 0) {
        /* cannot happen short of running out of descriptors: no thread, no announcements */
        nr_error("announcements not watched: %s", strerror(errno));
        w->wake[0] = w->wake[1] = -1;
        return w;
    }
    if (pthread_create(&w->thread, NULL, watch_main, w) != 0) {
        nr_error("announcements not watched: no thread");
        close(w->wake[0]);
        close(w->wake[1]);
        w->wake[0] = w->wake[1] = -1;
    }
    return w;
}

static void wake(struct announce_watch *w)
{
    if (w->wake[1] >= 0 && write(w->wake[1], "x", 1) < 0 && errno != EAGAIN)
        nr_debug("announcements thread not woken: %s", strerror(errno));
}

void announce_watch_free(struct announce_watch *w)
{
    if (!w)
        return;
    if (w->wake[1] >= 0) {
        pthread_mutex_lock(&w->lock);
        w->stop = true;
        pthread_mutex_unlock(&w->lock);
        wake(w);
        pthread_join(w->thread, NULL);
        close(w->wake[0]);
        close(w->wake[1]);
    }
    for (size_t i = 0; i < w->n_queue; i++)
        free(w->queue[i].path);
    pthread_mutex_destroy(&w->lock);
    free(w->dir);
    free(w);
}

void announce_watch_request(struct announce_watch *w, uint64_t id, uint32_t generation,
                            const char *path, bool picture, int screen_w, int screen_h)
{
    if (!w || w->wake[1] < 0)
        return;
    pthread_mutex_lock(&w->lock);
    if (w->n_queue == QUEUE_MAX) { /* the oldest is a slide that went up without it */
        free(w->queue[0].path);
        memmove(&w->queue[0], &w->queue[1], --w->n_queue * sizeof w->queue[0]);
    }
    w->queue[w->n_queue++] =
        (struct request){ id, generation, xstrdup(path), picture, screen_w, screen_h };
    pthread_mutex_unlock(&w->lock);
    wake(w);
}
