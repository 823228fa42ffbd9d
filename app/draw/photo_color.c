/* photo_color.c: a photo's embedded ICC profile honoured with Little CMS: Adobe RGB and
 * Display P3 photos are turned into the sRGB a screen shows, instead of looking washed out,
 * and a CMYK JPEG's inks are read as its press profile says. Thread-safe: each call makes
 * its own transform. */
#include "draw_int.h"

#include "alloc.h"

#include <lcms2.h>
#include <stdlib.h>

/* Profiles larger than this are not a camera's or an editor's: left alone. */
#define ICC_MAX_BYTES (4u * 1024 * 1024)

bool draw_photo_icc_to_srgb(SDL_Surface *s, const void *icc, size_t len)
{
    if (!s || !icc || len < 132 || len > ICC_MAX_BYTES ||
        s->format->format != SDL_PIXELFORMAT_ARGB8888)
        return false;
    cmsHPROFILE in = cmsOpenProfileFromMem(icc, (cmsUInt32Number)len);
    if (!in)
        return false;
    bool ok = false;
    /* only RGB profiles: a grey or CMYK profile on an image already turned RGB is a lie */
    if (cmsGetColorSpace(in) == cmsSigRgbData) {
        cmsHPROFILE srgb = cmsCreate_sRGBProfile();
        /* ARGB8888 is B, G, R, A in memory on a little-endian machine, A, R, G, B on a big */
        cmsUInt32Number fmt = SDL_BYTEORDER == SDL_LIL_ENDIAN ? TYPE_BGRA_8 : TYPE_ARGB_8;
        cmsHTRANSFORM t =
            srgb ? cmsCreateTransform(in, fmt, srgb, fmt, INTENT_PERCEPTUAL, cmsFLAGS_COPY_ALPHA)
                 : NULL;
        if (t) {
            for (int y = 0; y < s->h; y++) {
                uint8_t *row = (uint8_t *)s->pixels + (size_t)y * s->pitch;
                cmsDoTransform(t, row, row, (cmsUInt32Number)s->w);
            }
            cmsDeleteTransform(t);
            ok = true;
        }
        if (srgb)
            cmsCloseProfile(srgb);
    }
    cmsCloseProfile(in);
    return ok;
}

struct cmyk_transform {
    cmsHTRANSFORM t;
};

struct cmyk_transform *draw_cmyk_transform_new(const void *icc, size_t len, bool inverted)
{
    if (!icc || len < 132 || len > ICC_MAX_BYTES)
        return NULL;
    cmsHPROFILE in = cmsOpenProfileFromMem(icc, (cmsUInt32Number)len);
    if (!in)
        return NULL;
    struct cmyk_transform *ct = NULL;
    if (cmsGetColorSpace(in) == cmsSigCmykData) {
        cmsHPROFILE srgb = cmsCreate_sRGBProfile();
        /* Adobe writes the ink inverted (255 is none): lcms's reversed CMYK reads it so */
        cmsHTRANSFORM t = srgb ? cmsCreateTransform(in, inverted ? TYPE_CMYK_8_REV : TYPE_CMYK_8,
                                                    srgb, TYPE_RGB_8, INTENT_PERCEPTUAL, 0)
                               : NULL;
        if (t) {
            ct = xcalloc(1, sizeof *ct);
            ct->t = t;
        }
        if (srgb)
            cmsCloseProfile(srgb);
    }
    cmsCloseProfile(in);
    return ct;
}

void draw_cmyk_transform_row(struct cmyk_transform *ct, const uint8_t *cmyk, uint8_t *rgb, int w)
{
    cmsDoTransform(ct->t, cmyk, rgb, (cmsUInt32Number)w);
}

void draw_cmyk_transform_free(struct cmyk_transform *ct)
{
    if (!ct)
        return;
    cmsDeleteTransform(ct->t);
    free(ct);
}
