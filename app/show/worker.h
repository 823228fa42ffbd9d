/* worker.h: the background threads: one refreshes the feeds (disk cache first, then every
 * refresh interval, backing off with jitter on failure, obeying Retry-After), one downloads
 * and decodes photos. They never touch the screen; results reach the main thread as SDL
 * user events whose data1 the main thread then owns. */
#ifndef NR_WORKER_H
#define NR_WORKER_H

#include "nr.h"
#include "pipeline.h"

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

struct worker_params {
    char **feeds;              /* inputs as configured; copied */
    size_t n_feeds;
    const char *cache_dir;     /* copied; NULL: no disk cache */
    int64_t refresh_ms;        /* between two successful refreshes of a feed */
    int64_t backoff_base_ms;   /* first retry after a failure (doubles each time) */
    int64_t backoff_cap_ms;    /* longest wait between retries */
    int timeout_s;             /* one feed or photo download, whole */
    int article_images;        /* pipeline_options.article_images */
    int screen_w, screen_h;    /* photos are decoded to at most this (cover size) */
    uint32_t generation;       /* stamped on every event: the main thread drops old ones */
    uint32_t feed_event;       /* SDL event types (SDL_RegisterEvents) */
    uint32_t photo_event;
};

/* data1 of a feed_event. feed == WORKER_CACHE_DONE marks the end of the cached stories. */
#define WORKER_CACHE_DONE ((size_t)-1)
struct worker_feed_update {
    uint32_t generation;
    size_t feed;                 /* index into params.feeds */
    bool has_stories;            /* stories replace what the feed held */
    struct story_list stories;   /* owned */
    char *title;                 /* owned; NULL when unknown */
    bool from_cache;             /* stories from the disk cache at start */
    bool ok;                     /* this attempt succeeded (2xx or 304) */
    long http_status;            /* of this attempt; 0 for files and network errors */
    char error[512];             /* of this attempt; "" when ok */
    int64_t success_unix;        /* wall time of the feed's last success; 0: never */
    uint64_t success_ms;         /* the same on SDL_GetTicks64's clock; 0: never */
    uint64_t next_attempt_ms;    /* SDL_GetTicks64 time of the next attempt */
};
void worker_feed_update_free(struct worker_feed_update *u);   /* accepts NULL */

/* data1 of a photo_event. */
struct worker_photo {
    uint32_t generation;
    uint64_t id;                 /* as requested */
    SDL_Surface *photo;          /* owned; NULL when it failed */
    char error[512];
};
void worker_photo_free(struct worker_photo *p);   /* accepts NULL */

struct worker;

/* Starts both threads. Signals must already be blocked (signals_block). Never NULL. */
struct worker *worker_new(const struct worker_params *p);

/* Asks the threads to stop and lets go of w at once: a thread stuck in a download finishes
 * it on its own and then exits; its late events carry w's generation for the main thread
 * to drop. Accepts NULL. */
void worker_free(struct worker *w);

/* Waits up to timeout_ms for every worker thread ever started to have exited; false when
 * some are still in a download. */
bool worker_wait_all(int timeout_ms);

/* Queues a photo download + decode. allow_files: the photo may be a local file (only for
 * feeds the user named as files). A new request beyond the queue's room drops the oldest. */
void worker_request_photo(struct worker *w, uint64_t id, const char *url, bool allow_files);

/* Drops a queued photo request that is no longer wanted (its slide went up without it);
 * one already downloading finishes and its event is ignored by id. */
void worker_cancel_photo(struct worker *w, uint64_t id);

/* Refreshes every feed now (outside its schedule). */
void worker_refresh_now(struct worker *w);

/* The wait before retry number `failures` (1 for the first): base doubled each time, capped,
 * with "equal jitter" (a random point in the upper half) so that many kiosks behind one
 * outage do not retry in step; a Retry-After (seconds) longer than that wins, up to six
 * hours. rnd: any random 32-bit value. */
int64_t worker_backoff_ms(unsigned failures, int64_t base_ms, int64_t cap_ms, long retry_after_s,
                          uint32_t rnd);

/* Counters since the process started (for the soak test and the benchmark). */
uint64_t worker_refresh_count(void);
uint64_t worker_photo_failure_count(void);   /* photos not shown (download or decode) */

#endif
