/* show.h: the slideshow: window or full screen, timer, transitions, input, background refresh. */
#ifndef NR_SHOW_H
#define NR_SHOW_H

#include "config.h"

#include <stdio.h>

/* The exit status when the console's screens changed (one plugged in, unplugged, another
 * preferred mode): SDL takes up a screen only as it starts, so the service starts us again. */
#define SHOW_EXIT_SCREENS_CHANGED 3

/* Runs the slideshow until the user quits or a signal ends it. data_dir holds fonts/ and
 * assets/. Returns the process exit status. Call from the main thread. */
int show_run(struct config *cfg, const char *data_dir);

/* What one run did, for the soak test and the benchmark. */
struct show_stats {
    uint64_t slides;          /* slide changes (transitions completed), the first included */
    uint64_t feed_updates;    /* refresh results received from the worker */
    uint64_t rotation_builds; /* rotations built from new stories (one per tick at most) */
    uint64_t article_updates; /* feed updates that upgraded stories from their articles */
    uint64_t next_upgraded;   /* prepared next slides made again because their story was */
    uint64_t first_slide_ms;  /* from show_run's start to the first slide presented */
    uint64_t fade_frames;     /* frames drawn during transitions */
    double fade_frame_ms_sum; /* time spent composing and presenting them */
    double fade_frame_ms_max;
    uint64_t renders; /* slides painted */
    double render_ms_sum;
    uint64_t output_changes; /* resizes, mode changes, renderer resets, new rotations */
    int slide_w, slide_h;    /* the slide size at the end */
    uint64_t taps;           /* taps and clicks that asked for the next slide */
    uint64_t long_presses;   /* long presses that paused or resumed */
    bool paused;             /* paused at the end */
    uint64_t ticker_frames;  /* frames the moving ticker drew */
    uint64_t digest_slides;  /* digest slides that went up */
};

/* show_run that also stops by itself after max_slides slide changes (0: never) and fills
 * stats (may be NULL). */
int show_run_stats(struct config *cfg, const char *data_dir, uint64_t max_slides,
                   struct show_stats *stats);

/* `newsreel --status`: prints the status file the running slideshow keeps (per feed: last
 * success, last HTTP status or error, stories held, next attempt). Returns 0, or 1 when
 * there is no status file. */
int show_print_status(const struct config *cfg, FILE *out);

#endif
