/* snapshot.c: the recipe of the slide on screen, its wire format, the slideshow's socket
 * thread and the client's request. */
#include "snapshot.h"

#include "alloc.h"
#include "cache.h"
#include "log.h"
#include "nr_limits.h"
#include "strutil.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#define MAGIC "NEWSREEL-SNAPSHOT 1\n"

void fleet_snapshot_recipe_release(struct snapshot_recipe *r)
{
    if (!r)
        return;
    story_release(&r->story);
    free(r->badge);
    nr_buf_release(&r->photo);
    memset(r, 0, sizeof *r);
}

char *fleet_snapshot_socket_path(const struct config *c)
{
    const char *status = config_status_path(c);
    if (!status)
        return NULL;
    const char *slash = strrchr(status, '/');
    struct nr_buf b;
    nr_buf_init(&b, NR_MAX_PATH_BYTES);
    if ((slash && nr_buf_append(&b, status, (size_t)(slash - status) + 1) != NR_OK) ||
        nr_buf_puts(&b, "snapshot.sock") != NR_OK) {
        nr_buf_release(&b);
        return NULL; /* a status folder that long has no socket beside it */
    }
    return nr_buf_detach(&b);
}

/* ---- wire format ---- */

/* One "key=value" line; the result of its last append. A failed append sticks (the buffer
 * stays full), so that one result speaks for all the appends before it. */
static enum nr_result put(struct nr_buf *b, const char *key, const char *v)
{
    if (!v)
        return b->full ? NR_ERR_TOO_BIG : NR_OK;
    enum nr_result res = nr_buf_printf(b, "%s=", key);
    for (const char *p = v; *p && res == NR_OK; p++) {
        if (*p == '\\')
            res = nr_buf_puts(b, "\\\\");
        else if (*p == '\n')
            res = nr_buf_puts(b, "\\n");
        else
            res = nr_buf_putc(b, *p);
    }
    return res == NR_OK ? nr_buf_putc(b, '\n') : res;
}

enum nr_result fleet_snapshot_encode(struct nr_buf *b, const struct snapshot_recipe *r)
{
    const struct story *s = &r->story;
    /* as in put: the last append's result speaks for all of them */
    enum nr_result res = nr_buf_puts(b, MAGIC);
    res = nr_buf_printf(b, "index=%d\ncount=%d\nnow_unix=%lld\nutc_offset_s=%d\n", r->info.index,
                        r->info.count, (long long)r->info.now_unix, r->info.utc_offset_s);
    res = nr_buf_printf(b, "width=%d\nheight=%d\nhas_photo=%d\nidle=%d\n", r->slide_w, r->slide_h,
                        r->has_photo ? 1 : 0, r->idle ? 1 : 0);
    if (r->info.accent_set) /* the slide's feed has a colour of its own */
        res = nr_buf_printf(b, "accent=%02x%02x%02x\n", r->info.accent.r, r->info.accent.g,
                            r->info.accent.b);
    res = put(b, "badge", r->badge);
    res = put(b, "id", s->id);
    res = put(b, "headline", s->headline);
    res = put(b, "dek", s->dek);
    res = put(b, "quote", s->quote);
    res = put(b, "speaker", s->speaker);
    res = put(b, "photo_url", s->photo_url);
    res = put(b, "caption", s->caption);
    res = put(b, "credit", s->credit);
    res = put(b, "source", s->source);
    res = put(b, "link", s->link);
    res =
        nr_buf_printf(b, "published_unix=%lld\nhas_published=%d\nhas_guid=%d\n",
                      (long long)s->published_unix, s->has_published ? 1 : 0, s->has_guid ? 1 : 0);
    res = nr_buf_printf(b, "photo_bytes=%zu\n\n", r->photo.len);
    res = nr_buf_append(b, r->photo.data, r->photo.len);
    return res;
}

static char *unescape(const char *v, size_t n)
{
    char *out = xmalloc(n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i] == '\\' && i + 1 < n) {
            i++;
            out[o++] = v[i] == 'n' ? '\n' : v[i];
        } else {
            out[o++] = v[i];
        }
    }
    out[o] = '\0';
    return out;
}

enum nr_result fleet_snapshot_decode(const char *data, size_t len, struct snapshot_recipe *r,
                                     struct nr_err *err)
{
    size_t pos = strlen(MAGIC);
    long long photo_bytes = -1;
    memset(r, 0, sizeof *r);
    if (len < pos || memcmp(data, MAGIC, pos) != 0)
        return nr_fail(err, NR_ERR_PARSE, "not a Newsreel snapshot answer");
    for (;;) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        if (!nl || pos > SNAPSHOT_MAX_HEADER)
            return nr_fail(err, NR_ERR_PARSE, "the snapshot answer is cut short");
        size_t n = (size_t)(nl - (data + pos));
        const char *line = data + pos;
        pos += n + 1;
        if (n == 0)
            break;
        const char *eq = memchr(line, '=', n);
        if (!eq || n > SNAPSHOT_MAX_FIELD)
            return nr_fail(err, NR_ERR_PARSE, "a bad line in the snapshot answer");
        size_t kl = (size_t)(eq - line);
        char key[32];
        if (kl >= sizeof key)
            continue; /* a key from a newer version: ignored */
        memcpy(key, line, kl);
        key[kl] = '\0';
        char *v = unescape(eq + 1, n - kl - 1);
        long long num = strtoll(v, NULL, 10);
        char **field = NULL;
        struct story *s = &r->story;
        if (strcmp(key, "badge") == 0)
            field = &r->badge;
        else if (strcmp(key, "id") == 0)
            field = &s->id;
        else if (strcmp(key, "headline") == 0)
            field = &s->headline;
        else if (strcmp(key, "dek") == 0)
            field = &s->dek;
        else if (strcmp(key, "quote") == 0)
            field = &s->quote;
        else if (strcmp(key, "speaker") == 0)
            field = &s->speaker;
        else if (strcmp(key, "photo_url") == 0)
            field = &s->photo_url;
        else if (strcmp(key, "caption") == 0)
            field = &s->caption;
        else if (strcmp(key, "credit") == 0)
            field = &s->credit;
        else if (strcmp(key, "source") == 0)
            field = &s->source;
        else if (strcmp(key, "link") == 0)
            field = &s->link;
        else if (strcmp(key, "index") == 0)
            r->info.index = (int)num;
        else if (strcmp(key, "count") == 0)
            r->info.count = (int)num;
        else if (strcmp(key, "now_unix") == 0)
            r->info.now_unix = num;
        else if (strcmp(key, "utc_offset_s") == 0)
            r->info.utc_offset_s = (int)num;
        else if (strcmp(key, "width") == 0)
            r->slide_w = (int)num;
        else if (strcmp(key, "height") == 0)
            r->slide_h = (int)num;
        else if (strcmp(key, "has_photo") == 0)
            r->has_photo = num != 0;
        else if (strcmp(key, "idle") == 0)
            r->idle = num != 0;
        else if (strcmp(key, "published_unix") == 0)
            s->published_unix = num;
        else if (strcmp(key, "has_published") == 0)
            s->has_published = num != 0;
        else if (strcmp(key, "has_guid") == 0)
            s->has_guid = num != 0;
        else if (strcmp(key, "photo_bytes") == 0)
            photo_bytes = num;
        else if (strcmp(key, "accent") == 0 && strlen(v) == 6 &&
                 strspn(v, "0123456789abcdefABCDEF") == 6) {
            unsigned long rgb = strtoul(v, NULL, 16);
            r->info.accent_set = true;
            r->info.accent =
                (struct rgba){ (uint8_t)(rgb >> 16), (uint8_t)(rgb >> 8), (uint8_t)rgb, 0xff };
        }
        if (field) {
            free(*field);
            *field = v;
        } else {
            free(v);
        }
    }
    if (photo_bytes < 0 || (unsigned long long)photo_bytes > NR_MAX_PHOTO_BYTES ||
        (size_t)photo_bytes != len - pos)
        return nr_fail(err, NR_ERR_PARSE, "the snapshot answer's photo is cut short");
    if (!r->story.headline && !r->idle)
        return nr_fail(err, NR_ERR_PARSE, "the snapshot answer has no headline");
    if (r->slide_w <= 0 || r->slide_h <= 0 || r->slide_w > 16384 || r->slide_h > 16384)
        return nr_fail(err, NR_ERR_PARSE, "the snapshot answer has no slide size");
    nr_buf_init(&r->photo, NR_MAX_PHOTO_BYTES);
    if (nr_buf_append(&r->photo, data + pos, (size_t)photo_bytes) != NR_OK)
        return nr_fail(err, NR_ERR_TOO_BIG, "the snapshot answer's photo is too big");
    return NR_OK;
}

/* ---- the slideshow's side ---- */

static struct {
    pthread_mutex_t lock;
    struct snapshot_recipe cur; /* photo left empty: read from the cache when asked */
    bool have;
    pthread_t thread;
    bool running;
    int listen_fd, stop_pipe[2];
    char *path, *photo_dir;
} sv = { .lock = PTHREAD_MUTEX_INITIALIZER, .listen_fd = -1, .stop_pipe = { -1, -1 } };

void fleet_snapshot_publish(const struct story *story, const struct slide_info *info, int w, int h,
                            const char *badge, bool has_photo, bool idle)
{
    pthread_mutex_lock(&sv.lock);
    fleet_snapshot_recipe_release(&sv.cur);
    story_copy(&sv.cur.story, story);
    sv.cur.info = *info;
    sv.cur.slide_w = w;
    sv.cur.slide_h = h;
    sv.cur.badge = xstrdup(badge);
    sv.cur.has_photo = has_photo;
    sv.cur.idle = idle;
    sv.have = true;
    pthread_mutex_unlock(&sv.lock);
}

static void write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return; /* the client went away */
        p += w;
        n -= (size_t)w;
    }
}

static void answer(int fd)
{
    struct snapshot_recipe r = { 0 };
    struct nr_buf out;
    pthread_mutex_lock(&sv.lock);
    bool have = sv.have;
    if (have) {
        story_copy(&r.story, &sv.cur.story);
        r.info = sv.cur.info;
        r.slide_w = sv.cur.slide_w;
        r.slide_h = sv.cur.slide_h;
        r.badge = xstrdup(sv.cur.badge);
        r.has_photo = sv.cur.has_photo;
        r.idle = sv.cur.idle;
    }
    pthread_mutex_unlock(&sv.lock);
    nr_buf_init(&out, SNAPSHOT_MAX_HEADER + NR_MAX_PHOTO_BYTES);
    enum nr_result ok = NR_OK;
    if (!have) {
        ok = nr_buf_puts(&out, "no slide on screen yet\n");
    } else {
        /* the same bytes the slide was decoded from: the worker's photo cache */
        struct fetch_result res = { 0 };
        if (r.has_photo && r.story.photo_url && sv.photo_dir &&
            cache_load(sv.photo_dir, r.story.photo_url, &res, NULL, NULL) == NR_OK) {
            nr_buf_init(&r.photo, NR_MAX_PHOTO_BYTES);
            if (nr_buf_append(&r.photo, res.body.data, res.body.len) != NR_OK)
                nr_buf_release(&r.photo); /* bigger than any photo Newsreel shows: none */
        }
        fetch_result_release(&res);
        ok = fleet_snapshot_encode(&out, &r);
    }
    if (ok == NR_OK)
        write_all(fd, out.data, out.len);
    else
        nr_warn("snapshot: the answer is over %zu bytes; none sent", out.max_len);
    nr_buf_release(&out);
    fleet_snapshot_recipe_release(&r);
}

static void *serve(void *arg)
{
    (void)arg;
    for (;;) {
        struct pollfd p[2] = { { .fd = sv.listen_fd, .events = POLLIN },
                               { .fd = sv.stop_pipe[0], .events = POLLIN } };
        if (poll(p, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (p[1].revents)
            break;
        int fd = accept4(sv.listen_fd, NULL, NULL, SOCK_CLOEXEC);
        if (fd < 0)
            continue;
        /* a client that stops reading cannot hold the thread for long */
        struct timeval tv = { .tv_sec = 5 };
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        answer(fd);
        close(fd);
    }
    return NULL;
}

void fleet_snapshot_serve_start(const char *path, const char *photo_dir)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    if (sv.running || !path)
        return;
    if (strlen(path) >= sizeof sa.sun_path) {
        nr_warn("snapshot: socket path '%s' is too long; --snapshot is off", path);
        return;
    }
    memcpy(sa.sun_path, path, strlen(path) + 1);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || pipe2(sv.stop_pipe, O_CLOEXEC) != 0) {
        nr_warn("snapshot: %s; --snapshot is off", strerror(errno));
        if (fd >= 0)
            close(fd);
        return;
    }
    unlink(path); /* a socket left by an earlier run */
    /* created 0600 from the start: only the service user (and root) may ask */
    mode_t old = umask(0177);
    int rc = bind(fd, (struct sockaddr *)&sa, sizeof sa);
    umask(old);
    if (rc != 0 || listen(fd, 4) != 0) {
        nr_warn("snapshot: cannot listen on '%s': %s; --snapshot is off", path, strerror(errno));
        close(fd);
        close(sv.stop_pipe[0]);
        close(sv.stop_pipe[1]);
        sv.stop_pipe[0] = sv.stop_pipe[1] = -1;
        return;
    }
    sv.listen_fd = fd;
    sv.path = xstrdup(path);
    sv.photo_dir = xstrdup(photo_dir);
    if (pthread_create(&sv.thread, NULL, serve, NULL) != 0) {
        nr_error("cannot start the snapshot thread");
        abort(); /* only when threads or memory are gone: as xmalloc */
    }
    sv.running = true;
}

void fleet_snapshot_serve_stop(void)
{
    if (sv.running) {
        if (write(sv.stop_pipe[1], "x", 1) != 1)
            nr_debug("snapshot: cannot wake the socket thread");
        pthread_join(sv.thread, NULL);
        close(sv.listen_fd);
        close(sv.stop_pipe[0]);
        close(sv.stop_pipe[1]);
        unlink(sv.path);
        sv.listen_fd = sv.stop_pipe[0] = sv.stop_pipe[1] = -1;
        sv.running = false;
    }
    free(sv.path);
    free(sv.photo_dir);
    sv.path = sv.photo_dir = NULL;
    pthread_mutex_lock(&sv.lock);
    fleet_snapshot_recipe_release(&sv.cur);
    sv.have = false;
    pthread_mutex_unlock(&sv.lock);
}

/* ---- the client's side ---- */

enum nr_result fleet_snapshot_request(const char *path, struct snapshot_recipe *r,
                                      struct nr_err *err)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    enum nr_result ret = NR_OK;
    struct nr_buf in;
    memset(r, 0, sizeof *r);
    if (strlen(path) >= sizeof sa.sun_path)
        return nr_fail(err, NR_ERR_IO, "socket path '%s' is too long", path);
    memcpy(sa.sun_path, path, strlen(path) + 1);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return nr_fail(err, NR_ERR_IO, "cannot make a socket: %s", strerror(errno));
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
        ret = nr_fail(err, NR_ERR_IO,
                      "cannot reach the running slideshow at '%s': %s (is newsreel running, and "
                      "are you its user or root?)",
                      path, strerror(errno));
        close(fd);
        return ret;
    }
    struct timeval tv = { .tv_sec = 10 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    nr_buf_init(&in, SNAPSHOT_MAX_HEADER + NR_MAX_PHOTO_BYTES);
    for (;;) {
        char chunk[65536];
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            ret = nr_fail(err, NR_ERR_IO, "'%s': %s", path, strerror(errno));
            goto out;
        }
        if (n == 0)
            break;
        if (nr_buf_append(&in, chunk, (size_t)n) != NR_OK) {
            ret = nr_fail(err, NR_ERR_TOO_BIG, "'%s': the answer is too large", path);
            goto out;
        }
    }
    if (in.len > 0 && in.len < 64 && memchr(in.data, '\n', in.len) &&
        strncmp(in.data, "NEWSREEL", 8) != 0) {
        ret = nr_fail(err, NR_ERR_IO, "the slideshow says: %.*s", (int)(in.len - 1), in.data);
        goto out;
    }
    ret = fleet_snapshot_decode(in.data ? in.data : "", in.len, r, err);
out:
    close(fd);
    nr_buf_release(&in);
    return ret;
}
