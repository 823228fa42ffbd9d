/* feed.h: bytes of a feed (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed, or an HTML page)
 * in, normalized raw items out. Pure: no network, no files, no SDL. */
#ifndef NR_FEED_H
#define NR_FEED_H

#include "nr.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum feed_format {
    FEED_UNKNOWN,
    FEED_RSS,     /* RSS 0.9x and 2.0 */
    FEED_RDF,     /* RSS 1.0 / 0.90 */
    FEED_ATOM,    /* Atom 1.0 and 0.3 */
    FEED_JSON,    /* JSON Feed 1.0 / 1.1 */
    FEED_HTML,    /* a web page: one story from its OpenGraph / article markup */
    FEED_SITEMAP, /* a news sitemap: <urlset> with <news:news> entries */
};

enum media_kind {
    MEDIA_CONTENT,    /* media:content (also inside media:group) */
    MEDIA_THUMBNAIL,  /* media:thumbnail */
    MEDIA_ENCLOSURE,  /* RSS <enclosure>, Atom link rel="enclosure" */
    MEDIA_ITUNES,     /* itunes:image */
    MEDIA_JSON_IMAGE, /* JSON Feed image / banner_image */
    MEDIA_OG_IMAGE,   /* og:image of an HTML page */
};

/* One attached media element, with its URL already resolved to absolute. Strings are
 * UTF-8 or NULL; all owned by the enclosing feed. */
struct feed_media {
    enum media_kind kind;
    char *url;
    char *type;        /* MIME type, e.g. "image/jpeg" */
    char *medium;      /* media:content medium="image" */
    int width, height; /* px; 0 when not given */
    int64_t bytes;     /* length attribute; 0 when not given */
    bool is_default;   /* media:content isDefault="true" */
    bool in_group;     /* inside media:group */
    char *title;       /* media:title */
    char *description; /* media:description (text, markup stripped) */
    char *text;        /* media:text: often the photo's caption where description is a dek */
    char *credit;      /* media:credit */
};

/* One item / entry. Text fields are valid UTF-8, capped (nr_limits.h); NULL when absent.
 * *_html fields are HTML as the feed gives it (entities of the XML layer decoded once). */
struct feed_item {
    char *title; /* plain text: markup stripped, entities decoded, white space collapsed */
    char *link;  /* absolute */
    char *guid;
    char *summary_html; /* description / summary / JSON summary */
    char *content_html; /* content:encoded, Atom content, JSON content_html (or content_text) */
    char *author;       /* dc:creator, author name */
    char *base_url;     /* base for relative URLs inside *_html: xml:base, else the document's
                         * URL (parse_options.base_url), else the item link */
    char **categories;
    size_t n_categories;
    int64_t published_unix; /* valid only when has_published */
    bool has_published;
    int64_t updated_unix;
    bool has_updated;
    struct feed_media *media;
    size_t n_media;
};

struct feed {
    enum feed_format format;
    char *title; /* the feed's / site's name */
    char *link;  /* site home page */
    char *language;
    char *discovered_feed_url; /* HTML page: absolute URL of its <link rel="alternate"> feed */
    char *logo_url;  /* the feed's own picture, absolute: RSS <image><url>, Atom <logo> (else
                     * <icon>), JSON Feed icon (else favicon); NULL: none */
    int ttl_minutes; /* <ttl> or sy:updatePeriod/Frequency; 0 when not given */
    struct feed_item *items; /* newest first is NOT guaranteed: in document order */
    size_t n_items;
    size_t n_skipped; /* items dropped (unparseable, or over NR_MAX_ITEMS) */
};

struct parse_options {
    const char *base_url;     /* the document's final URL (after redirects); may be NULL */
    const char *http_charset; /* charset= of the Content-Type; NULL when none */
    size_t max_items;         /* 0: NR_MAX_ITEMS */
};

/* Parses data[0..len). Fills *out (zeroed first) and returns NR_OK when the bytes are a feed
 * (RSS, Atom, JSON Feed, or a news sitemap with at least one news entry)
 * (zero items is still NR_OK) or an HTML page (with discovered_feed_url and/or one item).
 * NR_ERR_NOT_FEED for other documents, NR_ERR_PARSE when nothing could be recovered.
 * Never loads external entities or expands entity bombs. On failure *out needs no release. */
enum nr_result feed_parse(const char *data, size_t len, const struct parse_options *opt,
                          struct feed *out, struct nr_err *err);
void feed_release(struct feed *f); /* accepts NULL or a zeroed struct */

const char *feed_format_name(enum feed_format f); /* "rss", "atom", ... */

/* Dates: RFC 822 and variants, RFC 3339 / ISO 8601. False (and *out untouched) when unknown. */
bool feed_parse_date(const char *s, int64_t *out_unix);

/* Returns a new absolute URL for ref against base (either may be relative/NULL);
 * NULL when it cannot be resolved. Free with free(). */
char *feed_resolve_url(const char *base, const char *ref);

#endif
