/* pipeline.h: one feed input (URL or path) becomes stories: fetch (following an HTML page's
 * feed link), parse, extract. Blocking; used by --render/--dump and by the refresh worker. */
#ifndef NR_PIPELINE_H
#define NR_PIPELINE_H

#include "fetch.h"
#include "story.h"

#include <stdbool.h>

struct pipeline_options {
    bool allow_files;       /* the input was named by the user: file:// and paths allowed */
    int screen_w, screen_h; /* for photo choice */
    size_t max_items;       /* 0: NR_MAX_ITEMS */
    const struct fetch_validators *validators; /* conditional GET; NULL for none */
    long timeout_ms;    /* whole download of one feed or page; 0: the fetch default */
    int article_images; /* stories without a photo: fetch at most this many article
                               pages (http/https only) for their og:image; 0: never */
};

/* What one load learned besides the stories. Owned strings; release with
 * pipeline_meta_release(). */
struct pipeline_meta {
    /* what was fetched, body included (for the disk cache); its etag and last_modified are
     * validators for the input's URL: none when a page's feed link was followed */
    struct fetch_result fetched;
    char *feed_title;
    char *logo_url; /* the feed's own logo or icon (feed.logo_url); NULL: none */
    int ttl_minutes;
    size_t n_items, n_skipped; /* items parsed, items without a usable story */
    size_t n_parses;           /* bodies parsed: 1, or 2 for a page and the feed it names */
};
void pipeline_meta_release(struct pipeline_meta *m);

/* Turns a command-line input into a URL: http(s)/file URLs as they are, a path into an
 * absolute file:// URL. New string. */
char *pipeline_input_url(const char *input);

/* Loads input and appends its stories to out (in feed order). When the fetch answers 304,
 * returns NR_OK with meta->fetched.not_modified set and no stories appended.
 * Errors name the input; out keeps what it held. meta may be NULL. */
enum nr_result pipeline_load(struct fetcher *f, const char *input,
                             const struct pipeline_options *opt, struct story_list *out,
                             struct pipeline_meta *meta, struct nr_err *err);

/* Parses and extracts an already-fetched body (also used with a cached body).
 * base_url: the body's final URL. */
enum nr_result pipeline_stories_from_body(const char *body, size_t len, const char *base_url,
                                          const char *content_type,
                                          const struct pipeline_options *opt,
                                          struct story_list *out, struct pipeline_meta *meta,
                                          struct nr_err *err);

/* For each story of l from index `from` that has no photo and an http(s) link, fetches the
 * article page (with lim; files never) and takes its og:image, at most `max_pages` pages. Returns how many
 * photos were found. Failures are logged at debug level: the slide then has no photo. */
size_t pipeline_article_images(struct fetcher *f, struct story_list *l, size_t from, int max_pages,
                               const struct fetch_limits *lim);

/* Article pages read by pipeline_article_images since the process started (any thread). */
uint64_t pipeline_article_pages_read(void);

/* Fetches a photo's bytes with the photo cap; body in *out (release with
 * fetch_result_release). allow_files only for the photos of a feed the user named as a
 * file: a remote feed never gets to read local files. */
enum nr_result pipeline_fetch_photo(struct fetcher *f, const char *url, bool allow_files,
                                    struct fetch_result *out, struct nr_err *err);

#endif
