/* reader.c: reading each story's article page within the politeness rules and a page
 * budget, remembering what each page gave, and upgrading the story from it. */
#include "reader.h"

#include "alloc.h"
#include "article_cache.h"
#include "log.h"
#include "polite.h"
#include "strutil.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define READER_MAX_REMEMBERED 4096       /* pages that failed, kept in memory */
#define READER_RETRY_S (6 * 3600)        /* a page that failed is asked again after */
#define READER_REVALIDATE_S (24 * 3600)  /* a cached entry older: conditional GET */
#define READER_NOTHING_TTL_S (24 * 3600) /* a cached "nothing" is believed this long */

struct failed {
    uint64_t url_hash;
    int64_t retry_unix;
};

struct article_reader {
    struct article_reader_options o;
    struct polite *polite;
    int pages_left;
    struct failed failed[READER_MAX_REMEMBERED];
    size_t n_failed, next_failed;
};

static uint64_t hash_url(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static int64_t now_unix(void)
{
    return (int64_t)time(NULL);
}

const char *article_field_name(enum article_field f)
{
    static const char *const names[ARTICLE_F_COUNT] = { "headline", "dek",     "quote",
                                                        "photo",    "caption", "credit" };
    return f < ARTICLE_F_COUNT ? names[f] : "?";
}

struct article_reader *article_reader_new(const struct article_reader_options *o)
{
    struct article_reader *r = xcalloc(1, sizeof *r);
    r->o = *o;
    if (r->o.timeout_ms <= 0)
        r->o.timeout_ms = 20000;
    struct polite_options po = { .host_gap_ms = o->host_gap_ms, .robots = o->robots };
    r->polite = polite_new(&po);
    r->pages_left = o->pages_per_refresh;
    return r;
}

void article_reader_free(struct article_reader *r)
{
    if (!r)
        return;
    polite_free(r->polite);
    free(r);
}

void article_reader_begin_refresh(struct article_reader *r)
{
    r->pages_left = r->o.pages_per_refresh;
}

void article_reader_begin_cache_only(struct article_reader *r)
{
    r->pages_left = 0;
}

unsigned long article_reader_requests(const struct article_reader *r)
{
    return polite_requests(r->polite);
}

static struct failed *find_failed(struct article_reader *r, uint64_t h)
{
    for (size_t i = 0; i < r->n_failed; i++)
        if (r->failed[i].url_hash == h)
            return &r->failed[i];
    return NULL;
}

static void remember_failed(struct article_reader *r, uint64_t h, int64_t retry_unix)
{
    struct failed *f = find_failed(r, h);
    if (!f) {
        f = &r->failed[r->next_failed];
        r->next_failed = (r->next_failed + 1) % READER_MAX_REMEMBERED;
        if (r->n_failed < READER_MAX_REMEMBERED)
            r->n_failed++;
    }
    f->url_hash = h;
    f->retry_unix = retry_unix;
}

/* ---- upgrading a story ---- */

static void take(char **dst, const char *src)
{
    free(*dst);
    *dst = xstrdup(src);
}

static const char *src_origin(enum article_src s)
{
    switch (s) {
    case ARTICLE_SRC_JSONLD: return "article (json-ld)";
    case ARTICLE_SRC_META: return "article (meta)";
    case ARTICLE_SRC_BODY: return "article (page)";
    case ARTICLE_SRC_NONE: break;
    }
    return "article";
}

void article_origin_from_feed(const struct story *s, struct article_origin *o)
{
    memset(o, 0, sizeof *o);
    const char *v[ARTICLE_F_COUNT] = { s->headline,  s->dek,     s->quote,
                                       s->photo_url, s->caption, s->credit };
    for (int i = 0; i < ARTICLE_F_COUNT; i++)
        o->field[i] = v[i] ? "feed" : NULL;
}

bool article_upgrade_story(struct story *s, const struct article *a, struct article_origin *o)
{
    bool changed = false;
    if (!s->quote && a->quote && a->speaker) {
        take(&s->quote, a->quote);
        take(&s->speaker, a->speaker);
        if (o)
            o->field[ARTICLE_F_QUOTE] = "article (page)";
        changed = true;
    }
    if (!s->dek && a->description) {
        take(&s->dek, a->description);
        if (o)
            o->field[ARTICLE_F_DEK] = "article (meta)";
        changed = true;
    }
    bool same = false, use_page_photo = false;
    if (a->photo_url) {
        if (!s->photo_url) {
            use_page_photo = true;
        } else if (article_same_picture(s->photo_url, a->photo_url)) {
            same = true;
            int fw = article_url_width(s->photo_url);
            int pw = a->photo_w ? a->photo_w : article_url_width(a->photo_url);
            use_page_photo = strcmp(s->photo_url, a->photo_url) != 0 && pw > 0 && pw > fw;
        }
    }
    if (use_page_photo) {
        take(&s->photo_url, a->photo_url);
        if (o)
            o->field[ARTICLE_F_PHOTO] = src_origin(a->photo_src);
        changed = true;
    }
    /* a caption belongs to its picture: only when the slide shows the page's */
    if (use_page_photo || same) {
        if (a->caption && (!s->caption || use_page_photo)) {
            take(&s->caption, a->caption);
            if (o)
                o->field[ARTICLE_F_CAPTION] = src_origin(a->caption_src);
            changed = true;
        }
        if (a->credit && (!s->credit || use_page_photo)) {
            take(&s->credit, a->credit);
            if (o)
                o->field[ARTICLE_F_CREDIT] = src_origin(a->credit_src);
            changed = true;
        }
        if (use_page_photo && !a->caption && s->caption) {
            free(s->caption); /* the feed's caption described its own picture */
            s->caption = NULL;
            if (o)
                o->field[ARTICLE_F_CAPTION] = NULL;
            changed = true;
        }
        if (use_page_photo && !a->credit && s->credit && !same) {
            free(s->credit);
            s->credit = NULL;
            if (o)
                o->field[ARTICLE_F_CREDIT] = NULL;
            changed = true;
        }
    }
    return changed;
}

/* ---- reading ---- */

static void store(struct article_reader *r, const char *url, struct article_cache_entry *e)
{
    if (!r->o.cache_dir)
        return;
    struct article_cache_limits lim = { r->o.cache_max_entries, r->o.cache_max_bytes };
    struct nr_err err = { 0 };
    e->stored_unix = now_unix();
    if (article_cache_store(r->o.cache_dir, url, e, &lim, &err) != NR_OK)
        nr_warn("article cache: %s", err.msg);
}

/* True for a host in a domain reserved for documentation and tests (RFC 2606, RFC 6761):
 * `example.com`, `.org`, `.net`, and the `.example`, `.invalid` and `.test` names. No news is
 * published there: sample feeds and fixtures link to them, and reading those links would only
 * send requests to a placeholder site. */
static bool reserved_host(const char *url)
{
    const char *h = strstr(url, "://");
    if (!h)
        return false;
    h += 3;
    size_t n = strcspn(h, "/?#");
    const char *at = memchr(h, '@', n);
    if (at) {
        n -= (size_t)(at + 1 - h);
        h = at + 1;
    }
    size_t port = n;
    for (size_t i = 0; i < n; i++)
        if (h[i] == ':')
            port = i;
    n = port;
    while (n > 0 && h[n - 1] == '.')
        n--;
    static const char *const suffix[] = { "example.com", "example.net", "example.org",
                                          "example",     "invalid",     "test" };
    for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
        size_t k = strlen(suffix[i]);
        if (n >= k && strncasecmp(h + n - k, suffix[i], k) == 0 && (n == k || h[n - k - 1] == '.'))
            return true;
    }
    return false;
}

bool article_read(struct article_reader *r, struct fetcher *f, struct story *s,
                  struct article_origin *origin)
{
    const char *url = s->link;
    if (!url || !(nr_starts_with_ci(url, "http://") || nr_starts_with_ci(url, "https://")))
        return false;
    if (reserved_host(url))
        return false; /* a placeholder link, as in the bundled sample feed */
    uint64_t h = hash_url(url);
    int64_t now = now_unix();
    struct failed *fl = find_failed(r, h);
    if (fl && fl->retry_unix > now)
        return false;

    struct article_cache_entry cached = { 0 };
    bool have_cached = false;
    if (r->o.cache_dir) {
        struct nr_err err = { 0 };
        have_cached = article_cache_load(r->o.cache_dir, url, &cached, &err) == NR_OK;
    }
    int64_t age = have_cached ? now - cached.stored_unix : 0;
    if (have_cached && cached.nothing && age < READER_NOTHING_TTL_S) {
        if (origin)
            origin->article = "nothing (cached)";
        article_cache_entry_release(&cached);
        return false;
    }
    if (have_cached && !cached.nothing && (age < READER_REVALIDATE_S || r->pages_left <= 0)) {
        bool changed = article_upgrade_story(s, &cached.a, origin);
        if (origin)
            origin->article = "cache";
        article_cache_entry_release(&cached);
        return changed;
    }
    if (r->pages_left <= 0) {
        article_cache_entry_release(&cached);
        return false; /* next refresh */
    }
    r->pages_left--;

    struct fetch_limits lim;
    fetch_limits_default(&lim, ARTICLE_MAX_PAGE_BYTES);
    lim.allow_files = false;
    lim.total_timeout_ms = r->o.timeout_ms;
    if (lim.connect_timeout_ms > lim.total_timeout_ms)
        lim.connect_timeout_ms = lim.total_timeout_ms;
    if (lim.low_speed_seconds * 1000 > r->o.timeout_ms)
        lim.low_speed_seconds = r->o.timeout_ms / 1000 > 1 ? r->o.timeout_ms / 1000 : 1;
    struct fetch_validators val = { 0 };
    if (have_cached && !cached.nothing) {
        val.etag = cached.etag;
        val.last_modified = cached.last_modified;
    }
    struct fetch_result res = { 0 };
    struct nr_err err = { 0 };
    bool changed = false;
    enum nr_result rc = polite_get(r->polite, f, url, &lim, &val, &res, &err);
    if (rc == NR_OK && res.not_modified && have_cached) {
        changed = article_upgrade_story(s, &cached.a, origin);
        if (origin)
            origin->article = "cache (not modified)";
        store(r, url, &cached);
        goto out;
    }
    if (rc != NR_OK) {
        long wait = polite_wait_s(r->polite, url);
        nr_info("article not read: %s", err.msg);
        remember_failed(r, h, now + (wait > READER_RETRY_S ? wait : READER_RETRY_S));
        if (origin)
            origin->article = "failed";
        /* a page that is gone or too big stays so: remembered across restarts */
        if (rc == NR_ERR_TOO_BIG ||
            (rc == NR_ERR_HTTP && (res.http_status == 404 || res.http_status == 410))) {
            struct article_cache_entry e = { .nothing = true, .why = xstrdup(err.msg) };
            store(r, url, &e);
            article_cache_entry_release(&e);
        }
        goto out;
    }
    struct article a;
    struct extract_options eo = { .screen_w = r->o.screen_w, .screen_h = r->o.screen_h };
    const char *cs = res.content_type ? strstr(res.content_type, "charset=") : NULL;
    char charset[48] = "";
    if (cs)
        snprintf(charset, sizeof charset, "%.*s", (int)strcspn(cs + 8, "; \t\""), cs + 8);
    const char *final = res.final_url ? res.final_url : url;
    struct article_cache_entry e = { 0 };
    if (article_extract(res.body.data, res.body.len, final, charset[0] ? charset : NULL, &eo, &a,
                        &err) != NR_OK) {
        nr_info("article '%s' gives nothing: %s", url, err.msg);
        remember_failed(r, h, now + READER_RETRY_S);
        if (origin)
            origin->article = "nothing";
        e.nothing = true;
        e.why = xstrdup(err.msg);
        store(r, url, &e);
    } else {
        changed = article_upgrade_story(s, &a, origin);
        if (origin)
            origin->article = "read";
        free(a.body); /* the cache keeps fields, not text */
        a.body = NULL;
        e.a = a;
        e.etag = xstrdup(res.etag);
        e.last_modified = xstrdup(res.last_modified);
        store(r, url, &e);
    }
    article_cache_entry_release(&e);
out:
    fetch_result_release(&res);
    article_cache_entry_release(&cached);
    return changed;
}
