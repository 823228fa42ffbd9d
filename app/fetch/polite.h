/* polite.h: fetching other people's pages gently: one request at a time per host with a gap
 * between them, robots.txt honoured, and a host that answers 429/503 left alone as long as
 * it asks (Retry-After) or, when it does not say, for a doubling back-off. */
#ifndef NR_POLITE_H
#define NR_POLITE_H

#include "fetch.h"

#include <stdbool.h>

struct polite_options {
    long host_gap_ms; /* least time between two requests to one host */
    bool robots;      /* read and honour each host's /robots.txt */
    long backoff_s;   /* first back-off after a 429/503 without Retry-After (doubles,
                       at most an hour); 0: 60 */
};

struct polite; /* opaque; per-host state; use from one thread only */

struct polite *polite_new(const struct polite_options *o); /* never NULL */
void polite_free(struct polite *p);                        /* accepts NULL */

/* fetcher_get() for a page of another site, politely: http(s) only; robots.txt of the host
 * is fetched once (cached for a day; a missing or failing one allows all) and a disallowed
 * URL gives NR_ERR_UNSUPPORTED "robots.txt"; a host in back-off gives NR_ERR_HTTP without a
 * request; otherwise waits out the host's gap (blocking) and fetches. A 429/503 answer
 * starts the host's back-off. Same ownership rules as fetcher_get(). */
enum nr_result polite_get(struct polite *p, struct fetcher *f, const char *url,
                          const struct fetch_limits *lim, const struct fetch_validators *val,
                          struct fetch_result *out, struct nr_err *err);

/* Seconds until host of url may be asked again (0: now). */
long polite_wait_s(struct polite *p, const char *url);

/* How many requests polite_get has sent (robots.txt included), for tests and status. */
unsigned long polite_requests(const struct polite *p);

#endif
