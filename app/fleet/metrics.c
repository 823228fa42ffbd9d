/* metrics.c: Prometheus text exposition of the kiosk's state, written atomically. */
#include "metrics.h"

#include "alloc.h"
#include "nr_limits.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Every writer below returns the result of its last append. A failed append sticks (the
 * buffer stays full), so that one result speaks for all the appends before it. */

/* a label value: backslash, double quote and line feed escaped as the format requires */
static enum nr_result put_label(struct nr_buf *b, const char *v)
{
    enum nr_result r = nr_buf_putc(b, '"');
    for (const char *p = v ? v : ""; *p && r == NR_OK; p++) {
        if (*p == '\\')
            r = nr_buf_puts(b, "\\\\");
        else if (*p == '"')
            r = nr_buf_puts(b, "\\\"");
        else if (*p == '\n')
            r = nr_buf_puts(b, "\\n");
        else
            r = nr_buf_putc(b, *p);
    }
    return r == NR_OK ? nr_buf_putc(b, '"') : r;
}

static enum nr_result head(struct nr_buf *b, const char *name, const char *type, const char *help)
{
    return nr_buf_printf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static enum nr_result feed_metric(struct nr_buf *b, const struct fleet_state *st, const char *name,
                                  const char *type, const char *help, int which)
{
    enum nr_result r = head(b, name, type, help);
    for (size_t i = 0; i < st->n_feeds; i++) {
        const struct fleet_feed *f = &st->feeds[i];
        long long v = 0;
        switch (which) {
        case 0: v = (long long)f->stories; break;
        case 1: v = f->last_success_unix; break;
        case 2: v = f->last_error_unix; break;
        case 3: v = f->http_status; break;
        default: v = f->ok ? 1 : 0; break;
        }
        r = nr_buf_printf(b, "%s{feed=", name);
        r = put_label(b, f->input);
        r = nr_buf_printf(b, "} %lld\n", v);
    }
    return r;
}

enum nr_result fleet_metrics_format(struct nr_buf *b, const struct fleet_state *st)
{
    static const char *const screens[] = { "on", "off_schedule", "off_fault" };

    enum nr_result r = head(b, "newsreel_up", "gauge", "1 while the slideshow runs.");
    r = nr_buf_puts(b, "newsreel_up 1\n");
    r = head(b, "newsreel_build_info", "gauge", "The version running, as a label.");
    r = nr_buf_puts(b, "newsreel_build_info{version=\"" NEWSREEL_VERSION "\"} 1\n");
    r = head(b, "newsreel_screen_state", "gauge",
             "What the screen does: on, off_schedule (outside the on hours) or off_fault (no news "
             "to show); 1 for the current state.");
    for (int i = 0; i < 3; i++)
        r = nr_buf_printf(b, "newsreel_screen_state{state=\"%s\"} %d\n", screens[i],
                          (int)st->screen == i ? 1 : 0);
    r = head(b, "newsreel_slides", "gauge", "Slides in the rotation.");
    r = nr_buf_printf(b, "newsreel_slides %zu\n", st->slides);
    r = head(b, "newsreel_slides_shown_total", "counter", "Slides put on screen since the start.");
    r = nr_buf_printf(b, "newsreel_slides_shown_total %llu\n",
                      (unsigned long long)st->slides_shown);
    r = head(b, "newsreel_photo_failures_total", "counter",
             "Photos that could not be downloaded or decoded since the start.");
    r = nr_buf_printf(b, "newsreel_photo_failures_total %llu\n",
                      (unsigned long long)st->photo_failures);
    r = head(b, "newsreel_article_pages_read_total", "counter",
             "Article pages read to find a photo for stories whose feed has none.");
    r = nr_buf_printf(b, "newsreel_article_pages_read_total %llu\n",
                      (unsigned long long)st->article_pages);
    r = head(b, "newsreel_current_slide_info", "gauge", "The story on screen, by id.");
    if (st->slide_id) {
        r = nr_buf_puts(b, "newsreel_current_slide_info{id=");
        r = put_label(b, st->slide_id);
        r = nr_buf_puts(b, "} 1\n");
    }
    r = feed_metric(b, st, "newsreel_feed_stories", "gauge", "Stories a feed holds.", 0);
    r = feed_metric(b, st, "newsreel_feed_last_success_timestamp_seconds", "gauge",
                    "When a feed last loaded (Unix time; 0: never).", 1);
    r = feed_metric(b, st, "newsreel_feed_last_error_timestamp_seconds", "gauge",
                    "When a feed last failed (Unix time; 0: never).", 2);
    r = feed_metric(b, st, "newsreel_feed_http_status", "gauge",
                    "HTTP status of a feed's last attempt (0: none, a file or a network error).",
                    3);
    r = feed_metric(b, st, "newsreel_feed_up", "gauge", "1 when a feed's last attempt succeeded.",
                    4);
    r = head(b, "process_start_time_seconds", "gauge", "Start time of the process (Unix time).");
    r = nr_buf_printf(b, "process_start_time_seconds %lld\n", (long long)st->start_unix);
    if (st->resident_bytes) {
        r = head(b, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.");
        r = nr_buf_printf(b, "process_resident_memory_bytes %llu\n",
                          (unsigned long long)st->resident_bytes);
    }
    return r;
}

int64_t fleet_metrics_process_start_unix(void)
{
    /* /proc/self/stat field 22: start in clock ticks after boot; /proc/stat btime: boot */
    char buf[1024], line[256];
    long long btime = 0;
    unsigned long long start = 0;
    FILE *f = fopen("/proc/self/stat", "re");
    if (!f)
        return 0;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    const char *p = strrchr(buf, ')'); /* the command name may hold spaces */
    for (int field = 2; p && field < 22; field++)
        p = strchr(p + 1, ' ');
    if (!p || sscanf(p + 1, "%llu", &start) != 1)
        return 0;
    f = fopen("/proc/stat", "re");
    if (!f)
        return 0;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "btime %lld", &btime) == 1)
            break;
    fclose(f);
    long hz = sysconf(_SC_CLK_TCK);
    return btime > 0 && hz > 0 ? btime + (int64_t)(start / (unsigned long long)hz) : 0;
}

uint64_t fleet_metrics_resident_bytes(void)
{
    unsigned long long size = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "re");
    if (!f)
        return 0;
    if (fscanf(f, "%llu %llu", &size, &resident) != 2)
        resident = 0;
    fclose(f);
    long page = sysconf(_SC_PAGESIZE);
    return page > 0 ? resident * (uint64_t)page : 0;
}

enum nr_result fleet_write_atomic(const char *path, const void *data, size_t len,
                                  struct nr_err *err)
{
    enum nr_result ret = NR_OK;
    struct nr_buf tmp;
    const char *slash = strrchr(path, '/');
    int fd = -1;

    /* ".name.tmp" beside it: the collector reads only *.prom, and rename needs one
     * file system */
    nr_buf_init(&tmp, NR_MAX_PATH_BYTES);
    if ((slash && nr_buf_append(&tmp, path, (size_t)(slash - path) + 1) != NR_OK) ||
        nr_buf_printf(&tmp, ".%s.tmp", slash ? slash + 1 : path) != NR_OK) {
        ret = nr_fail(err, NR_ERR_TOO_BIG, "cannot write '%s': the name is too long", path);
        goto out;
    }
    fd = open(tmp.data, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) {
        ret = nr_fail(err, NR_ERR_IO, "cannot write '%s': %s", tmp.data, strerror(errno));
        goto out;
    }
    fchmod(fd, 0644); /* the exporter runs as another user */
    for (size_t off = 0; off < len;) {
        ssize_t w = write(fd, (const char *)data + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            ret = nr_fail(err, NR_ERR_IO, "cannot write '%s': %s", tmp.data, strerror(errno));
            goto out;
        }
        off += (size_t)w;
    }
    if (close(fd) != 0) {
        fd = -1;
        ret = nr_fail(err, NR_ERR_IO, "cannot write '%s': %s", tmp.data, strerror(errno));
        goto out;
    }
    fd = -1;
    /* a reader sees the old file or the new one, never half of one */
    if (rename(tmp.data, path) != 0)
        ret = nr_fail(err, NR_ERR_IO, "cannot rename '%s' to '%s': %s", tmp.data, path,
                      strerror(errno));
out:
    if (fd >= 0)
        close(fd);
    if (ret != NR_OK)
        unlink(tmp.data);
    nr_buf_release(&tmp);
    return ret;
}
