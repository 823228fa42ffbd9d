/* photo.c: photo headers checked before decoding, decoding (SDL2_image), and scaling with an
 * area average so that a shrunk photo stays sharp without shimmering. Thread-safe: no state. */
#include "draw_int.h"

#include "alloc.h"
#include "nr_limits.h"

#include <SDL_image.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "banned.h"

static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static unsigned le16(const unsigned char *p) { return (unsigned)p[1] << 8 | p[0]; }
static unsigned be32(const unsigned char *p)
{
    return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 | p[3];
}
static unsigned le24(const unsigned char *p)
{
    return (unsigned)p[2] << 16 | (unsigned)p[1] << 8 | p[0];
}

static bool probe_jpeg(const unsigned char *p, size_t len, int *w, int *h)
{
    size_t i = 2;
    while (i + 4 <= len) {
        if (p[i] != 0xff)
            return false;
        while (i < len && p[i] == 0xff)
            i++;
        if (i >= len)
            return false;
        unsigned m = p[i++];
        if (m == 0xd8 || m == 0x01 || (m >= 0xd0 && m <= 0xd7))
            continue;   /* markers without a length */
        if (m == 0xd9 || i + 2 > len)
            return false;
        unsigned seg = be16(p + i);
        if (seg < 2)
            return false;
        if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc) {
            if (i + 7 > len)
                return false;
            *h = (int)be16(p + i + 3);
            *w = (int)be16(p + i + 5);
            return *w > 0 && *h > 0;
        }
        i += seg;
    }
    return false;
}

bool photo_probe(const void *data, size_t len, int *w, int *h)
{
    const unsigned char *p = data;
    *w = *h = 0;
    if (!p)
        return false;
    if (len >= 24 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp(p + 12, "IHDR", 4) == 0) {
        unsigned pw = be32(p + 16), ph = be32(p + 20);
        if (pw == 0 || ph == 0 || pw > 0x7fffffff || ph > 0x7fffffff)
            return false;
        *w = (int)pw;
        *h = (int)ph;
        return true;
    }
    if (len >= 10 && (memcmp(p, "GIF87a", 6) == 0 || memcmp(p, "GIF89a", 6) == 0)) {
        *w = (int)le16(p + 6);
        *h = (int)le16(p + 8);
        return *w > 0 && *h > 0;
    }
    if (len >= 4 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
        return probe_jpeg(p, len, w, h);
    if (len >= 30 && memcmp(p, "RIFF", 4) == 0 && memcmp(p + 8, "WEBP", 4) == 0) {
        if (memcmp(p + 12, "VP8 ", 4) == 0 && p[23] == 0x9d && p[24] == 0x01 && p[25] == 0x2a) {
            *w = (int)(le16(p + 26) & 0x3fff);
            *h = (int)(le16(p + 28) & 0x3fff);
        } else if (memcmp(p + 12, "VP8L", 4) == 0 && p[20] == 0x2f) {
            uint32_t b = (uint32_t)p[21] | (uint32_t)p[22] << 8 | (uint32_t)p[23] << 16 |
                         (uint32_t)p[24] << 24;
            *w = (int)(b & 0x3fff) + 1;
            *h = (int)((b >> 14) & 0x3fff) + 1;
        } else if (memcmp(p + 12, "VP8X", 4) == 0) {
            *w = (int)le24(p + 24) + 1;
            *h = (int)le24(p + 27) + 1;
        }
        return *w > 0 && *h > 0;
    }
    return false;
}

/* 24-bit layouts shrink_area reads directly; the byte offset of red (0 or 2), else -1. */
static int rgb24_red(const SDL_Surface *s)
{
    if (s->format->format == SDL_PIXELFORMAT_RGB24)
        return 0;
    if (s->format->format == SDL_PIXELFORMAT_BGR24)
        return 2;
    return -1;
}

/* Area-average shrink of src's rectangle sr to dw x dh (both no larger than sr). src is
 * ARGB8888, RGB24 or BGR24; dst ARGB8888. */
static void shrink_area(SDL_Surface *src, const SDL_Rect *sr, SDL_Surface *dst)
{
    int dw = dst->w, dh = dst->h;
    int ri = rgb24_red(src);
    bool rgb24 = ri >= 0;
    double sx = (double)sr->w / dw, sy = (double)sr->h / dh;
    int *i0 = xmalloc((size_t)dw * sizeof *i0), *cnt = xmalloc((size_t)dw * sizeof *cnt);
    int span = (int)ceil(sx) + 1;
    float *wt = xmalloc((size_t)dw * (size_t)span * sizeof *wt);
    float *hrow = xmalloc((size_t)dw * 4 * sizeof *hrow);
    float *acc = xcalloc((size_t)dw * 4, sizeof *acc);
    for (int x = 0; x < dw; x++) {
        double a = x * sx, b = (x + 1) * sx;
        int first = (int)floor(a), last = (int)ceil(b) - 1;
        if (last >= sr->w)
            last = sr->w - 1;
        if (last - first + 1 > span)
            last = first + span - 1;
        i0[x] = first;
        cnt[x] = last - first + 1;
        for (int k = 0; k < cnt[x]; k++) {
            double lo = fmax(a, first + k), hi = fmin(b, first + k + 1);
            wt[(size_t)x * span + k] = (float)((hi - lo) / sx);
        }
    }
    int dy = 0;
    double boundary = sy;
    for (int r = 0; r < sr->h && dy < dh; r++) {
        const uint8_t *line = (const uint8_t *)src->pixels + (size_t)(sr->y + r) * src->pitch;
        if (rgb24) {
            /* 24-bit sources (JPEG) are read as they are: no 8 MiB converted copy */
            const uint8_t *row = line + (size_t)sr->x * 3;
            for (int x = 0; x < dw; x++) {
                float c[4] = { 0, 0, 0, 0 };
                const float *w = &wt[(size_t)x * span];
                for (int k = 0; k < cnt[x]; k++) {
                    const uint8_t *p = row + (size_t)(i0[x] + k) * 3;
                    c[0] += w[k] * 255.0f;
                    c[1] += w[k] * (float)p[ri];
                    c[2] += w[k] * (float)p[1];
                    c[3] += w[k] * (float)p[2 - ri];
                }
                memcpy(&hrow[x * 4], c, sizeof c);
            }
        } else {
            const uint32_t *row = (const uint32_t *)line + sr->x;
            for (int x = 0; x < dw; x++) {
                float c[4] = { 0, 0, 0, 0 };
                const float *w = &wt[(size_t)x * span];
                for (int k = 0; k < cnt[x]; k++) {
                    uint32_t p = row[i0[x] + k];
                    c[0] += w[k] * (float)(p >> 24);
                    c[1] += w[k] * (float)((p >> 16) & 0xff);
                    c[2] += w[k] * (float)((p >> 8) & 0xff);
                    c[3] += w[k] * (float)(p & 0xff);
                }
                memcpy(&hrow[x * 4], c, sizeof c);
            }
        }
        double y1 = r + 1, part = y1 <= boundary + 1e-9 ? 1.0 : boundary - r;
        for (int i = 0; i < dw * 4; i++)
            acc[i] += (float)(part / sy) * hrow[i];
        if (y1 >= boundary - 1e-9) {
            uint32_t *out = (uint32_t *)((uint8_t *)dst->pixels + (size_t)dy * dst->pitch);
            for (int x = 0; x < dw; x++) {
                uint32_t v = 0;
                for (int ch = 0; ch < 4; ch++) {
                    float f = acc[x * 4 + ch] + 0.5f;
                    v = v << 8 | (uint32_t)(f < 0 ? 0 : f > 255 ? 255 : f);
                }
                out[x] = v;
            }
            dy++;
            boundary = (dy + 1) * sy;
            double rest = 1.0 - part;
            for (int i = 0; i < dw * 4; i++)
                acc[i] = (float)(rest / sy) * hrow[i];
        }
    }
    for (; dy < dh; dy++) {   /* rounding left the last row short of its boundary */
        uint32_t *out = (uint32_t *)((uint8_t *)dst->pixels + (size_t)dy * dst->pitch);
        const uint32_t *above = dy > 0 ? (const uint32_t *)((const uint8_t *)dst->pixels +
                                                            (size_t)(dy - 1) * dst->pitch)
                                       : NULL;
        for (int x = 0; x < dw; x++)
            out[x] = above ? above[x] : 0xff000000u;
    }
    free(i0);
    free(cnt);
    free(wt);
    free(hrow);
    free(acc);
}

/* Scales src's rectangle sr to fill all of dst (ARGB8888). */
static bool scale_to(SDL_Surface *src, const SDL_Rect *sr, SDL_Surface *dst)
{
    SDL_Surface *conv = NULL;
    bool ok = true;
    bool shrink = dst->w <= sr->w && dst->h <= sr->h;
    if (src->format->format != SDL_PIXELFORMAT_ARGB8888 && !(shrink && rgb24_red(src) >= 0)) {
        conv = SDL_ConvertSurfaceFormat(src, SDL_PIXELFORMAT_ARGB8888, 0);
        if (!conv)
            return false;
        src = conv;
    }
    if (shrink) {
        if (SDL_MUSTLOCK(src))
            SDL_LockSurface(src);
        shrink_area(src, sr, dst);
        if (SDL_MUSTLOCK(src))
            SDL_UnlockSurface(src);
    } else {
        SDL_Rect s = *sr;
        ok = SDL_SoftStretchLinear(src, &s, dst, NULL) == 0;
    }
    SDL_FreeSurface(conv);
    return ok;
}

SDL_Surface *photo_scale(SDL_Surface *src, const SDL_Rect *sr, int dw, int dh)
{
    if (dw <= 0 || dh <= 0 || sr->w <= 0 || sr->h <= 0)
        return NULL;
    SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, dw, dh, 32, SDL_PIXELFORMAT_ARGB8888);
    if (dst && !scale_to(src, sr, dst)) {
        SDL_FreeSurface(dst);
        dst = NULL;
    }
    return dst;
}

bool photo_scale_into(SDL_Surface *src, const SDL_Rect *sr, SDL_Surface *dst, const SDL_Rect *dr)
{
    if (dr->w <= 0 || dr->h <= 0 || sr->w <= 0 || sr->h <= 0 || dr->x < 0 || dr->y < 0 ||
        dr->x + dr->w > dst->w || dr->y + dr->h > dst->h ||
        dst->format->format != SDL_PIXELFORMAT_ARGB8888 || SDL_MUSTLOCK(dst))
        return false;
    /* a surface over dst's own pixels at dr: the scaled photo lands in place, with no
     * photo-sized buffer between (4 MiB and a copy per slide at 1080p) */
    SDL_Surface *view = SDL_CreateRGBSurfaceWithFormatFrom(
        (uint8_t *)dst->pixels + (size_t)dr->y * (size_t)dst->pitch + (size_t)dr->x * 4, dr->w,
        dr->h, 32, dst->pitch, SDL_PIXELFORMAT_ARGB8888);
    if (!view)
        return false;
    bool ok = scale_to(src, sr, view);
    SDL_FreeSurface(view);
    return ok;
}

SDL_Surface *photo_decode(const void *data, size_t len, int max_w, int max_h, struct nr_err *err)
{
    int w, h;
    SDL_Surface *img = NULL, *argb = NULL;
    if (len > NR_MAX_PHOTO_BYTES) {
        nr_fail(err, NR_ERR_TOO_BIG, "photo of %zu bytes is over the %u byte cap", len,
                NR_MAX_PHOTO_BYTES);
        return NULL;
    }
    if (!photo_probe(data, len, &w, &h)) {
        nr_fail(err, NR_ERR_IMAGE, "photo is not a PNG, JPEG, GIF or WebP image");
        return NULL;
    }
    if (w > NR_MAX_PHOTO_SIDE || h > NR_MAX_PHOTO_SIDE ||
        (uint64_t)w * (uint64_t)h > NR_MAX_PHOTO_PIXELS) {
        nr_fail(err, NR_ERR_TOO_BIG, "photo of '%dx%d' px is over the size cap", w, h);
        return NULL;
    }
    SDL_RWops *rw = SDL_RWFromConstMem(data, (int)len);
    img = rw ? IMG_Load_RW(rw, 1) : NULL;
    if (!img) {
        nr_fail(err, NR_ERR_IMAGE, "photo cannot be decoded: %s", IMG_GetError());
        return NULL;
    }
    if (img->w != w || img->h != h) {   /* the header lied: trust neither */
        nr_fail(err, NR_ERR_IMAGE, "photo header says '%dx%d' but decodes to '%dx%d'", w, h,
                img->w, img->h);
        SDL_FreeSurface(img);
        return NULL;
    }
    if (rgb24_red(img) >= 0 && !SDL_MUSTLOCK(img)) {
        /* a JPEG stays 24-bit: three quarters of the memory, no conversion pass, and the
         * slide's scaling reads it as it is */
        argb = img;
    } else {
        argb = SDL_ConvertSurfaceFormat(img, SDL_PIXELFORMAT_ARGB8888, 0);
        SDL_FreeSurface(img);
        if (!argb) {
            nr_fail(err, NR_ERR_IMAGE, "photo cannot be converted: %s", SDL_GetError());
            return NULL;
        }
    }
    /* keep just enough pixels to cover the screen: a 24-megapixel photo is not kept whole */
    if (max_w > 0 && max_h > 0) {
        double scale = fmax((double)max_w / w, (double)max_h / h);
        if (scale < 1.0) {
            SDL_Rect all = { 0, 0, w, h };
            int dw = (int)ceil(w * scale), dh = (int)ceil(h * scale);
            SDL_Surface *small = photo_scale(argb, &all, dw, dh);
            if (small) {
                SDL_FreeSurface(argb);
                argb = small;
            }
        }
    }
    return argb;
}
