/* worker.h: the background threads: one refreshes the feeds (disk cache first, then every
 * refresh interval, backing off with jitter on failure, obeying Retry-After), one runs the
 * queued jobs (today: download and decode a photo). They never touch the screen; results
 * reach the caller through the report callback, which the slideshow turns into SDL events.
 *
 * The feed thread also reads the stories' articles (params.read_articles): the feed's own
 * stories are posted first, so no slide waits for a page, then the same list upgraded.
 * A photo the decoder refuses (too small, a tracker, cut short) is remembered by URL
 * (bounded): logged once, and not fetched again. */
#ifndef NR_WORKER_H
#define NR_WORKER_H

#include "nr.h"
#include "pipeline.h"
#include "reader.h"

#include <stdbool.h>
#include <stdint.h>

struct SDL_Surface; /* a decoded photo; the worker only passes it on */

enum worker_report_kind {
    WORKER_REPORT_FEED,  /* payload: struct worker_feed_update * */
    WORKER_REPORT_PHOTO, /* payload: struct worker_photo * */
};

/* Called from a worker thread with a result; the callee owns payload from then on (and frees
 * it with pipeline_worker_feed_update_free / pipeline_worker_photo_free when it cannot keep
 * it). May be called after pipeline_worker_free, until pipeline_worker_wait_all says every
 * thread has exited: ctx must outlive that. */
typedef void (*worker_report_fn)(void *ctx, enum worker_report_kind kind, void *payload);

/* Decodes photo bytes to at most max_w x max_h (cover size); NULL with err on failure.
 * Called from the job thread. */
/* The order in which the rotation will show a feed's stories: writes indices into l to
 * out (room for cap), first shown first; returns how many (stories left out of the
 * rotation are left out here too). Called from the feed thread: must be pure. */
typedef size_t (*worker_order_fn)(const struct story_list *l, size_t max_stories, int64_t max_age_s,
                                  int64_t now_unix, size_t *out, size_t cap);

typedef struct SDL_Surface *(*worker_decode_fn)(const void *data, size_t len, int max_w, int max_h,
                                                struct nr_err *err);

struct worker_params {
    char **feeds; /* inputs as configured; copied */
    size_t n_feeds;
    const char *cache_dir;   /* copied; NULL: no disk cache */
    int64_t refresh_ms;      /* between two successful refreshes of a feed */
    int64_t backoff_base_ms; /* first retry after a failure (doubles each time) */
    int64_t backoff_cap_ms;  /* longest wait between retries */
    int timeout_s;           /* one feed or photo download, whole */
    int article_images;      /* pipeline_options.article_images */
    int screen_w, screen_h;  /* photos are decoded to at most this (cover size) */
    uint32_t generation;     /* stamped on every report: the caller drops old ones */
    worker_report_fn report; /* required */
    void *report_ctx;
    worker_decode_fn decode; /* required for photo jobs */
    /* Decodes a feed's logo (any size it accepts); NULL: logo jobs report no photo. */
    struct SDL_Surface *(*decode_logo)(const void *data, size_t len, struct nr_err *err);
    void (*free_photo)(struct SDL_Surface *photo); /* accepts NULL */
    uint64_t (*now_ms)(void); /* the caller's monotonic clock; NULL: CLOCK_MONOTONIC */
    int64_t prune_every_ms;   /* photo-cache prune period; 0: CACHE_PRUNE_EVERY_MS (a day) */
    /* Article reading: after each refresh the feed's stories are read in the order `order`
     * gives (feed order when NULL), cached results first, then the network within the
     * reader's budget; the upgraded stories follow as a second update of the same feed.
     * Reading gives way to a refresh that falls due. */
    bool read_articles;
    struct article_reader_options articles; /* cache_dir copied */
    worker_order_fn order;
    size_t order_max_stories;
    int64_t order_max_age_s;
};

/* Payload of WORKER_REPORT_FEED. feed == WORKER_CACHE_DONE marks the end of the cached
 * stories. */
#define WORKER_CACHE_DONE ((size_t)-1)
struct worker_feed_update {
    uint32_t generation;
    size_t feed;               /* index into params.feeds */
    bool has_stories;          /* stories replace what the feed held */
    struct story_list stories; /* owned */
    char *title;               /* owned; NULL when unknown */
    char *logo_url;            /* the feed's own logo or icon; owned; NULL: none */
    bool from_cache;           /* stories from the disk cache at start */
    bool articles;        /* the same stories as the feed's last update, upgraded from articles */
    size_t upgraded;      /* with articles: how many stories the articles changed */
    bool ok;              /* this attempt succeeded (2xx or 304) */
    long http_status;     /* of this attempt; 0 for files and network errors */
    char error[512];      /* of this attempt; "" when ok */
    int64_t success_unix; /* wall time of the feed's last success; 0: never */
    uint64_t success_ms;  /* the same on the now_ms clock; 0: never */
    uint64_t next_attempt_ms; /* now_ms time of the next attempt */
};
void pipeline_worker_feed_update_free(struct worker_feed_update *u); /* accepts NULL */

/* Payload of WORKER_REPORT_PHOTO. */
struct worker_photo {
    uint32_t generation;
    uint64_t id;               /* as requested */
    struct SDL_Surface *photo; /* owned; NULL when it failed */
    char error[512];
    void (*free_photo)(struct SDL_Surface *photo); /* params.free_photo */
};
void pipeline_worker_photo_free(struct worker_photo *p); /* accepts NULL */

struct worker;

/* Starts both threads. Signals must already be blocked (show_signals_block). Never NULL. */
struct worker *pipeline_worker_new(const struct worker_params *p);

/* Asks the threads to stop and lets go of w at once: a thread stuck in a download finishes
 * it on its own and then exits; its late reports carry w's generation for the caller to
 * drop. Accepts NULL. */
void pipeline_worker_free(struct worker *w);

/* Waits up to timeout_ms for every worker thread ever started to have exited; false when
 * some are still in a download. */
bool pipeline_worker_wait_all(int timeout_ms);

/* Queues a photo download + decode. allow_files: the photo may be a local file (only for
 * feeds the user named as files). A new request beyond the queue's room drops the oldest. */
void pipeline_worker_request_photo(struct worker *w, uint64_t id, const char *url,
                                   bool allow_files);

/* Queues a feed logo's download + decode (params.decode_logo); reported as a photo with
 * this id. Cached on disk, refused and dropped as photos are. */
void pipeline_worker_request_logo(struct worker *w, uint64_t id, const char *url, bool allow_files);

/* Queues a download of a photo into the disk cache, without decoding it, so that a later
 * pipeline_worker_request_photo finds it there: the slideshow asks for the next slide's photo
 * as the current one goes up, and decodes it only shortly before it is shown. Nothing is
 * reported.
 * A no-op without a disk cache, for files, or when the photo is cached already. Gives way to
 * photo requests when the queue is full. */
void pipeline_worker_prefetch_photo(struct worker *w, const char *url, bool allow_files);

/* Drops a queued job that is no longer wanted (its slide went up without it); one already
 * running finishes and its report is ignored by id. */
void pipeline_worker_cancel(struct worker *w, uint64_t id);

/* Refreshes every feed now (outside its schedule). */
void pipeline_worker_refresh_now(struct worker *w);

/* The wait before retry number `failures` (1 for the first): base doubled each time, capped,
 * with "equal jitter" (a random point in the upper half) so that many kiosks behind one
 * outage do not retry in step; a Retry-After (seconds) longer than that wins, up to six
 * hours. rnd: any random 32-bit value. */
int64_t pipeline_worker_backoff_ms(unsigned failures, int64_t base_ms, int64_t cap_ms,
                                   long retry_after_s, uint32_t rnd);

/* Counters since the process started (for the soak test and the benchmark). */
uint64_t pipeline_worker_refresh_count(void);
uint64_t pipeline_worker_prune_count(void);         /* photo-cache prunes run */
uint64_t pipeline_worker_photo_failure_count(void); /* photos not shown (download or decode) */
uint64_t
pipeline_worker_article_upgrades(void); /* stories changed by their article (cache or page) */
uint64_t pipeline_worker_photo_refusals(void); /* photo URLs refused (each counted once) */

#endif
