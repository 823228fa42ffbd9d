/* loop.c: the slideshow's main loop: sleeps until the next deadline or event, prepares the
 * next slide before its transition, applies refresh results, keys, signals and reloads. */
#include "show.h"

#include "alloc.h"
#include "badge.h"
#include "display.h"
#include "draw.h"
#include "fleet.h"
#include "snapshot.h"
#include "log.h"
#include "notify.h"
#include "rotation.h"
#include "signals.h"
#include "status.h"
#include "strutil.h"
#include "transition.h"
#include "worker.h"

#include <SDL.h>
#include <malloc.h>
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
#define IDLE_DWELL_MS 30000         /* the idle slide is painted again (its clock) */
#define CLOCK_CHECK_MS 30000        /* on/off hours are looked at this often */
#define MAX_BREAKING 16
#define ROTATION_CAP 500            /* the range of show.max_stories */

struct show_feed {
    char *input;
    bool local;                 /* a file the user named: its photos may be files */
    char *title;
    struct story_list stories;  /* the last good ones */
    int64_t success_unix;
    uint64_t success_ms;        /* 0: never */
    long http_status;
    char error[512];
    uint64_t next_attempt_ms;
    bool answered;              /* a refresh (not the cache) has reported */
};

enum job_target { JOB_CUR, JOB_NEXT };

/* A slide being prepared: waiting for its photo, then painted. */
struct job {
    bool active;
    bool idle;                  /* the "waiting for news" slide */
    struct story story;         /* deep copy: the feed may be replaced meanwhile */
    size_t feed, pos;           /* where it came from (pos: index in the rotation) */
    uint64_t photo_id;          /* 0: not waiting for a photo */
    SDL_Surface *photo;         /* owned once it arrived */
    uint64_t deadline_ms;       /* paint by then, with or without the photo */
};

struct slide {
    struct display_image *img;  /* NULL: none */
    bool idle;
    struct story story;         /* deep copy, for painting again after a resize */
    size_t feed, pos;
    int64_t dwell_ms;
    /* how it was painted, for `newsreel --snapshot` (snapshot.h) */
    struct slide_info info;
    int w, h;
    bool had_photo;
    char badge[64];             /* "" when none */
};

struct show {
    struct config *cfg;
    const char *data_dir;
    char font_dir[4096];
    struct display *disp;
    struct drawer *drawer;
    struct badge *badge;
    struct notifier *notify;
    struct worker *worker;
    uint32_t generation;
    uint32_t ev_feed, ev_photo, ev_signal;

    struct show_feed *feeds;
    size_t n_feeds;
    struct rot_entry order[ROTATION_CAP];
    size_t n_order;
    char *breaking[MAX_BREAKING];   /* ids to show next, oldest first */
    size_t n_breaking;

    struct slide cur, next;
    struct job jobs[2];         /* JOB_CUR (paint again), JOB_NEXT */
    uint64_t photo_seq;

    bool started;               /* a first slide was presented */
    uint64_t ground_at_ms;      /* NEVER once the ground (or a slide) was presented */
    bool cache_done;
    size_t feeds_answered;      /* feeds whose first refresh has reported */
    uint64_t start_ms;
    bool fading;
    uint64_t fade_start_ms, last_frame_ms;
    uint64_t hold_until_ms;     /* when the transition to next starts */
    bool paused;
    bool quit;
    int exit_status;

    int64_t refresh_ms;         /* scaled by debug.time_scale */
    int64_t watchdog_ms;
    uint64_t next_watchdog_ms, next_clock_ms, next_drift_ms, next_status_ms;
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

static void feeds_release(struct show_feed *f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(f[i].input);
        free(f[i].title);
        story_list_release(&f[i].stories);
    }
    free(f);
}

static struct show_feed *feeds_from_config(const struct config *cfg)
{
    struct show_feed *f = xcalloc(cfg->n_feeds ? cfg->n_feeds : 1, sizeof *f);
    for (size_t i = 0; i < cfg->n_feeds; i++) {
        char *url = pipeline_input_url(cfg->feeds[i]);
        f[i].input = xstrdup(cfg->feeds[i]);
        f[i].local = nr_starts_with_ci(url, "file:");
        free(url);
    }
    return f;
}

static bool feed_stale(const struct show *s, const struct show_feed *f, uint64_t now)
{
    if (!f->success_ms)
        return false;   /* never succeeded: it has no stories to badge either */
    return now - f->success_ms > 2 * (uint64_t)s->refresh_ms;
}

static void rebuild_rotation(struct show *s)
{
    struct story_list *lists = xcalloc(s->n_feeds ? s->n_feeds : 1, sizeof *lists);
    for (size_t i = 0; i < s->n_feeds; i++)
        lists[i] = s->feeds[i].stories;   /* shallow: rotation_build only reads */
    struct rotation_params p = {
        .max_stories = (size_t)s->cfg->max_stories,
        .max_age_s = (int64_t)s->cfg->max_age_hours * 3600 / s->cfg->time_scale,
    };
    s->n_order = rotation_build(lists, s->n_feeds, &p, (int64_t)time(NULL), s->order,
                                ROTATION_CAP);
    if (s->n_order == 0 && p.max_age_s > 0) {
        /* every story is older than max_age_hours: old news beats an empty screen */
        p.max_age_s = 0;
        s->n_order = rotation_build(lists, s->n_feeds, &p, (int64_t)time(NULL), s->order,
                                    ROTATION_CAP);
    }
    /* where the slides on screen now stand in the new order */
    if (!s->cur.idle && s->cur.img)
        s->cur.pos = rotation_find(s->order, s->n_order, lists, s->cur.story.id);
    if (!s->next.idle && s->next.img)
        s->next.pos = rotation_find(s->order, s->n_order, lists, s->next.story.id);
    free(lists);
}

static const struct story *order_story(const struct show *s, size_t pos)
{
    return &s->feeds[s->order[pos].feed].stories.items[s->order[pos].story];
}

/* ---- slides ---- */

static void job_reset(struct job *j)
{
    story_release(&j->story);
    SDL_FreeSurface(j->photo);
    memset(j, 0, sizeof *j);
}

static void slide_reset(struct slide *sl)
{
    display_image_free(sl->img);
    story_release(&sl->story);
    memset(sl, 0, sizeof *sl);
}

static void idle_story(const struct show *s, struct story *st)
{
    struct nr_buf b;
    memset(st, 0, sizeof *st);
    nr_buf_init(&b, 4096);
    nr_buf_puts(&b, s->n_feeds ? "From " : "");
    for (size_t i = 0; i < s->n_feeds; i++)
        nr_buf_printf(&b, "%s%s", i ? (i + 1 == s->n_feeds ? " and " : ", ") : "",
                      s->feeds[i].title ? s->feeds[i].title : s->feeds[i].input);
    if (s->n_feeds == 0)
        nr_buf_puts(&b, "no feed yet: name one on the command line or in newsreel.conf");
    st->id = xstrdup("newsreel:idle");
    st->headline = xstrdup("Waiting for news");
    st->dek = nr_buf_detach(&b);
    st->source = xstrdup("Newsreel");
}

static int64_t dwell_of(const struct show *s, const struct slide *sl)
{
    if (sl->idle)
        return s->n_order ? 0 : IDLE_DWELL_MS;
    if (s->cfg->slide_ms)
        return s->cfg->slide_ms;
    return rotation_dwell_ms(&sl->story, s->cfg->slide_seconds, s->cfg->max_slide_seconds,
                             s->cfg->reading_wpm);
}

/* Paints job into a texture for target; the job is consumed. */
static void paint_job(struct show *s, enum job_target target)
{
    struct job *j = &s->jobs[target];
    struct slide *sl = target == JOB_CUR ? &s->cur : &s->next;
    struct nr_err err = { 0 };
    int w, h;
    uint64_t t0 = now_ms();

    display_slide_size(s->disp, &w, &h);
    struct slide_info info = {
        .index = j->idle ? 0 : (int)j->pos,
        .count = j->idle ? 0 : (int)s->n_order,
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
    bool had_photo = j->photo != NULL;
    char badge[64] = "";
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
    if (surf && !j->idle && j->feed < s->n_feeds && feed_stale(s, &s->feeds[j->feed], t0)) {
        char text[64];
        badge_text((int64_t)time(NULL) - s->feeds[j->feed].success_unix, text, sizeof text);
        badge_paint(s->badge, surf, text, &s->cfg->theme);
        snprintf(badge, sizeof badge, "%s", text);
        nr_debug("badge '%s' on '%s'", text, j->story.headline);
    }
    slide_reset(sl);
    sl->img = display_image_new(s->disp, surf);   /* surf is the display's now */
    sl->idle = j->idle;
    sl->story = j->story;        /* moved */
    memset(&j->story, 0, sizeof j->story);
    sl->feed = j->feed;
    sl->pos = j->pos;
    sl->dwell_ms = dwell_of(s, sl);
    sl->info = info;
    sl->w = w;
    sl->h = h;
    sl->had_photo = had_photo;
    memcpy(sl->badge, badge, sizeof badge);
    job_reset(j);
    s->stats.renders++;
    s->stats.render_ms_sum += (double)(now_ms() - t0);
    nr_debug("slide painted in %llu ms", (unsigned long long)(now_ms() - t0));
    if (target == JOB_CUR)   /* painted again on screen (a resize) */
        snapshot_publish(&s->cur.story, &s->cur.info, s->cur.w, s->cur.h,
                         s->cur.badge[0] ? s->cur.badge : NULL, s->cur.had_photo, s->cur.idle);
}

/* Starts preparing a slide: the story at pos, or the idle slide when pos is SIZE_MAX. */
static void start_job(struct show *s, enum job_target target, size_t pos, uint64_t deadline_ms)
{
    struct job *j = &s->jobs[target];
    job_reset(j);
    j->active = true;
    j->deadline_ms = deadline_ms;
    if (pos == SIZE_MAX || pos >= s->n_order) {
        j->idle = true;
        j->feed = SIZE_MAX;
        idle_story(s, &j->story);
        return;
    }
    j->pos = pos;
    j->feed = s->order[pos].feed;
    story_copy(&j->story, order_story(s, pos));
    if (j->story.photo_url) {
        j->photo_id = ++s->photo_seq;
        bool files = s->feeds[j->feed].local && nr_starts_with_ci(j->story.photo_url, "file:");
        worker_request_photo(s->worker, j->photo_id, j->story.photo_url, files);
    }
}

/* Which rotation entry comes after the current slide: breaking news first. */
static size_t pick_next_pos(struct show *s)
{
    struct story_list *lists = NULL;
    while (s->n_breaking > 0) {
        char *id = s->breaking[0];
        memmove(&s->breaking[0], &s->breaking[1], --s->n_breaking * sizeof s->breaking[0]);
        lists = xcalloc(s->n_feeds ? s->n_feeds : 1, sizeof *lists);
        for (size_t i = 0; i < s->n_feeds; i++)
            lists[i] = s->feeds[i].stories;
        size_t pos = rotation_find(s->order, s->n_order, lists, id);
        free(lists);
        free(id);
        if (pos < s->n_order && (s->cur.idle || pos != s->cur.pos))
            return pos;
    }
    if (s->n_order == 0)
        return SIZE_MAX;
    if (s->cur.idle || !s->cur.img || s->cur.pos >= s->n_order)
        return 0;
    return (s->cur.pos + 1) % s->n_order;
}

/* After a slide went up: the next one starts preparing at once, so its photo has the whole
 * dwell to arrive. */
static void schedule_next(struct show *s, uint64_t now)
{
    slide_reset(&s->next);
    s->hold_until_ms = s->paused ? NEVER : now + (uint64_t)s->cur.dwell_ms;
    if (display_is_blank(s->disp))
        return;
    start_job(s, JOB_NEXT, pick_next_pos(s), s->hold_until_ms);
}

static void present(struct show *s, uint64_t now)
{
    struct display_layer layers[2];
    size_t n = 0;
    if (s->fading && s->next.img) {
        struct transition_frame f;
        int w, h;
        display_slide_size(s->disp, &w, &h);
        transition_frame(s->cfg->transition, now - s->fade_start_ms, s->cfg->transition_ms, w,
                         &f);
        layers[n++] = (struct display_layer){ s->cur.img, 255, f.out_x };
        layers[n++] = (struct display_layer){ s->next.img, f.in_alpha, f.in_x };
    } else {
        layers[n++] = (struct display_layer){ s->cur.img, 255, 0 };
    }
    display_present(s->disp, layers, n, s->cfg->theme.background, s->drift_x, s->drift_y);
}

static void send_status_line(struct show *s)
{
    char msg[256];
    size_t failing = 0;
    for (size_t i = 0; i < s->n_feeds; i++)
        failing += s->feeds[i].error[0] != '\0';
    if (failing)
        snprintf(msg, sizeof msg, "STATUS=showing %zu stories from %zu feeds; %zu failing",
                 s->n_order, s->n_feeds, failing);
    else
        snprintf(msg, sizeof msg, "STATUS=showing %zu stories from %zu feeds", s->n_order,
                 s->n_feeds);
    notify_send(s->notify, msg);
}

static void on_resize(struct show *s, uint64_t now);

/* The transition is over (or there was none): next becomes current. */
static void finish_transition(struct show *s, uint64_t now)
{
    s->fading = false;
    slide_reset(&s->cur);
    s->cur = s->next;
    memset(&s->next, 0, sizeof s->next);
    s->stats.slides++;
    snapshot_publish(&s->cur.story, &s->cur.info, s->cur.w, s->cur.h,
                     s->cur.badge[0] ? s->cur.badge : NULL, s->cur.had_photo, s->cur.idle);
    nr_debug("slide %llu: '%s'", (unsigned long long)s->stats.slides,
             s->cur.story.headline ? s->cur.story.headline : "");
    if (!s->started) {
        s->started = true;
        s->stats.first_slide_ms = now - s->start_ms;
        nr_debug("first slide after %llu ms", (unsigned long long)s->stats.first_slide_ms);
    }
    present(s, now);
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
    if (!s->cur.img || s->cfg->transition == TRANSITION_CUT || s->cfg->transition_ms == 0) {
        finish_transition(s, now);
        return;
    }
    s->fading = true;
    s->fade_start_ms = now;
    s->last_frame_ms = 0;
}

/* ---- status file ---- */

static void write_status(struct show *s)
{
    struct status_feed *sf = xcalloc(s->n_feeds ? s->n_feeds : 1, sizeof *sf);
    uint64_t now = now_ms();
    int64_t now_unix = (int64_t)time(NULL);
    for (size_t i = 0; i < s->n_feeds; i++) {
        const struct show_feed *f = &s->feeds[i];
        int64_t until = (int64_t)f->next_attempt_ms - (int64_t)now;
        sf[i] = (struct status_feed){
            .input = f->input,
            .title = f->title,
            .last_success_unix = f->success_unix,
            .http_status = f->http_status,
            .error = f->error,
            .stories = f->stories.n,
            .next_attempt_unix = f->next_attempt_ms ? now_unix + until / 1000 : 0,
            .stale = feed_stale(s, f, now),
        };
    }
    struct nr_err err = { 0 };
    const char *path = config_status_path(s->cfg);
    if (path && status_write(path, sf, s->n_feeds, s->n_order, now_unix, &err) != NR_OK) {
        static bool warned;   /* a read-only disk: said once */
        if (!warned)
            nr_warn("%s", err.msg);
        warned = true;
    }
    bool news = s->started && !s->cur.idle && !display_is_blank(s->disp);
    struct fleet_state st = {
        .slides = s->n_order,
        .slides_shown = s->stats.slides,
        .photo_failures = worker_photo_failure_count(),
        .article_pages = pipeline_article_pages_read(),
        .screen = display_is_blank(s->disp) ? FLEET_SCREEN_OFF_SCHEDULE
                  : news                    ? FLEET_SCREEN_ON
                                            : FLEET_SCREEN_OFF_FAULT,
        .slide_id = news ? s->cur.story.id : NULL,
    };
    status_publish(s->cfg, sf, s->n_feeds, &st);
    free(sf);
    s->status_dirty = false;
}

/* ---- events ---- */

static bool story_known(const struct story_list *l, const char *id)
{
    for (size_t i = 0; id && i < l->n; i++)
        if (l->items[i].id && strcmp(l->items[i].id, id) == 0)
            return true;
    return false;
}

static void on_feed_update(struct show *s, struct worker_feed_update *u, uint64_t now)
{
    if (u->generation != s->generation)
        return;
    if (u->feed == WORKER_CACHE_DONE) {
        s->cache_done = true;
        return;
    }
    if (u->feed >= s->n_feeds)
        return;
    struct show_feed *f = &s->feeds[u->feed];
    s->stats.feed_updates++;
    if (!u->from_cache && !f->answered) {
        f->answered = true;
        s->feeds_answered++;
    }
    f->http_status = u->http_status;
    snprintf(f->error, sizeof f->error, "%s", u->error);
    f->next_attempt_ms = u->next_attempt_ms;
    f->success_unix = u->success_unix;
    f->success_ms = u->success_ms;
    if (u->has_stories) {
        /* news that arrived just now goes next, ahead of the rotation */
        int64_t breaking_s = (int64_t)s->cfg->breaking_minutes * 60 / s->cfg->time_scale;
        for (size_t i = 0; !u->from_cache && f->stories.n && i < u->stories.n; i++) {
            const struct story *st = &u->stories.items[i];
            if (s->n_breaking < MAX_BREAKING && st->id && !story_known(&f->stories, st->id) &&
                rotation_is_breaking(st, (int64_t)time(NULL), breaking_s))
                s->breaking[s->n_breaking++] = xstrdup(st->id);
        }
        story_list_release(&f->stories);
        f->stories = u->stories;
        memset(&u->stories, 0, sizeof u->stories);
        if (u->title) {
            free(f->title);
            f->title = u->title;
            u->title = NULL;
        }
        bool had = s->n_order > 0;
        rebuild_rotation(s);
        /* stories where there were none: leave the idle slide now */
        if (!had && s->n_order > 0 && s->started && s->cur.idle && !s->fading) {
            slide_reset(&s->next);
            s->hold_until_ms = now;
            start_job(s, JOB_NEXT, pick_next_pos(s), now + FIRST_PHOTO_WAIT_MS);
        }
    }
    s->status_dirty = true;
    send_status_line(s);
}

static void on_photo(struct show *s, struct worker_photo *p)
{
    if (p->generation != s->generation)
        return;
    for (int t = 0; t < 2; t++) {
        struct job *j = &s->jobs[t];
        if (!j->active || j->photo_id != p->id)
            continue;
        j->photo_id = 0;
        if (p->photo) {
            j->photo = p->photo;   /* the job owns it now */
            p->photo = NULL;
        } else {
            nr_debug("photo of '%s' not shown: %s", j->story.headline, p->error);
        }
        paint_job(s, (enum job_target)t);
        if (t == JOB_CUR)
            present(s, now_ms());
    }
}

/* Everything the worker and the slides were made from is rebuilt; the slide on screen
 * stays up meanwhile, so a reload shows no blank frame. */
static void start_worker(struct show *s);
static void reload(struct show *s)
{
    struct config fresh;
    struct nr_err err = { 0 };
    if (config_reload(s->cfg, &fresh, &err) != NR_OK) {
        nr_error("reload: %s; keeping the running settings", err.msg);
        return;
    }
    if (fresh.n_feeds == 0) {
        char sample[4200];
        snprintf(sample, sizeof sample, "%s/assets/sample/feed.xml", s->data_dir);
        config_add_feed(&fresh, sample);
        fresh.max_age_hours = 8760;   /* as main does for the bundled sample */
    }
    /* keep the stories of feeds that stay */
    struct show_feed *feeds = feeds_from_config(&fresh);
    for (size_t i = 0; i < fresh.n_feeds; i++) {
        for (size_t k = 0; k < s->n_feeds; k++) {
            if (!s->feeds[k].input || strcmp(s->feeds[k].input, feeds[i].input) != 0)
                continue;
            struct show_feed *o = &s->feeds[k];
            feeds[i].stories = o->stories;
            memset(&o->stories, 0, sizeof o->stories);
            feeds[i].title = o->title;
            o->title = NULL;
            feeds[i].success_unix = o->success_unix;
            feeds[i].success_ms = o->success_ms;
            break;
        }
    }
    feeds_release(s->feeds, s->n_feeds);
    s->feeds = feeds;
    s->n_feeds = fresh.n_feeds;
    enum run_mode keep_mode = s->cfg->mode;
    config_release(s->cfg);
    *s->cfg = fresh;
    s->cfg->mode = keep_mode;
    nr_log_set_level((enum nr_log_level)s->cfg->log_level);
    fleet_apply_network(s->cfg);
    s->refresh_ms = (int64_t)s->cfg->refresh_minutes * 60000 / s->cfg->time_scale;

    struct drawer *d = drawer_new(s->font_dir, &s->cfg->theme, &err);
    if (d) {
        drawer_free(s->drawer);
        s->drawer = d;
    } else {
        nr_warn("reload: %s; keeping the fonts open", err.msg);
    }
    bool repaint = display_configure(s->disp, s->cfg);
    s->next_clock_ms = 0;   /* new on and off times count at once */
    worker_free(s->worker);
    s->worker = NULL;
    s->generation++;
    job_reset(&s->jobs[JOB_CUR]);
    job_reset(&s->jobs[JOB_NEXT]);
    start_worker(s);
    rebuild_rotation(s);
    /* the next slide is made again with the new look; the current one stays up */
    if (!s->fading) {
        slide_reset(&s->next);
        start_job(s, JOB_NEXT, pick_next_pos(s), s->hold_until_ms);
    }
    if (repaint)
        on_resize(s, now_ms());   /* a new rotation: the slide on screen is painted again */
    s->status_dirty = true;
    nr_info("settings reloaded");
}

static void go_to(struct show *s, size_t pos, uint64_t now)
{
    if (s->fading)
        finish_transition(s, now);
    slide_reset(&s->next);
    start_job(s, JOB_NEXT, pos, now + MANUAL_PHOTO_WAIT_MS);
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
        if (s->n_order == 0)
            break;
        if (s->next.img || s->jobs[JOB_NEXT].active) {
            struct job *j = &s->jobs[JOB_NEXT];
            if (j->active && j->deadline_ms > now + MANUAL_PHOTO_WAIT_MS)
                j->deadline_ms = now + MANUAL_PHOTO_WAIT_MS;
            s->hold_until_ms = now;
        } else {
            go_to(s, pick_next_pos(s), now);
        }
        break;
    case SDLK_LEFT:
        if (s->n_order == 0)
            break;
        if (s->cur.idle || s->cur.pos >= s->n_order)
            go_to(s, 0, now);
        else
            go_to(s, (s->cur.pos + s->n_order - 1) % s->n_order, now);
        break;
    case SDLK_p:
        s->paused = !s->paused;
        s->hold_until_ms = s->paused ? NEVER : now + (uint64_t)s->cur.dwell_ms;
        if (s->jobs[JOB_NEXT].active && !s->paused)
            s->jobs[JOB_NEXT].deadline_ms = s->hold_until_ms;
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

/* The output changed size, rotation or lost its textures: present what we have at once, then
 * paint the slides again at the new size. */
static void on_resize(struct show *s, uint64_t now)
{
    s->stats.output_changes++;
    present(s, now);
    if (s->cur.img || s->cur.idle) {
        struct job *j = &s->jobs[JOB_CUR];
        job_reset(j);
        j->active = true;
        j->idle = s->cur.idle;
        j->feed = s->cur.feed;
        j->pos = s->cur.pos;
        story_copy(&j->story, &s->cur.story);
        j->deadline_ms = now + MANUAL_PHOTO_WAIT_MS;
        if (j->story.photo_url && !j->idle && j->feed < s->n_feeds) {
            j->photo_id = ++s->photo_seq;
            worker_request_photo(s->worker, j->photo_id, j->story.photo_url,
                                 s->feeds[j->feed].local &&
                                     nr_starts_with_ci(j->story.photo_url, "file:"));
        }
    }
    if (s->next.img && !s->fading) {
        size_t pos = s->next.idle ? SIZE_MAX : s->next.pos;
        slide_reset(&s->next);
        start_job(s, JOB_NEXT, pos, s->hold_until_ms);
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
        if (s->started || s->ground_at_ms == NEVER)
            present(s, now);
    }
}

/* ---- timers ---- */

static uint64_t min_u64(uint64_t a, uint64_t b)
{
    return a < b ? a : b;
}

/* Advances everything that is due at now; returns ms until the next thing is. */
static int tick(struct show *s, uint64_t now)
{
    uint64_t next = now + 60000;

    if (s->watchdog_ms > 0) {
        if (now >= s->next_watchdog_ms) {
            notify_send(s->notify, "WATCHDOG=1");
            s->next_watchdog_ms = now + (uint64_t)s->watchdog_ms;
        }
        next = min_u64(next, s->next_watchdog_ms);
    }
    if (now >= s->next_clock_ms) {
        time_t t = time(NULL);
        struct tm tm;
        localtime_r(&t, &tm);
        bool on = display_on_at(s->cfg->on_minute, s->cfg->off_minute, tm.tm_hour * 60 + tm.tm_min);
        if (on == display_is_blank(s->disp)) {
            display_set_blank(s->disp, !on);
            s->status_dirty = true;   /* the metrics say what the screen does */
            if (on) {
                s->hold_until_ms = now;   /* back on: a fresh slide */
                if (!s->jobs[JOB_NEXT].active && !s->next.img)
                    start_job(s, JOB_NEXT, pick_next_pos(s), now + MANUAL_PHOTO_WAIT_MS);
            }
            present(s, now);
        }
        s->next_clock_ms = now + CLOCK_CHECK_MS;
    }
    next = min_u64(next, s->next_clock_ms);
    if (now >= s->next_drift_ms) {
        int dx, dy;
        display_drift(now, s->cfg->drift_px, &dx, &dy);
        s->next_drift_ms = now + (uint64_t)display_drift_period_ms(s->cfg->drift_px);
        if ((dx != s->drift_x || dy != s->drift_y) && s->started) {
            s->drift_x = dx;
            s->drift_y = dy;
            present(s, now);
        }
    }
    next = min_u64(next, s->next_drift_ms);
    if (s->status_dirty && now >= s->next_status_ms) {
        write_status(s);
        s->next_status_ms = now + 1000;   /* at most once a second, however busy the feeds */
    }
    if (s->status_dirty)
        next = min_u64(next, s->next_status_ms);

    if (display_is_blank(s->disp))
        return (int)(next - now);

    if (!s->started && s->ground_at_ms != NEVER) {
        if (now >= s->ground_at_ms) {
            display_present(s->disp, NULL, 0, s->cfg->theme.background, 0, 0);
            s->ground_at_ms = NEVER;
        } else {
            next = min_u64(next, s->ground_at_ms);
        }
    }
    /* the first slide: the cache has answered, or we stop waiting for it */
    if (!s->started && !s->jobs[JOB_NEXT].active && !s->next.img) {
        /* stories (from the cache or a quick first refresh), or every feed has answered
         * without any, or we stop waiting: the idle slide */
        if (s->n_order > 0 || (s->cache_done && s->feeds_answered >= s->n_feeds) ||
            now - s->start_ms >= START_WAIT_MS) {
            start_job(s, JOB_NEXT, s->n_order ? pick_next_pos(s) : SIZE_MAX,
                      now + FIRST_PHOTO_WAIT_MS);
            s->hold_until_ms = now;
        } else {
            next = min_u64(next, s->start_ms + START_WAIT_MS);
        }
    }
    /* a job whose photo is late is painted without it: the network never holds a slide */
    for (int t = 0; t < 2; t++) {
        struct job *j = &s->jobs[t];
        if (!j->active)
            continue;
        if (!j->photo_id || now >= j->deadline_ms) {
            if (j->photo_id) {
                nr_debug("photo of '%s' late; shown without it", j->story.headline);
                worker_cancel_photo(s->worker, j->photo_id);
            }
            paint_job(s, (enum job_target)t);
            if (t == JOB_CUR)
                present(s, now);
        } else {
            next = min_u64(next, j->deadline_ms);
        }
    }
    if (s->fading) {
        struct transition_frame f;
        int w, h;
        display_slide_size(s->disp, &w, &h);
        transition_frame(s->cfg->transition, now - s->fade_start_ms, s->cfg->transition_ms, w, &f);
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
        if (s->fading)
            next = min_u64(next, s->last_frame_ms + FRAME_MS);
    } else if (s->next.img && now >= s->hold_until_ms) {
        start_transition(s, now);
        if (s->fading)
            next = now;
    } else if (s->next.img && s->hold_until_ms != NEVER) {
        next = min_u64(next, s->hold_until_ms);
    } else if (!s->next.img && !s->jobs[JOB_NEXT].active && s->started && !s->paused && !s->quit) {
        /* nothing prepared (blank just ended, or a job was dropped): prepare one */
        start_job(s, JOB_NEXT, pick_next_pos(s), s->hold_until_ms);
        next = now;
    }
    /* what the steps above set in motion is due next (a transition that just ended has
     * started the next slide's job) */
    for (int t = 0; t < 2; t++)
        if (s->jobs[t].active)
            next = min_u64(next, s->jobs[t].photo_id ? s->jobs[t].deadline_ms : now);
    if (s->fading)
        next = min_u64(next, s->last_frame_ms + FRAME_MS);
    else if (s->next.img && s->hold_until_ms != NEVER)
        next = min_u64(next, s->hold_until_ms);
    return next > now ? (int)min_u64(next - now, 60000) : 0;
}

/* ---- start and end ---- */

static void start_worker(struct show *s)
{
    int w, h;
    display_slide_size(s->disp, &w, &h);
    const struct config *c = s->cfg;
    struct worker_params p = {
        .feeds = c->feeds,
        .n_feeds = c->n_feeds,
        .cache_dir = c->cache_dir,
        .refresh_ms = s->refresh_ms,
        .backoff_base_ms = 30000 / c->time_scale > 0 ? 30000 / c->time_scale : 1,
        .backoff_cap_ms = (s->refresh_ms > 3600000 ? s->refresh_ms : 3600000) / c->time_scale,
        .timeout_s = c->timeout_seconds,
        .article_images = c->article_images,
        .screen_w = w,
        .screen_h = h,
        .generation = s->generation,
        .feed_event = s->ev_feed,
        .photo_event = s->ev_photo,
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
    struct show s = { .cfg = cfg, .data_dir = data_dir, .max_slides = max_slides };
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
    s.ev_signal = base + 2;
    if (signals_start(s.ev_signal, &err) != NR_OK)
        nr_warn("%s", err.msg);

    s.disp = display_new(cfg, &err);
    if (!s.disp) {
        nr_error("%s", err.msg);
        s.exit_status = 1;
        goto out;
    }
    s.refresh_ms = (int64_t)cfg->refresh_minutes * 60000 / cfg->time_scale;
    s.feeds = feeds_from_config(cfg);
    s.n_feeds = cfg->n_feeds;
    s.hold_until_ms = NEVER;
    s.ground_at_ms = s.start_ms + GROUND_WAIT_MS;
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
    job_reset(&s.jobs[JOB_CUR]);
    job_reset(&s.jobs[JOB_NEXT]);
    slide_reset(&s.cur);
    slide_reset(&s.next);
    for (size_t i = 0; i < s.n_breaking; i++)
        free(s.breaking[i]);
    feeds_release(s.feeds, s.n_feeds);
    badge_free(s.badge);
    drawer_free(s.drawer);
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
