/* remote.c: the remote-settings thread: fetch, check, cache, then ask for a reload. */
#include "remote.h"

#include "alloc.h"
#include "config.h"
#include "fetch.h"
#include "log.h"
#include "metrics.h"
#include "thread.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum nr_result fleet_remote_check(const char *body, size_t len, const char *scratch_path,
                                  struct nr_err *err)
{
    struct config scratch;
    enum nr_result ret;
    if (len > REMOTE_MAX_BYTES)
        return nr_fail(err, NR_ERR_TOO_BIG, "more than %u bytes", REMOTE_MAX_BYTES);
    if (memchr(body, '\0', len))
        return nr_fail(err, NR_ERR_USAGE, "not a text file (a NUL byte)");
    ret = fleet_write_atomic(scratch_path, body, len, err);
    if (ret != NR_OK)
        return ret;
    config_defaults(&scratch);
    ret = config_load_file(&scratch, scratch_path, err);
    if (ret == NR_OK)
        ret = config_check(&scratch, err);
    config_release(&scratch);
    if (ret != NR_OK)
        unlink(scratch_path);
    return ret;
}

struct remote {
    char *url, *cache_path, *scratch_path;
    int64_t interval_ms;
    long timeout_ms;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stop;
    char *etag, *last_modified; /* of the last good answer: the next GET is conditional */
    char *refused_etag;         /* a bad file already reported (said once) */
};

static bool same_as_cache(const char *path, const char *body, size_t len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    char *old = xmalloc(REMOTE_MAX_BYTES + 1);
    size_t n = fread(old, 1, REMOTE_MAX_BYTES + 1, f);
    fclose(f);
    bool same = n == len && memcmp(old, body, len) == 0;
    free(old);
    return same;
}

static void check_once(struct remote *r, struct fetcher *f, unsigned *failures)
{
    struct fetch_limits lim;
    struct fetch_result res = { 0 };
    struct nr_err err = { 0 };
    struct fetch_validators val = { .etag = r->etag, .last_modified = r->last_modified };

    fetch_limits_default(&lim, REMOTE_MAX_BYTES);
    lim.total_timeout_ms = r->timeout_ms;
    if (lim.connect_timeout_ms > lim.total_timeout_ms)
        lim.connect_timeout_ms = lim.total_timeout_ms;
    if (fetcher_get(f, r->url, &lim, &val, &res, &err) != NR_OK) {
        /* offline: the cached copy stays in force; counted, not re-printed */
        if (++*failures == 1 || *failures % 10 == 0)
            nr_warn("remote settings: %s (failure %u; the last good copy stays)", err.msg,
                    *failures);
        goto out;
    }
    *failures = 0;
    if (res.not_modified)
        goto out;
    if (same_as_cache(r->cache_path, res.body.data, res.body.len)) {
        free(r->etag);
        free(r->last_modified);
        r->etag = xstrdup(res.etag);
        r->last_modified = xstrdup(res.last_modified);
        goto out;
    }
    {
        /* the cache folder may not be there yet on a first boot */
        char *dir = xstrdup(r->cache_path);
        char *slash = strrchr(dir, '/');
        if (slash && slash != dir) {
            *slash = '\0';
            mkdir(dir, 0755);
        }
        free(dir);
    }
    if (fleet_remote_check(res.body.data, res.body.len, r->scratch_path, &err) != NR_OK) {
        bool said = r->refused_etag && res.etag && strcmp(r->refused_etag, res.etag) == 0;
        if (!said)
            nr_error("remote settings '%s' refused: %s; keeping the running settings", r->url,
                     err.msg);
        free(r->refused_etag);
        r->refused_etag = xstrdup(res.etag);
        goto out;
    }
    if (rename(r->scratch_path, r->cache_path) != 0) {
        nr_error("remote settings: cannot keep '%s': %s", r->cache_path, strerror(errno));
        unlink(r->scratch_path);
        goto out;
    }
    free(r->etag);
    free(r->last_modified);
    r->etag = xstrdup(res.etag);
    r->last_modified = xstrdup(res.last_modified);
    nr_info("remote settings: a new version from '%s'; reloading", r->url);
    /* the signal thread turns it into the same reload as systemctl reload */
    kill(getpid(), SIGHUP);
out:
    fetch_result_release(&res);
}

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

static void *run(void *arg)
{
    struct remote *r = arg;
    struct fetcher *f = fetcher_new();
    unsigned failures = 0;
    pthread_mutex_lock(&r->lock);
    while (!r->stop) {
        pthread_mutex_unlock(&r->lock);
        check_once(r, f, &failures);
        pthread_mutex_lock(&r->lock);
        struct timespec until = deadline_in(r->interval_ms);
        while (!r->stop && pthread_cond_timedwait(&r->wake, &r->lock, &until) == 0)
            ; /* woken only to stop */
    }
    pthread_mutex_unlock(&r->lock);
    fetcher_free(f);
    return NULL;
}

struct remote *fleet_remote_new(const struct remote_params *p)
{
    struct remote *r = xcalloc(1, sizeof *r);
    size_t n = strlen(p->cache_path) + 8;
    r->url = xstrdup(p->url);
    r->cache_path = xstrdup(p->cache_path);
    r->scratch_path = xmalloc(n);
    snprintf(r->scratch_path, n, "%s.new", p->cache_path);
    r->interval_ms = p->interval_ms;
    r->timeout_ms = p->timeout_ms;
    pthread_mutex_init(&r->lock, NULL);
    nr_cond_init_monotonic(&r->wake);
    if (pthread_create(&r->thread, NULL, run, r) != 0) {
        nr_error("cannot start the remote settings thread");
        abort(); /* only when threads or memory are gone: as xmalloc */
    }
    return r;
}

void fleet_remote_free(struct remote *r)
{
    if (!r)
        return;
    pthread_mutex_lock(&r->lock);
    r->stop = true;
    pthread_cond_signal(&r->wake);
    pthread_mutex_unlock(&r->lock);
    pthread_join(r->thread, NULL);
    pthread_cond_destroy(&r->wake);
    pthread_mutex_destroy(&r->lock);
    free(r->url);
    free(r->cache_path);
    free(r->scratch_path);
    free(r->etag);
    free(r->last_modified);
    free(r->refused_etag);
    free(r);
}
