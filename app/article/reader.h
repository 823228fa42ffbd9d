/* reader.h: article reading for the slideshow: each story's linked page read (from the disk
 * cache, else politely from the network, within a budget of pages per refresh) and the story
 * upgraded in place with the quote, photo, caption and credit the page gives.
 *
 * Hooking it into a refresh loop: article_reader_new() once; article_reader_begin_refresh()
 * at the start of each refresh; then article_read() for each story in the order the rotation
 * will show them, publishing each story it returns true for. Blocking; one thread. */
#ifndef NR_READER_H
#define NR_READER_H

#include "article.h"
#include "fetch.h"
#include "story.h"

#include <stdbool.h>
#include <stddef.h>

struct article_reader_options {
    int pages_per_refresh;    /* network reads per refresh (cache hits are free); 0: none */
    long host_gap_ms;         /* least time between two requests to one site */
    bool robots;              /* honour robots.txt */
    const char *cache_dir;    /* folder of the article cache (borrowed); NULL: none */
    size_t cache_max_entries; /* 0: no limit */
    size_t cache_max_bytes;   /* 0: no limit */
    int screen_w, screen_h;   /* for choosing among a photo's sizes */
    long timeout_ms;          /* one page, whole; 0: 20 s */
};

/* Where a story's field came from, for --dump. Static strings: "feed", "article (json-ld)",
 * "article (meta)", "article (page)", or NULL when the field is empty. */
enum article_field {
    ARTICLE_F_HEADLINE,
    ARTICLE_F_DEK,
    ARTICLE_F_QUOTE,
    ARTICLE_F_PHOTO,
    ARTICLE_F_CAPTION,
    ARTICLE_F_CREDIT,
    ARTICLE_F_COUNT,
};
struct article_origin {
    const char *field[ARTICLE_F_COUNT];
    const char *article; /* "read", "cache", "nothing: <why>"-style static text, or NULL */
};
const char *article_field_name(enum article_field f); /* "headline", "dek", ... */

struct article_reader; /* opaque; owns a polite fetcher state */

struct article_reader *article_reader_new(const struct article_reader_options *o); /* never NULL */
void article_reader_free(struct article_reader *r); /* accepts NULL */

/* Starts a new budget of pages_per_refresh network reads. */
void article_reader_begin_refresh(struct article_reader *r);

/* Starts a budget of no network reads: article_read() then only applies what the article
 * cache holds (a disk read, no waiting on a site), until the next begin_refresh. */
void article_reader_begin_cache_only(struct article_reader *r);

/* Reads the article of s (its http(s) link) and upgrades s in place (see
 * article_upgrade_story). origin (may be NULL) receives where each field came from. A page
 * that fails or gives nothing leaves s as the feed gave it and is logged once with the
 * reason; it is not asked for again in this process (and not for a day when the cache
 * remembers it). Returns true when s changed. f is borrowed. */
bool article_read(struct article_reader *r, struct fetcher *f, struct story *s,
                  struct article_origin *origin);

/* How many requests the reader has sent (robots.txt included), for tests and status. */
unsigned long article_reader_requests(const struct article_reader *r);

/* Pure: upgrades s from a, the editor's way: the page's quote when the feed had none; its
 * photo when the feed had none or the page's is the same picture larger, and then its
 * caption and credit (a caption belongs to its picture); its description as the dek when
 * the feed had none. origin (may be NULL) is updated for the fields taken. Returns true
 * when s changed. */
bool article_upgrade_story(struct story *s, const struct article *a, struct article_origin *origin);

/* The feed's own fields as origins: "feed" for each non-empty field. */
void article_origin_from_feed(const struct story *s, struct article_origin *origin);

#endif
