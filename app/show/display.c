/* display.c: window, renderer, rotation, blanking and drift. */
#include "display.h"

#include "alloc.h"
#include "log.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "banned.h"

struct display {
    SDL_Window *win;
    SDL_Renderer *ren;
    int rotation_deg;
    bool blank;
    bool fullscreen;
    bool fullscreen_pending;   /* covering the screen, full screen asked for after the first slide */
    int out_w, out_h;    /* renderer output in pixels */
};

static void update_output_size(struct display *d)
{
    if (SDL_GetRendererOutputSize(d->ren, &d->out_w, &d->out_h) != 0 || d->out_w <= 0 ||
        d->out_h <= 0)
        SDL_GetWindowSize(d->win, &d->out_w, &d->out_h);
}

struct display *display_new(const struct config *cfg, struct nr_err *err)
{
    const char *driver = SDL_GetCurrentVideoDriver();
    bool console = driver && strcmp(driver, "kmsdrm") == 0;
    bool fullscreen = cfg->fullscreen_set ? cfg->fullscreen : console;
    int w = cfg->width ? cfg->width : 1280, h = cfg->height ? cfg->height : 720;
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    struct display *d = xcalloc(1, sizeof *d);

    if (!console) {
        /* The software path: no throwaway GL window mapping Mesa and LLVM (DESIGN.md). */
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    }
    int x = SDL_WINDOWPOS_CENTERED, y = SDL_WINDOWPOS_CENTERED;
    SDL_DisplayMode desk;
    if (fullscreen && driver && strcmp(driver, "x11") == 0 && SDL_GetDesktopDisplayMode(0, &desk) == 0) {
        /* SDL's X11 driver waits up to 100 ms for a window manager to grant full screen,
         * and an X server with no window manager (a kiosk's) never answers. A borderless
         * window over the whole screen looks the same from the first frame; full screen is
         * asked for once the first slide is up (display_settle). */
        x = y = 0;
        w = desk.w;
        h = desk.h;
        flags |= SDL_WINDOW_BORDERLESS;
        d->fullscreen_pending = true;
    } else if (fullscreen) {
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    }
    d->win = SDL_CreateWindow("Newsreel", x, y, w, h, flags);
    if (!d->win) {
        nr_fail(err, NR_ERR_INTERNAL, "cannot open a window (%s video driver): %s",
                driver ? driver : "no", SDL_GetError());
        goto fail;
    }
    d->ren = SDL_CreateRenderer(d->win, -1, console ? 0 : SDL_RENDERER_SOFTWARE);
    if (!d->ren && console)
        d->ren = SDL_CreateRenderer(d->win, -1, SDL_RENDERER_SOFTWARE);
    if (!d->ren) {
        nr_fail(err, NR_ERR_INTERNAL, "cannot create a renderer: %s", SDL_GetError());
        goto fail;
    }
    d->fullscreen = fullscreen;
    d->rotation_deg = cfg->rotation_deg;
    if (fullscreen)
        SDL_ShowCursor(SDL_DISABLE);
    SDL_DisableScreenSaver();
    update_output_size(d);
    return d;
fail:
    display_free(d);
    return NULL;
}

void display_free(struct display *d)
{
    if (!d)
        return;
    if (d->ren)
        SDL_DestroyRenderer(d->ren);
    if (d->win)
        SDL_DestroyWindow(d->win);
    free(d);
}

SDL_Renderer *display_renderer(struct display *d)
{
    return d->ren;
}

void display_slide_size(const struct display *d, int *w, int *h)
{
    bool turned = d->rotation_deg == 90 || d->rotation_deg == 270;
    *w = turned ? d->out_h : d->out_w;
    *h = turned ? d->out_w : d->out_h;
}

bool display_configure(struct display *d, const struct config *cfg)
{
    int w0, h0, w1, h1;
    display_slide_size(d, &w0, &h0);
    d->rotation_deg = cfg->rotation_deg;
    if (cfg->fullscreen_set && cfg->fullscreen != d->fullscreen)
        display_toggle_fullscreen(d);
    update_output_size(d);
    display_slide_size(d, &w1, &h1);
    return w0 != w1 || h0 != h1;
}

bool display_handle_event(struct display *d, const SDL_Event *ev)
{
    if (ev->type == SDL_RENDER_TARGETS_RESET || ev->type == SDL_RENDER_DEVICE_RESET)
        return true;
    if (ev->type == SDL_WINDOWEVENT && (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
                                        ev->window.event == SDL_WINDOWEVENT_DISPLAY_CHANGED)) {
        int w = d->out_w, h = d->out_h;
        update_output_size(d);
        return w != d->out_w || h != d->out_h;
    }
    if (ev->type == SDL_DISPLAYEVENT) {
        int w = d->out_w, h = d->out_h;
        update_output_size(d);
        return w != d->out_w || h != d->out_h;
    }
    return false;
}

void display_settle(struct display *d)
{
    if (!d->fullscreen_pending)
        return;
    d->fullscreen_pending = false;
    if (SDL_SetWindowFullscreen(d->win, SDL_WINDOW_FULLSCREEN_DESKTOP) != 0)
        nr_warn("cannot switch full screen: %s", SDL_GetError());
    update_output_size(d);
}

void display_toggle_fullscreen(struct display *d)
{
    d->fullscreen_pending = false;
    d->fullscreen = !d->fullscreen;
    if (!d->fullscreen)
        SDL_SetWindowBordered(d->win, SDL_TRUE);   /* it may have started borderless */
    if (SDL_SetWindowFullscreen(d->win, d->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0) != 0) {
        nr_warn("cannot switch full screen: %s", SDL_GetError());
        d->fullscreen = !d->fullscreen;
    }
    SDL_ShowCursor(d->fullscreen ? SDL_DISABLE : SDL_ENABLE);
    update_output_size(d);
}

void display_set_blank(struct display *d, bool blank)
{
    if (blank == d->blank)
        return;
    d->blank = blank;
    /* SDL has no DPMS call: letting the screen saver run lets X (or the console) power the
     * screen down; the black frame covers platforms where it does not */
    if (blank)
        SDL_EnableScreenSaver();
    else
        SDL_DisableScreenSaver();
    nr_info("screen %s", blank ? "blanked (off hours)" : "on");
}

bool display_is_blank(const struct display *d)
{
    return d->blank;
}

/* (x, y) in slide coordinates turned clockwise by deg */
static void turn(int deg, int x, int y, int *ox, int *oy)
{
    switch (deg) {
    case 90: *ox = -y; *oy = x; break;
    case 180: *ox = -x; *oy = -y; break;
    case 270: *ox = y; *oy = -x; break;
    default: *ox = x; *oy = y; break;
    }
}

void display_present(struct display *d, const struct display_layer *layers, size_t n,
                     struct rgba bg, int dx, int dy)
{
    int sw, sh;
    display_slide_size(d, &sw, &sh);
    if (d->blank) {
        SDL_SetRenderDrawColor(d->ren, 0, 0, 0, 255);
        SDL_RenderClear(d->ren);
        SDL_RenderPresent(d->ren);
        return;
    }
    SDL_SetRenderDrawColor(d->ren, bg.r, bg.g, bg.b, 255);
    SDL_RenderClear(d->ren);
    for (size_t i = 0; i < n; i++) {
        const struct display_layer *l = &layers[i];
        if (!l->tex || l->alpha == 0)
            continue;
        int ox, oy;
        turn(d->rotation_deg, l->x + dx, dy, &ox, &oy);
        /* the slide is centred on the output, then turned about its centre */
        SDL_Rect dst = { (d->out_w - sw) / 2 + ox, (d->out_h - sh) / 2 + oy, sw, sh };
        SDL_SetTextureBlendMode(l->tex, l->alpha == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
        SDL_SetTextureAlphaMod(l->tex, l->alpha);
        if (d->rotation_deg == 0)
            SDL_RenderCopy(d->ren, l->tex, NULL, &dst);
        else
            SDL_RenderCopyEx(d->ren, l->tex, NULL, &dst, d->rotation_deg, NULL, SDL_FLIP_NONE);
    }
    SDL_RenderPresent(d->ren);
}

bool display_on_at(int on_minute, int off_minute, int minute_of_day)
{
    if (on_minute == off_minute)
        return true;
    if (on_minute < off_minute)
        return minute_of_day >= on_minute && minute_of_day < off_minute;
    return minute_of_day >= on_minute || minute_of_day < off_minute;   /* across midnight */
}

#define DRIFT_STEP_MS (3 * 60 * 1000)

int64_t display_drift_period_ms(int drift_px)
{
    return drift_px > 0 ? DRIFT_STEP_MS : 24LL * 3600 * 1000;
}

void display_drift(uint64_t now_ms, int drift_px, int *dx, int *dy)
{
    *dx = *dy = 0;
    if (drift_px <= 0)
        return;
    /* a Lissajous path (3:2) sampled once a step: every point of the square is visited
     * over a few hours, so no pixel holds one edge for long */
    double t = (double)(now_ms / DRIFT_STEP_MS) * 0.05;
    *dx = (int)lround(drift_px * sin(3.0 * t));
    *dy = (int)lround(drift_px * sin(2.0 * t + 0.7));
}
