/* pipeline.c: fetch -> parse -> extract for one feed input. */
#include "pipeline.h"

#include "alloc.h"
#include "nr_limits.h"
#include "log.h"
#include "strutil.h"

#include <limits.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "banned.h"

void story_list_release(struct story_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++)
        story_release(&l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

void story_list_push(struct story_list *l, struct story *s)
{
    xgrow((void **)&l->items, &l->cap, l->n + 1, sizeof *l->items);
    l->items[l->n++] = *s;
    memset(s, 0, sizeof *s);
}

static void note_repeat(struct dedup_report *r, size_t kept, size_t dropped)
{
    for (size_t i = 0; i < r->n_notes; i++) {
        if (r->notes[i].kept == kept && r->notes[i].dropped == dropped) {
            r->notes[i].count++;
            return;
        }
    }
    if (r->n_notes < DEDUP_MAX_NOTES)
        r->notes[r->n_notes++] =
            (struct dedup_note){ .kept = kept, .dropped = dropped, .count = 1 };
    else
        r->unnoted++;
}

size_t story_list_dedup(struct story_list *l, size_t *origin, struct dedup_report *report)
{
    size_t kept = 0, dropped = 0;
    if (report)
        memset(report, 0, sizeof *report);
    for (size_t i = 0; i < l->n; i++) {
        size_t dup_of = kept;
        for (size_t j = 0; j < kept && dup_of == kept; j++)
            if (story_is_duplicate(&l->items[j], &l->items[i]))
                dup_of = j;
        if (dup_of < kept) {
            if (report)
                note_repeat(report, origin ? origin[dup_of] : 0, origin ? origin[i] : 0);
            story_release(&l->items[i]);
            dropped++;
        } else {
            if (origin)
                origin[kept] = origin[i];
            l->items[kept++] = l->items[i];
        }
    }
    l->n = kept;
    return dropped;
}

void pipeline_meta_release(struct pipeline_meta *m)
{
    if (!m)
        return;
    fetch_result_release(&m->fetched);
    free(m->feed_title);
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
    return *p == ':' && p - s > 1;   /* one letter is a drive, not a scheme */
}

char *pipeline_input_url(const char *input)
{
    if (has_scheme(input))
        return xstrdup(input);
    char cwd[PATH_MAX];
    struct nr_buf b;
    nr_buf_init(&b, 0);
    nr_buf_puts(&b, "file://");
    if (input[0] != '/') {
        if (!getcwd(cwd, sizeof cwd))
            cwd[0] = '\0';
        nr_buf_puts(&b, cwd);
        nr_buf_putc(&b, '/');
    }
    /* percent-encode what a URL cannot carry as it is, so the parser's URL resolution works */
    for (const unsigned char *p = (const unsigned char *)input; *p; p++) {
        if (*p <= 0x20 || *p >= 0x7f || *p == '%' || *p == '#' || *p == '?')
            nr_buf_printf(&b, "%%%02X", *p);
        else
            nr_buf_putc(&b, (char)*p);
    }
    return nr_buf_detach(&b);
}

enum nr_result pipeline_stories_from_body(const char *body, size_t len, const char *base_url,
                                          const char *content_type,
                                          const struct pipeline_options *opt,
                                          struct story_list *out, struct pipeline_meta *meta,
                                          struct nr_err *err)
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
    struct feed feed;
    enum nr_result rc = feed_parse(body, len, &po, &feed, err);
    if (rc != NR_OK)
        return rc;
    struct extract_options eo = { .screen_w = opt->screen_w, .screen_h = opt->screen_h };
    size_t skipped = 0;
    for (size_t i = 0; i < feed.n_items; i++) {
        struct story s;
        struct nr_err e = { 0 };
        if (story_extract(&feed, &feed.items[i], &eo, &s, &e) == NR_OK) {
            story_list_push(out, &s);
        } else {
            nr_debug("'%s': item %zu skipped: %s", base_url ? base_url : "feed", i + 1, e.msg);
            skipped++;
        }
    }
    if (meta) {
        free(meta->feed_title);
        meta->feed_title = xstrdup(feed.title);
        meta->ttl_minutes = feed.ttl_minutes;
        meta->n_items = feed.n_items;
        meta->n_skipped = skipped + feed.n_skipped;
    }
    feed_release(&feed);
    return NR_OK;
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

    /* A web page may name its feed: follow that link once (never a chain of pages). */
    {
        struct parse_options po = {
            .base_url = m->fetched.final_url ? m->fetched.final_url : url,
            .max_items = opt->max_items,
        };
        struct nr_err perr = { 0 };
        if (feed_parse(m->fetched.body.data, m->fetched.body.len, &po, &page, &perr) == NR_OK &&
            page.format == FEED_HTML && page.discovered_feed_url) {
            struct fetch_result alt = { 0 };
            struct nr_err aerr = { 0 };
            struct fetch_limits alim = lim;
            alim.allow_files = opt->allow_files && nr_starts_with_ci(page.discovered_feed_url, "file:");
            if (fetcher_get(f, page.discovered_feed_url, &alim, NULL, &alt, &aerr) == NR_OK &&
                !alt.not_modified) {
                nr_info("'%s': following its feed link '%s'", url, page.discovered_feed_url);
                fetch_result_release(&m->fetched);
                m->fetched = alt;
            } else {
                nr_warn("'%s': its feed link failed (%s); using the page itself", url, aerr.msg);
                fetch_result_release(&alt);
            }
        }
    }

    size_t first_new = out->n;
    rc = pipeline_stories_from_body(m->fetched.body.data, m->fetched.body.len,
                                    m->fetched.final_url ? m->fetched.final_url : url,
                                    m->fetched.content_type, opt, out, m, err);
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

size_t pipeline_article_images(struct fetcher *f, struct story_list *l, size_t from,
                               int max_pages, const struct fetch_limits *feed_lim)
{
    size_t found = 0;
    int pages = 0;
    struct fetch_limits lim = *feed_lim;
    lim.allow_files = false;   /* an article link from a feed never reads the disk */
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
