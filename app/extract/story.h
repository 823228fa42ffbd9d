/* story.h: what one slide shows, extracted from a raw feed item. Pure: no I/O. */
#ifndef NR_STORY_H
#define NR_STORY_H

#include "feed.h"

#include <stdbool.h>
#include <stdint.h>

/* All strings are UTF-8, owned, NULL when absent. */
struct story {
    char *id;            /* stable key: guid, else link, else headline */
    char *headline;      /* plain text, never NULL in a story that extract returned NR_OK for */
    char *dek;           /* a sentence or two of summary */
    char *quote;         /* pull quote without its quotation marks */
    char *speaker;       /* who said it; non-NULL whenever quote is */
    char *photo_url;     /* absolute */
    char *caption;
    char *credit;
    char *source;        /* feed or site name */
    char *link;          /* article URL (for the QR code) */
    int64_t published_unix;
    bool has_published;
};

struct extract_options {
    int screen_w, screen_h;  /* for picking srcset entries; 0 when unknown */
};

/* Builds *out (zeroed first) from item of feed. NR_OK, or NR_ERR_PARSE when the item has
 * nothing to show (no usable headline). Borrows feed and item. */
enum nr_result story_extract(const struct feed *feed, const struct feed_item *item,
                             const struct extract_options *opt, struct story *out,
                             struct nr_err *err);
void story_release(struct story *s);                      /* accepts NULL / zeroed */
void story_copy(struct story *dst, const struct story *src);  /* deep copy */

/* True when a and b are the same story from two feeds: the same link (scheme, "www.",
 * fragment and trailing slash aside) or a near-identical headline. Borrows both. */
bool story_is_duplicate(const struct story *a, const struct story *b);

/* HTML fragment to plain text: tags removed, entities decoded, block elements become
 * paragraph breaks ("\n\n"), white space collapsed inside paragraphs. What no slide shows
 * stays out: scripts, navigation, figure captions, bylines and agency sign-off lines.
 * NULL in gives "". New string; free with free(). */
char *story_html_to_text(const char *html);

/* A growable list of stories (story_list.c). */
struct story_list {
    struct story *items; /* owned */
    size_t n, cap;
};

void story_list_release(struct story_list *l); /* accepts a zeroed list */
void story_list_push(struct story_list *l, struct story *s); /* takes ownership of *s's contents */
/* Drops every story that story_is_duplicate() finds to repeat an earlier one (the same story
 * in two feeds shows once, from the feed named first). Returns how many were dropped. */
size_t story_list_dedup(struct story_list *l);

#endif
