/* html.c: article HTML to classified paragraphs and images, with libxml2's HTML parser. */
#include "extract_int.h"

#include "alloc.h"
#include "buf.h"
#include "nr_limits.h"
#include "strutil.h"

#include <libxml/HTMLparser.h>
#include <libxml/uri.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define HTML_OPTS                                                                                  \
    (HTML_PARSE_NONET | HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |           \
     HTML_PARSE_COMPACT)

/* Where text being read goes. */
enum sink { SINK_PARA, SINK_CAPTION, SINK_CREDIT };

struct walk {
    struct xdoc *doc;
    const char *base_url;
    int screen_w;
    struct nr_buf para;   /* the paragraph being read */
    size_t para_bold;     /* non-space bytes of para read inside <strong>/<b> */
    size_t para_ink;      /* non-space bytes of para */
    enum xpara_kind kind; /* kind of the innermost block */
    int bold_depth;
    enum sink sink;
    long fig_img; /* image of the figure being read, -1 none */
    bool in_figure;
    struct nr_buf fig_caption, fig_credit;
};

/* Elements whose content never reaches a slide. Ruby readings (<rt>, and the <rp>
 * parentheses around them) are for the reader of a page, not of a headline-size slide. */
static const char *const skipped[] = {
    "script", "style",  "noscript", "template", "iframe", "object",   "embed",
    "svg",    "math",   "form",     "button",   "select", "textarea", "input",
    "nav",    "footer", "aside",    "video",    "audio",  "canvas",   "map",
    "head",   "title",  "link",     "meta",     "rt",     "rp",       NULL,
};

static const char *const blocks[] = {
    "p",     "div",   "section", "article",    "main",       "header", "li",   "ul",      "ol",
    "dl",    "dt",    "dd",      "blockquote", "pre",        "table",  "tr",   "td",      "th",
    "tbody", "thead", "hr",      "figure",     "figcaption", "h1",     "h2",   "h3",      "h4",
    "h5",    "h6",    "address", "center",     "body",       "html",   "time", "picture", NULL,
};

static bool in_list(const char *name, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(name, list[i]) == 0)
            return true;
    return false;
}

static const char *attr(xmlNode *n, const char *name)
{
    for (xmlAttr *a = n->properties; a; a = a->next)
        if (a->name && strcasecmp((const char *)a->name, name) == 0 && a->children &&
            a->children->type == XML_TEXT_NODE)
            return (const char *)a->children->content;
    return NULL;
}

/* True when attribute `name` of n holds one of the words (ASCII case-insensitive substrings). */
static bool attr_has(xmlNode *n, const char *name, const char *const *words)
{
    const char *v = attr(n, name);
    if (!v)
        return false;
    for (size_t i = 0; words[i]; i++)
        if (strcasestr(v, words[i]))
            return true;
    return false;
}

static const char *const credit_classes[] = { "credit", "copyright", "photographer",
                                              "source", "courtesy",  NULL };
static const char *const chrome_classes[] = { "byline",     "author",     "share",   "social",
                                              "newsletter", "related",    "promo",   "advert",
                                              "skip",       "breadcrumb", "signoff", "sign-off",
                                              "subscribe",  "comments",   "tags",    NULL };

static bool is_hidden(xmlNode *n)
{
    static const char *const none[] = { "display:none", "display: none", "visibility:hidden",
                                        "visibility: hidden", NULL };
    if (attr(n, "hidden"))
        return true;
    const char *aria = attr(n, "aria-hidden");
    if (aria && strcasecmp(aria, "true") == 0)
        return true;
    return attr_has(n, "style", none);
}

static int attr_int(xmlNode *n, const char *name)
{
    const char *v = attr(n, name);
    if (!v)
        return 0;
    long x = strtol(v, NULL, 10);
    return x > 0 && x < 100000 ? (int)x : 0;
}

#define SRCSET_MAX_W 1000000000L /* widths are clamped here before they become a long */

/* The srcset entry to show: the widest not wastefully larger than the screen (1.5x),
 * else the narrowest. NULL when srcset has no usable entry. New string. */
static char *srcset_pick(const char *srcset, int screen_w)
{
    long limit = (long)(screen_w > 0 ? screen_w : 1920) * 3 / 2;
    const char *best_under = NULL, *best_over = NULL;
    size_t under_len = 0, over_len = 0;
    long under_w = -1, over_w = 0;
    const char *p = srcset;
    while (*p) {
        while (*p == ' ' || *p == ',' || *p == '\n' || *p == '\t')
            p++;
        if (!*p)
            break;
        const char *u = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n')
            p++;
        size_t ulen = (size_t)(p - u);
        if (ulen && u[ulen - 1] == ',') /* "a.jpg," with no descriptor */
            ulen--;
        while (*p == ' ' || *p == '\t')
            p++;
        long w = 0;
        if (isdigit((unsigned char)*p)) {
            char *end;
            double d = strtod(p, &end);
            if (*end == 'x')
                d *= 1000; /* density: only the order matters */
            /* a descriptor past any screen (or no number at all) is the widest there is */
            if (*end == 'w' || *end == 'x')
                w = d >= 0 && d < SRCSET_MAX_W ? (long)d : (d >= 0 ? SRCSET_MAX_W : 0);
            p = end;
        }
        while (*p && *p != ',')
            p++;
        if (ulen == 0)
            continue;
        if (w <= limit && w > under_w) {
            best_under = u, under_len = ulen, under_w = w;
        } else if (w > limit && (!best_over || w < over_w)) {
            best_over = u, over_len = ulen, over_w = w;
        }
    }
    if (best_under)
        return xstrndup(best_under, under_len);
    if (best_over)
        return xstrndup(best_over, over_len);
    return NULL;
}

static bool is_credit_line(const char *text)
{
    char *c = extract_credit_from_line(text);
    bool found = c != NULL;
    free(c);
    return found;
}

static void flush_para(struct walk *w)
{
    if (w->para.len == 0)
        return;
    char *text = nr_collapse_ws(w->para.data);
    size_t bold = w->para_bold;
    size_t raw = w->para_ink;
    nr_buf_reset(&w->para);
    w->para_bold = 0;
    w->para_ink = 0;
    if (!*text) {
        free(text);
        return;
    }
    enum xpara_kind kind = w->kind;
    /* A short paragraph set wholly in bold is a subhead ("<p><strong>...</strong></p>"). */
    if (kind == XPARA_BODY && bold * 10 >= raw * 9 && strlen(text) < 160)
        kind = XPARA_HEADING;
    if (kind == XPARA_BODY && (nr_starts_with_ci(text, "skip to ") ||
                               extract_text_is_signoff(text) || is_credit_line(text)))
        kind = XPARA_CHROME;
    struct xdoc *d = w->doc;
    xgrow((void **)&d->paras, &d->cap_paras, d->n_paras + 1, sizeof *d->paras);
    d->paras[d->n_paras++] = (struct xpara){ .text = text, .kind = kind, .imgs_before = d->n_imgs };
}

static void add_text(struct walk *w, const char *s)
{
    struct nr_buf *b = w->sink == SINK_CREDIT    ? &w->fig_credit
                       : w->sink == SINK_CAPTION ? &w->fig_caption
                                                 : &w->para;
    size_t n = strlen(s);
    if (nr_buf_append(b, s, n) != NR_OK || b != &w->para)
        return; /* past the cap the rest is dropped: a slide never needs it */
    size_t ink = 0;
    for (size_t i = 0; i < n; i++)
        ink += !isspace((unsigned char)s[i]);
    w->para_ink += ink;
    if (w->bold_depth > 0)
        w->para_bold += ink;
}

static void add_image(struct walk *w, xmlNode *n)
{
    const char *src = attr(n, "src");
    const char *lazy = attr(n, "data-src");
    if (!lazy)
        lazy = attr(n, "data-lazy-src");
    if (lazy && (!src || nr_starts_with(src, "data:")))
        src = lazy;
    char *chosen = NULL;
    const char *srcset = attr(n, "srcset");
    if (!srcset)
        srcset = attr(n, "data-srcset");
    if (srcset)
        chosen = srcset_pick(srcset, w->screen_w);
    if (!chosen && src)
        chosen = xstrdup(src);
    if (!chosen)
        return;
    if (nr_str_empty(chosen) || nr_starts_with(chosen, "data:")) {
        free(chosen);
        return;
    }
    struct xdoc *d = w->doc;
    if (d->n_imgs >= NR_MAX_MEDIA * 4) {
        free(chosen);
        return;
    }
    struct ximg img = { 0 };
    /* NULL when it cannot be made absolute (no base): such an image can never be fetched */
    img.src = feed_resolve_url(w->base_url, chosen);
    free(chosen);
    if (!img.src)
        return;
    const char *alt = attr(n, "alt");
    if (alt && !nr_str_empty(alt))
        img.alt = nr_collapse_ws(alt);
    const char *cap = attr(n, "data-caption");
    if (cap && !nr_str_empty(cap))
        img.caption = extract_plain(cap);
    const char *cred = attr(n, "data-credit");
    if (cred && !nr_str_empty(cred)) {
        char *plain = extract_plain(cred);
        img.credit = extract_credit_clean(plain);
        free(plain);
    }
    img.width = attr_int(n, "width");
    img.height = attr_int(n, "height");
    img.in_figure = w->in_figure;
    xgrow((void **)&d->imgs, &d->cap_imgs, d->n_imgs + 1, sizeof *d->imgs);
    d->imgs[d->n_imgs] = img;
    if (w->in_figure && w->fig_img < 0)
        w->fig_img = (long)d->n_imgs;
    d->n_imgs++;
}

static void end_figure(struct walk *w)
{
    if (w->fig_img >= 0) {
        struct ximg *img = &w->doc->imgs[w->fig_img];
        char *cap = w->fig_caption.len ? nr_collapse_ws(w->fig_caption.data) : NULL;
        char *cred = w->fig_credit.len ? nr_collapse_ws(w->fig_credit.data) : NULL;
        if (cap && *cap) {
            /* "...scenarios\"Image: Yuri ..." when the credit was not in its own span */
            char *c2 = NULL, *k2 = NULL;
            extract_credit_split(cap, &c2, &k2);
            free(cap);
            cap = c2;
            if (!cred || !*cred) {
                free(cred);
                cred = k2;
            } else {
                free(k2);
            }
        }
        if (cap && *cap) {
            free(img->caption);
            img->caption = cap;
            cap = NULL;
        }
        if (cred && *cred) {
            char *clean = extract_credit_clean(cred);
            if (clean) {
                free(img->credit);
                img->credit = clean;
            }
        }
        free(cap);
        free(cred);
    }
    nr_buf_reset(&w->fig_caption);
    nr_buf_reset(&w->fig_credit);
    w->fig_img = -1;
    w->in_figure = false;
}

static void walk_children(struct walk *w, xmlNode *parent, int depth);

static void walk_element(struct walk *w, xmlNode *n, int depth)
{
    const char *name = (const char *)n->name;
    if (!name || in_list(name, skipped) || is_hidden(n))
        return;
    if (strcmp(name, "img") == 0) {
        add_image(w, n);
        return;
    }
    if (strcmp(name, "br") == 0) {
        if (w->sink == SINK_PARA)
            flush_para(w);
        else
            add_text(w, " ");
        return;
    }
    bool block = in_list(name, blocks);
    bool figure = strcmp(name, "figure") == 0 && !w->in_figure;
    bool figcaption = strcmp(name, "figcaption") == 0;
    bool bold = strcmp(name, "strong") == 0 || strcmp(name, "b") == 0;
    enum sink old_sink = w->sink;
    enum xpara_kind old_kind = w->kind;

    if (block && w->sink == SINK_PARA)
        flush_para(w);
    if (figure) {
        w->in_figure = true;
        w->fig_img = -1;
    }
    if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2])
        w->kind = XPARA_HEADING;
    if (attr_has(n, "class", chrome_classes))
        w->kind = XPARA_CHROME;
    if (figcaption)
        w->sink = w->in_figure ? SINK_CAPTION : SINK_PARA, w->kind = XPARA_CAPTION;
    if (w->sink == SINK_CAPTION && attr_has(n, "class", credit_classes))
        w->sink = SINK_CREDIT;
    if (block && w->sink != SINK_PARA)
        add_text(w, " ");
    if (bold)
        w->bold_depth++;

    walk_children(w, n, depth + 1);

    if (bold)
        w->bold_depth--;
    if (block && w->sink == SINK_PARA)
        flush_para(w);
    if (w->sink != SINK_PARA)
        add_text(w, " ");
    w->sink = old_sink;
    w->kind = old_kind;
    if (figure)
        end_figure(w);
}

static void walk_children(struct walk *w, xmlNode *parent, int depth)
{
    if (depth > NR_MAX_DEPTH)
        return;
    for (xmlNode *c = parent->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content)
                add_text(w, (const char *)c->content);
        } else if (c->type == XML_ELEMENT_NODE) {
            walk_element(w, c, depth);
        }
    }
}

static htmlDocPtr parse_html(const char *html)
{
    size_t len = strlen(html);
    if (len > NR_MAX_CONTENT_BYTES)
        len = NR_MAX_CONTENT_BYTES;
    return htmlReadMemory(html, (int)len, NULL, "UTF-8", HTML_OPTS);
}

void extract_doc_parse(const char *html, const char *base_url, int screen_w, struct xdoc *out)
{
    memset(out, 0, sizeof *out);
    if (nr_str_empty(html))
        return;
    htmlDocPtr doc = parse_html(html);
    if (!doc)
        return;
    struct walk w = { .doc = out,
                      .base_url = base_url,
                      .screen_w = screen_w,
                      .kind = XPARA_BODY,
                      .sink = SINK_PARA,
                      .fig_img = -1 };
    nr_buf_init(&w.para, NR_MAX_CONTENT_BYTES);
    nr_buf_init(&w.fig_caption, NR_MAX_FIELD_BYTES);
    nr_buf_init(&w.fig_credit, NR_MAX_FIELD_BYTES);
    walk_children(&w, (xmlNode *)doc, 0);
    flush_para(&w);
    if (w.in_figure)
        end_figure(&w);
    nr_buf_release(&w.para);
    nr_buf_release(&w.fig_caption);
    nr_buf_release(&w.fig_credit);
    xmlFreeDoc(doc);
}

void extract_doc_release(struct xdoc *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n_paras; i++)
        free(d->paras[i].text);
    for (size_t i = 0; i < d->n_imgs; i++) {
        free(d->imgs[i].src);
        free(d->imgs[i].alt);
        free(d->imgs[i].caption);
        free(d->imgs[i].credit);
    }
    free(d->paras);
    free(d->imgs);
    memset(d, 0, sizeof *d);
}

char *story_html_to_text(const char *html)
{
    struct xdoc d;
    extract_doc_parse(html, NULL, 0, &d);
    struct nr_buf b;
    nr_buf_init(&b, NR_MAX_CONTENT_BYTES);
    for (size_t i = 0; i < d.n_paras; i++) {
        const char *t = d.paras[i].text;
        if (d.paras[i].kind == XPARA_CHROME)
            continue;
        /* past the cap the text ends on a whole character: its beginning is what shows */
        if ((b.len && nr_buf_puts(&b, "\n\n") != NR_OK) ||
            nr_buf_append_prefix(&b, t, strlen(t)) != NR_OK)
            break;
    }
    extract_doc_release(&d);
    return nr_buf_detach(&b);
}
