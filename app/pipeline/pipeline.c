/* pipeline.c: fetch -> parse -> extract for one feed input. */
#include "pipeline.h"
#include "pipeline_int.h"

#include "alloc.h"
#include "nr_limits.h"
#include "log.h"
#include "robots.h"
#include "strutil.h"

#include <limits.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void pipeline_meta_release(struct pipeline_meta *m)
{
    if (!m)
        return;
    fetch_result_release(&m->fetched);
    free(m->feed_title);
    free(m->logo_url);
    memset(m, 0, sizeof *m);
}

static bool has_scheme(const char *s)
{
    /* RFC 3986 scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" */
    const char *p = s;
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
        return false;
    while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
           *p == '+' || *p == '-' || *p == '.')
        p++;
    return *p == ':' && p - s > 1; /* one letter is a drive, not a scheme */
}

char *pipeline_input_url(const char *input)
{
    if (has_scheme(input))
        return xstrdup(input);
    char cwd[PATH_MAX];
    struct nr_buf b;
    nr_buf_init(&b, NR_MAX_URL_BYTES);
    /* a failed append sticks, so the last result speaks for all */
    enum nr_result r = nr_buf_puts(&b, "file://");
    if (input[0] != '/') {
        if (!getcwd(cwd, sizeof cwd))
            cwd[0] = '\0';
        r = nr_buf_puts(&b, cwd);
        r = nr_buf_putc(&b, '/');
    }
    /* percent-encode what a URL cannot carry as it is, so the parser's URL resolution works */
    for (const unsigned char *p = (const unsigned char *)input; *p; p++) {
        if (*p <= 0x20 || *p >= 0x7f || *p == '%' || *p == '#' || *p == '?')
            r = nr_buf_printf(&b, "%%%02X", *p);
        else
            r = nr_buf_putc(&b, (char)*p);
    }
    if (r != NR_OK) {
        /* longer than any URL: pass it on as given, for the fetch to refuse by name */
        nr_buf_release(&b);
        return xstrdup(input);
    }
    return nr_buf_detach(&b);
}

/* Parses body as a feed (or web page), with the charset its Content-Type names. */
static enum nr_result parse_body(const char *body, size_t len, const char *base_url,
                                 const char *content_type, const struct pipeline_options *opt,
                                 struct feed *feed, struct pipeline_meta *meta, struct nr_err *err)
{
    char charset[64] = "";
    if (content_type) {
        const char *cs = strstr(content_type, "charset=");
        if (cs) {
            cs += 8;
            size_t n = strcspn(cs, "; \t\"");
            if (*cs == '"')
                n = strcspn(++cs, "\"");
            if (n < sizeof charset) {
                memcpy(charset, cs, n);
                charset[n] = '\0';
            }
        }
    }
    struct parse_options po = {
        .base_url = base_url,
        .http_charset = charset[0] ? charset : NULL,
        .max_items = opt->max_items,
    };
    if (meta)
        meta->n_parses++;
    return feed_parse(body, len, &po, feed, err);
}

/* Extracts the stories of a parsed feed into out. */
static void stories_from_feed(const struct feed *feed, const char *base_url,
                              const struct pipeline_options *opt, struct story_list *out,
                              struct pipeline_meta *meta)
{
    struct extract_options eo = { .screen_w = opt->screen_w, .screen_h = opt->screen_h };
    size_t skipped = 0;
    for (size_t i = 0; i < feed->n_items; i++) {
        struct story s;
        struct nr_err e = { 0 };
        if (story_extract(feed, &feed->items[i], &eo, &s, &e) == NR_OK) {
            pipeline_log_left_out(base_url, &s);
            story_list_push(out, &s);
        } else {
            nr_debug("'%s': item %zu skipped: %s", base_url ? base_url : "feed", i + 1, e.msg);
            skipped++;
        }
    }
    if (meta) {
        free(meta->feed_title);
        meta->feed_title = xstrdup(feed->title);
        free(meta->logo_url);
        meta->logo_url = xstrdup(feed->logo_url);
        meta->ttl_minutes = feed->ttl_minutes;
        meta->n_items = feed->n_items;
        meta->n_skipped = skipped + feed->n_skipped;
    }
}

enum nr_result pipeline_stories_from_body(const char *body, size_t len, const char *base_url,
                                          const char *content_type,
                                          const struct pipeline_options *opt,
                                          struct story_list *out, struct pipeline_meta *meta,
                                          struct nr_err *err)
{
    struct feed feed;
    enum nr_result rc = parse_body(body, len, base_url, content_type, opt, &feed, meta, err);
    if (rc != NR_OK)
        return rc;
    stories_from_feed(&feed, base_url, opt, out, meta);
    feed_release(&feed);
    return NR_OK;
}

/* ---- a site without a feed: its news sitemap, named in robots.txt ---- */

#define SITEMAP_NAMED 16 /* Sitemap: lines read from one robots.txt */
#define SITEMAP_TRIED 4  /* sitemaps fetched, news ones first */

struct sitemap_urls {
    char *url[SITEMAP_NAMED];
    size_t n;
};

static void add_sitemap(void *ctx, const char *url)
{
    struct sitemap_urls *s = ctx;
    if (s->n < SITEMAP_NAMED)
        s->url[s->n++] = xstrdup(url);
}

/* For a site's page that names no feed: the first sitemap in the site's robots.txt that is a
 * news sitemap replaces *io. */
static bool follow_news_sitemap(struct fetcher *f, const char *page_url,
                                const struct fetch_limits *lim, struct fetch_result *io)
{
    if (!nr_starts_with_ci(page_url, "http://") && !nr_starts_with_ci(page_url, "https://"))
        return false;
    const char *host = strstr(page_url, "://") + 3;
    size_t origin_len = (size_t)(host - page_url) + strcspn(host, "/?#");
    char *robots_url = xmalloc(origin_len + 16);
    memcpy(robots_url, page_url, origin_len);
    memcpy(robots_url + origin_len, "/robots.txt", 12);
    struct fetch_limits rl = *lim;
    rl.max_bytes = 512u * 1024;
    rl.allow_files = false;
    struct fetch_result r = { 0 };
    struct sitemap_urls maps = { 0 };
    bool found = false;
    if (fetcher_get(f, robots_url, &rl, NULL, &r, NULL) == NR_OK)
        robots_sitemaps(r.body.data, r.body.len, SITEMAP_NAMED, add_sitemap, &maps);
    fetch_result_release(&r);
    /* those named for news first, in the order robots.txt gives them */
    size_t order[SITEMAP_NAMED], k = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < maps.n; i++)
            if ((strstr(maps.url[i], "news") != NULL) == (pass == 0))
                order[k++] = i;
    for (size_t j = 0; j < k && j < SITEMAP_TRIED && !found; j++) {
        size_t i = order[j];
        struct fetch_result sm = { 0 };
        struct fetch_limits sl = *lim;
        sl.allow_files = false;
        struct feed feed = { 0 };
        struct parse_options po = { .base_url = maps.url[i] };
        if (fetcher_get(f, maps.url[i], &sl, NULL, &sm, NULL) == NR_OK &&
            feed_parse(sm.body.data, sm.body.len, &po, &feed, NULL) == NR_OK &&
            feed.format == FEED_SITEMAP) {
            nr_info("'%s': no feed named; reading its news sitemap '%s'", page_url, maps.url[i]);
            /* as for a followed feed link: the sitemap's validators are not the page's */
            free(sm.etag);
            free(sm.last_modified);
            sm.etag = sm.last_modified = NULL;
            fetch_result_release(io);
            *io = sm;
            memset(&sm, 0, sizeof sm);
            found = true;
        }
        feed_release(&feed);
        fetch_result_release(&sm);
    }
    for (size_t i = 0; i < maps.n; i++)
        free(maps.url[i]);
    free(robots_url);
    return found;
}

enum nr_result pipeline_load(struct fetcher *f, const char *input,
                             const struct pipeline_options *opt, struct story_list *out,
                             struct pipeline_meta *meta, struct nr_err *err)
{
    struct pipeline_meta local = { 0 };
    struct pipeline_meta *m = meta ? meta : &local;
    struct fetch_limits lim;
    struct feed page = { 0 };
    char *url = pipeline_input_url(input);
    enum nr_result rc;

    fetch_limits_default(&lim, NR_MAX_FEED_BYTES);
    lim.allow_files = opt->allow_files;
    if (opt->timeout_ms > 0) {
        lim.total_timeout_ms = opt->timeout_ms;
        if (lim.connect_timeout_ms > lim.total_timeout_ms)
            lim.connect_timeout_ms = lim.total_timeout_ms;
    }
    fetch_result_release(&m->fetched);
    rc = fetcher_get(f, url, &lim, opt->validators, &m->fetched, err);
    if (rc != NR_OK || m->fetched.not_modified)
        goto out;

    /* One parse of the body tells a feed from a web page, and a feed's parse is the one its
     * stories come from. A web page may name its feed: follow that link once (never a chain
     * of pages). */
    const char *base = m->fetched.final_url ? m->fetched.final_url : url;
    rc = parse_body(m->fetched.body.data, m->fetched.body.len, base, m->fetched.content_type, opt,
                    &page, m, err);
    if (rc == NR_OK && page.format == FEED_HTML && page.discovered_feed_url) {
        struct fetch_result alt = { 0 };
        struct nr_err aerr = { 0 };
        struct fetch_limits alim = lim;
        alim.allow_files = opt->allow_files && nr_starts_with_ci(page.discovered_feed_url, "file:");
        if (fetcher_get(f, page.discovered_feed_url, &alim, NULL, &alt, &aerr) == NR_OK &&
            !alt.not_modified) {
            nr_info("'%s': following its feed link '%s'", url, page.discovered_feed_url);
            /* The validators go back to the input's URL on the next refresh, and the feed's
             * are not the page's: sent there, a Last-Modified of the feed could get a 304 for
             * the page and hold its stories for good. A page and its feed are fetched whole. */
            free(alt.etag);
            free(alt.last_modified);
            alt.etag = alt.last_modified = NULL;
            fetch_result_release(&m->fetched);
            m->fetched = alt;
            feed_release(&page);
            base = m->fetched.final_url ? m->fetched.final_url : url;
            rc = parse_body(m->fetched.body.data, m->fetched.body.len, base,
                            m->fetched.content_type, opt, &page, m, err);
        } else {
            nr_warn("'%s': its feed link failed (%s); using the page itself", url, aerr.msg);
            fetch_result_release(&alt);
        }
    } else if ((rc == NR_OK && page.format == FEED_HTML) || rc == NR_ERR_NOT_FEED) {
        /* no feed named: a site's news sitemap (from its robots.txt) stands in for one */
        if (follow_news_sitemap(f, base, &lim, &m->fetched)) {
            feed_release(&page);
            base = m->fetched.final_url ? m->fetched.final_url : url;
            rc = parse_body(m->fetched.body.data, m->fetched.body.len, base,
                            m->fetched.content_type, opt, &page, m, err);
        }
    }
    size_t first_new = out->n;
    if (rc == NR_OK)
        stories_from_feed(&page, base, opt, out, m);
    if (rc == NR_OK && opt->article_images > 0)
        pipeline_article_images(f, out, first_new, opt->article_images, &lim);
    if (rc != NR_OK && err) {
        char why[sizeof err->msg];
        memcpy(why, err->msg, sizeof why);
        nr_fail(err, rc, "'%s': %s", input, why);
    }
out:
    feed_release(&page);
    if (!meta)
        pipeline_meta_release(&local);
    free(url);
    return rc;
}

static atomic_uint_fast64_t article_pages;

uint64_t pipeline_article_pages_read(void)
{
    return (uint64_t)atomic_load(&article_pages);
}

size_t pipeline_article_images(struct fetcher *f, struct story_list *l, size_t from, int max_pages,
                               const struct fetch_limits *feed_lim)
{
    size_t found = 0;
    int pages = 0;
    struct fetch_limits lim = *feed_lim;
    lim.allow_files = false; /* an article link from a feed never reads the disk */
    for (size_t i = from; i < l->n && pages < max_pages; i++) {
        struct story *s = &l->items[i];
        if (s->photo_url || !s->link ||
            !(nr_starts_with_ci(s->link, "http://") || nr_starts_with_ci(s->link, "https://")))
            continue;
        pages++;
        struct fetch_result r = { 0 };
        struct nr_err err = { 0 };
        struct feed page = { 0 };
        if (fetcher_get(f, s->link, &lim, NULL, &r, &err) != NR_OK) {
            nr_debug("no article image for '%s': %s", s->link, err.msg);
        } else {
            atomic_fetch_add(&article_pages, 1);
            struct parse_options po = { .base_url = r.final_url ? r.final_url : s->link };
            if (feed_parse(r.body.data, r.body.len, &po, &page, &err) == NR_OK &&
                page.format == FEED_HTML && page.n_items > 0) {
                const struct feed_item *it = &page.items[0];
                for (size_t m = 0; m < it->n_media && !s->photo_url; m++)
                    if (it->media[m].kind == MEDIA_OG_IMAGE && it->media[m].url &&
                        (nr_starts_with_ci(it->media[m].url, "http://") ||
                         nr_starts_with_ci(it->media[m].url, "https://")))
                        s->photo_url = xstrdup(it->media[m].url);
                found += s->photo_url != NULL;
            }
        }
        feed_release(&page);
        fetch_result_release(&r);
    }
    return found;
}

enum nr_result pipeline_fetch_photo(struct fetcher *f, const char *url, bool allow_files,
                                    struct fetch_result *out, struct nr_err *err)
{
    struct fetch_limits lim;
    fetch_limits_default(&lim, NR_MAX_PHOTO_BYTES);
    lim.allow_files = allow_files;
    return fetcher_get(f, url, &lim, NULL, out, err);
}
