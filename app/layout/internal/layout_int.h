/* layout_int.h: what the layout files share: text preparation, wrapping, fitting, bidi. */
#ifndef NR_LAYOUT_INT_H
#define NR_LAYOUT_INT_H

#include "layout.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One measured line of a block, in logical order. */
struct text_line {
    char *utf8; /* owned */
    size_t len;
    size_t start; /* byte offset of the line in the block's text */
    int w;
};

/* Lines of one block at one size. */
struct text_lines {
    const char *text; /* borrowed: the block's text the lines were cut from, or NULL */
    struct text_line *v;
    size_t n, cap;
    bool overflow;   /* text remained after max_lines */
    bool broke_word; /* a line had to end inside a word */
    bool ellipsized;
};

void layout_text_lines_release(struct text_lines *l);

/* Where text may break (ICU: UAX #14 with dictionaries for Thai, Lao, Khmer and Burmese,
 * phrases for Japanese; Korean by words; no break inside a web address) and where its text
 * units end (UAX #29 grapheme clusters), worked out once per block. at[i] holds BRK_ flags
 * for byte offset i (0..len); a line break is only ever allowed on a cluster boundary.
 * next[i] is the first offset after i where a line may start (len when none). If ICU refuses
 * the text, lines break after spaces only and a warning is logged. */
enum { BRK_LINE = 1, BRK_CLUSTER = 2 };
struct breaks {
    const char *text; /* borrowed */
    size_t len;
    unsigned char *at; /* owned, len + 1 entries */
    size_t *next;      /* owned, len + 1 entries */
};
void layout_breaks_init(struct breaks *b, const char *text); /* borrows text for b's lifetime */
void layout_breaks_release(struct breaks *b);
/* End of the text unit starting at byte i (len at the end). */
size_t layout_breaks_cluster_end(const struct breaks *b, size_t i);

/* How a block is set. */
struct block_style {
    const struct breaks *brk; /* of the text being set, or NULL: worked out per call */
    enum face face;
    int min_px, max_px;
    int max_lines;   /* 0: as many as the height allows */
    int leading_pct; /* line pitch in percent of px */
    bool balance;    /* even out line lengths */
    bool rtl;        /* paragraph direction */
};

/* Measuring helpers over a struct text_measurer (wrap.c). */
int layout_measure_w(const struct text_measurer *m, enum face f, int px, bool rtl, const char *s,
                     size_t len);
int layout_line_pitch(const struct block_style *st, int px);
/* Height a block of n lines takes at px: (n - 1) pitches plus the font's height. */
int layout_block_height(const struct text_measurer *m, const struct block_style *st, int px, int n);

/* Wraps text (prepared: see layout_text_prepare) at px into max_w, at most max_lines lines
 * (0: unlimited). Breaks where st->brk allows (see struct breaks), inside a word (between
 * text units) only when a word alone is wider than max_w. Fills *out (zeroed first). */
void layout_wrap_text(const struct text_measurer *m, const struct block_style *st, int px,
                      const char *text, int max_w, int max_lines, struct text_lines *out);

/* Sets text as large as fits in max_w x max_h between st->min_px and st->max_px, balanced;
 * ellipsizes at a word boundary only when even min_px does not fit. Returns px. */
int layout_fit_block(const struct text_measurer *m, const struct block_style *st, const char *text,
                     int max_w, int max_h, struct text_lines *out);

/* Cuts text so that it plus "…" fits max_w on one line, at a word boundary when there is
 * one. New string. */
char *layout_ellipsize_line(const struct text_measurer *m, enum face f, int px, bool rtl,
                            const char *text, size_t len, int max_w);

/* Cleans text for setting: controls and bidi overrides removed, white space collapsed,
 * code points no font has dropped, optional upper case and typographic quotes.
 * New string, never NULL (may be ""). */
char *layout_text_prepare(const struct text_measurer *m, enum face f, const char *s, bool upper,
                          bool smart_quotes, size_t max_bytes);

/* Whether text is in a script whose letters stack far above and below the line (Burmese,
 * Khmer, Tibetan): such lines need more leading than Latin ones or they touch. */
bool layout_text_stacks_tall(const char *text);
/* Leading for a headline or quote in such a script, in percent of px. */
#define TALL_LEADING_PCT 140

/* Paragraph direction of text by the Unicode rules (FriBidi): true for right-to-left. */
bool layout_bidi_is_rtl(const char *text);
/* Splits line[0..len) into directional runs in visual order, measured; returns their total
 * width. Fills item->runs / n_runs. The levels are those of the paragraph para (borrowed;
 * NULL: the line alone) when the line is its slice at byte start, reordered for the line
 * (FriBidi's line reordering, rules L1 and L2). */
int layout_bidi_runs(const struct text_measurer *m, enum face f, int px, bool par_rtl,
                     const char *para, size_t start, const char *line, size_t len,
                     struct dl_item *item);

/* Display list building blocks (compose.c): a zeroed item appended, a filled rect. */
struct dl_item *layout_dl_push(struct display_list *dl, enum dl_kind kind, enum dl_role role);
void layout_dl_fill(struct display_list *dl, enum dl_role role, struct dl_rect r,
                    struct rgba color);
/* One line of text (utf8[0..len), its own paragraph) with its top-left at (x, top), or its
 * top-right at x_right when rtl; clip is the box it may not leave. Returns its width. */
int layout_dl_line(struct display_list *dl, const struct text_measurer *m, enum dl_role role,
                   enum face f, int px, struct rgba color, const char *utf8, size_t len, bool rtl,
                   int x, int x_right, int top, struct dl_rect clip);
/* The ticker band's ground and top rule (nothing when band is empty) (ticker.c). */
void layout_ticker_ground(struct display_list *dl, const struct theme *t,
                          const struct layout_band *band);

/* The clock ("14:05" in English) in the on-screen language, local by utc_offset_s. */
void layout_format_clock(int64_t now_unix, int utc_offset_s, char *out, size_t outlen);
/* The footer's counter, "3 / 12" in English (index is 1-based here). */
void layout_format_count(int index, int count, char *out, size_t outlen);
/* Forgets the locale data kept for dates and digits (layout_shutdown). */
void layout_meta_shutdown(void);

#endif
