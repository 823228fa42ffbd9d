/* polite.c: per-host gaps, back-off and robots.txt around fetcher_get(). */
#include "polite.h"

#include "alloc.h"
#include "robots.h"
#include "strutil.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define POLITE_MAX_HOSTS 256
#define POLITE_ROBOTS_BYTES (512u * 1024) /* RFC 9309: parse at least 500 KiB */
#define POLITE_ROBOTS_TTL_MS (24LL * 3600 * 1000)
#define POLITE_ROBOTS_RETRY_MS (3600LL * 1000) /* after an unreachable robots.txt */
#define POLITE_MAX_BACKOFF_S 3600

struct host {
    char origin[300]; /* "https://example.org:8443" lower case */
    int64_t next_ms;  /* earliest next request */
    int64_t backoff_until_ms;
    long backoff_s;          /* next back-off when the host gives no Retry-After */
    int64_t robots_until_ms; /* robots below is valid until then; 0: never read */
    char *robots;            /* owned; NULL: allow all */
    size_t robots_len;
    bool robots_unreachable; /* disallow all until robots_until_ms */
    int64_t used_ms;         /* last use, for eviction */
};

struct polite {
    struct polite_options o;
    struct host *hosts;
    size_t n_hosts;
    unsigned long requests;
};

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(int64_t ms)
{
    struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000 };
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

struct polite *polite_new(const struct polite_options *o)
{
    struct polite *p = xcalloc(1, sizeof *p);
    p->o = *o;
    if (p->o.backoff_s <= 0)
        p->o.backoff_s = 60;
    p->hosts = xcalloc(POLITE_MAX_HOSTS, sizeof *p->hosts);
    return p;
}

void polite_free(struct polite *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n_hosts; i++)
        free(p->hosts[i].robots);
    free(p->hosts);
    free(p);
}

unsigned long polite_requests(const struct polite *p)
{
    return p->requests;
}

/* "scheme://host[:port]" of url, lower case, and where its path starts; false when url is
 * not http(s). */
static bool split_url(const char *url, char *origin, size_t cap, const char **path)
{
    if (!nr_starts_with_ci(url, "http://") && !nr_starts_with_ci(url, "https://"))
        return false;
    const char *h = strstr(url, "://") + 3;
    const char *e = h + strcspn(h, "/?#");
    const char *at = memchr(h, '@', (size_t)(e - h));
    size_t scheme = (size_t)(h - url);
    if (at)
        h = at + 1;
    size_t n = scheme + (size_t)(e - h);
    if (n >= cap || e == h)
        return false;
    for (size_t i = 0; i < scheme; i++)
        origin[i] = (char)tolower((unsigned char)url[i]);
    for (size_t i = 0; i < (size_t)(e - h); i++)
        origin[scheme + i] = (char)tolower((unsigned char)h[i]);
    origin[n] = '\0';
    *path = e;
    return true;
}

static struct host *host_for(struct polite *p, const char *origin)
{
    for (size_t i = 0; i < p->n_hosts; i++)
        if (strcmp(p->hosts[i].origin, origin) == 0)
            return &p->hosts[i];
    struct host *h;
    if (p->n_hosts < POLITE_MAX_HOSTS) {
        h = &p->hosts[p->n_hosts++];
    } else {
        /* forget the host used longest ago (but never one in back-off) */
        h = NULL;
        for (size_t i = 0; i < p->n_hosts; i++)
            if (p->hosts[i].backoff_until_ms <= now_ms() &&
                (!h || p->hosts[i].used_ms < h->used_ms))
                h = &p->hosts[i];
        if (!h)
            h = &p->hosts[0];
        free(h->robots);
    }
    memset(h, 0, sizeof *h);
    snprintf(h->origin, sizeof h->origin, "%s", origin);
    return h;
}

static void wait_gap(struct polite *p, struct host *h)
{
    int64_t t = now_ms();
    if (h->next_ms > t)
        sleep_ms(h->next_ms - t);
    p->requests++;
    h->used_ms = now_ms();
    h->next_ms = h->used_ms + p->o.host_gap_ms;
}

static void read_robots(struct polite *p, struct fetcher *f, struct host *h,
                        const struct fetch_limits *page_lim)
{
    char url[sizeof h->origin + 16];
    snprintf(url, sizeof url, "%s/robots.txt", h->origin);
    struct fetch_limits lim = *page_lim;
    lim.max_bytes = POLITE_ROBOTS_BYTES;
    lim.allow_files = false;
    struct fetch_result r = { 0 };
    struct nr_err err = { 0 };
    wait_gap(p, h);
    enum nr_result rc = fetcher_get(f, url, &lim, NULL, &r, &err);
    free(h->robots);
    h->robots = NULL;
    h->robots_len = 0;
    h->robots_unreachable = false;
    if (rc == NR_OK) {
        h->robots = nr_buf_detach(&r.body);
        h->robots_len = strlen(h->robots);
        h->robots_until_ms = now_ms() + POLITE_ROBOTS_TTL_MS;
    } else if (rc == NR_ERR_HTTP && r.http_status >= 400 && r.http_status < 500) {
        h->robots_until_ms = now_ms() + POLITE_ROBOTS_TTL_MS; /* none: all allowed */
    } else if (rc == NR_ERR_TOO_BIG) {
        h->robots_until_ms = now_ms() + POLITE_ROBOTS_TTL_MS; /* unreadable: allowed */
    } else {
        /* RFC 9309: a server that cannot answer for its robots.txt is fully disallowed */
        h->robots_unreachable = true;
        h->robots_until_ms = now_ms() + POLITE_ROBOTS_RETRY_MS;
    }
    fetch_result_release(&r);
}

long polite_wait_s(struct polite *p, const char *url)
{
    char origin[300];
    const char *path;
    if (!split_url(url, origin, sizeof origin, &path))
        return 0;
    for (size_t i = 0; i < p->n_hosts; i++)
        if (strcmp(p->hosts[i].origin, origin) == 0) {
            int64_t left = p->hosts[i].backoff_until_ms - now_ms();
            return left > 0 ? (long)((left + 999) / 1000) : 0;
        }
    return 0;
}

enum nr_result polite_get(struct polite *p, struct fetcher *f, const char *url,
                          const struct fetch_limits *lim, const struct fetch_validators *val,
                          struct fetch_result *out, struct nr_err *err)
{
    memset(out, 0, sizeof *out);
    char origin[300];
    const char *path;
    if (!split_url(url, origin, sizeof origin, &path))
        return nr_fail(err, NR_ERR_UNSUPPORTED, "'%s': only http and https pages are read", url);
    struct host *h = host_for(p, origin);
    int64_t t = now_ms();
    if (h->backoff_until_ms > t)
        return nr_fail(err, NR_ERR_HTTP, "'%s': the site asked to wait %lld s more", url,
                       (long long)((h->backoff_until_ms - t + 999) / 1000));
    if (p->o.robots) {
        if (h->robots_until_ms <= t)
            read_robots(p, f, h, lim);
        if (h->robots_unreachable)
            return nr_fail(err, NR_ERR_UNSUPPORTED,
                           "'%s': robots.txt of the site could not be read", url);
        char pathq[2048];
        snprintf(pathq, sizeof pathq, "%s%.*s", *path == '/' ? "" : "/", (int)strcspn(path, "#"),
                 path);
        if (!robots_allows(h->robots, h->robots_len, ROBOTS_AGENT, pathq))
            return nr_fail(err, NR_ERR_UNSUPPORTED, "'%s': disallowed by the site's robots.txt",
                           url);
    }
    wait_gap(p, h);
    enum nr_result rc = fetcher_get(f, url, lim, val, out, err);
    if (rc == NR_ERR_HTTP && (out->http_status == 429 || out->http_status == 503)) {
        long wait_s = out->retry_after_s > 0 ? out->retry_after_s : h->backoff_s;
        if (wait_s <= 0)
            wait_s = p->o.backoff_s;
        if (wait_s > 7 * 24 * 3600)
            wait_s = 7 * 24 * 3600;
        h->backoff_until_ms = now_ms() + (int64_t)wait_s * 1000;
        long next = (h->backoff_s > 0 ? h->backoff_s : p->o.backoff_s) * 2;
        h->backoff_s = next > POLITE_MAX_BACKOFF_S ? POLITE_MAX_BACKOFF_S : next;
    } else if (rc == NR_OK) {
        h->backoff_s = 0;
    }
    return rc;
}
