/* watch.c: the alert poller's thread. It reads the sources, parses them, and reports only
 * when their bytes changed, so a still alert costs the main loop nothing between polls.
 * A failing source keeps what it said last (a warning that vanished because the network
 * did would be worse than one shown a minute too long); failures are logged once a run. */
#include "watch.h"

#include "alloc.h"
#include "fetch.h"
#include "log.h"
#include "thread.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct source {
    char *input;
    bool is_file;
    uint64_t hash;              /* of the bytes last read; 0: none yet */
    char *etag, *last_modified; /* for a conditional GET: a warning service polled every
                                 * minute answers 304 most of the time */
    struct alert_list last;     /* what it said last */
    bool failing;
};

struct alert_watch {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stop;  /* under lock */
    int owners; /* under lock: the caller and the thread; the last frees */
    struct source src[2];
    size_t n_src;
    char *language;
    int64_t poll_ms;
    long timeout_ms;
    alert_report_fn report;
    void *ctx;
};

static uint64_t hash_bytes(const char *p, size_t n)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 1099511628211ULL;
    return h ? h : 1;
}

static void watch_destroy(struct alert_watch *w)
{
    for (size_t i = 0; i < w->n_src; i++) {
        free(w->src[i].input);
        free(w->src[i].etag);
        free(w->src[i].last_modified);
        alert_list_release(&w->src[i].last);
    }
    free(w->language);
    pthread_mutex_destroy(&w->lock);
    pthread_cond_destroy(&w->wake);
    free(w);
}

static void drop_owner(struct alert_watch *w)
{
    pthread_mutex_lock(&w->lock);
    bool last = --w->owners == 0;
    pthread_mutex_unlock(&w->lock);
    if (last)
        watch_destroy(w);
}

/* The watch threads still running, over all watches: the exit waits for them before libcurl
 * and libxml2 go (alert_watch_wait_all). */
static pthread_mutex_t live_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t live_cond;
static pthread_once_t live_once = PTHREAD_ONCE_INIT;
static int live_threads;

static void live_init(void)
{
    nr_cond_init_monotonic(&live_cond);
}

static void live_add(int d)
{
    pthread_once(&live_once, live_init);
    pthread_mutex_lock(&live_lock);
    live_threads += d;
    pthread_cond_broadcast(&live_cond);
    pthread_mutex_unlock(&live_lock);
}

bool alert_watch_wait_all(int timeout_ms)
{
    pthread_once(&live_once, live_init);
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += timeout_ms / 1000;
    until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&live_lock);
    while (live_threads > 0)
        if (pthread_cond_timedwait(&live_cond, &live_lock, &until) == ETIMEDOUT)
            break;
    bool done = live_threads == 0;
    pthread_mutex_unlock(&live_lock);
    return done;
}

/* Parses body into list; the CAP documents a feed links to are fetched and read too. False
 * (logged) when body itself cannot be read: the caller keeps what the source said last. */
static bool parse_body(struct alert_watch *w, struct fetcher *f, const struct fetch_limits *lim,
                       struct source *s, const char *body, size_t len, struct alert_list *list)
{
    struct nr_err err = { 0 };
    if (!alert_looks_like_xml(body, len)) {
        alert_parse_text(body, len, s->input, list);
        return true;
    }
    char **links = NULL;
    size_t n_links = 0;
    if (alert_parse_cap(body, len, w->language, list, &links, &n_links, &err) != NR_OK) {
        nr_warn("alerts from '%s': %s; keeping what it said last", s->input, err.msg);
        return false;
    }
    for (size_t i = 0; i < n_links; i++) {
        struct fetch_result r = { 0 };
        struct fetch_limits only_net = *lim;
        only_net.allow_files = false; /* a feed never points us at local files */
        if (fetcher_get(f, links[i], &only_net, NULL, &r, &err) == NR_OK &&
            alert_parse_cap(r.body.data, r.body.len, w->language, list, NULL, NULL, &err) != NR_OK)
            nr_warn("alert '%s': %s", links[i], err.msg);
        else if (err.msg[0])
            nr_warn("%s", err.msg);
        err.msg[0] = '\0';
        fetch_result_release(&r);
        free(links[i]);
    }
    free(links);
    return true;
}

/* Reads one source; true when what it says changed. */
static bool poll_source(struct alert_watch *w, struct fetcher *f, struct source *s)
{
    struct fetch_limits lim;
    struct fetch_result r = { 0 };
    struct nr_err err = { 0 };
    fetch_limits_default(&lim, ALERT_MAX_BYTES);
    lim.total_timeout_ms = w->timeout_ms;
    lim.connect_timeout_ms = w->timeout_ms < 10000 ? w->timeout_ms : 10000;
    lim.allow_files = s->is_file;
    struct fetch_validators val = { s->etag, s->last_modified };
    /* a file is read whole each time: its mtime counts whole seconds, and a warning written
     * twice in one second must not be missed */
    bool conditional = s->hash && !s->is_file;
    enum nr_result rc = fetcher_get(f, s->input, &lim, conditional ? &val : NULL, &r, &err);
    bool changed = false;
    if (rc != NR_OK && s->is_file && rc == NR_ERR_IO) {
        /* no file: no alert (removing the file is how a plain text alert is withdrawn) */
        changed = s->hash != 0;
        s->hash = 0;
        alert_list_release(&s->last);
    } else if (rc != NR_OK) {
        if (!s->failing)
            nr_warn("alerts: %s; keeping what it said last", err.msg);
        s->failing = true;
    } else {
        if (s->failing)
            nr_info("alerts from '%s' read again", s->input);
        s->failing = false;
        if (r.not_modified) {
            fetch_result_release(&r);
            return false;
        }
        free(s->etag);
        free(s->last_modified);
        s->etag = r.etag ? xstrdup(r.etag) : NULL;
        s->last_modified = r.last_modified ? xstrdup(r.last_modified) : NULL;
        uint64_t h = hash_bytes(r.body.data ? r.body.data : "", r.body.len);
        if (h != s->hash) {
            /* a broken document never withdraws a warning: the last good reading stays
             * until the source says something readable (logged once per change) */
            s->hash = h;
            struct alert_list fresh = { 0 };
            if (parse_body(w, f, &lim, s, r.body.data ? r.body.data : "", r.body.len, &fresh)) {
                alert_list_release(&s->last);
                s->last = fresh;
                changed = true;
            } else {
                alert_list_release(&fresh);
            }
        }
    }
    fetch_result_release(&r);
    return changed;
}

static void *watch_main(void *arg)
{
    struct alert_watch *w = arg;
    struct fetcher *f = fetcher_new();
    bool first = true;
    pthread_mutex_lock(&w->lock);
    while (!w->stop) {
        pthread_mutex_unlock(&w->lock);
        bool changed = first;
        for (size_t i = 0; i < w->n_src; i++)
            changed |= poll_source(w, f, &w->src[i]);
        first = false;
        struct alert_list *all = NULL;
        if (changed) {
            all = xcalloc(1, sizeof *all);
            for (size_t i = 0; i < w->n_src; i++)
                for (size_t k = 0; k < w->src[i].last.n; k++)
                    alert_list_add_copy(all, &w->src[i].last.items[k]);
            alert_list_resolve(all);
        }
        pthread_mutex_lock(&w->lock);
        if (all && !w->stop) {
            w->report(w->ctx, all); /* under the lock: alert_watch_free waits for it */
            all = NULL;
        }
        if (all) {
            alert_list_release(all);
            free(all);
        }
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until);
        until.tv_sec += w->poll_ms / 1000;
        until.tv_nsec += (long)(w->poll_ms % 1000) * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        while (!w->stop && pthread_cond_timedwait(&w->wake, &w->lock, &until) != ETIMEDOUT) {
        }
    }
    pthread_mutex_unlock(&w->lock);
    fetcher_free(f);
    drop_owner(w);
    live_add(-1); /* the last thing it does */
    return NULL;
}

struct alert_watch *alert_watch_new(const struct alert_watch_params *p)
{
    if ((!p->file || !*p->file) && (!p->url || !*p->url))
        return NULL;
    struct alert_watch *w = xcalloc(1, sizeof *w);
    pthread_mutex_init(&w->lock, NULL);
    nr_cond_init_monotonic(&w->wake);
    if (p->file && *p->file)
        w->src[w->n_src++] = (struct source){ .input = xstrdup(p->file), .is_file = true };
    if (p->url && *p->url)
        w->src[w->n_src++] = (struct source){ .input = xstrdup(p->url) };
    w->language = xstrdup(p->language ? p->language : "");
    w->poll_ms = p->poll_ms > 0 ? p->poll_ms : 60000;
    w->timeout_ms = p->timeout_ms > 0 ? p->timeout_ms : 20000;
    w->report = p->report;
    w->ctx = p->ctx;
    w->owners = 2;
    pthread_t t;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    live_add(1);
    int rc = pthread_create(&t, &attr, watch_main, w);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        live_add(-1);
        nr_error("no alerts: cannot start a thread: %s", strerror(rc));
        watch_destroy(w);
        return NULL;
    }
    return w;
}

void alert_watch_free(struct alert_watch *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->stop = true;
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
    drop_owner(w);
}
