/* fleet.c: the metrics file and the heartbeat, kept in step with the settings. */
#include "fleet.h"

#include "alloc.h"
#include "heartbeat.h"
#include "log.h"
#include "remote.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "banned.h"

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
    heartbeat_free(fl.hb);
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
    fl.hb = heartbeat_new(&p);
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
        remote_free(fl.remote);
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
            fl.remote = remote_new(&p);
            fl.remote_url = xstrdup(c->settings_url);
            fl.remote_cache = xstrdup(cache);
            fl.remote_interval_ms = interval_ms;
            nr_info("remote settings: '%s' checked every %lld s", c->settings_url,
                    (long long)(interval_ms / 1000));
        }
    }
    free(cache);
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
    if (!fl.start_unix)
        fl.start_unix = now;
    heartbeat_sync(c);
    remote_sync(c);
    bool any_ok = false;
    for (size_t i = 0; i < st_in->n_feeds; i++)
        any_ok = any_ok || st_in->feeds[i].ok;
    if (fl.hb)
        heartbeat_set_failing(fl.hb, st_in->n_feeds > 0 && !any_ok);
    if (!c->metrics_file)
        return;

    struct fleet_state st = *st_in;
    struct fleet_feed *feeds = xcalloc(st.n_feeds ? st.n_feeds : 1, sizeof *feeds);
    for (size_t i = 0; i < st.n_feeds; i++) {
        feeds[i] = st.feeds[i];
        feeds[i].last_error_unix = error_time(feeds[i].input, feeds[i].ok,
                                              feeds[i].next_attempt_unix, now);
    }
    st.feeds = feeds;
    st.start_unix = fl.start_unix;
    st.resident_bytes = metrics_resident_bytes();
    struct nr_buf b;
    struct nr_err err = { 0 };
    nr_buf_init(&b, 0);
    metrics_format(&b, &st);
    if (fleet_write_atomic(c->metrics_file, b.data, b.len, &err) != NR_OK) {
        if (!fl.metrics_warned)   /* a missing folder: said once, not every refresh */
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
    remote_free(fl.remote);
    fl.remote = NULL;
    free(fl.remote_url);
    free(fl.remote_cache);
    fl.remote_url = fl.remote_cache = NULL;
    heartbeat_stop();
}
