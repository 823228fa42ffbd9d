/* ticker.c: the ticker band along the bottom of a slide, and the strip of headlines it runs. */
#include "layout_int.h"

#include "alloc.h"
#include "buf.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SEPARATOR "\xe2\x80\xa2" /* a bullet between two headlines */

void layout_ticker_band(const struct theme *t, struct viewport vp, struct layout_band *out)
{
    memset(out, 0, sizeof *out);
    if (!t->ticker || vp.w < 200 || vp.h < 120)
        return;
    double u = (vp.w < vp.h ? vp.w : vp.h) / 100.0;
    int pct = t->safe_area_pct < 0 ? 0 : t->safe_area_pct > 20 ? 20 : t->safe_area_pct;
    int mx = vp.w * pct / 100, my = vp.h * pct / 100;
    /* readable across a lobby (the footer's size and a little more), never a third of a
     * small screen */
    int row_h = (int)lround(u * 5.6);
    if (row_h < 26)
        row_h = 26;
    int pad = (int)lround(u * 5.5);
    if (pad < 12)
        pad = 12;
    out->px = row_h * 50 / 100;
    out->rule_h = row_h / 18 > 1 ? row_h / 18 : 1; /* above the row: the strip leaves it */
    out->ground =
        (struct dl_rect){ 0, vp.h - my - row_h - out->rule_h, vp.w, row_h + out->rule_h + my };
    out->row = (struct dl_rect){ mx + pad, vp.h - my - row_h, vp.w - 2 * (mx + pad), row_h };
}

struct rgba layout_ticker_color(const struct theme *t)
{
    /* 8 % of the text colour over the ground: set apart, and dark (or light) enough for the
     * theme's own text and accent to keep their contrast */
    return (struct rgba){ (uint8_t)((t->background.r * 92 + t->text.r * 8) / 100),
                          (uint8_t)((t->background.g * 92 + t->text.g * 8) / 100),
                          (uint8_t)((t->background.b * 92 + t->text.b * 8) / 100), 0xff };
}

/* The band's ground: the theme's ground a shade towards its text, under a thin rule. */
void layout_ticker_ground(struct display_list *dl, const struct theme *t,
                          const struct layout_band *band)
{
    if (band->ground.h <= 0)
        return;
    struct rgba rule = t->accent;
    layout_dl_fill(dl, ROLE_TICKER, band->ground, layout_ticker_color(t));
    layout_dl_fill(dl, ROLE_TICKER,
                   (struct dl_rect){ band->ground.x, band->ground.y, band->ground.w, band->rule_h },
                   rule);
}

int layout_dl_line(struct display_list *dl, const struct text_measurer *m, enum dl_role role,
                   enum face f, int px, struct rgba color, const char *utf8, size_t len, bool rtl,
                   int x, int x_right, int top, struct dl_rect clip)
{
    int asc = 0, desc = 0;
    m->metrics(m->ctx, f, px, &asc, &desc);
    struct dl_item *it = layout_dl_push(dl, DL_TEXT, role);
    int w = layout_bidi_runs(m, f, px, rtl, NULL, 0, utf8, len, it);
    it->face = f;
    it->px = px;
    it->color = color;
    it->ascent = asc;
    it->baseline = top + asc;
    it->rect = (struct dl_rect){ rtl ? x_right - w : x, top, w, asc + desc };
    it->clip = clip;
    return w;
}

/* Top of a line of px text centred in a row h px high. */
static int line_top(const struct text_measurer *m, int px, int h)
{
    int asc = 0, desc = 0;
    m->metrics(m->ctx, FACE_BODY, px, &asc, &desc);
    return (h - asc - desc) / 2;
}

/* Adds text at x (cut with "…" to max_w when wider; nothing when max_w is 0 or less);
 * returns its width. */
static int add_piece(struct display_list *dl, const struct text_measurer *m, enum face f, int px,
                     struct rgba color, const char *text, int x, int top, int row_y, int row_h,
                     int max_w)
{
    bool rtl = layout_bidi_is_rtl(text);
    if (max_w <= 0)
        return 0;
    int w = layout_measure_w(m, f, px, rtl, text, strlen(text));
    char *cut = NULL;
    if (w > max_w) {
        cut = layout_ellipsize_line(m, f, px, rtl, text, strlen(text), max_w);
        text = cut;
        w = layout_measure_w(m, f, px, rtl, text, strlen(text));
    }
    struct dl_rect clip = { x, row_y, w, row_h };
    bool any = text[0] != '\0';
    if (any)
        layout_dl_line(dl, m, ROLE_TICKER, f, px, color, text, strlen(text), rtl, x, x + w, top,
                       clip);
    free(cut);
    return any ? w : 0;
}

/* Source and headline of it, prepared; false when both are empty. */
static bool prepare(const struct ticker_item *it, const struct text_measurer *m, char **source,
                    char **headline)
{
    *source = layout_text_prepare(m, FACE_BODY_BOLD, it->source, true, false, 200);
    *headline = layout_text_prepare(m, FACE_BODY, it->headline, false, true, 600);
    if ((*source)[0] || (*headline)[0])
        return true;
    free(*source);
    free(*headline);
    return false;
}

void layout_ticker_strip(const struct ticker_item *items, size_t n, const struct theme *t,
                         const struct layout_band *band, int max_w, const struct text_measurer *m,
                         struct display_list *out, int *strip_w)
{
    const int cap = max_w > 0 && max_w < LAYOUT_TICKER_MAX_W ? max_w : LAYOUT_TICKER_MAX_W;
    memset(out, 0, sizeof *out);
    *strip_w = 0;
    if (band->row.h <= 0)
        return;
    int px = band->px, h = band->row.h, top = line_top(m, px, h);
    int gap = px * 60 / 100, sep_gap = px * 150 / 100;
    int sep_w = layout_measure_w(m, FACE_BODY, px, false, SEPARATOR, strlen(SEPARATOR));
    int x = 0;
    layout_dl_fill(out, ROLE_BACKGROUND, (struct dl_rect){ 0, 0, cap, h }, layout_ticker_color(t));
    for (size_t i = 0; i < n; i++) {
        char *source, *headline;
        if (!prepare(&items[i], m, &source, &headline))
            continue;
        bool rtl = layout_bidi_is_rtl(headline[0] ? headline : source);
        int sw =
            source[0] ? layout_measure_w(m, FACE_BODY_BOLD, px, rtl, source, strlen(source)) : 0;
        int hw =
            headline[0] ? layout_measure_w(m, FACE_BODY, px, rtl, headline, strlen(headline)) : 0;
        int need = sw + (sw && hw ? gap : 0) + hw + sep_gap + sep_w + sep_gap;
        size_t mark = out->n;
        if (x + need > cap && x > 0) {
            free(source);
            free(headline);
            break; /* the strip is full: the rest shows at the next rotation */
        }
        int room = cap - x - sep_gap * 2 - sep_w;
        /* a right-to-left headline reads from the right: its source goes on its right */
        const char *first = rtl ? headline : source, *second = rtl ? source : headline;
        enum face f1 = rtl ? FACE_BODY : FACE_BODY_BOLD, f2 = rtl ? FACE_BODY_BOLD : FACE_BODY;
        struct rgba c1 = rtl ? t->text : t->accent, c2 = rtl ? t->accent : t->text;
        int w1 = add_piece(out, m, f1, px, c1, first, x, top, 0, h, room);
        x += w1;
        if (w1 && second[0])
            x += gap;
        x += add_piece(out, m, f2, px, c2, second, x, top, 0, h, cap - x - sep_gap * 2 - sep_w);
        if (out->n == mark) {
            free(source);
            free(headline);
            continue;
        }
        x += sep_gap;
        x += add_piece(out, m, FACE_BODY, px, t->muted, SEPARATOR, x, top, 0, h, INT_MAX);
        x += sep_gap;
        free(source);
        free(headline);
    }
    if (x > cap)
        x = cap;
    out->safe = (struct dl_rect){ 0, 0, x, h };
    out->items[0].rect.w = x;
    *strip_w = out->n > 1 ? x : 0;
}

void layout_ticker_page(const struct ticker_item *item, const struct theme *t,
                        const struct layout_band *band, const struct text_measurer *m,
                        struct display_list *out)
{
    memset(out, 0, sizeof *out);
    out->safe = band->row;
    char *source, *headline;
    if (band->row.h <= 0 || !item || !prepare(item, m, &source, &headline))
        return;
    int px = band->px, top = band->row.y + line_top(m, px, band->row.h);
    int gap = px * 60 / 100, x = band->row.x, end = band->row.x + band->row.w;
    bool rtl = layout_bidi_is_rtl(headline[0] ? headline : source);
    if (rtl) {
        /* from the right: the source, then the headline to its left */
        int sw =
            source[0] ? layout_measure_w(m, FACE_BODY_BOLD, px, true, source, strlen(source)) : 0;
        if (sw > band->row.w / 2)
            sw = band->row.w / 2;
        int w = add_piece(out, m, FACE_BODY_BOLD, px, t->accent, source, end - sw, top, band->row.y,
                          band->row.h, sw);
        int hx_end = end - w - (w ? gap : 0), room = hx_end - x;
        int hw =
            headline[0] ? layout_measure_w(m, FACE_BODY, px, true, headline, strlen(headline)) : 0;
        hw = hw < room ? hw : room;
        add_piece(out, m, FACE_BODY, px, t->text, headline, hx_end - hw, top, band->row.y,
                  band->row.h, room);
    } else {
        int w = add_piece(out, m, FACE_BODY_BOLD, px, t->accent, source, x, top, band->row.y,
                          band->row.h, band->row.w / 2);
        x += w + (w ? gap : 0);
        add_piece(out, m, FACE_BODY, px, t->text, headline, x, top, band->row.y, band->row.h,
                  end - x);
    }
    free(source);
    free(headline);
}

size_t layout_ticker_select(size_t n, size_t cur, size_t max, size_t *out)
{
    size_t k = 0;
    for (size_t i = 1; i <= n && k < max; i++) {
        size_t pos = cur < n ? (cur + i) % n : i - 1;
        if (pos == cur)
            break; /* round the rotation and back to the slide on screen */
        out[k++] = pos;
    }
    return k;
}
