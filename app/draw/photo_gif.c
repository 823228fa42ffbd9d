/* photo_gif.c: the first frame of a GIF, placed on its canvas. SDL2_image decodes the frame
 * at its own size (one byte a pixel); the frame's offset and the canvas's size come from the
 * file, and the canvas is shrunk to the box row by row, transparent where no frame covers
 * it. Thread-safe: no state. */
#include "draw_int.h"

#include "alloc.h"
#include "nr_limits.h"

#include <SDL_image.h>
#include <stdlib.h>
#include <string.h>

#include "banned.h"

struct gif_frame {
    int x, y, w, h;
};

/* The first image descriptor of a GIF: false when the file has none. */
static bool first_frame(const unsigned char *p, size_t len, struct gif_frame *f)
{
    if (len < 13)
        return false;
    size_t i = 13;
    if (p[10] & 0x80)
        i += (size_t)3 << ((p[10] & 7) + 1);   /* global colour table */
    while (i < len) {
        if (p[i] == 0x2c) {   /* image descriptor */
            if (i + 9 > len)
                return false;
            f->x = p[i + 1] | p[i + 2] << 8;
            f->y = p[i + 3] | p[i + 4] << 8;
            f->w = p[i + 5] | p[i + 6] << 8;
            f->h = p[i + 7] | p[i + 8] << 8;
            return f->w > 0 && f->h > 0;
        }
        if (p[i] != 0x21 || i + 2 >= len)   /* anything but an extension ends the search */
            return false;
        i += 2;   /* introducer and label, then sub-blocks up to an empty one */
        while (i < len && p[i] != 0)
            i += (size_t)p[i] + 1;
        i++;
    }
    return false;
}

/* Row y of the frame surface f as RGBA into out (f->w pixels). */
static void frame_row(SDL_Surface *f, int y, uint8_t *out)
{
    const uint8_t *src = (const uint8_t *)f->pixels + (size_t)y * f->pitch;
    Uint32 key = 0;
    bool keyed = SDL_GetColorKey(f, &key) == 0;
    if (f->format->format == SDL_PIXELFORMAT_INDEX8 && f->format->palette) {
        const SDL_Palette *pal = f->format->palette;
        for (int x = 0; x < f->w; x++) {
            uint8_t i = src[x];
            SDL_Color c = i < pal->ncolors ? pal->colors[i] : (SDL_Color){ 0, 0, 0, 255 };
            out[x * 4] = c.r;
            out[x * 4 + 1] = c.g;
            out[x * 4 + 2] = c.b;
            out[x * 4 + 3] = keyed && i == key ? 0 : 255;
        }
        return;
    }
    for (int x = 0; x < f->w; x++) {   /* any other format: ask SDL per pixel */
        Uint32 px = 0;
        memcpy(&px, src + (size_t)x * f->format->BytesPerPixel, f->format->BytesPerPixel);
        SDL_GetRGBA(px, f->format, &out[x * 4], &out[x * 4 + 1], &out[x * 4 + 2], &out[x * 4 + 3]);
        if (keyed && px == key)
            out[x * 4 + 3] = 0;
    }
}

SDL_Surface *photo_gif_decode(const void *data, size_t len, int w, int h, int box_w, int box_h,
                              struct photo_info *info, struct nr_err *err)
{
    struct gif_frame fr;
    int dw, dh;
    info->decoded_pct = 100;
    info->cut_scan = 0;
    info->has_alpha = false;
    if (!first_frame(data, len, &fr)) {
        nr_fail(err, NR_ERR_IMAGE, "GIF has no frame");
        return NULL;
    }
    if (fr.w > NR_MAX_PHOTO_SIDE || fr.h > NR_MAX_PHOTO_SIDE ||
        (uint64_t)fr.w * (uint64_t)fr.h > NR_MAX_PHOTO_PIXELS) {
        /* the canvas passed the caps; a frame may claim more on its own */
        nr_fail(err, NR_ERR_TOO_BIG, "GIF frame of '%dx%d' px is over the size cap", fr.w, fr.h);
        return NULL;
    }
    SDL_RWops *rw = SDL_RWFromConstMem(data, (int)len);
    SDL_Surface *f = rw ? IMG_LoadTyped_RW(rw, 1, "GIF") : NULL;
    if (!f) {
        nr_fail(err, NR_ERR_IMAGE, "GIF cannot be decoded: %s", IMG_GetError());
        return NULL;
    }
    if (f->w != fr.w || f->h != fr.h) {
        nr_fail(err, NR_ERR_IMAGE, "GIF frame says '%dx%d' but decodes to '%dx%d'", fr.w, fr.h,
                f->w, f->h);
        SDL_FreeSurface(f);
        return NULL;
    }
    info->has_alpha =
        fr.x > 0 || fr.y > 0 || fr.x + fr.w < w || fr.y + fr.h < h || SDL_HasColorKey(f);
    photo_cover_size(w, h, box_w, box_h, &dw, &dh);
    SDL_Surface *out = SDL_CreateRGBSurfaceWithFormat(0, dw, dh, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!out) {
        nr_fail(err, NR_ERR_IMAGE, "no memory for a '%dx%d' photo", dw, dh);
        SDL_FreeSurface(f);
        return NULL;
    }
    uint8_t *row = xmalloc((size_t)w * 4), *frow = xmalloc((size_t)f->w * 4);
    struct shrink sh;
    if (SDL_MUSTLOCK(f))
        SDL_LockSurface(f);
    shrink_init(&sh, w, h, out);
    for (int y = 0; y < h; y++) {
        memset(row, 0, (size_t)w * 4);   /* the canvas: transparent */
        int fy = y - fr.y;
        if (fy >= 0 && fy < fr.h && fr.x < w) {
            frame_row(f, fy, frow);
            int n = fr.x + fr.w <= w ? fr.w : w - fr.x;
            memcpy(row + (size_t)fr.x * 4, frow, (size_t)n * 4);
        }
        shrink_row(&sh, row, PX_RGBA);
    }
    shrink_release(&sh);
    if (SDL_MUSTLOCK(f))
        SDL_UnlockSurface(f);
    free(row);
    free(frow);
    SDL_FreeSurface(f);
    return out;
}
