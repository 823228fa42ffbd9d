/* ticker.c: the ticker's strip of headlines painted once, then copied into the band; its
 * pages; and the digest slide painted. */
#include "draw_int.h"

#include "log.h"

#include <string.h>

struct dl_rect drawer_ticker_row(const struct drawer *d, int w, int h)
{
    struct layout_band band;
    layout_ticker_band(draw_drawer_theme(d), (struct viewport){ w, h }, &band);
    return band.row;
}

SDL_Surface *drawer_ticker_strip(struct drawer *d, const struct ticker_item *items, size_t n, int w,
                                 int h, int max_w, int *strip_w, struct nr_err *err)
{
    struct layout_band band;
    struct display_list dl;
    SDL_Surface *s = NULL;
    *strip_w = 0;
    layout_ticker_band(draw_drawer_theme(d), (struct viewport){ w, h }, &band);
    if (band.row.h <= 0)
        return NULL;
    layout_ticker_strip(items, n, draw_drawer_theme(d), &band, max_w, drawer_measurer(d), &dl,
                        strip_w);
    if (*strip_w > 0) {
        s = SDL_CreateRGBSurfaceWithFormat(0, *strip_w, band.row.h, 32, SDL_PIXELFORMAT_ARGB8888);
        if (s)
            drawer_paint_over(d, &dl, s);
        else
            nr_fail(err, NR_ERR_INTERNAL, "cannot make a '%dx%d' ticker strip: %s", *strip_w,
                    band.row.h, SDL_GetError());
    }
    display_list_release(&dl);
    if (!s)
        *strip_w = 0;
    return s;
}

void draw_ticker_blit(const SDL_Surface *strip, SDL_Surface *slide, const struct theme *t,
                      int64_t offset_px)
{
    struct layout_band band;
    layout_ticker_band(t, (struct viewport){ slide->w, slide->h }, &band);
    if (!strip || band.row.h <= 0 || strip->w <= 0 || strip->h != band.row.h ||
        strip->format->BytesPerPixel != 4 || slide->format->BytesPerPixel != 4 || band.row.y < 0 ||
        band.row.y + band.row.h > slide->h)
        return;
    /* the strip's pixel under the slide's x is (x - row.x + offset) round the strip */
    int64_t start = (offset_px - band.row.x) % strip->w;
    if (start < 0)
        start += strip->w;
    for (int y = 0; y < band.row.h; y++) {
        const uint32_t *src =
            (const uint32_t *)((const uint8_t *)strip->pixels + (size_t)y * strip->pitch);
        uint32_t *dst =
            (uint32_t *)((uint8_t *)slide->pixels + (size_t)(band.row.y + y) * slide->pitch);
        int x = 0, sx = (int)start;
        while (x < slide->w) {
            int run = strip->w - sx < slide->w - x ? strip->w - sx : slide->w - x;
            memcpy(dst + x, src + sx, (size_t)run * 4);
            x += run;
            sx = 0;
        }
    }
}

void drawer_ticker_page(struct drawer *d, SDL_Surface *slide, const struct ticker_item *item)
{
    struct layout_band band;
    struct display_list dl;
    layout_ticker_band(draw_drawer_theme(d), (struct viewport){ slide->w, slide->h }, &band);
    if (band.row.h <= 0)
        return;
    layout_ticker_page(item, draw_drawer_theme(d), &band, drawer_measurer(d), &dl);
    drawer_paint_over(d, &dl, slide);
    display_list_release(&dl);
}

void drawer_ticker_still(struct drawer *d, SDL_Surface *slide, const struct ticker_item *items,
                         size_t n, bool page)
{
    if (!draw_drawer_theme(d)->ticker)
        return;
    if (page || n == 0) {
        drawer_ticker_page(d, slide, n ? &items[0] : NULL);
        return;
    }
    struct nr_err err = { 0 };
    int strip_w = 0;
    SDL_Surface *strip =
        drawer_ticker_strip(d, items, n, slide->w, slide->h, 2 * slide->w, &strip_w, &err);
    if (strip)
        draw_ticker_blit(strip, slide, draw_drawer_theme(d), 0);
    else if (err.msg[0])
        nr_warn("ticker not shown: %s", err.msg);
    SDL_FreeSurface(strip);
}

SDL_Surface *drawer_render_digest(struct drawer *d, const struct digest_entry *e, size_t n,
                                  const struct slide_info *info, int w, int h, struct nr_err *err)
{
    struct display_list dl;
    struct slide_meta meta = {
        .now_unix = info ? info->now_unix : 0,
        .utc_offset_s = info ? info->utc_offset_s : 0,
    };
    size_t rows = 0;
    SDL_Surface *s = NULL;
    if (layout_digest(e, n, draw_drawer_theme(d), (struct viewport){ w, h }, &meta,
                      drawer_measurer(d), &dl, &rows, err) == NR_OK)
        s = drawer_paint(d, &dl, NULL, w, h, err);
    display_list_release(&dl);
    return s;
}
