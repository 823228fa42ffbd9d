/* feed.c: feed_parse(): charset, format sniffing, and the item store every format shares. */
#include "parse_internal.h"

#include "alloc.h"
#include "nr_limits.h"

#include <stdlib.h>
#include <string.h>

const char *feed_format_name(enum feed_format f)
{
    switch (f) {
    case FEED_RSS: return "rss";
    case FEED_RDF: return "rdf";
    case FEED_ATOM: return "atom";
    case FEED_JSON: return "json";
    case FEED_HTML: return "html";
    case FEED_SITEMAP: return "sitemap";
    case FEED_UNKNOWN: break;
    }
    return "unknown";
}

void feed_media_release(struct feed_media *m)
{
    if (!m)
        return;
    free(m->url);
    free(m->type);
    free(m->medium);
    free(m->title);
    free(m->description);
    free(m->text);
    free(m->credit);
    memset(m, 0, sizeof *m);
}

void feed_item_release(struct feed_item *it)
{
    if (!it)
        return;
    free(it->title);
    free(it->link);
    free(it->guid);
    free(it->summary_html);
    free(it->content_html);
    free(it->author);
    free(it->base_url);
    for (size_t i = 0; i < it->n_categories; i++)
        free(it->categories[i]);
    free(it->categories);
    for (size_t i = 0; i < it->n_media; i++)
        feed_media_release(&it->media[i]);
    free(it->media);
    memset(it, 0, sizeof *it);
}

void feed_release(struct feed *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n_items; i++)
        feed_item_release(&f->items[i]);
    free(f->items);
    free(f->title);
    free(f->link);
    free(f->language);
    free(f->discovered_feed_url);
    free(f->logo_url);
    memset(f, 0, sizeof *f);
}

void parse_build_init(struct pbuild *b, struct feed *f, const struct parse_options *opt)
{
    memset(b, 0, sizeof *b);
    b->feed = f;
    b->max_items = opt && opt->max_items ? opt->max_items : NR_MAX_ITEMS;
    if (b->max_items > NR_MAX_ITEMS)
        b->max_items = NR_MAX_ITEMS;
    b->doc_url = opt ? opt->base_url : NULL;
}

struct feed_media *parse_build_add_media(struct feed_item *it, struct feed_media *m)
{
    if (it->n_media >= NR_MAX_MEDIA || !m->url) {
        feed_media_release(m);
        return NULL;
    }
    it->media = xrealloc(it->media, (it->n_media + 1) * sizeof *it->media);
    it->media[it->n_media] = *m;
    memset(m, 0, sizeof *m);
    return &it->media[it->n_media++];
}

void parse_build_add_category(struct feed_item *it, char *owned)
{
    if (!owned)
        return;
    if (it->n_categories >= PARSE_MAX_CATEGORIES) {
        free(owned);
        return;
    }
    it->categories = xrealloc(it->categories, (it->n_categories + 1) * sizeof(char *));
    it->categories[it->n_categories++] = owned;
}

/* Ordering for "newest N": undated items count as older than any dated one. */
static bool older(const struct feed_item *a, const struct feed_item *b)
{
    if (a->has_published != b->has_published)
        return !a->has_published;
    return a->has_published && a->published_unix < b->published_unix;
}

void parse_build_commit(struct pbuild *b, struct feed_item *it)
{
    struct feed *f = b->feed;
    if (!it->has_published && it->has_updated) {
        it->published_unix = it->updated_unix;
        it->has_published = true;
    }
    if (!it->base_url)
        it->base_url = xstrdup(b->doc_url ? b->doc_url : it->link);
    if (f->n_items < b->max_items) {
        xgrow((void **)&f->items, &b->cap_items, f->n_items + 1, sizeof *f->items);
        f->items[f->n_items++] = *it;
        memset(it, 0, sizeof *it);
        return;
    }
    /* Over the cap: the oldest of the kept items and the new one compete; the loser goes.
     * Document order of the survivors is kept by shifting. */
    size_t oldest = 0;
    for (size_t i = 1; i < f->n_items; i++)
        if (!older(&f->items[oldest], &f->items[i]))
            oldest = i; /* ties go to the later one: feeds list newest first */
    f->n_skipped++;
    if (f->n_items == 0 || !older(&f->items[oldest], it)) {
        feed_item_release(it);
        return;
    }
    feed_item_release(&f->items[oldest]);
    memmove(&f->items[oldest], &f->items[oldest + 1], (f->n_items - oldest - 1) * sizeof *f->items);
    f->items[f->n_items - 1] = *it;
    memset(it, 0, sizeof *it);
}

enum nr_result feed_parse(const char *data, size_t len, const struct parse_options *opt,
                          struct feed *out, struct nr_err *err)
{
    static const struct parse_options no_opt;
    struct pdec dec;
    struct nr_buf all;
    enum nr_result ret = NR_OK;
    char *scratch = NULL;

    memset(out, 0, sizeof *out);
    if (!opt)
        opt = &no_opt;
    nr_buf_init(&all, NR_MAX_FEED_BYTES);
    parse_dec_init(&dec, data ? data : "", data ? len : 0, opt->http_charset);
    if (!data || len == 0) {
        ret =
            nr_fail(err, NR_ERR_NOT_FEED, "'%s' is empty", opt->base_url ? opt->base_url : "feed");
        goto out;
    }
    scratch = xmalloc(PARSE_CHUNK_BYTES);
    size_t first_len;
    const char *first = parse_dec_next(&dec, scratch, PARSE_CHUNK_BYTES, &first_len);
    enum feed_format fmt = parse_sniff(first, first_len);
    out->format = fmt;
    switch (fmt) {
    case FEED_RSS:
    case FEED_RDF:
    case FEED_ATOM: ret = parse_xml_feed(&dec, first, first_len, opt, out, err); break;
    case FEED_JSON:
    case FEED_HTML:
    case FEED_SITEMAP:
        /* These are read whole (a DOM): they are capped like any fetched body. */
        if (nr_buf_append(&all, first, first_len) != NR_OK ||
            parse_dec_read_all(&dec, &all) != NR_OK) {
            ret = nr_fail(err, NR_ERR_TOO_BIG, "'%s' is over %u bytes",
                          opt->base_url ? opt->base_url : "document", NR_MAX_FEED_BYTES);
            break;
        }
        if (fmt == FEED_SITEMAP)
            ret = parse_sitemap(all.data, all.len, opt, out, err);
        else
            ret = fmt == FEED_JSON ? parse_json_feed(all.data, all.len, opt, out, err)
                                   : parse_html_page(all.data, all.len, opt, out, err);
        break;
    case FEED_UNKNOWN:
        ret = nr_fail(err, NR_ERR_NOT_FEED, "'%s' is not RSS, Atom, JSON Feed or a web page",
                      opt->base_url ? opt->base_url : "document");
        break;
    }
out:
    if (ret != NR_OK)
        feed_release(out);
    free(scratch);
    nr_buf_release(&all);
    parse_dec_release(&dec);
    return ret;
}
