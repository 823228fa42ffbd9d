/* status.h: the status file the running slideshow keeps (per feed: last success, last
 * HTTP status or error, stories held, next attempt) and `newsreel --status`, which reads it. */
#ifndef NR_STATUS_H
#define NR_STATUS_H

#include "buf.h"
#include "config.h"
#include "metrics.h"
#include "nr.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct status_feed {
    const char *input;         /* the feed as configured */
    const char *title;         /* NULL when not known yet */
    int64_t last_success_unix; /* 0: never */
    long http_status;          /* of the last attempt; 0: none or a file */
    const char *error;         /* of the last attempt; NULL or "" when it succeeded */
    size_t stories;            /* stories held */
    int64_t next_attempt_unix;
    bool stale; /* two refresh intervals without success */
};

/* The file's text: "key=value" lines, one block per feed starting at "feed=". */
void show_status_format(struct nr_buf *out, const struct status_feed *feeds, size_t n,
                        size_t slides, long pid, int64_t now_unix);

/* Writes the status atomically (temporary file, then rename), creating the folder. */
enum nr_result show_status_write(const char *path, const struct status_feed *feeds, size_t n,
                                 size_t slides, int64_t now_unix, struct nr_err *err);

/* What the status file says, added to the rest of the kiosk's state in st (its feeds are
 * filled here from feeds), handed to the fleet module (the metrics file and the heartbeat;
 * fleet.h) at the same moment. Main thread; borrows everything for the call. */
void show_status_publish(const struct config *c, const struct status_feed *feeds, size_t n,
                         const struct fleet_state *st);

/* Prints the status file at path for a person, with times relative to now_unix. Returns 0
 * when the writer is running, 1 when it is not (or there is no file: err says why). */
int show_status_print(const char *path, FILE *out, int64_t now_unix, struct nr_err *err);

#endif
