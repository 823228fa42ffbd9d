/* scrim.c: text set over a photo keeps a contrast of 4.5:1: where the photo under a block of
 * text is too light or too busy, it is darkened until it does. */
#include "draw_int.h"

#include <limits.h>
#include <math.h>

/* WCAG 2 asks 4.5:1 for body text; a little more leaves room for rounding and scaling. */
#define TARGET_RATIO 4.6

static float lin[256]; /* sRGB byte -> linear light */

static void init_lin(void)
{
    if (lin[255] > 0.5f)
        return;
    for (int i = 0; i < 256; i++) {
        double c = i / 255.0;
        lin[i] = (float)(c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4));
    }
}

static double luminance(unsigned r, unsigned g, unsigned b)
{
    return 0.2126 * lin[r & 0xff] + 0.7152 * lin[g & 0xff] + 0.0722 * lin[b & 0xff];
}

double draw_contrast_ratio(struct rgba a, struct rgba b)
{
    init_lin();
    double la = luminance(a.r, a.g, a.b), lb = luminance(b.r, b.g, b.b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

static unsigned mix(unsigned c, unsigned s, unsigned a)
{
    return (c * (255 - a) + s * a + 127) / 255;
}

/* The lightest pixel of r in s after a darkening by a (0..255) towards sc: its luminance. */
static double lightest(const SDL_Surface *s, SDL_Rect r, struct rgba sc, unsigned a)
{
    double max = 0;
    for (int y = r.y; y < r.y + r.h; y++) {
        const uint32_t *row = (const uint32_t *)((const uint8_t *)s->pixels + (size_t)y * s->pitch);
        for (int x = r.x; x < r.x + r.w; x++) {
            uint32_t p = row[x];
            double l = luminance(mix((p >> 16) & 0xff, sc.r, a), mix((p >> 8) & 0xff, sc.g, a),
                                 mix(p & 0xff, sc.b, a));
            if (l > max)
                max = l;
        }
    }
    return max;
}

/* Darkens the rows of r by a towards sc across limit's width, and the m rows above and
 * below by less the farther out: a deeper scrim behind the text, not a box around it. */
static void darken(SDL_Surface *s, SDL_Rect r, int m, SDL_Rect limit, struct rgba sc, unsigned a)
{
    for (int y = r.y - m; y < r.y + r.h + m; y++) {
        if (y < limit.y || y >= limit.y + limit.h)
            continue;
        int d = y < r.y ? r.y - y : y >= r.y + r.h ? y - (r.y + r.h - 1) : 0;
        double t = m > 0 ? (double)(m + 1 - d) / (m + 1) : 1.0;
        unsigned k = d > 0 ? (unsigned)(a * t * t * (3 - 2 * t)) : a; /* eased, as the scrim */
        uint32_t *row = (uint32_t *)((uint8_t *)s->pixels + (size_t)y * s->pitch);
        for (int x = limit.x; x < limit.x + limit.w; x++) {
            uint32_t p = row[x];
            row[x] = 0xff000000u | mix((p >> 16) & 0xff, sc.r, k) << 16 |
                     mix((p >> 8) & 0xff, sc.g, k) << 8 | mix(p & 0xff, sc.b, k);
        }
    }
}

void draw_scrim_text(const struct display_list *dl, const struct dl_item *photo, SDL_Surface *s)
{
    static const struct rgba ink = { 0x05, 0x06, 0x08, 0xff }; /* the layout's scrim colour */
    SDL_Rect all = { 0, 0, s->w, s->h },
             pr = { photo->rect.x, photo->rect.y, photo->rect.w, photo->rect.h };
    SDL_Rect on_photo;
    if (s->format->BytesPerPixel != 4 || !SDL_IntersectRect(&pr, &all, &on_photo))
        return;
    init_lin();
    /* one darkening for every block on the photo: as much as the most demanding needs,
     * from the top of the highest to the bottom of the lowest, so blocks share one scrim */
    unsigned alpha = 0;
    int top = INT_MAX, bottom = INT_MIN, margin = 0;
    for (size_t i = 0; i < dl->n; i++) {
        const struct dl_item *it = &dl->items[i];
        if (it->kind != DL_TEXT)
            continue;
        bool seen = false; /* the lines of one block are looked at together, once */
        for (size_t j = 0; j < i && !seen; j++)
            seen = dl->items[j].kind == DL_TEXT && dl->items[j].clip.x == it->clip.x &&
                   dl->items[j].clip.y == it->clip.y && dl->items[j].clip.w == it->clip.w &&
                   dl->items[j].clip.h == it->clip.h;
        /* the glyphs' reach: draw_text lets them pass the box by a quarter of the size */
        SDL_Rect box = { it->clip.x, it->clip.y - it->px / 4, it->clip.w, it->clip.h + it->px / 2 };
        SDL_Rect under;
        if (seen || !SDL_IntersectRect(&box, &on_photo, &under))
            continue;
        double lt = luminance(it->color.r, it->color.g, it->color.b);
        double need = (lt + 0.05) / TARGET_RATIO - 0.05; /* the lightest ground allowed */
        if (need <= 0 || lightest(s, under, ink, alpha) <= need)
            continue; /* dark text (a light theme's), or enough contrast already */
        unsigned lo = alpha, hi = 255;
        while (lo < hi) { /* the least darkening that is enough */
            unsigned mid = (lo + hi) / 2;
            if (lightest(s, under, ink, mid) <= need)
                hi = mid;
            else
                lo = mid + 1;
        }
        alpha = lo;
        top = under.y < top ? under.y : top;
        bottom = under.y + under.h > bottom ? under.y + under.h : bottom;
        margin = it->px > margin ? it->px : margin;
    }
    if (alpha > 0) {
        /* blocks that needed nothing on their own still lie inside: they only gain */
        darken(s, (SDL_Rect){ on_photo.x, top, on_photo.w, bottom - top }, margin * 3 / 2, on_photo,
               ink, alpha);
    }
}
