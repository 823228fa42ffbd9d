/* announce.c: the announcements folder in the running slideshow: the sets its thread finds
 * become the playlist's announcements (those whose dates, days and hours hold now), and
 * their pictures reach the slides as photos do, through the photo event. */
#include "show_int.h"

#include "alloc.h"
#include "announce_watch.h"
#include "display.h"
#include "log.h"
#include "nr_limits.h"
#include "worker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* From the folder's thread: a set becomes an announce event, a picture a photo event
 * (handled as the worker's photos are). s outlives the thread: show_announce_stop joins it
 * before the show goes. */
static void post(void *ctx, enum announce_report_kind kind, void *payload)
{
    const struct show *s = ctx;
    SDL_Event ev = { 0 };
    if (kind == ANNOUNCE_REPORT_SET) {
        ev.type = s->ev_announce;
        ev.user.data1 = payload; /* from here on the main thread owns the set */
        if (SDL_PushEvent(&ev) != 1)
            announce_set_free(payload); /* not delivered: still ours */
        return;
    }
    struct announce_photo *ap = payload;
    struct worker_photo *p = xcalloc(1, sizeof *p);
    p->generation = ap->generation;
    p->id = ap->id;
    p->photo = ap->photo;
    ap->photo = NULL;
    snprintf(p->error, sizeof p->error, "%s", ap->error);
    p->free_photo = show_free_photo;
    announce_photo_free(ap);
    ev.type = s->ev_photo;
    ev.user.data1 = p;
    if (SDL_PushEvent(&ev) != 1)
        pipeline_worker_photo_free(p);
}

static bool same_dir(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

void show_announce_stop(struct show *s)
{
    announce_watch_free(s->announce); /* joined: nothing more is posted */
    s->announce = NULL;
    free(s->announce_dir);
    s->announce_dir = NULL;
    announce_set_free(s->announce_set);
    s->announce_set = NULL;
    s->announce_minute = -1;
}

void show_announce_configure(struct show *s)
{
    s->pl.announce_every = s->cfg->announce_every > 0 ? s->cfg->announce_every : 4;
    s->pl.announce_position = s->cfg->announce_position;
    s->announce_minute = -1; /* a new playlist: its announcements are put in again */
    const char *dir = s->cfg->announce_dir;
    if (s->announce && same_dir(dir, s->announce_dir))
        return; /* the same folder: its thread and its last set stay */
    show_announce_stop(s);
    if (!dir || !dir[0])
        return;
    if (!s->ev_announce) {
        uint32_t t = SDL_RegisterEvents(1);
        if (t == (uint32_t)-1) {
            nr_error("announcements not shown: cannot register an SDL event");
            return;
        }
        s->ev_announce = t;
    }
    s->announce_dir = xstrdup(dir);
    struct announce_watch_params p = {
        .dir = dir,
        .tag = ++s->announce_tag,
        .debounce_ms = 300,
        .retry_ms = 5000,
        .report = post,
        .ctx = s,
    };
    s->announce = announce_watch_new(&p);
    nr_debug("announcements folder '%s' watched", dir);
}

static bool in_set(const struct announce_set *set, const char *msg)
{
    for (size_t i = 0; set && i < set->n_errors; i++)
        if (strcmp(set->errors[i], msg) == 0)
            return true;
    return false;
}

bool show_announce_event(struct show *s, const SDL_Event *ev)
{
    if (!s->ev_announce || ev->type != s->ev_announce)
        return false;
    struct announce_set *set = ev->user.data1;
    if (set->tag != s->announce_tag || !s->announce) {
        announce_set_free(set); /* from a folder no longer watched (a reload changed it) */
        return true;
    }
    /* a problem is logged when it appears, not at every look at the folder */
    for (size_t i = 0; i < set->n_errors; i++)
        if (!in_set(s->announce_set, set->errors[i]))
            nr_warn("announcements: %s", set->errors[i]);
    if (set->more_errors && (!s->announce_set || !s->announce_set->more_errors))
        nr_warn("announcements: %zu more problems", set->more_errors);
    nr_info("announcements: %zu in '%s'", set->n, s->announce_dir ? s->announce_dir : "");
    announce_set_free(s->announce_set);
    s->announce_set = set;
    s->announce_minute = -1;
    return true;
}

bool show_announce_drop_event(const struct show *s, const SDL_Event *ev)
{
    if (!s->ev_announce || ev->type != s->ev_announce)
        return false;
    announce_set_free(ev->user.data1);
    return true;
}

static bool same_text(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static bool same_story(const struct story *a, const struct story *b)
{
    return same_text(a->id, b->id) && same_text(a->headline, b->headline) &&
           same_text(a->dek, b->dek) && same_text(a->photo_url, b->photo_url);
}

bool show_announce_refresh(struct show *s)
{
    time_t t = time(NULL);
    /* dates, days and hours are to the minute: looked at once a minute at most, at the
     * ticks the slides make anyway (no wake-up of its own) */
    if ((int64_t)t / 60 == s->announce_minute)
        return false;
    s->announce_minute = (int64_t)t / 60;
    struct tm tm;
    localtime_r(&t, &tm);
    struct story_list now = { 0 };
    for (size_t i = 0; s->announce_set && i < s->announce_set->n; i++) {
        const struct announce_item *it = &s->announce_set->items[i];
        if (!announce_active(it, (int64_t)t, (int)tm.tm_gmtoff))
            continue;
        struct story st;
        announce_story(it, &st);
        story_list_push(&now, &st);
    }
    const struct story_list *held = &PLAYLIST_ANNOUNCE(&s->pl)->stories;
    bool same = held->n == now.n;
    for (size_t i = 0; same && i < now.n; i++)
        same = same_story(&held->items[i], &now.items[i]);
    if (same) {
        story_list_release(&now);
        return false;
    }
    nr_debug("announcements showing: %zu", now.n);
    show_playlist_take_announcements(&s->pl, &now);
    return true;
}

/* The announcement now in the rotation with s's id, or NULL when it went. */
static const struct story *current_of(const struct show *s, const struct story *st)
{
    size_t pos = show_playlist_find(&s->pl, st->id);
    return pos < s->pl.n_order ? show_playlist_story(&s->pl, pos) : NULL;
}

void show_announce_follow(struct show *s, uint64_t now)
{
    struct slide *cur = &s->sl.cur;
    if (s->sl.state == SLIDES_FADING)
        return; /* the slides in the fade stay; the next ones are chosen afresh */
    if (cur->img && !cur->idle && announce_story_is(&cur->story)) {
        const struct story *st = current_of(s, &cur->story);
        if (!st) {
            /* its file went (or its time is over): the next slide now */
            nr_debug("announcement '%s' went; moving on", cur->story.headline);
            s->hold_until_ms = now;
            if (s->pending)
                s->prepare_at_ms = now;
        } else if (!same_story(st, &cur->story)) {
            nr_debug("announcement '%s' changed; painted again", st->headline);
            story_release(&cur->story);
            story_copy(&cur->story, st);
            show_repaint_cur(s, now);
        }
    }
    struct slide_job *j = &s->sl.jobs[SLIDES_NEXT];
    const struct story *next = j->active ? &j->story : s->sl.next.img ? &s->sl.next.story : NULL;
    bool next_idle = j->active ? j->idle : s->sl.next.idle;
    if (next && !next_idle && announce_story_is(next) && !current_of(s, next)) {
        /* prepared from an announcement that went: another is chosen in its place */
        uint64_t deadline = j->active ? j->deadline_ms : s->hold_until_ms;
        if (deadline < now + MANUAL_PHOTO_WAIT_MS)
            deadline = now + MANUAL_PHOTO_WAIT_MS;
        show_slides_drop_next(&s->sl);
        show_slides_job_cancel(&s->sl, SLIDES_NEXT);
        show_start_job(s, SLIDES_NEXT, show_pick_next_pos(s), deadline);
    }
}

bool show_announce_request_photo(struct show *s, struct slide_job *j)
{
    if (!announce_story_is(&j->story))
        return false;
    char path[NR_MAX_PATH_BYTES];
    j->photo_id = 0;
    if (!s->announce || !announce_story_image_path(&j->story, path, sizeof path))
        return true; /* no image: the typographic layout */
    int w, h;
    show_display_slide_size(s->disp, &w, &h);
    j->photo_id = ++s->photo_seq;
    announce_watch_request(s->announce, j->photo_id, s->generation, path,
                           announce_story_is_picture(&j->story), w, h);
    return true;
}

SDL_Surface *show_announce_paint(struct show *s, const struct slide_job *j, int w, int h,
                                 struct nr_err *err)
{
    if (!j->photo || !s->drawer || !announce_story_is_picture(&j->story))
        return NULL;
    struct display_list dl;
    SDL_Surface *surf = NULL;
    if (announce_picture_layout(j->photo->w, j->photo->h, &s->cfg->theme, (struct viewport){ w, h },
                                &dl, err) == NR_OK)
        surf = drawer_paint(s->drawer, &dl, j->photo, w, h, err);
    display_list_release(&dl);
    return surf;
}
