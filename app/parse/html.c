/* html.c: a web page given as a feed: its <link rel="alternate"> feed (autodiscovery) and,
 * from its OpenGraph / <article> markup, one story. libxml2's HTML parser, recovering. */
#include "parse_internal.h"

#include "alloc.h"
#include "nr_limits.h"
#include "strutil.h"

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct page {
    char *base; /* <base href>, else the document URL; owned */
    char *feed_url, *title_tag, *h1;
    char *og_title, *og_image, *og_desc, *og_url, *og_site, *published, *modified, *author;
    char *meta_desc;
    xmlNodePtr article;
};

static char *prop(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char *out = v ? xstrdup((const char *)v) : NULL;
    xmlFree(v);
    return out;
}

static char *node_text(xmlNodePtr n)
{
    xmlChar *v = xmlNodeGetContent(n);
    char *out = parse_text_plain(v ? (const char *)v : NULL, false, NR_MAX_TITLE_BYTES);
    xmlFree(v);
    return out;
}

static bool token_in(const char *list, const char *tok)
{
    size_t n = strlen(tok);
    for (const char *p = list; p && *p;) {
        while (*p == ' ' || *p == '\t')
            p++;
        const char *e = p;
        while (*e && *e != ' ' && *e != '\t')
            e++;
        if ((size_t)(e - p) == n && strncasecmp(p, tok, n) == 0)
            return true;
        p = e;
    }
    return false;
}

static bool is_feed_type(const char *t)
{
    return t &&
           (strcasecmp(t, "application/rss+xml") == 0 ||
            strcasecmp(t, "application/atom+xml") == 0 ||
            strcasecmp(t, "application/feed+json") == 0 || strcasecmp(t, "application/json") == 0 ||
            strcasecmp(t, "application/rdf+xml") == 0);
}

static void take(char **dst, char *v)
{
    if (!*dst && !nr_str_empty(v))
        *dst = v;
    else
        free(v);
}

static void visit(struct page *pg, xmlNodePtr n)
{
    const char *name = (const char *)n->name;
    if (strcasecmp(name, "base") == 0) {
        char *href = prop(n, "href");
        if (href) {
            char *abs = feed_resolve_url(pg->base, href);
            if (abs) {
                free(pg->base);
                pg->base = abs;
            }
        }
        free(href);
    } else if (strcasecmp(name, "link") == 0) {
        char *rel = prop(n, "rel"), *type = prop(n, "type"), *href = prop(n, "href");
        if (token_in(rel, "alternate") && is_feed_type(type) && href && !pg->feed_url)
            pg->feed_url = feed_resolve_url(pg->base, href);
        free(rel);
        free(type);
        free(href);
    } else if (strcasecmp(name, "meta") == 0) {
        char *key = prop(n, "property");
        if (!key)
            key = prop(n, "name");
        char *content = key ? prop(n, "content") : NULL;
        if (key && content) {
            static const struct {
                const char *key;
                size_t off;
            } map[] = {
                { "og:title", offsetof(struct page, og_title) },
                { "twitter:title", offsetof(struct page, og_title) },
                { "og:image", offsetof(struct page, og_image) },
                { "og:image:url", offsetof(struct page, og_image) },
                { "twitter:image", offsetof(struct page, og_image) },
                { "og:description", offsetof(struct page, og_desc) },
                { "description", offsetof(struct page, meta_desc) },
                { "og:url", offsetof(struct page, og_url) },
                { "og:site_name", offsetof(struct page, og_site) },
                { "article:published_time", offsetof(struct page, published) },
                { "article:modified_time", offsetof(struct page, modified) },
                { "article:author", offsetof(struct page, author) },
                { "author", offsetof(struct page, author) },
            };
            for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
                if (strcasecmp(key, map[i].key) == 0) {
                    take((char **)((char *)pg + map[i].off), content);
                    content = NULL;
                    break;
                }
        }
        free(key);
        free(content);
    } else if (strcasecmp(name, "title") == 0 && !pg->title_tag) {
        pg->title_tag = node_text(n);
    } else if (strcasecmp(name, "h1") == 0 && !pg->h1) {
        pg->h1 = node_text(n);
    } else if (strcasecmp(name, "article") == 0 && !pg->article) {
        pg->article = n;
    }
}

/* Depth-first over elements without recursion (pages nest arbitrarily deep). */
static void walk(struct page *pg, xmlNodePtr root)
{
    xmlNodePtr n = root;
    while (n) {
        if (n->type == XML_ELEMENT_NODE && n->name)
            visit(pg, n);
        if (n->children && n->type == XML_ELEMENT_NODE) {
            n = n->children;
            continue;
        }
        while (n && !n->next && n != root)
            n = n->parent;
        if (!n || n == root)
            break;
        n = n->next;
    }
}

static char *inner_html(htmlDocPtr doc, xmlNodePtr n)
{
    xmlBufferPtr xb = xmlBufferCreate();
    for (xmlNodePtr c = n->children; c; c = c->next)
        htmlNodeDump(xb, doc, c);
    struct nr_buf b;
    nr_buf_init(&b, NR_MAX_CONTENT_BYTES);
    parse_text_append(&b, (const char *)xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
    xmlBufferFree(xb);
    return nr_buf_detach(&b);
}

enum nr_result parse_html_page(const char *utf8, size_t len, const struct parse_options *opt,
                               struct feed *f, struct nr_err *err)
{
    const char *name = opt->base_url ? opt->base_url : "page";
    struct page pg = { 0 };
    enum nr_result ret = NR_OK;
    struct pbuild b;
    parse_build_init(&b, f, opt);
    pg.base = xstrdup(opt->base_url);

    htmlDocPtr doc = htmlReadMemory(utf8, (int)len, opt->base_url, "UTF-8",
                                    HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                        HTML_PARSE_NOWARNING | HTML_PARSE_NOIMPLIED);
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) {
        ret = nr_fail(err, NR_ERR_NOT_FEED, "'%s' is an unreadable web page", name);
        goto out;
    }
    walk(&pg, root);
    f->discovered_feed_url = pg.feed_url;
    pg.feed_url = NULL;
    f->title = parse_text_plain(pg.og_site ? pg.og_site : pg.title_tag, false, NR_MAX_TITLE_BYTES);
    f->link = xstrdup(opt->base_url);

    if (pg.og_title || pg.article) {
        struct feed_item it = { 0 };
        const char *title = pg.og_title ? pg.og_title : pg.h1 ? pg.h1 : pg.title_tag;
        it.title = parse_text_plain(title, true, NR_MAX_TITLE_BYTES);
        it.link = feed_resolve_url(pg.base, pg.og_url ? pg.og_url : opt->base_url);
        it.base_url = xstrdup(pg.base);
        const char *desc = pg.og_desc ? pg.og_desc : pg.meta_desc;
        if (desc) {
            struct nr_buf sb;
            nr_buf_init(&sb, NR_MAX_FIELD_BYTES);
            parse_text_escape(&sb, desc, strlen(desc), false);
            it.summary_html = nr_buf_detach(&sb);
        }
        if (pg.article)
            it.content_html = inner_html(doc, pg.article);
        int64_t t;
        if (feed_parse_date(pg.published, &t)) {
            it.published_unix = t;
            it.has_published = true;
        }
        if (feed_parse_date(pg.modified, &t)) {
            it.updated_unix = t;
            it.has_updated = true;
        }
        it.author = parse_text_plain(pg.author, false, NR_MAX_TITLE_BYTES);
        if (pg.og_image) {
            struct feed_media m = { .kind = MEDIA_OG_IMAGE };
            m.url = feed_resolve_url(pg.base, pg.og_image);
            parse_build_add_media(&it, &m);
        }
        if (it.title)
            parse_build_commit(&b, &it);
        else
            feed_item_release(&it);
    }
    if (!f->discovered_feed_url && f->n_items == 0)
        ret = nr_fail(err, NR_ERR_NOT_FEED, "'%s' is a web page with no feed link and no article",
                      name);
out:
    if (doc)
        xmlFreeDoc(doc);
    free(pg.base);
    free(pg.feed_url);
    free(pg.title_tag);
    free(pg.h1);
    free(pg.og_title);
    free(pg.og_image);
    free(pg.og_desc);
    free(pg.og_url);
    free(pg.og_site);
    free(pg.published);
    free(pg.modified);
    free(pg.author);
    free(pg.meta_desc);
    return ret;
}
