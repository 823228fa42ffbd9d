/* fetch.h: download a feed or photo with size caps, timeouts and conditional GET;
 * read local files named on the command line; keep the last good body on disk. */
#ifndef NR_FETCH_H
#define NR_FETCH_H

#include "buf.h"
#include "nr.h"

#include <stdbool.h>
#include <stdint.h>

struct fetch_limits {
    size_t max_bytes;          /* decoded body cap (NR_MAX_FEED_BYTES / NR_MAX_PHOTO_BYTES) */
    long connect_timeout_ms;   /* default 10000 */
    long total_timeout_ms;     /* default 60000 */
    long low_speed_bytes;      /* abort below this many bytes/s ... */
    long low_speed_seconds;    /* ... for this long */
    bool allow_files;          /* file:// and plain paths (only for inputs the user named) */
};

/* What the caller knows from a previous fetch, for a conditional GET. */
struct fetch_validators {
    const char *etag;            /* NULL when none */
    const char *last_modified;   /* HTTP date string; NULL when none */
};

struct fetch_result {
    struct nr_buf body;          /* owned; empty on 304 */
    long http_status;            /* 0 for files */
    bool not_modified;           /* 304: keep the cached copy */
    char *final_url;             /* after redirects (or file:// URL); owned */
    char *content_type;          /* owned; NULL when none */
    char *etag;                  /* owned; NULL when none */
    char *last_modified;         /* owned; NULL when none */
    long retry_after_s;          /* from a 429/503 Retry-After; 0 when none */
};

struct fetcher;   /* opaque; owns a CURL handle; use from one thread only */

void fetch_limits_default(struct fetch_limits *lim, size_t max_bytes);
struct fetcher *fetcher_new(void);    /* never NULL (aborts on OOM) */
void fetcher_free(struct fetcher *f); /* accepts NULL */

/* Fetches url (http, https; file:// and plain paths only with lim->allow_files).
 * NR_OK for 2xx and 304; otherwise a code and err names the URL and the cause.
 * *out must be released with fetch_result_release() whatever the result. */
enum nr_result fetcher_get(struct fetcher *f, const char *url, const struct fetch_limits *lim,
                           const struct fetch_validators *val, struct fetch_result *out,
                           struct nr_err *err);
void fetch_result_release(struct fetch_result *r);

/* Process-wide set-up; call once from main before any thread starts. */
void fetch_global_init(void);
void fetch_global_cleanup(void);

#endif
