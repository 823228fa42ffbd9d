/* digest.c: the digest slide: the next few headlines with their sources and times. */
#include "layout_int.h"

#include "i18n.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The words the digest slide puts on screen, in one place for translation. The relative
 * times ("12 min ago") come from layout_format_age (meta.c). */
/* TRANSLATORS: the title of the slide that lists the next few headlines */
static const char *const DIGEST_TITLE = N_("Coming up");
static const char *const DIGEST_META_SEP = "  \xc2\xb7  "; /* "source · 12 min ago" */

const char *layout_digest_title(void)
{
    return nr_tr(DIGEST_TITLE);
}

size_t layout_digest_select(size_t n, size_t cur, size_t *out)
{
    return layout_ticker_select(n, cur, LAYOUT_DIGEST_MAX_ROWS, out);
}

struct digest_geom {
    int x, y, w, h; /* the area the rows share */
    int cols;
    int gap_x, gap_y;
};

/* One row's texts, prepared. */
struct digest_row {
    char *source, *age, *headline;
};

static int line_h(const struct text_measurer *m, enum face f, int px)
{
    int asc = 0, desc = 0;
    m->metrics(m->ctx, f, px, &asc, &desc);
    return asc + desc;
}

static struct block_style head_style(int min_px, int max_px, const char *text)
{
    return (struct block_style){ .face = FACE_HEADLINE,
                                 .min_px = min_px,
                                 .max_px = max_px,
                                 .max_lines = 2,
                                 .leading_pct =
                                     layout_text_stacks_tall(text) ? TALL_LEADING_PCT : 108,
                                 .balance = true,
                                 .rtl = layout_bidi_is_rtl(text) };
}

/* The largest headline size at which each of rows[0..k) fits two lines in col_w x head_h;
 * min_px when one does not fit even then (it is cut). */
static int common_px(const struct text_measurer *m, const struct digest_row *rows, size_t k,
                     int min_px, int max_px, int col_w, int head_h)
{
    int px = max_px;
    for (size_t i = 0; i < k; i++) {
        struct block_style st = head_style(min_px, px, rows[i].headline);
        struct text_lines l;
        int got = layout_fit_block(m, &st, rows[i].headline, col_w, head_h, &l);
        if (l.ellipsized)
            got = min_px;
        layout_text_lines_release(&l);
        if (got < px)
            px = got;
    }
    return px;
}

/* Places one row in box: source and age on its first line, the headline below. */
static void place_row(struct display_list *dl, const struct text_measurer *m, const struct theme *t,
                      const struct digest_row *r, struct dl_rect box, int meta_px, int head_px,
                      int meta_gap)
{
    int x = box.x, y = box.y;
    bool rtl = layout_bidi_is_rtl(r->headline[0] ? r->headline : r->source);
    int sw = 0;
    if (r->source[0]) {
        int max_w = box.w * 2 / 3;
        char *src = NULL;
        if (layout_measure_w(m, FACE_BODY_BOLD, meta_px, rtl, r->source, strlen(r->source)) > max_w)
            src = layout_ellipsize_line(m, FACE_BODY_BOLD, meta_px, rtl, r->source,
                                        strlen(r->source), max_w);
        const char *text = src ? src : r->source;
        sw = layout_dl_line(dl, m, ROLE_DIGEST, FACE_BODY_BOLD, meta_px, t->accent, text,
                            strlen(text), rtl, x, box.x + box.w, y, box);
        free(src);
    }
    if (r->age[0]) {
        char meta[96];
        snprintf(meta, sizeof meta, "%s%s", sw ? DIGEST_META_SEP : "", r->age);
        int aw = layout_measure_w(m, FACE_BODY, meta_px, false, meta, strlen(meta));
        if (sw + aw <= box.w) /* a column too narrow for the time shows the source alone */
            layout_dl_line(dl, m, ROLE_DIGEST, FACE_BODY, meta_px, t->muted, meta, strlen(meta),
                           false, rtl ? box.x + box.w - sw - aw : x + sw, box.x + box.w, y, box);
    }
    y += line_h(m, FACE_BODY, meta_px) + meta_gap;
    struct block_style st = head_style(head_px, head_px, r->headline);
    struct text_lines l;
    layout_fit_block(m, &st, r->headline, box.w, box.y + box.h - y, &l);
    int pitch = layout_line_pitch(&st, head_px);
    for (size_t i = 0; i < l.n; i++)
        layout_dl_line(dl, m, ROLE_DIGEST, FACE_HEADLINE, head_px, t->text, l.v[i].utf8, l.v[i].len,
                       st.rtl, x, box.x + box.w, y + (int)i * pitch, box);
    layout_text_lines_release(&l);
}

enum nr_result layout_digest(const struct digest_entry *e, size_t n, const struct theme *t,
                             struct viewport vp, const struct slide_meta *meta,
                             const struct text_measurer *m, struct display_list *out,
                             size_t *rows_shown, struct nr_err *err)
{
    memset(out, 0, sizeof *out);
    *rows_shown = 0;
    if (vp.w < 200 || vp.h < 120 || vp.w > 16384 || vp.h > 16384)
        return nr_fail(err, NR_ERR_USAGE, "slide size '%dx%d' is out of range", vp.w, vp.h);
    int w = vp.w, h = vp.h;
    double u = (w < h ? w : h) / 100.0;
#define DU(k, floor_px) ((int)lround((k)*u) < (floor_px) ? (floor_px) : (int)lround((k)*u))
    int pct = t->safe_area_pct < 0 ? 0 : t->safe_area_pct > 20 ? 20 : t->safe_area_pct;
    int mx = w * pct / 100, my = h * pct / 100, pad = DU(5.5, 12);
    struct layout_band band;
    layout_ticker_band(t, vp, &band);
    int safe_bottom = band.ground.h ? band.ground.y : h - my;
    out->safe = (struct dl_rect){ mx, my, w - 2 * mx, safe_bottom - my };
    out->shape = LAYOUT_TYPOGRAPHIC;
    layout_dl_fill(out, ROLE_BACKGROUND, (struct dl_rect){ 0, 0, w, h }, t->background);
    layout_ticker_ground(out, t, &band);

    int x0 = mx + pad, x1 = w - mx - pad, y0 = my + pad, y1 = safe_bottom - pad;
    /* the title, as the slides' kicker is set, a size up */
    int title_px = DU(2.6, 13);
    char *title = layout_text_prepare(m, FACE_BODY_BOLD, nr_tr(DIGEST_TITLE), true, false, 200);
    struct dl_rect title_box = { x0, y0, x1 - x0, line_h(m, FACE_BODY_BOLD, title_px) };
    if (title[0])
        layout_dl_line(out, m, ROLE_KICKER, FACE_BODY_BOLD, title_px, t->accent, title,
                       strlen(title), layout_bidi_is_rtl(title), x0, x1, y0, title_box);
    free(title);
    out->blocks[ROLE_KICKER] =
        (struct dl_block){ .present = true, .box = title_box, .px = title_px, .lines = 1 };

    struct digest_geom g = { .x = x0, .y = y0 + title_box.h + DU(3.2, 8), .w = x1 - x0 };
    g.h = y1 - g.y;
    g.gap_x = DU(5, 12);
    g.gap_y = DU(3.4, 8);
    /* two columns on a wide screen whose columns still hold a readable line */
    g.cols = w > h && (g.w - g.gap_x) / 2 >= DU(60, 160) ? 2 : 1;
    int meta_px = DU(2.0, 11), meta_gap = DU(0.8, 3);
    int head_min = DU(2.6, 12), head_max = DU(g.cols == 2 ? 5.6 : 6.0, 14);

    size_t k = n < LAYOUT_DIGEST_MAX_ROWS ? n : LAYOUT_DIGEST_MAX_ROWS;
    struct digest_row rows[LAYOUT_DIGEST_MAX_ROWS];
    for (size_t i = 0; i < k; i++) {
        char age[64] = "";
        if (e[i].has_published)
            layout_format_age(e[i].published_unix, meta->now_unix, meta->utc_offset_s, age,
                              sizeof age);
        rows[i].source = layout_text_prepare(m, FACE_BODY_BOLD, e[i].source, true, false, 200);
        rows[i].age = layout_text_prepare(m, FACE_BODY, age, false, false, 64);
        rows[i].headline = layout_text_prepare(m, FACE_HEADLINE, e[i].headline, false, true, 600);
    }
    /* as many rows as fit with two lines of headline at the smallest size; all rows the
     * same height, so the eye runs down a regular column */
    size_t shown = k;
    int per_col = 0, row_h = 0, head_h = 0;
    for (; shown > 0; shown--) {
        per_col = (int)((shown + (size_t)g.cols - 1) / (size_t)g.cols);
        row_h = (g.h - (per_col - 1) * g.gap_y) / per_col;
        head_h = row_h - line_h(m, FACE_BODY, meta_px) - meta_gap;
        struct block_style st = head_style(head_min, head_min, "");
        if (head_h >= layout_block_height(m, &st, head_min, 2) ||
            (shown <= LAYOUT_DIGEST_MIN_ROWS && head_h >= layout_block_height(m, &st, head_min, 1)))
            break;
    }
    if (shown > 0) {
        int col_w = (g.w - (g.cols - 1) * g.gap_x) / g.cols;
        int px = common_px(m, rows, shown, head_min, head_max, col_w, head_h);
        /* rows set smaller than the room they have sit closer together */
        struct block_style st = head_style(px, px, "");
        int used = line_h(m, FACE_BODY, meta_px) + meta_gap + layout_block_height(m, &st, px, 2);
        if (used < row_h)
            row_h = used;
        for (size_t i = 0; i < shown; i++) {
            int col = (int)(i / (size_t)per_col), r = (int)(i % (size_t)per_col);
            struct dl_rect box = { g.x + col * (col_w + g.gap_x), g.y + r * (row_h + g.gap_y),
                                   col_w, row_h };
            place_row(out, m, t, &rows[i], box, meta_px, px, meta_gap);
        }
    }
#undef DU
    for (size_t i = 0; i < k; i++) {
        free(rows[i].source);
        free(rows[i].age);
        free(rows[i].headline);
    }
    *rows_shown = shown;
    return NR_OK;
}

static bool overlap(struct dl_rect a, struct dl_rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static bool inside(struct dl_rect in, struct dl_rect out)
{
    return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w &&
           in.y + in.h <= out.y + out.h;
}

static bool same(struct dl_rect a, struct dl_rect b)
{
    return a.x == b.x && a.y == b.y && a.w == b.w && a.h == b.h;
}

bool layout_digest_check(const struct display_list *dl, const struct text_measurer *m,
                         struct nr_err *err)
{
    for (size_t i = 0; i < dl->n; i++) {
        const struct dl_item *a = &dl->items[i];
        if (a->kind != DL_TEXT)
            continue;
        if (!inside(a->clip, dl->safe)) {
            nr_fail(err, NR_ERR_INTERNAL, "a digest row at %d,%d %dx%d is outside the safe area",
                    a->clip.x, a->clip.y, a->clip.w, a->clip.h);
            return false;
        }
        if (a->rect.x < a->clip.x || a->rect.x + a->rect.w > a->clip.x + a->clip.w ||
            a->rect.y < a->clip.y || a->rect.y + a->rect.h > a->clip.y + a->clip.h) {
            nr_fail(err, NR_ERR_INTERNAL, "a digest line '%.40s' overflows its row",
                    a->n_runs ? a->runs[0].utf8 : "");
            return false;
        }
        for (size_t k = 0; k < a->n_runs; k++) {
            int tw = 0, th = 0;
            if (m->size(m->ctx, a->face, a->px, a->runs[k].rtl, a->runs[k].utf8, a->runs[k].len,
                        &tw, &th) != 0) {
                nr_fail(err, NR_ERR_INTERNAL, "digest text '%.40s' has a missing glyph",
                        a->runs[k].utf8);
                return false;
            }
        }
        for (size_t j = 0; j < dl->n; j++) {
            const struct dl_item *b = &dl->items[j];
            bool band = b->kind == DL_FILL && b->role == ROLE_TICKER;
            if (j == i || (b->kind != DL_TEXT && !band) || (!band && same(a->clip, b->clip)))
                continue;
            if (overlap(a->clip, band ? b->rect : b->clip)) {
                nr_fail(err, NR_ERR_INTERNAL, "digest rows at %d,%d and %d,%d overlap", a->clip.x,
                        a->clip.y, band ? b->rect.x : b->clip.x, band ? b->rect.y : b->clip.y);
                return false;
            }
        }
    }
    return true;
}
