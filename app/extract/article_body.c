/* article_body.c: the article's own text on a page full of other things, by scoring blocks
 * the way Readability does: paragraphs of real prose (length, commas) vote for the element
 * that holds them, links and class names like "comment" or "related" vote against. */
#include "article_int.h"

#include "alloc.h"
#include "buf.h"
#include "log.h"
#include "strutil.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Elements scored on a page; a page with more is scored on its first ones only. */
#define BODY_MAX_NODES 200000u
#define BODY_MAX_DEPTH 200

struct ninfo {
    size_t text;  /* visible text bytes (not white space) */
    size_t links; /* of which inside <a> */
    size_t commas;
    size_t prose;                 /* text in paragraphs of prose (long, few links) inside */
    size_t direct, direct_commas; /* in text nodes right under this element */
    double score;
    bool removed; /* chrome: never part of the article text */
    bool candidate;
};

struct body_ctx {
    struct ninfo *info;
    size_t n, cap;
    bool has_password;
    size_t consent_hits;
};

static struct ninfo *info_of(xmlNodePtr n)
{
    return n ? (struct ninfo *)n->_private : NULL;
}

const char *extract_node_attr(xmlNodePtr n, const char *name)
{
    for (xmlAttr *a = n->properties; a; a = a->next)
        if (a->name && strcasecmp((const char *)a->name, name) == 0 && a->children &&
            a->children->type == XML_TEXT_NODE)
            return (const char *)a->children->content;
    return NULL;
}

void extract_node_hints(xmlNodePtr n, char *buf, size_t cap)
{
    const char *c = extract_node_attr(n, "class"), *id = extract_node_attr(n, "id");
    size_t k = 0;
    for (int pass = 0; pass < 2; pass++) {
        const char *s = pass ? id : c;
        for (; s && *s && k + 2 < cap; s++)
            buf[k++] = (char)tolower((unsigned char)*s);
        if (k + 2 < cap)
            buf[k++] = ' ';
    }
    buf[k] = '\0';
}

static bool is(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static bool in_list(const char *name, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(name, list[i]) == 0)
            return true;
    return false;
}

/* Never article text, wherever they are. */
static const char *const chrome_tags[] = {
    "script", "style",  "noscript",   "template", "iframe", "object", "embed",  "svg",   "math",
    "form",   "button", "select",     "textarea", "input",  "nav",    "footer", "aside", "header",
    "label",  "dialog", "menu",       "head",     "title",  "meta",   "link",   "video", "audio",
    "canvas", "figure", "figcaption", "picture",  "img",    "rt",     "rp",     "h1",    NULL,
};

static const char *const block_tags[] = {
    "p",          "div", "section", "article", "main",   "li",   "ul",    "ol",    "dl", "dt", "dd",
    "blockquote", "pre", "table",   "tr",      "td",     "th",   "tbody", "thead", "hr", "h2", "h3",
    "h4",         "h5",  "h6",      "address", "center", "body", "html",  "br",    NULL,
};

/* Words in a class or id that mark site furniture. Strong ones hold even in a name that also
 * says "article" ("article-comments"); weak ones give way to such a name anywhere in the
 * class or id ("content-with-sidebar"). Matched as name segments (split at space, '-', '_'):
 * whole, plural, or as the start of a longer segment for words of six letters or more. */
static const char *const strong_words[] = {
    "comment",    "comments",
    "newsletter", "cookie",
    "consent",    "gdpr",
    "subscribe",  "signup",
    "outbrain",   "taboola",
    "related",    "recommend",
    "share",      "sharing",
    "social",     "promo",
    "advert",     "advertisement",
    "sponsor",    "sponsored",
    "breadcrumb", "byline",
    "caption",    "credit",
    "dateline",   "timestamp",
    "disqus",     "trending",
    "popular",    "mostread",
    "readmore",   "seealso",
    "yarpp",      "jp-relatedposts",
    "rp4wp",      "visually-hidden",
    "sr-only",    "screen-reader-text",
    "print-only", "ad",
    "ads",        "adslot",
    "dfp",        "author-bio",
    NULL,
};
static const char *const weak_words[] = {
    "sidebar", "widget", "banner", "masthead", "footer",  "header",     "menu",
    "nav",     "navbar", "subnav", "topbar",   "toolbar", "pagination", "pager",
    "popup",   "modal",  "skip",   "tags",     "tagline", "meta",       NULL,
};
static const char *const ok_words[] = { "article", "content", "body", "main", "story",
                                        "entry",   "text",    "post", "blog", NULL };

static bool seg_is(const char *seg, size_t n, const char *w)
{
    size_t wn = strlen(w);
    if (n == wn && strncmp(seg, w, n) == 0)
        return true;
    if (n == wn + 1 && seg[wn] == 's' && strncmp(seg, w, wn) == 0)
        return true;
    return wn >= 6 && n > wn && strncmp(seg, w, wn) == 0;
}

/* Does one segment of token tok[0..n) match one of words? Compound words ("sr-only") are
 * compared with the whole token. */
static bool token_has(const char *tok, size_t n, const char *const *words)
{
    for (size_t i = 0; words[i]; i++)
        if (strpbrk(words[i], "-_") && n == strlen(words[i]) && strncmp(tok, words[i], n) == 0)
            return true;
    for (size_t a = 0; a < n;) {
        while (a < n && (tok[a] == '-' || tok[a] == '_'))
            a++;
        size_t b = a;
        while (b < n && tok[b] != '-' && tok[b] != '_')
            b++;
        for (size_t i = 0; words[i] && b > a; i++)
            if (seg_is(tok + a, b - a, words[i]))
                return true;
        a = b;
    }
    return false;
}

static bool hints_chrome(const char *h)
{
    bool weak = false, ok = false;
    for (const char *p = h; *p;) {
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, " ");
        if (!n)
            break;
        /* "non-ad-column": a name that says what it is not */
        if ((n > 4 && strncmp(p, "non-", 4) == 0) || (n > 3 && strncmp(p, "no-", 3) == 0)) {
            p += n;
            continue;
        }
        bool tok_ok = token_has(p, n, ok_words);
        if (!tok_ok && token_has(p, n, strong_words))
            return true;
        weak |= token_has(p, n, weak_words);
        ok |= tok_ok;
        p += n;
    }
    return weak && !ok;
}

/* Readability's hints: names that usually hold the story, and names that usually do not. */
static const char *const positive[] = {
    "article", "body", "content", "entry", "hentry", "h-entry", "main",
    "page",    "post", "text",    "blog",  "story",  NULL,
};
static const char *const negative[] = {
    "-ad-",    "hidden",   "banner", "combx",    "comment",  "com-",    "contact",
    "foot",    "footnote", "gdpr",   "masthead", "media",    "meta",    "outbrain",
    "promo",   "related",  "scroll", "share",    "shoutbox", "sidebar", "skyscraper",
    "sponsor", "shopping", "tags",   "tool",     "widget",   NULL,
};

static int class_weight(xmlNodePtr n)
{
    char h[256];
    extract_node_hints(n, h, sizeof h);
    int w = 0;
    for (size_t i = 0; negative[i]; i++)
        if (strstr(h, negative[i])) {
            w -= 25;
            break;
        }
    for (size_t i = 0; positive[i]; i++)
        if (strstr(h, positive[i])) {
            w += 25;
            break;
        }
    return w;
}

/* A wrapper named for an overlay or an ad slot that holds the whole page: not chrome. */
static bool holds_article(xmlNodePtr n, int depth)
{
    for (; n && depth < BODY_MAX_DEPTH; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (is(n, "article") || is(n, "main") || is(n, "h1"))
            return true;
        const char *role = extract_node_attr(n, "role");
        if (role && (strcasecmp(role, "main") == 0 || strcasecmp(role, "article") == 0))
            return true;
        if (holds_article(n->children, depth + 1))
            return true;
    }
    return false;
}

static bool is_chrome(xmlNodePtr n)
{
    const char *name = (const char *)n->name;
    if (in_list(name, chrome_tags))
        return true;
    if (extract_node_attr(n, "hidden"))
        return true;
    const char *v = extract_node_attr(n, "aria-hidden");
    if (v && strcasecmp(v, "true") == 0)
        return true;
    v = extract_node_attr(n, "style");
    if (v && (strcasestr(v, "display:none") || strcasestr(v, "display: none") ||
              strcasestr(v, "visibility:hidden")))
        return true;
    v = extract_node_attr(n, "role");
    if (v && (strcasecmp(v, "navigation") == 0 || strcasecmp(v, "complementary") == 0 ||
              strcasecmp(v, "banner") == 0 || strcasecmp(v, "contentinfo") == 0 ||
              strcasecmp(v, "dialog") == 0 || strcasecmp(v, "alertdialog") == 0 ||
              strcasecmp(v, "menu") == 0 || strcasecmp(v, "menubar") == 0))
        return true;
    if (!strcmp(name, "body") || !strcmp(name, "html") || !strcmp(name, "article") ||
        !strcmp(name, "main"))
        return false;
    char h[256];
    extract_node_hints(n, h, sizeof h);
    return hints_chrome(h) && !holds_article(n->children, 0);
}

static size_t text_bytes(const char *s, size_t *commas)
{
    size_t k = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (!isspace(*p))
            k++;
        if (*p == ',')
            (*commas)++;
        /* fullwidth and ideographic commas: U+FF0C, U+3001 */
        if (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8C)
            (*commas)++;
        if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x81)
            (*commas)++;
    }
    return k;
}

/* First pass: text, link text and commas of every element, chrome marked. */
static void measure(struct body_ctx *c, xmlNodePtr n, bool in_link, bool in_chrome, int depth)
{
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            struct ninfo *pi = info_of(n->parent);
            if (!pi || in_chrome)
                continue;
            size_t commas = 0, t = text_bytes((const char *)n->content, &commas);
            pi->text += t;
            pi->commas += commas;
            pi->direct += t;
            pi->direct_commas += commas;
            if (in_link)
                pi->links += t;
            continue;
        }
        if (n->type != XML_ELEMENT_NODE)
            continue;
        n->_private = NULL;
        if (c->n >= c->cap || depth > BODY_MAX_DEPTH)
            continue;
        if (is(n, "input")) {
            const char *t = extract_node_attr(n, "type");
            if (t && strcasecmp(t, "password") == 0)
                c->has_password = true;
        }
        struct ninfo *ni = &c->info[c->n++];
        memset(ni, 0, sizeof *ni);
        n->_private = ni;
        bool chrome = in_chrome || is_chrome(n);
        ni->removed = chrome && !in_chrome;
        if (!chrome && !in_chrome && (is(n, "div") || is(n, "section") || is(n, "p"))) {
            char h[256];
            extract_node_hints(n, h, sizeof h);
            if (strstr(h, "cookie") || strstr(h, "consent") || strstr(h, "gdpr"))
                c->consent_hits++;
        }
        if (chrome && (is(n, "div") || is(n, "section") || is(n, "aside") || is(n, "dialog"))) {
            char h[256];
            extract_node_hints(n, h, sizeof h);
            if (strstr(h, "cookie") || strstr(h, "consent") || strstr(h, "gdpr"))
                c->consent_hits++;
        }
        measure(c, n->children, in_link || is(n, "a"), chrome, depth + 1);
        struct ninfo *pi = info_of(n->parent);
        if (pi && !chrome) {
            pi->text += ni->text;
            pi->links += ni->links;
            pi->commas += ni->commas;
        }
    }
}

static bool is_inside(xmlNodePtr n, xmlNodePtr anc)
{
    for (; n; n = n->parent)
        if (n == anc)
            return true;
    return false;
}

static bool has_block_child(xmlNodePtr n)
{
    for (xmlNodePtr k = n->children; k; k = k->next)
        if (k->type == XML_ELEMENT_NODE && strcmp((const char *)k->name, "br") != 0 &&
            in_list((const char *)k->name, block_tags))
            return true;
    return false;
}

static double link_density(const struct ninfo *ni)
{
    return ni->text ? (double)ni->links / (double)ni->text : 0;
}

static void init_candidate(xmlNodePtr n)
{
    struct ninfo *ni = info_of(n);
    if (!ni || ni->candidate)
        return;
    ni->candidate = true;
    const char *name = (const char *)n->name;
    double s = 0;
    if (!strcmp(name, "div") || !strcmp(name, "article") || !strcmp(name, "main") ||
        !strcmp(name, "section"))
        s = 5;
    else if (!strcmp(name, "pre") || !strcmp(name, "td") || !strcmp(name, "blockquote"))
        s = 3;
    else if (!strcmp(name, "ol") || !strcmp(name, "ul") || !strcmp(name, "dl") ||
             !strcmp(name, "dd") || !strcmp(name, "dt") || !strcmp(name, "li") ||
             !strcmp(name, "address"))
        s = -3;
    else if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6')
        s = -5;
    ni->score = s + class_weight(n);
}

/* Second pass: each paragraph of prose gives its score to its parent, half to the
 * grandparent, and less to the levels above. */
static void score(xmlNodePtr n, int depth)
{
    for (; n; n = n->next) {
        struct ninfo *ni = info_of(n);
        if (n->type != XML_ELEMENT_NODE || !ni || ni->removed)
            continue;
        const char *name = (const char *)n->name;
        bool para =
            !strcmp(name, "p") || !strcmp(name, "pre") || !strcmp(name, "td") ||
            ((!strcmp(name, "div") || !strcmp(name, "section") || !strcmp(name, "blockquote")) &&
             !has_block_child(n));
        /* text typed straight into a container, between its blocks, is a paragraph too */
        if (!para && ni->direct >= 25) {
            double s = 1 + (double)ni->direct_commas +
                       (double)(ni->direct / 100 > 3 ? 3 : ni->direct / 100);
            int level = 0;
            for (xmlNodePtr a = n; a && a->type == XML_ELEMENT_NODE && info_of(a) && level < 3;
                 a = a->parent, level++) {
                init_candidate(a);
                info_of(a)->score += s / (level == 0 ? 1 : level * 2);
                if (ni->direct >= 60)
                    info_of(a)->prose += ni->direct;
            }
        }
        if (para && ni->text >= 60 && link_density(ni) < 0.25)
            for (xmlNodePtr a = n; a && a->type == XML_ELEMENT_NODE && info_of(a); a = a->parent)
                info_of(a)->prose += ni->text;
        if (para && ni->text >= 25) {
            double s = 1 + (double)ni->commas + (double)(ni->text / 100 > 3 ? 3 : ni->text / 100);
            xmlNodePtr a = n->parent;
            for (int level = 0; a && a->type == XML_ELEMENT_NODE && level < 5;
                 level++, a = a->parent) {
                if (!info_of(a))
                    break;
                init_candidate(a);
                double div = level == 0 ? 1 : level == 1 ? 2 : level * 3;
                info_of(a)->score += s / div;
            }
        }
        if (!para && depth < BODY_MAX_DEPTH)
            score(n->children, depth + 1);
    }
}

#define TOP_N 5
#define TOP_MIN_ALTERNATIVES 3

struct best {
    xmlNodePtr node[TOP_N];
    double score[TOP_N];
};

static void pick_top(xmlNodePtr n, struct best *b, int depth)
{
    for (; n; n = n->next) {
        struct ninfo *ni = info_of(n);
        if (n->type != XML_ELEMENT_NODE || !ni || ni->removed)
            continue;
        if (ni->candidate) {
            double s = ni->score * (1 - link_density(ni));
            ni->score = s;
            for (int k = 0; k < TOP_N; k++) {
                if (b->node[k] && s <= b->score[k])
                    continue;
                memmove(&b->node[k + 1], &b->node[k], (TOP_N - 1 - k) * sizeof b->node[0]);
                memmove(&b->score[k + 1], &b->score[k], (TOP_N - 1 - k) * sizeof b->score[0]);
                b->node[k] = n;
                b->score[k] = s;
                break;
            }
        }
        if (depth < BODY_MAX_DEPTH)
            pick_top(n->children, b, depth + 1);
    }
}

/* ---- text out ---- */

struct out {
    struct xdoc *doc;
    struct nr_buf para;
    enum xpara_kind kind;
    size_t words;
    bool cut; /* a paragraph was longer than ARTICLE_MAX_BODY_BYTES and lost its end */
};

/* French typography's thin spaces inside guillemets (U+2009, U+202F) and the other narrow
 * spaces (U+2007, U+200A) become plain spaces, so "«\u2009Avec" reads as "« Avec". */
static void plain_spaces(char *t)
{
    for (unsigned char *p = (unsigned char *)t; p && *p; p++)
        if (p[0] == 0xE2 && p[1] == 0x80 &&
            (p[2] == 0x89 || p[2] == 0xAF || p[2] == 0x87 || p[2] == 0x8A)) {
            p[0] = p[1] = p[2] = ' ';
            p += 2;
        }
}

/* Adds text to the paragraph being built. A paragraph longer than ARTICLE_MAX_BODY_BYTES
 * keeps its start, cut on a whole character: the buffer is then full, and stays so (its
 * later appends fail) until flush starts the next paragraph. */
static void para_add(struct out *o, const char *s)
{
    if (nr_buf_append_prefix(&o->para, s, strlen(s)) != NR_OK)
        o->cut = true;
}

static void flush(struct out *o)
{
    plain_spaces(o->para.data);
    char *t = nr_collapse_ws(o->para.data);
    nr_buf_reset(&o->para);
    if (!t || !*t) {
        free(t);
        return;
    }
    xgrow((void **)&o->doc->paras, &o->doc->cap_paras, o->doc->n_paras + 1, sizeof *o->doc->paras);
    o->doc->paras[o->doc->n_paras++] = (struct xpara){ .text = t, .kind = o->kind };
    o->words += extract_word_count(t);
    o->kind = XPARA_BODY;
}

/* A block of links with little prose: a related-stories list or a tag cloud. */
static bool is_link_list(xmlNodePtr n, const struct ninfo *ni)
{
    const char *name = (const char *)n->name;
    bool listish = !strcmp(name, "ul") || !strcmp(name, "ol") || !strcmp(name, "div") ||
                   !strcmp(name, "section") || !strcmp(name, "table") || !strcmp(name, "p") ||
                   !strcmp(name, "dl");
    if (!listish || ni->text == 0)
        return false;
    double ld = link_density(ni);
    if (!strcmp(name, "p"))
        return ld > 0.8 && ni->text < 200;
    return ld > 0.5;
}

static void emit(struct out *o, xmlNodePtr n, int depth, bool one)
{
    for (; n; n = one ? NULL : n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            para_add(o, (const char *)n->content);
            continue;
        }
        if (n->type != XML_ELEMENT_NODE)
            continue;
        struct ninfo *ni = info_of(n);
        if (!ni || ni->removed || depth > BODY_MAX_DEPTH)
            continue;
        if (ni->text == 0 && !is(n, "br"))
            continue;
        if (is_link_list(n, ni))
            continue;
        const char *name = (const char *)n->name;
        bool block = in_list(name, block_tags);
        if (block)
            flush(o);
        if (name[0] == 'h' && name[1] >= '2' && name[1] <= '6' && !name[2])
            o->kind = XPARA_HEADING;
        if (!is(n, "br"))
            emit(o, n->children, depth + 1, false);
        else
            para_add(o, " ");
        if (block || is(n, "br"))
            flush(o);
        else if (!strcmp(name, "span") || !strcmp(name, "a") || !strcmp(name, "em") ||
                 !strcmp(name, "strong") || !strcmp(name, "b") || !strcmp(name, "i"))
            ;
        else
            para_add(o, " ");
    }
}

/* Readability's rule for the top element's siblings: a sibling scored well enough, or a
 * paragraph of prose with few links, is part of the same article. */
static bool sibling_joins(xmlNodePtr s, double threshold)
{
    struct ninfo *si = info_of(s);
    if (!si || si->removed || si->text == 0)
        return false;
    if (si->candidate && si->score >= threshold)
        return true;
    if (is(s, "p")) {
        double ld = link_density(si);
        if (si->text > 80 && ld < 0.25)
            return true;
        if (si->text > 0 && ld == 0) {
            xmlChar *c = xmlNodeGetContent(s);
            bool sentence = c && strstr((const char *)c, ". ");
            xmlFree(c);
            return sentence;
        }
    }
    return false;
}

void extract_article_body_find(xmlDocPtr doc, struct abody *out)
{
    memset(out, 0, sizeof *out);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!root)
        return;
    struct body_ctx c = { 0 };
    /* count first: the side table is sized, and capped, before it is allocated */
    size_t count = 0;
    for (xmlNodePtr n = root; n;) {
        if (n->type == XML_ELEMENT_NODE)
            count++;
        if (count >= BODY_MAX_NODES)
            break;
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
    c.cap = count + 1;
    c.info = xcalloc(c.cap, sizeof *c.info);
    /* the root itself gets an entry so text directly under it is counted */
    measure(&c, root, false, false, 0);
    out->has_password = c.has_password;
    out->mentions_consent = c.consent_hits > 0;
    score(root, 0);
    struct best b = { 0 };
    pick_top(root, &b, 0);

    if (b.node[0]) {
        xmlNodePtr top = b.node[0];
        /* Text split in chunks: when several other candidates score nearly as well, their
         * common ancestor holds the article (Readability's rule). */
        size_t alts = 0;
        for (int k = 1; k < TOP_N; k++)
            alts += b.node[k] && b.score[k] >= 0.75 * b.score[0];
        if (alts >= TOP_MIN_ALTERNATIVES) {
            for (xmlNodePtr p = top->parent; p && p->type == XML_ELEMENT_NODE && !is(p, "body");
                 p = p->parent) {
                size_t holding = 0;
                for (int k = 1; k < TOP_N; k++)
                    holding +=
                        b.node[k] && b.score[k] >= 0.75 * b.score[0] && is_inside(b.node[k], p);
                if (holding >= TOP_MIN_ALTERNATIVES) {
                    top = p;
                    break;
                }
            }
        }
        /* Text split in sections ("chunks" between ad slots): climb to the nearest
         * ancestor, up to four levels up, that holds clearly more prose; repeat. */
        for (bool climbed = true; climbed;) {
            climbed = false;
            size_t mine = info_of(top)->prose;
            xmlNodePtr a = top->parent;
            for (int level = 0; level < 4 && a && a->type == XML_ELEMENT_NODE && info_of(a) &&
                                !is(a, "body") && !is(a, "html");
                 level++, a = a->parent) {
                size_t theirs = info_of(a)->prose;
                if (theirs >= mine + 300 && theirs * 10 >= mine * 13) {
                    top = a;
                    init_candidate(top);
                    climbed = true;
                    break;
                }
            }
        }
        /* climb while the parent scores better: the text is split among its children */
        double last = info_of(top)->candidate ? info_of(top)->score : b.score[0];
        double best_score = b.score[0];
        for (xmlNodePtr p = top->parent; p && p->type == XML_ELEMENT_NODE && info_of(p);
             p = p->parent) {
            struct ninfo *pi = info_of(p);
            if (!pi->candidate)
                continue;
            if (pi->score < best_score / 3)
                break;
            if (pi->score > last) {
                top = p;
                last = pi->score;
            }
        }
        out->top = top;
        struct out o = { .doc = &out->paras, .kind = XPARA_BODY };
        nr_buf_init(&o.para, ARTICLE_MAX_BODY_BYTES);
        double threshold = last * 0.2 > 10 ? last * 0.2 : 10;
        xmlNodePtr parent = top->parent;
        if (parent && parent->type == XML_ELEMENT_NODE) {
            for (xmlNodePtr s = parent->children; s; s = s->next) {
                if (s == top) {
                    flush(&o);
                    emit(&o, top->children, 0, false);
                    flush(&o);
                } else if (s->type == XML_ELEMENT_NODE && sibling_joins(s, threshold)) {
                    flush(&o);
                    emit(&o, s, 0, true);
                    flush(&o);
                }
            }
        } else {
            emit(&o, top->children, 0, false);
            flush(&o);
        }
        nr_buf_release(&o.para);
        if (o.cut)
            nr_debug("article body: a paragraph over %zu bytes kept only its start",
                     (size_t)ARTICLE_MAX_BODY_BYTES);
        out->words = o.words;
    }
    /* the side table dies here: clear the pointers into it */
    for (xmlNodePtr n = root; n;) {
        n->_private = NULL;
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
    free(c.info);
}

void extract_article_body_release(struct abody *b)
{
    if (!b)
        return;
    extract_doc_release(&b->paras);
    memset(b, 0, sizeof *b);
}

char *extract_node_text(xmlNodePtr n)
{
    xmlChar *c = xmlNodeGetContent(n);
    char *t = nr_collapse_ws(c ? (const char *)c : NULL);
    xmlFree(c);
    if (t && !*t) {
        free(t);
        t = NULL;
    }
    return t;
}
