/* loop.c: the slideshow's main loop: start, event dispatch (refresh results, photos, keys,
 * signals, output changes), reload and stop. It sleeps until the earliest timer or slide
 * deadline, or an event. */
#include "show_int.h"

#include "alert.h"
#include "alloc.h"
#include "badge.h"
#include "display.h"
#include "draw.h"
#include "fleet.h"
#include "i18n.h"
#include "log.h"
#include "logos.h"
#include "notify.h"
#include "signals.h"
#include "strutil.h"
#include "ticker.h"
#include "watch.h"
#include "worker.h"

#include <malloc.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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

void show_rebuild_rotation(struct show *s)
{
    show_playlist_rebuild(&s->pl, (size_t)s->cfg->max_stories,
                          (int64_t)s->cfg->max_age_hours * 3600 / s->cfg->time_scale,
                          (int64_t)time(NULL));
    /* where the slides on screen now stand in the new order */
    if (!s->sl.cur.idle && s->sl.cur.img)
        s->sl.cur.pos = show_playlist_find(&s->pl, s->sl.cur.story.id);
    if (!s->sl.next.idle && s->sl.next.img)
        s->sl.next.pos = show_playlist_find(&s->pl, s->sl.next.story.id);
}

/* ---- events ---- */

/* Frees the stories not taken yet (a reload or the end). */
static void drop_stories_in(struct show *s)
{
    for (size_t i = 0; s->stories_in && i < s->pl.n_feeds; i++) {
        pipeline_worker_feed_update_free(s->stories_in[i]);
        s->stories_in[i] = NULL;
    }
}

/* The rotation is built again after its stories or announcements changed; had: it held
 * any before. Slides where there were none leave the idle slide now (true); else false. */
static bool rebuild_rotation(struct show *s, bool had, uint64_t now)
{
    show_rebuild_rotation(s);
    s->stats.rotation_builds++;
    if (had || s->pl.n_order == 0 || !s->started || !s->sl.cur.idle || s->sl.state == SLIDES_FADING)
        return false;
    show_slides_drop_next(&s->sl);
    s->hold_until_ms = now;
    show_start_job(s, SLIDES_NEXT, show_pick_next_pos(s), now + FIRST_PHOTO_WAIT_MS);
    return true;
}

/* The playlist takes the stories that came since the last tick, and the rotation is built
 * once for all of them. */
static void take_stories_in(struct show *s, uint64_t now)
{
    bool any = false, had = s->pl.n_order > 0;
    int64_t breaking_s = (int64_t)s->cfg->breaking_minutes * 60 / s->cfg->time_scale;
    for (size_t i = 0; s->stories_in && i < s->pl.n_feeds; i++) {
        struct worker_feed_update *u = s->stories_in[i];
        if (!u)
            continue;
        show_logos_note_url(s, i, u->logo_url);
        show_playlist_take_stories(&s->pl, i, &u->stories, u->title, u->from_cache,
                                   (int64_t)time(NULL), breaking_s);
        u->title = NULL; /* the playlist's now */
        pipeline_worker_feed_update_free(u);
        s->stories_in[i] = NULL;
        any = true;
    }
    if (!any)
        return;
    if (!rebuild_rotation(s, had, now) && s->started)
        show_renew_next(s, now); /* an upgraded story is painted again before its turn */
    show_send_status_line(s);
}

/* The announcements that show now, when they changed (a file, or their hours): the
 * rotation is built again, and slides made from ones that went or changed follow. */
static void take_announcements(struct show *s, uint64_t now)
{
    bool had = s->pl.n_order > 0;
    if (!show_announce_refresh(s))
        return;
    if (!rebuild_rotation(s, had, now) && s->started) {
        show_announce_follow(s, now);
        show_renew_next(s, now);
    }
}

/* A refresh reported: its status counts at once, its stories at the next tick. Returns
 * true when it keeps u. */
static bool on_feed_update(struct show *s, struct worker_feed_update *u)
{
    if (u->generation != s->generation)
        return false;
    if (u->feed == WORKER_CACHE_DONE) {
        s->cache_done = true;
        return false;
    }
    if (u->feed >= s->pl.n_feeds)
        return false;
    struct worker_feed_update *held = s->stories_in[u->feed];
    if (u->articles) {
        /* the same stories, upgraded from their articles: they replace what the feed holds
         * as a refresh does (the rotation keeps its place: the ids are the same); the
         * feed's status stays as its refresh left it */
        s->stats.article_updates++;
        if (held) { /* the refresh it upgrades was not taken yet: keep what it said */
            u->from_cache = held->from_cache;
            if (!u->title) {
                u->title = held->title;
                held->title = NULL;
            }
        }
        pipeline_worker_feed_update_free(held);
        s->stories_in[u->feed] = u;
        return true;
    }
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
    show_mark_status_dirty(s);
    if (!u->has_stories) {
        show_send_status_line(s);
        return false;
    }
    pipeline_worker_feed_update_free(held); /* superseded */
    s->stories_in[u->feed] = u;
    return true;
}

static void on_photo(struct show *s, struct worker_photo *p)
{
    if (p->generation != s->generation || show_logos_take(s, p))
        return;
    int t = show_slides_photo(&s->sl, p->id, p->photo); /* takes the photo */
    p->photo = NULL;
    if (t < 0)
        return; /* nobody waits for it any more */
    if (!s->sl.jobs[t].photo)
        nr_debug("photo of '%s' not shown: %s", s->sl.jobs[t].story.headline, p->error);
    show_paint_job(s, (enum slides_target)t);
    if (t == SLIDES_CUR)
        show_present(s, show_now_ms());
}

static void start_worker(struct show *s);
/* Frees a config a reload made (show_run's own stays the caller's). */
static void config_drop(struct show *s, struct config *c)
{
    if (!c || c == s->caller_cfg)
        return;
    config_release(c);
    free(c);
}

/* The feeds of fresh: a new playlist that keeps the stories of feeds that stay, and the
 * slides told their feeds' new indices before anything paints again. */
static void reload_playlist(struct show *s, const struct config *fresh)
{
    struct playlist pl;
    show_playlist_init(&pl, fresh->feeds, fresh->n_feeds, refresh_ms_of(fresh), input_is_file);
    show_playlist_set_rules(&pl, fresh);
    size_t *map = xcalloc(s->pl.n_feeds ? s->pl.n_feeds : 1, sizeof *map);
    show_playlist_adopt(&pl, &s->pl, map);
    show_slides_remap_feeds(&s->sl, map, s->pl.n_feeds);
    free(map);
    show_playlist_release(&s->pl);
    s->pl = pl;
    free(s->stories_in);
    s->stories_in = xcalloc(s->pl.n_feeds ? s->pl.n_feeds : 1, sizeof *s->stories_in);
    show_logos_reset(s); /* the feeds' indices moved: asked for again (the disk has them) */
}

/* Fonts opened again for s->cfg; then the old config (old) is freed once nothing borrows
 * from it: when the new fonts cannot be opened, the old drawer and the config whose theme
 * it holds stay together. */
static void reload_drawer(struct show *s, struct config *old)
{
    struct nr_err err = { 0 };
    struct drawer *d = drawer_new(s->font_dir, &s->cfg->theme, &err);
    if (d) {
        drawer_free(s->drawer);
        s->drawer = d;
        if (s->drawer_cfg != old)
            config_drop(s, s->drawer_cfg);
        s->drawer_cfg = s->cfg;
        config_drop(s, old);
    } else {
        nr_warn("reload: %s; keeping the fonts open", err.msg);
        if (old != s->drawer_cfg)
            config_drop(s, old);
    }
}

/* SIGHUP: a new config, swapped in whole; what was built from the old one is built again.
 * The slide on screen stays up meanwhile, so a reload shows no blank frame. */
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
    take_stories_in(s, show_now_ms()); /* what came before the reload is kept */
    reload_playlist(s, fresh);
    fresh->mode = s->cfg->mode;
    struct config *old = s->cfg;
    s->cfg = fresh;
    show_announce_configure(s); /* the folder's thread stays when the folder does */
    nr_log_set_level((enum nr_log_level)s->cfg->log_level);
    /* the slides made from here on speak the new language */
    nr_i18n_set_language(s->cfg->language ? s->cfg->language : s->cfg->locale_language, NULL);
    fleet_apply_network(s->cfg); /* the new worker's requests use the new proxy and keys */
    reload_drawer(s, old);
    bool repaint = show_display_configure(s->disp, s->cfg);
    show_timers_at(&s->timers, s->t_clock, 0, false); /* new on and off times count at once */
    pipeline_worker_free(s->worker);
    s->worker = NULL;
    s->generation++;
    show_slides_job_cancel(&s->sl, SLIDES_CUR);
    show_slides_job_cancel(&s->sl, SLIDES_NEXT);
    start_worker(s);
    show_alert_reload(s);
    show_rebuild_rotation(s);
    /* the next slide is made again with the new look; the current one stays up */
    if (s->sl.state != SLIDES_FADING) {
        show_slides_drop_next(&s->sl);
        show_start_job(s, SLIDES_NEXT, show_pick_next_pos(s), s->hold_until_ms);
    }
    if (repaint)
        show_on_resize(s, show_now_ms()); /* a new rotation: the slide on screen is painted again */
    show_mark_status_dirty(s);
    nr_info("settings reloaded");
}

void show_advance(struct show *s, uint64_t now)
{
    if (s->pl.n_order == 0 || show_alert_holds_screen(s))
        return; /* an alert on screen is not skipped */
    if (s->sl.next.img || s->sl.jobs[SLIDES_NEXT].active) {
        struct slide_job *j = &s->sl.jobs[SLIDES_NEXT];
        if (j->active && j->deadline_ms > now + MANUAL_PHOTO_WAIT_MS)
            j->deadline_ms = now + MANUAL_PHOTO_WAIT_MS;
        s->hold_until_ms = now;
    } else {
        show_go_to(s, show_take_pending_pos(s), now);
    }
}

void show_toggle_pause(struct show *s, uint64_t now)
{
    s->paused = !s->paused;
    if (!show_alert_holds_screen(s)) /* under an alert, its end sets the time */
        s->hold_until_ms = s->paused ? NEVER : now + (uint64_t)s->sl.cur.dwell_ms;
    if (s->sl.jobs[SLIDES_NEXT].active && !s->paused)
        s->sl.jobs[SLIDES_NEXT].deadline_ms = s->hold_until_ms;
    nr_info("%s", s->paused ? "paused" : "playing");
    show_repaint_overlays(s, now); /* the pause mark */
}

static void on_key(struct show *s, const SDL_KeyboardEvent *k, uint64_t now)
{
    switch (k->keysym.sym) {
    case SDLK_q:
    case SDLK_ESCAPE: s->quit = true; break;
    case SDLK_RIGHT:
    case SDLK_SPACE: show_advance(s, now); break;
    case SDLK_LEFT:
        if (s->pl.n_order == 0)
            break;
        if (s->sl.cur.idle || s->sl.cur.pos >= s->pl.n_order)
            show_go_to(s, 0, now);
        else
            show_go_to(s, (s->sl.cur.pos + s->pl.n_order - 1) % s->pl.n_order, now);
        break;
    case SDLK_p: show_toggle_pause(s, now); break;
    case SDLK_f:
        if (show_display_toggle_fullscreen(s->disp))
            show_on_resize(s, now);
        break;
    default: break;
    }
}

static void on_event(struct show *s, const SDL_Event *ev)
{
    uint64_t now = show_now_ms();
    char what[600];
    if (ev->type == s->ev_feed) {
        struct worker_feed_update *u = ev->user.data1;
        if (!on_feed_update(s, u))
            pipeline_worker_feed_update_free(u);
    } else if (ev->type == s->ev_photo) {
        struct worker_photo *p = ev->user.data1;
        on_photo(s, p);
        pipeline_worker_photo_free(p);
    } else if (ev->type == s->ev_signal) {
        if (ev->user.code == SIGHUP) {
            nr_info("SIGHUP: reloading the settings");
            reload(s);
        } else {
            s->quit = true;
        }
    } else if (show_announce_event(s, ev)) {
        /* a new look at the announcements folder: taken at the tick */
    } else if (ev->type == SDL_QUIT) {
        s->quit = true;
    } else if (ev->type == SDL_KEYDOWN && !ev->key.repeat) {
        on_key(s, &ev->key, now);
    } else if (show_display_screens_changed(s->disp, ev, what, sizeof what)) {
        /* SDL takes up a screen only as its video starts: out, for the service to start us
         * again on the new one (the slides come back from the cache) */
        nr_warn("the screens changed (%s): stopping to start again on them", what);
        s->exit_status = SHOW_EXIT_SCREENS_CHANGED;
        s->quit = true;
    } else if (show_alert_on_event(s, ev) || show_touch_on_event(s, ev, now)) {
        /* handled */
    } else if (show_display_handle_event(s->disp, ev)) {
        show_on_resize(s, now);
    } else if (ev->type == SDL_WINDOWEVENT && ev->window.event == SDL_WINDOWEVENT_EXPOSED) {
        /* before the first slide the ground's deadline (or the slide itself) draws: a frame
         * here, as the window first maps, would only delay the first slide */
        if (s->started || s->ground_shown)
            show_present(s, now);
    }
}

/* Advances everything that is due at now; returns ms until the next thing is. */
static int tick(struct show *s, uint64_t now)
{
    take_stories_in(s, now);
    take_announcements(s, now);
    uint64_t next = now + (uint64_t)show_timers_run(&s->timers, now, 60000);
    next = show_alert_step(s, now, next);
    next = show_touch_step(s, now, next);
    /* blank: the slides wait for the screen; a full-screen alert: they stand still under it */
    if (!show_display_is_blank(s->disp) && !show_alert_holds_screen(s)) {
        next = show_slides_step(s, now, next);
        next = show_ticker_step(s, now, next);
    }
    return next > now ? (int)show_min_u64(next - now, 60000) : 0;
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
        pipeline_worker_feed_update_free(payload);
    else
        pipeline_worker_photo_free(payload);
}

/* The worker's decoder: the photo cut down to what its slide shows before it crosses to the
 * main thread, so that painting holds the slide on screen, the new slide and only the part
 * of the photo the new slide uses (worker thread). */
static SDL_Surface *decode_for_slide(const void *data, size_t len, int max_w, int max_h,
                                     struct nr_err *err)
{
    return draw_photo_crop_to_box(draw_photo_decode(data, len, max_w, max_h, err), max_w, max_h);
}

static void start_worker(struct show *s)
{
    int w, h;
    show_display_slide_size(s->disp, &w, &h);
    const struct config *c = s->cfg;
    char article_dir[4200];
    if (c->cache_dir)
        snprintf(article_dir, sizeof article_dir, "%s/articles", c->cache_dir);
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
        .decode = decode_for_slide,
        .decode_logo = draw_logo_decode,
        .free_photo = show_free_photo,
        .now_ms = show_now_ms,
        /* the same politeness and caps as --dump (cli_article_options) */
        .read_articles = c->article_read,
        .articles = {
            .pages_per_refresh = c->article_pages,
            .host_gap_ms = c->article_host_gap_ms,
            .robots = c->article_robots,
            .cache_dir = c->cache_dir ? article_dir : NULL,
            .cache_max_entries = (size_t)c->article_cache_entries,
            .cache_max_bytes = (size_t)c->article_cache_mb * 1024 * 1024,
            .screen_w = w,
            .screen_h = h,
            .timeout_ms = (long)c->timeout_seconds * 1000,
        },
        .order = show_playlist_feed_order,
        .order_max_stories = (size_t)c->max_stories,
        .order_max_age_s = (int64_t)c->max_age_hours * 3600 / c->time_scale,
    };
    if (p.backoff_cap_ms < p.backoff_base_ms)
        p.backoff_cap_ms = p.backoff_base_ms;
    s->worker = pipeline_worker_new(&p);
}

int show_run(struct config *cfg, const char *data_dir)
{
    return show_run_stats(cfg, data_dir, 0, NULL);
}

/* Opens the window, starts the worker and opens the fonts (the cache and the first refresh
 * run meanwhile). False when there is no screen: s->exit_status says so. SDL is started. */
static bool show_start(struct show *s)
{
    struct nr_err err = { 0 };
    s->start_ms = show_now_ms();
    s->generation = 1;
    uint32_t base = SDL_RegisterEvents(3);
    if (base == (uint32_t)-1) {
        nr_error("cannot register SDL events");
        s->exit_status = 1;
        return false;
    }
    s->ev_feed = base;
    s->ev_photo = base + 1;
    report_ev_feed = s->ev_feed;
    report_ev_photo = s->ev_photo;
    s->ev_signal = base + 2;
    if (show_signals_start(s->ev_signal, &err) != NR_OK)
        nr_warn("%s", err.msg);

    s->disp = show_display_new(s->cfg, &err);
    if (!s->disp) {
        nr_error("%s", err.msg);
        s->exit_status = 1;
        return false;
    }
    show_playlist_init(&s->pl, s->cfg->feeds, s->cfg->n_feeds, refresh_ms_of(s->cfg),
                       input_is_file);
    show_playlist_set_rules(&s->pl, s->cfg);
    show_logos_reset(s);
    s->stories_in = xcalloc(s->pl.n_feeds ? s->pl.n_feeds : 1, sizeof *s->stories_in);
    struct slides_ops ops = { show_display_image_free, show_free_photo, show_cancel_photo, s };
    show_slides_init(&s->sl, &ops);
    s->hold_until_ms = NEVER;
    /* the cache and the first refresh run while the fonts open */
    start_worker(s);
    show_announce_configure(s);
    snprintf(s->font_dir, sizeof s->font_dir, "%s/fonts", s->data_dir);
    s->drawer = drawer_new(s->font_dir, &s->cfg->theme, &err);
    if (!s->drawer)
        nr_error("%s; slides will be plain", err.msg);
    show_warm_up(s);
    nr_debug("window and fonts ready after %llu ms",
             (unsigned long long)(show_now_ms() - s->start_ms));
    s->badge = show_badge_new(s->font_dir);
    s->ticker = show_ticker_new();
    s->notify = show_notify_new(s->cfg->notify_socket);
    s->watchdog_ms = show_notify_watchdog_ms(s->cfg->watchdog_usec, s->cfg->watchdog_pid);
    show_timers_start(s);
    show_alert_start(s);
    return true;
}

/* Sleeps until the earliest deadline or an event, and handles it, until quit. */
static void show_loop(struct show *s)
{
    while (!s->quit) {
        int wait_ms = tick(s, show_now_ms());
        if (s->quit)
            break;
        SDL_Event ev;
        if (SDL_WaitEventTimeout(&ev, wait_ms)) {
            on_event(s, &ev);
            /* drain what else is queued before the next tick, but a flood of events (many
             * feeds at once) never keeps the tick, with its deadlines and watchdog, waiting */
            uint64_t until = show_now_ms() + DRAIN_MS;
            while (!s->quit && show_now_ms() < until && SDL_PollEvent(&ev))
                on_event(s, &ev);
        }
    }
    show_notify_send(s->notify, "STOPPING=1");
    show_write_status(s);
}

/* Stops the worker and frees everything show_start made (or the part it got to). Returns
 * false when a download still holds a worker thread. */
static bool show_stop(struct show *s)
{
    show_alert_stop_watch(s); /* no report comes after this: the queue below is the last */
    pipeline_worker_free(s->worker);
    s->worker = NULL; /* the slides released below cancel nothing with it */
    /* a download stuck in the network must not hold up the exit (SIGTERM: out within a
     * second); threads still in one after this are abandoned with the process */
    bool threads_done = pipeline_worker_wait_all(400);
    /* the alert thread was told first; it fetches too, and libcurl goes after us (main.c) */
    threads_done = alert_watch_wait_all(400) && threads_done;
    show_announce_stop(s); /* its thread joined: it posts nothing more */
    /* free what is queued for us: updates and photos carry memory */
    SDL_Event ev;
    while (SDL_PollEvent(&ev)) {
        if (ev.type == s->ev_feed)
            pipeline_worker_feed_update_free(ev.user.data1);
        else if (ev.type == s->ev_photo)
            pipeline_worker_photo_free(ev.user.data1);
        else if (!show_announce_drop_event(s, &ev))
            show_alert_on_event(s, &ev); /* a report of the alert watch: its list is freed below */
    }
    show_alert_stop(s); /* before the display: it holds an image of it */
    show_slides_release(&s->sl);
    show_clear_pending(s);
    drop_stories_in(s);
    free(s->stories_in);
    show_logos_free(s);
    show_playlist_release(&s->pl);
    show_badge_free(s->badge);
    s->stats.ticker_frames = show_ticker_frames(s->ticker);
    show_ticker_free(s->ticker);
    drawer_free(s->drawer);
    if (s->drawer_cfg != s->cfg)
        config_drop(s, s->drawer_cfg);
    config_drop(s, s->cfg);
    if (s->disp)
        show_display_slide_size(s->disp, &s->stats.slide_w, &s->stats.slide_h);
    show_display_free(s->disp);
    show_notify_free(s->notify);
    show_signals_stop();
    return threads_done;
}

int show_run_stats(struct config *cfg, const char *data_dir, uint64_t max_slides,
                   struct show_stats *stats)
{
    struct show s = { .cfg = cfg,
                      .caller_cfg = cfg,
                      .drawer_cfg = cfg,
                      .data_dir = data_dir,
                      .max_slides = max_slides };

    /* before any thread exists, so that every thread inherits the mask (signals.h), and
     * libxml2's global state is set up before two threads parse at once */
    show_signals_block();
    alert_global_init();
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
    /* a touch comes as finger events only (touch.c), never also as a mouse click */
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        nr_error("cannot start SDL video: %s", SDL_GetError());
        return 1;
    }
    if (show_start(&s))
        show_loop(&s);
    bool threads_done = show_stop(&s);
    s.stats.paused = s.paused;
    if (stats)
        *stats = s.stats;
    if (!threads_done) {
        /* before SDL_Quit: that thread may still decode a photo into SDL's memory or free
         * one, and push to SDL's event queue; SDL must not go from under it */
        nr_info("a download is still running; leaving it");
        fflush(NULL);
        _exit(s.exit_status);
    }
    SDL_Quit();
    return s.exit_status;
}
