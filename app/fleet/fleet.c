/* fleet.c: the metrics file and the heartbeat, kept in step with the settings. */
#include "fleet.h"

#include "alloc.h"
#include "cec.h"
#include "heartbeat.h"
#include "log.h"
#include "remote.h"
#include "snapshot.h"
#include "thread.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* One slideshow per process: its publisher state lives here, so the show needs no new
 * field. Touched from the main thread only. */
static struct {
    int64_t start_unix;
    struct heartbeat *hb;
    char *hb_url;
    int64_t hb_interval_ms;
    int hb_on, hb_off;
    bool metrics_warned;
    struct remote *remote;
    struct tv *tv;
    char *snapshot_path;
    struct shots *shots;
    int last_screen; /* -1: none published yet */
    char *remote_url, *remote_cache;
    int64_t remote_interval_ms;
    /* when each feed (by input) last failed: the status knows only the last attempt */
    char **inputs;
    int64_t *last_error_unix;
    int64_t *seen_next;
    size_t n;
} fl;

static void heartbeat_stop(void)
{
    fleet_heartbeat_free(fl.hb);
    fl.hb = NULL;
    free(fl.hb_url);
    fl.hb_url = NULL;
}

static void heartbeat_sync(const struct config *c)
{
    int64_t interval_ms = (int64_t)c->heartbeat_minutes * 60000 / c->time_scale;
    bool same = fl.hb && c->heartbeat_url && strcmp(fl.hb_url, c->heartbeat_url) == 0 &&
                fl.hb_interval_ms == interval_ms && fl.hb_on == c->on_minute &&
                fl.hb_off == c->off_minute;
    if (same || (!fl.hb && !c->heartbeat_url))
        return;
    heartbeat_stop();
    if (!c->heartbeat_url)
        return;
    struct heartbeat_params p = {
        .url = c->heartbeat_url,
        .interval_ms = interval_ms,
        .on_minute = c->on_minute,
        .off_minute = c->off_minute,
        .timeout_ms = 10000,
    };
    fl.hb = fleet_heartbeat_new(&p);
    fl.hb_url = xstrdup(c->heartbeat_url);
    fl.hb_interval_ms = interval_ms;
    fl.hb_on = c->on_minute;
    fl.hb_off = c->off_minute;
    nr_info("heartbeat: '%s' every %lld s while the screen is meant to be on", fl.hb_url,
            (long long)(interval_ms / 1000));
}

static void remote_sync(const struct config *c)
{
    int64_t interval_ms = (int64_t)c->settings_minutes * 60000 / c->time_scale;
    char *cache = config_remote_cache_path(c);
    bool same = fl.remote && cache && strcmp(fl.remote_url, c->settings_url) == 0 &&
                strcmp(fl.remote_cache, cache) == 0 && fl.remote_interval_ms == interval_ms;
    if (!same && (fl.remote || cache)) {
        fleet_remote_free(fl.remote);
        fl.remote = NULL;
        free(fl.remote_url);
        free(fl.remote_cache);
        fl.remote_url = fl.remote_cache = NULL;
        if (cache) {
            struct remote_params p = {
                .url = c->settings_url,
                .cache_path = cache,
                .interval_ms = interval_ms,
                .timeout_ms = 30000,
            };
            fl.remote = fleet_remote_new(&p);
            fl.remote_url = xstrdup(c->settings_url);
            fl.remote_cache = xstrdup(cache);
            fl.remote_interval_ms = interval_ms;
            nr_info("remote settings: '%s' checked every %lld s", c->settings_url,
                    (long long)(interval_ms / 1000));
        }
    }
    free(cache);
}

/* A file beside the status file; NULL without one. */
static char *status_sibling(const struct config *c, const char *name)
{
    const char *status = config_status_path(c);
    if (!status)
        return NULL;
    const char *slash = strrchr(status, '/');
    size_t dir = slash ? (size_t)(slash - status) + 1 : 0;
    size_t n = dir + strlen(name) + 1;
    char *p = xmalloc(n);
    snprintf(p, n, "%.*s%s", (int)dir, status, name);
    return p;
}

/* The TV's power over HDMI-CEC, in a thread of its own: a CEC exchange blocks for up to
 * seconds and the slideshow must not. The thread sends the latest wanted state. */
struct tv {
    char *path;
    char *report; /* "power" beside the status file, for --status; NULL: none */
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stop, pending, want_on;
};

static void *tv_run(void *arg)
{
    struct tv *t = arg;
    struct cec_device *dev = NULL;
    pthread_mutex_lock(&t->lock);
    for (;;) {
        while (!t->stop && !t->pending)
            pthread_cond_wait(&t->wake, &t->lock);
        if (t->stop)
            break;
        bool on = t->want_on;
        t->pending = false;
        pthread_mutex_unlock(&t->lock);
        struct nr_err err = { 0 };
        enum nr_result rc = dev ? NR_OK : fleet_cec_device_open(t->path, &dev, &err);
        if (rc == NR_OK)
            rc = fleet_cec_device_power(dev, on, &err);
        char said[700];
        if (rc == NR_OK) {
            snprintf(said, sizeof said, "TV %s over HDMI-CEC ('%s')",
                     on ? "woken and switched to us" : "in standby", t->path);
            nr_info("%s", said);
        } else {
            snprintf(said, sizeof said, "%s; DPMS is the fallback", err.msg);
            nr_warn("%s", said);
            fleet_cec_device_close(dev); /* opened afresh next time: the TV may come back */
            dev = NULL;
        }
        if (t->report) {
            char text[800];
            int n = snprintf(text, sizeof text, "power_unix=%lld\npower=%s\n",
                             (long long)time(NULL), said);
            struct nr_err werr = { 0 };
            if (n > 0 && fleet_write_atomic(t->report, text, strlen(text), &werr) != NR_OK)
                nr_debug("%s", werr.msg);
        }
        pthread_mutex_lock(&t->lock);
    }
    pthread_mutex_unlock(&t->lock);
    fleet_cec_device_close(dev);
    return NULL;
}

static void tv_free(struct tv *t)
{
    if (!t)
        return;
    pthread_mutex_lock(&t->lock);
    t->stop = true;
    pthread_cond_signal(&t->wake);
    pthread_mutex_unlock(&t->lock);
    pthread_join(t->thread, NULL);
    pthread_cond_destroy(&t->wake);
    pthread_mutex_destroy(&t->lock);
    free(t->path);
    free(t->report);
    free(t);
}

static void tv_sync(const struct config *c, enum fleet_screen screen)
{
    if (fl.tv && (!c->cec_device || strcmp(fl.tv->path, c->cec_device) != 0)) {
        tv_free(fl.tv);
        fl.tv = NULL;
        fl.last_screen = -1;
    }
    if (!c->cec_device)
        return;
    if (!fl.tv) {
        fl.tv = xcalloc(1, sizeof *fl.tv);
        fl.tv->path = xstrdup(c->cec_device);
        fl.tv->report = status_sibling(c, "power");
        pthread_mutex_init(&fl.tv->lock, NULL);
        pthread_cond_init(&fl.tv->wake, NULL);
        if (pthread_create(&fl.tv->thread, NULL, tv_run, fl.tv) != 0) {
            nr_error("cannot start the HDMI-CEC thread");
            abort(); /* only when threads or memory are gone: as xmalloc */
        }
        fl.last_screen = -1;
    }
    bool off = screen == FLEET_SCREEN_OFF_SCHEDULE;
    bool was_off = fl.last_screen == FLEET_SCREEN_OFF_SCHEDULE;
    if (fl.last_screen == -1 || off != was_off) {
        pthread_mutex_lock(&fl.tv->lock);
        fl.tv->want_on = !off;
        fl.tv->pending = true;
        pthread_cond_signal(&fl.tv->wake);
        pthread_mutex_unlock(&fl.tv->lock);
    }
    fl.last_screen = (int)screen;
}

/* The --snapshot socket beside the status file, moved when a reload moves that. */
static void snapshot_sync(const struct config *c)
{
    char *path = fleet_snapshot_socket_path(c);
    if (path && (!fl.snapshot_path || strcmp(path, fl.snapshot_path) != 0)) {
        fleet_snapshot_serve_stop();
        char *photos = NULL;
        if (c->cache_dir) {
            size_t n = strlen(c->cache_dir) + 8;
            photos = xmalloc(n);
            snprintf(photos, n, "%s/photos", c->cache_dir); /* the worker's photo cache */
        }
        fleet_snapshot_serve_start(path, photos);
        free(photos);
        free(fl.snapshot_path);
        fl.snapshot_path = path;
        path = NULL;
    }
    free(path);
}

/* [monitor] snapshot_file: every snapshot_minutes, this program is run again as
 * `newsreel ARGS --snapshot TMP` (it asks the socket above and paints the slide as --render
 * does), then TMP is renamed over the file. Painting in a process of its own keeps fonts
 * and FreeType to one thread each, and the slideshow's loop asleep. */
struct shots {
    char **argv; /* owned, NULL-terminated */
    char *path, *tmp;
    int64_t interval_ms;
    int on, off;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stop;
};

extern char **environ;

static void take_shot(struct shots *sh)
{
    pid_t pid;
    int st = 0;
    if (posix_spawn(&pid, "/proc/self/exe", NULL, NULL, sh->argv, environ) != 0) {
        nr_warn("snapshot file: cannot run newsreel: %s", strerror(errno));
        return;
    }
    /* a painting takes well under a second; one stuck is ended */
    for (int i = 0; i < 600 && waitpid(pid, &st, WNOHANG) == 0; i++)
        usleep(50000);
    if (waitpid(pid, &st, WNOHANG) == 0) {
        kill(pid, SIGKILL);
        waitpid(pid, &st, 0);
    }
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
        if (rename(sh->tmp, sh->path) != 0)
            nr_warn("snapshot file: cannot rename '%s' to '%s': %s", sh->tmp, sh->path,
                    strerror(errno));
    } else {
        unlink(sh->tmp);
    }
}

static void *shots_run(void *arg)
{
    struct shots *sh = arg;
    pthread_mutex_lock(&sh->lock);
    for (;;) {
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until);
        until.tv_sec += (time_t)(sh->interval_ms / 1000);
        until.tv_nsec += (long)(sh->interval_ms % 1000) * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        while (!sh->stop && pthread_cond_timedwait(&sh->wake, &sh->lock, &until) == 0)
            ; /* woken only to stop */
        if (sh->stop)
            break;
        pthread_mutex_unlock(&sh->lock);
        time_t now = time(NULL);
        struct tm tm;
        localtime_r(&now, &tm);
        /* the off hours keep the last picture of the day */
        if (fleet_heartbeat_on_hours(sh->on, sh->off, tm.tm_hour * 60 + tm.tm_min))
            take_shot(sh);
        pthread_mutex_lock(&sh->lock);
    }
    pthread_mutex_unlock(&sh->lock);
    return NULL;
}

static void shots_free(struct shots *sh)
{
    if (!sh)
        return;
    pthread_mutex_lock(&sh->lock);
    sh->stop = true;
    pthread_cond_signal(&sh->wake);
    pthread_mutex_unlock(&sh->lock);
    pthread_join(sh->thread, NULL);
    pthread_cond_destroy(&sh->wake);
    pthread_mutex_destroy(&sh->lock);
    for (char **a = sh->argv; *a; a++)
        free(*a);
    free(sh->argv);
    free(sh->path);
    free(sh->tmp);
    free(sh);
}

static void shots_sync(const struct config *c)
{
    int64_t interval_ms = (int64_t)c->snapshot_minutes * 60000 / c->time_scale;
    struct shots *sh = fl.shots;
    bool same = sh && c->snapshot_file && strcmp(sh->path, c->snapshot_file) == 0 &&
                sh->interval_ms == interval_ms && sh->on == c->on_minute &&
                sh->off == c->off_minute;
    if (same || (!sh && !c->snapshot_file))
        return;
    shots_free(sh);
    fl.shots = NULL;
    if (!c->snapshot_file || !c->argv)
        return;
    sh = xcalloc(1, sizeof *sh);
    sh->path = xstrdup(c->snapshot_file);
    size_t n = strlen(sh->path) + 16;
    sh->tmp = xmalloc(n);
    snprintf(sh->tmp, n, "%s.tmp.png", sh->path);
    sh->argv = xcalloc((size_t)c->argc + 6, sizeof *sh->argv);
    int k = 0;
    for (int i = 0; i < c->argc; i++)
        sh->argv[k++] = xstrdup(c->argv[i]);
    sh->argv[k++] = xstrdup("--set");
    sh->argv[k++] = xstrdup("show.log_level=warning");
    sh->argv[k++] = xstrdup("--snapshot");
    sh->argv[k++] = xstrdup(sh->tmp);
    sh->interval_ms = interval_ms;
    sh->on = c->on_minute;
    sh->off = c->off_minute;
    pthread_mutex_init(&sh->lock, NULL);
    nr_cond_init_monotonic(&sh->wake);
    if (pthread_create(&sh->thread, NULL, shots_run, sh) != 0) {
        nr_error("cannot start the snapshot file thread");
        abort(); /* only when threads or memory are gone: as xmalloc */
    }
    fl.shots = sh;
}

/* Error times by feed input; a new failed attempt shows as a new next-attempt time. */
static int64_t error_time(const char *input, bool ok, int64_t next_attempt_unix, int64_t now)
{
    size_t i;
    for (i = 0; i < fl.n; i++)
        if (strcmp(fl.inputs[i], input) == 0)
            break;
    if (i == fl.n) {
        fl.inputs = xrealloc(fl.inputs, (fl.n + 1) * sizeof *fl.inputs);
        fl.last_error_unix = xrealloc(fl.last_error_unix, (fl.n + 1) * sizeof(int64_t));
        fl.seen_next = xrealloc(fl.seen_next, (fl.n + 1) * sizeof(int64_t));
        fl.inputs[i] = xstrdup(input);
        fl.last_error_unix[i] = 0;
        fl.seen_next[i] = -1;
        fl.n++;
    }
    /* the status derives next_attempt from two clocks: it may wobble by a second */
    if (!ok && llabs(fl.seen_next[i] - next_attempt_unix) > 2)
        fl.last_error_unix[i] = now;
    fl.seen_next[i] = next_attempt_unix;
    return fl.last_error_unix[i];
}

void fleet_publish(const struct config *c, const struct fleet_state *st_in)
{
    int64_t now = (int64_t)time(NULL);
    if (!fl.start_unix) {
        fl.start_unix = fleet_metrics_process_start_unix();
        if (!fl.start_unix)
            fl.start_unix = now; /* no /proc: the first publish is close */
        fl.last_screen = -1;
    }
    heartbeat_sync(c);
    remote_sync(c);
    tv_sync(c, st_in->screen);
    snapshot_sync(c);
    shots_sync(c);
    bool any_ok = false;
    for (size_t i = 0; i < st_in->n_feeds; i++)
        any_ok = any_ok || st_in->feeds[i].ok;
    if (fl.hb)
        fleet_heartbeat_set_failing(fl.hb, st_in->n_feeds > 0 && !any_ok);
    if (!c->metrics_file)
        return;

    struct fleet_state st = *st_in;
    struct fleet_feed *feeds = xcalloc(st.n_feeds ? st.n_feeds : 1, sizeof *feeds);
    for (size_t i = 0; i < st.n_feeds; i++) {
        feeds[i] = st.feeds[i];
        feeds[i].last_error_unix =
            error_time(feeds[i].input, feeds[i].ok, feeds[i].next_attempt_unix, now);
    }
    st.feeds = feeds;
    st.start_unix = fl.start_unix;
    st.resident_bytes = fleet_metrics_resident_bytes();
    struct nr_buf b;
    struct nr_err err = { 0 };
    nr_buf_init(&b, METRICS_MAX_BYTES);
    enum nr_result r = fleet_metrics_format(&b, &st);
    if (r != NR_OK)
        nr_fail(&err, r, "the metrics are over %u bytes", METRICS_MAX_BYTES);
    if (r != NR_OK || fleet_write_atomic(c->metrics_file, b.data, b.len, &err) != NR_OK) {
        if (!fl.metrics_warned) /* a missing folder: said once, not every refresh */
            nr_warn("metrics: %s", err.msg);
        fl.metrics_warned = true;
    } else {
        fl.metrics_warned = false;
    }
    nr_buf_release(&b);
    free(feeds);
}

void fleet_stop(void)
{
    shots_free(fl.shots); /* before the socket it asks goes */
    fl.shots = NULL;
    fleet_snapshot_serve_stop();
    free(fl.snapshot_path);
    fl.snapshot_path = NULL;
    tv_free(fl.tv);
    fl.tv = NULL;
    fleet_remote_free(fl.remote);
    fl.remote = NULL;
    free(fl.remote_url);
    free(fl.remote_cache);
    fl.remote_url = fl.remote_cache = NULL;
    heartbeat_stop();
}
