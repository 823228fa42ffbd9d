/* sitemap.c: a news sitemap (<urlset> with Google News' <news:news>) read as a feed: each
 * <url> with a news title is an item (title, link, publication date, image). Sites that
 * dropped RSS still publish one for search engines; the article page supplies the rest. */
#include "parse_internal.h"

#include "alloc.h"
#include "nr_limits.h"
#include "strutil.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <string.h>

/* No network, no entity expansion, no DTD: a sitemap is plain data. */
#define SITEMAP_OPTS                                                                               \
    (XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |               \
     XML_PARSE_COMPACT)

static bool named(xmlNodePtr n, const char *local)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, local) == 0;
}

static xmlNodePtr child(xmlNodePtr n, const char *local)
{
    for (xmlNodePtr k = n ? n->children : NULL; k; k = k->next)
        if (named(k, local))
            return k;
    return NULL;
}

/* Text of n, plain, capped; NULL when empty. */
static char *text_of(xmlNodePtr n, size_t cap)
{
    if (!n)
        return NULL;
    xmlChar *c = xmlNodeGetContent(n);
    char *t = parse_text_plain(c ? (const char *)c : NULL, false, cap);
    xmlFree(c);
    return t;
}

static void read_url(xmlNodePtr u, const struct parse_options *opt, struct feed *f,
                     struct pbuild *b)
{
    xmlNodePtr news = child(u, "news");
    char *loc = text_of(child(u, "loc"), NR_MAX_FIELD_BYTES);
    char *title = text_of(child(news, "title"), NR_MAX_TITLE_BYTES);
    if (!loc || !title) {
        /* a plain sitemap entry: a URL with nothing to show */
        free(loc);
        free(title);
        f->n_skipped++;
        return;
    }
    struct feed_item it = { 0 };
    it.link = feed_resolve_url(opt->base_url, loc);
    it.guid = loc;
    it.title = title;
    xmlNodePtr pub = child(news, "publication");
    if (!f->title)
        f->title = text_of(child(pub, "name"), NR_MAX_TITLE_BYTES);
    if (!f->language)
        f->language = text_of(child(pub, "language"), 64);
    char *date = text_of(child(news, "publication_date"), 128);
    if (!date)
        date = text_of(child(u, "lastmod"), 128);
    int64_t t;
    if (date && feed_parse_date(date, &t)) {
        it.published_unix = t;
        it.has_published = true;
    }
    free(date);
    char *kw = text_of(child(news, "keywords"), NR_MAX_FIELD_BYTES);
    for (char *p = kw, *e; p && *p && it.n_categories < PARSE_MAX_CATEGORIES; p = e) {
        e = strchr(p, ',');
        if (e)
            *e++ = '\0';
        char *c = nr_collapse_ws(p);
        if (c && *c)
            parse_build_add_category(&it, c);
        else
            free(c);
        if (!e)
            break;
    }
    free(kw);
    for (xmlNodePtr k = u->children; k; k = k->next) {
        if (!named(k, "image"))
            continue;
        char *iloc = text_of(child(k, "loc"), NR_MAX_FIELD_BYTES);
        if (!iloc)
            continue;
        struct feed_media m = { .kind = MEDIA_CONTENT, .medium = xstrdup("image") };
        m.url = feed_resolve_url(it.link, iloc);
        free(iloc);
        m.description = text_of(child(k, "caption"), NR_MAX_FIELD_BYTES);
        m.title = text_of(child(k, "title"), NR_MAX_FIELD_BYTES);
        if (!parse_build_add_media(&it, &m))
            break;
    }
    parse_build_commit(b, &it);
}

enum nr_result parse_sitemap(const char *utf8, size_t len, const struct parse_options *opt,
                             struct feed *f, struct nr_err *err)
{
    const char *name = opt->base_url ? opt->base_url : "sitemap";
    if (len > INT32_MAX)
        return nr_fail(err, NR_ERR_TOO_BIG, "'%s' is too big", name);
    /* a sitemap has no use for entities: one that declares them is refused whole */
    if (memmem(utf8, len, "<!ENTITY", 8))
        return nr_fail(err, NR_ERR_PARSE, "'%s' declares entities; not read", name);
    xmlDocPtr doc = xmlReadMemory(utf8, (int)len, opt->base_url, "UTF-8", SITEMAP_OPTS);
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root || !named(root, "urlset")) {
        xmlFreeDoc(doc);
        return nr_fail(err, NR_ERR_PARSE, "'%s' is no readable sitemap", name);
    }
    struct pbuild b;
    parse_build_init(&b, f, opt);
    for (xmlNodePtr u = root->children; u; u = u->next)
        if (named(u, "url"))
            read_url(u, opt, f, &b);
    xmlFreeDoc(doc);
    if (f->n_items == 0)
        return nr_fail(err, NR_ERR_NOT_FEED, "'%s' is a sitemap without news entries", name);
    return NR_OK;
}
