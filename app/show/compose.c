/* compose.c: CPU frames for the software path (see compose.h). The inner loops are plain
 * byte arithmetic over whole rows so that the compiler turns them into vector code (SSE2
 * on x86-64, NEON on the Raspberry Pi's arm64); CMakeLists.txt builds this file at -O3. */
#include "compose.h"

#include <string.h>

static void fill_row(uint32_t *row, int n, uint32_t c)
{
    for (int i = 0; i < n; i++)
        row[i] = c;
}

/* out = a + (b - a) * t / 256 per byte, t in 0..256: a weighted mean that keeps 0xFF at
 * 0xFF, so the fourth byte stays opaque. */
static void blend_row(uint8_t *restrict out, const uint8_t *restrict a, const uint8_t *restrict b,
                      int bytes, unsigned t)
{
    unsigned u = 256 - t;
    for (int i = 0; i < bytes; i++)
        out[i] = (uint8_t)((a[i] * u + b[i] * t) >> 8);
}

/* The same, in place over what the frame holds already. */
static void blend_over(uint8_t *restrict out, const uint8_t *restrict b, int bytes, unsigned t)
{
    unsigned u = 256 - t;
    for (int i = 0; i < bytes; i++)
        out[i] = (uint8_t)((out[i] * u + b[i] * t) >> 8);
}

static unsigned weight(uint8_t alpha)
{
    return alpha + (alpha >> 7); /* 0..255 to 0..256, 255 to exactly 256 */
}

/* The columns [x0, x1) of the frame that layer l covers on frame row y; false if none. */
static int span(const struct compose_layer *l, int w, int y, int *x0, int *x1)
{
    if (y < l->y || y >= l->y + l->img->h)
        return 0;
    *x0 = l->x < 0 ? 0 : l->x;
    *x1 = l->x + l->img->w > w ? w : l->x + l->img->w;
    return *x0 < *x1;
}

static const uint32_t *src_at(const struct compose_layer *l, int x, int y)
{
    return l->img->px + (size_t)(y - l->y) * (size_t)l->img->pitch + (x - l->x);
}

void show_compose_frame(uint32_t *frame, int w, int h, int pitch, uint32_t bg,
                        const struct compose_layer *layers, size_t n)
{
    bg |= 0xFF000000u;
    /* a cross-fade: the new slide over the old at the same place, one pass per row */
    int fused = n == 2 && layers[0].alpha == 255 && layers[1].alpha > 0 && layers[1].alpha < 255 &&
                layers[0].x == layers[1].x && layers[0].y == layers[1].y &&
                layers[0].img->w == layers[1].img->w && layers[0].img->h == layers[1].img->h;
    for (int y = 0; y < h; y++) {
        uint32_t *row = frame + (size_t)y * (size_t)pitch;
        int x0 = 0, x1 = 0;
        /* the ground shows only where the first opaque layer does not cover */
        if (n > 0 && layers[0].alpha == 255 && span(&layers[0], w, y, &x0, &x1)) {
            fill_row(row, x0, bg);
            fill_row(row + x1, w - x1, bg);
        } else {
            fill_row(row, w, bg);
        }
        if (fused) {
            if (x0 < x1)
                blend_row((uint8_t *)(row + x0), (const uint8_t *)src_at(&layers[0], x0, y),
                          (const uint8_t *)src_at(&layers[1], x0, y), (x1 - x0) * 4,
                          weight(layers[1].alpha));
            continue;
        }
        for (size_t i = 0; i < n; i++) {
            const struct compose_layer *l = &layers[i];
            int a, b;
            if (l->alpha == 0 || !span(l, w, y, &a, &b))
                continue;
            if (l->alpha == 255)
                memcpy(row + a, src_at(l, a, y), (size_t)(b - a) * 4);
            else
                blend_over((uint8_t *)(row + a), (const uint8_t *)src_at(l, a, y), (b - a) * 4,
                           weight(l->alpha));
        }
    }
}

void show_compose_rotate(const struct compose_image *src, int deg, uint32_t *dst, int dst_pitch)
{
    int w = src->w, h = src->h;
    /* blocks of 32 x 32 keep both sides of a quarter turn in the cache */
    enum { B = 32 };
    for (int by = 0; by < h; by += B) {
        for (int bx = 0; bx < w; bx += B) {
            int ey = by + B < h ? by + B : h, ex = bx + B < w ? bx + B : w;
            for (int y = by; y < ey; y++) {
                const uint32_t *s = src->px + (size_t)y * (size_t)src->pitch;
                for (int x = bx; x < ex; x++) {
                    int dx, dy;
                    switch (deg) {
                    case 90:
                        dx = h - 1 - y;
                        dy = x;
                        break;
                    case 180:
                        dx = w - 1 - x;
                        dy = h - 1 - y;
                        break;
                    case 270:
                        dx = y;
                        dy = w - 1 - x;
                        break;
                    default:
                        dx = x;
                        dy = y;
                        break;
                    }
                    dst[(size_t)dy * (size_t)dst_pitch + dx] = s[x];
                }
            }
        }
    }
}
