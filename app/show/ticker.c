/* ticker.c: the moving ticker of the slideshow, built on draw's strip and the display's band. */
#include "ticker.h"

#include "alloc.h"
#include "display.h"
#include "draw.h"
#include "log.h"
#include "playlist.h"
#include "show_int.h"

#include <stdlib.h>

#define TICKER_MAX_ITEMS 60 /* headlines a strip is made from; the width cap cuts it anyway */

struct show_ticker {
    SDL_Surface *next_strip; /* made with the next slide; owned until it goes up */
    SDL_Rect next_row;
    bool moving;       /* a strip is in the display's band */
    uint64_t start_ms; /* when the strip on screen started from its beginning */
    uint64_t last_ms;  /* the last frame */
    uint64_t frames;
};

struct show_ticker *show_ticker_new(void)
{
    return xcalloc(1, sizeof(struct show_ticker));
}

void show_ticker_free(struct show_ticker *t)
{
    if (!t)
        return;
    SDL_FreeSurface(t->next_strip);
    free(t);
}

uint64_t show_ticker_frames(const struct show_ticker *t)
{
    return t ? t->frames : 0;
}

void show_ticker_paint(struct show *s, enum slides_target target, SDL_Surface *slide, size_t pos,
                       bool idle, int64_t dwell_ms, int y_off)
{
    struct show_ticker *t = s->ticker;
    if (!t || !s->cfg->ticker) {
        show_ticker_advance(s, show_now_ms()); /* turned off by a reload: the band goes */
        return;
    }
    if (!s->drawer || !slide)
        return;
    size_t at[TICKER_MAX_ITEMS];
    struct ticker_item items[TICKER_MAX_ITEMS];
    /* the stories to come; the site's own announcements are not headlines */
    size_t n = show_playlist_next_stories(&s->pl, idle ? SIZE_MAX : pos, TICKER_MAX_ITEMS, at);
    for (size_t k = 0; k < n; k++) {
        const struct story *st = show_playlist_story(&s->pl, at[k]);
        items[k] = (struct ticker_item){ show_playlist_source(&s->pl, at[k]), st->headline };
    }
    /* the still frame goes into the slide: it is what a fade, a turned screen and a
     * snapshot show, and all of the ticker with reduced motion */
    drawer_ticker_still(s->drawer, slide, items, n, s->cfg->reduced_motion);
    if (s->cfg->reduced_motion)
        return;
    struct nr_err err = { 0 };
    int strip_w = 0;
    /* what passes in the slide's time and a screen's width after it: no more is ever seen
     * (a paused slide sees it again, round and round) */
    int64_t max_w = (dwell_ms > 0 ? dwell_ms : 0) * s->cfg->ticker_speed * slide->h / 100000 +
                    2 * (int64_t)slide->w;
    if (max_w > LAYOUT_TICKER_MAX_W)
        max_w = LAYOUT_TICKER_MAX_W;
    SDL_Surface *strip =
        n ? drawer_ticker_strip(s->drawer, items, n, slide->w, slide->h, (int)max_w, &strip_w, &err)
          : NULL;
    if (!strip && err.msg[0])
        nr_warn("ticker: %s", err.msg);
    struct dl_rect r = drawer_ticker_row(s->drawer, slide->w, slide->h);
    SDL_Rect row = { r.x, r.y + y_off, r.w, r.h };
    if (target == SLIDES_CUR) { /* painted again on screen: its strip goes up now */
        t->moving = show_display_set_band(s->disp, strip, row);
        t->start_ms = show_now_ms();
        return;
    }
    SDL_FreeSurface(t->next_strip);
    t->next_strip = strip;
    t->next_row = row;
}

void show_ticker_advance(struct show *s, uint64_t now)
{
    struct show_ticker *t = s->ticker;
    if (!t)
        return;
    if (!s->cfg->ticker || s->cfg->reduced_motion) {
        if (t->moving)
            show_display_set_band(s->disp, NULL, (SDL_Rect){ 0 });
        t->moving = false;
        SDL_FreeSurface(t->next_strip);
        t->next_strip = NULL;
        return;
    }
    t->moving = show_display_set_band(s->disp, t->next_strip, t->next_row);
    t->next_strip = NULL;
    t->start_ms = now;
    t->last_ms = now;
}

uint64_t show_ticker_step(struct show *s, uint64_t now, uint64_t next)
{
    struct show_ticker *t = s->ticker;
    if (!t || !t->moving || !s->started)
        return next;
    if (now >= t->last_ms + FRAME_MS) {
        int w, h;
        show_display_slide_size(s->disp, &w, &h);
        /* ticker_speed hundredths of the screen's height a second */
        int64_t px = (int64_t)(now - t->start_ms) * s->cfg->ticker_speed * h / 100000;
        show_display_move_band(s->disp, px);
        /* a fade draws its own frames, the band with them */
        if (s->sl.state != SLIDES_FADING &&
            !show_display_present_band(s->disp, s->drift_x, s->drift_y))
            show_present(s, now);
        t->last_ms = now;
        t->frames++;
    }
    return show_min_u64(next, t->last_ms + FRAME_MS);
}
