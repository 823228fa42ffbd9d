/* heartbeat.c: the ping thread: it sleeps on its own clock, never waking the slideshow. */
#include "heartbeat.h"

#include "alloc.h"
#include "fetch.h"
#include "log.h"
#include "nr_limits.h"
#include "thread.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

bool fleet_heartbeat_on_hours(int on_minute, int off_minute, int minute_of_day)
{
    if (on_minute == off_minute)
        return true;
    if (on_minute < off_minute)
        return minute_of_day >= on_minute && minute_of_day < off_minute;
    return minute_of_day >= on_minute || minute_of_day < off_minute; /* across midnight */
}

char *fleet_heartbeat_ping_url(const char *base, bool failing)
{
    if (!failing)
        return xstrdup(base);
    size_t path_len = strcspn(base, "?#");
    struct nr_buf b;
    nr_buf_init(&b, NR_MAX_URL_BYTES);
    enum nr_result r = nr_buf_append(&b, base, path_len);
    if (r == NR_OK && path_len > 0 && base[path_len - 1] == '/')
        b.len--, b.data[b.len] = '\0';
    if (r == NR_OK)
        r = nr_buf_puts(&b, "/fail");
    if (r == NR_OK)
        r = nr_buf_puts(&b, base + path_len);
    if (r != NR_OK) {
        nr_buf_release(&b);
        return xstrdup(base); /* too long to mark: the plain ping still says it runs */
    }
    return nr_buf_detach(&b);
}

struct heartbeat {
    struct heartbeat_params p; /* p.url is url */
    char *url;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stop, failing;
    uint64_t count;
};

static struct timespec deadline_in(int64_t ms)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    ts.tv_sec += (time_t)(ms / 1000);
    ts.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    return ts;
}

static void ping(struct heartbeat *hb, struct fetcher *f, bool failing, unsigned *failures)
{
    struct fetch_limits lim;
    struct fetch_result r = { 0 };
    struct nr_err err = { 0 };
    char *url = fleet_heartbeat_ping_url(hb->p.url, failing);
    fetch_limits_default(&lim, 64 * 1024);
    lim.total_timeout_ms = hb->p.timeout_ms;
    if (lim.connect_timeout_ms > lim.total_timeout_ms)
        lim.connect_timeout_ms = lim.total_timeout_ms;
    if (fetcher_get(f, url, &lim, NULL, &r, &err) != NR_OK) {
        /* counted, not re-printed: the first failure and every tenth */
        if (++*failures == 1 || *failures % 10 == 0)
            nr_warn("heartbeat: %s (failure %u)", err.msg, *failures);
    } else {
        if (*failures)
            nr_info("heartbeat: '%s' answers again", url);
        *failures = 0;
    }
    fetch_result_release(&r);
    free(url);
}

static void *run(void *arg)
{
    struct heartbeat *hb = arg;
    struct fetcher *f = fetcher_new();
    unsigned failures = 0;
    pthread_mutex_lock(&hb->lock);
    for (;;) {
        struct timespec until = deadline_in(hb->p.interval_ms);
        while (!hb->stop && pthread_cond_timedwait(&hb->wake, &hb->lock, &until) == 0)
            ; /* woken only to stop */
        if (hb->stop)
            break;
        bool failing = hb->failing;
        pthread_mutex_unlock(&hb->lock);
        time_t now = time(NULL);
        struct tm tm;
        localtime_r(&now, &tm);
        /* off hours: no ping at all; the check's grace time covers the night */
        if (fleet_heartbeat_on_hours(hb->p.on_minute, hb->p.off_minute,
                                     tm.tm_hour * 60 + tm.tm_min))
            ping(hb, f, failing, &failures);
        pthread_mutex_lock(&hb->lock);
        hb->count++;
    }
    pthread_mutex_unlock(&hb->lock);
    fetcher_free(f);
    return NULL;
}

struct heartbeat *fleet_heartbeat_new(const struct heartbeat_params *p)
{
    struct heartbeat *hb = xcalloc(1, sizeof *hb);
    hb->p = *p;
    hb->url = xstrdup(p->url);
    hb->p.url = hb->url;
    pthread_mutex_init(&hb->lock, NULL);
    nr_cond_init_monotonic(&hb->wake);
    if (pthread_create(&hb->thread, NULL, run, hb) != 0) {
        nr_error("cannot start the heartbeat thread");
        abort(); /* only when threads or memory are gone: as xmalloc */
    }
    return hb;
}

void fleet_heartbeat_free(struct heartbeat *hb)
{
    if (!hb)
        return;
    pthread_mutex_lock(&hb->lock);
    hb->stop = true;
    pthread_cond_signal(&hb->wake);
    pthread_mutex_unlock(&hb->lock);
    pthread_join(hb->thread, NULL);
    pthread_cond_destroy(&hb->wake);
    pthread_mutex_destroy(&hb->lock);
    free(hb->url);
    free(hb);
}

void fleet_heartbeat_set_failing(struct heartbeat *hb, bool failing)
{
    pthread_mutex_lock(&hb->lock);
    hb->failing = failing;
    pthread_mutex_unlock(&hb->lock);
}

uint64_t fleet_heartbeat_count(struct heartbeat *hb)
{
    pthread_mutex_lock(&hb->lock);
    uint64_t n = hb->count;
    pthread_mutex_unlock(&hb->lock);
    return n;
}
