/* alert_show.c: urgent alerts in the running slideshow. The watch thread (app/alert) reports
 * the alerts its sources hold; here the one in force is chosen, and it either takes over
 * the screen (the rotation stands still under it, keeping its slide and the rest of its
 * dwell) or is painted as a band into every slide. When the alert expires or is withdrawn,
 * the rotation goes on where it stood. The loop sleeps until the next time the choice can
 * change (an expiry or an onset): a still alert costs no wake-ups. */
#include "show_int.h"

#include "alert_view.h"
#include "alert_words.h"
#include "alloc.h"
#include "display.h"
#include "log.h"
#include "watch.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

struct show_alerts {
    struct alert_watch *watch;
    struct show_alert_view *view;
    struct alert_list *list;    /* the latest report (owned); NULL: none yet */
    struct alert_list shown;    /* 0 or 1 item: the alert chosen last (a copy) */
    bool full;                  /* shown takes the whole screen */
    struct display_image *img;  /* ... painted */
    int64_t remaining_ms;       /* the dwell the slide under it had left */
    uint64_t check_at_ms;       /* when the choice may next change; NEVER: not before news */
    bool dirty;                 /* a report came: choose again at the next step */
    int64_t wall_minus_mono_ms; /* at the last choice, to see the wall clock jump */
};

/* The watch thread's event type: kept where its thread finds it, as the worker's are. */
static _Atomic uint32_t report_ev_alert;

static void post_alerts(void *ctx, struct alert_list *list)
{
    (void)ctx;
    SDL_Event ev = { .type = report_ev_alert };
    ev.user.data1 = list; /* from here on the main thread owns list */
    if (SDL_PushEvent(&ev) != 1) {
        alert_list_release(list); /* not delivered: still ours */
        free(list);
    }
}

static void free_list(struct alert_list *l)
{
    alert_list_release(l);
    free(l);
}

static void start_watch(struct show *s)
{
    const struct config *c = s->cfg;
    struct alert_watch_params p = {
        .file = c->alert_file,
        .url = c->alert_url,
        .language = c->alert_language,
        .poll_ms = (int64_t)c->alert_poll_seconds * 1000,
        .timeout_ms = (long)c->timeout_seconds * 1000,
        .report = post_alerts,
    };
    s->alerts->watch = alert_watch_new(&p);
}

void show_alert_start(struct show *s)
{
    s->alerts = xcalloc(1, sizeof *s->alerts);
    s->alerts->check_at_ms = NEVER;
    uint32_t ev = SDL_RegisterEvents(1);
    if (ev == (uint32_t)-1) {
        nr_error("no alerts: cannot register an SDL event");
        return;
    }
    report_ev_alert = ev;
    s->alerts->view = show_alert_view_new(s->font_dir);
    start_watch(s);
}

void show_alert_stop_watch(struct show *s)
{
    if (!s->alerts)
        return;
    alert_watch_free(s->alerts->watch);
    s->alerts->watch = NULL;
}

void show_alert_stop(struct show *s)
{
    struct show_alerts *a = s->alerts;
    if (!a)
        return;
    alert_watch_free(a->watch);
    if (a->list)
        free_list(a->list);
    alert_list_release(&a->shown);
    show_display_image_free(a->img);
    show_alert_view_free(a->view);
    free(a);
    s->alerts = NULL;
}

void show_alert_reload(struct show *s)
{
    if (!s->alerts)
        return;
    alert_watch_free(s->alerts->watch);
    s->alerts->watch = NULL;
    start_watch(s); /* its first report replaces what the old sources said */
}

bool show_alert_on_event(struct show *s, const SDL_Event *ev)
{
    if (!s->alerts || !report_ev_alert || ev->type != report_ev_alert)
        return false;
    struct alert_list *l = ev->user.data1;
    if (s->alerts->list)
        free_list(s->alerts->list);
    s->alerts->list = l;
    s->alerts->dirty = true; /* at the next tick, which is now: it breaks in at once */
    return true;
}

bool show_alert_holds_screen(const struct show *s)
{
    return s->alerts && s->alerts->full;
}

/* Paints the full-screen alert at the output's size now. */
static void paint_screen(struct show *s)
{
    struct show_alerts *a = s->alerts;
    int w, h;
    show_display_slide_size(s->disp, &w, &h);
    show_display_image_free(a->img);
    a->img = NULL;
    SDL_Surface *surf = show_alert_view_screen(a->view, &a->shown.items[0], w, h,
                                               s->cfg->theme.safe_area_pct, (int64_t)time(NULL));
    if (surf)
        a->img = show_display_image_new(s->disp, surf);
}

bool show_alert_present(struct show *s)
{
    struct show_alerts *a = s->alerts;
    if (!a || !a->full || !a->img)
        return false;
    struct display_layer layer = { a->img, 255, 0 };
    show_display_present(s->disp, &layer, 1, s->cfg->theme.background, s->drift_x, s->drift_y);
    return true;
}

void show_alert_on_resize(struct show *s)
{
    if (s->alerts && s->alerts->full)
        paint_screen(s);
}

/* The slide is laid out above (or below) the band, not under it: a band over the slide
 * would hide its QR code, counter or headline. A screen too small to give up the room gets
 * the band over the slide instead. */
#define LAYOUT_MIN_H 120

int show_alert_band_px(const struct show *s, int w, int h)
{
    const struct show_alerts *a = s->alerts;
    if (!a || a->full || a->shown.n == 0)
        return 0;
    int bh = show_alert_view_band_height(w, h);
    return h - bh >= LAYOUT_MIN_H ? bh : 0;
}

SDL_Surface *show_alert_add_band(struct show *s, SDL_Surface *slide, int w, int h)
{
    struct show_alerts *a = s->alerts;
    if (!slide || !a || a->full || a->shown.n == 0)
        return slide;
    bool top = s->cfg->alert_band_top != 0;
    SDL_Surface *out = slide;
    if (slide->h < h) {
        out = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
        if (!out)
            return slide; /* no memory: the slide without its band, never no slide */
        SDL_Rect at = { 0, top ? h - slide->h : 0, slide->w, slide->h };
        SDL_SetSurfaceBlendMode(slide, SDL_BLENDMODE_NONE);
        SDL_BlitSurface(slide, NULL, out, &at);
        SDL_FreeSurface(slide);
    }
    show_alert_view_band(a->view, out, &a->shown.items[0], top, s->cfg->theme.safe_area_pct,
                         (int64_t)time(NULL));
    return out;
}

void show_repaint_overlays(struct show *s, uint64_t now)
{
    if (!s->started)
        return;
    show_repaint_cur(s, now);
    if (s->sl.next.img && s->sl.state != SLIDES_FADING) {
        size_t pos = s->sl.next.idle ? SIZE_MAX : s->sl.next.pos;
        show_slides_drop_next(&s->sl);
        show_start_job(s, SLIDES_NEXT, pos, s->hold_until_ms);
    }
}

/* The rotation stops under the alert with the dwell it had left. */
static void take_over(struct show *s, uint64_t now)
{
    struct show_alerts *a = s->alerts;
    if (s->sl.state == SLIDES_FADING)
        show_finish_transition(s, now); /* the slide coming in is the one that waits */
    if (s->hold_until_ms == NEVER || !s->started)
        a->remaining_ms = s->sl.cur.dwell_ms;
    else
        a->remaining_ms = s->hold_until_ms > now ? (int64_t)(s->hold_until_ms - now) : 0;
    s->hold_until_ms = NEVER;
    a->full = true;
}

/* The alert is over: the same slide stays, for the dwell it had left. */
static void give_back(struct show *s, uint64_t now)
{
    struct show_alerts *a = s->alerts;
    a->full = false;
    show_display_image_free(a->img);
    a->img = NULL;
    s->hold_until_ms = s->paused ? NEVER : now + (uint64_t)a->remaining_ms;
    struct slide_job *j = &s->sl.jobs[SLIDES_NEXT];
    if (j->active && j->deadline_ms > s->hold_until_ms)
        j->deadline_ms = s->hold_until_ms;
    if (s->pending && s->hold_until_ms != NEVER)
        s->prepare_at_ms =
            s->hold_until_ms > now + PREPARE_LEAD_MS ? s->hold_until_ms - PREPARE_LEAD_MS : now;
    nr_info("alert over: the rotation resumes at '%s' with %lld ms left",
            s->sl.cur.story.headline ? s->sl.cur.story.headline : "", (long long)a->remaining_ms);
}

/* Chooses the alert in force now and puts it on screen (or takes it off). */
static void choose(struct show *s, uint64_t now)
{
    struct show_alerts *a = s->alerts;
    int64_t now_unix = (int64_t)time(NULL), next_unix = 0;
    const struct alert *pick = alert_pick(a->list, now_unix, &next_unix);
    a->dirty = false;
    a->wall_minus_mono_ms = now_unix * 1000 - (int64_t)now;
    a->check_at_ms = next_unix ? now + (uint64_t)(next_unix - now_unix) * 1000 : NEVER;
    const struct alert *was = a->shown.n ? &a->shown.items[0] : NULL;
    if (alert_same(pick, was))
        return;
    bool band_before = was && !a->full;
    if (pick) {
        char until[96];
        show_alert_until_text(pick, now_unix, until, sizeof until);
        nr_info("alert on screen: '%s' (%s, %s%s%s)", pick->headline ? pick->headline : "",
                alert_severity_name(pick->severity),
                alert_is_full_screen(pick) ? "full screen" : "band", until[0] ? ", " : "", until);
    }
    struct alert_list next = { 0 };
    if (pick)
        alert_list_add_copy(&next, pick);
    alert_list_release(&a->shown);
    a->shown = next;
    bool full = pick && alert_is_full_screen(pick);
    if (full) {
        if (!a->full)
            take_over(s, now);
        paint_screen(s);
    } else if (a->full) {
        give_back(s, now);
    } else if (!pick) {
        nr_info("alert over");
    }
    if (band_before || (pick && !full))
        show_repaint_overlays(s, now); /* the band goes on, changes or comes off the slides */
    if (s->started || a->full)
        show_present(s, now);
}

void show_alert_clock_check(struct show *s)
{
    struct show_alerts *a = s->alerts;
    if (!a || !a->list || a->list->n == 0)
        return;
    int64_t d = (int64_t)time(NULL) * 1000 - (int64_t)show_now_ms() - a->wall_minus_mono_ms;
    if (d > 2000 || d < -2000) {
        nr_info("the wall clock moved by %lld s: alert times taken again", (long long)(d / 1000));
        a->dirty = true;
    }
}

uint64_t show_alert_step(struct show *s, uint64_t now, uint64_t next)
{
    struct show_alerts *a = s->alerts;
    if (!a)
        return next;
    if (a->dirty || now >= a->check_at_ms)
        choose(s, now);
    return show_min_u64(next, a->check_at_ms);
}
