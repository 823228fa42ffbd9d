/* touch.c: touch screens and the mouse: a tap (or click) shows the next slide, a long press
 * (PRESS_LONG_MS or more) pauses or resumes. Any touch screen SDL sees reports finger
 * events (the Raspberry Pi's official display among them); SDL is told not to copy them
 * into mouse events (loop.c), and a mouse event it makes from a touch anyway is ignored, so
 * one touch never counts twice. */
#include "show_int.h"

#include "log.h"

#define PRESS_LONG_MS 600

static void press(struct show *s, int64_t id, uint32_t at_ms)
{
    if (s->press_down)
        return; /* a second finger while one is down does nothing */
    s->press_down = true;
    s->press_id = id;
    s->press_ms = at_ms;
}

static void release(struct show *s, int64_t id, uint32_t at_ms, uint64_t now)
{
    if (!s->press_down || s->press_id != id)
        return;
    s->press_down = false;
    uint32_t held = at_ms - s->press_ms;
    if (held >= PRESS_LONG_MS) {
        s->stats.long_presses++;
        show_toggle_pause(s, now);
    } else {
        s->stats.taps++;
        show_advance(s, now);
    }
}

bool show_touch_on_event(struct show *s, const SDL_Event *ev, uint64_t now)
{
    switch (ev->type) {
    case SDL_FINGERDOWN:
        press(s, (int64_t)ev->tfinger.fingerId, ev->tfinger.timestamp);
        return true;
    case SDL_FINGERUP:
        release(s, (int64_t)ev->tfinger.fingerId, ev->tfinger.timestamp, now);
        return true;
    case SDL_MOUSEBUTTONDOWN:
        if (ev->button.which != SDL_TOUCH_MOUSEID && ev->button.button == SDL_BUTTON_LEFT)
            press(s, -1, ev->button.timestamp);
        return true;
    case SDL_MOUSEBUTTONUP:
        if (ev->button.which != SDL_TOUCH_MOUSEID && ev->button.button == SDL_BUTTON_LEFT)
            release(s, -1, ev->button.timestamp, now);
        return true;
    default: return false;
    }
}

void show_touch_paint_mark(struct show *s, SDL_Surface *slide)
{
    if (!s->paused || !slide)
        return;
    /* two bars in a dark rounded-off square, top left inside the safe area: seen, not loud */
    int unit = slide->w < slide->h ? slide->w : slide->h;
    int side = unit / 14 > 24 ? unit / 14 : 24;
    int m = slide->w * s->cfg->theme.safe_area_pct / 100 + unit / 40;
    SDL_Rect box = { m, m, side, side };
    SDL_FillRect(slide, &box, SDL_MapRGB(slide->format, 0, 0, 0));
    SDL_Rect bar = { m + side * 27 / 100, m + side / 4, side * 16 / 100, side / 2 };
    Uint32 white = SDL_MapRGB(slide->format, 255, 255, 255);
    SDL_FillRect(slide, &bar, white);
    bar.x = m + side * 57 / 100;
    SDL_FillRect(slide, &bar, white);
}
