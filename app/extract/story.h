/* story.h: what one slide shows, extracted from a raw feed item. Pure: no I/O. */
#ifndef NR_STORY_H
#define NR_STORY_H

#include "feed.h"

#include <stdbool.h>
#include <stdint.h>

/* All strings are UTF-8, owned, NULL when absent. */
struct story {
    /* stable key: the guid when has_guid, else link and headline (a link alone can be
     * shared: a site's home page), else headline */
    char *id;
    char *headline;  /* plain text, never NULL in a story that extract returned NR_OK for */
    char *dek;       /* a sentence or two of summary */
    char *quote;     /* pull quote without its quotation marks */
    char *speaker;   /* who said it; non-NULL whenever quote is */
    char *photo_url; /* absolute */
    /* extraction found no photo_url: the feed's first image it left out as no photo (a
     * tracking pixel, an icon, a share button) and why (a static string), for the log (an
     * article page may still give the story a photo later); else NULL */
    char *photo_left_out;
    const char *photo_left_out_why;
    char *caption;
    char *credit;
    char *source;     /* feed or site name */
    char *link;       /* article URL (for the QR code) */
    char *categories; /* the item's categories, one a line; not shown (feed rules match
                       * them); NULL: none */
    int64_t published_unix;
    bool has_published;
    bool has_guid; /* id is the item's own guid, not one naming a site's home page */
    bool message;  /* the site's own announcement: its dek is the message, given more room */
};

struct extract_options {
    int screen_w, screen_h; /* for picking srcset entries; 0 when unknown */
};

/* Builds *out (zeroed first) from item of feed. NR_OK, or NR_ERR_PARSE when the item has
 * nothing to show (no usable headline). Borrows feed and item. */
enum nr_result story_extract(const struct feed *feed, const struct feed_item *item,
                             const struct extract_options *opt, struct story *out,
                             struct nr_err *err);
void story_release(struct story *s);                         /* accepts NULL / zeroed */
void story_copy(struct story *dst, const struct story *src); /* deep copy */

/* True when a and b are the same story, in one feed or two: the same guid (a guid that is
 * not a URL or URN, such as "1234", only within one source), or the same link (scheme,
 * "www.", fragment and trailing slash aside) *and* a near-identical headline. Items that
 * share a link but not a headline (a site's home page, "/news#item-3") are different
 * stories. Borrows both. */
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

void story_list_release(struct story_list *l);               /* accepts a zeroed list */
void story_list_push(struct story_list *l, struct story *s); /* takes ownership of *s's contents */
/* Where story_list_dedup() found repeats: `count` stories of feed `dropped` left out as
 * the same as stories of feed `kept` (equal when a feed repeats itself). Feeds are the
 * indexes the caller gave in origin. */
struct dedup_note {
    size_t kept, dropped, count;
};
#define DEDUP_MAX_NOTES 8
struct dedup_report {
    struct dedup_note notes[DEDUP_MAX_NOTES]; /* in the order first met */
    size_t n_notes;
    size_t unnoted; /* stories dropped for feed pairs beyond the notes */
};

/* Drops every story that story_is_duplicate() finds to repeat an earlier one (the same story
 * shows once, from the feed named first). origin: NULL, or the feed index of each story,
 * kept in step with l. report: NULL, or filled (zeroed first). Returns how many were
 * dropped. */
size_t story_list_dedup(struct story_list *l, size_t *origin, struct dedup_report *report);

#endif
