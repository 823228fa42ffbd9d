/* watch.h: a thread that polls the alert file and the CAP URL at a set interval and reports
 * the alerts they hold whenever what they say changes. The main loop never waits on it. */
#ifndef NR_ALERT_WATCH_H
#define NR_ALERT_WATCH_H

#include "alert.h"

#include <stdint.h>

struct alert_watch; /* opaque; owns its thread, which owns a fetcher */

/* Called on the watch thread with the alerts in force or to come (resolved: Cancels and
 * references applied); takes ownership of list (heap, free with alert_list_release and
 * free). Never called once alert_watch_free has returned. */
typedef void (*alert_report_fn)(void *ctx, struct alert_list *list);

struct alert_watch_params {
    const char *file;     /* plain text or CAP on disk; NULL: none (copied) */
    const char *url;      /* CAP document or feed of alerts, http(s); NULL: none (copied) */
    const char *language; /* info block wanted; NULL or "": the first (copied) */
    int64_t poll_ms;      /* between polls */
    long timeout_ms;      /* one request at most this long */
    alert_report_fn report;
    void *ctx;
};

/* Starts polling at once. NULL when neither file nor url is set, or no thread could start
 * (logged). */
struct alert_watch *alert_watch_new(const struct alert_watch_params *p);
/* Stops reporting at once; a request under way is left to end by itself (the thread frees
 * what it holds then). Accepts NULL. */
void alert_watch_free(struct alert_watch *w);
/* Waits up to timeout_ms for every watch thread freed so far to end (a request under way ends
 * by itself). True when none is left: only then may the caller tear down libcurl. */
bool alert_watch_wait_all(int timeout_ms);

#endif
