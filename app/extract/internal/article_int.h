/* article_int.h: what the article_*.c files share; not a contract for other stages. */
#ifndef NR_ARTICLE_INT_H
#define NR_ARTICLE_INT_H

#include "article.h"
#include "extract_int.h"

#include <libxml/HTMLparser.h>

/* The page's metadata: <meta>, <title>, <link rel=canonical>, JSON-LD. Owned strings. */
struct apage_meta {
    char *title, *og_title, *og_image, *twitter_image, *og_site, *og_desc, *og_type;
    int og_image_w, og_image_h;
    char *published, *author;
    /* JSON-LD NewsArticle / Article */
    bool ld_article;
    char *ld_headline, *ld_body, *ld_image, *ld_caption, *ld_credit, *ld_author, *ld_date;
    char *ld_publisher;
    int ld_image_w, ld_image_h;
    bool ld_not_free; /* isAccessibleForFree: false */
};

/* Reads the head's metadata and every JSON-LD block of doc. base resolves image URLs. */
void extract_article_meta_read(xmlDocPtr doc, const char *base, struct apage_meta *m);
void extract_article_meta_release(struct apage_meta *m);

/* ---- article_body.c ---- */

struct abody {
    struct xdoc paras; /* body paragraphs (XPARA_BODY / XPARA_HEADING), no images */
    xmlNodePtr top;    /* the element holding the article text; NULL when none found */
    size_t words;
    bool has_password;     /* a password field on the page: a login wall when no text */
    bool mentions_consent; /* cookie / consent wording in the page's visible text */
};
/* Finds the main text of doc by scoring blocks (text length, commas, link density, class and
 * id hints), leaving site chrome, related lists, comments and captions out. */
void extract_article_body_find(xmlDocPtr doc, struct abody *out);
void extract_article_body_release(struct abody *b);

/* Class and id of n as one lower-case string "class id" in buf (cut to cap). */
void extract_node_hints(xmlNodePtr n, char *buf, size_t cap);
const char *extract_node_attr(xmlNodePtr n, const char *name); /* borrowed; NULL when absent */
/* Visible text of n, white space collapsed; NULL when empty. New string. */
char *extract_node_text(xmlNodePtr n);

/* ---- article_photo.c ---- */

/* Picks the lead photo and its caption and credit into a (photo_*, caption, credit). */
void extract_article_photo_pick(xmlDocPtr doc, const char *base, const struct apage_meta *m,
                                const struct abody *b, int screen_w, struct article *a);

#endif
