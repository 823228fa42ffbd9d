/* article_photo.c: an article page's lead photo at a size that suits the screen, and the
 * caption and credit of that photo (never those of another picture, never its alt text). */
#include "article_int.h"

#include "alloc.h"
#include "buf.h"
#include "log.h"
#include "strutil.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define KEY_MAX 160

/* Site furniture that pages give as their share image when a story has no photo. */
static bool is_site_art(const char *url, int w, int h)
{
    if (extract_photo_is_junk(url, w, h))
        return true;
    if ((w > 0 && w < 200) || (h > 0 && h < 120))
        return true;
    static const char *const words[] = {
        "logo",
        "placeholder",
        "default-image",
        "default_image",
        "defaultimage",
        "default-og",
        "default_og",
        "og-default",
        "og_default",
        "fallback",
        "no-image",
        "noimage",
        "no_image",
        "avatar",
        "sprite",
        "/brand/",
        "site-image",
        "share-default",
        "default-share",
        "social-default",
        "default-social",
        "apple-touch-icon",
        NULL,
    };
    const char *path = strstr(url, "://");
    path = path ? strchr(path + 3, '/') : url;
    for (size_t i = 0; path && words[i]; i++)
        if (strcasestr(path, words[i]))
            return true;
    return false;
}

static bool all_digits(const char *s, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    return true;
}

/* The picture's file name without extension and without the sizes and crops a CDN adds
 * ("photo-1024x512", "photo_800", "photo-large"): what stays the same across sizes. */
static void picture_key(const char *url, char *key, size_t cap)
{
    key[0] = '\0';
    if (!url)
        return;
    size_t end = strcspn(url, "?#");
    size_t start = end;
    while (start > 0 && url[start - 1] != '/')
        start--;
    size_t n = end - start;
    if (n >= cap)
        n = cap - 1;
    for (size_t i = 0; i < n; i++)
        key[i] = (char)tolower((unsigned char)url[start + i]);
    key[n] = '\0';
    char *dot = strrchr(key, '.');
    if (dot && strlen(dot) <= 5)
        *dot = '\0';
    for (int round = 0; round < 3; round++) {
        size_t len = strlen(key);
        size_t cut = len;
        while (cut > 0 && key[cut - 1] != '-' && key[cut - 1] != '_' && key[cut - 1] != '.' &&
               key[cut - 1] != '@')
            cut--;
        if (cut == 0)
            break;
        const char *tail = key + cut;
        size_t tn = len - cut;
        const char *x = memchr(tail, 'x', tn);
        bool dims = x && all_digits(tail, (size_t)(x - tail)) &&
                    (x + 1 == tail + tn || all_digits(x + 1, tn - (size_t)(x + 1 - tail)));
        bool size = all_digits(tail, tn) && tn <= 4;
        bool widthw = tn >= 2 && tail[tn - 1] == 'w' && all_digits(tail, tn - 1);
        static const char *const words[] = { "large",    "medium", "small", "thumb", "thumbnail",
                                             "original", "full",   "crop",  "wide",  "square",
                                             "scaled",   "big",    "2x",    "3x",    NULL };
        bool word = false;
        for (size_t i = 0; words[i]; i++)
            word |= strcmp(tail, words[i]) == 0;
        if (!(dims || size || widthw || word))
            break;
        key[cut - 1] = '\0';
    }
}

bool article_same_picture(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    if (strcmp(a, b) == 0)
        return true;
    char ka[KEY_MAX], kb[KEY_MAX];
    picture_key(a, ka, sizeof ka);
    picture_key(b, kb, sizeof kb);
    size_t la = strlen(ka), lb = strlen(kb);
    if (la < 4 || lb < 4)
        return false;
    if (strcmp(ka, kb) == 0)
        return true;
    /* one name extends the other ("abc123" and "abc123-crop-16x9") */
    size_t m = la < lb ? la : lb;
    return m >= 10 && strncmp(ka, kb, m) == 0;
}

/* The width a photo URL says it has ("-1024x512.jpg", "?w=1200", "/1200x630/"), 0 when it
 * says nothing. */
int article_url_width(const char *url)
{
    if (!url)
        return 0;
    int best = 0;
    for (const char *p = url; *p; p++) {
        if (!isdigit((unsigned char)*p) || (p > url && isdigit((unsigned char)p[-1])))
            continue;
        char *end = NULL;
        long v = strtol(p, &end, 10);
        bool dims = *end == 'x' && isdigit((unsigned char)end[1]);
        bool param = p > url + 1 && p[-1] == '=' &&
                     (p[-2] == 'w' || (p > url + 5 && strncmp(p - 6, "width=", 6) == 0) ||
                      (p > url + 6 && strncmp(p - 7, "resize=", 7) == 0));
        if ((dims || param) && v >= 50 && v <= 10000 && v > best)
            best = (int)v;
    }
    return best;
}

/* ---- the images of the page ---- */

struct srcset_pick {
    char *url;
    int w;
};

/* Every URL an <img>/<source> offers (src, lazy-loading attributes, srcset entries), each
 * with its width descriptor (0 when none). Calls fn until it returns true. */
typedef bool (*img_url_fn)(void *ctx, xmlNodePtr img, const char *url, int w);

static bool each_srcset(xmlNodePtr img, const char *base, const char *set, img_url_fn fn, void *ctx)
{
    const char *p = set;
    while (p && *p) {
        while (*p == ' ' || *p == ',' || *p == '\n' || *p == '\t')
            p++;
        const char *u = p;
        while (*p && !isspace((unsigned char)*p) && !(*p == ',' && (p[1] == ' ' || !p[1])))
            p++;
        size_t un = (size_t)(p - u);
        int w = 0;
        while (*p == ' ' || *p == '\t')
            p++;
        if (isdigit((unsigned char)*p)) {
            char *end = NULL;
            long v = strtol(p, &end, 10);
            p = end;
            if (*p == 'w' && v > 0 && v < 100000)
                w = (int)v;
        }
        while (*p && *p != ',')
            p++;
        if (un == 0 || un > 4096)
            continue;
        char *raw = xstrndup(u, un);
        char *abs = feed_resolve_url(base, raw);
        free(raw);
        bool stop = abs && fn(ctx, img, abs, w);
        free(abs);
        if (stop)
            return true;
    }
    return false;
}

static bool each_url(xmlNodePtr img, const char *base, img_url_fn fn, void *ctx)
{
    static const char *const singles[] = {
        "src", "data-src", "data-lazy-src", "data-original", "data-full", "data-hi-res-src", NULL
    };
    static const char *const sets[] = { "srcset", "data-srcset", "data-lazy-srcset", NULL };
    for (size_t i = 0; singles[i]; i++) {
        const char *v = extract_node_attr(img, singles[i]);
        if (!v || nr_starts_with_ci(v, "data:"))
            continue;
        char *trim = nr_collapse_ws(v);
        char *abs = feed_resolve_url(base, trim);
        free(trim);
        bool stop = abs && fn(ctx, img, abs, 0);
        free(abs);
        if (stop)
            return true;
    }
    for (size_t i = 0; sets[i]; i++)
        if (each_srcset(img, base, extract_node_attr(img, sets[i]), fn, ctx))
            return true;
    return false;
}

/* Visits every img and picture source in document order. */
static bool each_img(xmlNodePtr n, const char *base, img_url_fn fn, void *ctx, int depth)
{
    for (; n && depth < 200; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (!strcmp((const char *)n->name, "img") || !strcmp((const char *)n->name, "source") ||
            !strcmp((const char *)n->name, "amp-img")) {
            if (each_url(n, base, fn, ctx))
                return true;
        } else if (!strcmp((const char *)n->name, "script") ||
                   !strcmp((const char *)n->name, "noscript")) {
            continue;
        } else if (each_img(n->children, base, fn, ctx, depth + 1)) {
            return true;
        }
    }
    return false;
}

struct match_ctx {
    const char *want;
    xmlNodePtr found;
    xmlNodePtr within; /* prefer a match inside this element */
};

static bool inside(xmlNodePtr n, xmlNodePtr anc)
{
    for (; n; n = n->parent)
        if (n == anc)
            return true;
    return false;
}

static bool match_cb(void *ctx, xmlNodePtr img, const char *url, int w)
{
    (void)w;
    struct match_ctx *m = ctx;
    if (!article_same_picture(url, m->want))
        return false;
    if (!m->found)
        m->found = img;
    return !m->within || inside(img, m->within);
}

/* The <img> (or <source>) showing the picture url; NULL when the page shows it nowhere. */
static xmlNodePtr find_img(xmlDocPtr doc, const char *base, const char *url, xmlNodePtr within)
{
    struct match_ctx m = { .want = url, .within = within };
    each_img(xmlDocGetRootElement(doc), base, match_cb, &m, 0);
    if (within && m.found && !inside(m.found, within)) {
        /* the first match was outside: look again for one inside */
        struct match_ctx m2 = { .want = url };
        each_img(within, base, match_cb, &m2, 0);
        if (m2.found)
            return m2.found;
    }
    return m.found;
}

struct wide_ctx {
    const char *want;
    int screen_w;
    struct srcset_pick best;
};

/* The source to download: the narrowest at least as wide as the screen, else the widest. */
static bool wide_cb(void *ctx, xmlNodePtr img, const char *url, int w)
{
    (void)img;
    struct wide_ctx *c = ctx;
    if (w <= 0 || !article_same_picture(url, c->want))
        return false;
    bool better;
    if (c->best.w == 0)
        better = true;
    else if (c->best.w >= c->screen_w)
        better = w >= c->screen_w && w < c->best.w;
    else
        better = w > c->best.w;
    if (better) {
        free(c->best.url);
        c->best.url = xstrdup(url);
        c->best.w = w;
    }
    return false;
}

static int px_attr(const char *v)
{
    char *end = NULL;
    long n = v ? strtol(v, &end, 10) : 0;
    return n > 0 && n < 100000 ? (int)n : 0;
}

struct first_ctx {
    char *url;
    int w;
};

static bool first_cb(void *ctx, xmlNodePtr img, const char *url, int w)
{
    struct first_ctx *c = ctx;
    int aw = px_attr(extract_node_attr(img, "width")),
        ah = px_attr(extract_node_attr(img, "height"));
    if (is_site_art(url, w ? w : aw, ah))
        return false;
    c->url = xstrdup(url);
    c->w = w ? w : aw;
    return true;
}

/* ---- caption and credit ---- */

static bool is_credit_node(xmlNodePtr n)
{
    if (n->type != XML_ELEMENT_NODE)
        return false;
    const char *name = (const char *)n->name;
    if (!strcmp(name, "cite") || !strcmp(name, "small"))
        return true;
    const char *ip = extract_node_attr(n, "itemprop");
    if (ip && (strcasestr(ip, "copyright") || strcasestr(ip, "credit") || strcasestr(ip, "author")))
        return true;
    char h[256];
    extract_node_hints(n, h, sizeof h);
    static const char *const words[] = { "credit",   "copyright", "photographer",
                                         "byline",   "source",    "author",
                                         "courtesy", "rights",    "agency",
                                         "fotograf", NULL };
    for (size_t i = 0; words[i]; i++)
        if (strstr(h, words[i]))
            return true;
    return false;
}

static bool is_caption_node(xmlNodePtr n)
{
    if (n->type != XML_ELEMENT_NODE)
        return false;
    if (!strcmp((const char *)n->name, "figcaption"))
        return true;
    const char *ip = extract_node_attr(n, "itemprop");
    if (ip && (strcasestr(ip, "caption") || strcasestr(ip, "description")))
        return true;
    char h[256];
    extract_node_hints(n, h, sizeof h);
    return strstr(h, "caption") || strstr(h, "legend") || strstr(h, "legende") ||
           strstr(h, "bildunterschrift") || strstr(h, "image-text") || strstr(h, "img-text");
}

/* Appends text to a caption or credit being gathered; false once the buffer is full. Past
 * its cap the text keeps its start, cut on a whole character, and nothing comes after. */
static bool add_text(struct nr_buf *b, const char *s)
{
    return nr_buf_append_prefix(b, s, strlen(s)) == NR_OK;
}

/* Text of n without its credit elements (and without buttons, scripts, counters). */
static void text_without_credit(xmlNodePtr n, struct nr_buf *cap, struct nr_buf *cred, int depth)
{
    for (; n && depth < 64; n = n->next) {
        /* a caption block longer than any caption: what came so far is kept */
        if (n->type == XML_TEXT_NODE) {
            if (!add_text(cap, (const char *)n->content))
                return;
            continue;
        }
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)n->name;
        if (!strcmp(name, "script") || !strcmp(name, "style") || !strcmp(name, "button") ||
            !strcmp(name, "svg") || !strcmp(name, "noscript"))
            continue;
        if (is_credit_node(n)) {
            xmlChar *c = xmlNodeGetContent(n);
            bool fits =
                !c || ((!cred->len || add_text(cred, " ")) && add_text(cred, (const char *)c));
            xmlFree(c);
            if (!fits)
                return;
            continue;
        }
        if (!add_text(cap, " "))
            return;
        text_without_credit(n->children, cap, cred, depth + 1);
        if (!add_text(cap, " "))
            return;
    }
}

/* Finds the caption element near img: in its figure, or beside it in a small wrapper. */
static xmlNodePtr find_in(xmlNodePtr n, bool (*pred)(xmlNodePtr), int depth)
{
    for (; n && depth < 32; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (pred(n))
            return n;
        xmlNodePtr f = find_in(n->children, pred, depth + 1);
        if (f)
            return f;
    }
    return NULL;
}

/* An element whose job is to hold one picture and its caption. */
static bool is_figure_wrapper(xmlNodePtr n)
{
    if (!strcmp((const char *)n->name, "figure"))
        return true;
    char h[256];
    extract_node_hints(n, h, sizeof h);
    static const char *const words[] = { "figure", "image", "photo", "picture", "media",
                                         "img",    "foto",  "bild",  "imagen",  NULL };
    for (size_t i = 0; words[i]; i++)
        if (strstr(h, words[i]))
            return true;
    return false;
}

static size_t text_len(xmlNodePtr n)
{
    xmlChar *c = xmlNodeGetContent(n);
    size_t k = c ? strlen((const char *)c) : 0;
    xmlFree(c);
    return k;
}

/* Drops a caption's own label ("Above:", "Pictured:") and what has no letter in it. */
static char *caption_unlabelled(char *c)
{
    if (!c)
        return NULL;
    static const char *const labels[] = { "above:", "top:",     "pictured:",   "image:",
                                          "photo:", "picture:", "main image:", NULL };
    for (size_t i = 0; labels[i]; i++)
        if (strncasecmp(c, labels[i], strlen(labels[i])) == 0) {
            char *t = nr_collapse_ws(c + strlen(labels[i]));
            free(c);
            c = t;
            break;
        }
    bool letter = false;
    for (const unsigned char *p = (const unsigned char *)c; *p && !letter; p++)
        letter = isalpha(*p) || *p >= 0x80;
    if (!letter) {
        free(c);
        return NULL;
    }
    return c;
}

static bool is_video_node(xmlNodePtr n)
{
    if (!strcmp((const char *)n->name, "video") || !strcmp((const char *)n->name, "iframe"))
        return true;
    char h[256];
    extract_node_hints(n, h, sizeof h);
    return strstr(h, "video") || strstr(h, "player");
}

static bool is_video(xmlNodePtr holder)
{
    return is_video_node(holder) || find_in(holder->children, is_video_node, 0);
}

static void caption_near(xmlNodePtr img, const char *headline, struct article *a)
{
    xmlNodePtr holder = NULL;
    xmlNodePtr p = img->parent;
    for (int level = 0; p && p->type == XML_ELEMENT_NODE && level < 4; level++, p = p->parent) {
        if (text_len(p) > 1500)
            break; /* the wrapper has become the article */
        if (is_figure_wrapper(p) || find_in(p->children, is_caption_node, 0)) {
            holder = p;
            if (find_in(p->children, is_caption_node, 0))
                break;
        }
    }
    if (!holder || is_video(holder))
        return; /* a video's still: its caption describes the clip */
    xmlNodePtr capn = find_in(holder->children, is_caption_node, 0);
    struct nr_buf cap, cred;
    nr_buf_init(&cap, 8192);
    nr_buf_init(&cred, 2048);
    if (capn) {
        text_without_credit(capn->children, &cap, &cred, 0);
    }
    /* a credit element beside the caption, inside the figure */
    if (!cred.len) {
        xmlNodePtr cn = find_in(holder->children, is_credit_node, 0);
        if (cn && (!capn || !inside(cn, capn))) {
            xmlChar *c = xmlNodeGetContent(cn);
            if (c && !add_text(&cred, (const char *)c))
                nr_debug("a photo credit over %zu bytes kept only its start", cred.max_len);
            xmlFree(c);
        }
    }
    char *caption = nr_collapse_ws(cap.data);
    char *credit = nr_collapse_ws(cred.data);
    nr_buf_release(&cap);
    nr_buf_release(&cred);
    char *c2 = NULL, *k2 = NULL;
    if (caption && *caption)
        extract_credit_split(caption, &c2, &k2);
    if (c2 && headline && extract_text_repeats(c2, headline) && extract_word_count(c2) < 4) {
        free(c2);
        c2 = NULL;
    }
    c2 = caption_unlabelled(c2);
    if (c2 && !extract_text_is_slug(c2)) {
        a->caption = c2;
        c2 = NULL;
        a->caption_src = ARTICLE_SRC_BODY;
    }
    char *kc = credit && *credit ? extract_credit_clean(credit) : NULL;
    if (kc) {
        a->credit = kc;
        a->credit_src = ARTICLE_SRC_BODY;
    } else if (k2) {
        a->credit = k2;
        k2 = NULL;
        a->credit_src = ARTICLE_SRC_BODY;
    }
    free(c2);
    free(k2);
    free(caption);
    free(credit);
}

void extract_article_photo_pick(xmlDocPtr doc, const char *base, const struct apage_meta *m,
                                const struct abody *b, int screen_w, struct article *a)
{
    if (screen_w <= 0)
        screen_w = 1920;
    const char *url = NULL;
    int w = 0, h = 0;
    enum article_src src = ARTICLE_SRC_NONE;
    if (m->og_image && !is_site_art(m->og_image, m->og_image_w, m->og_image_h)) {
        url = m->og_image;
        w = m->og_image_w;
        h = m->og_image_h;
        src = ARTICLE_SRC_META;
    } else if (m->ld_image && !is_site_art(m->ld_image, m->ld_image_w, m->ld_image_h)) {
        url = m->ld_image;
        w = m->ld_image_w;
        h = m->ld_image_h;
        src = ARTICLE_SRC_JSONLD;
    } else if (m->twitter_image && !is_site_art(m->twitter_image, 0, 0)) {
        url = m->twitter_image;
        src = ARTICLE_SRC_META;
    }
    if (url && w == 0)
        w = article_url_width(url); /* "-660x372.jpg", "?w=1200" */
    char *owned = NULL;
    if (!url && b->top) {
        /* no share image: the first real picture of the article's own text */
        struct first_ctx fc = { 0 };
        xmlNodePtr scope = b->top->parent ? b->top->parent : b->top;
        each_img(scope->children, base, first_cb, &fc, 0);
        if (fc.url) {
            owned = fc.url;
            url = owned;
            w = fc.w;
            src = ARTICLE_SRC_BODY;
        }
    }
    if (!url)
        return;

    xmlNodePtr img = find_img(doc, base, url, b->top ? b->top->parent : NULL);
    a->photo_url = xstrdup(url);
    a->photo_w = w;
    a->photo_h = h;
    a->photo_src = src;
    if (img) {
        /* the same picture larger, when the share image is small for the screen */
        struct wide_ctx wc = { .want = url, .screen_w = screen_w };
        xmlNodePtr holder = img->parent ? img->parent : img;
        each_img(holder->children, base, wide_cb, &wc, 0);
        /* (never a page saved to disk: its relative sources point nowhere) */
        if (wc.best.url && wc.best.w > (w ? w : 0) && (w == 0 ? false : w < screen_w) &&
            !nr_starts_with_ci(wc.best.url, "file:")) {
            free(a->photo_url);
            a->photo_url = wc.best.url;
            a->photo_w = wc.best.w;
            a->photo_h = 0;
            a->photo_src = ARTICLE_SRC_BODY; /* the size the page's own markup offers */
            wc.best.url = NULL;
        }
        free(wc.best.url);
        caption_near(img, a->headline, a);
    }
    if (m->ld_image && article_same_picture(m->ld_image, url)) {
        if (!a->caption && m->ld_caption) {
            char *c = NULL, *k = NULL;
            extract_credit_split(m->ld_caption, &c, &k);
            a->caption = c;
            a->caption_src = c ? ARTICLE_SRC_JSONLD : ARTICLE_SRC_NONE;
            if (!a->credit && k) {
                a->credit = k;
                a->credit_src = ARTICLE_SRC_JSONLD;
            } else {
                free(k);
            }
        }
        if (!a->credit && m->ld_credit) {
            a->credit = extract_credit_clean(m->ld_credit);
            a->credit_src = a->credit ? ARTICLE_SRC_JSONLD : ARTICLE_SRC_NONE;
        }
        if (!a->photo_w && m->ld_image_w) {
            a->photo_w = m->ld_image_w;
            a->photo_h = m->ld_image_h;
        }
    }
    free(owned);
}
