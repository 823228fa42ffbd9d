/* touch.c: touch screens and the mouse: a tap (or click) shows the next slide, a long press
 * (PRESS_LONG_MS or more) pauses or resumes. Any touch screen SDL sees reports finger
 * events (the Raspberry Pi's official display among them); SDL is told not to copy them
 * into mouse events (loop.c), and a mouse event it makes from a touch anyway is ignored, so
 * one touch never counts twice. */
#include "show_int.h"

#include "touch.h"

#define PRESS_LONG_MS 600

/* A press is timed on the monotonic clock from when the loop saw it: the long press acts
 * as soon as it is long (the pause mark shows while the finger is still down), at a
 * deadline the loop sleeps to, not on release. */
static void press(struct show *s, int64_t id, uint64_t now)
{
    if (s->press_down)
        return; /* a second finger while one is down does nothing */
    s->press_down = true;
    s->press_long_done = false;
    s->press_id = id;
    s->press_ms = now;
}

static void release(struct show *s, int64_t id, uint64_t now)
{
    if (!s->press_down || s->press_id != id)
        return;
    s->press_down = false;
    if (s->press_long_done)
        return;                               /* the long press has acted already */
    if (now - s->press_ms >= PRESS_LONG_MS) { /* its deadline and the release came together */
        s->stats.long_presses++;
        show_toggle_pause(s, now);
    } else {
        s->stats.taps++;
        show_advance(s, now);
    }
}

uint64_t show_touch_step(struct show *s, uint64_t now, uint64_t next)
{
    if (!s->press_down || s->press_long_done)
        return next;
    if (now - s->press_ms < PRESS_LONG_MS)
        return show_min_u64(next, s->press_ms + PRESS_LONG_MS);
    s->press_long_done = true;
    s->stats.long_presses++;
    show_toggle_pause(s, now);
    return next;
}

bool show_touch_on_event(struct show *s, const SDL_Event *ev, uint64_t now)
{
    switch (ev->type) {
    case SDL_FINGERDOWN: press(s, (int64_t)ev->tfinger.fingerId, now); return true;
    case SDL_FINGERUP: release(s, (int64_t)ev->tfinger.fingerId, now); return true;
    case SDL_MOUSEBUTTONDOWN:
        if (ev->button.which != SDL_TOUCH_MOUSEID && ev->button.button == SDL_BUTTON_LEFT)
            press(s, -1, now);
        return true;
    case SDL_MOUSEBUTTONUP:
        if (ev->button.which != SDL_TOUCH_MOUSEID && ev->button.button == SDL_BUTTON_LEFT)
            release(s, -1, now);
        return true;
    default: return false;
    }
}

void show_touch_paint_mark(struct show *s, SDL_Surface *slide)
{
    if (s->paused)
        show_touch_pause_mark(slide, s->cfg->theme.safe_area_pct);
}

void show_touch_pause_mark(SDL_Surface *slide, int safe_area_pct)
{
    if (!slide)
        return;
    /* two bars in a dark square in the top right corner, inside the safe area, above where
     * the stale badge goes: seen, not loud, and clear of the kicker and the headline */
    int unit = slide->w < slide->h ? slide->w : slide->h;
    int side = unit / 22 > 20 ? unit / 22 : 20;
    int m = slide->w * safe_area_pct / 100 + unit / 40;
    int x = slide->w - m - side;
    /* a light square with a dark edge and dark bars reads on a dark ground, a light one and
     * a photo alike */
    Uint32 dark = SDL_MapRGB(slide->format, 0x14, 0x14, 0x18);
    int edge = side / 16 > 1 ? side / 16 : 1;
    SDL_Rect box = { x, m, side, side };
    SDL_FillRect(slide, &box, dark);
    SDL_Rect in = { x + edge, m + edge, side - 2 * edge, side - 2 * edge };
    SDL_FillRect(slide, &in, SDL_MapRGB(slide->format, 0xF4, 0xF1, 0xEA));
    SDL_Rect bar = { x + side * 27 / 100, m + side / 4, side * 16 / 100, side / 2 };
    SDL_FillRect(slide, &bar, dark);
    bar.x = x + side * 57 / 100;
    SDL_FillRect(slide, &bar, dark);
}
