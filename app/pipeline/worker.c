/* worker.c: feed refresh and job threads. Each owns its fetcher; the only state shared
 * with the main thread is the job queue below, under one mutex. */
#include "worker.h"

#include "alloc.h"
#include "cache.h"
#include "log.h"
#include "nr_limits.h"
#include "strutil.h"
#include "thread.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define JOB_QUEUE 4
#define REFUSED_MAX 256 /* photo URLs the decoder refused, remembered (oldest forgotten first) */
#define ARTICLE_POST_MS 3000 /* a long reading pass shows its upgrades this often */

enum worker_job_kind {
    WORKER_JOB_PHOTO,    /* download url (disk cache first), decode, report the photo */
    WORKER_JOB_PREFETCH, /* download url into the disk cache; no decode, no report */
    WORKER_JOB_LOGO,     /* as PHOTO, decoded by params.decode_logo */
};

struct worker_job {
    enum worker_job_kind kind;
    uint64_t id;
    char *url;
    bool allow_files;
};

struct feed_sched {
    char *input;
    char *url; /* pipeline_input_url(input): the cache key */
    uint64_t next_ms;
    unsigned failures;
    int64_t success_unix;
    uint64_t success_ms;
    char *etag, *last_modified; /* validators of the stories the main thread holds */
    bool have_stories;
    bool local;             /* a file the user named: no disk cache, files allowed */
    struct story_list held; /* the stories last posted, upgraded: what articles are read for */
    bool read_pending;      /* a reading pass gave way to a due refresh: resume when idle */
};

struct refusal {
    uint64_t hash; /* of the photo's URL */
    char why[200];
};

struct worker {
    struct worker_params p; /* feeds and cache_dir point into our own copies */
    struct feed_sched *feeds;
    char *cache_dir;
    char *photo_dir;                     /* <cache_dir>/photos; NULL without a cache */
    char *article_dir;                   /* params.articles.cache_dir, copied */
    struct article_reader *reader;       /* the feed thread's; NULL: articles are not read */
    struct refusal refused[REFUSED_MAX]; /* the job thread's */
    size_t n_refused, refused_next;

    pthread_mutex_t lock; /* guards everything below */
    pthread_cond_t wake;  /* CLOCK_MONOTONIC */
    bool stop;
    bool refresh_all;
    struct worker_job jobs[JOB_QUEUE];
    size_t n_jobs;
    int refs; /* the main thread's and each running thread's */
    pthread_t feed_thread, job_thread;
};

/* Threads alive over all workers, so that exit can wait for them a bounded time. */
static pthread_mutex_t live_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t live_cond = PTHREAD_COND_INITIALIZER;
static int live_threads;
static atomic_uint_fast64_t refreshes, prunes, photo_failures, upgrades, refusals;

uint64_t pipeline_worker_photo_failure_count(void)
{
    return (uint64_t)atomic_load(&photo_failures);
}

uint64_t pipeline_worker_article_upgrades(void)
{
    return (uint64_t)atomic_load(&upgrades);
}

uint64_t pipeline_worker_photo_refusals(void)
{
    return (uint64_t)atomic_load(&refusals);
}

uint64_t pipeline_worker_refresh_count(void)
{
    return (uint64_t)atomic_load(&refreshes);
}

uint64_t pipeline_worker_prune_count(void)
{
    return (uint64_t)atomic_load(&prunes);
}

static uint64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static uint64_t now_ms(const struct worker *w)
{
    return w->p.now_ms ? w->p.now_ms() : mono_ms();
}

void pipeline_worker_feed_update_free(struct worker_feed_update *u)
{
    if (!u)
        return;
    story_list_release(&u->stories);
    free(u->title);
    free(u->logo_url);
    free(u);
}

void pipeline_worker_photo_free(struct worker_photo *p)
{
    if (!p)
        return;
    if (p->free_photo)
        p->free_photo(p->photo);
    free(p);
}

int64_t pipeline_worker_backoff_ms(unsigned failures, int64_t base_ms, int64_t cap_ms,
                                   long retry_after_s, uint32_t rnd)
{
    int64_t d = base_ms > 0 ? base_ms : 1;
    for (unsigned i = 1; i < failures && d < cap_ms; i++)
        d *= 2;
    if (d > cap_ms)
        d = cap_ms;
    d = d / 2 + (int64_t)(rnd % (uint64_t)(d / 2 + 1));
    if (retry_after_s > 0) {
        int64_t ra = (retry_after_s > 6 * 3600 ? 6 * 3600 : retry_after_s) * 1000;
        if (ra > d)
            d = ra;
    }
    return d;
}

static uint32_t next_random(uint32_t *state)
{
    uint32_t x = *state; /* xorshift32: jitter needs spread, not secrecy */
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x ? x : 0x9e3779b9u;
}

static void release_ref(struct worker *w)
{
    pthread_mutex_lock(&w->lock);
    int left = --w->refs;
    pthread_mutex_unlock(&w->lock);
    if (left > 0)
        return;
    for (size_t i = 0; i < w->p.n_feeds; i++) {
        free(w->feeds[i].input);
        free(w->feeds[i].url);
        free(w->feeds[i].etag);
        free(w->feeds[i].last_modified);
        story_list_release(&w->feeds[i].held);
    }
    for (size_t i = 0; i < w->n_jobs; i++)
        free(w->jobs[i].url);
    free(w->feeds);
    free(w->p.feeds);
    free(w->cache_dir);
    free(w->photo_dir);
    free(w->article_dir);
    pthread_cond_destroy(&w->wake);
    pthread_mutex_destroy(&w->lock);
    free(w);
}

static void thread_exit(struct worker *w)
{
    release_ref(w);
    pthread_mutex_lock(&live_lock);
    live_threads--;
    pthread_cond_broadcast(&live_cond);
    pthread_mutex_unlock(&live_lock);
}

bool pipeline_worker_wait_all(int timeout_ms)
{
    struct timespec until;
    bool done;
    clock_gettime(CLOCK_REALTIME, &until);
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
    done = live_threads == 0;
    pthread_mutex_unlock(&live_lock);
    return done;
}

/* Waits on w->wake until stop, a request, or now_ms() reaches until_ms. Locked. */
static void wait_until(struct worker *w, uint64_t until_ms)
{
    uint64_t now = now_ms(w);
    if (until_ms <= now)
        return;
    uint64_t d = until_ms - now;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    ts.tv_sec += (time_t)(d / 1000);
    ts.tv_nsec += (long)(d % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    pthread_cond_timedwait(&w->wake, &w->lock, &ts);
}

static bool stopping(struct worker *w)
{
    pthread_mutex_lock(&w->lock);
    bool s = w->stop;
    pthread_mutex_unlock(&w->lock);
    return s;
}

/* Hands u to the caller; frees it when the worker stopped. */
static void post_update(struct worker *w, struct worker_feed_update *u)
{
    if (stopping(w)) {
        pipeline_worker_feed_update_free(u);
        return;
    }
    w->p.report(w->p.report_ctx, WORKER_REPORT_FEED, u); /* the callee owns u now */
}

static struct worker_feed_update *new_update(struct worker *w, size_t i)
{
    struct worker_feed_update *u = xcalloc(1, sizeof *u);
    u->generation = w->p.generation;
    u->feed = i;
    return u;
}

static void set_validators(struct feed_sched *fs, const struct fetch_result *r)
{
    free(fs->etag);
    free(fs->last_modified);
    fs->etag = xstrdup(r->etag);
    fs->last_modified = xstrdup(r->last_modified);
}

static struct pipeline_options feed_options(const struct worker *w, const struct feed_sched *fs)
{
    return (struct pipeline_options){
        .allow_files = fs->local,
        .screen_w = w->p.screen_w,
        .screen_h = w->p.screen_h,
        .timeout_ms = (long)w->p.timeout_s * 1000,
        .article_images = w->p.article_images,
    };
}

/* ---- articles ---- */

static void copy_list(struct story_list *dst, const struct story_list *src)
{
    for (size_t i = 0; i < src->n; i++) {
        struct story c;
        story_copy(&c, &src->items[i]);
        story_list_push(dst, &c);
    }
}

/* The feed's stories in the order the rotation will show them. out: room for l->n. */
static size_t read_order(const struct worker *w, const struct story_list *l, size_t *out)
{
    if (w->p.order)
        return w->p.order(l, w->p.order_max_stories, w->p.order_max_age_s, (int64_t)time(NULL), out,
                          l->n);
    for (size_t i = 0; i < l->n; i++)
        out[i] = i;
    return l->n;
}

/* Whether a refresh is due (or asked for): a reading pass then gives way to it. */
static bool refresh_due(struct worker *w)
{
    pthread_mutex_lock(&w->lock);
    bool due = w->stop || w->refresh_all;
    uint64_t now = now_ms(w);
    for (size_t i = 0; !due && i < w->p.n_feeds; i++)
        due = w->feeds[i].next_ms <= now;
    pthread_mutex_unlock(&w->lock);
    return due;
}

/* Applies what the article cache holds to l's stories (disk reads only). Returns how many
 * changed. */
static size_t apply_cached_articles(struct worker *w, struct fetcher *f, struct story_list *l)
{
    size_t changed = 0;
    if (!w->reader || l->n == 0)
        return 0;
    size_t *ord = xcalloc(l->n, sizeof *ord);
    size_t n = read_order(w, l, ord);
    article_reader_begin_cache_only(w->reader);
    for (size_t k = 0; k < n; k++)
        changed += article_read(w->reader, f, &l->items[ord[k]], NULL);
    free(ord);
    atomic_fetch_add(&upgrades, changed);
    return changed;
}

/* Posts feed i's held stories, upgraded, as a second update of the same feed. */
static void post_articles(struct worker *w, size_t i, size_t upgraded)
{
    struct feed_sched *fs = &w->feeds[i];
    struct worker_feed_update *u = new_update(w, i);
    u->has_stories = true;
    u->articles = true;
    u->upgraded = upgraded;
    u->ok = true;
    copy_list(&u->stories, &fs->held);
    u->success_unix = fs->success_unix;
    u->success_ms = fs->success_ms;
    u->next_attempt_ms = fs->next_ms;
    post_update(w, u);
}

/* Reads the articles of feed i's held stories, in rotation order, within the reader's
 * budget, and posts the upgraded list (as it goes on a long pass). Gives way to a refresh
 * that falls due, marking the pass to be resumed. */
static void article_pass(struct worker *w, struct fetcher *f, size_t i)
{
    struct feed_sched *fs = &w->feeds[i];
    fs->read_pending = false;
    if (!w->reader || fs->held.n == 0)
        return;
    size_t *ord = xcalloc(fs->held.n, sizeof *ord);
    size_t n = read_order(w, &fs->held, ord);
    size_t changed = 0, posted = 0;
    unsigned long asked = article_reader_requests(w->reader);
    uint64_t last_post = now_ms(w);
    for (size_t k = 0; k < n; k++) {
        if (refresh_due(w)) {
            fs->read_pending = true;
            break;
        }
        struct story *st = &fs->held.items[ord[k]];
        if (article_read(w->reader, f, st, NULL)) {
            changed++;
            nr_debug("'%s' upgraded from its article", st->headline ? st->headline : "");
        }
        if (changed > posted && now_ms(w) - last_post >= ARTICLE_POST_MS) {
            post_articles(w, i, changed);
            posted = changed;
            last_post = now_ms(w);
        }
    }
    free(ord);
    atomic_fetch_add(&upgrades, changed);
    if (changed > posted)
        post_articles(w, i, changed);
    if (changed)
        nr_info("'%s': %zu stor%s upgraded from %s (%lu requests)", fs->input, changed,
                changed == 1 ? "y" : "ies", changed == 1 ? "its article" : "their articles",
                article_reader_requests(w->reader) - asked);
}

/* The last good body of every feed, shown before the first refresh answers. */
static void load_caches(struct worker *w, struct fetcher *f)
{
    for (size_t i = 0; i < w->p.n_feeds && w->cache_dir; i++) {
        struct feed_sched *fs = &w->feeds[i];
        struct fetch_result r = { 0 };
        struct nr_err err = { 0 };
        int64_t fetched_unix = 0;
        /* none (or a torn one, which cache_load logs): the first refresh will tell */
        if (fs->local || cache_load(w->cache_dir, fs->url, &r, &fetched_unix, &err) != NR_OK) {
            fetch_result_release(&r);
            continue;
        }
        struct worker_feed_update *u = new_update(w, i);
        struct pipeline_meta meta = { 0 };
        struct pipeline_options opt = feed_options(w, fs);
        if (pipeline_stories_from_body(r.body.data, r.body.len, r.final_url ? r.final_url : fs->url,
                                       r.content_type, &opt, &u->stories, &meta, &err) == NR_OK) {
            u->has_stories = true;
            u->from_cache = true;
            u->title = xstrdup(meta.feed_title);
            u->logo_url = xstrdup(meta.logo_url);
            u->ok = true;
            u->success_unix = fs->success_unix = fetched_unix;
            /* its age on the monotonic clock, so that "stale" counts from the real fetch */
            int64_t age_ms = ((int64_t)time(NULL) - fetched_unix) * 1000;
            uint64_t now = now_ms(w);
            fs->success_ms = age_ms > 0 && (uint64_t)age_ms < now ? now - (uint64_t)age_ms : 1;
            u->success_ms = fs->success_ms;
            u->next_attempt_ms = now;
            fs->have_stories = true;
            set_validators(fs, &r);
            /* the articles read before a restart: upgraded slides at once */
            apply_cached_articles(w, f, &u->stories);
            story_list_release(&fs->held);
            copy_list(&fs->held, &u->stories);
            post_update(w, u);
        } else {
            nr_warn("cached copy of '%s' ignored: %s", fs->input, err.msg);
            pipeline_worker_feed_update_free(u);
        }
        pipeline_meta_release(&meta);
        fetch_result_release(&r);
    }
    struct worker_feed_update *done = new_update(w, WORKER_CACHE_DONE);
    post_update(w, done);
}

static void refresh_feed(struct worker *w, struct fetcher *f, size_t i, uint32_t *rnd)
{
    struct feed_sched *fs = &w->feeds[i];
    struct worker_feed_update *u = new_update(w, i);
    struct pipeline_meta meta = { 0 };
    struct nr_err err = { 0 };
    struct fetch_validators val = { .etag = fs->etag, .last_modified = fs->last_modified };
    struct pipeline_options opt = feed_options(w, fs);
    opt.validators = fs->have_stories ? &val : NULL;

    enum nr_result rc = pipeline_load(f, fs->input, &opt, &u->stories, &meta, &err);
    uint64_t now = now_ms(w);
    atomic_fetch_add(&refreshes, 1);
    u->http_status = meta.fetched.http_status;
    if (rc == NR_OK) {
        u->ok = true;
        fs->failures = 0;
        fs->success_unix = (int64_t)time(NULL);
        fs->success_ms = now;
        fs->next_ms = now + (uint64_t)w->p.refresh_ms;
        if (!meta.fetched.not_modified) {
            u->has_stories = true;
            u->title = xstrdup(meta.feed_title);
            u->logo_url = xstrdup(meta.logo_url);
            fs->have_stories = true;
            set_validators(fs, &meta.fetched);
            struct nr_err cerr = { 0 };
            if (w->cache_dir && !fs->local &&
                cache_store(w->cache_dir, fs->url, &meta.fetched, fs->success_unix, &cerr) != NR_OK)
                nr_warn("%s", cerr.msg);
        }
    } else {
        fs->failures++;
        int64_t d =
            pipeline_worker_backoff_ms(fs->failures, w->p.backoff_base_ms, w->p.backoff_cap_ms,
                                       meta.fetched.retry_after_s, next_random(rnd));
        fs->next_ms = now + (uint64_t)d;
        snprintf(u->error, sizeof u->error, "%s", err.msg);
        story_list_release(&u->stories); /* a failed load keeps the last good stories */
        /* counted, not re-printed: one line at the first failure and at every tenth */
        if (fs->failures == 1 || fs->failures % 10 == 0)
            nr_warn("%s (failure %u; retry in %lld s)", err.msg, fs->failures,
                    (long long)(d / 1000));
    }
    u->success_unix = fs->success_unix;
    u->success_ms = fs->success_ms;
    u->next_attempt_ms = fs->next_ms;
    pipeline_meta_release(&meta);
    if (u->has_stories && w->reader) {
        /* what the cache knows goes out with the feed's own data; the rest is read next */
        apply_cached_articles(w, f, &u->stories);
        story_list_release(&fs->held);
        copy_list(&fs->held, &u->stories);
    }
    bool read = u->ok && w->reader;
    post_update(w, u); /* the first slide never waits for an article */
    if (read) {
        article_reader_begin_refresh(w->reader);
        article_pass(w, f, i);
    }
}

static void *feed_loop(void *arg)
{
    struct worker *w = arg;
    struct fetcher *f = fetcher_new();
    uint32_t rnd = (uint32_t)time(NULL) ^ ((uint32_t)getpid() << 16) ^ w->p.generation;

    if (w->p.read_articles)
        w->reader = article_reader_new(&w->p.articles);
    load_caches(w, f);
    for (;;) {
        pthread_mutex_lock(&w->lock);
        size_t due = SIZE_MAX, resume = SIZE_MAX;
        for (;;) {
            if (w->stop)
                break;
            if (w->refresh_all) {
                w->refresh_all = false;
                for (size_t i = 0; i < w->p.n_feeds; i++)
                    w->feeds[i].next_ms = 0;
            }
            uint64_t now = now_ms(w), soonest = UINT64_MAX;
            for (size_t i = 0; i < w->p.n_feeds; i++) {
                if (w->feeds[i].next_ms < soonest) {
                    soonest = w->feeds[i].next_ms;
                    due = i;
                }
            }
            if (due != SIZE_MAX && soonest <= now)
                break;
            due = SIZE_MAX;
            for (size_t i = 0; i < w->p.n_feeds && resume == SIZE_MAX; i++)
                if (w->feeds[i].read_pending)
                    resume = i;
            if (resume != SIZE_MAX)
                break;
            wait_until(w, soonest == UINT64_MAX ? now + 60000 : soonest);
        }
        bool stop = w->stop;
        pthread_mutex_unlock(&w->lock);
        if (stop)
            break;
        if (due != SIZE_MAX)
            refresh_feed(w, f, due, &rnd);
        else
            article_pass(w, f, resume); /* what gave way to a refresh, within what is left */
    }
    article_reader_free(w->reader);
    w->reader = NULL;
    fetcher_free(f);
    thread_exit(w);
    return NULL;
}

static uint64_t url_hash(const char *url)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)url; *p; p++)
        h = (h ^ *p) * 1099511628211ull;
    return h;
}

/* Job thread only. */
static const struct refusal *find_refusal(const struct worker *w, const char *url)
{
    uint64_t h = url_hash(url);
    for (size_t i = 0; i < w->n_refused; i++)
        if (w->refused[i].hash == h)
            return &w->refused[i];
    return NULL;
}

/* A photo the decoder refused stays refused: logged once, with its URL and why. */
static void remember_refusal(struct worker *w, const char *url, const char *why)
{
    struct refusal *rf = &w->refused[w->refused_next];
    w->refused_next = (w->refused_next + 1) % REFUSED_MAX;
    if (w->n_refused < REFUSED_MAX)
        w->n_refused++;
    rf->hash = url_hash(url);
    snprintf(rf->why, sizeof rf->why, "%.199s", why);
    atomic_fetch_add(&refusals, 1);
    nr_info("photo '%s' not shown: %s; not asked for again", url, why);
}

/* Fills p->photo, or p->error. */
static void download_photo(struct worker *w, struct fetcher *f, const struct worker_job *r,
                           struct worker_photo *p)
{
    static unsigned store_failures; /* this thread's only */
    struct fetch_result res = { 0 };
    struct fetch_limits lim;
    struct nr_err err = { 0 };

    fetch_limits_default(&lim, NR_MAX_PHOTO_BYTES);
    lim.allow_files = r->allow_files;
    lim.total_timeout_ms = (long)w->p.timeout_s * 1000;
    if (lim.connect_timeout_ms > lim.total_timeout_ms)
        lim.connect_timeout_ms = lim.total_timeout_ms;
    /* a photo at a URL does not change: the disk copy first, so that slides keep their
     * photos while the network is down and a rotation does not download them again */
    bool cached = w->photo_dir && !r->allow_files &&
                  cache_photo_load(w->photo_dir, r->url, &res, &err) == NR_OK;
    if (!cached) {
        fetch_result_release(&res);
        memset(&err, 0, sizeof err);
    }
    bool refused = false;
    if (cached || fetcher_get(f, r->url, &lim, NULL, &res, &err) == NR_OK) {
        /* the decoder checks the header's size before it decodes anything */
        if (r->kind == WORKER_JOB_LOGO)
            p->photo =
                w->p.decode_logo ? w->p.decode_logo(res.body.data, res.body.len, &err) : NULL;
        else
            p->photo = w->p.decode(res.body.data, res.body.len, w->p.screen_w, w->p.screen_h, &err);
        refused = !p->photo; /* the bytes came; they are not a photo we show */
        struct nr_err cerr = { 0 };
        if (p->photo && !cached && w->photo_dir && !r->allow_files &&
            cache_photo_store(w->photo_dir, r->url, &res, (int64_t)time(NULL), &cerr) != NR_OK) {
            /* counted, not re-printed: a full or read-only disk says so once in a while */
            if (store_failures++ % 100 == 0)
                nr_warn("photo not kept on disk: %s", cerr.msg);
        }
    } else if (err.code == NR_ERR_TOO_BIG) {
        refused = true; /* it will not shrink */
    }
    if (!p->photo) {
        atomic_fetch_add(&photo_failures, 1);
        snprintf(p->error, sizeof p->error, "%s", err.msg[0] ? err.msg : "no photo");
        if (refused)
            remember_refusal(w, r->url, p->error);
        else /* the network: asked again next time */
            nr_debug("photo '%s' not shown: %s", r->url, p->error);
    }
    fetch_result_release(&res);
}

static void fetch_photo(struct worker *w, struct fetcher *f, const struct worker_job *r)
{
    struct worker_photo *p = xcalloc(1, sizeof *p);
    p->generation = w->p.generation;
    p->id = r->id;
    p->free_photo = w->p.free_photo;
    const struct refusal *known = find_refusal(w, r->url);
    if (known) /* neither fetched nor logged again */
        snprintf(p->error, sizeof p->error, "%s", known->why);
    else
        download_photo(w, f, r, p);
    if (stopping(w)) {
        pipeline_worker_photo_free(p);
        return;
    }
    w->p.report(w->p.report_ctx, WORKER_REPORT_PHOTO, p); /* the callee owns p now */
}

static void prefetch_photo(struct worker *w, struct fetcher *f, const struct worker_job *r)
{
    struct fetch_result res = { 0 };
    struct fetch_limits lim;
    struct nr_err err = { 0 };
    struct stat st;
    char *path = cache_path(w->photo_dir, r->url);
    bool have = stat(path, &st) == 0;
    free(path);
    if (have || find_refusal(w, r->url))
        return;
    fetch_limits_default(&lim, NR_MAX_PHOTO_BYTES);
    lim.total_timeout_ms = (long)w->p.timeout_s * 1000;
    if (lim.connect_timeout_ms > lim.total_timeout_ms)
        lim.connect_timeout_ms = lim.total_timeout_ms;
    if (fetcher_get(f, r->url, &lim, NULL, &res, &err) == NR_OK &&
        cache_photo_store(w->photo_dir, r->url, &res, (int64_t)time(NULL), &err) == NR_OK)
        nr_debug("photo '%s' fetched ahead", r->url);
    else
        nr_debug("photo '%s' not fetched ahead: %s", r->url, err.msg);
    fetch_result_release(&res);
}

/* The photo cache is pruned at start and then once a day on the monotonic clock, whether
 * or not photos are asked for meanwhile (the job thread wakes for it). */
static void prune(struct worker *w)
{
    if (!w->photo_dir)
        return;
    size_t n = cache_prune(w->photo_dir, CACHE_PHOTO_KEEP_S, (int64_t)time(NULL));
    atomic_fetch_add(&prunes, 1);
    if (n)
        nr_debug("%zu unused photos removed from the disk cache", n);
}

static void *job_loop(void *arg)
{
    struct worker *w = arg;
    struct fetcher *f = fetcher_new();
    prune(w);
    uint64_t next_prune_ms = now_ms(w) + (uint64_t)w->p.prune_every_ms;
    for (;;) {
        struct worker_job r;
        bool have = false, due = false;
        pthread_mutex_lock(&w->lock);
        while (!w->stop && w->n_jobs == 0 && !(due = now_ms(w) >= next_prune_ms))
            wait_until(w, next_prune_ms);
        bool stop = w->stop;
        if (!stop && w->n_jobs > 0) {
            r = w->jobs[0];
            memmove(&w->jobs[0], &w->jobs[1], --w->n_jobs * sizeof w->jobs[0]);
            have = true;
        }
        pthread_mutex_unlock(&w->lock);
        if (stop)
            break;
        if (due || now_ms(w) >= next_prune_ms) {
            prune(w);
            next_prune_ms = now_ms(w) + (uint64_t)w->p.prune_every_ms;
        }
        if (!have)
            continue;
        switch (r.kind) {
        case WORKER_JOB_PHOTO:
        case WORKER_JOB_LOGO: fetch_photo(w, f, &r); break;
        case WORKER_JOB_PREFETCH: prefetch_photo(w, f, &r); break;
        }
        free(r.url);
    }
    fetcher_free(f);
    thread_exit(w);
    return NULL;
}

static void start_thread(struct worker *w, pthread_t *t, void *(*fn)(void *))
{
    pthread_mutex_lock(&live_lock);
    live_threads++;
    pthread_mutex_unlock(&live_lock);
    w->refs++;
    int rc = pthread_create(t, NULL, fn, w);
    if (rc != 0) {
        /* no thread, no refresh: the slides keep showing what they have */
        nr_error("cannot start a worker thread: %s", strerror(rc));
        w->refs--;
        pthread_mutex_lock(&live_lock);
        live_threads--;
        pthread_mutex_unlock(&live_lock);
        return;
    }
    pthread_detach(*t);
}

struct worker *pipeline_worker_new(const struct worker_params *p)
{
    struct worker *w = xcalloc(1, sizeof *w);

    w->p = *p;
    if (w->p.prune_every_ms <= 0)
        w->p.prune_every_ms = CACHE_PRUNE_EVERY_MS;
    w->p.feeds = xcalloc(p->n_feeds ? p->n_feeds : 1, sizeof *w->p.feeds);
    w->feeds = xcalloc(p->n_feeds ? p->n_feeds : 1, sizeof *w->feeds);
    for (size_t i = 0; i < p->n_feeds; i++) {
        w->feeds[i].input = xstrdup(p->feeds[i]);
        w->feeds[i].url = pipeline_input_url(p->feeds[i]);
        w->feeds[i].local = nr_starts_with_ci(w->feeds[i].url, "file:");
        w->p.feeds[i] = w->feeds[i].input;
    }
    w->cache_dir = xstrdup(p->cache_dir);
    w->p.cache_dir = w->cache_dir;
    w->article_dir = xstrdup(p->articles.cache_dir);
    w->p.articles.cache_dir = w->article_dir;
    if (p->cache_dir) {
        size_t n = strlen(p->cache_dir) + 16;
        w->photo_dir = xmalloc(n);
        snprintf(w->photo_dir, n, "%s/photos", p->cache_dir);
    }
    pthread_mutex_init(&w->lock, NULL);
    nr_cond_init_monotonic(&w->wake);
    w->refs = 1;
    start_thread(w, &w->feed_thread, feed_loop);
    start_thread(w, &w->job_thread, job_loop);
    return w;
}

void pipeline_worker_free(struct worker *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->stop = true;
    pthread_cond_broadcast(&w->wake);
    pthread_mutex_unlock(&w->lock);
    release_ref(w);
}

/* Removes queued job i. Locked. */
static void drop_job(struct worker *w, size_t i)
{
    free(w->jobs[i].url);
    memmove(&w->jobs[i], &w->jobs[i + 1], (--w->n_jobs - i) * sizeof w->jobs[0]);
}

/* Queues a job for url (copied). A full queue drops its oldest prefetch, else its oldest
 * job; a prefetch that finds only photo requests there is itself dropped. */
static void queue_job(struct worker *w, enum worker_job_kind kind, uint64_t id, const char *url,
                      bool allow_files)
{
    pthread_mutex_lock(&w->lock);
    if (w->n_jobs == JOB_QUEUE) {
        size_t victim = 0;
        while (victim < w->n_jobs && w->jobs[victim].kind != WORKER_JOB_PREFETCH)
            victim++;
        if (victim == w->n_jobs && kind == WORKER_JOB_PREFETCH) {
            pthread_mutex_unlock(&w->lock);
            return;
        }
        drop_job(w, victim < w->n_jobs ? victim : 0);
    }
    w->jobs[w->n_jobs++] = (struct worker_job){
        .kind = kind, .id = id, .url = xstrdup(url), .allow_files = allow_files
    };
    pthread_cond_broadcast(&w->wake);
    pthread_mutex_unlock(&w->lock);
}

void pipeline_worker_request_photo(struct worker *w, uint64_t id, const char *url, bool allow_files)
{
    queue_job(w, WORKER_JOB_PHOTO, id, url, allow_files);
}

void pipeline_worker_request_logo(struct worker *w, uint64_t id, const char *url, bool allow_files)
{
    queue_job(w, WORKER_JOB_LOGO, id, url, allow_files);
}

void pipeline_worker_prefetch_photo(struct worker *w, const char *url, bool allow_files)
{
    if (w->photo_dir && !allow_files)
        queue_job(w, WORKER_JOB_PREFETCH, 0, url, false);
}

void pipeline_worker_cancel(struct worker *w, uint64_t id)
{
    pthread_mutex_lock(&w->lock);
    for (size_t i = 0; i < w->n_jobs; i++) {
        if (w->jobs[i].kind == WORKER_JOB_PHOTO && w->jobs[i].id == id) {
            drop_job(w, i);
            break;
        }
    }
    pthread_mutex_unlock(&w->lock);
}

void pipeline_worker_refresh_now(struct worker *w)
{
    pthread_mutex_lock(&w->lock);
    w->refresh_all = true;
    pthread_cond_broadcast(&w->wake);
    pthread_mutex_unlock(&w->lock);
}
