/* show_int.h: what the slideshow's own files (loop.c, flow.c, chores.c) share: the show's
 * state and the steps one file asks of another. Internal to app/show: nothing outside
 * includes it. Main thread only. */
#ifndef NR_SHOW_INT_H
#define NR_SHOW_INT_H

#include "config.h"
#include "draw.h"
#include "playlist.h"
#include "show.h"
#include "slides.h"
#include "timers.h"

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

struct announce_set;
struct announce_watch;
struct badge;
struct display;
struct drawer;
struct notifier;
struct show_alerts;
struct show_ticker;
struct worker;

#define NEVER UINT64_MAX
#define FRAME_MS                                                                                   \
    33 /* transition frames: 30 a second, half the CPU of 60 on                                    \
        * the software renderer, and smooth enough for a fade */
#define FIRST_PHOTO_WAIT_MS 250  /* the first slide waits this long for its photo */
#define MANUAL_PHOTO_WAIT_MS 300 /* ... a slide asked for with a key, this long */
#define START_WAIT_MS 1000       /* for the disk cache before the idle slide shows */
/* No slide by then: the theme's ground shows meanwhile (a frame costs tens of ms, not spent
 * when the cached first slide is nearly ready). */
#define GROUND_WAIT_MS 200
/* The next slide paints in tens of ms: it is prepared this long before its transition, not
 * as the current one goes up, so its pixels are not held for a whole dwell. Its photo is
 * fetched into the disk cache at once, so the network still has the whole dwell. */
#define PREPARE_LEAD_MS 1500
#define IDLE_DWELL_MS 30000  /* the idle slide is painted again (its clock) */
#define DRAIN_MS 20          /* events handled in a row at most this long before the next tick */
#define CLOCK_CHECK_MS 30000 /* on/off hours are looked at this often */

/* How a slide was painted, for `newsreel --snapshot` (snapshot.h). */
struct show_snap {
    struct slide_info info;
    int w, h;
    bool had_photo;
    char badge[64]; /* "" when none */
};

struct show {
    struct config *cfg;        /* the settings now; after a reload, one of ours */
    struct config *caller_cfg; /* show_run's: never freed here */
    struct config *drawer_cfg; /* the one whose theme the drawer borrows */
    const char *data_dir;
    char font_dir[4096];
    struct display *disp;
    struct drawer *drawer;
    struct badge *badge;
    struct notifier *notify;
    struct show_ticker *ticker; /* ticker.h; NULL until the show starts */
    struct worker *worker;
    uint32_t generation;
    uint32_t ev_feed, ev_photo, ev_signal;

    /* announcements (announce.c): the folder's thread, and what it last found (owned) */
    struct announce_watch *announce;
    char *announce_dir; /* the folder watched; NULL: none */
    struct announce_set *announce_set;
    uint32_t ev_announce;
    uint32_t announce_tag;   /* of the folder's thread now: sets of a stopped one are dropped */
    int64_t announce_minute; /* wall-clock minute they were last looked at; -1: look again */

    struct playlist pl;
    /* per feed, the newest stories a refresh brought and the playlist has not taken yet
     * (owned): taken together, with one rotation build, at the next tick, so that a burst
     * of refreshes (a start with many cached feeds) costs one build, not one each */
    struct worker_feed_update **stories_in;
    struct show_logo *logos; /* one per feed of pl (logos.c); owned */
    size_t n_logos;

    struct slides sl;         /* cur, next and their paint jobs */
    struct show_snap snap[2]; /* [SLIDES_CUR], [SLIDES_NEXT]: how each slot was painted */
    uint64_t photo_seq;

    bool started;         /* a first slide was presented */
    bool ground_shown;    /* the theme's ground (or a slide) was presented */
    bool first_wait_over; /* START_WAIT_MS passed: the first slide waits no more */
    bool cache_done;
    uint64_t start_ms;
    uint64_t last_frame_ms;
    uint64_t hold_until_ms; /* when the transition to next starts */
    bool pending;           /* the next slide is chosen, and prepared at prepare_at_ms */
    char *pending_id;       /* its story's id; NULL: the idle slide */
    uint64_t prepare_at_ms;
    bool paused;
    unsigned since_digest; /* story slides shown since the last digest slide */
    bool quit;
    int exit_status;

    int64_t watchdog_ms;
    struct timers timers;
    size_t t_clock, t_status, t_ground; /* the chores others re-arm */
    uint64_t status_written_ms;
    int drift_x, drift_y;
    bool ready_sent;
    bool status_dirty;

    uint64_t max_slides;
    struct show_stats stats;

    struct show_alerts *alerts; /* alert_show.c */
    bool press_down;            /* touch.c: a finger or the mouse button is down */
    int64_t press_id;           /* ... which finger (-1: the mouse) */
    uint64_t press_ms;          /* ... since when */
    bool press_long_done;       /* ... and it has paused or resumed already */
};

static inline uint64_t show_now_ms(void)
{
    return SDL_GetTicks64();
}

static inline uint64_t show_min_u64(uint64_t a, uint64_t b)
{
    return a < b ? a : b;
}

/* ---- flow.c: choosing, preparing, painting and presenting slides ---- */

/* For the slide state machine's ops (slides.h). */
void show_free_photo(struct SDL_Surface *photo);
void show_cancel_photo(void *ctx, uint64_t id); /* ctx: the show */

/* Starts preparing a slide at target: the story at rotation position pos (its photo asked
 * for), or the idle slide when pos is SIZE_MAX or out of range. Paint by deadline_ms. */
void show_start_job(struct show *s, enum slides_target target, size_t pos, uint64_t deadline_ms);
/* Paints the job at target (with its photo, if it came) into its slot; the job ends. */
void show_paint_job(struct show *s, enum slides_target target);
/* The rotation position after the slide on screen: breaking news first. */
size_t show_pick_next_pos(struct show *s);
/* The rotation built again from the playlist (the feeds' stories and rules, now); the
 * slides on screen keep their place in it. */
void show_rebuild_rotation(struct show *s);
/* The next slide chosen when the current went up (schedule_next), or a fresh choice. */
size_t show_take_pending_pos(struct show *s);
void show_clear_pending(struct show *s);
/* Puts the current slide (and the next, during a fade) on the output. */
void show_present(struct show *s, uint64_t now);
void show_start_transition(struct show *s, uint64_t now);
/* The transition ended (or there was none): next becomes current, the next one is chosen. */
void show_finish_transition(struct show *s, uint64_t now);
/* Shows the slide at pos now (keys). */
void show_go_to(struct show *s, size_t pos, uint64_t now);
/* Paints the slide on screen again, at the output's size now. */
void show_repaint_cur(struct show *s, uint64_t now);
/* After a new rotation: a prepared next slide whose story changed is made again. */
void show_renew_next(struct show *s, uint64_t now);
/* The output changed size, rotation or lost its textures. */
void show_on_resize(struct show *s, uint64_t now);
/* Opens the fonts' caches on a small slide, off the first slide's time. */
void show_warm_up(struct show *s);
/* The slides' step of the loop: the first slide, jobs due, the fade, the next slide's
 * preparation. Returns the time the slides next need a look (at most next). */
uint64_t show_slides_step(struct show *s, uint64_t now, uint64_t next);

/* ---- announce.c: the slides of the announcements folder ---- */

/* Starts (or, after a reload that names another folder, restarts or stops) the folder's
 * thread for s->cfg, and sets the playlist's share. ev: the SDL event type for its sets. */
void show_announce_configure(struct show *s);
void show_announce_stop(struct show *s); /* the thread stopped, the set freed */
/* An event of the folder's thread: true when ev was one (then it is handled). */
bool show_announce_event(struct show *s, const SDL_Event *ev);
/* Frees an event of the folder's thread left in the queue at the end. */
bool show_announce_drop_event(const struct show *s, const SDL_Event *ev);
/* The announcements that show now (their dates, days and hours at the wall clock) put in
 * the playlist when they differ from what it holds; true when they did (the caller
 * rebuilds the rotation and calls show_announce_follow). */
bool show_announce_refresh(struct show *s);
/* After a rotation build that changed the announcements: a slide on screen or prepared
 * from one that went or changed is made again, or left at once. */
void show_announce_follow(struct show *s, uint64_t now);
/* For a job whose story is an announcement: its picture asked of the folder's thread.
 * false when the story is not an announcement (the worker fetches its photo). */
bool show_announce_request_photo(struct show *s, struct slide_job *j);
/* The picture slide of a job, or NULL when its story is no picture slide or its picture
 * did not come (then it is painted as a slide with its name). */
SDL_Surface *show_announce_paint(struct show *s, const struct slide_job *j, int w, int h,
                                 struct nr_err *err);

/* ---- digest.c: the digest slide ---- */

/* A slide went up: one more story slide towards the next digest. */
void show_digest_count(struct show *s);
/* Whether the slide prepared for rotation position pos is a digest slide instead (then the
 * count starts again). */
bool show_digest_take(struct show *s, size_t pos);
/* Fills job j as the digest slide listing the stories from pos on. */
void show_digest_job(struct show *s, struct slide_job *j, size_t pos);
/* Paints the digest job j at w x h (a new surface, or NULL with err); *last_pos gets the
 * last story it lists (the ticker goes on after it). */
SDL_Surface *show_digest_paint(struct show *s, const struct slide_job *j, size_t *last_pos,
                               const struct slide_info *info, int w, int h, struct nr_err *err);

/* ---- chores.c: timed chores, the status file, systemd's status line ---- */

/* Adds the watchdog, on/off hours, drift, status file, ground and first-slide chores. */
void show_timers_start(struct show *s);
/* The feeds changed: the status file is written again (at most once a second). */
void show_mark_status_dirty(struct show *s);
void show_write_status(struct show *s);
void show_send_status_line(struct show *s);

/* ---- loop.c: what a key, a tap or a press asks for ---- */

/* The next slide now (the right arrow, a tap). */
void show_advance(struct show *s, uint64_t now);
/* Pauses or resumes the rotation (p, a long press); a paused slide shows a pause mark. */
void show_toggle_pause(struct show *s, uint64_t now);

/* ---- alert_show.c: urgent alerts (app/alert) on screen ---- */

/* Starts the alert watch when the config names a file or URL (after the fonts' folder is
 * known); show_alert_stop frees it all. */
void show_alert_start(struct show *s);
void show_alert_stop(struct show *s);
/* Stops the watch only: no report is posted after it returns. */
void show_alert_stop_watch(struct show *s);
/* The settings were reloaded: the watch starts again with the new sources. */
void show_alert_reload(struct show *s);
/* A report of the watch thread (takes it); false when ev is not one. */
bool show_alert_on_event(struct show *s, const SDL_Event *ev);
/* The clock chore's look at the wall clock: when it jumped (NTP on a Pi with no real-time
 * clock), the alert deadlines taken from it are taken again. */
void show_alert_clock_check(struct show *s);
/* Chooses the alert in force at now when a report came or a deadline passed; returns the
 * time it next needs a look (at most next). */
uint64_t show_alert_step(struct show *s, uint64_t now, uint64_t next);
/* Whether a full-screen alert is up: the slides stand still under it. */
bool show_alert_holds_screen(const struct show *s);
/* Presents the full-screen alert; false when none is up (present the slides). */
bool show_alert_present(struct show *s);
/* The output changed size: the full-screen alert is painted again. */
void show_alert_on_resize(struct show *s);
/* The height in px a Moderate or Minor alert's band takes from a w x h slide (0: none, or
 * drawn over the slide): lay the slide out that much shorter. */
int show_alert_band_px(const struct show *s, int w, int h);
/* The slide (w x h less the band, or w x h) with the band added: a w x h surface (slide is
 * taken). Without a band, slide itself. */
SDL_Surface *show_alert_add_band(struct show *s, SDL_Surface *slide, int w, int h);
/* Paints the slide on screen and the prepared next one again (a band or a pause mark came or
 * went). */
void show_repaint_overlays(struct show *s, uint64_t now);

/* ---- touch.c: taps and long presses ---- */

/* Handles finger and mouse button events; false when ev is neither. */
bool show_touch_on_event(struct show *s, const SDL_Event *ev, uint64_t now);
/* A press held PRESS_LONG_MS pauses or resumes then; returns when it next needs a look. */
uint64_t show_touch_step(struct show *s, uint64_t now, uint64_t next);
/* Paints the pause mark onto a slide being painted, while paused. */
void show_touch_paint_mark(struct show *s, SDL_Surface *slide);

#endif
