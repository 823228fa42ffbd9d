/* article.h: what one article page gives a slide: headline, body text, pull quote, lead photo
 * with its caption and credit. Pure: bytes of the page in, fields out; no network, no files. */
#ifndef NR_ARTICLE_H
#define NR_ARTICLE_H

#include "nr.h"
#include "story.h"

#include <stdbool.h>
#include <stdint.h>

/* Largest page read; bigger pages are refused before they are parsed. */
#define ARTICLE_MAX_PAGE_BYTES (4u * 1024 * 1024)
/* Largest body text kept. */
#define ARTICLE_MAX_BODY_BYTES (256u * 1024)

/* Where a field of the article came from, for --dump. */
enum article_src {
    ARTICLE_SRC_NONE,
    ARTICLE_SRC_JSONLD, /* schema.org NewsArticle / Article */
    ARTICLE_SRC_META,   /* OpenGraph / Twitter card / <meta> */
    ARTICLE_SRC_BODY,   /* the page's markup: h1, body text, lead figure */
};

/* All strings UTF-8, owned, NULL when the page does not give them. */
struct article {
    char *headline;        /* site-name suffix dropped */
    char *body;            /* paragraphs joined by "\n\n" */
    char *quote, *speaker; /* speaker non-NULL whenever quote is */
    char *photo_url;       /* absolute */
    int photo_w, photo_h;  /* px as the page declares them; 0 when unknown */
    char *caption, *credit;
    char *author, *site_name, *description;
    int64_t published_unix;
    bool has_published;
    enum article_src headline_src, body_src, photo_src, caption_src, credit_src;
};

/* Reads one article page: data[0..len) in its own charset (found from a BOM, http_charset,
 * <meta charset>, or the bytes). url is the page's final URL (resolves relative links; may be
 * NULL). opt gives the screen size for choosing among srcset sources (may be NULL).
 * NR_OK with *out filled (zeroed first) when the page is an article. NR_ERR_PARSE, with err
 * saying why and *out empty, for a consent or login wall, a paywall teaser, or a page with no
 * article text; NR_ERR_TOO_BIG over ARTICLE_MAX_PAGE_BYTES. Linear in the page size. */
enum nr_result article_extract(const char *data, size_t len, const char *url,
                               const char *http_charset, const struct extract_options *opt,
                               struct article *out, struct nr_err *err);
void article_release(struct article *a); /* accepts NULL / zeroed */

const char *article_src_name(enum article_src s); /* "json-ld", "meta", "page", "none" */

/* Drops a site-name tail from a page title ("Fire in the hills - Site News", "... | Site"):
 * the last segment after " - ", " | ", " – ", " — " or " :: " when it names the site (site_name
 * or host, may be NULL) or is short beside the rest. New string. */
char *article_strip_site_suffix(const char *title, const char *site_name, const char *host);

/* The width a photo URL says it has ("-1024x512.jpg", "?w=1200", "/1200x630/"); 0 when it
 * says nothing. */
int article_url_width(const char *url);

/* True when the two URLs show the same picture (the same file name once sizes and crops
 * encoded in the path or query are set aside). */
bool article_same_picture(const char *a, const char *b);

#endif
