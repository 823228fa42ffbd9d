/* slides.h: the slide state machine: the slide on screen (cur), the one prepared to follow
 * (next), the transition between them, and the paint jobs that make them (a job waits for
 * its photo, then the loop paints it into its slot). Pure: images and photos are opaque
 * handles that the ops free; no SDL, no clock of its own. Main thread only.
 *
 *   SLIDES_EMPTY --finish--> SLIDES_SHOWING --start_fade--> SLIDES_FADING --finish--> SHOWING
 *
 * A job is aimed at a slot. When a transition ends, the slide the CUR job was repainting is
 * gone: the job is cancelled (its photo request with it), and show_slides_finish says so, so the
 * loop repaints the new current slide instead of putting the old story back on screen. */
#ifndef NR_SLIDES_H
#define NR_SLIDES_H

#include "story.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct display_image; /* display.h */
struct SDL_Surface;   /* a decoded photo */

enum slides_state {
    SLIDES_EMPTY,   /* no slide presented yet */
    SLIDES_SHOWING, /* cur on screen; next being prepared, ready, or not asked for */
    SLIDES_FADING,  /* the transition from cur to next runs */
};

enum slides_target { SLIDES_CUR, SLIDES_NEXT };

struct slide {
    struct display_image *img; /* owned; NULL: none */
    bool idle;                 /* the "waiting for news" slide */
    bool digest;               /* a digest slide: the stories after pos */
    struct story story;        /* deep copy, for painting again after a resize */
    size_t feed, pos;          /* where it came from (pos: index in the rotation) */
    int64_t dwell_ms;
};

/* A slide being prepared: waiting for its photo, then painted. */
struct slide_job {
    bool active;
    bool idle;
    bool digest;        /* a digest slide (show.digest_every) */
    struct story story; /* deep copy: the feed may be replaced meanwhile */
    size_t feed, pos;
    uint64_t photo_id;         /* 0: not waiting for a photo */
    struct SDL_Surface *photo; /* owned once it arrived */
    uint64_t deadline_ms;      /* paint by then, with or without the photo */
};

struct slides_ops {
    void (*free_image)(struct display_image *img); /* accepts NULL */
    void (*free_photo)(struct SDL_Surface *photo); /* accepts NULL */
    void (*cancel_photo)(void *ctx, uint64_t id);  /* a request nobody waits for */
    void *ctx;
};

struct slides {
    enum slides_state state;
    struct slide cur, next;
    struct slide_job jobs[2]; /* [SLIDES_CUR]: paint cur again; [SLIDES_NEXT]: prepare next */
    uint64_t fade_start_ms;
    struct slides_ops ops;
};

void show_slides_init(struct slides *sl, const struct slides_ops *ops);
void show_slides_release(struct slides *sl); /* frees every slot and job; accepts a zeroed one */

/* Cancels the job at t (if any) and starts a fresh one with that deadline; the caller fills
 * its story and photo_id. Returns the job (owned by sl). */
struct slide_job *show_slides_job_begin(struct slides *sl, enum slides_target t,
                                        uint64_t deadline_ms);
/* Drops the job at t, cancelling its photo request. */
void show_slides_job_cancel(struct slides *sl, enum slides_target t);

/* The job at t was painted into img (taken): it replaces the slide in t's slot, which is
 * freed, with the job's story, feed and position; the job ends. */
void show_slides_put(struct slides *sl, enum slides_target t, struct display_image *img,
                     int64_t dwell_ms);

/* Frees the next slide (not its job). */
void show_slides_drop_next(struct slides *sl);

/* The photo with this id arrived (taken; NULL: it failed): the job waiting for it gets it
 * and waits no more. Returns the job's target, or -1 when no job waits for it (photo freed). */
int show_slides_photo(struct slides *sl, uint64_t id, struct SDL_Surface *photo);

/* Starts the transition at now when there is a current and a next slide; false when there is
 * nothing to fade from (then call show_slides_finish at once). */
bool show_slides_start_fade(struct slides *sl, uint64_t now_ms);

/* After a reload changed the feeds: map[i] (i < n_map) is old feed i's new index, or
 * SIZE_MAX when it went. Every slide and job gets its feed's new index (SIZE_MAX when it
 * went, or when its index was outside the map), so that repaints badge and open photos as
 * the right feed. */
void show_slides_remap_feeds(struct slides *sl, const size_t *map, size_t n_map);

/* The transition is over (or there was none): next becomes current. Returns true when a
 * repaint of the old current slide was under way: it is cancelled, and the new current
 * slide needs painting again (the output changed while it faded in). */
bool show_slides_finish(struct slides *sl);

#endif
