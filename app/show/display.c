/* display.c: window, renderer, rotation, blanking and drift. */
#include "display.h"

#include "alloc.h"
#include "compose.h"
#include "dpms.h"
#include "hotplug.h"
#include "log.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct display {
    SDL_Window *win;
    SDL_Renderer *ren; /* NULL on the software path: frames go to the window surface */
    bool warned;       /* a failing present is said once */
    int rotation_deg;
    bool blank;
    bool screen_off;  /* blank, and powered down (DPMS) after the black frame */
    bool power_tried; /* this blank period's attempt was made */
    bool fullscreen;
    bool fullscreen_pending; /* covering the screen, full screen asked for after the first slide */
    int out_w, out_h;        /* renderer output in pixels */
    struct hotplug *hotplug; /* the console's screens coming and going; NULL elsewhere */
    /* the ticker's strip moving through its band (show_display_set_band); NULL: none */
    SDL_Surface *band_surf; /* software */
    SDL_Texture *band_tex;  /* GPU renderer */
    int band_w, band_h;     /* the strip's size */
    SDL_Rect band_row;      /* where it runs, in slide pixels */
    int band_sw, band_sh;   /* the slide size it was made for: another size draws none */
    int64_t band_off;       /* the strip's pixel at the row's start */
};

struct display_image {
    SDL_Surface *surf; /* software: in the screen's orientation */
    SDL_Texture *tex;  /* GPU renderer */
};

static void update_output_size(struct display *d)
{
    if (d->ren) {
        if (SDL_GetRendererOutputSize(d->ren, &d->out_w, &d->out_h) == 0 && d->out_w > 0 &&
            d->out_h > 0)
            return;
    } else {
        SDL_GetWindowSizeInPixels(d->win, &d->out_w, &d->out_h);
        if (d->out_w > 0 && d->out_h > 0)
            return;
    }
    SDL_GetWindowSize(d->win, &d->out_w, &d->out_h);
}

/* Reads the output size again; true when the slide size changed. */
static bool output_changed(struct display *d)
{
    int w = d->out_w, h = d->out_h;
    update_output_size(d);
    return w != d->out_w || h != d->out_h;
}

struct display *show_display_new(const struct config *cfg, struct nr_err *err)
{
    const char *driver = SDL_GetCurrentVideoDriver();
    /* SDL 2.26 names it "KMSDRM", SDL_VIDEODRIVER takes "kmsdrm" */
    bool console = driver && strcasecmp(driver, "kmsdrm") == 0;
    bool fullscreen = cfg->fullscreen_set ? cfg->fullscreen : console;
    int w = cfg->width ? cfg->width : 1280, h = cfg->height ? cfg->height : 720;
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    struct display *d = xcalloc(1, sizeof *d);

    /* display.renderer: gpu takes the console's textured path on any driver (a desktop, Xvfb
     * on Mesa's llvmpipe), software keeps the CPU even on the console */
    bool gpu = cfg->renderer == RENDERER_GPU || (console && cfg->renderer == RENDERER_AUTO);

    if (!gpu) {
        /* The software path: no throwaway GL window mapping Mesa and LLVM (DESIGN.md). */
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    } else {
        /* back to the environment's choice (SDL_RENDER_DRIVER) after a software display */
        SDL_ResetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION);
        SDL_ResetHint(SDL_HINT_RENDER_DRIVER);
        /* On KMS/DRM, GL comes through EGL on GBM, made for OpenGL ES: SDL's desktop OpenGL
         * renderer there presents the clear colour and none of the slides (seen on Mesa with
         * a virtio-gpu display). SDL_RENDER_DRIVER in the environment still wins. */
        if (console)
            SDL_SetHint(SDL_HINT_RENDER_DRIVER, "opengles2");
    }
    int x = SDL_WINDOWPOS_CENTERED, y = SDL_WINDOWPOS_CENTERED;
    SDL_DisplayMode desk;
    if (fullscreen && driver && strcmp(driver, "x11") == 0 &&
        SDL_GetDesktopDisplayMode(0, &desk) == 0) {
        /* SDL's X11 driver waits up to 100 ms for a window manager to grant full screen,
         * and an X server with no window manager (a kiosk's) never answers. A borderless
         * window over the whole screen looks the same from the first frame; full screen is
         * asked for once the first slide is up (show_display_settle). */
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
    /* With no GPU the CPU composes each frame into the window's own pixels (compose.c):
     * one pass for a fade frame where SDL's software renderer makes three, and no second
     * copy of every slide as a texture. On the console the GPU renderer does it. */
    if (gpu || console || !SDL_GetWindowSurface(d->win)) {
        d->ren =
            SDL_CreateRenderer(d->win, -1, gpu ? SDL_RENDERER_ACCELERATED : SDL_RENDERER_SOFTWARE);
        if (!d->ren && gpu) {
            nr_warn("no GPU renderer (%s): trying SDL's others", SDL_GetError());
            SDL_ResetHint(SDL_HINT_RENDER_DRIVER);
            d->ren = SDL_CreateRenderer(d->win, -1, 0);
        }
        if (!d->ren) {
            nr_fail(err, NR_ERR_INTERNAL, "cannot create a renderer: %s", SDL_GetError());
            goto fail;
        }
    }
    SDL_RendererInfo info = { .name = "CPU compositor" };
    if (d->ren && SDL_GetRendererInfo(d->ren, &info) != 0)
        info.name = "unknown";
    SDL_DisplayMode mode = { 0 };
    SDL_GetCurrentDisplayMode(SDL_GetWindowDisplayIndex(d->win), &mode);
    nr_info("video driver %s, %s renderer, screen mode %dx%d@%d", driver ? driver : "none",
            info.name, mode.w, mode.h, mode.refresh_rate);
    if (console)
        d->hotplug = show_hotplug_new(d->win);
    d->fullscreen = fullscreen;
    d->rotation_deg = cfg->rotation_deg;
    if (fullscreen)
        SDL_ShowCursor(SDL_DISABLE);
    SDL_DisableScreenSaver();
    update_output_size(d);
    return d;
fail:
    show_display_free(d);
    return NULL;
}

void show_display_free(struct display *d)
{
    if (!d)
        return;
    show_hotplug_free(d->hotplug);
    show_display_set_band(d, NULL, (SDL_Rect){ 0 });
    if (d->ren)
        SDL_DestroyRenderer(d->ren);
    if (d->win)
        SDL_DestroyWindow(d->win);
    free(d);
}

struct display_image *show_display_image_new(struct display *d, SDL_Surface *surf)
{
    if (!surf)
        return NULL;
    struct display_image *img = xcalloc(1, sizeof *img);
    if (d->ren) {
        img->tex = SDL_CreateTextureFromSurface(d->ren, surf);
        SDL_FreeSurface(surf); /* the texture holds the pixels; keep memory to one copy */
        if (!img->tex) {
            nr_warn("cannot make a texture: %s", SDL_GetError());
            free(img);
            return NULL;
        }
        return img;
    }
    int deg = d->rotation_deg;
    if ((deg == 90 || deg == 180 || deg == 270) && surf->format->BytesPerPixel == 4) {
        /* turned once here, so that every frame is a straight copy or blend */
        bool quarter = deg != 180;
        SDL_Surface *t = SDL_CreateRGBSurfaceWithFormat(
            0, quarter ? surf->h : surf->w, quarter ? surf->w : surf->h, 32, surf->format->format);
        if (t) {
            struct compose_image src = { surf->pixels, surf->w, surf->h, surf->pitch / 4 };
            show_compose_rotate(&src, deg, t->pixels, t->pitch / 4);
            SDL_FreeSurface(surf);
            surf = t;
        } else {
            nr_warn("cannot turn a slide: %s", SDL_GetError());
        }
    }
    img->surf = surf;
    return img;
}

void show_display_image_free(struct display_image *img)
{
    if (!img)
        return;
    if (img->tex)
        SDL_DestroyTexture(img->tex);
    SDL_FreeSurface(img->surf);
    free(img);
}

void show_display_slide_size(const struct display *d, int *w, int *h)
{
    bool turned = d->rotation_deg == 90 || d->rotation_deg == 270;
    *w = turned ? d->out_h : d->out_w;
    *h = turned ? d->out_w : d->out_h;
}

bool show_display_configure(struct display *d, const struct config *cfg)
{
    int w0, h0, w1, h1, deg0 = d->rotation_deg;
    show_display_slide_size(d, &w0, &h0);
    d->rotation_deg = cfg->rotation_deg;
    if (cfg->fullscreen_set && cfg->fullscreen != d->fullscreen)
        show_display_toggle_fullscreen(d);
    update_output_size(d);
    show_display_slide_size(d, &w1, &h1);
    return w0 != w1 || h0 != h1 || deg0 != d->rotation_deg;
}

bool show_display_handle_event(struct display *d, const SDL_Event *ev)
{
    if (ev->type == SDL_RENDER_TARGETS_RESET || ev->type == SDL_RENDER_DEVICE_RESET)
        return true;
    if (ev->type == SDL_WINDOWEVENT && (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
                                        ev->window.event == SDL_WINDOWEVENT_DISPLAY_CHANGED))
        return output_changed(d);
    if (ev->type == SDL_DISPLAYEVENT)
        return output_changed(d);
    return false;
}

bool show_display_screens_changed(struct display *d, const SDL_Event *ev, char *what,
                                  size_t what_len)
{
    return show_hotplug_changed(d->hotplug, ev, what, what_len);
}

bool show_display_settle(struct display *d)
{
    if (!d->fullscreen_pending)
        return false;
    d->fullscreen_pending = false;
    if (SDL_SetWindowFullscreen(d->win, SDL_WINDOW_FULLSCREEN_DESKTOP) != 0)
        nr_warn("cannot switch full screen: %s", SDL_GetError());
    return output_changed(d);
}

bool show_display_toggle_fullscreen(struct display *d)
{
    d->fullscreen_pending = false;
    d->fullscreen = !d->fullscreen;
    if (!d->fullscreen)
        SDL_SetWindowBordered(d->win, SDL_TRUE); /* it may have started borderless */
    if (SDL_SetWindowFullscreen(d->win, d->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0) != 0) {
        nr_warn("cannot switch full screen: %s", SDL_GetError());
        d->fullscreen = !d->fullscreen;
    }
    SDL_ShowCursor(d->fullscreen ? SDL_DISABLE : SDL_ENABLE);
    return output_changed(d);
}

void show_display_set_blank(struct display *d, bool blank)
{
    if (blank == d->blank)
        return;
    d->blank = blank;
    /* the black frame comes first (show_display_present), then the power goes off there */
    if (blank) {
        SDL_EnableScreenSaver();
    } else {
        char why[160];
        if (d->screen_off && !show_dpms_set(d->win, true, why, sizeof why))
            nr_warn("cannot power the screen up: %s", why);
        d->screen_off = false;
        d->power_tried = false;
        SDL_DisableScreenSaver();
    }
    nr_info("screen %s", blank ? "blanked (off hours)" : "on");
}

bool show_display_is_blank(const struct display *d)
{
    return d->blank;
}

/* (x, y) in slide coordinates turned clockwise by deg */
static void turn(int deg, int x, int y, int *ox, int *oy)
{
    switch (deg) {
    case 90:
        *ox = -y;
        *oy = x;
        break;
    case 180:
        *ox = -x;
        *oy = -y;
        break;
    case 270:
        *ox = y;
        *oy = -x;
        break;
    default:
        *ox = x;
        *oy = y;
        break;
    }
}

/* Where a layer's image goes on the output: the slide centred, then turned about its centre
 * (slide-space offsets turned with it). */
static void place(const struct display *d, int iw, int ih, int x, int y, SDL_Rect *dst)
{
    int ox, oy;
    turn(d->rotation_deg, x, y, &ox, &oy);
    *dst = (SDL_Rect){ (d->out_w - iw) / 2 + ox, (d->out_h - ih) / 2 + oy, iw, ih };
}

/* Bytes laid out as compose.c's pixels: 32 bits, blue lowest, red third. */
static bool plain_xrgb(const SDL_Surface *s)
{
    const SDL_PixelFormat *f = s->format;
    return f->BytesPerPixel == 4 && f->Rmask == 0x00FF0000u && f->Gmask == 0x0000FF00u &&
           f->Bmask == 0x000000FFu && (s->pitch % 4) == 0;
}

/* Copies the ticker's strip into its band of the window surface ws (plain 32-bit pixels, the
 * slide placed as place() puts it, unturned); the rectangle drawn goes to *drawn. */
static void band_software(struct display *d, SDL_Surface *ws, int dx, int dy, SDL_Rect *drawn)
{
    int sw, sh;
    SDL_Rect slide;
    show_display_slide_size(d, &sw, &sh);
    if (!d->band_surf || d->blank || d->rotation_deg != 0 || sw != d->band_sw || sh != d->band_sh)
        return;
    place(d, sw, sh, dx, dy, &slide);
    SDL_Rect want = { slide.x, slide.y + d->band_row.y, sw, d->band_row.h },
             all = { 0, 0, ws->w, ws->h }, in;
    if (!SDL_IntersectRect(&want, &all, &in))
        return;
    int64_t start = (d->band_off - d->band_row.x + (in.x - slide.x)) % d->band_w;
    if (start < 0)
        start += d->band_w;
    for (int y = in.y; y < in.y + in.h; y++) {
        const uint32_t *src = (const uint32_t *)((const uint8_t *)d->band_surf->pixels +
                                                 (size_t)(y - want.y) * d->band_surf->pitch);
        uint32_t *dst = (uint32_t *)((uint8_t *)ws->pixels + (size_t)y * ws->pitch);
        int x = in.x, sx = (int)start;
        while (x < in.x + in.w) {
            int run = d->band_w - sx < in.x + in.w - x ? d->band_w - sx : in.x + in.w - x;
            memcpy(dst + x, src + sx, (size_t)run * 4);
            x += run;
            sx = 0;
        }
    }
    if (drawn)
        *drawn = in;
}

bool show_display_set_band(struct display *d, SDL_Surface *strip, SDL_Rect row)
{
    SDL_FreeSurface(d->band_surf);
    if (d->band_tex)
        SDL_DestroyTexture(d->band_tex);
    d->band_surf = NULL;
    d->band_tex = NULL;
    d->band_off = 0;
    /* a turned screen keeps the band its slides were painted with: it does not move */
    if (!strip || strip->w <= 0 || strip->h != row.h || d->rotation_deg != 0) {
        SDL_FreeSurface(strip);
        return false;
    }
    d->band_w = strip->w;
    d->band_h = strip->h;
    d->band_row = row;
    show_display_slide_size(d, &d->band_sw, &d->band_sh);
    if (d->ren) {
        d->band_tex = SDL_CreateTextureFromSurface(d->ren, strip);
        SDL_FreeSurface(strip);
        return d->band_tex != NULL;
    }
    if (strip->format->BytesPerPixel != 4) {
        SDL_FreeSurface(strip);
        return false;
    }
    d->band_surf = strip;
    return true;
}

void show_display_move_band(struct display *d, int64_t offset_px)
{
    d->band_off = offset_px;
}

bool show_display_present_band(struct display *d, int dx, int dy)
{
    if (d->ren || d->screen_off)
        return false;
    SDL_Surface *ws = SDL_GetWindowSurface(d->win);
    if (!ws || !plain_xrgb(ws) || ws->w != d->out_w || ws->h != d->out_h)
        return false; /* a new window surface: a whole frame first */
    SDL_Rect drawn = { 0 };
    if (SDL_MUSTLOCK(ws))
        SDL_LockSurface(ws);
    band_software(d, ws, dx, dy, &drawn);
    if (SDL_MUSTLOCK(ws))
        SDL_UnlockSurface(ws);
    if (drawn.w > 0 && SDL_UpdateWindowSurfaceRects(d->win, &drawn, 1) != 0 && !d->warned) {
        nr_warn("cannot show the frame: %s", SDL_GetError());
        d->warned = true;
    }
    return true;
}

static void present_software(struct display *d, const struct display_layer *layers, size_t n,
                             struct rgba bg, int dx, int dy)
{
    SDL_Surface *ws = SDL_GetWindowSurface(d->win);
    if (!ws) {
        if (!d->warned)
            nr_warn("cannot draw to the window: %s", SDL_GetError());
        d->warned = true;
        return;
    }
    d->out_w = ws->w;
    d->out_h = ws->h;
    struct compose_image imgs[4];
    struct compose_layer cl[4];
    SDL_Surface *surfs[4];
    size_t m = 0;
    bool fast = plain_xrgb(ws);
    for (size_t i = 0; i < n && m < 4 && !d->blank; i++) {
        const struct display_image *img = layers[i].img;
        if (!img || !img->surf || layers[i].alpha == 0)
            continue;
        SDL_Surface *sf = surfs[m] = img->surf;
        fast = fast && plain_xrgb(sf);
        SDL_Rect r;
        place(d, sf->w, sf->h, layers[i].x + dx, dy, &r);
        imgs[m] = (struct compose_image){ sf->pixels, sf->w, sf->h, sf->pitch / 4 };
        cl[m] = (struct compose_layer){ &imgs[m], r.x, r.y, layers[i].alpha };
        m++;
    }
    if (d->blank)
        bg = (struct rgba){ 0, 0, 0, 255 };
    if (SDL_MUSTLOCK(ws))
        SDL_LockSurface(ws);
    if (fast) {
        uint32_t c = (uint32_t)bg.r << 16 | (uint32_t)bg.g << 8 | bg.b;
        show_compose_frame(ws->pixels, ws->w, ws->h, ws->pitch / 4, c, cl, m);
    } else {
        /* an unusual window format: SDL converts (slower, same picture) */
        SDL_FillRect(ws, NULL, SDL_MapRGB(ws->format, bg.r, bg.g, bg.b));
        for (size_t k = 0; k < m; k++) {
            SDL_Rect r = { cl[k].x, cl[k].y, surfs[k]->w, surfs[k]->h };
            SDL_SetSurfaceBlendMode(surfs[k],
                                    cl[k].alpha == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
            SDL_SetSurfaceAlphaMod(surfs[k], cl[k].alpha);
            SDL_BlitSurface(surfs[k], NULL, ws, &r);
        }
    }
    if (fast && m > 0)
        band_software(d, ws, dx, dy, NULL);
    if (SDL_MUSTLOCK(ws))
        SDL_UnlockSurface(ws);
    if (SDL_UpdateWindowSurface(d->win) != 0 && !d->warned) {
        nr_warn("cannot show the frame: %s", SDL_GetError());
        d->warned = true;
    }
}

/* After the black frame of a blank period: the screen's power off, once. */
static void power_down(struct display *d)
{
    char why[160];
    if (d->power_tried)
        return;
    d->power_tried = true;
    d->screen_off = show_dpms_set(d->win, false, why, sizeof why);
    if (d->screen_off)
        nr_info("screen powered down (DPMS) until the on time");
    else
        nr_info("screen left black, not powered down: %s", why);
}

static void present_renderer(struct display *d, const struct display_layer *layers, size_t n,
                             struct rgba bg, int dx, int dy)
{
    int sw, sh;
    show_display_slide_size(d, &sw, &sh);
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
        if (!l->img || !l->img->tex || l->alpha == 0)
            continue;
        SDL_Rect dst; /* the texture is in slide orientation: RenderCopyEx turns it */
        place(d, sw, sh, l->x + dx, dy, &dst);
        SDL_SetTextureBlendMode(l->img->tex,
                                l->alpha == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
        SDL_SetTextureAlphaMod(l->img->tex, l->alpha);
        if (d->rotation_deg == 0)
            SDL_RenderCopy(d->ren, l->img->tex, NULL, &dst);
        else
            SDL_RenderCopyEx(d->ren, l->img->tex, NULL, &dst, d->rotation_deg, NULL, SDL_FLIP_NONE);
    }
    if (d->band_tex && n > 0 && d->rotation_deg == 0 && sw == d->band_sw && sh == d->band_sh) {
        /* the strip through the band, round and round: one or two copies for each strip
         * width across the slide */
        SDL_Rect slide;
        place(d, sw, sh, dx, dy, &slide);
        int64_t start = (d->band_off - d->band_row.x) % d->band_w;
        if (start < 0)
            start += d->band_w;
        SDL_SetTextureBlendMode(d->band_tex, SDL_BLENDMODE_NONE);
        for (int x = 0, sx = (int)start; x < sw; sx = 0) {
            int run = d->band_w - sx < sw - x ? d->band_w - sx : sw - x;
            SDL_Rect src = { sx, 0, run, d->band_h },
                     dst = { slide.x + x, slide.y + d->band_row.y, run, d->band_h };
            SDL_RenderCopy(d->ren, d->band_tex, &src, &dst);
            x += run;
        }
    }
    SDL_RenderPresent(d->ren);
}

void show_display_present(struct display *d, const struct display_layer *layers, size_t n,
                          struct rgba bg, int dx, int dy)
{
    if (d->screen_off)
        return; /* nothing to show on a screen that is off; a flip could even fail */
    if (d->ren)
        present_renderer(d, layers, n, bg, dx, dy);
    else
        present_software(d, layers, n, bg, dx, dy);
    if (d->blank)
        power_down(d);
}

bool show_display_on_at(int on_minute, int off_minute, int minute_of_day)
{
    if (on_minute == off_minute)
        return true;
    if (on_minute < off_minute)
        return minute_of_day >= on_minute && minute_of_day < off_minute;
    return minute_of_day >= on_minute || minute_of_day < off_minute; /* across midnight */
}

#define DRIFT_STEP_MS (3 * 60 * 1000)

int64_t show_display_drift_period_ms(int drift_px)
{
    return drift_px > 0 ? DRIFT_STEP_MS : 24LL * 3600 * 1000;
}

void show_display_drift(uint64_t now_ms, int drift_px, int *dx, int *dy)
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
