/* photo.c: photo headers checked before decoding, decoding to the photo box, and scaling with an
 * area average so that a shrunk photo stays sharp without shimmering. Thread-safe: no state. */
#include "draw_int.h"

#include "alloc.h"
#include "log.h"
#include "nr_limits.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A photo is shown blown up at most this much to fill its box, as a screen of up to
 * PHOTO_SHARP_LINES lines shows it: a 4K screen's pixels are a quarter of a 1080p one's at
 * the same size on the wall, so a photo blown up 2.4x there looks as it does 1.2x at 1080p. */
#define PHOTO_MAX_UPSCALE 2.0
#define PHOTO_SHARP_LINES 1080
/* A photo cut short is shown when at least this share of it arrived (a strip across the
 * bottom is then missing, and the layout's crop mostly hides it). */
#define PHOTO_MIN_DECODED_PCT 75

static unsigned be16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}
static unsigned le16(const unsigned char *p)
{
    return (unsigned)p[1] << 8 | p[0];
}
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
            continue; /* markers without a length */
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

bool draw_photo_probe(const void *data, size_t len, int *w, int *h)
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

/* 24-bit layouts the shrink reads directly; the byte offset of red (0 or 2), else -1. */
static int rgb24_red(const SDL_Surface *s)
{
    if (s->format->format == SDL_PIXELFORMAT_RGB24)
        return 0;
    if (s->format->format == SDL_PIXELFORMAT_BGR24)
        return 2;
    return -1;
}

void draw_photo_cover_size(int w, int h, int box_w, int box_h, int *dw, int *dh)
{
    double scale = box_w > 0 && box_h > 0 ? fmax((double)box_w / w, (double)box_h / h) : 1.0;
    if (scale >= 1.0) {
        *dw = w;
        *dh = h;
        return;
    }
    *dw = (int)ceil(w * scale - 1e-9);
    *dh = (int)ceil(h * scale - 1e-9);
    if (*dw < 1)
        *dw = 1;
    if (*dh < 1)
        *dh = 1;
}

void draw_shrink_init(struct shrink *s, int src_w, int src_h, SDL_Surface *dst)
{
    int dw = dst->w;
    memset(s, 0, sizeof *s);
    s->dst = dst;
    s->sw = src_w;
    s->sh = src_h;
    s->sx = (double)src_w / dw;
    s->sy = (double)src_h / dst->h;
    s->boundary = s->sy;
    s->i0 = xmalloc((size_t)dw * sizeof *s->i0);
    s->cnt = xmalloc((size_t)dw * sizeof *s->cnt);
    s->span = (int)ceil(s->sx) + 1;
    s->wt = xmalloc((size_t)dw * (size_t)s->span * sizeof *s->wt);
    s->hrow = xmalloc((size_t)dw * 4 * sizeof *s->hrow);
    s->acc = xcalloc((size_t)dw * 4, sizeof *s->acc);
    for (int x = 0; x < dw; x++) {
        double a = x * s->sx, b = (x + 1) * s->sx;
        int first = (int)floor(a), last = (int)ceil(b) - 1;
        if (last >= src_w)
            last = src_w - 1;
        if (last - first + 1 > s->span)
            last = first + s->span - 1;
        s->i0[x] = first;
        s->cnt[x] = last - first + 1;
        for (int k = 0; k < s->cnt[x]; k++) {
            double lo = fmax(a, first + k), hi = fmin(b, first + k + 1);
            s->wt[(size_t)x * s->span + k] = (float)((hi - lo) / s->sx);
        }
    }
}

/* One source row averaged across into hrow: alpha, red, green, blue per destination pixel. */
static void shrink_across(struct shrink *s, const uint8_t *row, enum px_order order)
{
    int dw = s->dst->w, span = s->span;
    for (int x = 0; x < dw; x++) {
        float c[4] = { 0, 0, 0, 0 };
        const float *w = &s->wt[(size_t)x * span];
        for (int k = 0; k < s->cnt[x]; k++) {
            size_t i = (size_t)(s->i0[x] + k);
            uint32_t a = 255, r, g, b;
            if (order == PX_ARGB32) {
                uint32_t p;
                memcpy(&p, row + i * 4, 4);
                a = p >> 24, r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
            } else if (order == PX_RGBA) {
                const uint8_t *p = row + i * 4;
                r = p[0], g = p[1], b = p[2], a = p[3];
            } else {
                const uint8_t *p = row + i * 3;
                int ri = order == PX_RGB ? 0 : 2;
                r = p[ri], g = p[1], b = p[2 - ri];
            }
            c[0] += w[k] * (float)a;
            c[1] += w[k] * (float)r;
            c[2] += w[k] * (float)g;
            c[3] += w[k] * (float)b;
        }
        memcpy(&s->hrow[x * 4], c, sizeof c);
    }
}

void draw_shrink_row(struct shrink *s, const uint8_t *row, enum px_order order)
{
    int dw = s->dst->w, dh = s->dst->h;
    int r = s->rows_in;
    if (r >= s->sh || s->dy >= dh)
        return;
    s->rows_in++;
    shrink_across(s, row, order);
    double y1 = r + 1, sy = s->sy, part = y1 <= s->boundary + 1e-9 ? 1.0 : s->boundary - r;
    for (int i = 0; i < dw * 4; i++)
        s->acc[i] += (float)(part / sy) * s->hrow[i];
    if (y1 >= s->boundary - 1e-9) {
        uint32_t *out = (uint32_t *)((uint8_t *)s->dst->pixels + (size_t)s->dy * s->dst->pitch);
        for (int x = 0; x < dw; x++) {
            uint32_t v = 0;
            for (int ch = 0; ch < 4; ch++) {
                float f = s->acc[x * 4 + ch] + 0.5f;
                v = v << 8 | (uint32_t)(f < 0 ? 0 : f > 255 ? 255 : f);
            }
            out[x] = v;
        }
        s->dy++;
        s->boundary = (s->dy + 1) * sy;
        double rest = 1.0 - part;
        for (int i = 0; i < dw * 4; i++)
            s->acc[i] = (float)(rest / sy) * s->hrow[i];
    }
}

void draw_shrink_release(struct shrink *s)
{
    if (!s || !s->dst)
        return;
    for (; s->dy < s->dst->h; s->dy++) { /* rounding left the last row short of its boundary */
        SDL_Surface *d = s->dst;
        uint32_t *out = (uint32_t *)((uint8_t *)d->pixels + (size_t)s->dy * d->pitch);
        const uint32_t *above =
            s->dy > 0
                ? (const uint32_t *)((const uint8_t *)d->pixels + (size_t)(s->dy - 1) * d->pitch)
                : NULL;
        for (int x = 0; x < d->w; x++)
            out[x] = above ? above[x] : 0xff000000u;
    }
    free(s->i0);
    free(s->cnt);
    free(s->wt);
    free(s->hrow);
    free(s->acc);
    memset(s, 0, sizeof *s);
}

/* Area-average shrink of src's rectangle sr to all of dst (no larger than sr). src is
 * ARGB8888, RGB24 or BGR24; dst ARGB8888. */
static void shrink_area(SDL_Surface *src, const SDL_Rect *sr, SDL_Surface *dst)
{
    int ri = rgb24_red(src);
    enum px_order order = ri == 0 ? PX_RGB : ri == 2 ? PX_BGR : PX_ARGB32;
    size_t bpp = ri >= 0 ? 3 : 4;
    struct shrink s;
    draw_shrink_init(&s, sr->w, sr->h, dst);
    for (int r = 0; r < sr->h && s.dy < dst->h; r++)
        draw_shrink_row(&s,
                        (const uint8_t *)src->pixels + (size_t)(sr->y + r) * src->pitch +
                            (size_t)sr->x * bpp,
                        order);
    draw_shrink_release(&s);
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

SDL_Surface *draw_photo_scale(SDL_Surface *src, const SDL_Rect *sr, int dw, int dh)
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

bool draw_photo_scale_into(SDL_Surface *src, const SDL_Rect *sr, SDL_Surface *dst,
                           const SDL_Rect *dr)
{
    if (dr->w <= 0 || dr->h <= 0 || sr->w <= 0 || sr->h <= 0 || dr->x < 0 || dr->y < 0 ||
        dr->x + dr->w > dst->w || dr->y + dr->h > dst->h ||
        dst->format->format != SDL_PIXELFORMAT_ARGB8888 || SDL_MUSTLOCK(dst))
        return false;
    SDL_BlendMode mode = SDL_BLENDMODE_NONE;
    if (SDL_GetSurfaceBlendMode(src, &mode) == 0 && mode == SDL_BLENDMODE_BLEND) {
        /* a photo with transparency lies over the slide's ground: what shows through is the
         * ground, never a hole in the slide */
        SDL_Surface *scaled = draw_photo_scale(src, sr, dr->w, dr->h);
        if (!scaled)
            return false;
        SDL_Rect at = *dr;
        SDL_SetSurfaceBlendMode(scaled, SDL_BLENDMODE_BLEND);
        bool ok = SDL_BlitSurface(scaled, NULL, dst, &at) == 0;
        SDL_FreeSurface(scaled);
        return ok;
    }
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

/* ---- the photo box ---- */

static int box_size(void *ctx, enum face f, int px, bool rtl, const char *utf8, size_t len, int *w,
                    int *h)
{
    (void)ctx, (void)f, (void)rtl, (void)utf8;
    *w = (int)len * px / 2;
    *h = px;
    return 0;
}

static void box_metrics(void *ctx, enum face f, int px, int *ascent, int *descent)
{
    (void)ctx, (void)f;
    *ascent = px * 4 / 5;
    *descent = px / 5;
}

static bool box_glyph(void *ctx, enum face f, uint32_t cp)
{
    (void)ctx, (void)f, (void)cp;
    return true;
}

/* The photo box of a screen_w x screen_h slide, asked of the layout itself (with a stand-in
 * story and measurer: the box depends on the screen, not on the words). false when the
 * layout gives none. */
static bool photo_box(int screen_w, int screen_h, int *bw, int *bh)
{
    static const struct text_measurer m = { box_size, box_metrics, box_glyph, NULL };
    struct theme t;
    struct story st = { .headline = (char *)"Headline" };
    struct slide_meta meta = { .photo_w = 3000, .photo_h = 2000 };
    struct display_list dl;
    struct nr_err err = { 0 };
    bool found = false;
    theme_default(&t);
    if (layout_slide(&st, &t, (struct viewport){ screen_w, screen_h }, &meta, &m, &dl, &err) ==
        NR_OK) {
        for (size_t i = 0; i < dl.n && !found; i++)
            if (dl.items[i].kind == DL_PHOTO) {
                *bw = dl.items[i].rect.w;
                *bh = dl.items[i].rect.h;
                found = *bw > 0 && *bh > 0;
            }
    }
    display_list_release(&dl);
    return found;
}

/* ---- decoding ---- */

enum photo_kind { KIND_PNG, KIND_JPEG, KIND_GIF, KIND_WEBP };

static enum photo_kind kind_of(const unsigned char *p)
{
    if (p[0] == 0x89)
        return KIND_PNG;
    if (p[0] == 0xff)
        return KIND_JPEG;
    if (p[0] == 'G')
        return KIND_GIF;
    return KIND_WEBP;
}

static const char *const kind_names[] = { "PNG", "JPEG", "GIF", "WebP" };

/* Why a photo of w x h px cannot fill a box of bw x bh, or NULL when it can. A photo blown
 * up more than twice its size is a blur of squares: the slide is better without it. */
static const char *too_small(int w, int h, int bw, int bh, int screen_w, int screen_h,
                             double *scale)
{
    int lines = screen_w < screen_h ? screen_w : screen_h;
    double dense = lines > PHOTO_SHARP_LINES ? (double)PHOTO_SHARP_LINES / lines : 1.0;
    *scale = fmax((double)bw / w, (double)bh / h);
    if (w <= 2 || h <= 2)
        return "a tracking pixel";
    if (w <= 32 && h <= 32)
        return "an icon";
    if (*scale * dense > PHOTO_MAX_UPSCALE)
        return "too small for its box";
    return NULL;
}

SDL_Surface *draw_photo_crop_to_box(SDL_Surface *photo, int screen_w, int screen_h)
{
    int bw, bh;
    if (!photo || photo->format->BytesPerPixel != 4 || !photo_box(screen_w, screen_h, &bw, &bh))
        return photo;
    /* the layout's cover crop (layout/compose.c): upper centre */
    double scale = fmax((double)bw / photo->w, (double)bh / photo->h);
    int sw = (int)lround(bw / scale), sh = (int)lround(bh / scale);
    if (sw > photo->w)
        sw = photo->w;
    if (sh > photo->h)
        sh = photo->h;
    if (sw < 1)
        sw = 1;
    if (sh < 1)
        sh = 1;
    if (sw == photo->w && sh == photo->h)
        return photo;
    int x0 = (photo->w - sw) / 2, y0 = (int)lround((photo->h - sh) * 0.3);
    SDL_Surface *out = SDL_CreateRGBSurfaceWithFormat(0, sw, sh, 32, photo->format->format);
    /* no memory for the smaller copy: the whole photo still paints */
    if (!out)
        return photo;
    for (int y = 0; y < sh; y++)
        memcpy((uint8_t *)out->pixels + (size_t)y * (size_t)out->pitch,
               (const uint8_t *)photo->pixels + (size_t)(y0 + y) * (size_t)photo->pitch +
                   (size_t)x0 * 4,
               (size_t)sw * 4);
    SDL_BlendMode mode = SDL_BLENDMODE_NONE;
    SDL_GetSurfaceBlendMode(photo, &mode);
    SDL_SetSurfaceBlendMode(out, mode);
    SDL_FreeSurface(photo);
    return out;
}

/* fit: the whole picture inside max_w x max_h (a picture slide), else cover the slide's
 * photo box (draw_photo_decode). */
static SDL_Surface *decode(const void *data, size_t len, int max_w, int max_h, bool fit,
                           struct nr_err *err)
{
    int w, h, bw = max_w, bh = max_h;
    struct photo_info info = { 100, 0, false };
    SDL_Surface *img = NULL;
    if (len > NR_MAX_PHOTO_BYTES) {
        nr_fail(err, NR_ERR_TOO_BIG, "photo of %zu bytes is over the %u byte cap", len,
                NR_MAX_PHOTO_BYTES);
        return NULL;
    }
    if (!draw_photo_probe(data, len, &w, &h)) {
        nr_fail(err, NR_ERR_IMAGE, "photo is not a PNG, JPEG, GIF or WebP image");
        return NULL;
    }
    if (w > NR_MAX_PHOTO_SIDE || h > NR_MAX_PHOTO_SIDE ||
        (uint64_t)w * (uint64_t)h > NR_MAX_PHOTO_PIXELS) {
        nr_fail(err, NR_ERR_TOO_BIG, "photo of '%dx%d' px is over the size cap", w, h);
        return NULL;
    }
    enum photo_kind kind = kind_of(data);
    int orient = kind == KIND_JPEG ? draw_photo_exif_orientation(data, len) : 1;
    bool turned = orient >= 5; /* stored on its side: width and height trade places */
    int uw = turned ? h : w, uh = turned ? w : h;
    if (fit && max_w > 0 && max_h > 0) {
        /* the largest size inside the slide: the cover size of that box is the picture's
         * whole; a picture smaller than the slide is decoded at its own size */
        if (uw <= 32 && uh <= 32) {
            nr_fail(err, NR_ERR_IMAGE, "picture of '%dx%d' px is an icon", uw, uh);
            return NULL;
        }
        double scale = fmin(1.0, fmin((double)max_w / uw, (double)max_h / uh));
        bw = (int)fmax(1.0, floor(uw * scale));
        bh = (int)fmax(1.0, floor(uh * scale));
    } else if (max_w > 0 && max_h > 0) {
        /* decode for the box the photo will fill, not for the whole screen */
        if (!photo_box(max_w, max_h, &bw, &bh))
            bw = max_w, bh = max_h;
        double scale;
        const char *why = too_small(uw, uh, bw, bh, max_w, max_h, &scale);
        if (why) {
            nr_fail(err, NR_ERR_IMAGE, "photo of '%dx%d' px is %s of '%dx%d' px (blown up %.1fx)",
                    uw, uh, why, bw, bh, scale);
            return NULL;
        }
    } else {
        bw = bh = 0;
    }
    int tw = turned ? bh : bw, th = turned ? bw : bh; /* the box as the file stores it */
    switch (kind) {
    case KIND_JPEG: img = draw_photo_jpeg_decode(data, len, w, h, tw, th, &info, err); break;
    case KIND_PNG: img = draw_photo_png_decode(data, len, w, h, tw, th, &info, err); break;
    case KIND_GIF: img = draw_photo_gif_decode(data, len, w, h, tw, th, &info, err); break;
    case KIND_WEBP: img = draw_photo_webp_decode(data, len, w, h, tw, th, &info, err); break;
    }
    if (!img)
        return NULL;
    if (info.decoded_pct < PHOTO_MIN_DECODED_PCT) {
        nr_fail(err, NR_ERR_IMAGE, "%s of '%dx%d' px is cut short: %d%% of it arrived",
                kind_names[kind], w, h, info.decoded_pct);
        SDL_FreeSurface(img);
        return NULL;
    }
    if (info.cut_scan)
        nr_warn("%s of '%dx%d' px is cut short in its scan %d: shown less sharp", kind_names[kind],
                w, h, info.cut_scan);
    else if (info.decoded_pct < 100)
        nr_warn("%s of '%dx%d' px is cut short: %d%% of it arrived, shown", kind_names[kind], w, h,
                info.decoded_pct);
    SDL_Surface *up = draw_photo_orient(img, orient);
    if (up != img) {
        SDL_FreeSurface(img);
        img = up;
        if (!img) {
            nr_fail(err, NR_ERR_IMAGE, "no memory to turn a '%dx%d' photo", w, h);
            return NULL;
        }
    }
    /* the blend mode says whether painting must composite the photo onto the slide */
    SDL_SetSurfaceBlendMode(img, info.has_alpha ? SDL_BLENDMODE_BLEND : SDL_BLENDMODE_NONE);
    return img;
}

SDL_Surface *draw_photo_decode(const void *data, size_t len, int max_w, int max_h,
                               struct nr_err *err)
{
    return decode(data, len, max_w, max_h, false, err);
}

SDL_Surface *draw_photo_decode_fit(const void *data, size_t len, int max_w, int max_h,
                                   struct nr_err *err)
{
    return decode(data, len, max_w, max_h, true, err);
}

SDL_Surface *draw_logo_decode(const void *data, size_t len, struct nr_err *err)
{
    int w = 0, h = 0;
    if (!draw_photo_probe(data, len, &w, &h)) {
        nr_fail(err, NR_ERR_IMAGE, "not a PNG, JPEG, WebP or GIF image");
        return NULL;
    }
    if (w <= 0 || h <= 0 || w > NR_MAX_LOGO_SIDE || h > NR_MAX_LOGO_SIDE) {
        nr_fail(err, NR_ERR_IMAGE, "%dx%d is larger than a logo may be (%d px a side)", w, h,
                NR_MAX_LOGO_SIDE);
        return NULL;
    }
    SDL_Surface *logo = draw_photo_decode(data, len, 0, 0, err); /* no box to fill */
    if (!logo || (logo->h <= NR_LOGO_KEEP_H && logo->w <= NR_LOGO_KEEP_W))
        return logo;
    /* kept no larger than a kicker line can show it */
    double k = (double)NR_LOGO_KEEP_H / logo->h;
    if (logo->w * k > NR_LOGO_KEEP_W)
        k = (double)NR_LOGO_KEEP_W / logo->w;
    int kw = (int)(logo->w * k), kh = (int)(logo->h * k);
    SDL_Rect all = { 0, 0, logo->w, logo->h };
    SDL_Surface *small = draw_photo_scale(logo, &all, kw > 0 ? kw : 1, kh > 0 ? kh : 1);
    if (!small)
        return logo; /* no memory for the copy: the whole one serves */
    SDL_BlendMode mode = SDL_BLENDMODE_NONE;
    SDL_GetSurfaceBlendMode(logo, &mode);
    SDL_SetSurfaceBlendMode(small, mode);
    SDL_FreeSurface(logo);
    return small;
}
