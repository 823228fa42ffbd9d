/* wrap.c: lines filled break by break (see breaks.c), measured through the measurer. */
#include "layout_int.h"

#include "alloc.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

/* Strings longer than this are measured in pieces so that a 5000-byte word costs no more
 * than the part of it that can fit. */
#define MEASURE_CHUNK 192

void layout_text_lines_release(struct text_lines *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i].utf8);
    free(l->v);
    memset(l, 0, sizeof *l);
}

static void lines_push(struct text_lines *l, const char *text, size_t start, size_t len, int w)
{
    const char *s = text + start;
    xgrow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v);
    l->v[l->n++] =
        (struct text_line){ .utf8 = xstrndup(s, len), .len = len, .start = start, .w = w };
}

int layout_measure_w(const struct text_measurer *m, enum face f, int px, bool rtl, const char *s,
                     size_t len)
{
    int w = 0, h = 0;
    if (len == 0)
        return 0;
    if (m->size(m->ctx, f, px, rtl, s, len, &w, &h) != 0)
        return w > 0 ? w : (int)(len * (size_t)px / 2);
    return w;
}

int layout_line_pitch(const struct block_style *st, int px)
{
    return (px * st->leading_pct + 50) / 100;
}

int layout_block_height(const struct text_measurer *m, const struct block_style *st, int px, int n)
{
    int asc = 0, desc = 0;
    if (n <= 0)
        return 0;
    m->metrics(m->ctx, st->face, px, &asc, &desc);
    return (n - 1) * layout_line_pitch(st, px) + asc + desc;
}

/* End of the text unit starting at i, no further than end. */
static size_t cluster_end(const struct breaks *br, size_t end, size_t i)
{
    size_t e = layout_breaks_cluster_end(br, i);
    return e < end ? e : end;
}

/* Width of s[a..b), measured in pieces when long; stops early once over limit. */
static int width_capped(const struct text_measurer *m, const struct block_style *st,
                        const struct breaks *br, int px, const char *s, size_t a, size_t b,
                        int limit)
{
    if (b - a <= MEASURE_CHUNK)
        return layout_measure_w(m, st->face, px, st->rtl, s + a, b - a);
    int w = 0;
    while (a < b && w <= limit) {
        size_t e = a;
        while (e < b && e - a < MEASURE_CHUNK)
            e = cluster_end(br, b, e);
        w += layout_measure_w(m, st->face, px, st->rtl, s + a, e - a);
        a = e;
    }
    return w;
}

/* Longest cluster-aligned end e > a (at least one cluster) with s[a..e) no wider than max_w. */
static size_t fill_clusters(const struct text_measurer *m, const struct block_style *st,
                            const struct breaks *br, int px, const char *s, size_t a, size_t b,
                            int max_w)
{
    size_t e = cluster_end(br, b, a);
    int w = layout_measure_w(m, st->face, px, st->rtl, s + a, e - a);
    if (w > max_w) {
        /* one text unit wider than the box (a long emoji sequence in a narrow one): it
         * cannot stay whole anyway, so it is cut between code points */
        uint32_t cp;
        e = a + nr_utf8_decode(s + a, b - a, &cp);
        return e;
    }
    while (e < b) {
        size_t n = cluster_end(br, b, e);
        int cw = layout_measure_w(m, st->face, px, st->rtl, s + e, n - e);
        if (w + cw > max_w)
            break;
        w += cw;
        e = n;
    }
    /* the sum of pieces can differ from the whole by kerning: trust the whole */
    while (e > a && layout_measure_w(m, st->face, px, st->rtl, s + a, e - a) > max_w) {
        size_t prev = a, q = a;
        while ((q = cluster_end(br, b, q)) < e)
            prev = q;
        if (prev == a)
            break;
        e = prev;
    }
    return e;
}

static size_t trim_end(const char *s, size_t a, size_t b)
{
    while (b > a && s[b - 1] == ' ')
        b--;
    return b;
}

/* End of the segment starting at p: the next place a line may start. */
static size_t seg_end(const struct breaks *b, size_t p)
{
    return b->next[p];
}

void layout_wrap_text(const struct text_measurer *m, const struct block_style *st, int px,
                      const char *text, int max_w, int max_lines, struct text_lines *out)
{
    size_t len = strlen(text), pos = 0;
    struct breaks own = { 0 };
    const struct breaks *b = st->brk;
    size_t *ends = NULL, n_ends = 0, cap_ends = 0;
    int space_w;

    memset(out, 0, sizeof *out);
    out->text = text;
    if (len == 0)
        return;
    if (!b || b->text != text) {
        layout_breaks_init(&own, text);
        b = &own;
    }
    space_w = layout_measure_w(m, st->face, px, st->rtl, " ", 1);

    while (pos < len) {
        if (max_lines > 0 && (int)out->n >= max_lines) {
            out->overflow = true;
            break;
        }
        int w = 0;
        size_t p = pos;
        n_ends = 0;
        while (p < len) {
            size_t q = seg_end(b, p);
            size_t qt = trim_end(text, p, q);
            int wseg = width_capped(m, st, b, px, text, p, q, max_w - w + space_w);
            int wvis = wseg - (qt < q ? space_w : 0);
            if (w + wvis > max_w)
                break;
            xgrow((void **)&ends, &cap_ends, n_ends + 1, sizeof *ends);
            ends[n_ends++] = q;
            w += wseg;
            p = q;
        }
        size_t end, vis;
        int real = 0;
        for (;;) {
            if (n_ends == 0) {
                /* one word wider than the box: break it between clusters */
                size_t word_end = seg_end(b, p);
                end = fill_clusters(m, st, b, px, text, pos, trim_end(text, pos, word_end), max_w);
                vis = end;
                out->broke_word = true;
                real = layout_measure_w(m, st->face, px, st->rtl, text + pos, vis - pos);
                break;
            }
            end = ends[n_ends - 1];
            vis = trim_end(text, pos, end);
            real = layout_measure_w(m, st->face, px, st->rtl, text + pos, vis - pos);
            if (real <= max_w)
                break;
            n_ends--; /* kerning made the whole wider than its parts: one word fewer */
            p = pos;
        }
        lines_push(out, text, pos, vis - pos, real);
        pos = end;
        while (pos < len && text[pos] == ' ')
            pos++;
    }
    free(ends);
    layout_breaks_release(&own);
}
