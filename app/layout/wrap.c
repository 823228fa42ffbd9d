/* wrap.c: line breaking by the Unicode rules (libunibreak), measured through the measurer. */
#include "layout_int.h"

#include "alloc.h"
#include "utf8.h"

#include <linebreak.h>
#include <stdlib.h>
#include <string.h>

#include "banned.h"

/* Strings longer than this are measured in pieces so that a 5000-byte word costs no more
 * than the part of it that can fit. */
#define MEASURE_CHUNK 192

void text_lines_release(struct text_lines *l)
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
    l->v[l->n++] = (struct text_line){ .utf8 = xstrndup(s, len), .len = len, .start = start, .w = w };
}

int measure_w(const struct text_measurer *m, enum face f, int px, bool rtl, const char *s,
              size_t len)
{
    int w = 0, h = 0;
    if (len == 0)
        return 0;
    if (m->size(m->ctx, f, px, rtl, s, len, &w, &h) != 0)
        return w > 0 ? w : (int)(len * (size_t)px / 2);
    return w;
}

int line_pitch(const struct block_style *st, int px)
{
    return (px * st->leading_pct + 50) / 100;
}

int block_height(const struct text_measurer *m, const struct block_style *st, int px, int n)
{
    int asc = 0, desc = 0;
    if (n <= 0)
        return 0;
    m->metrics(m->ctx, st->face, px, &asc, &desc);
    return (n - 1) * line_pitch(st, px) + asc + desc;
}

static bool is_mark(uint32_t cp)
{
    return (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x483 && cp <= 0x489) ||
           (cp >= 0x591 && cp <= 0x5c7) || (cp >= 0x610 && cp <= 0x61a) ||
           (cp >= 0x64b && cp <= 0x65f) || cp == 0x670 || (cp >= 0x6d6 && cp <= 0x6ed) ||
           (cp >= 0x900 && cp <= 0x903) || (cp >= 0x93a && cp <= 0x94f) ||
           (cp >= 0x1ab0 && cp <= 0x1aff) || (cp >= 0x1dc0 && cp <= 0x1dff) ||
           (cp >= 0x20d0 && cp <= 0x20ff) || (cp >= 0xfe00 && cp <= 0xfe0f) ||
           (cp >= 0xfe20 && cp <= 0xfe2f) || (cp >= 0x1f3fb && cp <= 0x1f3ff) ||
           cp == 0x200c || cp == 0x200d || (cp >= 0xe0020 && cp <= 0xe007f) ||
           (cp >= 0x3099 && cp <= 0x309a);
}

/* End of the grapheme-like cluster starting at i: a code point, its marks and joined
 * neighbours (emoji ZWJ sequences). */
static size_t cluster_end(const char *s, size_t len, size_t i)
{
    uint32_t cp;
    bool joiner = false;
    i += nr_utf8_decode(s + i, len - i, &cp);
    while (i < len) {
        size_t n = nr_utf8_decode(s + i, len - i, &cp);
        if (!is_mark(cp) && !joiner)
            break;
        joiner = cp == 0x200d;
        i += n;
    }
    return i;
}

/* Width of s[a..b), measured in pieces when long; stops early once over limit. */
static int width_capped(const struct text_measurer *m, const struct block_style *st, int px,
                        const char *s, size_t a, size_t b, int limit)
{
    if (b - a <= MEASURE_CHUNK)
        return measure_w(m, st->face, px, st->rtl, s + a, b - a);
    int w = 0;
    while (a < b && w <= limit) {
        size_t e = a;
        while (e < b && e - a < MEASURE_CHUNK)
            e = cluster_end(s, b, e);
        w += measure_w(m, st->face, px, st->rtl, s + a, e - a);
        a = e;
    }
    return w;
}

/* Longest cluster-aligned end e > a (at least one cluster) with s[a..e) no wider than max_w. */
static size_t fill_clusters(const struct text_measurer *m, const struct block_style *st, int px,
                            const char *s, size_t a, size_t b, int max_w)
{
    size_t e = cluster_end(s, b, a);
    int w = measure_w(m, st->face, px, st->rtl, s + a, e - a);
    while (e < b) {
        size_t n = cluster_end(s, b, e);
        int cw = measure_w(m, st->face, px, st->rtl, s + e, n - e);
        if (w + cw > max_w)
            break;
        w += cw;
        e = n;
    }
    /* the sum of pieces can differ from the whole by kerning: trust the whole */
    while (e > a && measure_w(m, st->face, px, st->rtl, s + a, e - a) > max_w) {
        size_t prev = a, q = a;
        while ((q = cluster_end(s, b, q)) < e)
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

static void init_once(void)
{
    static bool done;
    if (!done) {
        init_linebreak();
        done = true;
    }
}

void breaks_init(struct breaks *b, const char *text)
{
    init_once();
    b->text = text;
    b->len = strlen(text);
    b->brk = xmalloc(b->len + 1);
    b->next = xmalloc((b->len + 1) * sizeof *b->next);
    if (b->len)
        set_linebreaks_utf8((const utf8_t *)text, b->len, NULL, b->brk);
    b->next[b->len] = b->len;
    for (size_t i = b->len; i-- > 0;)
        b->next[i] = (b->brk[i] == LINEBREAK_ALLOWBREAK || b->brk[i] == LINEBREAK_MUSTBREAK)
                         ? i
                         : b->next[i + 1];
}

void breaks_release(struct breaks *b)
{
    free(b->brk);
    free(b->next);
    memset(b, 0, sizeof *b);
}

/* End of the segment starting at p: just after the next break opportunity. */
static size_t seg_end(const struct breaks *b, size_t p)
{
    size_t q = b->next[p];
    return q < b->len ? q + 1 : b->len;
}

void wrap_text(const struct text_measurer *m, const struct block_style *st, int px,
               const char *text, int max_w, int max_lines, struct text_lines *out)
{
    size_t len = strlen(text), pos = 0;
    struct breaks own = { 0 };
    const struct breaks *b = st->brk;
    size_t *ends = NULL, n_ends = 0, cap_ends = 0;
    int space_w;

    memset(out, 0, sizeof *out);
    if (len == 0)
        return;
    if (!b || b->text != text) {
        breaks_init(&own, text);
        b = &own;
    }
    space_w = measure_w(m, st->face, px, st->rtl, " ", 1);

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
            int wseg = width_capped(m, st, px, text, p, q, max_w - w + space_w);
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
                end = fill_clusters(m, st, px, text, pos, trim_end(text, pos, word_end), max_w);
                vis = end;
                out->broke_word = true;
                real = measure_w(m, st->face, px, st->rtl, text + pos, vis - pos);
                break;
            }
            end = ends[n_ends - 1];
            vis = trim_end(text, pos, end);
            real = measure_w(m, st->face, px, st->rtl, text + pos, vis - pos);
            if (real <= max_w)
                break;
            n_ends--;   /* kerning made the whole wider than its parts: one word fewer */
            p = pos;
        }
        lines_push(out, text, pos, vis - pos, real);
        pos = end;
        while (pos < len && text[pos] == ' ')
            pos++;
    }
    free(ends);
    breaks_release(&own);
}
