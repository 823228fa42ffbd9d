/* flow.c: the slides' flow: which story comes next, preparing it (photo, then paint) in
 * time for its transition, the transition itself, and painting again when the output
 * changes. The state it moves is slides.c's; the timing is the loop's. */
#include "show_int.h"

#include "alloc.h"
#include "badge.h"
#include "display.h"
#include "draw.h"
#include "feedrules.h"
#include "i18n.h"
#include "log.h"
#include "logos.h"
#include "notify.h"
#include "snapshot.h"
#include "strutil.h"
#include "ticker.h"
#include "transition.h"
#include "worker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void show_free_photo(struct SDL_Surface *photo)
{
    SDL_FreeSurface(photo);
}

void show_cancel_photo(void *ctx, uint64_t id)
{
    struct show *s = ctx;
    if (s->worker) /* none between the old worker and the new one of a reload */
        pipeline_worker_cancel(s->worker, id);
}

static void idle_story(const struct show *s, struct story *st)
{
    struct nr_buf b;
    memset(st, 0, sizeof *st);
    nr_buf_init(&b, 4096);
    /* past the cap the list of feeds ends where it is: the start is what shows */
    /* TRANSLATORS: the waiting slide's line before the list of feeds ("From BBC News, Le
       Monde and Al Jazeera"); keep the space after it if the language has one */
    enum nr_result r = nr_buf_puts(&b, s->pl.n_feeds ? nr_tr("From ") : "");
    for (size_t i = 0; i < s->pl.n_feeds && r == NR_OK; i++)
        r = nr_buf_printf(&b, "%s%s",
                          /* TRANSLATORS: separators in a list of feed names: before the
                             last one, and between the others */
                          i ? (i + 1 == s->pl.n_feeds ? nr_tr(" and ") : nr_tr(", ")) : "",
                          s->pl.feeds[i].title ? s->pl.feeds[i].title : s->pl.feeds[i].input);
    if (s->pl.n_feeds == 0 && r == NR_OK)
        r = nr_buf_puts(&b, nr_tr("no feed yet: name one on the command line or in "
                                  "newsreel.conf"));
    st->id = xstrdup("newsreel:idle");
    /* TRANSLATORS: the headline of the slide shown until the first stories arrive */
    st->headline = xstrdup(nr_tr("Waiting for news"));
    st->dek = nr_buf_detach(&b);
    st->source = xstrdup("Newsreel");
}

static int64_t dwell_of(const struct show *s, bool idle, const struct story *st)
{
    if (idle)
        return s->pl.n_order ? 0 : IDLE_DWELL_MS;
    if (s->cfg->slide_ms)
        return s->cfg->slide_ms;
    return show_rotation_dwell_ms(st, s->cfg->slide_seconds, s->cfg->max_slide_seconds,
                                  s->cfg->reading_wpm);
}

/* The slide on screen, as --snapshot paints it. */
static void publish_cur(const struct show *s)
{
    const struct show_snap *sn = &s->snap[SLIDES_CUR];
    fleet_snapshot_publish(&s->sl.cur.story, &sn->info, sn->w, sn->h,
                           sn->badge[0] ? sn->badge : NULL, sn->had_photo, s->sl.cur.idle);
}

/* Paints job into a texture for target; the job is consumed. */
void show_paint_job(struct show *s, enum slides_target target)
{
    struct slide_job *j = &s->sl.jobs[target];
    struct nr_err err = { 0 };
    int w, h;
    uint64_t t0 = show_now_ms();

    show_display_slide_size(s->disp, &w, &h);
    struct slide_info info = {
        .index = j->idle ? 0 : (int)j->pos,
        .count = j->idle ? 0 : (int)s->pl.n_order,
        .now_unix = (int64_t)time(NULL),
    };
    const struct config_feed_rules *rules =
        j->idle || j->feed >= s->pl.n_feeds ? NULL : s->pl.feeds[j->feed].rules;
    if (rules && rules->accent_set) {
        info.accent_set = true;
        info.accent = rules->accent;
    }
    info.logo = j->idle ? NULL : show_logos_get(s, j->feed);
    {
        struct tm tm;
        time_t tt = (time_t)info.now_unix;
        localtime_r(&tt, &tm);
        info.utc_offset_s = (int)tm.tm_gmtoff;
    }
    int band_h = show_alert_band_px(s, w, h); /* the slide makes room for an alert's band */
    size_t ticker_pos = j->pos;
    SDL_Surface *surf = show_announce_paint(s, j, w, h - band_h, &err); /* a picture slide */
    if (!surf)
        surf = j->digest ? show_digest_paint(s, j, &ticker_pos, &info, w, h - band_h, &err)
               : s->drawer
                   ? drawer_render(s->drawer, &j->story, j->photo, &info, w, h - band_h, &err)
                   : NULL;
    struct show_snap snap = { .info = info, .w = w, .h = h, .had_photo = j->photo != NULL };
    snap.info.logo = NULL; /* borrowed for this paint only; --snapshot paints without it */
    /* the photo is in the slide now: give its 8 MiB back before the texture takes as much */
    SDL_FreeSurface(j->photo);
    j->photo = NULL;
    if (!surf) {
        /* degrade, never blank: the slide's colour and nothing else, and the log says why */
        nr_warn("slide '%s' not painted: %s", j->story.headline ? j->story.headline : "",
                err.msg[0] ? err.msg : "no fonts");
        surf = SDL_CreateRGBSurfaceWithFormat(0, w, h - band_h, 32, SDL_PIXELFORMAT_ARGB8888);
        if (surf) {
            struct rgba bg = s->cfg->theme.background;
            SDL_FillRect(surf, NULL, SDL_MapRGB(surf->format, bg.r, bg.g, bg.b));
        }
    }
    int64_t dwell_ms = dwell_of(s, j->idle, &j->story);
    if (j->digest && !s->cfg->slide_ms) /* several headlines to read: the longest dwell */
        dwell_ms = (int64_t)s->cfg->max_slide_seconds * 1000;
    /* the ticker runs along the bottom of the slide, above or below an alert's band */
    show_ticker_paint(s, target, surf, ticker_pos, j->idle, dwell_ms,
                      band_h && s->cfg->alert_band_top ? band_h : 0);
    surf = show_alert_add_band(s, surf, w, h);
    if (surf && !j->idle && !j->digest && show_playlist_feed_stale(&s->pl, j->feed, t0)) {
        char text[64];
        show_badge_text((int64_t)time(NULL) - s->pl.feeds[j->feed].success_unix, text, sizeof text);
        show_badge_paint(s->badge, s->drawer, surf, text, &s->cfg->theme);
        snprintf(snap.badge, sizeof snap.badge, "%s", text);
        nr_debug("badge '%s' on '%s'", text, j->story.headline);
    }
    show_touch_paint_mark(s, surf);
    if (!j->idle && !j->digest)
        nr_debug("slide '%s' painted: quote %s, photo %s, caption %s, credit %s",
                 j->story.headline ? j->story.headline : "", j->story.quote ? "yes" : "no",
                 j->story.photo_url ? "yes" : "no", j->story.caption ? "yes" : "no",
                 j->story.credit ? "yes" : "no");
    /* surf is the display's now, its image the slot's */
    show_slides_put(&s->sl, target, show_display_image_new(s->disp, surf), dwell_ms);
    s->snap[target] = snap;
    if (target == SLIDES_CUR) /* painted again on screen (a resize) */
        publish_cur(s);
    s->stats.renders++;
    s->stats.render_ms_sum += (double)(show_now_ms() - t0);
    nr_debug("slide painted in %llu ms", (unsigned long long)(show_now_ms() - t0));
}

void show_clear_pending(struct show *s)
{
    free(s->pending_id);
    s->pending_id = NULL;
    s->pending = false;
}

/* Starts preparing a slide: the story at pos, or the idle slide when pos is SIZE_MAX. */
void show_start_job(struct show *s, enum slides_target target, size_t pos, uint64_t deadline_ms)
{
    if (target == SLIDES_NEXT)
        show_clear_pending(s);
    struct slide_job *j = show_slides_job_begin(&s->sl, target, deadline_ms);
    if (pos == SIZE_MAX || pos >= s->pl.n_order) {
        j->idle = true;
        j->feed = SIZE_MAX;
        idle_story(s, &j->story);
        return;
    }
    if (target == SLIDES_NEXT && show_digest_take(s, pos)) {
        show_digest_job(s, j, pos);
        return;
    }
    j->pos = pos;
    j->feed = show_playlist_feed_of(&s->pl, pos);
    show_logos_want(s, j->feed); /* for the slides after this one, when not here yet */
    story_copy(&j->story, show_playlist_story(&s->pl, pos));
    show_rules_dress(s->pl.feeds[j->feed].rules, &j->story);
    if (show_announce_request_photo(s, j))
        return; /* the announcements folder's thread decodes its pictures */
    if (j->story.photo_url) {
        j->photo_id = ++s->photo_seq;
        bool files = s->pl.feeds[j->feed].local && nr_starts_with_ci(j->story.photo_url, "file:");
        pipeline_worker_request_photo(s->worker, j->photo_id, j->story.photo_url, files);
    }
}

/* Which rotation entry comes after the current slide: breaking news first. */
size_t show_pick_next_pos(struct show *s)
{
    bool on_story = !s->sl.cur.idle && s->sl.cur.img;
    return show_playlist_next(&s->pl, on_story ? s->sl.cur.pos : PLAYLIST_NONE);
}

/* The position of the chosen next slide (it may have moved in a new rotation), or a fresh
 * choice when it went; the choice is used up. */
size_t show_take_pending_pos(struct show *s)
{
    size_t pos = SIZE_MAX;
    if (s->pending && s->pending_id)
        pos = show_playlist_find(&s->pl, s->pending_id);
    show_clear_pending(s);
    return pos < s->pl.n_order ? pos : show_pick_next_pos(s);
}

/* After a slide went up: the next one is chosen now and its photo fetched into the disk
 * cache, so the network has the whole dwell; it is painted PREPARE_LEAD_MS before its
 * transition (at once when paused or the dwell is shorter than that). */
static void schedule_next(struct show *s, uint64_t now)
{
    show_slides_drop_next(&s->sl);
    s->hold_until_ms = s->paused ? NEVER : now + (uint64_t)s->sl.cur.dwell_ms;
    if (show_display_is_blank(s->disp))
        return;
    /* a feed's hours began or ended: the rotation changes here, at a slide change, never
     * with a wake-up of its own */
    if (show_playlist_schedule_moved(&s->pl, (int64_t)time(NULL))) {
        show_rebuild_rotation(s);
        nr_info("a feed's days or hours began or ended: %zu slide%s in the rotation", s->pl.n_order,
                s->pl.n_order == 1 ? "" : "s");
    }
    size_t pos = show_pick_next_pos(s);
    if (s->paused || s->sl.cur.dwell_ms <= PREPARE_LEAD_MS) {
        show_start_job(s, SLIDES_NEXT, pos, s->hold_until_ms);
        return;
    }
    show_clear_pending(s);
    s->pending = true;
    s->prepare_at_ms = s->hold_until_ms - PREPARE_LEAD_MS;
    if (pos < s->pl.n_order) {
        const struct story *st = show_playlist_story(&s->pl, pos);
        size_t feed = show_playlist_feed_of(&s->pl, pos);
        s->pending_id = xstrdup(st->id);
        show_logos_want(s, feed); /* its logo comes during this slide's dwell */
        if (st->photo_url)
            pipeline_worker_prefetch_photo(s->worker, st->photo_url,
                                           s->pl.feeds[feed].local &&
                                               nr_starts_with_ci(st->photo_url, "file:"));
    }
}

void show_present(struct show *s, uint64_t now)
{
    if (show_alert_present(s))
        return;
    struct display_layer layers[2];
    size_t n = 0;
    if (s->sl.state == SLIDES_FADING && s->sl.next.img) {
        struct transition_frame f;
        int w, h;
        show_display_slide_size(s->disp, &w, &h);
        show_transition_frame(s->cfg->transition, now - s->sl.fade_start_ms, s->cfg->transition_ms,
                              w, &f);
        layers[n++] = (struct display_layer){ s->sl.cur.img, 255, f.out_x };
        layers[n++] = (struct display_layer){ s->sl.next.img, f.in_alpha, f.in_x };
    } else {
        layers[n++] = (struct display_layer){ s->sl.cur.img, 255, 0 };
    }
    show_display_present(s->disp, layers, n, s->cfg->theme.background, s->drift_x, s->drift_y);
}

/* The transition is over (or there was none): next becomes current. */
void show_finish_transition(struct show *s, uint64_t now)
{
    /* a repaint of the slide that left (a resize or reload while it faded out) is
     * repainted for the slide that is now up */
    bool repaint = show_slides_finish(&s->sl);
    show_ticker_advance(s, now);
    show_digest_count(s);
    s->snap[SLIDES_CUR] = s->snap[SLIDES_NEXT];
    s->stats.slides++;
    publish_cur(s);
    nr_debug("slide %llu: '%s'", (unsigned long long)s->stats.slides,
             s->sl.cur.story.headline ? s->sl.cur.story.headline : "");
    if (!s->started) {
        s->started = true;
        s->stats.first_slide_ms = now - s->start_ms;
        nr_debug("first slide after %llu ms", (unsigned long long)s->stats.first_slide_ms);
    }
    show_present(s, now);
    if (repaint)
        show_repaint_cur(s, now);
    if (!s->ready_sent) {
        s->ready_sent = true;
        show_notify_send(s->notify, "READY=1");
        show_send_status_line(s);
        if (show_display_settle(s->disp))
            show_on_resize(s, now);
    }
    if (s->max_slides && s->stats.slides >= s->max_slides) {
        s->quit = true;
        return;
    }
    schedule_next(s, now);
}

void show_start_transition(struct show *s, uint64_t now)
{
    if (s->cfg->transition == TRANSITION_CUT || s->cfg->transition_ms == 0 ||
        s->cfg->reduced_motion || !show_slides_start_fade(&s->sl, now)) {
        show_finish_transition(s, now);
        return;
    }
    s->last_frame_ms = 0;
}

void show_go_to(struct show *s, size_t pos, uint64_t now)
{
    if (s->sl.state == SLIDES_FADING)
        show_finish_transition(s, now);
    show_slides_drop_next(&s->sl);
    show_start_job(s, SLIDES_NEXT, pos, now + MANUAL_PHOTO_WAIT_MS);
    s->hold_until_ms = now;
}

static bool same_text(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Whether the slide painted from a would look as one painted from b. */
static bool same_slide(const struct story *a, const struct story *b)
{
    return same_text(a->headline, b->headline) && same_text(a->dek, b->dek) &&
           same_text(a->quote, b->quote) && same_text(a->speaker, b->speaker) &&
           same_text(a->photo_url, b->photo_url) && same_text(a->caption, b->caption) &&
           same_text(a->credit, b->credit);
}

/* After a new rotation: the next slide, prepared (or being prepared) from a story that has
 * changed since (its article was read, or its feed changed it), is made again from the new
 * story, its photo fetched again. Never the slide fading in, nor the one on screen: that
 * one shows the new story at its next turn. A slide only chosen shows the new story
 * anyway; its photo is fetched ahead again. */
void show_renew_next(struct show *s, uint64_t now)
{
    if (s->sl.state == SLIDES_FADING)
        return;
    struct slide_job *j = &s->sl.jobs[SLIDES_NEXT];
    if (!j->active && !s->sl.next.img) {
        size_t pos =
            s->pending && s->pending_id ? show_playlist_find(&s->pl, s->pending_id) : SIZE_MAX;
        if (pos < s->pl.n_order && show_playlist_story(&s->pl, pos)->photo_url) {
            const struct story *st = show_playlist_story(&s->pl, pos);
            size_t feed = show_playlist_feed_of(&s->pl, pos);
            pipeline_worker_prefetch_photo(s->worker, st->photo_url,
                                           s->pl.feeds[feed].local &&
                                               nr_starts_with_ci(st->photo_url, "file:"));
        }
        return;
    }
    bool idle = j->active ? j->idle : s->sl.next.idle;
    const struct story *old = j->active ? &j->story : &s->sl.next.story;
    if (idle || !old->id)
        return;
    size_t pos = show_playlist_find(&s->pl, old->id);
    if (pos >= s->pl.n_order || same_slide(old, show_playlist_story(&s->pl, pos)))
        return;
    /* its turn is not put off: a photo that cannot come in time is left out, as always */
    uint64_t deadline = j->active ? j->deadline_ms : s->hold_until_ms;
    if (deadline < now + MANUAL_PHOTO_WAIT_MS)
        deadline = now + MANUAL_PHOTO_WAIT_MS;
    nr_debug("next slide '%s' made again: its story changed", old->headline ? old->headline : "");
    show_slides_drop_next(&s->sl); /* old goes with the slide or the job */
    show_start_job(s, SLIDES_NEXT, pos, deadline);
    s->stats.next_upgraded++;
}

/* Paints the slide on screen again (at the output's size now); it stays up meanwhile. */
void show_repaint_cur(struct show *s, uint64_t now)
{
    if (!s->sl.cur.img && !s->sl.cur.idle)
        return;
    struct slide_job *j = show_slides_job_begin(&s->sl, SLIDES_CUR, now + MANUAL_PHOTO_WAIT_MS);
    j->idle = s->sl.cur.idle;
    j->digest = s->sl.cur.digest;
    j->feed = s->sl.cur.feed;
    j->pos = s->sl.cur.pos;
    story_copy(&j->story, &s->sl.cur.story);
    if (!j->idle && show_announce_request_photo(s, j))
        return;
    if (j->story.photo_url && !j->idle && j->feed < s->pl.n_feeds) {
        j->photo_id = ++s->photo_seq;
        pipeline_worker_request_photo(s->worker, j->photo_id, j->story.photo_url,
                                      s->pl.feeds[j->feed].local &&
                                          nr_starts_with_ci(j->story.photo_url, "file:"));
    }
}

/* The output changed size, rotation or lost its textures: present what we have at once, then
 * paint the slides again at the new size. */
void show_on_resize(struct show *s, uint64_t now)
{
    s->stats.output_changes++;
    show_alert_on_resize(s);
    show_present(s, now);
    show_repaint_cur(s, now);
    if (s->sl.next.img && s->sl.state != SLIDES_FADING) {
        size_t pos = s->sl.next.idle ? SIZE_MAX : s->sl.next.pos;
        if (s->sl.next.digest) { /* made again as the digest it was */
            s->since_digest = (unsigned)s->cfg->digest_every;
            pos = (pos + 1) % s->pl.n_order;
        }
        show_slides_drop_next(&s->sl);
        show_start_job(s, SLIDES_NEXT, pos, s->hold_until_ms);
    }
}

/* The first paint opens the fallback fonts and fills glyph caches (a few hundred ms);
 * doing it on a small idle slide while the worker fetches keeps it off the first slide. */
void show_warm_up(struct show *s)
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

/* The first slide: stories (from the cache or a quick first refresh), or every feed has
 * answered without any, or the wait is over (the idle slide). */
static void start_first_slide(struct show *s, uint64_t now)
{
    if (s->started || s->sl.jobs[SLIDES_NEXT].active || s->sl.next.img)
        return;
    if (s->pl.n_order > 0 || (s->cache_done && s->pl.feeds_answered >= s->pl.n_feeds) ||
        s->first_wait_over) {
        show_start_job(s, SLIDES_NEXT, s->pl.n_order ? show_pick_next_pos(s) : SIZE_MAX,
                       now + FIRST_PHOTO_WAIT_MS);
        s->hold_until_ms = now;
    }
}

/* A job whose photo is late is painted without it: the network never holds a slide. */
static uint64_t paint_due_jobs(struct show *s, uint64_t now, uint64_t next)
{
    for (int t = 0; t < 2; t++) {
        struct slide_job *j = &s->sl.jobs[t];
        if (!j->active)
            continue;
        if (!j->photo_id || now >= j->deadline_ms) {
            if (j->photo_id) {
                nr_debug("photo of '%s' late; shown without it", j->story.headline);
                pipeline_worker_cancel(s->worker, j->photo_id);
            }
            show_paint_job(s, (enum slides_target)t);
            if (t == SLIDES_CUR)
                show_present(s, now);
        } else {
            next = show_min_u64(next, j->deadline_ms);
        }
    }
    return next;
}

/* One frame of the fade when one is due (30 a second), or its end. */
static void fade_frame(struct show *s, uint64_t now)
{
    struct transition_frame f;
    int w, h;
    show_display_slide_size(s->disp, &w, &h);
    show_transition_frame(s->cfg->transition, now - s->sl.fade_start_ms, s->cfg->transition_ms, w,
                          &f);
    if (f.done) {
        show_finish_transition(s, now);
    } else if (now >= s->last_frame_ms + FRAME_MS) {
        uint64_t t0 = SDL_GetPerformanceCounter();
        show_present(s, now);
        double ms = (double)(SDL_GetPerformanceCounter() - t0) * 1000.0 /
                    (double)SDL_GetPerformanceFrequency();
        s->stats.fade_frames++;
        s->stats.fade_frame_ms_sum += ms;
        if (ms > s->stats.fade_frame_ms_max)
            s->stats.fade_frame_ms_max = ms;
        s->last_frame_ms = now;
    }
}

uint64_t show_slides_step(struct show *s, uint64_t now, uint64_t next)
{
    bool fading = s->sl.state == SLIDES_FADING;
    start_first_slide(s, now);
    next = paint_due_jobs(s, now, next);
    if (fading) {
        fade_frame(s, now);
    } else if (s->sl.next.img && now >= s->hold_until_ms) {
        show_start_transition(s, now);
        if (s->sl.state == SLIDES_FADING)
            next = now;
    } else if (!s->sl.next.img && !s->sl.jobs[SLIDES_NEXT].active && s->started && !s->paused &&
               !s->quit) {
        if (s->pending && now < s->prepare_at_ms) {
            next = show_min_u64(next, s->prepare_at_ms); /* the chosen slide is painted then */
        } else {
            /* its time (or blank just ended, or a job was dropped): prepare one */
            show_start_job(s, SLIDES_NEXT, show_take_pending_pos(s), s->hold_until_ms);
            next = now;
        }
    }
    /* what the steps above set in motion is due next (a transition that just ended has
     * started the next slide's job) */
    for (int t = 0; t < 2; t++)
        if (s->sl.jobs[t].active)
            next = show_min_u64(next, s->sl.jobs[t].photo_id ? s->sl.jobs[t].deadline_ms : now);
    if (s->sl.state == SLIDES_FADING)
        next = show_min_u64(next, s->last_frame_ms + FRAME_MS);
    else if (s->sl.next.img && s->hold_until_ms != NEVER)
        next = show_min_u64(next, s->hold_until_ms);
    else if (s->pending && !s->sl.jobs[SLIDES_NEXT].active && !s->paused)
        next = show_min_u64(next, s->prepare_at_ms); /* a fade that just ended chose it */
    return next;
}
