/* article_cache.c: article results on disk, one small checksummed text file per URL. */
#include "article_cache.h"

#include "alloc.h"
#include "buf.h"
#include "log.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ACACHE_MAGIC "newsreel-article 1"
#define ACACHE_MAX_FILE (256u * 1024) /* an entry is a few KiB; anything bigger is foreign */
#define ACACHE_MAX_SCAN 100000        /* files looked at when trimming */

static uint64_t fnv1a64(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 1099511628211ull;
    return h;
}
#define FNV_INIT 1469598103934665603ull

void article_cache_entry_release(struct article_cache_entry *e)
{
    if (!e)
        return;
    article_release(&e->a);
    free(e->why);
    free(e->etag);
    free(e->last_modified);
    memset(e, 0, sizeof *e);
}

static char *entry_path(const char *dir, const char *url)
{
    char *p = xmalloc(strlen(dir) + 32);
    uint64_t h = fnv1a64(FNV_INIT, url, strlen(url));
    snprintf(p, strlen(dir) + 32, "%s/%016" PRIx64 ".art", dir, h);
    return p;
}

/* One "key<TAB>value" line. A failed append sticks, so the entry's last append (the "sum"
 * line, which article_cache_store checks) fails too: an entry too big is never written. */
static void put(struct nr_buf *b, const char *key, const char *val)
{
    if (!val)
        return;
    enum nr_result r = nr_buf_puts(b, key);
    if (r == NR_OK)
        r = nr_buf_putc(b, '\t');
    for (const char *p = val; *p && r == NR_OK; p++) {
        if (*p == '\\')
            r = nr_buf_puts(b, "\\\\");
        else if (*p == '\n')
            r = nr_buf_puts(b, "\\n");
        else if (*p == '\t')
            r = nr_buf_puts(b, "\\t");
        else if (*p == '\r')
            r = nr_buf_puts(b, "\\r");
        else
            r = nr_buf_putc(b, *p);
    }
    if (r == NR_OK)
        r = nr_buf_putc(b, '\n');
}

static enum nr_result mkdir_p(const char *dir, struct nr_err *err)
{
    char *p = xstrdup(dir);
    enum nr_result rc = NR_OK;
    for (char *s = p + 1;; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char c = *s;
        *s = '\0';
        if (mkdir(p, 0755) != 0 && errno != EEXIST) {
            rc = nr_fail(err, NR_ERR_IO, "cannot create '%s': %s", p, strerror(errno));
            break;
        }
        *s = c;
        if (!c)
            break;
    }
    free(p);
    return rc;
}

struct file_age {
    char *name;
    time_t mtime;
    off_t size;
};

static int by_age(const void *a, const void *b)
{
    const struct file_age *x = a, *y = b;
    return x->mtime < y->mtime ? -1 : x->mtime > y->mtime;
}

/* Removes the oldest entries until dir is within lim. */
static void trim(const char *dir, const struct article_cache_limits *lim)
{
    if (!lim || (!lim->max_entries && !lim->max_bytes))
        return;
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct file_age *files = NULL;
    size_t n = 0, cap = 0, total = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL && n < ACACHE_MAX_SCAN) {
        size_t l = strlen(de->d_name);
        if (l < 5 || strcmp(de->d_name + l - 4, ".art") != 0)
            continue;
        char path[4096];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (stat(path, &st) != 0)
            continue;
        xgrow((void **)&files, &cap, n + 1, sizeof *files);
        files[n++] = (struct file_age){ xstrdup(de->d_name), st.st_mtime, st.st_size };
        total += (size_t)st.st_size;
    }
    closedir(d);
    qsort(files, n, sizeof *files, by_age);
    size_t left = n;
    for (size_t i = 0; i < n; i++) {
        bool over = (lim->max_entries && left > lim->max_entries) ||
                    (lim->max_bytes && total > lim->max_bytes);
        if (over) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", dir, files[i].name);
            if (unlink(path) == 0) {
                left--;
                total -= (size_t)files[i].size;
            }
        }
        free(files[i].name);
    }
    free(files);
}

enum nr_result article_cache_store(const char *dir, const char *url,
                                   const struct article_cache_entry *e,
                                   const struct article_cache_limits *lim, struct nr_err *err)
{
    enum nr_result rc = mkdir_p(dir, err);
    if (rc != NR_OK)
        return rc;
    struct nr_buf b;
    nr_buf_init(&b, ACACHE_MAX_FILE);
    char num[64];
    bool started = nr_buf_puts(&b, ACACHE_MAGIC "\n") == NR_OK;
    put(&b, "url", url);
    snprintf(num, sizeof num, "%" PRId64, e->stored_unix);
    put(&b, "stored", num);
    put(&b, "state", e->nothing ? "nothing" : "article");
    put(&b, "why", e->why);
    put(&b, "etag", e->etag);
    put(&b, "last_modified", e->last_modified);
    const struct article *a = &e->a;
    put(&b, "headline", a->headline);
    put(&b, "quote", a->quote);
    put(&b, "speaker", a->speaker);
    put(&b, "photo_url", a->photo_url);
    snprintf(num, sizeof num, "%d %d", a->photo_w, a->photo_h);
    put(&b, "photo_size", num);
    put(&b, "caption", a->caption);
    put(&b, "credit", a->credit);
    put(&b, "author", a->author);
    put(&b, "site_name", a->site_name);
    put(&b, "description", a->description);
    if (a->has_published) {
        snprintf(num, sizeof num, "%" PRId64, a->published_unix);
        put(&b, "published", num);
    }
    snprintf(num, sizeof num, "%d %d %d %d %d %d", a->headline_src, a->body_src, a->photo_src,
             a->caption_src, a->credit_src, 0);
    put(&b, "sources", num);
    uint64_t sum = fnv1a64(FNV_INIT, b.data, b.len);
    snprintf(num, sizeof num, "%016" PRIx64, sum);
    if (!started || nr_buf_puts(&b, "sum\t") != NR_OK || nr_buf_puts(&b, num) != NR_OK ||
        nr_buf_putc(&b, '\n') != NR_OK) {
        nr_buf_release(&b);
        return nr_fail(err, NR_ERR_TOO_BIG, "article entry for '%s' is too big", url);
    }

    char *path = entry_path(dir, url);
    size_t tl = strlen(path) + 32;
    char *tmp = xmalloc(tl);
    snprintf(tmp, tl, "%s.tmp%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    bool ok = fd >= 0;
    for (size_t off = 0; ok && off < b.len;) {
        ssize_t w = write(fd, b.data + off, b.len - off);
        if (w < 0 && errno == EINTR)
            continue;
        ok = w > 0;
        off += ok ? (size_t)w : 0;
    }
    ok = ok && fsync(fd) == 0;
    if (fd >= 0)
        ok = close(fd) == 0 && ok;
    ok = ok && rename(tmp, path) == 0;
    if (ok) {
        int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd >= 0) {
            fsync(dfd);
            close(dfd);
        }
        trim(dir, lim);
    } else {
        rc = nr_fail(err, NR_ERR_IO, "cannot write '%s': %s", path, strerror(errno));
        unlink(tmp);
    }
    free(tmp);
    free(path);
    nr_buf_release(&b);
    return rc;
}

/* Unescapes val in place. */
static void unescape(char *v)
{
    char *o = v;
    for (char *p = v; *p; p++) {
        if (*p == '\\' && p[1]) {
            p++;
            *o++ = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p == 'r' ? '\r' : *p;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
}

enum nr_result article_cache_load(const char *dir, const char *url, struct article_cache_entry *out,
                                  struct nr_err *err)
{
    memset(out, 0, sizeof *out);
    char *path = entry_path(dir, url);
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        enum nr_result rc = nr_fail(err, NR_ERR_IO, "no entry '%s'", path);
        free(path);
        return rc;
    }
    struct nr_buf b;
    nr_buf_init(&b, ACACHE_MAX_FILE);
    char chunk[8192];
    size_t n;
    bool fits = true;
    while (fits && (n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        fits = nr_buf_append(&b, chunk, n) == NR_OK;
    fclose(fp);
    enum nr_result rc = NR_ERR_PARSE;
    const char *sum = b.data ? strstr(b.data, "\nsum\t") : NULL;
    if (fits && sum && strncmp(b.data, ACACHE_MAGIC "\n", strlen(ACACHE_MAGIC) + 1) == 0) {
        char want[32];
        snprintf(want, sizeof want, "%016" PRIx64,
                 fnv1a64(FNV_INIT, b.data, (size_t)(sum - b.data) + 1));
        if (strncmp(sum + 5, want, 16) == 0)
            rc = NR_OK;
    }
    bool url_ok = false;
    for (char *line = b.data; rc == NR_OK && line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        char *tab = strchr(line, '\t');
        if (tab) {
            *tab = '\0';
            char *v = tab + 1;
            unescape(v);
            struct article *a = &out->a;
            if (!strcmp(line, "url"))
                url_ok = strcmp(v, url) == 0;
            else if (!strcmp(line, "stored"))
                out->stored_unix = strtoll(v, NULL, 10);
            else if (!strcmp(line, "state"))
                out->nothing = strcmp(v, "nothing") == 0;
            else if (!strcmp(line, "why"))
                out->why = xstrdup(v);
            else if (!strcmp(line, "etag"))
                out->etag = xstrdup(v);
            else if (!strcmp(line, "last_modified"))
                out->last_modified = xstrdup(v);
            else if (!strcmp(line, "headline"))
                a->headline = xstrdup(v);
            else if (!strcmp(line, "quote"))
                a->quote = xstrdup(v);
            else if (!strcmp(line, "speaker"))
                a->speaker = xstrdup(v);
            else if (!strcmp(line, "photo_url"))
                a->photo_url = xstrdup(v);
            else if (!strcmp(line, "photo_size"))
                sscanf(v, "%d %d", &a->photo_w, &a->photo_h);
            else if (!strcmp(line, "caption"))
                a->caption = xstrdup(v);
            else if (!strcmp(line, "credit"))
                a->credit = xstrdup(v);
            else if (!strcmp(line, "author"))
                a->author = xstrdup(v);
            else if (!strcmp(line, "site_name"))
                a->site_name = xstrdup(v);
            else if (!strcmp(line, "description"))
                a->description = xstrdup(v);
            else if (!strcmp(line, "published")) {
                a->published_unix = strtoll(v, NULL, 10);
                a->has_published = true;
            } else if (!strcmp(line, "sources")) {
                int s[6] = { 0 };
                sscanf(v, "%d %d %d %d %d %d", &s[0], &s[1], &s[2], &s[3], &s[4], &s[5]);
                for (int i = 0; i < 5; i++)
                    if (s[i] < ARTICLE_SRC_NONE || s[i] > ARTICLE_SRC_BODY)
                        s[i] = ARTICLE_SRC_NONE;
                a->headline_src = s[0];
                a->body_src = s[1];
                a->photo_src = s[2];
                a->caption_src = s[3];
                a->credit_src = s[4];
            }
        }
        line = nl ? nl + 1 : NULL;
    }
    if (rc == NR_OK && (!url_ok || (out->a.quote && !out->a.speaker)))
        rc = NR_ERR_PARSE;
    if (rc != NR_OK) {
        article_cache_entry_release(out);
        if (b.len)
            nr_warn("article cache: '%s' is damaged or foreign; ignored", path);
        rc = nr_fail(err, NR_ERR_PARSE, "damaged entry '%s'", path);
    }
    nr_buf_release(&b);
    free(path);
    return rc;
}
