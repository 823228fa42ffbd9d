/* slides.c: the current and next slide, their paint jobs and the transition between them. */
#include "slides.h"

#include <string.h>

void show_slides_init(struct slides *sl, const struct slides_ops *ops)
{
    memset(sl, 0, sizeof *sl);
    sl->ops = *ops;
}

static void job_reset(struct slides *sl, struct slide_job *j)
{
    if (j->active && j->photo_id && sl->ops.cancel_photo)
        sl->ops.cancel_photo(sl->ops.ctx, j->photo_id);
    story_release(&j->story);
    if (sl->ops.free_photo)
        sl->ops.free_photo(j->photo);
    memset(j, 0, sizeof *j);
}

static void slide_reset(struct slides *sl, struct slide *s)
{
    if (sl->ops.free_image)
        sl->ops.free_image(s->img);
    story_release(&s->story);
    memset(s, 0, sizeof *s);
}

void show_slides_release(struct slides *sl)
{
    if (!sl)
        return;
    job_reset(sl, &sl->jobs[SLIDES_CUR]);
    job_reset(sl, &sl->jobs[SLIDES_NEXT]);
    slide_reset(sl, &sl->cur);
    slide_reset(sl, &sl->next);
    sl->state = SLIDES_EMPTY;
}

struct slide_job *show_slides_job_begin(struct slides *sl, enum slides_target t,
                                        uint64_t deadline_ms)
{
    struct slide_job *j = &sl->jobs[t];
    job_reset(sl, j);
    j->active = true;
    j->deadline_ms = deadline_ms;
    return j;
}

void show_slides_job_cancel(struct slides *sl, enum slides_target t)
{
    job_reset(sl, &sl->jobs[t]);
}

void show_slides_put(struct slides *sl, enum slides_target t, struct display_image *img,
                     int64_t dwell_ms)
{
    struct slide_job *j = &sl->jobs[t];
    struct slide *s = t == SLIDES_CUR ? &sl->cur : &sl->next;
    slide_reset(sl, s);
    s->img = img;
    s->idle = j->idle;
    s->digest = j->digest;
    s->story = j->story; /* moved */
    memset(&j->story, 0, sizeof j->story);
    s->feed = j->feed;
    s->pos = j->pos;
    s->dwell_ms = dwell_ms;
    j->photo_id = 0; /* painted: nothing to cancel */
    job_reset(sl, j);
}

void show_slides_drop_next(struct slides *sl)
{
    slide_reset(sl, &sl->next);
}

int show_slides_photo(struct slides *sl, uint64_t id, struct SDL_Surface *photo)
{
    for (int t = 0; t < 2; t++) {
        struct slide_job *j = &sl->jobs[t];
        if (!j->active || !j->photo_id || j->photo_id != id)
            continue;
        j->photo_id = 0;
        j->photo = photo; /* the job owns it now */
        return t;
    }
    if (sl->ops.free_photo)
        sl->ops.free_photo(photo);
    return -1;
}

bool show_slides_start_fade(struct slides *sl, uint64_t now_ms)
{
    if (sl->state != SLIDES_SHOWING || !sl->cur.img || !sl->next.img)
        return false;
    sl->state = SLIDES_FADING;
    sl->fade_start_ms = now_ms;
    return true;
}

static void remap(size_t *feed, const size_t *map, size_t n_map)
{
    *feed = *feed < n_map ? map[*feed] : SIZE_MAX;
}

void show_slides_remap_feeds(struct slides *sl, const size_t *map, size_t n_map)
{
    remap(&sl->cur.feed, map, n_map);
    remap(&sl->next.feed, map, n_map);
    remap(&sl->jobs[SLIDES_CUR].feed, map, n_map);
    remap(&sl->jobs[SLIDES_NEXT].feed, map, n_map);
}

bool show_slides_finish(struct slides *sl)
{
    bool repaint = sl->jobs[SLIDES_CUR].active;
    /* the CUR job paints the slide that is leaving: painted after this, it would put the
     * old story back on screen for a whole dwell */
    job_reset(sl, &sl->jobs[SLIDES_CUR]);
    slide_reset(sl, &sl->cur);
    sl->cur = sl->next;
    memset(&sl->next, 0, sizeof sl->next);
    sl->state = SLIDES_SHOWING;
    return repaint;
}
