/* cache.c: one checksummed file per feed URL, replaced atomically, so a kiosk restarted
 * after a crash or power cut shows its last good stories at once. */
#include "cache.h"

#include "alloc.h"
#include "nr_limits.h"
#include "buf.h"
#include "log.h"
#include "strutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* File layout (all text up to the body, so a person can read it with `head`):
 *
 *   NEWSREEL CACHE 1\n
 *   url: <the feed URL the entry is for>\n
 *   final_url: ...\n  content_type: ...\n  etag: ...\n  last_modified: ...\n   (when set)
 *   http_status: <n>\n
 *   fetched: <unix seconds>\n
 *   body_bytes: <n>\n
 *   \n
 *   <exactly n body bytes>
 *   \nfnv1a64 <16 lower-case hex digits>\n      <- FNV-1a 64 of every byte before this line
 *
 * Unknown header keys are skipped, so a later version may add some. */
#define CACHE_MAGIC "NEWSREEL CACHE 1\n"
#define CACHE_TRAILER_FMT "\nfnv1a64 %016" PRIx64 "\n"
#define CACHE_TRAILER_LEN 26 /* "\nfnv1a64 " + 16 + "\n" */
#define CACHE_MAX_HEADER_BYTES (64u * 1024)
#define CACHE_SUFFIX ".cache"
#define CACHE_TMP_SUFFIX ".tmp"

static uint64_t fnv1a64(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

#define FNV_OFFSET 0xcbf29ce484222325ULL

static void url_hash_hex(const char *url, char out[17])
{
    snprintf(out, 17, "%016" PRIx64, fnv1a64(FNV_OFFSET, url, strlen(url)));
}

char *cache_path(const char *dir, const char *url)
{
    char hex[17];
    struct nr_buf b;
    url_hash_hex(url, hex);
    nr_buf_init(&b, NR_MAX_PATH_BYTES);
    if (nr_buf_printf(&b, "%s/%s%s", dir, hex, CACHE_SUFFIX) != NR_OK)
        nr_buf_reset(&b); /* "": a cache folder that long opens nothing */
    return nr_buf_detach(&b);
}

/* A value goes on one header line: no control bytes, bounded. */
static bool value_ok(const char *v)
{
    if (!v)
        return false;
    size_t n = 0;
    for (const char *p = v; *p; p++, n++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            return false;
    return n > 0 && n <= 8192;
}

static enum nr_result mkdir_p(const char *dir, struct nr_err *err)
{
    char *p = xstrdup(dir);
    enum nr_result ret = NR_OK;
    for (char *s = p + 1;; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char saved = *s;
        *s = '\0';
        if (mkdir(p, 0755) != 0 && errno != EEXIST) {
            ret =
                nr_fail(err, NR_ERR_IO, "cannot create cache folder '%s': %s", p, strerror(errno));
            break;
        }
        *s = saved;
        if (saved == '\0')
            break;
    }
    free(p);
    return ret;
}

/* Removes "<hash>.<pid>.tmp" files left by writers that died mid-store (kill -9, a crash),
 * so they cannot pile up over months of restarts. A live writer's file is left alone. */
static void sweep_stale_tmp(const char *dir, const char *hex)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t hl = strlen(hex);
    if (!d)
        return;
    while ((e = readdir(d))) {
        const char *name = e->d_name;
        size_t n = strlen(name);
        long pid;
        if (n <= hl + 1 + strlen(CACHE_TMP_SUFFIX) || strncmp(name, hex, hl) != 0 ||
            name[hl] != '.' || strcmp(name + n - strlen(CACHE_TMP_SUFFIX), CACHE_TMP_SUFFIX))
            continue;
        char digits[32];
        size_t dl = n - hl - 1 - strlen(CACHE_TMP_SUFFIX);
        if (dl == 0 || dl >= sizeof digits)
            continue;
        memcpy(digits, name + hl + 1, dl);
        digits[dl] = '\0';
        if (!nr_parse_int(digits, 1, INT_MAX, &pid) || pid == (long)getpid())
            continue;
        if (kill((pid_t)pid, 0) != 0 && errno == ESRCH) {
            char *path = NULL;
            struct nr_buf b;
            nr_buf_init(&b, NR_MAX_PATH_BYTES);
            enum nr_result r = nr_buf_printf(&b, "%s/%s", dir, name);
            path = nr_buf_detach(&b);
            if (r == NR_OK)
                unlink(path);
            free(path);
        }
    }
    closedir(d);
}

static bool write_all(int fd, const void *data, size_t n)
{
    const char *p = data;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

static enum nr_result store_capped(const char *dir, const char *url, const struct fetch_result *r,
                                   int64_t fetched_unix, size_t max_body, struct nr_err *err)
{
    enum nr_result ret = NR_OK;
    struct nr_buf head;
    char hex[17];
    char *tmp = NULL, *final = NULL;
    int fd = -1, dfd = -1;
    uint64_t sum;
    char trailer[CACHE_TRAILER_LEN + 1];

    nr_buf_init(&head, CACHE_MAX_HEADER_BYTES);
    if (!value_ok(url))
        return nr_fail(err, NR_ERR_USAGE, "cannot cache '%s': not a one-line URL", url);
    if (r->not_modified)
        return nr_fail(err, NR_ERR_USAGE, "cannot cache '%s': a 304 has no body", url);
    if (r->body.len > max_body)
        return nr_fail(err, NR_ERR_TOO_BIG, "cannot cache '%s': body over %zu bytes", url,
                       max_body);
    ret = mkdir_p(dir, err);
    if (ret != NR_OK)
        return ret;

    url_hash_hex(url, hex);
    sweep_stale_tmp(dir, hex);
    final = cache_path(dir, url);
    {
        struct nr_buf b;
        nr_buf_init(&b, NR_MAX_PATH_BYTES);
        enum nr_result pr =
            nr_buf_printf(&b, "%s/%s.%ld%s", dir, hex, (long)getpid(), CACHE_TMP_SUFFIX);
        tmp = nr_buf_detach(&b);
        if (pr != NR_OK) {
            ret = nr_fail(err, NR_ERR_TOO_BIG, "cannot cache '%s': folder '%s' is too long", url,
                          dir);
            goto out;
        }
    }

    /* a failed append sticks, so the last result speaks for every line */
    enum nr_result hr = nr_buf_puts(&head, CACHE_MAGIC);
    hr = nr_buf_printf(&head, "url: %s\n", url);
    if (value_ok(r->final_url))
        hr = nr_buf_printf(&head, "final_url: %s\n", r->final_url);
    if (value_ok(r->content_type))
        hr = nr_buf_printf(&head, "content_type: %s\n", r->content_type);
    if (value_ok(r->etag))
        hr = nr_buf_printf(&head, "etag: %s\n", r->etag);
    if (value_ok(r->last_modified))
        hr = nr_buf_printf(&head, "last_modified: %s\n", r->last_modified);
    hr = nr_buf_printf(&head, "http_status: %ld\n", r->http_status);
    hr = nr_buf_printf(&head, "fetched: %" PRId64 "\n", fetched_unix);
    hr = nr_buf_printf(&head, "body_bytes: %zu\n\n", r->body.len);
    if (hr != NR_OK) {
        ret = nr_fail(err, NR_ERR_TOO_BIG, "cannot cache '%s': header over %u bytes", url,
                      CACHE_MAX_HEADER_BYTES);
        goto out;
    }
    sum = fnv1a64(FNV_OFFSET, head.data, head.len);
    if (r->body.len)
        sum = fnv1a64(sum, r->body.data, r->body.len);
    snprintf(trailer, sizeof trailer, CACHE_TRAILER_FMT, sum);

    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        ret = nr_fail(err, NR_ERR_IO, "cannot write cache file '%s': %s", tmp, strerror(errno));
        goto out;
    }
    if (!write_all(fd, head.data, head.len) ||
        (r->body.len && !write_all(fd, r->body.data, r->body.len)) ||
        !write_all(fd, trailer, CACHE_TRAILER_LEN) || fsync(fd) != 0) {
        ret = nr_fail(err, NR_ERR_IO, "cannot write cache file '%s': %s", tmp, strerror(errno));
        goto out;
    }
    if (close(fd) != 0) {
        fd = -1;
        ret = nr_fail(err, NR_ERR_IO, "cannot write cache file '%s': %s", tmp, strerror(errno));
        goto out;
    }
    fd = -1;
    /* the data is on disk before the name points at it: a power cut leaves old or new */
    if (rename(tmp, final) != 0) {
        ret = nr_fail(err, NR_ERR_IO, "cannot replace cache file '%s': %s", final, strerror(errno));
        goto out;
    }
    /* and the rename itself is on disk before we report success */
    dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0 || fsync(dfd) != 0)
        ret = nr_fail(err, NR_ERR_IO, "cannot sync cache folder '%s': %s", dir, strerror(errno));
out:
    if (fd >= 0)
        close(fd);
    if (dfd >= 0)
        close(dfd);
    if (ret != NR_OK && tmp)
        unlink(tmp); /* no-op after a successful rename */
    nr_buf_release(&head);
    free(tmp);
    free(final);
    return ret;
}

/* Reads the whole of path (at most max bytes) into b. NR_ERR_IO if missing, NR_ERR_TOO_BIG. */
static enum nr_result slurp(const char *path, size_t max, struct nr_buf *b, int *errno_out)
{
    enum nr_result ret = NR_OK;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    struct stat st;
    *errno_out = 0;
    nr_buf_init(b, max);
    if (fd < 0) {
        *errno_out = errno;
        return NR_ERR_IO;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        *errno_out = errno ? errno : EINVAL;
        ret = NR_ERR_IO;
        goto out;
    }
    if ((uintmax_t)st.st_size > max) {
        ret = NR_ERR_TOO_BIG;
        goto out;
    }
    for (;;) {
        char chunk[65536];
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            *errno_out = errno;
            ret = NR_ERR_IO;
            goto out;
        }
        if (n == 0)
            break;
        if (nr_buf_append(b, chunk, (size_t)n) != NR_OK) {
            ret = NR_ERR_TOO_BIG;
            goto out;
        }
    }
out:
    close(fd);
    if (ret != NR_OK)
        nr_buf_release(b);
    return ret;
}

/* Finds "key: " at the start of line [p, end); returns a new copy of its value or NULL. */
static char *field(const char *p, const char *end, const char *key)
{
    size_t kl = strlen(key);
    if ((size_t)(end - p) < kl + 2 || memcmp(p, key, kl) != 0 || p[kl] != ':' || p[kl + 1] != ' ')
        return NULL;
    return xstrndup(p + kl + 2, (size_t)(end - p) - kl - 2);
}

static bool parse_i64(const char *s, int64_t *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || *end)
        return false;
    *out = v;
    return true;
}

/* Parses a verified file into out; returns a reason on failure, NULL on success. */
static const char *parse_entry(const char *url, const char *data, size_t len, size_t max_body,
                               struct fetch_result *out, int64_t *fetched)
{
    const char *p = data, *end = data + len;
    char *stored_url = NULL;
    int64_t status = -1, stamp = 0, body_bytes = -1;
    const char *why = NULL;

    if (len < strlen(CACHE_MAGIC) || memcmp(p, CACHE_MAGIC, strlen(CACHE_MAGIC)) != 0)
        return "not a cache file of this version";
    p += strlen(CACHE_MAGIC);
    for (;;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl || (size_t)(nl - data) > CACHE_MAX_HEADER_BYTES) {
            why = "header never ends";
            goto out;
        }
        if (nl == p) { /* blank line: the body follows */
            p = nl + 1;
            break;
        }
        char *v;
        /* values go back into HTTP headers (If-None-Match...): one printable line each, as
         * cache_store wrote them; anything else is a damaged entry */
        for (const char *c = p; c < nl && !why; c++)
            if ((unsigned char)*c < 0x20 || *c == 0x7f)
                why = "a header line holds a control character";
        if (why)
            goto out;
        if ((v = field(p, nl, "url"))) {
            free(stored_url);
            stored_url = v;
        } else if ((v = field(p, nl, "final_url"))) {
            free(out->final_url);
            out->final_url = v;
        } else if ((v = field(p, nl, "content_type"))) {
            free(out->content_type);
            out->content_type = v;
        } else if ((v = field(p, nl, "etag"))) {
            free(out->etag);
            out->etag = v;
        } else if ((v = field(p, nl, "last_modified"))) {
            free(out->last_modified);
            out->last_modified = v;
        } else {
            const char *keys[] = { "http_status", "fetched", "body_bytes" };
            int64_t *slots[] = { &status, &stamp, &body_bytes };
            for (size_t i = 0; i < 3; i++) {
                if ((v = field(p, nl, keys[i]))) {
                    if (!parse_i64(v, slots[i]))
                        why = "a number field is malformed";
                    free(v);
                    break;
                }
            }
            if (why)
                goto out;
        }
        p = nl + 1;
    }
    if (!stored_url || strcmp(stored_url, url) != 0) {
        why = "it was written for another URL";
        goto out;
    }
    if (status < 0 || body_bytes < 0 || (uint64_t)body_bytes != (uint64_t)(end - p)) {
        why = "its body length does not match";
        goto out;
    }
    nr_buf_init(&out->body, max_body);
    if (nr_buf_append(&out->body, p, (size_t)body_bytes) != NR_OK) {
        why = "its body is over the cap";
        goto out;
    }
    out->http_status = (long)status;
    *fetched = stamp;
out:
    free(stored_url);
    return why;
}

static enum nr_result load_capped(const char *dir, const char *url, struct fetch_result *out,
                                  int64_t *fetched_unix, size_t max_body, struct nr_err *err)
{
    enum nr_result ret = NR_OK;
    char *path = cache_path(dir, url);
    struct nr_buf b = { 0 };
    const char *why = NULL;
    int64_t stamp = 0;
    int e = 0;

    memset(out, 0, sizeof *out);
    ret = slurp(path, CACHE_MAX_HEADER_BYTES + max_body + CACHE_TRAILER_LEN, &b, &e);
    if (ret == NR_ERR_IO) {
        ret = nr_fail(err, NR_ERR_IO, "no cache for '%s' (%s)", url, strerror(e));
        goto out;
    }
    if (ret == NR_ERR_TOO_BIG) {
        why = "it is larger than any entry we write";
    } else if (b.len < CACHE_TRAILER_LEN) {
        why = "it is truncated";
    } else {
        char want[CACHE_TRAILER_LEN + 1];
        size_t covered = b.len - CACHE_TRAILER_LEN;
        snprintf(want, sizeof want, CACHE_TRAILER_FMT, fnv1a64(FNV_OFFSET, b.data, covered));
        if (memcmp(b.data + covered, want, CACHE_TRAILER_LEN) != 0)
            why = "its checksum does not match (torn or corrupt)";
        else
            why = parse_entry(url, b.data, covered, max_body, out, &stamp);
    }
    if (why) {
        struct nr_err local = { 0 };
        ret = nr_fail(err ? err : &local, NR_ERR_PARSE, "ignoring cache file '%s' for '%s': %s",
                      path, url, why);
        nr_warn("%s", err ? err->msg : local.msg);
        fetch_result_release(out);
        goto out;
    }
    ret = NR_OK;
    if (fetched_unix)
        *fetched_unix = stamp;
out:
    nr_buf_release(&b);
    free(path);
    return ret;
}

enum nr_result cache_remove(const char *dir, const char *url, struct nr_err *err)
{
    char *path = cache_path(dir, url);
    enum nr_result ret = NR_OK;
    if (unlink(path) != 0 && errno != ENOENT)
        ret = nr_fail(err, NR_ERR_IO, "cannot remove cache file '%s': %s", path, strerror(errno));
    free(path);
    return ret;
}

enum nr_result cache_store(const char *dir, const char *url, const struct fetch_result *r,
                           int64_t fetched_unix, struct nr_err *err)
{
    return store_capped(dir, url, r, fetched_unix, CACHE_MAX_BODY_BYTES, err);
}

enum nr_result cache_load(const char *dir, const char *url, struct fetch_result *out,
                          int64_t *fetched_unix, struct nr_err *err)
{
    return load_capped(dir, url, out, fetched_unix, CACHE_MAX_BODY_BYTES, err);
}

/* ---- photos ---- */

enum nr_result cache_photo_store(const char *dir, const char *url, const struct fetch_result *r,
                                 int64_t fetched_unix, struct nr_err *err)
{
    return store_capped(dir, url, r, fetched_unix, CACHE_MAX_PHOTO_BYTES, err);
}

enum nr_result cache_photo_load(const char *dir, const char *url, struct fetch_result *out,
                                struct nr_err *err)
{
    enum nr_result ret = load_capped(dir, url, out, NULL, CACHE_MAX_PHOTO_BYTES, err);
    if (ret == NR_OK) {
        char *path = cache_path(dir, url);
        utimensat(AT_FDCWD, path, NULL, 0); /* in use: cache_prune keeps it */
        free(path);
    }
    return ret;
}

size_t cache_prune(const char *dir, int64_t keep_s, int64_t now_unix)
{
    DIR *d = dir ? opendir(dir) : NULL;
    struct dirent *e;
    size_t removed = 0;
    if (!d)
        return 0;
    while ((e = readdir(d))) {
        struct stat st;
        if (e->d_name[0] == '.' || fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
            !S_ISREG(st.st_mode))
            continue;
        if (now_unix - (int64_t)st.st_mtime > keep_s && unlinkat(dirfd(d), e->d_name, 0) == 0)
            removed++;
    }
    closedir(d);
    return removed;
}
