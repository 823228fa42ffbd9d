/* render.c: the drawer: lays a slide out and walks the display list, nothing more. The photo
 * is scaled straight into the slide; the QR code is kept for the next slide with the same
 * link. */
#include "draw_int.h"

#include "alloc.h"

#include <stdlib.h>
#include <string.h>

struct drawer {
    const struct theme *theme;
    struct font_set *fs;
    struct text_cache *tc;
    struct text_measurer m;
    char *qr_text;
    int qr_side;
    SDL_Surface *qr;
    SDL_Surface *logo; /* the logo of the last drawer_layout, which its drawer_paint draws;
                        * borrowed */
};

struct drawer *drawer_new(const char *font_dir, const struct theme *theme, struct nr_err *err)
{
    struct drawer *d = xcalloc(1, sizeof *d);
    d->theme = theme;
    d->fs = draw_font_set_new(font_dir, theme->font_files, err);
    if (!d->fs) {
        free(d);
        return NULL;
    }
    d->tc = draw_text_cache_new(d->fs);
    draw_text_cache_measurer(d->tc, &d->m);
    return d;
}

void drawer_clear_caches(struct drawer *d)
{
    draw_text_cache_clear(d->tc);
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
    draw_text_cache_free(d->tc);
    draw_font_set_free(d->fs);
    free(d);
}

const struct theme *draw_drawer_theme(const struct drawer *d)
{
    return d->theme;
}

const struct text_measurer *drawer_measurer(struct drawer *d)
{
    return &d->m;
}

/* Darkens the rows of scrim r, from nothing at its top to c.a at its bottom (eased), where
 * they fall inside clip and s. */
static void shade_clip(SDL_Surface *s, SDL_Rect r, SDL_Rect clip, struct rgba c)
{
    SDL_Rect all = { 0, 0, s->w, s->h }, in0, in;
    if (!SDL_IntersectRect(&r, &all, &in0) || !SDL_IntersectRect(&in0, &clip, &in))
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

/* The photo item scaled into s, with the scrims that lie on it (a scrim darkens the photo
 * only). Straight into the slide where the photo lies inside it, else through a buffer. */
static void draw_photo(SDL_Surface *s, const struct display_list *dl, const struct dl_item *it,
                       SDL_Surface *photo)
{
    SDL_Rect src = { it->src.x, it->src.y, it->src.w, it->src.h };
    SDL_Rect r = { it->rect.x, it->rect.y, it->rect.w, it->rect.h };
    SDL_Surface *target = s, *layer = NULL;
    int ox = 0, oy = 0;
    if (!draw_photo_scale_into(photo, &src, s, &r)) {
        layer = draw_photo_scale(photo, &src, r.w, r.h);
        if (!layer)
            return;
        target = layer;
        ox = r.x;
        oy = r.y;
    }
    for (size_t i = 0; i < dl->n; i++) {
        const struct dl_item *sc = &dl->items[i];
        SDL_Rect on;
        SDL_Rect want = { sc->rect.x, sc->rect.y, sc->rect.w, sc->rect.h };
        if (sc->kind != DL_SCRIM || !SDL_IntersectRect(&want, &r, &on))
            continue;
        /* shade() eases over the whole scrim: give it the scrim, clipped to the photo */
        shade_clip(target, (SDL_Rect){ want.x - ox, want.y - oy, want.w, want.h },
                   (SDL_Rect){ on.x - ox, on.y - oy, on.w, on.h }, sc->color);
    }
    if (layer) {
        SDL_SetSurfaceBlendMode(layer, SDL_BLENDMODE_NONE);
        SDL_BlitSurface(layer, NULL, s, &r);
        SDL_FreeSurface(layer);
    }
}

/* The logo scaled (area average) into its box, over what is painted there. */
static void draw_logo(SDL_Surface *logo, SDL_Surface *s, const struct dl_item *it)
{
    if (!logo)
        return;
    SDL_Rect src = { 0, 0, logo->w, logo->h };
    SDL_Rect r = { it->rect.x, it->rect.y, it->rect.w, it->rect.h };
    SDL_Surface *scaled = draw_photo_scale(logo, &src, r.w, r.h);
    if (!scaled)
        return;
    SDL_BlendMode mode = SDL_BLENDMODE_NONE;
    SDL_GetSurfaceBlendMode(logo, &mode);
    SDL_SetSurfaceBlendMode(scaled, mode);
    SDL_BlitSurface(scaled, NULL, s, &r);
    SDL_FreeSurface(scaled);
}

static void draw_qr(struct drawer *d, SDL_Surface *s, const struct dl_item *it)
{
    if (!d->qr || d->qr_side != it->rect.w || strcmp(d->qr_text, it->qr_text) != 0) {
        SDL_FreeSurface(d->qr);
        free(d->qr_text);
        struct rgba light = { 0xf4, 0xf1, 0xea, 0xff }, dark = { 0x12, 0x14, 0x17, 0xff };
        d->qr = draw_qr_render(it->qr_text, it->rect.w, dark, light);
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
    return draw_text_cache_run(d->tc, it->face, it->px, it->runs[k].rtl, it->color,
                               it->runs[k].utf8, it->runs[k].len, &asc);
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
        SDL_Surface *run =
            draw_text_cache_run(d->tc, it->face, it->px, r->rtl, it->color, r->utf8, r->len, &asc);
        if (!run)
            continue;
        SDL_Rect dst = { it->rect.x + r->x_off, it->baseline - asc, run->w, run->h };
        SDL_BlitSurface(run, NULL, s, &dst);
    }
    SDL_SetClipRect(s, NULL);
}

void drawer_paint_text(struct drawer *d, SDL_Surface *s, const struct dl_item *it)
{
    if (d && s && it && it->kind == DL_TEXT)
        draw_text(d, s, it);
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
    SDL_Surface *s =
        SDL_CreateRGBSurfaceWithFormatFrom(pixels, w, h, 32, (int)pitch, SDL_PIXELFORMAT_ARGB8888);
    if (!s) {
        SDL_free(pixels);
        return NULL;
    }
    s->flags &= ~(Uint32)SDL_PREALLOC; /* the surface owns the pixels from here on */
    return s;
}

static void paint_items(struct drawer *d, const struct display_list *dl, SDL_Surface *photo,
                        SDL_Surface *s);

SDL_Surface *drawer_paint(struct drawer *d, const struct display_list *dl, SDL_Surface *photo,
                          int w, int h, struct nr_err *err)
{
    SDL_Surface *s = new_slide_surface(w, h);
    if (!s) {
        nr_fail(err, NR_ERR_INTERNAL, "cannot make a '%dx%d' slide: %s", w, h, SDL_GetError());
        return NULL;
    }
    paint_items(d, dl, photo, s);
    return s;
}

void drawer_paint_over(struct drawer *d, const struct display_list *dl, SDL_Surface *s)
{
    paint_items(d, dl, NULL, s);
}

static void paint_items(struct drawer *d, const struct display_list *dl, SDL_Surface *photo,
                        SDL_Surface *s)
{
    for (size_t i = 0; i < dl->n; i++) {
        const struct dl_item *it = &dl->items[i];
        switch (it->kind) {
        case DL_FILL: fill(s, it->rect, it->color); break;
        case DL_PHOTO:
            if (photo) {
                draw_photo(s, dl, it, photo);
                /* text over the photo keeps its contrast: a scrim where it is too light */
                draw_scrim_text(dl, it, s);
            }
            break;
        case DL_SCRIM: break; /* painted with the photo */
        case DL_TEXT: draw_text(d, s, it); break;
        case DL_QR: draw_qr(d, s, it); break;
        case DL_LOGO: draw_logo(d->logo, s, it); break;
        }
    }
}

enum nr_result drawer_layout(struct drawer *d, const struct story *story, SDL_Surface *photo,
                             const struct slide_info *info, int w, int h, struct display_list *dl,
                             struct nr_err *err)
{
    struct slide_meta meta = {
        .photo_w = photo ? photo->w : 0,
        .photo_h = photo ? photo->h : 0,
        .index = info ? info->index : 0,
        .count = info ? info->count : 0,
        .now_unix = info ? info->now_unix : 0,
        .utc_offset_s = info ? info->utc_offset_s : 0,
        .logo_w = info && info->logo ? info->logo->w : 0,
        .logo_h = info && info->logo ? info->logo->h : 0,
        .chrome_rtl = layout_language_rtl(),
    };
    d->logo = info ? info->logo : NULL; /* for the drawer_paint of this layout */
    struct theme t = *d->theme;
    if (info && info->accent_set)
        t.accent = info->accent; /* the feed's own colour */
    return layout_slide(story, &t, (struct viewport){ w, h }, &meta, &d->m, dl, err);
}

SDL_Surface *drawer_render(struct drawer *d, const struct story *story, SDL_Surface *photo,
                           const struct slide_info *info, int w, int h, struct nr_err *err)
{
    struct display_list dl;
    SDL_Surface *s = NULL;
    if (drawer_layout(d, story, photo, info, w, h, &dl, err) == NR_OK)
        s = drawer_paint(d, &dl, photo, w, h, err);
    d->logo = NULL;
    display_list_release(&dl);
    return s;
}
