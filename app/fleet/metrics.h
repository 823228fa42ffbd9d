/* metrics.h: the running kiosk's state as a Prometheus text file for node_exporter's
 * textfile collector: the text (pure) and its atomic write. */
#ifndef NR_METRICS_H
#define NR_METRICS_H

#include "buf.h"
#include "nr.h"

#include <stdbool.h>
#include <stdint.h>

/* What the screen is doing. */
enum fleet_screen {
    FLEET_SCREEN_ON,           /* a news slide is up */
    FLEET_SCREEN_OFF_SCHEDULE, /* blank outside the on hours, on purpose */
    FLEET_SCREEN_OFF_FAULT,    /* on hours, but no news to show (every feed failed or
                                    none has answered yet: the waiting slide) */
};

struct fleet_feed {
    const char *input;         /* the feed as configured */
    int64_t last_success_unix; /* 0: never */
    int64_t last_error_unix;   /* 0: never (fleet_publish fills it) */
    int64_t next_attempt_unix; /* when the next attempt is due: a new value after a failure
                                    marks a new failed attempt */
    long http_status;          /* of the last attempt; 0: none, a file or a network error */
    bool ok;                   /* the last attempt succeeded (or none yet and no error) */
    size_t stories;            /* stories held */
};

/* One moment of the kiosk, borrowed by the calls below. */
struct fleet_state {
    const struct fleet_feed *feeds;
    size_t n_feeds;
    size_t slides;           /* in the rotation */
    uint64_t slides_shown;   /* slide changes since start */
    uint64_t photo_failures; /* photos that could not be shown, since start */
    uint64_t article_pages;  /* article pages read for a missing photo, since start */
    enum fleet_screen screen;
    const char *slide_id;    /* the story id on screen; NULL: none */
    int64_t start_unix;      /* process start */
    uint64_t resident_bytes; /* 0: unknown (not written) */
};

/* The most fleet_metrics_format writes: 200 feeds with long URLs fit many times over. */
#define METRICS_MAX_BYTES (4u * 1024 * 1024)

/* Appends the text exposition format (version 0.0.4) of st to out: HELP and TYPE lines,
 * names prefixed newsreel_ (process_ for the process), base units, _total counters, label
 * values escaped. NR_OK, or NR_ERR_TOO_BIG when out's cap cut it short: out is then full, and
 * none of it should be written. */
enum nr_result fleet_metrics_format(struct nr_buf *out, const struct fleet_state *st);

/* When this process started (Unix time), from /proc; 0 when unknown. */
int64_t fleet_metrics_process_start_unix(void);

/* Resident memory of this process in bytes, from /proc/self/statm; 0 when unknown. */
uint64_t fleet_metrics_resident_bytes(void);

/* Writes len bytes to path atomically: a temporary file beside it (".NAME.tmp", which the
 * textfile collector ignores), mode 0644, then rename. The folder must exist.
 * NR_ERR_IO naming the path. */
enum nr_result fleet_write_atomic(const char *path, const void *data, size_t len,
                                  struct nr_err *err);

#endif
