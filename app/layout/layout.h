/* layout.h: a story, a viewport, a theme and a text measurer become a display list.
 * Pure: no SDL, no I/O; text is measured only through struct text_measurer, so tests run
 * with a fake measurer and draw paints exactly what layout decided. */
#ifndef NR_LAYOUT_H
#define NR_LAYOUT_H

#include "nr.h"
#include "story.h"
#include "theme.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct viewport {
    int w, h; /* slide size in px */
};

/* Everything a slide shows that is not in the story. */
struct slide_meta {
    int photo_w, photo_h; /* decoded photo size; 0 x 0: no photo */
    int index, count;     /* 0-based position in the rotation and its length; count 0: none */
    int64_t now_unix;     /* for "12 min ago" and the clock */
    int utc_offset_s;     /* local time offset for the clock and dates */
    int logo_w, logo_h;   /* the feed's logo beside the kicker; 0 x 0: none */
    bool chrome_rtl;      /* the on-screen language is right-to-left (layout_language_rtl) */
};

/* How layout learns about fonts. Callbacks may be called many times per slide: cache. */
struct text_measurer {
    /* Pixel size of utf8[0..len) set in face at px, shaped right-to-left when rtl.
     * Returns 0, or -1 when some code point has no glyph in any font (nothing is written). */
    int (*size)(void *ctx, enum face face, int px, bool rtl, const char *utf8, size_t len, int *w,
                int *h);
    /* Ascent (above the baseline) and descent (below it, positive) of face at px. */
    void (*metrics)(void *ctx, enum face face, int px, int *ascent, int *descent);
    /* Whether some font (bundled or fallback) has a glyph for cp in face's style. */
    bool (*has_glyph)(void *ctx, enum face face, uint32_t cp);
    void *ctx;
};

struct dl_rect {
    int x, y, w, h;
};

enum dl_kind {
    DL_FILL,  /* rect in color */
    DL_SCRIM, /* rect shaded from color with alpha 0 at the top to color.a at the bottom */
    DL_PHOTO, /* rect filled with the photo's crop rectangle, scaled (never stretched) */
    DL_TEXT,  /* one line of text: runs in visual order, left to right */
    DL_QR,    /* QR code of text, drawn dark on light inside the square rect */
    DL_LOGO,  /* the feed's logo (slide_meta) scaled whole into rect, over the ground */
};

/* Which part of the slide an item is; the checks and the tests look items up by it. */
enum dl_role {
    ROLE_BACKGROUND,
    ROLE_PHOTO,
    ROLE_SCRIM,
    ROLE_KICKER,
    ROLE_HEADLINE,
    ROLE_DEK,
    ROLE_QUOTE_MARK,
    ROLE_QUOTE,
    ROLE_SPEAKER,
    ROLE_CAPTION,
    ROLE_CREDIT,
    ROLE_FOOTER, /* "3 / 12 · 14:05" */
    ROLE_PROGRESS,
    ROLE_QR,
    ROLE_TICKER, /* the ticker band's ground and its headlines */
    ROLE_DIGEST, /* a digest slide's rows (layout_digest) */
    ROLE_COUNT
};

/* A piece of a line with one direction, in logical order inside, placed at x_off. */
struct dl_run {
    char *utf8; /* owned */
    size_t len;
    bool rtl;
    int x_off, w; /* from the line's x, in px */
};

struct dl_item {
    enum dl_kind kind;
    enum dl_role role;
    struct dl_rect rect; /* where it is painted; for text the line's ink box */
    struct dl_rect clip; /* text: the block box the line belongs to; never drawn outside */
    struct rgba color;
    /* DL_TEXT */
    enum face face;
    int px;
    int baseline;        /* y of the baseline */
    int ascent;          /* face ascent at px: glyphs are placed at baseline - ascent */
    struct dl_run *runs; /* owned */
    size_t n_runs;
    /* DL_PHOTO: crop of the photo in its own pixels */
    struct dl_rect src;
    /* DL_QR */
    char *qr_text; /* owned */
};

/* A block of text lines (headline, quote...): its box holds every line. */
struct dl_block {
    bool present;
    struct dl_rect box;
    int px;
    int lines;
    bool ellipsized; /* text was cut with "…" (last resort) */
    bool rtl;        /* paragraph direction */
};

enum layout_shape { LAYOUT_LANDSCAPE, LAYOUT_PORTRAIT, LAYOUT_TYPOGRAPHIC };

struct display_list {
    struct dl_item *items; /* owned; painted in order */
    size_t n, cap;
    struct dl_rect safe; /* the safe area every text box lies in */
    enum layout_shape shape;
    bool mirrored;                      /* a right-to-left story: photo, kicker, QR, bar mirrored */
    struct dl_block blocks[ROLE_COUNT]; /* indexed by role, for text roles */
};

/* Lays out s on a vp.w x vp.h slide. *out is initialised here (release it after, even on
 * failure). Borrows everything. NR_ERR_USAGE for a viewport under 200 x 120 px. A story
 * whose headline is right-to-left (Arabic, Hebrew, Persian, Urdu) gets the mirror image of
 * the slide: photo on the right, kicker and footer label from the right, QR code on the
 * left, progress bar filling from the right; text keeps its own alignment and photos are
 * never flipped. With meta->chrome_rtl (a right-to-left on-screen language) and a
 * left-to-right headline, only the chrome is mirrored inside the text column: kicker and
 * footer label from the right, QR code on the left, progress bar filling from the right; the
 * headline, quote and photo keep their places and every line its own direction. */
enum nr_result layout_slide(const struct story *s, const struct theme *t, struct viewport vp,
                            const struct slide_meta *meta, const struct text_measurer *m,
                            struct display_list *out, struct nr_err *err);
void display_list_release(struct display_list *dl); /* accepts a zeroed struct */

/* The ticker band of a vp slide when t->ticker is on: ground runs from its top (a rule
 * rule_h px high) to the slide's bottom edge (under the safe area's margin too), row is
 * the line the headlines
 * run in (inside the safe area's sides), px their size. All zero when the ticker is off.
 * layout_slide and layout_digest leave the band free; nothing else is set in it. */
struct layout_band {
    struct dl_rect ground, row;
    int px;
    int rule_h; /* the accent rule along the ground's top, above row */
};
void layout_ticker_band(const struct theme *t, struct viewport vp, struct layout_band *out);
/* The band's ground colour (opaque). */
struct rgba layout_ticker_color(const struct theme *t);

/* One headline of the ticker: source label and headline, both borrowed. */
struct ticker_item {
    const char *source;
    const char *headline;
};

#define LAYOUT_TICKER_MAX_W 16384 /* the strip's width cap in px (one surface) */

/* Lays the items out one after another along a strip band->row.h px high, on the band's
 * ground (the first item, a fill): source in the accent colour, headline in the text
 * colour, a separator after each, from x 0. Items stop where the next would pass max_w px
 * (LAYOUT_TICKER_MAX_W at most: what the ticker can show before its slide changes is
 * enough), one item at least, cut with "…" if it alone is too long. *out is initialised
 * here (release it after); out->safe is the strip, whose width is *strip_w (0 when no
 * item has text). Pure. */
void layout_ticker_strip(const struct ticker_item *items, size_t n, const struct theme *t,
                         const struct layout_band *band, int max_w, const struct text_measurer *m,
                         struct display_list *out, int *strip_w);

/* A page of the ticker, for reduced motion and still frames: the item set in band->row of
 * a slide, cut with "…" to fit. Pure; *out as for layout_ticker_strip. */
void layout_ticker_page(const struct ticker_item *item, const struct theme *t,
                        const struct layout_band *band, const struct text_measurer *m,
                        struct display_list *out);

/* Which stories the ticker shows: the rotation positions after cur (0-based, of n; cur
 * n or more: none on screen) round the rotation, cur itself left out, at most max. Written
 * to out (room for max); returns how many. Pure. */
size_t layout_ticker_select(size_t n, size_t cur, size_t max, size_t *out);

/* One row of a digest slide: the story's source, headline and time; borrowed. */
struct digest_entry {
    const char *source;
    const char *headline;
    bool has_published;
    int64_t published_unix;
};

#define LAYOUT_DIGEST_MIN_ROWS 4
#define LAYOUT_DIGEST_MAX_ROWS 6

/* Which stories a digest slide placed after the slide at cur lists: the next positions
 * round the rotation of n, at most LAYOUT_DIGEST_MAX_ROWS and never cur itself. Written
 * to out (room for LAYOUT_DIGEST_MAX_ROWS); returns how many. Pure. */
size_t layout_digest_select(size_t n, size_t cur, size_t *out);

/* The digest slide: a title ("Coming up"), then as many of the entries as fit (at most
 * LAYOUT_DIGEST_MAX_ROWS, all sized alike), each its source and age above its headline
 * (two lines at most, cut with "…" as a last resort). Landscape screens set the rows in
 * two columns when that keeps them readable; portrait ones in one. The ticker band, when
 * on, stays free. *out is initialised here (release it after); *rows gets the entries
 * shown. NR_ERR_USAGE for a viewport under 200 x 120 px. */
enum nr_result layout_digest(const struct digest_entry *e, size_t n, const struct theme *t,
                             struct viewport vp, const struct slide_meta *meta,
                             const struct text_measurer *m, struct display_list *out, size_t *rows,
                             struct nr_err *err);

/* The digest slide's title ("Coming up"), the one place its words are kept. */
const char *layout_digest_title(void);

/* The checks of a digest slide: rows do not overlap each other, the title or the band, lie
 * in the safe area, and no line is wider than its box. As layout_check. */
bool layout_digest_check(const struct display_list *dl, const struct text_measurer *m,
                         struct nr_err *err);

/* Checks the display list's promises: text boxes do not overlap each other, lie inside the
 * safe area, lines are no wider than their box, and every line measures with m (no
 * missing glyph). true when all hold; else false with the first problem in err. */
bool layout_check(const struct display_list *dl, const struct text_measurer *m, struct nr_err *err);

/* Relative age for the kicker in the on-screen language (nr_i18n_set_language): "just now",
 * "12 min ago", "3 h ago", "yesterday" (the calendar day before), else the date "1 Feb 2022"
 * (all in local time by utc_offset_s). Writes into out. Any thread. */
void layout_format_age(int64_t published_unix, int64_t now_unix, int utc_offset_s, char *out,
                       size_t outlen);

/* The date of unix_s (local by utc_offset_s) as the language writes it: "1 Feb 2022",
 * "1. Feb. 2022", "١ فبراير ٢٠٢٢". */
void layout_format_date(int64_t unix_s, int utc_offset_s, char *out, size_t outlen);

/* unix_s (local by utc_offset_s) by an ICU date pattern in the on-screen language: d dd M MM
 * MMM MMMM y yy H HH h hh m mm a EEE EEEE, text in 'quotes'. Use a pattern from the catalogue
 * (nr_tr("EEE HH:mm")), so each language orders the fields its own way. Any thread. */
void layout_format_time(const char *pattern, int64_t unix_s, int utc_offset_s, char *out,
                        size_t outlen);

/* n in the on-screen language's digits, without grouping ("12", "١٢"). */
void layout_format_number(long n, char *out, size_t outlen);

/* Whether the on-screen language is written right to left (Arabic, Hebrew, Persian, Urdu...):
 * the screen's chrome is then mirrored (see layout_slide). */
bool layout_language_rtl(void);

/* One line of utf8 set on its own in face at px (a label over a finished slide, such as the
 * stale badge): shaped in runs by its own direction, with font fallback through m. *out is
 * initialised here, at (0, 0) with its ink box in rect and clip and its baseline at the
 * ascent: move all three to place it. Release with layout_line_release. */
void layout_line(const struct text_measurer *m, enum face f, int px, struct rgba color,
                 const char *utf8, struct dl_item *out);
void layout_line_release(struct dl_item *it); /* accepts a zeroed item */

/* Typographic quotes: straight ' and " become ‘ ’ “ ” by context. New string. */
char *layout_smart_quotes(const char *utf8);

/* Closes the line-break iterators layout keeps for reuse (ICU's, a few KiB each). Call once at
 * exit, when no thread lays out any more; layout still works afterwards, opening them anew. */
void layout_shutdown(void);

#endif
