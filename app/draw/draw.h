/* draw.h: a story becomes pixels: fonts, text measuring, photo decoding, slide painting.
 * Everything here runs on the thread that owns the drawer; SDL must be initialised
 * (SDL_Init(0) is enough for surfaces; no window needed). */
#ifndef NR_DRAW_H
#define NR_DRAW_H

#include "layout.h"
#include "nr.h"
#include "story.h"
#include "theme.h"

#include <SDL.h>
#include <stddef.h>
#include <stdint.h>

struct drawer; /* opaque: open fonts, glyph caches, fallback fonts */

/* Makes SDL allocate pixel-sized blocks (1 MiB and up) as their own huge-page mappings and
 * give them back to the system when freed (pixmem.c). Call before anything else touches SDL;
 * false when it is too late, or under a sanitizer or valgrind, which must see every block. */
bool draw_pixmem_install(void);

/* Per-slide context that is not part of the story. */
struct slide_info {
    int index, count;   /* 0-based position in the rotation, and its length */
    int64_t now_unix;   /* wall clock for "12 min ago" and the clock */
    int utc_offset_s;   /* local time offset for the clock */
    bool accent_set;    /* the slide's feed has an accent of its own ([feed NAME] accent) */
    struct rgba accent; /* ... used instead of the theme's: kicker, quote mark, progress */
    SDL_Surface *logo;  /* the feed's logo beside the kicker (draw_logo_decode); borrowed;
                         * NULL: none */
};

/* Opens the bundled faces from font_dir (see paths.h for finding it).
 * NULL with err filled when a face cannot be opened. Borrows theme for the drawer's life. */
struct drawer *drawer_new(const char *font_dir, const struct theme *theme, struct nr_err *err);
void drawer_free(struct drawer *d); /* accepts NULL */

/* Paints story at w x h into a new ARGB8888 surface (free with SDL_FreeSurface).
 * photo may be NULL (typographic layout). NULL with err on failure. */
SDL_Surface *drawer_render(struct drawer *d, const struct story *story, SDL_Surface *photo,
                           const struct slide_info *info, int w, int h, struct nr_err *err);

/* The parts of drawer_render, for tests and benchmarks: lays out story with the drawer's
 * measurer into *dl (release it after), then paints dl (with info->logo, which must last
 * until that paint). */
enum nr_result drawer_layout(struct drawer *d, const struct story *story, SDL_Surface *photo,
                             const struct slide_info *info, int w, int h, struct display_list *dl,
                             struct nr_err *err);
SDL_Surface *drawer_paint(struct drawer *d, const struct display_list *dl, SDL_Surface *photo,
                          int w, int h, struct nr_err *err);
/* Paints the text item it (from a display list, or layout_line) onto s, clipped to its clip
 * box; other kinds are ignored. */
void drawer_paint_text(struct drawer *d, SDL_Surface *s, const struct dl_item *it);
/* Paints dl's fills and text over s (ARGB8888), as drawer_paint paints a new slide. */
void drawer_paint_over(struct drawer *d, const struct display_list *dl, SDL_Surface *s);

/* The ticker (ticker.c). Its strip: items laid out along one line on the band's ground, for
 * a w x h slide of the drawer's theme, at most max_w px long (layout_ticker_strip); a new ARGB8888 surface band.row.h px high and
 * *strip_w wide (free with SDL_FreeSurface), or NULL when the ticker is off, no item has
 * text, or there is no memory (then err says why). */
SDL_Surface *drawer_ticker_strip(struct drawer *d, const struct ticker_item *items, size_t n, int w,
                                 int h, int max_w, int *strip_w, struct nr_err *err);
/* Copies strip into the ticker band's row of slide (the slide's whole width), offset_px
 * into the strip at the row's start, round and round. */
void draw_ticker_blit(const SDL_Surface *strip, SDL_Surface *slide, const struct theme *t,
                      int64_t offset_px);
/* Sets one item in the band of slide (reduced motion, or a still frame); NULL: empty. */
void drawer_ticker_page(struct drawer *d, SDL_Surface *slide, const struct ticker_item *item);

/* A still frame of the ticker in slide's band: items[0] alone when page (reduced motion),
 * else the start of their strip. Nothing when the ticker is off. */
void drawer_ticker_still(struct drawer *d, SDL_Surface *slide, const struct ticker_item *items,
                         size_t n, bool page);

/* The ticker band's row of a w x h slide for the drawer's theme (zero when off). */
struct dl_rect drawer_ticker_row(const struct drawer *d, int w, int h);

/* The digest slide (digest.c): the entries laid out (layout_digest) and painted at w x h,
 * with no ticker text (drawer_ticker_* paints that). A new surface, or NULL with err. */
SDL_Surface *drawer_render_digest(struct drawer *d, const struct digest_entry *e, size_t n,
                                  const struct slide_info *info, int w, int h, struct nr_err *err);

/* The text measurer behind the drawer's layouts; valid for the drawer's life. */
const struct text_measurer *drawer_measurer(struct drawer *d);
/* Forgets drawn text, scaled photos and QR codes (cold-cache benchmarks). */
void drawer_clear_caches(struct drawer *d);

/* Decodes a photo (JPEG, PNG, WebP, GIF) from memory for a screen_w x screen_h slide
 * (max_w x max_h) after checking the header's dimensions (NR_MAX_PHOTO_SIDE,
 * NR_MAX_PHOTO_PIXELS). It is decoded straight to the smallest size that covers the slide's
 * photo box (the layout's), so memory follows the screen, not the file; turned upright by
 * its EXIF orientation; CMYK made RGB and an ICC profile honoured. Refused (NULL, err
 * NR_ERR_IMAGE, saying why) when it would be blown up more than 2x to fill the box (judged
 * at 1080p's pixel size on larger screens), or when less than three quarters of a file cut
 * short arrived (more: shown, one warning).
 * max_w or max_h 0: decoded at its own size, nothing refused for size. New ARGB8888
 * surface whose blend mode is BLEND when it has transparency (then painted over the
 * slide's ground), else NONE; or NULL with err. Thread-safe. */
SDL_Surface *draw_photo_decode(const void *data, size_t len, int max_w, int max_h,
                               struct nr_err *err);

/* The same checks and decoders for a picture shown whole (an announcement's picture
 * slide): decoded to the largest size that fits inside max_w x max_h without cutting
 * anything, never larger than its own size (painting scales it up). Refused only when it is
 * an icon (32 x 32 px or less). */
SDL_Surface *draw_photo_decode_fit(const void *data, size_t len, int max_w, int max_h,
                                   struct nr_err *err);

/* Cuts a decoded photo down to the part that a screen_w x screen_h slide's layout shows (its
 * cover crop of the photo box), so that a photo waiting to be painted holds no pixels the
 * slide will not use (1920x1080 for a 1080p slide: 4.4 of 7.9 MiB). The slide painted with
 * the result is the slide painted with the whole photo. Takes ownership of photo and
 * returns the photo to use (photo itself when nothing is cut, or when there is no memory
 * for the copy). Thread-safe. */
SDL_Surface *draw_photo_crop_to_box(SDL_Surface *photo, int screen_w, int screen_h);

/* Reads width/height from a PNG, JPEG, GIF or WebP header without decoding.
 * false when the bytes are none of these or the header is broken. */
bool draw_photo_probe(const void *data, size_t len, int *w, int *h);

/* A feed's logo from memory (PNG, JPEG, WebP, GIF): refused (NULL, err NR_ERR_IMAGE) when a
 * side is over NR_MAX_LOGO_SIDE, else decoded and kept at most NR_LOGO_KEEP_H x
 * NR_LOGO_KEEP_W (aspect kept; a smaller one as it is), so that a logo costs a few hundred
 * KiB whatever the file says. New surface as draw_photo_decode's. Thread-safe. */
SDL_Surface *draw_logo_decode(const void *data, size_t len, struct nr_err *err);

/* Saves surface as PNG at path. */
enum nr_result draw_save_png(SDL_Surface *s, const char *path, struct nr_err *err);

#endif
