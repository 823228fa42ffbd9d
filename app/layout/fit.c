/* fit.c: a block set as large as fits its box, lines balanced, ellipsis as the last resort. */
#include "layout_int.h"

#include "alloc.h"
#include "buf.h"

#include <stdlib.h>
#include <string.h>

static const char ELLIPSIS[] = "\xe2\x80\xa6";

/* Lines that fit in max_h at px (0 when not even one does), capped by the style. */
static int lines_allowed(const struct text_measurer *m, const struct block_style *st, int px,
                         int max_h)
{
    int one = layout_block_height(m, st, px, 1), pitch = layout_line_pitch(st, px);
    if (one > max_h || pitch <= 0)
        return 0;
    int n = 1 + (max_h - one) / pitch;
    if (st->max_lines > 0 && n > st->max_lines)
        n = st->max_lines;
    return n;
}

/* The narrowest width that keeps the same number of lines: even lines, no lone last word. */
static void balance(const struct text_measurer *m, const struct block_style *st, int px,
                    const char *text, int max_w, struct text_lines *lines)
{
    size_t n = lines->n;
    int lo = max_w / 3, hi = max_w;
    if (n < 2)
        return;
    while (hi - lo > 2) {
        int mid = lo + (hi - lo) / 2;
        struct text_lines t;
        layout_wrap_text(m, st, px, text, mid, (int)n, &t);
        bool ok = !t.overflow && !t.broke_word;
        layout_text_lines_release(&t);
        if (ok)
            hi = mid;
        else
            lo = mid;
    }
    /* of the measures from there to the full box, the one whose lines are most even (a
     * narrow measure can leave one short line in the middle) */
    int best_w = -1, best_spread = 0;
    for (int k = 0; k <= 12; k++) {
        int w = hi + (max_w - hi) * k / 12;
        struct text_lines t;
        layout_wrap_text(m, st, px, text, w, (int)n, &t);
        if (!t.overflow && !t.broke_word && t.n == n) {
            int lo_w = t.v[0].w, hi_w = t.v[0].w;
            for (size_t i = 1; i < t.n; i++) {
                lo_w = t.v[i].w < lo_w ? t.v[i].w : lo_w;
                hi_w = t.v[i].w > hi_w ? t.v[i].w : hi_w;
            }
            if (best_w < 0 || hi_w - lo_w < best_spread) {
                best_w = w;
                best_spread = hi_w - lo_w;
            }
        }
        layout_text_lines_release(&t);
    }
    if (best_w > 0 && best_w < max_w) {
        struct text_lines t;
        layout_wrap_text(m, st, px, text, best_w, (int)n, &t);
        layout_text_lines_release(lines);
        *lines = t;
    }
}

static bool has_widow(const struct text_lines *l)
{
    return l->n >= 2 && !strchr(l->v[l->n - 1].utf8, ' ');
}

/* The widest measure at px, down to half the box, whose lines fit and end on two words. */
static bool widow_free_width(const struct text_measurer *m, const struct block_style *st, int px,
                             const char *text, int max_w, int max_h, struct text_lines *out)
{
    int n = lines_allowed(m, st, px, max_h), step = max_w / 50 > 0 ? max_w / 50 : 1;
    for (int w = max_w; n > 0 && w >= max_w / 2; w -= step) {
        struct text_lines t;
        layout_wrap_text(m, st, px, text, w, n, &t);
        if (!t.overflow && !t.broke_word && !has_widow(&t)) {
            layout_text_lines_release(out);
            *out = t;
            return true;
        }
        layout_text_lines_release(&t);
    }
    return false;
}

static bool is_trailing_punct(char c)
{
    return c == ' ' || c == ',' || c == ';' || c == ':' || c == '-' || c == '.';
}

/* The first n bytes of text and an ellipsis in b, whose cap holds the whole line and the
 * ellipsis; were it ever short, the cut is the ellipsis alone. */
static void set_cut(struct nr_buf *b, const char *text, size_t n)
{
    nr_buf_reset(b);
    if (nr_buf_append(b, text, n) != NR_OK || nr_buf_puts(b, ELLIPSIS) != NR_OK) {
        nr_buf_reset(b);
        if (nr_buf_puts(b, ELLIPSIS) != NR_OK)
            nr_buf_reset(b);
    }
}

char *layout_ellipsize_line(const struct text_measurer *m, enum face f, int px, bool rtl,
                            const char *text, size_t len, int max_w)
{
    struct nr_buf b;
    size_t best = 0;
    struct breaks br = { 0 };
    char *own = xstrndup(text, len);
    nr_buf_init(&b, len + sizeof ELLIPSIS); /* the whole line and the ellipsis */
    if (len > 0) {
        layout_breaks_init(&br, own);
        /* longest prefix ending at a break opportunity that still fits with "…" */
        for (size_t i = 1; i < len; i++) {
            if (!(br.at[i] & BRK_LINE))
                continue;
            size_t e = i;
            while (e > 0 && is_trailing_punct(text[e - 1]))
                e--;
            if (e == 0)
                continue;
            set_cut(&b, text, e);
            if (layout_measure_w(m, f, px, rtl, b.data, b.len) > max_w)
                break;
            best = e;
        }
        if (best == 0) {
            /* no word fits: cut between text units (never inside a flag or a letter) */
            for (size_t e = 1; e < len; e++) {
                if (!(br.at[e] & BRK_CLUSTER))
                    continue;
                set_cut(&b, text, e);
                if (layout_measure_w(m, f, px, rtl, b.data, b.len) > max_w)
                    break;
                best = e;
            }
        }
    }
    set_cut(&b, text, best);
    layout_breaks_release(&br);
    free(own);
    return nr_buf_detach(&b);
}

static int fit_block_with(const struct text_measurer *m, const struct block_style *st,
                          const char *text, int max_w, int max_h, struct text_lines *out);

int layout_fit_block(const struct text_measurer *m, const struct block_style *style,
                     const char *text, int max_w, int max_h, struct text_lines *out)
{
    struct breaks b;
    struct block_style st = *style;
    layout_breaks_init(&b, text);
    st.brk = &b;
    int px = fit_block_with(m, &st, text, max_w, max_h, out);
    layout_breaks_release(&b);
    return px;
}

static int fit_block_with(const struct text_measurer *m, const struct block_style *st,
                          const char *text, int max_w, int max_h, struct text_lines *out)
{
    int lo = st->min_px, hi = st->max_px, best = -1;
    memset(out, 0, sizeof *out);
    if (!text[0] || max_w <= 0)
        return st->min_px;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2, n = lines_allowed(m, st, mid, max_h);
        bool ok = false;
        if (n > 0) {
            struct text_lines t;
            layout_wrap_text(m, st, mid, text, max_w, n, &t);
            ok = !t.overflow && !t.broke_word;
            layout_text_lines_release(&t);
        }
        if (ok) {
            best = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    if (best > 0) {
        layout_wrap_text(m, st, best, text, max_w, lines_allowed(m, st, best, max_h), out);
        if (st->balance)
            balance(m, st, best, text, max_w, out);
        /* a lone last word (a widow) is worth a narrower measure or up to a sixth of the
         * size to avoid */
        if (st->balance && has_widow(out) && strchr(text, ' ')) {
            for (int px = best; px >= st->min_px && px * 6 >= best * 5; px--) {
                if (widow_free_width(m, st, px, text, max_w, max_h, out))
                    return px;
            }
        }
        return best;
    }
    /* even the smallest size does not fit: words may break, and the end is cut with "…" */
    int px = st->min_px, n = lines_allowed(m, st, px, max_h);
    while (n < 1 && px > 6) /* a box smaller than one line: smaller than the style wants */
        n = lines_allowed(m, st, --px, max_h);
    if (n < 1)
        return px; /* not even that: the block is left out */
    layout_wrap_text(m, st, px, text, max_w, n, out);
    if (out->overflow && out->n > 0) {
        struct text_line *last = &out->v[out->n - 1];
        const char *rest = text + last->start;
        char *cut = layout_ellipsize_line(m, st->face, px, st->rtl, rest, strlen(rest), max_w);
        free(last->utf8);
        last->utf8 = cut;
        last->len = strlen(cut);
        last->w = layout_measure_w(m, st->face, px, st->rtl, cut, last->len);
        out->ellipsized = true;
        out->overflow = false;
    }
    return px;
}
