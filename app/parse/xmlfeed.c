/* xmlfeed.c: RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 0.3/1.0 through libxml2's SAX2 push parser.
 *
 * Why SAX/push and not a DOM: the document is fed in 64 KiB chunks and only the items kept
 * (capped) are held, so parse memory stays flat whatever the feed's size (a DOM of a 50 MB
 * feed costs several hundred MB); recovery mode keeps every item a lenient reader keeps.
 * No entity is ever declared to the parser (no entityDecl, getEntity or subset handlers), so
 * entity bombs and external entities have nothing to expand; undeclared references that are
 * HTML entity names (&nbsp; in RSS 0.91) are decoded by name. */
#include "parse_internal.h"

#include "alloc.h"
#include "utf8.h"
#include "nr_limits.h"
#include "strutil.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum ns { NS_OTHER, NS_CORE, NS_ATOM, NS_CONTENT, NS_DC, NS_MEDIA, NS_ITUNES, NS_SY, NS_XHTML };

enum el {
    E_OTHER,
    E_SKIP,
    E_ITEM,
    E_TITLE,
    E_LINK,
    E_ALINK,
    E_ATOM_LINK,
    E_GUID,
    E_SUMMARY,
    E_CONTENT,
    E_PUBLISHED,
    E_UPDATED,
    E_AUTHOR_TEXT,
    E_AAUTHOR,
    E_AUTHOR_NAME,
    E_CATEGORY,
    E_ENCLOSURE,
    E_MCONTENT,
    E_MGROUP,
    E_MTHUMB,
    E_MTITLE,
    E_MDESC,
    E_MTEXT,
    E_MCREDIT,
    E_ITUNES_IMAGE,
    E_LANGUAGE,
    E_TTL,
    E_SY_PERIOD,
    E_SY_FREQ,
    E_DC_TITLE,
    E_ITUNES_TITLE,
    E_CHAN_IMAGE, /* RSS <image> of the channel: only its <url> is read */
    E_IMAGE_URL,
    E_LOGO, /* Atom <logo> and <icon> of the feed */
    E_ICON,
};

/* An item's other titles, in the order they stand in for a missing <title>. */
enum alt_title { ALT_DC, ALT_MEDIA, ALT_ITUNES, ALT_COUNT };

enum cap_mode { CAP_TEXT, CAP_HTML, CAP_XHTML };

struct frame {
    enum el el;
    const char *base;   /* resolved base URL in effect: owned, a parent's, or the caller's */
    char *owned;        /* set when this element's xml:base made a new base */
    bool base_explicit; /* this element or an ancestor carries xml:base */
    bool own_base;      /* this element carries xml:base itself */
};

struct media_text { /* media:title/description/text/credit waiting for their media elements */
    char *title, *description, *text, *credit;
};

struct xstate {
    struct pbuild build;
    struct feed *feed;
    bool atom; /* Atom document: Atom elements (or unnamespaced) are core */
    bool saw_root;
    int depth; /* open elements */
    struct frame stack[NR_MAX_DEPTH + 2];
    int skip_depth;    /* > 0: inside an ignored subtree opened at that depth */
    int image_depth;   /* > 0: inside the channel's <image>, opened at that depth */
    bool logo_is_icon; /* feed->logo_url came from an Atom <icon>: a <logo> wins */

    int item_depth;
    struct feed_item item;
    bool guid_permalink;
    int aauthor_depth;
    int group_depth;
    size_t group_first;
    struct media_text group_text, item_text;
    char *alt_title[ALT_COUNT]; /* dc:title, item-level media:title, itunes:title */
    int media_depth;
    long cur_media; /* index into item.media of the open media:content, or -1 */

    int cap_depth; /* > 0: capturing the text of the element at that depth */
    enum el cap_el;
    enum cap_mode cap_mode;
    bool cap_strip; /* title of type html */
    struct nr_buf cap;
    char *rss_href; /* <link href="..."> in RSS */
    int sy_period_min, sy_freq;
    struct html_entity *entities; /* HTML entities handed to the parser so far */
};

/* An HTML entity name (&eacute;) offered to libxml2 as a predefined entity: one character,
 * no markup, nothing to expand. Everything else stays undeclared. */
struct html_entity {
    xmlEntity ent;
    struct html_entity *next;
    char name[34];
    char value[8];
};

static enum ns ns_of(const xmlChar *uri, const xmlChar *prefix)
{
    const char *u = (const char *)uri;
    if (u) {
        if (strcmp(u, "http://www.w3.org/2005/Atom") == 0 ||
            strcmp(u, "http://purl.org/atom/ns#") == 0)
            return NS_ATOM;
        if (strcmp(u, "http://purl.org/rss/1.0/") == 0 ||
            strcmp(u, "http://my.netscape.com/rdf/simple/0.9/") == 0 ||
            strncmp(u, "http://backend.userland.com/rss", 31) == 0)
            return NS_CORE;
        if (strcmp(u, "http://purl.org/rss/1.0/modules/content/") == 0)
            return NS_CONTENT;
        if (strcmp(u, "http://purl.org/dc/elements/1.1/") == 0 ||
            strcmp(u, "http://purl.org/dc/terms/") == 0)
            return NS_DC;
        if (strncmp(u, "http://search.yahoo.com/mrss", 28) == 0 ||
            strncmp(u, "http://video.search.yahoo.com/mrss", 34) == 0)
            return NS_MEDIA;
        if (strcmp(u, "http://www.itunes.com/dtds/podcast-1.0.dtd") == 0)
            return NS_ITUNES;
        if (strcmp(u, "http://purl.org/rss/1.0/modules/syndication/") == 0)
            return NS_SY;
        if (strcmp(u, "http://www.w3.org/1999/xhtml") == 0)
            return NS_XHTML;
    }
    if (!prefix)
        return u ? NS_OTHER : NS_CORE;
    /* An undeclared (or oddly declared) prefix: go by the conventional name. */
    static const struct {
        const char *p;
        enum ns ns;
    } by_prefix[] = {
        { "media", NS_MEDIA }, { "dc", NS_DC }, { "content", NS_CONTENT }, { "itunes", NS_ITUNES },
        { "atom", NS_ATOM },   { "sy", NS_SY }, { "rss", NS_CORE },        { "dcterms", NS_DC },
    };
    for (size_t i = 0; i < sizeof by_prefix / sizeof by_prefix[0]; i++)
        if (strcmp((const char *)prefix, by_prefix[i].p) == 0)
            return by_prefix[i].ns;
    return NS_OTHER;
}

static bool is(const xmlChar *local, const char *name)
{
    return strcmp((const char *)local, name) == 0;
}

static enum el classify(const struct xstate *st, enum ns ns, const xmlChar *l)
{
    bool atomish = st->atom ? (ns == NS_ATOM || ns == NS_CORE) : false;
    bool rss = !st->atom && ns == NS_CORE;
    if (st->image_depth) /* the channel's <image>: its title and link are not the feed's */
        return rss && is(l, "url") && st->depth == st->image_depth + 1 ? E_IMAGE_URL : E_OTHER;
    if (!st->item_depth && st->depth <= 3) {
        if (rss && is(l, "image"))
            return E_CHAN_IMAGE;
        if (atomish && is(l, "logo"))
            return E_LOGO;
        if (atomish && is(l, "icon"))
            return E_ICON;
    }
    if (atomish || rss) {
        if (atomish ? is(l, "entry") : is(l, "item"))
            return st->item_depth ? E_SKIP : E_ITEM; /* an item inside an item is junk */
        if (is(l, "title"))
            return E_TITLE;
        if (is(l, "link"))
            return atomish ? E_ALINK : E_LINK;
        if (is(l, "guid") || (atomish && is(l, "id")))
            return E_GUID;
        if (is(l, "description") || (atomish && is(l, "summary")))
            return E_SUMMARY;
        if (atomish && is(l, "content"))
            return E_CONTENT;
        if (is(l, "pubDate") || (atomish && (is(l, "published") || is(l, "issued"))))
            return E_PUBLISHED;
        if (atomish && (is(l, "updated") || is(l, "modified")))
            return E_UPDATED;
        if (is(l, "author"))
            return atomish ? (st->item_depth ? E_AAUTHOR : E_SKIP) : E_AUTHOR_TEXT;
        if (atomish && is(l, "name") && st->aauthor_depth)
            return E_AUTHOR_NAME;
        if (is(l, "category"))
            return E_CATEGORY;
        if (rss && is(l, "enclosure"))
            return E_ENCLOSURE;
        if (rss && is(l, "language"))
            return E_LANGUAGE;
        if (rss && is(l, "ttl"))
            return E_TTL;
        if (is(l, "image") || is(l, "textinput") || is(l, "textInput") || is(l, "source") ||
            is(l, "contributor"))
            return E_SKIP;
        return E_OTHER;
    }
    switch (ns) {
    case NS_ATOM: return is(l, "link") ? E_ATOM_LINK : E_OTHER;
    case NS_CONTENT: return is(l, "encoded") ? E_CONTENT : E_OTHER;
    case NS_DC:
        if (is(l, "creator"))
            return E_AUTHOR_TEXT;
        if (is(l, "date") || is(l, "issued") || is(l, "created"))
            return E_PUBLISHED;
        if (is(l, "modified"))
            return E_UPDATED;
        if (is(l, "subject"))
            return E_CATEGORY;
        if (is(l, "title"))
            return E_DC_TITLE;
        if (is(l, "language"))
            return E_LANGUAGE;
        return E_OTHER;
    case NS_MEDIA:
        if (is(l, "content"))
            return E_MCONTENT;
        if (is(l, "group"))
            return E_MGROUP;
        if (is(l, "thumbnail"))
            return E_MTHUMB;
        if (is(l, "title"))
            return E_MTITLE;
        if (is(l, "description"))
            return E_MDESC;
        if (is(l, "text"))
            return E_MTEXT;
        if (is(l, "credit"))
            return E_MCREDIT;
        return E_OTHER;
    case NS_ITUNES:
        if (is(l, "title"))
            return E_ITUNES_TITLE;
        return is(l, "image") ? E_ITUNES_IMAGE : E_OTHER;
    case NS_SY:
        if (is(l, "updatePeriod"))
            return E_SY_PERIOD;
        if (is(l, "updateFrequency"))
            return E_SY_FREQ;
        return E_OTHER;
    default: return E_OTHER;
    }
}

/* Attribute values reach SAX2 with the predefined entities still encoded ("&#38;"); this
 * decodes them. Returns a new string, always valid UTF-8: libxml2 copies only the first
 * byte of an entity it treats as predefined into an attribute, so an HTML entity such as
 * &mdash; inside an attribute would otherwise leave a broken sequence (it becomes U+FFFD). */
static char *attr_dup(const xmlChar *v, const xmlChar *end)
{
    size_t n = (size_t)(end - v);
    if (n > NR_MAX_FIELD_BYTES)
        n = NR_MAX_FIELD_BYTES;
    char *out = xmalloc(n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        if (v[i] == '&') {
            const xmlChar *semi = memchr(v + i, ';', n - i < 34 ? n - i : 34);
            char enc[8];
            size_t k =
                semi ? parse_text_entity((const char *)v + i + 1, (size_t)(semi - v - i - 1), enc)
                     : 0;
            if (k && k <= (size_t)(semi - v - i) + 1) {
                memcpy(out + o, enc, k);
                o += k;
                i = (size_t)(semi - v) + 1;
                continue;
            }
        }
        out[o++] = (char)v[i++];
    }
    out[o] = '\0';
    if (nr_utf8_valid(out, o))
        return out;
    char *fixed = nr_utf8_sanitize(out, o);
    free(out);
    return fixed;
}

/* Finds attribute `name` (no namespace, or the given namespace when uri is non-NULL). */
static char *attr(int nb, const xmlChar **attrs, const char *name, const char *uri)
{
    for (int i = 0; i < nb; i++) {
        const xmlChar **a = attrs + 5 * i;
        if (strcmp((const char *)a[0], name) != 0)
            continue;
        if (uri ? (a[2] && strcmp((const char *)a[2], uri) == 0) : a[2] == NULL)
            return attr_dup(a[3], a[4]);
    }
    return NULL;
}

static int attr_int(int nb, const xmlChar **attrs, const char *name)
{
    char *v = attr(nb, attrs, name, NULL);
    long n = 0;
    if (v && !nr_parse_int(v, 0, 1000000000L, &n))
        n = 0;
    free(v);
    return (int)n;
}

static const char *cur_base(const struct xstate *st)
{
    return st->stack[st->depth].base;
}

/* Without a document URL or xml:base, the feed's own <link> (its site) is the best base. */
static char *resolve(const struct xstate *st, const char *ref)
{
    const char *base = cur_base(st);
    return feed_resolve_url(base ? base : st->feed->link, ref);
}

static void start_capture(struct xstate *st, enum el el, enum cap_mode mode, size_t max)
{
    st->cap_depth = st->depth;
    st->cap_el = el;
    st->cap_mode = mode;
    st->cap_strip = false;
    /* The buffer is kept from field to field: most fields fit what an earlier one grew. */
    nr_buf_reset(&st->cap);
    st->cap.max_len = max;
}

/* Atom text constructs: type="text" | "html" | "xhtml" (and 0.3's MIME types / mode). */
static enum cap_mode atom_mode(int nb, const xmlChar **attrs)
{
    char *type = attr(nb, attrs, "type", NULL);
    char *mode = attr(nb, attrs, "mode", NULL);
    enum cap_mode m = CAP_TEXT;
    if (type && (strcasecmp(type, "xhtml") == 0 || strcasecmp(type, "application/xhtml+xml") == 0))
        m = CAP_XHTML;
    else if (type && (strcasecmp(type, "html") == 0 || strcasecmp(type, "text/html") == 0))
        m = CAP_HTML;
    if (mode && strcmp(mode, "xml") == 0)
        m = CAP_XHTML;
    else if (mode && strcmp(mode, "escaped") == 0 && m == CAP_TEXT && type)
        m = CAP_HTML;
    free(type);
    free(mode);
    return m;
}

static void add_media(struct xstate *st, enum media_kind kind, int nb, const xmlChar **attrs,
                      const char *url_attr)
{
    if (!st->item_depth)
        return;
    struct feed_media m = { .kind = kind };
    char *raw = attr(nb, attrs, url_attr, NULL);
    m.url = resolve(st, raw);
    free(raw);
    m.type = attr(nb, attrs, "type", NULL);
    m.medium = attr(nb, attrs, "medium", NULL);
    m.width = attr_int(nb, attrs, "width");
    m.height = attr_int(nb, attrs, "height");
    char *len = attr(nb, attrs, kind == MEDIA_CONTENT ? "fileSize" : "length", NULL);
    long bytes = 0;
    if (len && nr_parse_int(len, 0, 2000000000L, &bytes))
        m.bytes = bytes;
    free(len);
    char *def = attr(nb, attrs, "isDefault", NULL);
    m.is_default = def && strcmp(def, "true") == 0;
    free(def);
    m.in_group = st->group_depth > 0;
    char *title = attr(nb, attrs, "title", NULL); /* Atom link rel="enclosure" title */
    m.title = parse_text_plain(title, true, NR_MAX_FIELD_BYTES);
    free(title);
    size_t before = st->item.n_media;
    if (parse_build_add_media(&st->item, &m) && kind == MEDIA_CONTENT) {
        st->cur_media = (long)before;
        st->media_depth = st->depth;
    }
}

static void free_alt_titles(struct xstate *st)
{
    for (int i = 0; i < ALT_COUNT; i++) {
        free(st->alt_title[i]);
        st->alt_title[i] = NULL;
    }
}

static void start_item(struct xstate *st)
{
    feed_item_release(&st->item);
    free_alt_titles(st);
    st->item_depth = st->depth;
    st->guid_permalink = true;
    st->cur_media = -1;
    if (st->stack[st->depth].base_explicit)
        st->item.base_url = xstrdup(cur_base(st));
}

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                     int nb_ns, const xmlChar **ns, int nb_attrs, int nb_def, const xmlChar **attrs)
{
    struct xstate *st = ctx;
    (void)nb_ns;
    (void)ns;
    (void)nb_def;
    if (!st->saw_root) {
        st->saw_root = true;
        st->atom = is(local, "feed");
    }
    if (st->depth >= NR_MAX_DEPTH) {
        st->depth++;
        return;
    }
    struct frame *parent = &st->stack[st->depth];
    st->depth++;
    struct frame *fr = &st->stack[st->depth];
    memset(fr, 0, sizeof *fr);
    fr->base = parent->base;
    fr->base_explicit = parent->base_explicit;
    char *xb = attr(nb_attrs, attrs, "base", "http://www.w3.org/XML/1998/namespace");
    if (xb) {
        char *abs = feed_resolve_url(parent->base, xb);
        if (abs) {
            fr->base = fr->owned = abs;
            fr->base_explicit = fr->own_base = true;
        } else if (!parent->base) {
            /* A relative xml:base with no document URL: nothing absolute to resolve to. */
        }
        free(xb);
    }
    if (st->skip_depth)
        return;

    if (st->cap_depth) {
        /* Inside a captured field: markup is part of the field (XHTML content, or raw HTML
         * a malformed feed did not escape). */
        if (st->cap_mode != CAP_TEXT) {
            const char *name = (const char *)local;
            parse_text_append(&st->cap, "<", 1);
            parse_text_append(&st->cap, name, strlen(name));
            for (int i = 0; i < nb_attrs; i++) {
                const xmlChar **a = attrs + 5 * i;
                char *v = attr_dup(a[3], a[4]);
                parse_text_append(&st->cap, " ", 1);
                parse_text_append(&st->cap, (const char *)a[0], strlen((const char *)a[0]));
                parse_text_append(&st->cap, "=\"", 2);
                parse_text_escape(&st->cap, v, strlen(v), true);
                parse_text_append(&st->cap, "\"", 1);
                free(v);
            }
            parse_text_append(&st->cap, ">", 1);
        }
        return;
    }

    enum el el = classify(st, ns_of(uri, prefix), local);
    fr->el = el;
    bool in_item = st->item_depth > 0;
    switch (el) {
    case E_SKIP: st->skip_depth = st->depth; break;
    case E_CHAN_IMAGE: st->image_depth = st->depth; break;
    case E_IMAGE_URL:
    case E_LOGO:
    case E_ICON: start_capture(st, el, CAP_TEXT, 2048); break;
    case E_ITEM: start_item(st); break;
    case E_TITLE:
        start_capture(st, el, st->atom ? atom_mode(nb_attrs, attrs) : CAP_HTML, NR_MAX_FIELD_BYTES);
        st->cap_strip = !st->atom || st->cap_mode != CAP_TEXT;
        break;
    case E_LINK:
        free(st->rss_href);
        st->rss_href = attr(nb_attrs, attrs, "href", NULL);
        start_capture(st, el, CAP_TEXT, NR_MAX_FIELD_BYTES);
        break;
    case E_ALINK:
    case E_ATOM_LINK: {
        char *rel = attr(nb_attrs, attrs, "rel", NULL);
        char *href = attr(nb_attrs, attrs, "href", NULL);
        bool alternate = !rel || strcmp(rel, "alternate") == 0;
        if (rel && strcmp(rel, "enclosure") == 0 && in_item) {
            add_media(st, MEDIA_ENCLOSURE, nb_attrs, attrs, "href");
        } else if (alternate && href) {
            char **dst = in_item ? &st->item.link : &st->feed->link;
            if (!*dst && (in_item || st->depth <= 3))
                *dst = resolve(st, href);
        }
        free(rel);
        free(href);
        break;
    }
    case E_GUID: {
        char *pl = attr(nb_attrs, attrs, "isPermaLink", NULL);
        if (pl && strcmp(pl, "false") == 0)
            st->guid_permalink = false;
        free(pl);
        start_capture(st, el, CAP_TEXT, NR_MAX_FIELD_BYTES);
        break;
    }
    case E_SUMMARY:
        start_capture(st, el, st->atom ? atom_mode(nb_attrs, attrs) : CAP_HTML, NR_MAX_FIELD_BYTES);
        break;
    case E_CONTENT: {
        enum cap_mode m = CAP_HTML;
        if (st->atom && ns_of(uri, prefix) != NS_CONTENT)
            m = atom_mode(nb_attrs, attrs);
        start_capture(st, el, m, NR_MAX_CONTENT_BYTES);
        break;
    }
    case E_PUBLISHED:
    case E_UPDATED:
    case E_AUTHOR_TEXT:
    case E_AUTHOR_NAME:
    case E_LANGUAGE:
    case E_TTL:
    case E_SY_PERIOD:
    case E_SY_FREQ: start_capture(st, el, CAP_TEXT, 256); break;
    case E_MTITLE:
    case E_MDESC:
    case E_MTEXT:
    case E_MCREDIT: start_capture(st, el, CAP_HTML, NR_MAX_FIELD_BYTES); break;
    case E_DC_TITLE:
    case E_ITUNES_TITLE:
        if (in_item)
            start_capture(st, el, CAP_HTML, NR_MAX_FIELD_BYTES);
        break;
    case E_CATEGORY: {
        if (st->atom) {
            char *label = attr(nb_attrs, attrs, "label", NULL);
            char *term = attr(nb_attrs, attrs, "term", NULL);
            if (in_item)
                parse_build_add_category(
                    &st->item, parse_text_dup_capped(label ? label : term, NR_MAX_TITLE_BYTES));
            free(label);
            free(term);
        }
        start_capture(st, el, CAP_TEXT, NR_MAX_TITLE_BYTES);
        break;
    }
    case E_AAUTHOR: st->aauthor_depth = st->depth; break;
    case E_ENCLOSURE: add_media(st, MEDIA_ENCLOSURE, nb_attrs, attrs, "url"); break;
    case E_MCONTENT: add_media(st, MEDIA_CONTENT, nb_attrs, attrs, "url"); break;
    case E_MTHUMB: add_media(st, MEDIA_THUMBNAIL, nb_attrs, attrs, "url"); break;
    case E_ITUNES_IMAGE: add_media(st, MEDIA_ITUNES, nb_attrs, attrs, "href"); break;
    case E_MGROUP:
        if (in_item) {
            st->group_depth = st->depth;
            st->group_first = st->item.n_media;
        }
        break;
    case E_OTHER: break;
    }
}

static void set_first(char **dst, char *owned)
{
    if (!*dst)
        *dst = owned;
    else
        free(owned);
}

/* The field of a media element (or of the pending text) that element el fills. */
static char **media_field(enum el el, char **title, char **description, char **text, char **credit)
{
    switch (el) {
    case E_MTITLE: return title;
    case E_MDESC: return description;
    case E_MTEXT: return text;
    default: return credit;
    }
}

static void apply_media_text(struct feed_item *it, size_t from, struct media_text *t)
{
    for (size_t i = from; i < it->n_media; i++) {
        struct feed_media *m = &it->media[i];
        if (!m->title && t->title)
            m->title = xstrdup(t->title);
        if (!m->description && t->description)
            m->description = xstrdup(t->description);
        if (!m->text && t->text)
            m->text = xstrdup(t->text);
        if (!m->credit && t->credit)
            m->credit = xstrdup(t->credit);
    }
    free(t->title);
    free(t->description);
    free(t->text);
    free(t->credit);
    memset(t, 0, sizeof *t);
}

/* "editor@example.com (Jane Doe)" -> "Jane Doe". */
static char *rss_author(char *s)
{
    char *open = strchr(s, '(');
    char *close = open ? strrchr(open, ')') : NULL;
    if (open && close && strchr(s, '@') && strchr(s, '@') < open) {
        *close = '\0';
        char *name = parse_text_dup_capped(open + 1, NR_MAX_TITLE_BYTES);
        free(s);
        return name;
    }
    return s;
}

static void add_author(struct feed_item *it, char *name)
{
    if (!name)
        return;
    if (!it->author) {
        it->author = name;
        return;
    }
    if (strlen(it->author) + strlen(name) < NR_MAX_TITLE_BYTES && !strstr(it->author, name)) {
        size_t n = strlen(it->author) + strlen(name) + 3;
        char *joined = xmalloc(n);
        snprintf(joined, n, "%s, %s", it->author, name);
        free(it->author);
        it->author = joined;
    }
    free(name);
}

static void end_capture(struct xstate *st)
{
    struct feed_item *it = st->item_depth ? &st->item : NULL;
    parse_text_unwrap_cdata(&st->cap, st->cap_mode == CAP_XHTML);
    const char *text = st->cap.data ? st->cap.data : "";
    enum el el = st->cap_el;
    st->cap_depth = 0;
    int64_t t;
    long n;
    switch (el) {
    case E_TITLE: {
        char *plain = parse_text_plain(text, st->cap_strip, NR_MAX_TITLE_BYTES);
        if (!st->cap_strip && plain) {
            /* Atom type="text": no markup to strip, but entities stay literal. */
            free(plain);
            plain = parse_text_dup_capped(text, NR_MAX_TITLE_BYTES);
        }
        if (it)
            set_first(&it->title, plain);
        else if (st->depth <= 3)
            set_first(&st->feed->title, plain);
        else
            free(plain);
        break;
    }
    case E_LINK: {
        char *url = resolve(st, nr_str_empty(text) ? st->rss_href : text);
        if (it)
            set_first(&it->link, url);
        else if (st->depth <= 3)
            set_first(&st->feed->link, url);
        else
            free(url);
        break;
    }
    case E_GUID:
        if (it)
            set_first(&it->guid, parse_text_dup_capped(text, NR_MAX_FIELD_BYTES));
        break;
    case E_SUMMARY:
    case E_CONTENT: {
        if (!it || nr_str_empty(text))
            break;
        char *html;
        if (st->cap_mode == CAP_TEXT) {
            struct nr_buf b;
            nr_buf_init(&b, el == E_CONTENT ? NR_MAX_CONTENT_BYTES : NR_MAX_FIELD_BYTES);
            parse_text_escape(&b, text, st->cap.len, false);
            html = nr_buf_detach(&b);
        } else {
            /* An exact copy: the capture buffer stays, grown, for the next field. */
            html = xstrndup(text, st->cap.len);
        }
        if (el == E_SUMMARY) {
            set_first(&it->summary_html, html);
        } else {
            /* content:encoded and Atom content: keep the fuller one. */
            if (it->content_html && strlen(it->content_html) >= strlen(html)) {
                free(html);
            } else {
                free(it->content_html);
                it->content_html = html;
                if (st->stack[st->depth].own_base) {
                    free(it->base_url);
                    it->base_url = xstrdup(cur_base(st));
                }
            }
        }
        break;
    }
    case E_PUBLISHED:
        if (it && !it->has_published && feed_parse_date(text, &t)) {
            it->published_unix = t;
            it->has_published = true;
        }
        break;
    case E_UPDATED:
        if (it && !it->has_updated && feed_parse_date(text, &t)) {
            it->updated_unix = t;
            it->has_updated = true;
        }
        break;
    case E_AUTHOR_TEXT:
    case E_AUTHOR_NAME:
        if (it) {
            char *a = parse_text_plain(text, true, NR_MAX_TITLE_BYTES);
            add_author(it, a && el == E_AUTHOR_TEXT ? rss_author(a) : a);
        }
        break;
    case E_CATEGORY:
        if (it && !st->atom)
            parse_build_add_category(it, parse_text_plain(text, false, NR_MAX_TITLE_BYTES));
        else if (it && st->atom && !nr_str_empty(text))
            parse_build_add_category(it, parse_text_plain(text, false, NR_MAX_TITLE_BYTES));
        break;
    case E_MTITLE:
    case E_MDESC:
    case E_MTEXT:
    case E_MCREDIT: {
        if (!it)
            break;
        char *v = parse_text_plain(text, true, NR_MAX_FIELD_BYTES);
        struct media_text *pend = st->group_depth ? &st->group_text : &st->item_text;
        /* a media:title of the item itself (not of one media element) is the item's title */
        if (el == E_MTITLE && v && st->cur_media < 0 && !st->group_depth &&
            !st->alt_title[ALT_MEDIA])
            st->alt_title[ALT_MEDIA] = parse_text_dup_capped(v, NR_MAX_TITLE_BYTES);
        if (st->cur_media >= 0) {
            struct feed_media *m = &it->media[st->cur_media];
            set_first(media_field(el, &m->title, &m->description, &m->text, &m->credit), v);
        } else {
            set_first(media_field(el, &pend->title, &pend->description, &pend->text, &pend->credit),
                      v);
        }
        break;
    }
    case E_DC_TITLE:
    case E_ITUNES_TITLE:
        if (it)
            set_first(&st->alt_title[el == E_DC_TITLE ? ALT_DC : ALT_ITUNES],
                      parse_text_plain(text, true, NR_MAX_TITLE_BYTES));
        break;
    case E_IMAGE_URL:
    case E_LOGO:
    case E_ICON: {
        char *url = nr_str_empty(text) ? NULL : resolve(st, text);
        if (url && (!st->feed->logo_url || (st->logo_is_icon && el == E_LOGO))) {
            free(st->feed->logo_url);
            st->feed->logo_url = url;
            st->logo_is_icon = el == E_ICON;
        } else {
            free(url);
        }
        break;
    }
    case E_LANGUAGE:
        if (!st->feed->language)
            st->feed->language = parse_text_dup_capped(text, 64);
        break;
    case E_TTL:
        if (!it && nr_parse_int(text, 1, 60 * 24 * 365, &n))
            st->feed->ttl_minutes = (int)n;
        break;
    case E_SY_PERIOD: {
        static const struct {
            const char *name;
            int min;
        } periods[] = {
            { "hourly", 60 },     { "daily", 1440 },    { "weekly", 10080 },
            { "monthly", 43200 }, { "yearly", 525600 },
        };
        char *p = parse_text_dup_capped(text, 32);
        for (size_t i = 0; p && i < sizeof periods / sizeof periods[0]; i++)
            if (strcasecmp(p, periods[i].name) == 0)
                st->sy_period_min = periods[i].min;
        free(p);
        break;
    }
    case E_SY_FREQ:
        if (nr_parse_int(text, 1, 100000, &n))
            st->sy_freq = (int)n;
        break;
    default: break;
    }
    st->cap.len = 0;
}

static void end_item(struct xstate *st)
{
    struct feed_item *it = &st->item;
    apply_media_text(it, 0, &st->item_text);
    if (!it->link && it->guid && st->guid_permalink &&
        (nr_starts_with_ci(it->guid, "http://") || nr_starts_with_ci(it->guid, "https://")))
        it->link = resolve(st, it->guid);
    st->item_depth = 0;
    st->cur_media = -1;
    /* no <title> (or a blank one): dc:title, then media:title, then itunes:title */
    for (int i = 0; i < ALT_COUNT && !it->title; i++) {
        it->title = st->alt_title[i];
        st->alt_title[i] = NULL;
    }
    free_alt_titles(st);
    if (!it->title && !it->link && !it->summary_html && !it->content_html && !it->n_media) {
        st->feed->n_skipped++; /* nothing to show */
        feed_item_release(it);
        return;
    }
    parse_build_commit(&st->build, it);
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    struct xstate *st = ctx;
    (void)prefix;
    (void)uri;
    if (st->depth > NR_MAX_DEPTH) {
        st->depth--;
        return;
    }
    if (st->depth <= 0)
        return;
    struct frame *fr = &st->stack[st->depth];
    if (st->skip_depth) {
        if (st->skip_depth == st->depth)
            st->skip_depth = 0;
    } else if (st->cap_depth && st->depth > st->cap_depth) {
        if (st->cap_mode != CAP_TEXT) {
            static const char *const voids[] = { "br",    "img",    "hr",   "meta", "link",
                                                 "input", "source", "wbr",  "col",  "area",
                                                 "embed", "param",  "track" };
            bool is_void = false;
            for (size_t i = 0; i < sizeof voids / sizeof voids[0]; i++)
                is_void |= strcasecmp((const char *)local, voids[i]) == 0;
            if (!is_void) {
                parse_text_append(&st->cap, "</", 2);
                parse_text_append(&st->cap, (const char *)local, strlen((const char *)local));
                parse_text_append(&st->cap, ">", 1);
            }
        }
    } else if (st->cap_depth == st->depth) {
        end_capture(st);
    } else if (fr->el == E_ITEM && st->item_depth == st->depth) {
        end_item(st);
    } else if (fr->el == E_MGROUP && st->group_depth == st->depth) {
        apply_media_text(&st->item, st->group_first, &st->group_text);
        st->group_depth = 0;
    } else if (fr->el == E_MCONTENT && st->media_depth == st->depth) {
        st->cur_media = -1;
        st->media_depth = 0;
    } else if (fr->el == E_AAUTHOR && st->aauthor_depth == st->depth) {
        st->aauthor_depth = 0;
    } else if (fr->el == E_CHAN_IMAGE && st->image_depth == st->depth) {
        st->image_depth = 0;
    }
    free(fr->owned);
    fr->owned = NULL;
    fr->base = NULL;
    st->depth--;
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
    struct xstate *st = ctx;
    if (!st->cap_depth || st->skip_depth || len <= 0)
        return;
    if (st->cap_mode == CAP_XHTML)
        parse_text_escape(&st->cap, (const char *)ch, (size_t)len, false);
    else
        parse_text_append(&st->cap, (const char *)ch, (size_t)len);
}

/* An entity the document never declared (we declare none): HTML names are decoded, any
 * other name is dropped. */
static void on_reference(void *ctx, const xmlChar *name)
{
    struct xstate *st = ctx;
    char enc[8];
    size_t n = parse_text_entity((const char *)name, strlen((const char *)name), enc);
    if (!n || !st->cap_depth || st->skip_depth)
        return;
    if (st->cap_mode == CAP_XHTML)
        parse_text_escape(&st->cap, enc, n, false);
    else
        parse_text_append(&st->cap, enc, n);
}

static xmlEntityPtr on_get_entity(void *ctx, const xmlChar *name)
{
    struct xstate *st = ctx;
    size_t n = strlen((const char *)name);
    for (struct html_entity *e = st->entities; e; e = e->next)
        if (strcmp(e->name, (const char *)name) == 0)
            return &e->ent;
    char value[8];
    size_t vlen = name[0] == '#' ? 0 : parse_text_entity((const char *)name, n, value);
    if (!vlen)
        return NULL;
    struct html_entity *e = xcalloc(1, sizeof *e);
    memcpy(e->name, name, n + 1);
    memcpy(e->value, value, vlen);
    e->ent.type = XML_ENTITY_DECL;
    e->ent.etype = XML_INTERNAL_PREDEFINED_ENTITY;
    e->ent.name = (const xmlChar *)e->name;
    e->ent.content = (xmlChar *)e->value;
    e->ent.orig = (xmlChar *)e->value;
    e->ent.length = (int)vlen;
    e->next = st->entities;
    st->entities = e;
    return &e->ent;
}

static void on_error(void *ctx, xmlErrorPtr e)
{
    (void)ctx;
    (void)e; /* recovery goes on; the caller reports what could not be recovered */
}

enum nr_result parse_xml_feed(struct pdec *d, const char *first, size_t first_len,
                              const struct parse_options *opt, struct feed *f, struct nr_err *err)
{
    xmlSAXHandler sax;
    struct xstate *st = xcalloc(1, sizeof *st);
    xmlParserCtxtPtr ctxt = NULL;
    char *chunk = NULL;
    enum nr_result ret = NR_OK;

    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = on_start;
    sax.endElementNs = on_end;
    sax.characters = on_text;
    sax.cdataBlock = on_text;
    sax.reference = on_reference;
    sax.getEntity = on_get_entity;
    sax.serror = on_error;

    st->feed = f;
    parse_build_init(&st->build, f, opt);
    st->stack[0].base = opt->base_url;
    st->cur_media = -1;

    /* Blank lines before "<?xml" are common and fatal to a strict reader. */
    while (first_len && (*first == ' ' || *first == '\t' || *first == '\r' || *first == '\n')) {
        first++;
        first_len--;
    }
    ctxt = xmlCreatePushParserCtxt(&sax, st, NULL, 0, opt->base_url);
    if (!ctxt) {
        ret = nr_fail(err, NR_ERR_INTERNAL, "cannot start the xml parser");
        goto out;
    }
    /* The bytes are UTF-8 already (pdec); whatever the declaration says is ignored. No
     * NOENT (never substitute entities), no DTD loading, no network. */
    xmlCtxtUseOptions(ctxt, XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
                                XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC | XML_PARSE_NOCDATA);
    xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
    xmlParseChunk(ctxt, first, (int)first_len, 0);
    chunk = xmalloc(PARSE_CHUNK_BYTES);
    while (!ctxt->disableSAX && ctxt->instate != XML_PARSER_EOF) {
        size_t n;
        const char *next = parse_dec_next(d, chunk, PARSE_CHUNK_BYTES, &n);
        if (n == 0)
            break;
        xmlParseChunk(ctxt, next, (int)n, 0);
    }
    xmlParseChunk(ctxt, NULL, 0, 1);
    /* A truncated document: the item that was open is kept if it has anything. */
    if (st->item_depth)
        end_item(st);
    if (!st->saw_root) {
        ret = nr_fail(err, NR_ERR_PARSE, "'%s': no feed element could be read",
                      opt->base_url ? opt->base_url : "feed");
        goto out;
    }
    if (!f->ttl_minutes && st->sy_period_min)
        f->ttl_minutes = st->sy_period_min / (st->sy_freq > 0 ? st->sy_freq : 1);
out:
    if (ctxt) {
        /* libxml2 keeps the DTD's declarations in a stand-in document "for expat
         * compatibility" even in SAX mode; they are never expanded, but must be freed. */
        if (ctxt->myDoc)
            xmlFreeDoc(ctxt->myDoc);
        xmlFreeParserCtxt(ctxt);
    }
    for (int i = st->depth < NR_MAX_DEPTH ? st->depth : NR_MAX_DEPTH; i > 0; i--)
        free(st->stack[i].owned);
    feed_item_release(&st->item);
    free_alt_titles(st);
    apply_media_text(&st->item, 0, &st->group_text);
    apply_media_text(&st->item, 0, &st->item_text);
    nr_buf_release(&st->cap);
    free(st->rss_href);
    while (st->entities) {
        struct html_entity *next = st->entities->next;
        free(st->entities);
        st->entities = next;
    }
    free(chunk);
    free(st);
    return ret;
}
