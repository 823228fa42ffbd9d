/* photo_exif.c: the EXIF orientation of a JPEG, and turning a photo upright by it. Cameras
 * and phones store the sensor's rows as they were and say in a tag how to hold the picture.
 * Thread-safe: no state. */
#include "draw_int.h"

#include <string.h>

static unsigned rd16(const unsigned char *p, bool le)
{
    return le ? (unsigned)p[1] << 8 | p[0] : (unsigned)p[0] << 8 | p[1];
}

static uint32_t rd32(const unsigned char *p, bool le)
{
    return le ? (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0]
              : (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Orientation tag (0x0112) of the first IFD of a TIFF block t[0..n), or 1. */
static int tiff_orientation(const unsigned char *t, size_t n)
{
    if (n < 8)
        return 1;
    bool le;
    if (memcmp(t, "II*\0", 4) == 0)
        le = true;
    else if (memcmp(t, "MM\0*", 4) == 0)
        le = false;
    else
        return 1;
    uint32_t ifd = rd32(t + 4, le);
    if (ifd > n - 2)
        return 1;
    unsigned count = rd16(t + ifd, le);
    for (unsigned i = 0; i < count; i++) {
        size_t e = (size_t)ifd + 2 + (size_t)i * 12;
        if (e + 12 > n)
            return 1;
        if (rd16(t + e, le) != 0x0112)
            continue;
        unsigned type = rd16(t + e + 2, le), v = rd16(t + e + 8, le);
        if (type != 3 || v < 1 || v > 8) /* SHORT, 1..8 */
            return 1;
        return (int)v;
    }
    return 1;
}

int draw_photo_exif_orientation(const void *data, size_t len)
{
    const unsigned char *p = data;
    size_t i = 2;
    if (len < 4 || p[0] != 0xff || p[1] != 0xd8)
        return 1;
    while (i + 4 <= len) {
        if (p[i] != 0xff)
            return 1;
        unsigned m = p[i + 1];
        if (m == 0xff) { /* fill byte */
            i++;
            continue;
        }
        if (m == 0xda || m == 0xd9) /* image data: the metadata is behind us */
            return 1;
        size_t seg = (size_t)p[i + 2] << 8 | p[i + 3];
        if (seg < 2 || i + 2 + seg > len)
            return 1;
        if (m == 0xe1 && seg >= 16 && memcmp(p + i + 4, "Exif\0\0", 6) == 0)
            return tiff_orientation(p + i + 10, seg - 8);
        i += 2 + seg;
    }
    return 1;
}

SDL_Surface *draw_photo_orient(SDL_Surface *src, int o)
{
    if (o < 2 || o > 8 || src->format->format != SDL_PIXELFORMAT_ARGB8888)
        return src;
    bool swap = o >= 5;
    int w = src->w, h = src->h, dw = swap ? h : w, dh = swap ? w : h;
    SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, dw, dh, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!dst)
        return NULL;
    for (int y = 0; y < h; y++) {
        const uint32_t *row =
            (const uint32_t *)((const uint8_t *)src->pixels + (size_t)y * src->pitch);
        for (int x = 0; x < w; x++) {
            int tx, ty; /* where stored pixel (x, y) lands in the upright picture */
            switch (o) {
            case 2: tx = w - 1 - x, ty = y; break;         /* mirrored */
            case 3: tx = w - 1 - x, ty = h - 1 - y; break; /* upside down */
            case 4: tx = x, ty = h - 1 - y; break;         /* mirrored upside down */
            case 5: tx = y, ty = x; break;                 /* transposed */
            case 6: tx = h - 1 - y, ty = x; break;         /* turned right */
            case 7: tx = h - 1 - y, ty = w - 1 - x; break; /* transversed */
            default: tx = y, ty = w - 1 - x; break;        /* 8: turned left */
            }
            uint32_t *out = (uint32_t *)((uint8_t *)dst->pixels + (size_t)ty * dst->pitch);
            out[tx] = row[x];
        }
    }
    return dst;
}
