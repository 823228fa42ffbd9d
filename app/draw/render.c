/* render.c: the drawer: lays a slide out and walks the display list, nothing more. Scaled
 * photos (with their scrims) and QR codes are kept for the next frame of the same slide. */
#include "draw_int.h"

#include "alloc.h"

#include <SDL_image.h>
#include <stdlib.h>
#include <string.h>

#include "banned.h"

#define PHOTO_LAYERS 4

struct photo_layer {
    uint64_t key;
    SDL_Surface *surface;
    uint64_t used;
};

struct drawer {
    const struct theme *theme;
    struct font_set *fs;
    struct text_cache *tc;
    struct text_measurer m;
    struct photo_layer layers[PHOTO_LAYERS];
    uint64_t tick;
    char *qr_text;
    int qr_side;
    SDL_Surface *qr;
};

struct drawer *drawer_new(const char *font_dir, const struct theme *theme, struct nr_err *err)
{
    struct drawer *d = xcalloc(1, sizeof *d);
    d->theme = theme;
    d->fs = font_set_new(font_dir, theme->font_files, err);
    if (!d->fs) {
        free(d);
        return NULL;
    }
    d->tc = text_cache_new(d->fs);
    text_cache_measurer(d->tc, &d->m);
    return d;
}

void drawer_clear_caches(struct drawer *d)
{
    text_cache_clear(d->tc);
    for (int i = 0; i < PHOTO_LAYERS; i++) {
        SDL_FreeSurface(d->layers[i].surface);
        d->layers[i] = (struct photo_layer){ 0 };
    }
    SDL_FreeSurface(d->qr);
    d->qr = NULL;
    free(d->qr_text);
    d->qr_text = NULL;
}

void drawer_free(struct drawer *d)
{
    if (!d)
        return;
    drawer_clear_caches(d);
    text_cache_free(d->tc);
    font_set_free(d->fs);
    free(d);
}

const struct text_measurer *drawer_measurer(struct drawer *d)
{
    return &d->m;
}

static uint64_t mix(uint64_t h, uint64_t v)
{
    return (h ^ v) * 1099511628211ull;
}

/* Identifies the photo's pixels cheaply: size plus a sparse sample, so that a new photo at
 * a recycled address is not mistaken for the old one. */
static uint64_t photo_key(SDL_Surface *p)
{
    uint64_t h = 1469598103934665603ull;
    h = mix(h, (uint64_t)(uintptr_t)p);
    h = mix(h, (uint64_t)p->w << 32 | (uint32_t)p->h);
    if (SDL_MUSTLOCK(p))
        SDL_LockSurface(p);
    int bpp = p->format->BytesPerPixel;
    for (int i = 0; i < 256; i++) {
        int x = (int)((i * 7919u) % (unsigned)p->w), y = (int)((i * 104729u) % (unsigned)p->h);
        const uint8_t *px = (const uint8_t *)p->pixels + (size_t)y * p->pitch + (size_t)x * bpp;
        uint32_t v = 0;
        memcpy(&v, px, bpp < 4 ? (size_t)bpp : 4);
        h = mix(h, v);
    }
    if (SDL_MUSTLOCK(p))
        SDL_UnlockSurface(p);
    return h ? h : 1;
}

/* Darkens rows of s inside r, from nothing at the top to c.a at the bottom (eased). */
static void shade(SDL_Surface *s, SDL_Rect r, struct rgba c)
{
    SDL_Rect all = { 0, 0, s->w, s->h }, in;
    if (!SDL_IntersectRect(&r, &all, &in))
        return;
    for (int y = in.y; y < in.y + in.h; y++) {
        double t = r.h > 1 ? (double)(y - r.y) / (r.h - 1) : 1.0;
        t = t * t * (3 - 2 * t);
        unsigned a = (unsigned)(t * c.a + 0.5), ia = 255 - a;
        uint32_t *row = (uint32_t *)((uint8_t *)s->pixels + (size_t)y * s->pitch);
        for (int x = in.x; x < in.x + in.w; x++) {
            uint32_t p = row[x];
            unsigned rr = (((p >> 16) & 0xff) * ia + c.r * a + 127) / 255;
            unsigned gg = (((p >> 8) & 0xff) * ia + c.g * a + 127) / 255;
            unsigned bb = ((p & 0xff) * ia + c.b * a + 127) / 255;
            row[x] = 0xff000000u | rr << 16 | gg << 8 | bb;
        }
    }
}

static void fill(SDL_Surface *s, struct dl_rect r, struct rgba c)
{
    SDL_Rect want = { r.x, r.y, r.w, r.h }, all = { 0, 0, s->w, s->h }, in;
    if (!SDL_IntersectRect(&want, &all, &in))
        return;
    if (c.a == 0xff) {
        SDL_FillRect(s, &in, SDL_MapRGBA(s->format, c.r, c.g, c.b, 0xff));
        return;
    }
    unsigned a = c.a, ia = 255 - a;
    for (int y = in.y; y < in.y + in.h; y++) {
        uint32_t *row = (uint32_t *)((uint8_t *)s->pixels + (size_t)y * s->pitch);
        for (int x = in.x; x < in.x + in.w; x++) {
            uint32_t p = row[x];
            unsigned rr = (((p >> 16) & 0xff) * ia + c.r * a + 127) / 255;
            unsigned gg = (((p >> 8) & 0xff) * ia + c.g * a + 127) / 255;
            unsigned bb = ((p & 0xff) * ia + c.b * a + 127) / 255;
            row[x] = 0xff000000u | rr << 16 | gg << 8 | bb;
        }
    }
}

/* The photo item scaled, with the scrims that lie on it, from the cache or made now. */
static SDL_Surface *photo_layer(struct drawer *d, const struct display_list *dl,
                                const struct dl_item *it, SDL_Surface *photo)
{
    uint64_t key = photo_key(photo);
    const struct dl_rect *rs[] = { &it->rect, &it->src };
    for (int i = 0; i < 2; i++) {
        key = mix(key, (uint64_t)(uint32_t)rs[i]->x << 32 | (uint32_t)rs[i]->y);
        key = mix(key, (uint64_t)(uint32_t)rs[i]->w << 32 | (uint32_t)rs[i]->h);
    }
    for (size_t i = 0; i < dl->n; i++) {
        const struct dl_item *s = &dl->items[i];
        if (s->kind != DL_SCRIM)
            continue;
        key = mix(key, (uint64_t)(uint32_t)s->rect.x << 32 | (uint32_t)s->rect.y);
        key = mix(key, (uint64_t)(uint32_t)s->rect.w << 32 | (uint32_t)s->rect.h);
        key = mix(key, (uint64_t)s->color.r << 24 | s->color.g << 16 | s->color.b << 8 |
                           s->color.a);
    }
    struct photo_layer *lru = &d->layers[0];
    for (int i = 0; i < PHOTO_LAYERS; i++) {
        if (d->layers[i].surface && d->layers[i].key == key) {
            d->layers[i].used = ++d->tick;
            return d->layers[i].surface;
        }
        if (d->layers[i].used < lru->used)
            lru = &d->layers[i];
    }
    SDL_Rect src = { it->src.x, it->src.y, it->src.w, it->src.h };
    SDL_Surface *layer = photo_scale(photo, &src, it->rect.w, it->rect.h);
    if (!layer)
        return NULL;
    for (size_t i = 0; i < dl->n; i++) {
        const struct dl_item *s = &dl->items[i];
        if (s->kind == DL_SCRIM)
            shade(layer,
                  (SDL_Rect){ s->rect.x - it->rect.x, s->rect.y - it->rect.y, s->rect.w,
                              s->rect.h },
                  s->color);
    }
    SDL_SetSurfaceBlendMode(layer, SDL_BLENDMODE_NONE);
    SDL_FreeSurface(lru->surface);
    *lru = (struct photo_layer){ .key = key, .surface = layer, .used = ++d->tick };
    return layer;
}

static void draw_qr(struct drawer *d, SDL_Surface *s, const struct dl_item *it)
{
    if (!d->qr || d->qr_side != it->rect.w || strcmp(d->qr_text, it->qr_text) != 0) {
        SDL_FreeSurface(d->qr);
        free(d->qr_text);
        struct rgba light = { 0xf4, 0xf1, 0xea, 0xff }, dark = { 0x12, 0x14, 0x17, 0xff };
        d->qr = qr_render(it->qr_text, it->rect.w, dark, light);
        d->qr_text = xstrdup(it->qr_text);
        d->qr_side = it->rect.w;
    }
    if (d->qr) {
        SDL_Rect r = { it->rect.x, it->rect.y, it->rect.w, it->rect.h };
        SDL_BlitSurface(d->qr, NULL, s, &r);
    }
}

SDL_Surface *drawer_text_run(struct drawer *d, const struct dl_item *it, size_t k)
{
    int asc = 0;
    return text_cache_run(d->tc, it->face, it->px, it->runs[k].rtl, it->color, it->runs[k].utf8,
                          it->runs[k].len, &asc);
}

static void draw_text(struct drawer *d, SDL_Surface *s, const struct dl_item *it)
{
    SDL_Rect clip = { it->clip.x, it->clip.y, it->clip.w, it->clip.h };
    /* glyphs may reach a little past the line box (accents, descenders): allow a band of
     * the font's size above and below, never beyond the block's width */
    clip.y -= it->px / 4;
    clip.h += it->px / 2;
    SDL_SetClipRect(s, &clip);
    for (size_t k = 0; k < it->n_runs; k++) {
        const struct dl_run *r = &it->runs[k];
        int asc = 0;
        SDL_Surface *run = text_cache_run(d->tc, it->face, it->px, r->rtl, it->color, r->utf8,
                                          r->len, &asc);
        if (!run)
            continue;
        SDL_Rect dst = { it->rect.x + r->x_off, it->baseline - asc, run->w, run->h };
        SDL_BlitSurface(run, NULL, s, &dst);
    }
    SDL_SetClipRect(s, NULL);
}

/* An ARGB8888 surface whose pixels are not cleared first (the background fill covers them
 * all; clearing 33 MB at 4K costs more than laying the slide out). SDL_FreeSurface frees it
 * as any other. */
static SDL_Surface *new_slide_surface(int w, int h)
{
    size_t pitch = (size_t)w * 4, bytes = pitch * (size_t)h;
    void *pixels = SDL_malloc(bytes);
    if (!pixels)
        return NULL;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormatFrom(pixels, w, h, 32, (int)pitch,
                                                        SDL_PIXELFORMAT_ARGB8888);
    if (!s) {
        SDL_free(pixels);
        return NULL;
    }
    s->flags &= ~(Uint32)SDL_PREALLOC;   /* the surface owns the pixels from here on */
    return s;
}

SDL_Surface *drawer_paint(struct drawer *d, const struct display_list *dl, SDL_Surface *photo,
                          int w, int h, struct nr_err *err)
{
    SDL_Surface *s = new_slide_surface(w, h);
    if (!s) {
        nr_fail(err, NR_ERR_INTERNAL, "cannot make a '%dx%d' slide: %s", w, h, SDL_GetError());
        return NULL;
    }
    for (size_t i = 0; i < dl->n; i++) {
        const struct dl_item *it = &dl->items[i];
        switch (it->kind) {
        case DL_FILL:
            fill(s, it->rect, it->color);
            break;
        case DL_PHOTO:
            if (photo) {
                SDL_Surface *layer = photo_layer(d, dl, it, photo);
                SDL_Rect r = { it->rect.x, it->rect.y, it->rect.w, it->rect.h };
                if (layer)
                    SDL_BlitSurface(layer, NULL, s, &r);
            }
            break;
        case DL_SCRIM:
            break;   /* painted into the photo layer */
        case DL_TEXT:
            draw_text(d, s, it);
            break;
        case DL_QR:
            draw_qr(d, s, it);
            break;
        }
    }
    return s;
}

enum nr_result drawer_layout(struct drawer *d, const struct story *story, SDL_Surface *photo,
                             const struct slide_info *info, int w, int h,
                             struct display_list *dl, struct nr_err *err)
{
    struct slide_meta meta = {
        .photo_w = photo ? photo->w : 0,
        .photo_h = photo ? photo->h : 0,
        .index = info ? info->index : 0,
        .count = info ? info->count : 0,
        .now_unix = info ? info->now_unix : 0,
        .utc_offset_s = info ? info->utc_offset_s : 0,
    };
    return layout_slide(story, d->theme, (struct viewport){ w, h }, &meta, &d->m, dl, err);
}

SDL_Surface *drawer_render(struct drawer *d, const struct story *story, SDL_Surface *photo,
                           const struct slide_info *info, int w, int h, struct nr_err *err)
{
    struct display_list dl;
    SDL_Surface *s = NULL;
    if (drawer_layout(d, story, photo, info, w, h, &dl, err) == NR_OK)
        s = drawer_paint(d, &dl, photo, w, h, err);
    display_list_release(&dl);
    return s;
}

enum nr_result draw_save_png(SDL_Surface *s, const char *path, struct nr_err *err)
{
    if (IMG_SavePNG(s, path) != 0)
        return nr_fail(err, NR_ERR_IO, "cannot write '%s': %s", path, IMG_GetError());
    return NR_OK;
}
