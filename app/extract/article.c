/* article.c: one article page to the fields of a slide: decoding, headline, body, pull quote,
 * photo; and the rules that say a page is a wall or no article at all. */
#include "article_int.h"

#include "alloc.h"
#include "buf.h"
#include "nr_limits.h"
#include "decode.h"
#include "strutil.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define HTML_OPTS                                                                                  \
    (HTML_PARSE_NONET | HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |           \
     HTML_PARSE_COMPACT)

/* An article shorter than this (in words, or bytes for scripts without spaces) is a teaser,
 * a wall or an index page. */
#define ARTICLE_MIN_WORDS 50
#define ARTICLE_MIN_BYTES 400
/* A page marked as not free whose text is this short and breaks off ("...") is the teaser,
 * not the story. */
#define ARTICLE_TEASER_WORDS 150

const char *article_src_name(enum article_src s)
{
    switch (s) {
    case ARTICLE_SRC_JSONLD: return "json-ld";
    case ARTICLE_SRC_META: return "meta";
    case ARTICLE_SRC_BODY: return "page";
    case ARTICLE_SRC_NONE: break;
    }
    return "none";
}

void article_release(struct article *a)
{
    if (!a)
        return;
    free(a->headline);
    free(a->body);
    free(a->quote);
    free(a->speaker);
    free(a->photo_url);
    free(a->caption);
    free(a->credit);
    free(a->author);
    free(a->site_name);
    free(a->description);
    memset(a, 0, sizeof *a);
}

/* ---- headline ---- */

static const char *const separators[] = { " - ",  " | ",        " \xe2\x80\x93 ", " \xe2\x80\x94 ",
                                          " :: ", " \xc2\xb7 ", " \xc2\xbb ",     NULL };

/* Host without "www." and the public suffix, e.g. "example" for www.example.co.uk. */
static void host_label(const char *host, char *out, size_t cap)
{
    out[0] = '\0';
    if (!host)
        return;
    const char *h = strstr(host, "://");
    h = h ? h + 3 : host;
    if (strncasecmp(h, "www.", 4) == 0)
        h += 4;
    size_t n = strcspn(h, ".:/");
    if (n >= cap)
        n = cap - 1;
    for (size_t i = 0; i < n; i++)
        out[i] = (char)tolower((unsigned char)h[i]);
    out[n] = '\0';
}

/* Folded text without spaces, for comparing "Site News" with "sitenews". */
static char *squash(const char *s)
{
    char *f = extract_fold(s);
    size_t k = 0;
    for (size_t i = 0; f && f[i]; i++)
        if (f[i] != ' ')
            f[k++] = f[i];
    if (f)
        f[k] = '\0';
    return f;
}

char *article_strip_site_suffix(const char *title, const char *site_name, const char *host)
{
    if (!title)
        return NULL;
    char *t = nr_collapse_ws(title);
    char hl[64];
    host_label(host, hl, sizeof hl);
    for (int round = 0; round < 2; round++) {
        const char *cut = NULL;
        size_t seplen = 0;
        for (size_t i = 0; separators[i]; i++) {
            const char *p = t, *last = NULL;
            while ((p = strstr(p, separators[i])) != NULL) {
                last = p;
                p += strlen(separators[i]);
            }
            if (last && (!cut || last > cut)) {
                cut = last;
                seplen = strlen(separators[i]);
            }
        }
        if (!cut || cut == t)
            break;
        const char *tail = cut + seplen;
        size_t tail_words = extract_word_count(tail);
        char *head = xstrndup(t, (size_t)(cut - t));
        size_t head_words = extract_word_count(head);
        char *st = squash(tail), *ss = site_name ? squash(site_name) : NULL;
        bool names_site = (ss && *ss && (strstr(st, ss) || strstr(ss, st))) ||
                          (hl[0] && strlen(hl) >= 3 && strstr(st, hl)) ||
                          (hl[0] && *st && strlen(st) >= 3 && strstr(hl, st));
        bool short_tail = tail_words <= 4 && head_words >= 2 * tail_words + 2;
        free(st);
        free(ss);
        if (!(names_site || (round == 0 && short_tail && tail_words <= 3))) {
            free(head);
            break;
        }
        free(t);
        t = head;
    }
    return t;
}

struct hcand {
    char *h1[4];
    size_t n_h1;
    char *h2;
};

static void collect_headings(xmlNodePtr n, struct hcand *h, int depth)
{
    for (; n && depth < 100; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)n->name;
        if (!strcmp(name, "script") || !strcmp(name, "style") || !strcmp(name, "head"))
            continue;
        if (!strcmp(name, "h1") && h->n_h1 < 4) {
            char *t = extract_node_text(n);
            if (t && strlen(t) < NR_MAX_TITLE_BYTES)
                h->h1[h->n_h1++] = t;
            else
                free(t);
            continue;
        }
        if (!strcmp(name, "h2") && !h->h2) {
            char *t = extract_node_text(n);
            if (t && strlen(t) < NR_MAX_TITLE_BYTES)
                h->h2 = t;
            else
                free(t);
            continue;
        }
        collect_headings(n->children, h, depth + 1);
    }
}

static bool agrees(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    char *fa = extract_fold(a), *fb = extract_fold(b);
    bool ok = fa && fb && *fa && *fb && (strstr(fa, fb) || strstr(fb, fa));
    free(fa);
    free(fb);
    return ok;
}

static void pick_headline(xmlDocPtr doc, const struct apage_meta *m, const char *url,
                          struct article *a)
{
    struct hcand h = { 0 };
    collect_headings(xmlDocGetRootElement(doc), &h, 0);
    const char *refs[] = { m->ld_headline, m->og_title, m->title };
    for (size_t i = 0; i < h.n_h1 && !a->headline; i++)
        for (size_t r = 0; r < 3 && !a->headline; r++)
            if (extract_word_count(h.h1[i]) >= 2 && agrees(h.h1[i], refs[r]))
                a->headline = xstrdup(h.h1[i]);
    if (!a->headline && h.h2)
        for (size_t r = 0; r < 3 && !a->headline; r++)
            if (extract_word_count(h.h2) >= 3 && agrees(h.h2, refs[r]))
                a->headline = xstrdup(h.h2);
    if (a->headline)
        a->headline_src = ARTICLE_SRC_BODY;
    if (!a->headline && m->ld_headline) {
        a->headline = article_strip_site_suffix(m->ld_headline, a->site_name, url);
        a->headline_src = ARTICLE_SRC_JSONLD;
    }
    if (!a->headline && h.n_h1 && extract_word_count(h.h1[0]) >= 3) {
        a->headline = xstrdup(h.h1[0]);
        a->headline_src = ARTICLE_SRC_BODY;
    }
    const char *t = m->og_title ? m->og_title : m->title;
    if (!a->headline && t) {
        a->headline = article_strip_site_suffix(t, a->site_name, url);
        a->headline_src = ARTICLE_SRC_META;
    }
    for (size_t i = 0; i < h.n_h1; i++)
        free(h.h1[i]);
    free(h.h2);
}

/* ---- body ---- */

static char *join_paras(const struct xdoc *d)
{
    struct nr_buf b;
    nr_buf_init(&b, ARTICLE_MAX_BODY_BYTES);
    for (size_t i = 0; i < d->n_paras; i++) {
        if (b.len && nr_buf_puts(&b, "\n\n") != NR_OK)
            break;
        if (nr_buf_puts(&b, d->paras[i].text) != NR_OK)
            break;
    }
    return nr_buf_detach(&b);
}

/* Text that stops mid-story: "... All..." */
static bool breaks_off(const char *body)
{
    size_t n = strlen(body);
    while (n && isspace((unsigned char)body[n - 1]))
        n--;
    return (n >= 3 && strncmp(body + n - 3, "...", 3) == 0) ||
           (n >= 3 && strncmp(body + n - 3, "\xe2\x80\xa6", 3) == 0);
}

static bool looks_like_markup(const char *s)
{
    return strstr(s, "&lt;") || strstr(s, "&amp;") || strstr(s, "<p") || strstr(s, "<br") ||
           strstr(s, "</");
}

static bool text_long_enough(size_t words, size_t bytes)
{
    return words >= ARTICLE_MIN_WORDS || bytes >= ARTICLE_MIN_BYTES * 3 / 2;
}

enum nr_result article_extract(const char *data, size_t len, const char *url,
                               const char *http_charset, const struct extract_options *opt,
                               struct article *out, struct nr_err *err)
{
    memset(out, 0, sizeof *out);
    if (len > ARTICLE_MAX_PAGE_BYTES)
        return nr_fail(err, NR_ERR_TOO_BIG, "page over %u bytes", ARTICLE_MAX_PAGE_BYTES);
    if (!data || len == 0)
        return nr_fail(err, NR_ERR_PARSE, "empty page");

    struct pdec dec;
    struct nr_buf utf8;
    parse_dec_init(&dec, data, len, http_charset);
    nr_buf_init(&utf8, ARTICLE_MAX_PAGE_BYTES * 2);
    enum nr_result rc = parse_dec_read_all(&dec, &utf8);
    parse_dec_release(&dec);
    if (rc != NR_OK || !utf8.len) {
        nr_buf_release(&utf8);
        return nr_fail(err, rc ? rc : NR_ERR_PARSE, "page could not be decoded");
    }
    /* a JSON error body or an XML document served where a page was expected */
    const char *p = utf8.data;
    while (*p && isspace((unsigned char)*p))
        p++;
    if (*p == '{' || *p == '[') {
        nr_buf_release(&utf8);
        return nr_fail(err, NR_ERR_PARSE, "not an article: the page is JSON");
    }
    xmlDocPtr doc = htmlReadMemory(utf8.data, (int)utf8.len, url, "UTF-8", HTML_OPTS);
    nr_buf_release(&utf8);
    if (!doc || !xmlDocGetRootElement(doc)) {
        xmlFreeDoc(doc);
        return nr_fail(err, NR_ERR_PARSE, "not an article: no HTML");
    }

    struct apage_meta m;
    struct abody b;
    extract_article_meta_read(doc, url, &m);
    extract_article_body_find(doc, &b);

    int screen_w = opt && opt->screen_w > 0 ? opt->screen_w : 1920;
    out->site_name = xstrdup(m.og_site ? m.og_site : m.ld_publisher);
    out->author = xstrdup(m.ld_author ? m.ld_author : m.author);
    out->description = xstrdup(m.og_desc);
    const char *date = m.ld_date ? m.ld_date : m.published;
    out->has_published = date && feed_parse_date(date, &out->published_unix);

    char *body = join_paras(&b.paras);
    size_t body_words = b.words, body_bytes = strlen(body);
    /* JSON-LD articleBody: the publisher's own text, when the markup gave less of it */
    if (m.ld_body && looks_like_markup(m.ld_body)) {
        /* some publishers put the article's HTML in articleBody, some escape it twice */
        for (int round = 0; round < 2 && looks_like_markup(m.ld_body); round++) {
            char *t = story_html_to_text(m.ld_body);
            free(m.ld_body);
            m.ld_body = t;
        }
    }
    if (m.ld_body) {
        char *ld = nr_collapse_ws(m.ld_body);
        size_t ld_words = extract_word_count(ld);
        if (text_long_enough(ld_words, strlen(ld)) && ld_words > body_words * 11 / 10) {
            free(body);
            body = xstrdup(m.ld_body);
            body_words = ld_words;
            body_bytes = strlen(body);
            out->body_src = ARTICLE_SRC_JSONLD;
        }
        free(ld);
    }
    if (!out->body_src && body_bytes)
        out->body_src = ARTICLE_SRC_BODY;

    if (m.ld_not_free && body_words < ARTICLE_TEASER_WORDS && breaks_off(body)) {
        rc = nr_fail(err, NR_ERR_PARSE, "paywall: only a teaser of the article is on the page");
    } else if (!text_long_enough(body_words, body_bytes)) {
        if (b.has_password)
            rc = nr_fail(err, NR_ERR_PARSE, "login wall: the page asks to sign in");
        else if (b.mentions_consent)
            rc = nr_fail(err, NR_ERR_PARSE, "consent wall: the page asks about cookies");
        else
            rc = nr_fail(err, NR_ERR_PARSE, "not an article: no article text on the page");
    } else {
        rc = NR_OK;
    }
    if (rc != NR_OK) {
        free(body);
        article_release(out);
        goto out;
    }
    out->body = body;
    pick_headline(doc, &m, url, out);
    extract_article_photo_pick(doc, url, &m, &b, screen_w, out);

    /* the pull quote, from the body paragraphs (JSON-LD text is split at blank lines) */
    {
        struct xdoc qd = { 0 };
        const struct xdoc *use = &b.paras;
        if (out->body_src == ARTICLE_SRC_JSONLD) {
            extract_doc_parse(NULL, NULL, 0, &qd);
            for (const char *s = out->body; *s;) {
                const char *e = strstr(s, "\n\n");
                if (!e)
                    e = strchr(s, '\n');
                size_t n = e ? (size_t)(e - s) : strlen(s);
                char *raw = xstrndup(s, n);
                char *t = nr_collapse_ws(raw);
                free(raw);
                if (t && *t) {
                    xgrow((void **)&qd.paras, &qd.cap_paras, qd.n_paras + 1, sizeof *qd.paras);
                    qd.paras[qd.n_paras++] = (struct xpara){ .text = t, .kind = XPARA_BODY };
                } else {
                    free(t);
                }
                s += n;
                while (*s == '\n')
                    s++;
            }
            use = &qd;
        }
        struct nr_buf extra;
        nr_buf_init(&extra, 16384);
        /* past the cap the description is left out: the caption still names people */
        enum nr_result r = out->caption ? nr_buf_printf(&extra, "%s. ", out->caption) : NR_OK;
        if (r == NR_OK && out->description)
            r = nr_buf_printf(&extra, "%s. ", out->description);
        extract_quote_pick(use, NULL, out->headline, extra.data, &out->quote, &out->speaker);
        nr_buf_release(&extra);
        extract_doc_release(&qd);
    }
out:
    extract_article_meta_release(&m);
    extract_article_body_release(&b);
    xmlFreeDoc(doc);
    return rc;
}
