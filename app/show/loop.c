/* loop.c: the slideshow's main loop: sleeps until the next deadline or event, prepares the
 * next slide before its transition, applies refresh results, keys, signals and reloads. */
#include "show.h"

#include "alloc.h"
#include "badge.h"
#include "display.h"
#include "draw.h"
#include "log.h"
#include "notify.h"
#include "playlist.h"
#include "slides.h"
#include "signals.h"
#include "status.h"
#include "timers.h"
#include "strutil.h"
#include "transition.h"
#include "worker.h"

#include <SDL.h>
#include <malloc.h>
#include <stdatomic.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "banned.h"

#define NEVER UINT64_MAX
#define FRAME_MS 33                 /* transition frames: 30 a second, half the CPU of 60 on
                                     * the software renderer, and smooth enough for a fade */
#define FIRST_PHOTO_WAIT_MS 250     /* the first slide waits this long for its photo */
#define MANUAL_PHOTO_WAIT_MS 300    /* ... a slide asked for with a key, this long */
#define START_WAIT_MS 1000          /* for the disk cache before the idle slide shows */
/* No slide by then: the theme's ground shows meanwhile (a frame costs tens of ms, not spent
 * when the cached first slide is nearly ready). */
#define GROUND_WAIT_MS 200
/* The next slide paints in tens of ms: it is prepared this long before its transition, not
 * as the current one goes up, so its pixels are not held for a whole dwell. Its photo is
 * fetched into the disk cache at once, so the network still has the whole dwell. */
#define PREPARE_LEAD_MS 1500
#define IDLE_DWELL_MS 30000         /* the idle slide is painted again (its clock) */
#define CLOCK_CHECK_MS 30000 /* on/off hours are looked at this often */

struct show {
    struct config *cfg; /* the settings now; after a reload, one of ours */
    struct config *caller_cfg; /* show_run's: never freed here */
    struct config *drawer_cfg; /* the one whose theme the drawer borrows */
    const char *data_dir;
    char font_dir[4096];
    struct display *disp;
    struct drawer *drawer;
    struct badge *badge;
    struct notifier *notify;
    struct worker *worker;
    uint32_t generation;
    uint32_t ev_feed, ev_photo, ev_signal;

    struct playlist pl;

    struct slides sl; /* cur, next and their paint jobs */
    uint64_t photo_seq;

    bool started;               /* a first slide was presented */
    bool ground_shown; /* the theme's ground (or a slide) was presented */
    bool first_wait_over; /* START_WAIT_MS passed: the first slide waits no more */
    bool cache_done;
    uint64_t start_ms;
    uint64_t last_frame_ms;
    uint64_t hold_until_ms;     /* when the transition to next starts */
    bool pending; /* the next slide is chosen, and prepared at prepare_at_ms */
    char *pending_id; /* its story's id; NULL: the idle slide */
    uint64_t prepare_at_ms;
    bool paused;
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
};

static uint64_t now_ms(void)
{
    return SDL_GetTicks64();
}

/* ---- feeds ---- */

static bool input_is_file(const char *input)
{
    char *url = pipeline_input_url(input);
    bool local = nr_starts_with_ci(url, "file:");
    free(url);
    return local;
}

static int64_t refresh_ms_of(const struct config *c)
{
    return (int64_t)c->refresh_minutes * 60000 / c->time_scale;
}

static void rebuild_rotation(struct show *s)
{
    playlist_rebuild(&s->pl, (size_t)s->cfg->max_stories,
                     (int64_t)s->cfg->max_age_hours * 3600 / s->cfg->time_scale,
                     (int64_t)time(NULL));
    /* where the slides on screen now stand in the new order */
    if (!s->sl.cur.idle && s->sl.cur.img)
        s->sl.cur.pos = playlist_find(&s->pl, s->sl.cur.story.id);
    if (!s->sl.next.idle && s->sl.next.img)
        s->sl.next.pos = playlist_find(&s->pl, s->sl.next.story.id);
}

/* ---- slides ---- */

static void free_photo(struct SDL_Surface *photo)
{
    SDL_FreeSurface(photo);
}

static void cancel_photo(void *ctx, uint64_t id)
{
    struct show *s = ctx;
    if (s->worker) /* none between the old worker and the new one of a reload */
        worker_cancel(s->worker, id);
}

static void idle_story(const struct show *s, struct story *st)
{
    struct nr_buf b;
    memset(st, 0, sizeof *st);
    nr_buf_init(&b, 4096);
    nr_buf_puts(&b, s->pl.n_feeds ? "From " : "");
    for (size_t i = 0; i < s->pl.n_feeds; i++)
        nr_buf_printf(&b, "%s%s", i ? (i + 1 == s->pl.n_feeds ? " and " : ", ") : "",
                      s->pl.feeds[i].title ? s->pl.feeds[i].title : s->pl.feeds[i].input);
    if (s->pl.n_feeds == 0)
        nr_buf_puts(&b, "no feed yet: name one on the command line or in newsreel.conf");
    st->id = xstrdup("newsreel:idle");
    st->headline = xstrdup("Waiting for news");
    st->dek = nr_buf_detach(&b);
    st->source = xstrdup("Newsreel");
}

static int64_t dwell_of(const struct show *s, bool idle, const struct story *st)
{
    if (idle)
        return s->pl.n_order ? 0 : IDLE_DWELL_MS;
    if (s->cfg->slide_ms)
        return s->cfg->slide_ms;
    return rotation_dwell_ms(st, s->cfg->slide_seconds, s->cfg->max_slide_seconds,
                             s->cfg->reading_wpm);
}

/* Paints job into a texture for target; the job is consumed. */
static void paint_job(struct show *s, enum slides_target target)
{
    struct slide_job *j = &s->sl.jobs[target];
    struct nr_err err = { 0 };
    int w, h;
    uint64_t t0 = now_ms();

    display_slide_size(s->disp, &w, &h);
    struct slide_info info = {
        .index = j->idle ? 0 : (int)j->pos,
        .count = j->idle ? 0 : (int)s->pl.n_order,
        .now_unix = (int64_t)time(NULL),
    };
    {
        struct tm tm;
        time_t tt = (time_t)info.now_unix;
        localtime_r(&tt, &tm);
        info.utc_offset_s = (int)tm.tm_gmtoff;
    }
    SDL_Surface *surf = s->drawer ? drawer_render(s->drawer, &j->story, j->photo, &info, w, h,
                                                  &err)
                                  : NULL;
    /* the photo is in the slide now: give its 8 MiB back before the texture takes as much */
    SDL_FreeSurface(j->photo);
    j->photo = NULL;
    if (!surf) {
        /* degrade, never blank: the slide's colour and nothing else, and the log says why */
        nr_warn("slide '%s' not painted: %s", j->story.headline ? j->story.headline : "",
                err.msg[0] ? err.msg : "no fonts");
        surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
        if (surf) {
            struct rgba bg = s->cfg->theme.background;
            SDL_FillRect(surf, NULL, SDL_MapRGB(surf->format, bg.r, bg.g, bg.b));
        }
    }
    if (surf && !j->idle && playlist_feed_stale(&s->pl, j->feed, t0)) {
        char text[64];
        badge_text((int64_t)time(NULL) - s->pl.feeds[j->feed].success_unix, text, sizeof text);
        badge_paint(s->badge, surf, text, &s->cfg->theme);
        nr_debug("badge '%s' on '%s'", text, j->story.headline);
    }
    int64_t dwell_ms = dwell_of(s, j->idle, &j->story);
    /* surf is the display's now, its image the slot's */
    slides_put(&s->sl, target, display_image_new(s->disp, surf), dwell_ms);
    s->stats.renders++;
    s->stats.render_ms_sum += (double)(now_ms() - t0);
    nr_debug("slide painted in %llu ms", (unsigned long long)(now_ms() - t0));
}

static void clear_pending(struct show *s)
{
    free(s->pending_id);
    s->pending_id = NULL;
    s->pending = false;
}

/* Starts preparing a slide: the story at pos, or the idle slide when pos is SIZE_MAX. */
static void start_job(struct show *s, enum slides_target target, size_t pos, uint64_t deadline_ms)
{
    if (target == SLIDES_NEXT)
        clear_pending(s);
    struct slide_job *j = slides_job_begin(&s->sl, target, deadline_ms);
    if (pos == SIZE_MAX || pos >= s->pl.n_order) {
        j->idle = true;
        j->feed = SIZE_MAX;
        idle_story(s, &j->story);
        return;
    }
    j->pos = pos;
    j->feed = playlist_feed_of(&s->pl, pos);
    story_copy(&j->story, playlist_story(&s->pl, pos));
    if (j->story.photo_url) {
        j->photo_id = ++s->photo_seq;
        bool files = s->pl.feeds[j->feed].local && nr_starts_with_ci(j->story.photo_url, "file:");
        worker_request_photo(s->worker, j->photo_id, j->story.photo_url, files);
    }
}

/* Which rotation entry comes after the current slide: breaking news first. */
static size_t pick_next_pos(struct show *s)
{
    bool on_story = !s->sl.cur.idle && s->sl.cur.img;
    return playlist_next(&s->pl, on_story ? s->sl.cur.pos : PLAYLIST_NONE);
}

/* The position of the chosen next slide (it may have moved in a new rotation), or a fresh
 * choice when it went; the choice is used up. */
static size_t take_pending_pos(struct show *s)
{
    size_t pos = SIZE_MAX;
    if (s->pending && s->pending_id)
        pos = playlist_find(&s->pl, s->pending_id);
    clear_pending(s);
    return pos < s->pl.n_order ? pos : pick_next_pos(s);
}

/* After a slide went up: the next one is chosen now and its photo fetched into the disk
 * cache, so the network has the whole dwell; it is painted PREPARE_LEAD_MS before its
 * transition (at once when paused or the dwell is shorter than that). */
static void schedule_next(struct show *s, uint64_t now)
{
    slides_drop_next(&s->sl);
    s->hold_until_ms = s->paused ? NEVER : now + (uint64_t)s->sl.cur.dwell_ms;
    if (display_is_blank(s->disp))
        return;
    size_t pos = pick_next_pos(s);
    if (s->paused || s->sl.cur.dwell_ms <= PREPARE_LEAD_MS) {
        start_job(s, SLIDES_NEXT, pos, s->hold_until_ms);
        return;
    }
    clear_pending(s);
    s->pending = true;
    s->prepare_at_ms = s->hold_until_ms - PREPARE_LEAD_MS;
    if (pos < s->pl.n_order) {
        const struct story *st = playlist_story(&s->pl, pos);
        size_t feed = playlist_feed_of(&s->pl, pos);
        s->pending_id = xstrdup(st->id);
        if (st->photo_url)
            worker_prefetch_photo(s->worker, st->photo_url,
                                  s->pl.feeds[feed].local &&
                                      nr_starts_with_ci(st->photo_url, "file:"));
    }
}

static void present(struct show *s, uint64_t now)
{
    struct display_layer layers[2];
    size_t n = 0;
    if ((s->sl.state == SLIDES_FADING) && s->sl.next.img) {
        struct transition_frame f;
        int w, h;
        display_slide_size(s->disp, &w, &h);
        transition_frame(s->cfg->transition, now - s->sl.fade_start_ms, s->cfg->transition_ms, w,
                         &f);
        layers[n++] = (struct display_layer){ s->sl.cur.img, 255, f.out_x };
        layers[n++] = (struct display_layer){ s->sl.next.img, f.in_alpha, f.in_x };
    } else {
        layers[n++] = (struct display_layer){ s->sl.cur.img, 255, 0 };
    }
    display_present(s->disp, layers, n, s->cfg->theme.background, s->drift_x, s->drift_y);
}

static void send_status_line(struct show *s)
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
    notify_send(s->notify, msg);
}

static void on_resize(struct show *s, uint64_t now);
static void repaint_cur(struct show *s, uint64_t now);
static void mark_status_dirty(struct show *s);

/* The transition is over (or there was none): next becomes current. */
static void finish_transition(struct show *s, uint64_t now)
{
    /* a repaint of the slide that left (a resize or reload while it faded out) is
     * repainted for the slide that is now up */
    bool repaint = slides_finish(&s->sl);
    s->stats.slides++;
    nr_debug("slide %llu: '%s'", (unsigned long long)s->stats.slides,
             s->sl.cur.story.headline ? s->sl.cur.story.headline : "");
    if (!s->started) {
        s->started = true;
        s->stats.first_slide_ms = now - s->start_ms;
        nr_debug("first slide after %llu ms", (unsigned long long)s->stats.first_slide_ms);
    }
    present(s, now);
    if (repaint)
        repaint_cur(s, now);
    if (!s->ready_sent) {
        s->ready_sent = true;
        notify_send(s->notify, "READY=1");
        send_status_line(s);
        if (display_settle(s->disp))
            on_resize(s, now);
    }
    if (s->max_slides && s->stats.slides >= s->max_slides) {
        s->quit = true;
        return;
    }
    schedule_next(s, now);
}

static void start_transition(struct show *s, uint64_t now)
{
    if (s->cfg->transition == TRANSITION_CUT || s->cfg->transition_ms == 0 ||
        !slides_start_fade(&s->sl, now)) {
        finish_transition(s, now);
        return;
    }
    s->last_frame_ms = 0;
}

/* ---- status file ---- */

static void write_status(struct show *s)
{
    struct status_feed *sf = xcalloc(s->pl.n_feeds ? s->pl.n_feeds : 1, sizeof *sf);
    uint64_t now = now_ms();
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
            .stale = playlist_feed_stale(&s->pl, i, now),
        };
    }
    struct nr_err err = { 0 };
    const char *path = config_status_path(s->cfg);
    if (path && status_write(path, sf, s->pl.n_feeds, s->pl.n_order, now_unix, &err) != NR_OK) {
        static bool warned;   /* a read-only disk: said once */
        if (!warned)
            nr_warn("%s", err.msg);
        warned = true;
    }
    free(sf);
    s->status_dirty = false;
    s->status_written_ms = now;
}

/* ---- events ---- */

static void on_feed_update(struct show *s, struct worker_feed_update *u, uint64_t now)
{
    if (u->generation != s->generation)
        return;
    if (u->feed == WORKER_CACHE_DONE) {
        s->cache_done = true;
        return;
    }
    if (u->feed >= s->pl.n_feeds)
        return;
    struct playlist_feed *f = &s->pl.feeds[u->feed];
    s->stats.feed_updates++;
    if (!u->from_cache && !f->answered) {
        f->answered = true;
        s->pl.feeds_answered++;
    }
    f->http_status = u->http_status;
    snprintf(f->error, sizeof f->error, "%s", u->error);
    f->next_attempt_ms = u->next_attempt_ms;
    f->success_unix = u->success_unix;
    f->success_ms = u->success_ms;
    if (u->has_stories) {
        int64_t breaking_s = (int64_t)s->cfg->breaking_minutes * 60 / s->cfg->time_scale;
        playlist_take_stories(&s->pl, u->feed, &u->stories, u->title, u->from_cache,
                              (int64_t)time(NULL), breaking_s);
        u->title = NULL; /* the playlist's now */
        bool had = s->pl.n_order > 0;
        rebuild_rotation(s);
        /* stories where there were none: leave the idle slide now */
        if (!had && s->pl.n_order > 0 && s->started && s->sl.cur.idle &&
            !(s->sl.state == SLIDES_FADING)) {
            slides_drop_next(&s->sl);
            s->hold_until_ms = now;
            start_job(s, SLIDES_NEXT, pick_next_pos(s), now + FIRST_PHOTO_WAIT_MS);
        }
    }
    mark_status_dirty(s);
    send_status_line(s);
}

static void on_photo(struct show *s, struct worker_photo *p)
{
    if (p->generation != s->generation)
        return;
    int t = slides_photo(&s->sl, p->id, p->photo); /* takes the photo */
    p->photo = NULL;
    if (t < 0)
        return; /* nobody waits for it any more */
    if (!s->sl.jobs[t].photo)
        nr_debug("photo of '%s' not shown: %s", s->sl.jobs[t].story.headline, p->error);
    paint_job(s, (enum slides_target)t);
    if (t == SLIDES_CUR)
        present(s, now_ms());
}

/* Everything the worker and the slides were made from is rebuilt; the slide on screen
 * stays up meanwhile, so a reload shows no blank frame. */
static void start_worker(struct show *s);
/* Frees a config a reload made (show_run's own stays the caller's). */
static void config_drop(struct show *s, struct config *c)
{
    if (!c || c == s->caller_cfg)
        return;
    config_release(c);
    free(c);
}

static void reload(struct show *s)
{
    struct config *fresh = xcalloc(1, sizeof *fresh);
    struct nr_err err = { 0 };
    if (config_reload(s->cfg, fresh, &err) != NR_OK) {
        nr_error("reload: %s; keeping the running settings", err.msg);
        free(fresh);
        return;
    }
    if (fresh->n_feeds == 0) {
        char sample[4200];
        snprintf(sample, sizeof sample, "%s/assets/sample/feed.xml", s->data_dir);
        config_add_feed(fresh, sample);
        fresh->max_age_hours = 8760; /* as main does for the bundled sample */
    }
    /* keep the stories of feeds that stay */
    struct playlist pl;
    playlist_init(&pl, fresh->feeds, fresh->n_feeds, refresh_ms_of(fresh), input_is_file);
    /* the slides name feeds by index: the new indices, before anything paints again */
    size_t *map = xcalloc(s->pl.n_feeds ? s->pl.n_feeds : 1, sizeof *map);
    playlist_adopt(&pl, &s->pl, map);
    slides_remap_feeds(&s->sl, map, s->pl.n_feeds);
    free(map);
    playlist_release(&s->pl);
    s->pl = pl;
    /* A new config, swapped in whole: what was built from the old one is built again
     * below, and the old one is freed once nothing borrows from it. */
    fresh->mode = s->cfg->mode;
    struct config *old = s->cfg;
    s->cfg = fresh;
    nr_log_set_level((enum nr_log_level)s->cfg->log_level);

    struct drawer *d = drawer_new(s->font_dir, &s->cfg->theme, &err);
    if (d) {
        drawer_free(s->drawer);
        s->drawer = d;
        if (s->drawer_cfg != old)
            config_drop(s, s->drawer_cfg);
        s->drawer_cfg = s->cfg;
        config_drop(s, old);
    } else {
        /* the old fonts stay open, and the old theme they were opened with with them */
        nr_warn("reload: %s; keeping the fonts open", err.msg);
        if (old != s->drawer_cfg)
            config_drop(s, old);
    }
    bool repaint = display_configure(s->disp, s->cfg);
    timers_at(&s->timers, s->t_clock, 0, false); /* new on and off times count at once */
    worker_free(s->worker);
    s->worker = NULL;
    s->generation++;
    slides_job_cancel(&s->sl, SLIDES_CUR);
    slides_job_cancel(&s->sl, SLIDES_NEXT);
    start_worker(s);
    rebuild_rotation(s);
    /* the next slide is made again with the new look; the current one stays up */
    if (!(s->sl.state == SLIDES_FADING)) {
        slides_drop_next(&s->sl);
        start_job(s, SLIDES_NEXT, pick_next_pos(s), s->hold_until_ms);
    }
    if (repaint)
        on_resize(s, now_ms());   /* a new rotation: the slide on screen is painted again */
    mark_status_dirty(s);
    nr_info("settings reloaded");
}

static void go_to(struct show *s, size_t pos, uint64_t now)
{
    if ((s->sl.state == SLIDES_FADING))
        finish_transition(s, now);
    slides_drop_next(&s->sl);
    start_job(s, SLIDES_NEXT, pos, now + MANUAL_PHOTO_WAIT_MS);
    s->hold_until_ms = now;
}

static void on_key(struct show *s, const SDL_KeyboardEvent *k, uint64_t now)
{
    switch (k->keysym.sym) {
    case SDLK_q:
    case SDLK_ESCAPE:
        s->quit = true;
        break;
    case SDLK_RIGHT:
    case SDLK_SPACE:
        if (s->pl.n_order == 0)
            break;
        if (s->sl.next.img || s->sl.jobs[SLIDES_NEXT].active) {
            struct slide_job *j = &s->sl.jobs[SLIDES_NEXT];
            if (j->active && j->deadline_ms > now + MANUAL_PHOTO_WAIT_MS)
                j->deadline_ms = now + MANUAL_PHOTO_WAIT_MS;
            s->hold_until_ms = now;
        } else {
            go_to(s, take_pending_pos(s), now);
        }
        break;
    case SDLK_LEFT:
        if (s->pl.n_order == 0)
            break;
        if (s->sl.cur.idle || s->sl.cur.pos >= s->pl.n_order)
            go_to(s, 0, now);
        else
            go_to(s, (s->sl.cur.pos + s->pl.n_order - 1) % s->pl.n_order, now);
        break;
    case SDLK_p:
        s->paused = !s->paused;
        s->hold_until_ms = s->paused ? NEVER : now + (uint64_t)s->sl.cur.dwell_ms;
        if (s->sl.jobs[SLIDES_NEXT].active && !s->paused)
            s->sl.jobs[SLIDES_NEXT].deadline_ms = s->hold_until_ms;
        nr_info("%s", s->paused ? "paused" : "playing");
        break;
    case SDLK_f:
        if (display_toggle_fullscreen(s->disp))
            on_resize(s, now);
        break;
    default:
        break;
    }
}

/* Paints the slide on screen again (at the output's size now); it stays up meanwhile. */
static void repaint_cur(struct show *s, uint64_t now)
{
    if (!s->sl.cur.img && !s->sl.cur.idle)
        return;
    struct slide_job *j = slides_job_begin(&s->sl, SLIDES_CUR, now + MANUAL_PHOTO_WAIT_MS);
    j->idle = s->sl.cur.idle;
    j->feed = s->sl.cur.feed;
    j->pos = s->sl.cur.pos;
    story_copy(&j->story, &s->sl.cur.story);
    if (j->story.photo_url && !j->idle && j->feed < s->pl.n_feeds) {
        j->photo_id = ++s->photo_seq;
        worker_request_photo(s->worker, j->photo_id, j->story.photo_url,
                             s->pl.feeds[j->feed].local &&
                                 nr_starts_with_ci(j->story.photo_url, "file:"));
    }
}

/* The output changed size, rotation or lost its textures: present what we have at once, then
 * paint the slides again at the new size. */
static void on_resize(struct show *s, uint64_t now)
{
    s->stats.output_changes++;
    present(s, now);
    repaint_cur(s, now);
    if (s->sl.next.img && !(s->sl.state == SLIDES_FADING)) {
        size_t pos = s->sl.next.idle ? SIZE_MAX : s->sl.next.pos;
        slides_drop_next(&s->sl);
        start_job(s, SLIDES_NEXT, pos, s->hold_until_ms);
    }
}

static void on_event(struct show *s, const SDL_Event *ev)
{
    uint64_t now = now_ms();
    if (ev->type == s->ev_feed) {
        struct worker_feed_update *u = ev->user.data1;
        on_feed_update(s, u, now);
        worker_feed_update_free(u);
    } else if (ev->type == s->ev_photo) {
        struct worker_photo *p = ev->user.data1;
        on_photo(s, p);
        worker_photo_free(p);
    } else if (ev->type == s->ev_signal) {
        if (ev->user.code == SIGHUP) {
            nr_info("SIGHUP: reloading the settings");
            reload(s);
        } else {
            s->quit = true;
        }
    } else if (ev->type == SDL_QUIT) {
        s->quit = true;
    } else if (ev->type == SDL_KEYDOWN && !ev->key.repeat) {
        on_key(s, &ev->key, now);
    } else if (display_handle_event(s->disp, ev)) {
        on_resize(s, now);
    } else if (ev->type == SDL_WINDOWEVENT && ev->window.event == SDL_WINDOWEVENT_EXPOSED) {
        /* before the first slide the ground's deadline (or the slide itself) draws: a frame
         * here, as the window first maps, would only delay the first slide */
        if (s->started || s->ground_shown)
            present(s, now);
    }
}

/* ---- timers ---- */

static uint64_t min_u64(uint64_t a, uint64_t b)
{
    return a < b ? a : b;
}

static int64_t watchdog_chore(void *ctx, uint64_t now)
{
    struct show *s = ctx;
    (void)now;
    notify_send(s->notify, "WATCHDOG=1");
    return s->watchdog_ms;
}

/* On and off hours: the screen goes blank and comes back with a fresh slide. */
static int64_t clock_chore(void *ctx, uint64_t now)
{
    struct show *s = ctx;
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    bool on = display_on_at(s->cfg->on_minute, s->cfg->off_minute, tm.tm_hour * 60 + tm.tm_min);
    if (on == display_is_blank(s->disp)) {
        display_set_blank(s->disp, !on);
        if (on) {
            s->hold_until_ms = now; /* back on: a fresh slide */
            if (!s->sl.jobs[SLIDES_NEXT].active && !s->sl.next.img)
                start_job(s, SLIDES_NEXT, pick_next_pos(s), now + MANUAL_PHOTO_WAIT_MS);
            if (!s->started)
                timers_at(&s->timers, s->t_ground, now, true);
        }
        present(s, now);
    }
    return CLOCK_CHECK_MS;
}

/* Burn-in protection: the picture moves a few pixels now and then. */
static int64_t drift_chore(void *ctx, uint64_t now)
{
    struct show *s = ctx;
    int dx, dy;
    display_drift(now, s->cfg->drift_px, &dx, &dy);
    if ((dx != s->drift_x || dy != s->drift_y) && s->started) {
        s->drift_x = dx;
        s->drift_y = dy;
        present(s, now);
    }
    return display_drift_period_ms(s->cfg->drift_px);
}

static int64_t status_chore(void *ctx, uint64_t now)
{
    struct show *s = ctx;
    (void)now;
    if (!s->status_dirty)
        return TIMER_STOP;
    write_status(s);
    return TIMER_STOP; /* mark_status_dirty arms it again */
}

/* The status file is written at most once a second, however busy the feeds. */
static void mark_status_dirty(struct show *s)
{
    s->status_dirty = true;
    uint64_t due = s->status_written_ms ? s->status_written_ms + 1000 : 0;
    timers_at(&s->timers, s->t_status, due, true);
}

/* No slide yet: the theme's ground shows meanwhile. */
static int64_t ground_chore(void *ctx, uint64_t now)
{
    struct show *s = ctx;
    (void)now;
    if (s->started || s->ground_shown || display_is_blank(s->disp))
        return TIMER_STOP; /* blank: the clock chore arms it again when the screen is on */
    display_present(s->disp, NULL, 0, s->cfg->theme.background, 0, 0);
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

static void timers_start(struct show *s)
{
    timers_init(&s->timers);
    if (s->watchdog_ms > 0)
        timers_add(&s->timers, watchdog_chore, s, 0);
    s->t_clock = timers_add(&s->timers, clock_chore, s, 0);
    timers_add(&s->timers, drift_chore, s, 0);
    s->t_status = timers_add(&s->timers, status_chore, s, 0);
    timers_stop(&s->timers, s->t_status);
    s->t_ground = timers_add(&s->timers, ground_chore, s, s->start_ms + GROUND_WAIT_MS);
    timers_add(&s->timers, first_wait_chore, s, s->start_ms + START_WAIT_MS);
}

/* Advances everything that is due at now; returns ms until the next thing is. */
static int tick(struct show *s, uint64_t now)
{
    uint64_t next = now + (uint64_t)timers_run(&s->timers, now, 60000);

    if (display_is_blank(s->disp))
        return (int)(next - now);

    /* the first slide: the cache has answered, or we stop waiting for it */
    if (!s->started && !s->sl.jobs[SLIDES_NEXT].active && !s->sl.next.img) {
        /* stories (from the cache or a quick first refresh), or every feed has answered
         * without any, or we stop waiting: the idle slide */
        if (s->pl.n_order > 0 || (s->cache_done && s->pl.feeds_answered >= s->pl.n_feeds) ||
            s->first_wait_over) {
            start_job(s, SLIDES_NEXT, s->pl.n_order ? pick_next_pos(s) : SIZE_MAX,
                      now + FIRST_PHOTO_WAIT_MS);
            s->hold_until_ms = now;
        }
    }
    /* a job whose photo is late is painted without it: the network never holds a slide */
    for (int t = 0; t < 2; t++) {
        struct slide_job *j = &s->sl.jobs[t];
        if (!j->active)
            continue;
        if (!j->photo_id || now >= j->deadline_ms) {
            if (j->photo_id) {
                nr_debug("photo of '%s' late; shown without it", j->story.headline);
                worker_cancel(s->worker, j->photo_id);
            }
            paint_job(s, (enum slides_target)t);
            if (t == SLIDES_CUR)
                present(s, now);
        } else {
            next = min_u64(next, j->deadline_ms);
        }
    }
    if ((s->sl.state == SLIDES_FADING)) {
        struct transition_frame f;
        int w, h;
        display_slide_size(s->disp, &w, &h);
        transition_frame(s->cfg->transition, now - s->sl.fade_start_ms, s->cfg->transition_ms, w,
                         &f);
        if (f.done) {
            finish_transition(s, now);
        } else if (now >= s->last_frame_ms + FRAME_MS) {
            uint64_t t0 = SDL_GetPerformanceCounter();
            present(s, now);
            double ms = (double)(SDL_GetPerformanceCounter() - t0) * 1000.0 /
                        (double)SDL_GetPerformanceFrequency();
            s->stats.fade_frames++;
            s->stats.fade_frame_ms_sum += ms;
            if (ms > s->stats.fade_frame_ms_max)
                s->stats.fade_frame_ms_max = ms;
            s->last_frame_ms = now;
        }
        if ((s->sl.state == SLIDES_FADING))
            next = min_u64(next, s->last_frame_ms + FRAME_MS);
    } else if (s->sl.next.img && now >= s->hold_until_ms) {
        start_transition(s, now);
        if ((s->sl.state == SLIDES_FADING))
            next = now;
    } else if (s->sl.next.img && s->hold_until_ms != NEVER) {
        next = min_u64(next, s->hold_until_ms);
    } else if (!s->sl.next.img && !s->sl.jobs[SLIDES_NEXT].active && s->started && !s->paused &&
               !s->quit) {
        if (s->pending && now < s->prepare_at_ms) {
            next = min_u64(next, s->prepare_at_ms); /* the chosen slide is painted then */
        } else {
            /* its time (or blank just ended, or a job was dropped): prepare one */
            start_job(s, SLIDES_NEXT, take_pending_pos(s), s->hold_until_ms);
            next = now;
        }
    }
    /* what the steps above set in motion is due next (a transition that just ended has
     * started the next slide's job) */
    for (int t = 0; t < 2; t++)
        if (s->sl.jobs[t].active)
            next = min_u64(next, s->sl.jobs[t].photo_id ? s->sl.jobs[t].deadline_ms : now);
    if ((s->sl.state == SLIDES_FADING))
        next = min_u64(next, s->last_frame_ms + FRAME_MS);
    else if (s->sl.next.img && s->hold_until_ms != NEVER)
        next = min_u64(next, s->hold_until_ms);
    return next > now ? (int)min_u64(next - now, 60000) : 0;
}

/* ---- start and end ---- */

/* The worker's event types, read by its threads, which may outlive a show_run by a download
 * (their reports are then dropped): kept where every run's threads find them. */
static _Atomic uint32_t report_ev_feed, report_ev_photo;

/* From a worker thread: the result becomes an SDL event, which the main thread handles. */
static void post_report(void *ctx, enum worker_report_kind kind, void *payload)
{
    (void)ctx;
    SDL_Event ev = { .type = kind == WORKER_REPORT_FEED ? report_ev_feed : report_ev_photo };
    ev.user.data1 = payload; /* from here on the main thread owns payload */
    if (SDL_PushEvent(&ev) == 1)
        return;
    if (kind == WORKER_REPORT_FEED) /* not delivered: still ours */
        worker_feed_update_free(payload);
    else
        worker_photo_free(payload);
}

static void start_worker(struct show *s)
{
    int w, h;
    display_slide_size(s->disp, &w, &h);
    const struct config *c = s->cfg;
    struct worker_params p = {
        .feeds = c->feeds,
        .n_feeds = c->n_feeds,
        .cache_dir = c->cache_dir,
        .refresh_ms = s->pl.refresh_ms,
        .backoff_base_ms = 30000 / c->time_scale > 0 ? 30000 / c->time_scale : 1,
        .backoff_cap_ms = (s->pl.refresh_ms > 3600000 ? s->pl.refresh_ms : 3600000) / c->time_scale,
        .timeout_s = c->timeout_seconds,
        .article_images = c->article_images,
        .screen_w = w,
        .screen_h = h,
        .generation = s->generation,
        .report = post_report,
        .decode = photo_decode,
        .free_photo = free_photo,
        .now_ms = now_ms,
    };
    if (p.backoff_cap_ms < p.backoff_base_ms)
        p.backoff_cap_ms = p.backoff_base_ms;
    s->worker = worker_new(&p);
}

/* The first paint opens the fallback fonts and fills glyph caches (a few hundred ms);
 * doing it on a small idle slide while the worker fetches keeps it off the first slide. */
static void warm_up(struct show *s)
{
    struct story st;
    struct nr_err err = { 0 };
    struct slide_info info = { .now_unix = (int64_t)time(NULL) };
    if (!s->drawer)
        return;
    idle_story(s, &st);
    SDL_FreeSurface(drawer_render(s->drawer, &st, NULL, &info, 320, 180, &err));
    story_release(&st);
}

int show_run(struct config *cfg, const char *data_dir)
{
    return show_run_stats(cfg, data_dir, 0, NULL);
}

int show_run_stats(struct config *cfg, const char *data_dir, uint64_t max_slides,
                   struct show_stats *stats)
{
    struct show s = { .cfg = cfg,
                      .caller_cfg = cfg,
                      .drawer_cfg = cfg,
                      .data_dir = data_dir,
                      .max_slides = max_slides };
    struct nr_err err = { 0 };
    bool threads_done = true;

    /* before any thread exists, so that every thread inherits the mask (signals.h) */
    signals_block();
#ifdef __GLIBC__
    /* Slides and photos are 8 MiB buffers. glibc would raise its mmap threshold after the
     * first is freed and keep later ones in the heap, holding the peak for good; a fixed
     * threshold gives each back to the system when freed. Two arenas are enough for our
     * three threads. */
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    mallopt(M_ARENA_MAX, 2);
#endif
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        nr_error("cannot start SDL video: %s", SDL_GetError());
        return 1;
    }
    s.start_ms = now_ms();
    s.exit_status = 0;
    s.generation = 1;
    uint32_t base = SDL_RegisterEvents(3);
    if (base == (uint32_t)-1) {
        nr_error("cannot register SDL events");
        SDL_Quit();
        return 1;
    }
    s.ev_feed = base;
    s.ev_photo = base + 1;
    report_ev_feed = s.ev_feed;
    report_ev_photo = s.ev_photo;
    s.ev_signal = base + 2;
    if (signals_start(s.ev_signal, &err) != NR_OK)
        nr_warn("%s", err.msg);

    s.disp = display_new(cfg, &err);
    if (!s.disp) {
        nr_error("%s", err.msg);
        s.exit_status = 1;
        goto out;
    }
    playlist_init(&s.pl, cfg->feeds, cfg->n_feeds, refresh_ms_of(cfg), input_is_file);
    struct slides_ops ops = { display_image_free, free_photo, cancel_photo, &s };
    slides_init(&s.sl, &ops);
    s.hold_until_ms = NEVER;
    /* the cache and the first refresh run while the fonts open */
    start_worker(&s);
    snprintf(s.font_dir, sizeof s.font_dir, "%s/fonts", data_dir);
    s.drawer = drawer_new(s.font_dir, &cfg->theme, &err);
    if (!s.drawer)
        nr_error("%s; slides will be plain", err.msg);
    warm_up(&s);
    nr_debug("window and fonts ready after %llu ms", (unsigned long long)(now_ms() - s.start_ms));
    s.badge = badge_new(s.font_dir);
    s.notify = notify_new(cfg->notify_socket);
    s.watchdog_ms = notify_watchdog_ms(cfg->watchdog_usec, cfg->watchdog_pid);
    timers_start(&s);

    while (!s.quit) {
        int wait_ms = tick(&s, now_ms());
        if (s.quit)
            break;
        SDL_Event ev;
        if (SDL_WaitEventTimeout(&ev, wait_ms)) {
            on_event(&s, &ev);
            /* drain what else is queued before the next tick */
            while (!s.quit && SDL_PollEvent(&ev))
                on_event(&s, &ev);
        }
    }
    notify_send(s.notify, "STOPPING=1");
    write_status(&s);

out:
    worker_free(s.worker);
    s.worker = NULL;   /* the slides released below cancel nothing with it */
    /* a download stuck in the network must not hold up the exit (SIGTERM: out within a
     * second); threads still in one after this are abandoned with the process */
    threads_done = worker_wait_all(400);
    {
        /* free what is queued for us: updates and photos carry memory */
        SDL_Event ev;
        while (SDL_PollEvent(&ev)) {
            if (ev.type == s.ev_feed)
                worker_feed_update_free(ev.user.data1);
            else if (ev.type == s.ev_photo)
                worker_photo_free(ev.user.data1);
        }
    }
    slides_release(&s.sl);
    clear_pending(&s);
    playlist_release(&s.pl);
    badge_free(s.badge);
    drawer_free(s.drawer);
    if (s.drawer_cfg != s.cfg)
        config_drop(&s, s.drawer_cfg);
    config_drop(&s, s.cfg);
    if (s.disp)
        display_slide_size(s.disp, &s.stats.slide_w, &s.stats.slide_h);
    display_free(s.disp);
    notify_free(s.notify);
    signals_stop();
    if (stats)
        *stats = s.stats;
    SDL_Quit();
    if (!threads_done) {
        nr_info("a download is still running; leaving it");
        fflush(NULL);
        _exit(s.exit_status);
    }
    return s.exit_status;
}
