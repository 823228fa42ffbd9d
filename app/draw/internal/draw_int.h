/* draw_int.h: what the draw files share: the font set, the text cache, photo scaling, QR. */
#ifndef NR_DRAW_INT_H
#define NR_DRAW_INT_H

#include "draw.h"
#include "layout.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <stdbool.h>
#include <stdint.h>

/* ---- fonts.c: bundled faces plus system fallback fonts found through fontconfig ---- */
struct font_set;

/* Opens the four bundled faces from font_dir. NULL with err when one is missing. */
/* Opens the faces: files[f] when set, else the bundled file in font_dir. */
struct font_set *draw_font_set_new(const char *font_dir, const char *const files[FACE_COUNT],
                                   struct nr_err *err);
void draw_font_set_free(struct font_set *fs); /* accepts NULL */

/* Which font file draws cp in face f: the bundled face when it has the glyph, else a
 * system fallback (found once, then remembered); -1 when no font has it. */
int draw_font_for(struct font_set *fs, enum face f, uint32_t cp);
/* How an emoji-capable code point is to be drawn: as the font finds it, in colour (emoji
 * presentation: U+FE0F, keycaps, skin tones, ZWJ sequences, flags) or as a monochrome
 * text glyph (U+FE0E). */
enum presentation { PRES_DEFAULT, PRES_EMOJI, PRES_TEXT };
/* draw_font_for with a presentation: a colour font for PRES_EMOJI, an outline one for PRES_TEXT,
 * when one has the glyph; otherwise whatever draw_font_for finds. */
int draw_font_for_presentation(struct font_set *fs, enum face f, uint32_t cp, enum presentation p);
/* Whether font file id has a glyph for cp. */
bool draw_font_has(struct font_set *fs, int file_id, uint32_t cp);
/* The open font for file id at px (owned by the set; valid until the next draw_font_get).
 * for_drawing keeps one open per size (glyph caches warm); measuring may share one.
 * *scale is 1 for outline fonts; for bitmap-only fonts (colour emoji) the factor that
 * brings the strike to the face's height at px. */
TTF_Font *draw_font_get(struct font_set *fs, enum face f, int file_id, int px, bool for_drawing,
                        double *scale);
/* Primary face metrics at px: ascent and descent (positive). */
void draw_font_metrics(struct font_set *fs, enum face f, int px, int *ascent, int *descent);

/* ---- text.c: measuring and rendering runs, with caches ---- */
struct text_cache;
struct text_cache *draw_text_cache_new(struct font_set *fs);
void draw_text_cache_free(struct text_cache *tc);
/* The measurer layout uses; ctx is the cache. */
void draw_text_cache_measurer(struct text_cache *tc, struct text_measurer *m);
/* A surface holding run drawn in color; owned by the cache (valid until the next call).
 * *ascent is where its baseline is from the top. NULL when empty. */
SDL_Surface *draw_text_cache_run(struct text_cache *tc, enum face f, int px, bool rtl,
                                 struct rgba color, const char *utf8, size_t len, int *ascent);
/* Drops every cached surface (cold-cache benchmarks). */
void draw_text_cache_clear(struct text_cache *tc);

/* ---- render.c ---- */
/* The surface run k of text item it is drawn from (owned by the drawer's cache). */
SDL_Surface *drawer_text_run(struct drawer *d, const struct dl_item *it, size_t k);

/* ---- photo.c ---- */
/* New ARGB8888 surface: src's rectangle sr scaled to dw x dh (area average when shrinking,
 * bilinear when growing). NULL on failure. */
SDL_Surface *draw_photo_scale(SDL_Surface *src, const SDL_Rect *sr, int dw, int dh);
/* The same into dst's rectangle dr (inside dst, ARGB8888) with no buffer between; false
 * (nothing drawn) when dr or dst does not allow it. */
bool draw_photo_scale_into(SDL_Surface *src, const SDL_Rect *sr, SDL_Surface *dst,
                           const SDL_Rect *dr);

/* How the bytes of one row of pixels are laid out for struct shrink. */
enum px_order {
    PX_RGB,    /* 3 bytes: red, green, blue */
    PX_BGR,    /* 3 bytes: blue, green, red */
    PX_RGBA,   /* 4 bytes: red, green, blue, alpha (straight) */
    PX_ARGB32, /* one native uint32 0xAARRGGBB (SDL's ARGB8888) */
};

/* Area-average shrink of an image arriving one row at a time, top to bottom, into an
 * ARGB8888 surface no larger than the image: a decoder hands its rows over as they come and
 * never holds the whole image. Memory: a few rows of dst. One thread at a time. */
struct shrink {
    SDL_Surface *dst; /* borrowed for the shrink's life */
    int sw, sh;       /* source size in px */
    int rows_in, dy;  /* source rows pushed, destination rows written */
    int span;
    double sx, sy, boundary;
    int *i0, *cnt;
    float *wt, *hrow, *acc;
};
/* Prepares s for a src_w x src_h image (each side at least dst's) shrunk into dst. */
void draw_shrink_init(struct shrink *s, int src_w, int src_h, SDL_Surface *dst);
/* Adds the next source row: src_w pixels laid out as order says. */
void draw_shrink_row(struct shrink *s, const uint8_t *row, enum px_order order);
/* Fills destination rows the source never reached (from the last one written), frees. */
void draw_shrink_release(struct shrink *s);

/* The size an image of w x h px is decoded to for a photo box of box_w x box_h: the
 * smallest that still covers the box, never larger than the image. */
void draw_photo_cover_size(int w, int h, int box_w, int box_h, int *dw, int *dh);

/* What a decoder learnt beside the pixels. */
struct photo_info {
    int decoded_pct; /* share of the rows that arrived (100: the whole image) */
    int cut_scan;    /* a progressive JPEG cut short in this scan: whole, less sharp */
    bool has_alpha;  /* some pixel is not opaque */
};

/* Decoders (photo_jpeg.c, photo_png.c, photo_webp.c, photo_gif.c): data holds a whole
 * image of w x h px whose header draw_photo_probe() accepted and the caps allowed. Each returns
 * a new ARGB8888 surface of draw_photo_cover_size(w, h, box_w, box_h), or smaller for an image
 * cut short (info->decoded_pct < 100), or NULL with err (NR_ERR_IMAGE, NR_ERR_TOO_BIG).
 * Memory is bounded by the box, not the image, except where a format needs the whole
 * image (progressive JPEG's coefficients, lossless WebP, GIF): each says so. Thread-safe. */
SDL_Surface *draw_photo_jpeg_decode(const void *data, size_t len, int w, int h, int box_w,
                                    int box_h, struct photo_info *info, struct nr_err *err);
/* draw_photo_jpeg_decode with its limits named: a progressive file is refused past max_work
 * bytes of coefficients and decoded in bands of about band_bytes of them each. */
SDL_Surface *draw_photo_jpeg_decode_within(const void *data, size_t len, int w, int h, int box_w,
                                           int box_h, long max_work, long band_bytes,
                                           struct photo_info *info, struct nr_err *err);
SDL_Surface *draw_photo_png_decode(const void *data, size_t len, int w, int h, int box_w, int box_h,
                                   struct photo_info *info, struct nr_err *err);
SDL_Surface *draw_photo_webp_decode(const void *data, size_t len, int w, int h, int box_w,
                                    int box_h, struct photo_info *info, struct nr_err *err);
SDL_Surface *draw_photo_gif_decode(const void *data, size_t len, int w, int h, int box_w, int box_h,
                                   struct photo_info *info, struct nr_err *err);

/* ---- photo_exif.c ---- */
/* The EXIF orientation (1..8) of a JPEG, 1 when it has none or it cannot be read. */
int draw_photo_exif_orientation(const void *data, size_t len);
/* A new surface: src turned as EXIF orientation o says so that it stands upright; src
 * itself (not a copy) when o is 1 or unknown. NULL on OOM. Does not free src. */
SDL_Surface *draw_photo_orient(SDL_Surface *src, int o);

/* ---- photo_color.c ---- */
/* Converts the ARGB8888 surface s in place from the colour space of the ICC profile
 * icc[0..len) to sRGB. false (s untouched) when the profile cannot be used. */
bool draw_photo_icc_to_srgb(SDL_Surface *s, const void *icc, size_t len);
/* CMYK rows into sRGB as the CMYK ICC profile icc[0..len) says. NULL when the profile is
 * not a CMYK one or cannot be used (the caller then converts naively). */
struct cmyk_transform;
struct cmyk_transform *draw_cmyk_transform_new(const void *icc, size_t len, bool inverted);
/* w pixels of 4-byte CMYK (inverted as given to _new) into 3-byte RGB; the rows differ. */
void draw_cmyk_transform_row(struct cmyk_transform *ct, const uint8_t *cmyk, uint8_t *rgb, int w);
void draw_cmyk_transform_free(struct cmyk_transform *ct); /* accepts NULL */

/* ---- qr.c ---- */
/* New ARGB8888 surface side x side: the QR code of text, dark modules on a light tile.
 * NULL when text cannot be encoded. */
SDL_Surface *draw_qr_render(const char *text, int side, struct rgba dark, struct rgba light);

/* Darkens the photo (painted into s, at photo->rect) under every block of text of dl that
 * lies on it, each as little as gives its text a contrast ratio of 4.5:1 or more against
 * the lightest pixel under it (scrim.c). Call after the photo, before the text. */
void draw_scrim_text(const struct display_list *dl, const struct dl_item *photo, SDL_Surface *s);
/* WCAG 2 contrast ratio of two colours (1..21). */
double draw_contrast_ratio(struct rgba a, struct rgba b);
/* The theme a drawer paints with. */
const struct theme *draw_drawer_theme(const struct drawer *d);

#endif
