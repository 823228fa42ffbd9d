/* status.c: the status file: written by the slideshow after each refresh, read by --status. */
#include "status.h"

#include "alloc.h"
#include "fleet.h"
#include "nr_limits.h"
#include "show.h"
#include "strutil.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define STATUS_MAX_BYTES (1024u * 1024)

/* one line per value: new lines inside a value (an error message) become spaces */
static enum nr_result put_value(struct nr_buf *b, const char *key, const char *v)
{
    enum nr_result r = nr_buf_printf(b, "%s=", key);
    for (const char *p = v ? v : ""; *p && r == NR_OK; p++)
        r = nr_buf_putc(b, (*p == '\n' || *p == '\r') ? ' ' : *p);
    return r == NR_OK ? nr_buf_putc(b, '\n') : r;
}

void show_status_format(struct nr_buf *out, const struct status_feed *feeds, size_t n,
                        size_t slides, long pid, int64_t now_unix)
{
    /* a failed append sticks (out->full), so the caller sees it there; stop at the first */
    enum nr_result r = nr_buf_printf(out, "pid=%ld\nwritten_unix=%lld\nslides=%zu\n", pid,
                                     (long long)now_unix, slides);
    for (size_t i = 0; i < n && r == NR_OK; i++) {
        const struct status_feed *f = &feeds[i];
        r = put_value(out, "feed", f->input);
        r = r == NR_OK ? put_value(out, "title", f->title) : r;
        r = r == NR_OK ? nr_buf_printf(out, "last_success_unix=%lld\nhttp_status=%ld\n",
                                       (long long)f->last_success_unix, f->http_status)
                       : r;
        r = r == NR_OK ? put_value(out, "error", f->error) : r;
        r = r == NR_OK
                ? nr_buf_printf(out, "stories=%zu\nnext_attempt_unix=%lld\nstale=%d\n", f->stories,
                                (long long)f->next_attempt_unix, f->stale ? 1 : 0)
                : r;
    }
}

static void make_parent(const char *path)
{
    char *dir = xstrdup(path);
    /* mkdir -p of the parent folders; errors show up when the file is created */
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        mkdir(dir, 0755);
        *p = '/';
    }
    free(dir);
}

enum nr_result show_status_write(const char *path, const struct status_feed *feeds, size_t n,
                                 size_t slides, int64_t now_unix, struct nr_err *err)
{
    struct nr_buf b, tmp;
    enum nr_result ret = NR_OK;
    int fd = -1;

    nr_buf_init(&b, STATUS_MAX_BYTES);
    nr_buf_init(&tmp, NR_MAX_PATH_BYTES);
    show_status_format(&b, feeds, n, slides, (long)getpid(), now_unix);
    if (b.full) {
        ret = nr_fail(err, NR_ERR_TOO_BIG, "status for '%s' exceeds %u bytes", path,
                      (unsigned)STATUS_MAX_BYTES);
        goto out;
    }
    if (nr_buf_printf(&tmp, "%s.tmp%ld", path, (long)getpid()) != NR_OK) {
        ret = nr_fail(err, NR_ERR_TOO_BIG, "status file name '%s' is too long", path);
        goto out;
    }
    make_parent(path);
    fd = open(tmp.data, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        ret =
            nr_fail(err, NR_ERR_IO, "cannot write status file '%s': %s", tmp.data, strerror(errno));
        goto out;
    }
    for (size_t off = 0; off < b.len;) {
        ssize_t w = write(fd, b.data + off, b.len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            ret = nr_fail(err, NR_ERR_IO, "cannot write status file '%s': %s", tmp.data,
                          strerror(errno));
            goto out;
        }
        off += (size_t)w;
    }
    /* a reader sees the old file or the new one, never half of one */
    if (rename(tmp.data, path) != 0)
        ret = nr_fail(err, NR_ERR_IO, "cannot rename '%s' to '%s': %s", tmp.data, path,
                      strerror(errno));
out:
    if (fd >= 0)
        close(fd);
    if (ret != NR_OK && fd >= 0)
        unlink(tmp.data);
    nr_buf_release(&b);
    nr_buf_release(&tmp);
    return ret;
}

void show_status_publish(const struct config *c, const struct status_feed *feeds, size_t n,
                         const struct fleet_state *st)
{
    struct fleet_feed *ff = xcalloc(n ? n : 1, sizeof *ff);
    for (size_t i = 0; i < n; i++)
        ff[i] = (struct fleet_feed){
            .input = feeds[i].input,
            .last_success_unix = feeds[i].last_success_unix,
            .http_status = feeds[i].http_status,
            .ok = !feeds[i].error || !feeds[i].error[0],
            .stories = feeds[i].stories,
            .next_attempt_unix = feeds[i].next_attempt_unix,
        };
    struct fleet_state full = *st;
    full.feeds = ff;
    full.n_feeds = n;
    fleet_publish(c, &full);
    free(ff);
}

static void fmt_when(char *out, size_t len, int64_t t, int64_t now)
{
    if (t <= 0) {
        snprintf(out, len, "never");
        return;
    }
    time_t tt = (time_t)t;
    struct tm tm;
    char stamp[32];
    localtime_r(&tt, &tm);
    strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &tm);
    int64_t d = now - t;
    const char *dir = d >= 0 ? "ago" : "from now";
    if (d < 0)
        d = -d;
    if (d < 120)
        snprintf(out, len, "%s (%lld s %s)", stamp, (long long)d, dir);
    else if (d < 7200)
        snprintf(out, len, "%s (%lld min %s)", stamp, (long long)(d / 60), dir);
    else
        snprintf(out, len, "%s (%lld h %s)", stamp, (long long)(d / 3600), dir);
}

static long long num(const char *v)
{
    long out;
    return nr_parse_int(v, -(1L << 62), 1L << 62, &out) ? out : 0;
}

/* The last TV power change over HDMI-CEC, from "power" beside the status file (fleet.c
 * writes it when [display] cec_device is set). */
static void print_power(const char *status_path, FILE *out, int64_t now_unix)
{
    const char *slash = strrchr(status_path, '/');
    char path[4200], line[1024], when[96] = "";
    snprintf(path, sizeof path, "%.*spower", slash ? (int)(slash - status_path) + 1 : 0,
             status_path);
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, "power_unix=", 11) == 0)
            fmt_when(when, sizeof when, num(line + 11), now_unix);
        else if (strncmp(line, "power=", 6) == 0)
            fprintf(out, "\nTV power: %s%s%s\n", line + 6, when[0] ? ", " : "", when);
    }
    fclose(f);
}

int show_status_print(const char *path, FILE *out, int64_t now_unix, struct nr_err *err)
{
    FILE *f = fopen(path, "r");
    char line[8192], when[96];
    long pid = 0;
    bool running = false;

    if (!f) {
        nr_fail(err, NR_ERR_IO, "no status file '%s' (is newsreel running?): %s", path,
                strerror(errno));
        return 1;
    }
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        char *eq = strchr(line, '=');
        if (!eq)
            continue;
        *eq = '\0';
        const char *k = line, *v = eq + 1;
        if (strcmp(k, "pid") == 0) {
            pid = (long)num(v);
            running = pid > 0 && (kill((pid_t)pid, 0) == 0 || errno == EPERM);
            fprintf(out, "newsreel %s (pid %ld)\n", running ? "is running" : "is NOT running", pid);
        } else if (strcmp(k, "written_unix") == 0) {
            fmt_when(when, sizeof when, num(v), now_unix);
            fprintf(out, "status written %s\n", when);
        } else if (strcmp(k, "slides") == 0) {
            fprintf(out, "slides in rotation: %s\n", v);
        } else if (strcmp(k, "feed") == 0) {
            fprintf(out, "\nfeed %s\n", v);
        } else if (strcmp(k, "title") == 0 && v[0]) {
            fprintf(out, "  title:         %s\n", v);
        } else if (strcmp(k, "last_success_unix") == 0) {
            fmt_when(when, sizeof when, num(v), now_unix);
            fprintf(out, "  last success:  %s\n", when);
        } else if (strcmp(k, "http_status") == 0 && num(v) != 0) {
            fprintf(out, "  last HTTP:     %s\n", v);
        } else if (strcmp(k, "error") == 0 && v[0]) {
            fprintf(out, "  last error:    %s\n", v);
        } else if (strcmp(k, "stories") == 0) {
            fprintf(out, "  stories held:  %s\n", v);
        } else if (strcmp(k, "next_attempt_unix") == 0) {
            fmt_when(when, sizeof when, num(v), now_unix);
            fprintf(out, "  next attempt:  %s\n", when);
        } else if (strcmp(k, "stale") == 0 && strcmp(v, "1") == 0) {
            fprintf(out, "  STALE: no success for two refresh intervals\n");
        }
    }
    fclose(f);
    print_power(path, out, now_unix);
    if (!running)
        nr_fail(err, NR_ERR_IO, "the newsreel that wrote '%s' is not running", path);
    return running ? 0 : 1;
}

int show_print_status(const struct config *cfg, FILE *out)
{
    struct nr_err err = { 0 };
    const char *path = config_status_path(cfg);
    if (!path) {
        fprintf(stderr, "newsreel: no status file is configured\n");
        return 1;
    }
    int rc = show_status_print(path, out, (int64_t)time(NULL), &err);
    if (rc != 0)
        fprintf(stderr, "newsreel: %s\n", err.msg);
    return rc;
}
