/* chores.c: the loop's timed chores (systemd watchdog, on and off hours, drift, the status
 * file, the ground before the first slide, the first slide's wait) as timers.h callbacks,
 * and the status the show reports. */
#include "show_int.h"

#include "alloc.h"
#include "display.h"
#include "fleet.h"
#include "log.h"
#include "notify.h"
#include "pipeline.h"
#include "status.h"
#include "worker.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

void show_send_status_line(struct show *s)
{
    char msg[256];
    size_t failing = 0;
    for (size_t i = 0; i < s->pl.n_feeds; i++)
        failing += s->pl.feeds[i].error[0] != '\0';
    if (failing)
        snprintf(msg, sizeof msg, "STATUS=showing %zu stories from %zu feeds; %zu failing",
                 s->pl.n_order, s->pl.n_feeds, failing);
    else
        snprintf(msg, sizeof msg, "STATUS=showing %zu stories from %zu feeds", s->pl.n_order,
                 s->pl.n_feeds);
    show_notify_send(s->notify, msg);
}

void show_write_status(struct show *s)
{
    struct status_feed *sf = xcalloc(s->pl.n_feeds ? s->pl.n_feeds : 1, sizeof *sf);
    uint64_t now = show_now_ms();
    int64_t now_unix = (int64_t)time(NULL);
    for (size_t i = 0; i < s->pl.n_feeds; i++) {
        const struct playlist_feed *f = &s->pl.feeds[i];
        int64_t until = (int64_t)f->next_attempt_ms - (int64_t)now;
        sf[i] = (struct status_feed){
            .input = f->input,
            .title = f->title,
            .last_success_unix = f->success_unix,
            .http_status = f->http_status,
            .error = f->error,
            .stories = f->stories.n,
            .next_attempt_unix = f->next_attempt_ms ? now_unix + until / 1000 : 0,
            .stale = show_playlist_feed_stale(&s->pl, i, now),
        };
    }
    struct nr_err err = { 0 };
    const char *path = config_status_path(s->cfg);
    if (path &&
        show_status_write(path, sf, s->pl.n_feeds, s->pl.n_order, now_unix, &err) != NR_OK) {
        static bool warned; /* a read-only disk: said once */
        if (!warned)
            nr_warn("%s", err.msg);
        warned = true;
    }
    bool blank = show_display_is_blank(s->disp);
    bool news = s->started && !s->sl.cur.idle && !blank;
    struct fleet_state st = {
        .slides = s->pl.n_order,
        .slides_shown = s->stats.slides,
        .photo_failures = pipeline_worker_photo_failure_count(),
        .article_pages = pipeline_article_pages_read(),
        .screen = blank  ? FLEET_SCREEN_OFF_SCHEDULE
                  : news ? FLEET_SCREEN_ON
                         : FLEET_SCREEN_OFF_FAULT,
        .slide_id = news ? s->sl.cur.story.id : NULL,
    };
    show_status_publish(s->cfg, sf, s->pl.n_feeds, &st);
    free(sf);
    s->status_dirty = false;
    s->status_written_ms = now;
}

static int64_t watchdog_chore(void *ctx, uint64_t now)
{
    struct show *s = ctx;
    (void)now;
    show_notify_send(s->notify, "WATCHDOG=1");
    return s->watchdog_ms;
}

/* On and off hours: the screen goes blank and comes back with a fresh slide. */
static int64_t clock_chore(void *ctx, uint64_t now)
{
    struct show *s = ctx;
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    bool on =
        show_display_on_at(s->cfg->on_minute, s->cfg->off_minute, tm.tm_hour * 60 + tm.tm_min);
    show_alert_clock_check(s);
    if (on == show_display_is_blank(s->disp)) {
        show_display_set_blank(s->disp, !on);
        show_mark_status_dirty(s); /* the metrics say what the screen does */
        if (on) {
            s->hold_until_ms = now; /* back on: a fresh slide */
            if (!s->sl.jobs[SLIDES_NEXT].active && !s->sl.next.img)
                show_start_job(s, SLIDES_NEXT, show_pick_next_pos(s), now + MANUAL_PHOTO_WAIT_MS);
            if (!s->started)
                show_timers_at(&s->timers, s->t_ground, now, true);
        }
        show_present(s, now);
    }
    return CLOCK_CHECK_MS;
}

/* Burn-in protection: the picture moves a few pixels now and then. */
static int64_t drift_chore(void *ctx, uint64_t now)
{
    struct show *s = ctx;
    int dx, dy;
    /* reduced motion: the picture never moves (burn-in is the lesser harm for those who
     * asked) */
    show_display_drift(now, s->cfg->reduced_motion ? 0 : s->cfg->drift_px, &dx, &dy);
    if ((dx != s->drift_x || dy != s->drift_y) && s->started) {
        s->drift_x = dx;
        s->drift_y = dy;
        show_present(s, now);
    }
    /* the same period either way, so that a reload turning reduced motion off drifts again
     * at the next step (the check itself draws nothing) */
    return show_display_drift_period_ms(s->cfg->drift_px);
}

static int64_t status_chore(void *ctx, uint64_t now)
{
    struct show *s = ctx;
    (void)now;
    if (!s->status_dirty)
        return TIMER_STOP;
    show_write_status(s);
    return TIMER_STOP; /* mark_status_dirty arms it again */
}

/* The status file is written at most once a second, however busy the feeds. */
void show_mark_status_dirty(struct show *s)
{
    s->status_dirty = true;
    uint64_t due = s->status_written_ms ? s->status_written_ms + 1000 : 0;
    show_timers_at(&s->timers, s->t_status, due, true);
}

/* No slide yet: the theme's ground shows meanwhile. */
static int64_t ground_chore(void *ctx, uint64_t now)
{
    struct show *s = ctx;
    (void)now;
    if (s->started || s->ground_shown || show_display_is_blank(s->disp) ||
        show_alert_holds_screen(s)) /* an alert is on screen before any slide */
        return TIMER_STOP;          /* blank: the clock chore arms it again when the screen is on */
    show_display_present(s->disp, NULL, 0, s->cfg->theme.background, 0, 0);
    s->ground_shown = true;
    return TIMER_STOP;
}

static int64_t first_wait_chore(void *ctx, uint64_t now)
{
    struct show *s = ctx;
    (void)now;
    s->first_wait_over = true; /* the slide step starts the idle slide if nothing came */
    return TIMER_STOP;
}

void show_timers_start(struct show *s)
{
    show_timers_init(&s->timers);
    if (s->watchdog_ms > 0)
        show_timers_add(&s->timers, watchdog_chore, s, 0);
    s->t_clock = show_timers_add(&s->timers, clock_chore, s, 0);
    show_timers_add(&s->timers, drift_chore, s, 0);
    s->t_status = show_timers_add(&s->timers, status_chore, s, 0);
    show_timers_stop(&s->timers, s->t_status);
    s->t_ground = show_timers_add(&s->timers, ground_chore, s, s->start_ms + GROUND_WAIT_MS);
    show_timers_add(&s->timers, first_wait_chore, s, s->start_ms + START_WAIT_MS);
}
