/* fetch.h: download a feed or photo with size caps, timeouts and conditional GET;
 * read local files named on the command line. The disk cache of last good bodies is cache.h. */
#ifndef NR_FETCH_H
#define NR_FETCH_H

#include "buf.h"
#include "nr.h"

#include <stdbool.h>
#include <stdint.h>

struct fetch_limits {
    size_t max_bytes;        /* decoded body cap (NR_MAX_FEED_BYTES / NR_MAX_PHOTO_BYTES),
                                  checked on Content-Length and on every decoded byte */
    long connect_timeout_ms; /* default 10000 */
    long total_timeout_ms;   /* default 60000 */
    long low_speed_bytes;    /* abort below this many bytes/s ... (default 100) */
    long low_speed_seconds;  /* ... for this long (default 30) */
    bool allow_files;        /* file:// and plain paths (only for inputs the user named) */
};

/* What the caller knows from a previous fetch, for a conditional GET. */
struct fetch_validators {
    const char *etag;          /* NULL when none */
    const char *last_modified; /* HTTP date string; NULL when none */
};

struct fetch_result {
    struct nr_buf body;  /* owned; empty on 304 */
    long http_status;    /* 0 for files */
    bool not_modified;   /* 304: keep the cached copy */
    char *final_url;     /* after redirects (or file:// URL); owned */
    char *content_type;  /* owned; NULL when none */
    char *etag;          /* owned; NULL when none */
    char *last_modified; /* owned; NULL when none */
    long retry_after_s;  /* from a 429/503 Retry-After (seconds or HTTP date),
                                    clamped to a week; 0 when none */
};

struct fetcher; /* opaque; owns a CURL handle; use from one thread only */

void fetch_limits_default(struct fetch_limits *lim, size_t max_bytes);
struct fetcher *fetcher_new(void);    /* never NULL (aborts on OOM) */
void fetcher_free(struct fetcher *f); /* accepts NULL */

/* Fetches url (http, https; file:// and plain paths only with lim->allow_files).
 * HTTP: redirects (at most NR_MAX_REDIRECTS, http/https only), gzip/deflate, TLS always
 * verified, User-Agent "Newsreel/VERSION"; val (may be NULL) makes the GET conditional.
 * Files: regular files only; final_url is the escaped file:// URL of the absolute path;
 * last_modified is the file's mtime, and val->last_modified not older gives not_modified.
 * NR_OK for 2xx (body "" when empty, never NULL) and 304 (not_modified, no body).
 * Otherwise err names the URL and the cause: NR_ERR_UNSUPPORTED (scheme, or a file without
 * allow_files), NR_ERR_NET (connect, DNS, TLS, timeouts, a transfer cut short), NR_ERR_HTTP
 * (a status not 2xx/304, too many redirects; http_status and retry_after_s are still set),
 * NR_ERR_TOO_BIG (max_bytes), NR_ERR_IO (files). The body is empty on failure.
 * *out is zeroed first (release an earlier result before reusing it) and must be released
 * with fetch_result_release() whatever the result. Blocks up to lim->total_timeout_ms. */
enum nr_result fetcher_get(struct fetcher *f, const char *url, const struct fetch_limits *lim,
                           const struct fetch_validators *val, struct fetch_result *out,
                           struct nr_err *err);
void fetch_result_release(struct fetch_result *r);

/* Extra request settings for one configured feed. They go with every request to the feed's
 * origin (scheme, host and port: its photos and article pages there too), never to another
 * origin: a redirect elsewhere gets no basic auth (libcurl's rule); see the README on
 * headers. When several feeds share an origin, the one whose URL is the longest prefix of
 * the request wins, else the first. */
struct fetch_access {
    const char *url;            /* the feed's http(s) URL as configured */
    const char *const *headers; /* n_headers "Name: value" lines */
    size_t n_headers;
    const char *username; /* HTTP basic auth; NULL: none */
    const char *password; /* NULL: empty */
};

/* Network settings for every HTTP request of the process. */
struct fetch_network {
    const char *proxy;   /* "http://host:port" (or https://, socks5h://); NULL: none, or the
                             environment's http_proxy as libcurl reads it */
    const char *ca_file; /* PEM certificates trusted besides the system's; NULL: none */
    const struct fetch_access *access;
    size_t n_access;
};

/* Sets the network settings later requests use (copied; NULL clears them). Any thread, at
 * any time: a request already running keeps the settings it started with. */
void fetch_set_network(const struct fetch_network *net);

/* Process-wide set-up; call once from main before any thread starts. */
void fetch_global_init(void);
void fetch_global_cleanup(void);

#endif
