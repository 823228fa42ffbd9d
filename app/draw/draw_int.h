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
struct font_set *font_set_new(const char *font_dir, const char *const files[FACE_COUNT],
                              struct nr_err *err);
void font_set_free(struct font_set *fs);   /* accepts NULL */

/* Which font file draws cp in face f: the bundled face when it has the glyph, else a
 * system fallback (found once, then remembered); -1 when no font has it. */
int font_for(struct font_set *fs, enum face f, uint32_t cp);
/* How an emoji-capable code point is to be drawn: as the font finds it, in colour (emoji
 * presentation: U+FE0F, keycaps, skin tones, ZWJ sequences, flags) or as a monochrome
 * text glyph (U+FE0E). */
enum presentation { PRES_DEFAULT, PRES_EMOJI, PRES_TEXT };
/* font_for with a presentation: a colour font for PRES_EMOJI, an outline one for PRES_TEXT,
 * when one has the glyph; otherwise whatever font_for finds. */
int font_for_presentation(struct font_set *fs, enum face f, uint32_t cp, enum presentation p);
/* Whether font file id has a glyph for cp. */
bool font_has(struct font_set *fs, int file_id, uint32_t cp);
/* The open font for file id at px (owned by the set; valid until the next font_get).
 * for_drawing keeps one open per size (glyph caches warm); measuring may share one.
 * *scale is 1 for outline fonts; for bitmap-only fonts (colour emoji) the factor that
 * brings the strike to the face's height at px. */
TTF_Font *font_get(struct font_set *fs, enum face f, int file_id, int px, bool for_drawing,
                   double *scale);
/* Primary face metrics at px: ascent and descent (positive). */
void font_metrics(struct font_set *fs, enum face f, int px, int *ascent, int *descent);

/* ---- text.c: measuring and rendering runs, with caches ---- */
struct text_cache;
struct text_cache *text_cache_new(struct font_set *fs);
void text_cache_free(struct text_cache *tc);
/* The measurer layout uses; ctx is the cache. */
void text_cache_measurer(struct text_cache *tc, struct text_measurer *m);
/* A surface holding run drawn in color; owned by the cache (valid until the next call).
 * *ascent is where its baseline is from the top. NULL when empty. */
SDL_Surface *text_cache_run(struct text_cache *tc, enum face f, int px, bool rtl,
                            struct rgba color, const char *utf8, size_t len, int *ascent);
/* Drops every cached surface (cold-cache benchmarks). */
void text_cache_clear(struct text_cache *tc);

/* ---- render.c ---- */
/* The surface run k of text item it is drawn from (owned by the drawer's cache). */
SDL_Surface *drawer_text_run(struct drawer *d, const struct dl_item *it, size_t k);

/* ---- photo.c ---- */
/* New ARGB8888 surface: src's rectangle sr scaled to dw x dh (area average when shrinking,
 * bilinear when growing). NULL on failure. */
SDL_Surface *photo_scale(SDL_Surface *src, const SDL_Rect *sr, int dw, int dh);
/* The same into dst's rectangle dr (inside dst, ARGB8888) with no buffer between; false
 * (nothing drawn) when dr or dst does not allow it. */
bool photo_scale_into(SDL_Surface *src, const SDL_Rect *sr, SDL_Surface *dst, const SDL_Rect *dr);

/* ---- qr.c ---- */
/* New ARGB8888 surface side x side: the QR code of text, dark modules on a light tile.
 * NULL when text cannot be encoded. */
SDL_Surface *qr_render(const char *text, int side, struct rgba dark, struct rgba light);

#endif
