/* scan.c: one look at the announcements folder: its text files parsed, its pictures found. */
#include "announce.h"

#include "alloc.h"
#include "draw.h"
#include "nr_limits.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

void announce_set_release(struct announce_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->n; i++)
        announce_item_release(&set->items[i]);
    free(set->items);
    for (size_t i = 0; i < set->n_errors; i++)
        free(set->errors[i]);
    memset(set, 0, sizeof *set);
}

static void add_error(struct announce_set *set, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void add_error(struct announce_set *set, const char *fmt, ...)
{
    if (set->n_errors >= ANNOUNCE_MAX_ERRORS) {
        set->more_errors++;
        return;
    }
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    set->errors[set->n_errors++] = xstrdup(msg);
}

static bool ends_with_ci(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n > m && strcasecmp(s + n - m, suffix) == 0;
}

static bool is_picture_name(const char *name)
{
    static const char *const ext[] = { ".jpg", ".jpeg", ".png", ".webp", ".gif" };
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++)
        if (ends_with_ci(name, ext[i]))
            return true;
    return false;
}

/* What is passed over: hidden files (an editor's temporary copy among them), backups. */
static bool ignored_name(const char *name)
{
    return name[0] == '.' || name[strlen(name) - 1] == '~' || ends_with_ci(name, ".swp") ||
           ends_with_ci(name, ".tmp") || name[0] == '#';
}

/* A fingerprint of the file: its time of change and size (unsigned: it wraps, it is a hash) */
static uint64_t version_of(const struct stat *st)
{
    return (uint64_t)st->st_mtim.tv_sec * 1000000007u + (uint64_t)st->st_mtim.tv_nsec +
           (uint64_t)st->st_size;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads a text file of at most ANNOUNCE_MAX_FILE_BYTES into a new buffer. */
static enum nr_result read_text(const char *path, const char *name, char **out, size_t *len,
                                struct nr_err *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return nr_fail(err, NR_ERR_IO, "%s: %s", name, strerror(errno));
    char *buf = xmalloc(ANNOUNCE_MAX_FILE_BYTES + 1);
    size_t n = 0;
    enum nr_result ret = NR_OK;
    for (;;) {
        ssize_t r = read(fd, buf + n, ANNOUNCE_MAX_FILE_BYTES + 1 - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            ret = nr_fail(err, NR_ERR_IO, "%s: %s", name, strerror(errno));
            break;
        }
        if (r == 0)
            break;
        n += (size_t)r;
        if (n > ANNOUNCE_MAX_FILE_BYTES) {
            ret = nr_fail(err, NR_ERR_TOO_BIG, "%s: over the %u byte cap", name,
                          ANNOUNCE_MAX_FILE_BYTES);
            break;
        }
    }
    close(fd);
    if (ret != NR_OK) {
        free(buf);
        return ret;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return NR_OK;
}

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = xmalloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

#define PROBE_BYTES (512u * 1024) /* a picture's header, EXIF thumbnail and all */

/* Why the picture at path cannot be shown (not one, over a cap, an icon), or NULL when it
 * can: its header is read, not the picture, so that a look at the folder stays cheap. */
static const char *picture_problem(const char *path, const struct stat *st, char *why,
                                   size_t why_len)
{
    if ((uint64_t)st->st_size > NR_MAX_PHOTO_BYTES) {
        snprintf(why, why_len, "over the %u byte cap", NR_MAX_PHOTO_BYTES);
        return why;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(why, why_len, "%s", strerror(errno));
        return why;
    }
    size_t cap = (size_t)st->st_size < PROBE_BYTES ? (size_t)st->st_size : PROBE_BYTES, n = 0;
    unsigned char *buf = xmalloc(cap ? cap : 1);
    while (n < cap) {
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    int w = 0, h = 0;
    const char *ret = NULL;
    if (!draw_photo_probe(buf, n, &w, &h))
        ret = "not a JPEG, PNG, WebP or GIF picture";
    else if (w > NR_MAX_PHOTO_SIDE || h > NR_MAX_PHOTO_SIDE ||
             (uint64_t)w * (uint64_t)h > NR_MAX_PHOTO_PIXELS)
        snprintf(why, why_len, "'%dx%d' px is over the size cap", w, h), ret = why;
    else if (w <= 32 && h <= 32)
        snprintf(why, why_len, "'%dx%d' px is an icon", w, h), ret = why;
    free(buf);
    return ret;
}

static bool named_as_image(const struct announce_set *set, const char *name)
{
    for (size_t i = 0; i < set->n; i++)
        if (set->items[i].kind == ANNOUNCE_TEXT && set->items[i].image_name &&
            strcmp(set->items[i].image_name, name) == 0)
            return true;
    return false;
}

enum nr_result announce_scan(const char *dir, struct announce_set *out, struct nr_err *err)
{
    memset(out, 0, sizeof *out);
    DIR *d = opendir(dir);
    if (!d)
        return nr_fail(err, NR_ERR_IO, "announcements folder '%s': %s", dir, strerror(errno));
    char *names[ANNOUNCE_MAX_FILES];
    size_t n_names = 0, over = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (ignored_name(e->d_name) || strlen(e->d_name) >= NR_MAX_PATH_BYTES / 2 ||
            !(ends_with_ci(e->d_name, ".txt") || is_picture_name(e->d_name)))
            continue;
        if (n_names == ANNOUNCE_MAX_FILES) {
            over++;
            continue;
        }
        names[n_names++] = xstrdup(e->d_name);
    }
    closedir(d);
    qsort(names, n_names, sizeof names[0], by_name);
    if (over)
        add_error(out, "%s: %zu files over the cap of %d left out", dir, over, ANNOUNCE_MAX_FILES);
    out->items = xcalloc(n_names ? n_names : 1, sizeof *out->items);

    /* text files first, so that the pictures they name are known */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < n_names; i++) {
            const char *name = names[i];
            bool text = ends_with_ci(name, ".txt");
            if (text != (pass == 0))
                continue;
            char *path = join(dir, name);
            struct stat st;
            if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
                free(path);
                continue; /* a folder, or gone meanwhile */
            }
            struct announce_item *it = &out->items[out->n];
            struct nr_err e2 = { 0 };
            if (!text) {
                if (named_as_image(out, name)) {
                    free(path);
                    continue; /* shown on its announcement */
                }
                char why[128];
                const char *bad = picture_problem(path, &st, why, sizeof why);
                if (bad) {
                    add_error(out, "%s: %s; not shown", name, bad);
                    free(path);
                    continue;
                }
                memset(it, 0, sizeof *it);
                it->kind = ANNOUNCE_PICTURE;
                it->file = xstrdup(name);
                it->title = xstrndup(name, (size_t)(strrchr(name, '.') - name));
                it->image = path;
                it->days = 0x7f;
                it->version = version_of(&st);
                out->n++;
                continue;
            }
            char *buf = NULL;
            size_t len = 0;
            if (read_text(path, name, &buf, &len, &e2) != NR_OK ||
                announce_parse(buf, len, name, it, &e2) != NR_OK) {
                add_error(out, "%s", e2.msg);
                announce_item_release(it);
                free(buf);
                free(path);
                continue;
            }
            free(buf);
            free(path);
            it->version = version_of(&st);
            if (it->image_name) {
                struct stat ist;
                char *img = join(dir, it->image_name);
                char why[128];
                const char *bad = NULL;
                if (stat(img, &ist) != 0 || !S_ISREG(ist.st_mode)) {
                    add_error(out, "%s:%d: image '%s' not found; shown without it", name,
                              it->line_image, it->image_name);
                    free(img);
                } else if ((bad = picture_problem(img, &ist, why, sizeof why))) {
                    add_error(out, "%s:%d: image '%s': %s; shown without it", name, it->line_image,
                              it->image_name, bad);
                    free(img);
                } else {
                    it->image = img;
                    it->version = it->version * 31u + version_of(&ist);
                }
            }
            out->n++;
        }
    }
    for (size_t i = 0; i < n_names; i++)
        free(names[i]);
    return NR_OK;
}

void announce_set_copy(struct announce_set *dst, const struct announce_set *src)
{
    memset(dst, 0, sizeof *dst);
    dst->items = xcalloc(src->n ? src->n : 1, sizeof *dst->items);
    for (size_t i = 0; i < src->n; i++) {
        const struct announce_item *a = &src->items[i];
        struct announce_item *b = &dst->items[i];
        *b = *a;
        b->file = xstrdup(a->file);
        b->title = xstrdup(a->title);
        b->body = xstrdup(a->body);
        b->image = xstrdup(a->image);
        b->image_name = xstrdup(a->image_name);
    }
    dst->n = src->n;
    for (size_t i = 0; i < src->n_errors; i++)
        dst->errors[i] = xstrdup(src->errors[i]);
    dst->n_errors = src->n_errors;
    dst->more_errors = src->more_errors;
    dst->tag = src->tag;
}

static bool same_str(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static bool same_time(const struct announce_time *a, const struct announce_time *b)
{
    return a->set == b->set && a->local == b->local && a->secs == b->secs;
}

bool announce_set_equal(const struct announce_set *a, const struct announce_set *b)
{
    if (a->n != b->n || a->n_errors != b->n_errors || a->more_errors != b->more_errors)
        return false;
    for (size_t i = 0; i < a->n_errors; i++)
        if (strcmp(a->errors[i], b->errors[i]) != 0)
            return false;
    for (size_t i = 0; i < a->n; i++) {
        const struct announce_item *x = &a->items[i], *y = &b->items[i];
        if (x->kind != y->kind || x->version != y->version || !same_str(x->file, y->file) ||
            !same_str(x->title, y->title) || !same_str(x->body, y->body) ||
            !same_str(x->image, y->image) || !same_time(&x->from, &y->from) ||
            !same_time(&x->until, &y->until) || x->days != y->days ||
            x->has_hours != y->has_hours || x->hours_from_min != y->hours_from_min ||
            x->hours_to_min != y->hours_to_min)
            return false;
    }
    return true;
}
