/* article_meta.c: an article page's metadata: OpenGraph, Twitter card, <meta>, JSON-LD. */
#include "article_int.h"

#include "alloc.h"
#include "strutil.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* JSON-LD blocks bigger than this are skipped (an articleBody is rarely over 100 KiB). */
#define LD_MAX_BYTES (1024u * 1024)
/* How deep JSON-LD is searched for the article object (@graph, arrays, mainEntity). */
#define LD_MAX_DEPTH 6

static void set_once(char **dst, const char *v)
{
    if (!*dst && !nr_str_empty(v))
        *dst = nr_collapse_ws(v);
}

static void set_url_once(char **dst, const char *base, const char *v)
{
    if (*dst || nr_str_empty(v))
        return;
    char *trim = nr_collapse_ws(v);
    *dst = feed_resolve_url(base, trim);
    free(trim);
}

static int to_px(const char *s)
{
    long v = 0;
    char *t = nr_collapse_ws(s);
    if (t && !nr_parse_int(t, 1, 100000, &v))
        v = 0;
    free(t);
    return (int)v;
}

static void read_meta(xmlNodePtr n, const char *base, struct apage_meta *m)
{
    const char *key = extract_node_attr(n, "property");
    if (!key)
        key = extract_node_attr(n, "name");
    if (!key)
        key = extract_node_attr(n, "itemprop");
    /* "value" where a page was saved after preprocessing that renamed "content" */
    const char *val = extract_node_attr(n, "content");
    if (!val)
        val = extract_node_attr(n, "value");
    if (!key || !val)
        return;
    if (!strcasecmp(key, "og:title"))
        set_once(&m->og_title, val);
    else if (!strcasecmp(key, "og:image") || !strcasecmp(key, "og:image:url") ||
             !strcasecmp(key, "og:image:secure_url"))
        set_url_once(&m->og_image, base, val);
    else if (!strcasecmp(key, "og:image:width") && !m->og_image_w)
        m->og_image_w = to_px(val);
    else if (!strcasecmp(key, "og:image:height") && !m->og_image_h)
        m->og_image_h = to_px(val);
    else if (!strcasecmp(key, "twitter:image") || !strcasecmp(key, "twitter:image:src"))
        set_url_once(&m->twitter_image, base, val);
    else if (!strcasecmp(key, "og:site_name"))
        set_once(&m->og_site, val);
    else if (!strcasecmp(key, "og:description") || !strcasecmp(key, "description") ||
             !strcasecmp(key, "twitter:description"))
        set_once(&m->og_desc, val);
    else if (!strcasecmp(key, "og:type"))
        set_once(&m->og_type, val);
    else if (!strcasecmp(key, "article:published_time") || !strcasecmp(key, "datePublished") ||
             !strcasecmp(key, "pubdate") || !strcasecmp(key, "date"))
        set_once(&m->published, val);
    else if (!strcasecmp(key, "author") || !strcasecmp(key, "article:author"))
        set_once(&m->author, val);
}

/* ---- JSON-LD ---- */

static const char *jstr(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* A name from a string, an object with "name", or the first of an array. */
static const char *jname(const cJSON *v)
{
    if (cJSON_IsArray(v))
        v = cJSON_GetArrayItem(v, 0);
    if (cJSON_IsString(v))
        return v->valuestring;
    if (cJSON_IsObject(v))
        return jstr(v, "name");
    return NULL;
}

static int jpx(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (cJSON_IsNumber(v) && v->valuedouble > 0 && v->valuedouble < 100000)
        return (int)v->valuedouble;
    if (cJSON_IsString(v))
        return to_px(v->valuestring);
    if (cJSON_IsObject(v))
        return jpx(v, "value");
    return 0;
}

static bool is_article_type(const char *t)
{
    static const char *const types[] = {
        "NewsArticle",
        "Article",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "BlogPosting",
        "LiveBlogPosting",
        "Report",
        "ScholarlyArticle",
        "TechArticle",
        NULL,
    };
    if (!t)
        return false;
    if (strncmp(t, "http://schema.org/", 18) == 0 || strncmp(t, "https://schema.org/", 19) == 0)
        t = strrchr(t, '/') + 1;
    for (size_t i = 0; types[i]; i++)
        if (strcmp(t, types[i]) == 0)
            return true;
    return false;
}

static bool has_article_type(const cJSON *o)
{
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, "@type");
    if (cJSON_IsString(t))
        return is_article_type(t->valuestring);
    if (cJSON_IsArray(t)) {
        const cJSON *e;
        cJSON_ArrayForEach(e, t)
        {
            if (cJSON_IsString(e) && is_article_type(e->valuestring))
                return true;
        }
    }
    return false;
}

static const cJSON *find_article(const cJSON *v, int depth)
{
    if (!v || depth > LD_MAX_DEPTH)
        return NULL;
    if (cJSON_IsObject(v) && has_article_type(v))
        return v;
    const cJSON *e;
    if (cJSON_IsArray(v)) {
        cJSON_ArrayForEach(e, v)
        {
            const cJSON *f = find_article(e, depth + 1);
            if (f)
                return f;
        }
    } else if (cJSON_IsObject(v)) {
        static const char *const nested[] = { "@graph", "mainEntity", "mainEntityOfPage", NULL };
        for (size_t i = 0; nested[i]; i++) {
            const cJSON *f =
                find_article(cJSON_GetObjectItemCaseSensitive(v, nested[i]), depth + 1);
            if (f)
                return f;
        }
    }
    return NULL;
}

static void read_ld_image(const cJSON *img, const char *base, struct apage_meta *m)
{
    if (cJSON_IsArray(img))
        img = cJSON_GetArrayItem(img, 0);
    if (cJSON_IsString(img)) {
        set_url_once(&m->ld_image, base, img->valuestring);
        return;
    }
    if (!cJSON_IsObject(img))
        return;
    const char *url = jstr(img, "url");
    if (!url)
        url = jstr(img, "contentUrl");
    set_url_once(&m->ld_image, base, url);
    m->ld_image_w = jpx(img, "width");
    m->ld_image_h = jpx(img, "height");
    set_once(&m->ld_caption, jstr(img, "caption"));
    if (!m->ld_caption)
        set_once(&m->ld_caption, jstr(img, "description"));
    set_once(&m->ld_credit, jstr(img, "creditText"));
    set_once(&m->ld_credit, jname(cJSON_GetObjectItemCaseSensitive(img, "copyrightHolder")));
    set_once(&m->ld_credit, jname(cJSON_GetObjectItemCaseSensitive(img, "author")));
}

static void read_ld(const char *json, size_t len, const char *base, struct apage_meta *m)
{
    if (len == 0 || len > LD_MAX_BYTES || m->ld_article)
        return;
    cJSON *root = cJSON_ParseWithLength(json, len);
    const cJSON *a = find_article(root, 0);
    if (a) {
        m->ld_article = true;
        set_once(&m->ld_headline, jstr(a, "headline"));
        const char *body = jstr(a, "articleBody");
        if (body && strlen(body) < ARTICLE_MAX_BODY_BYTES)
            m->ld_body = xstrdup(body);
        read_ld_image(cJSON_GetObjectItemCaseSensitive(a, "image"), base, m);
        set_once(&m->ld_author, jname(cJSON_GetObjectItemCaseSensitive(a, "author")));
        set_once(&m->ld_date, jstr(a, "datePublished"));
        set_once(&m->ld_publisher, jname(cJSON_GetObjectItemCaseSensitive(a, "publisher")));
        const cJSON *free_ = cJSON_GetObjectItemCaseSensitive(a, "isAccessibleForFree");
        m->ld_not_free = cJSON_IsFalse(free_) ||
                         (cJSON_IsString(free_) && strcasecmp(free_->valuestring, "false") == 0);
    }
    cJSON_Delete(root);
}

static void walk(xmlNodePtr n, const char *base, struct apage_meta *m, int depth)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)n->name;
        if (!strcmp(name, "meta")) {
            read_meta(n, base, m);
        } else if (!strcmp(name, "title")) {
            if (!m->title) {
                char *t = extract_node_text(n);
                m->title = t;
            }
        } else if (!strcmp(name, "script")) {
            const char *type = extract_node_attr(n, "type");
            if (type && strcasestr(type, "ld+json")) {
                xmlChar *c = xmlNodeGetContent(n);
                if (c)
                    read_ld((const char *)c, strlen((const char *)c), base, m);
                xmlFree(c);
            }
        } else if (n->children && depth < 64) {
            walk(n->children, base, m, depth + 1);
        }
    }
}

void extract_article_meta_read(xmlDocPtr doc, const char *base, struct apage_meta *m)
{
    memset(m, 0, sizeof *m);
    walk(xmlDocGetRootElement(doc), base, m, 0);
}

void extract_article_meta_release(struct apage_meta *m)
{
    if (!m)
        return;
    char **s[] = { &m->title,   &m->og_title,    &m->og_image,   &m->twitter_image, &m->og_site,
                   &m->og_desc, &m->og_type,     &m->published,  &m->author,        &m->ld_headline,
                   &m->ld_body, &m->ld_image,    &m->ld_caption, &m->ld_credit,     &m->ld_author,
                   &m->ld_date, &m->ld_publisher };
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
        free(*s[i]);
    memset(m, 0, sizeof *m);
}
