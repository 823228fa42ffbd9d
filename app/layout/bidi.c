/* bidi.c: paragraph direction and visual order of directional runs (FriBidi, UAX #9). */
#include "layout_int.h"

#include "alloc.h"
#include "utf8.h"

#include <fribidi.h>
#include <stdlib.h>
#include <string.h>

#include "banned.h"

/* Code points of s with the byte offset each starts at (offs has n + 1 entries). */
static size_t decode_all(const char *s, size_t len, FriBidiChar **cps, size_t **offs)
{
    size_t n = 0;
    *cps = xmalloc((len + 1) * sizeof **cps);
    *offs = xmalloc((len + 1) * sizeof **offs);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        (*offs)[n] = i;
        i += nr_utf8_decode(s + i, len - i, &cp);
        (*cps)[n++] = cp;
    }
    (*offs)[n] = len;
    return n;
}

bool bidi_is_rtl(const char *text)
{
    FriBidiChar *cps;
    size_t *offs, n = decode_all(text, strlen(text), &cps, &offs);
    FriBidiCharType *types = xmalloc((n + 1) * sizeof *types);
    fribidi_get_bidi_types(cps, (FriBidiStrIndex)n, types);
    bool rtl = fribidi_get_par_direction(types, (FriBidiStrIndex)n) == FRIBIDI_PAR_RTL;
    free(types);
    free(cps);
    free(offs);
    return rtl;
}

struct run_span {
    size_t a, b;            /* code point range */
    FriBidiLevel level;
};

int bidi_runs(const struct text_measurer *m, enum face f, int px, bool par_rtl,
              const char *line, size_t len, struct dl_item *item)
{
    FriBidiChar *cps;
    size_t *offs, n = decode_all(line, len, &cps, &offs);
    FriBidiCharType *types = xmalloc((n + 1) * sizeof *types);
    FriBidiBracketType *brackets = xmalloc((n + 1) * sizeof *brackets);
    FriBidiLevel *levels = xmalloc((n + 1) * sizeof *levels);
    FriBidiParType base = par_rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
    struct run_span *spans = xmalloc((n + 1) * sizeof *spans);
    size_t n_spans = 0;
    int total = 0;

    fribidi_get_bidi_types(cps, (FriBidiStrIndex)n, types);
    fribidi_get_bracket_types(cps, (FriBidiStrIndex)n, types, brackets);
    if (n == 0 || !fribidi_get_par_embedding_levels_ex(types, brackets, (FriBidiStrIndex)n,
                                                       &base, levels)) {
        for (size_t i = 0; i < n; i++)
            levels[i] = par_rtl ? 1 : 0;
    }
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && levels[j] == levels[i])
            j++;
        spans[n_spans++] = (struct run_span){ i, j, levels[i] };
        i = j;
    }
    /* rule L2: from the highest level down to the lowest odd one, reverse every sequence
     * of runs at that level or higher */
    int hi = 0, lo_odd = 255;   /* levels are at most 125 (UAX #9) */
    for (size_t i = 0; i < n_spans; i++) {
        if (spans[i].level > hi)
            hi = spans[i].level;
        if ((spans[i].level & 1) && spans[i].level < lo_odd)
            lo_odd = spans[i].level;
    }
    for (int lv = hi; lv >= lo_odd && lv > 0; lv--) {
        for (size_t i = 0; i < n_spans;) {
            if (spans[i].level < lv) {
                i++;
                continue;
            }
            size_t j = i;
            while (j < n_spans && spans[j].level >= lv)
                j++;
            for (size_t a = i, b = j - 1; a < b; a++, b--) {
                struct run_span t = spans[a];
                spans[a] = spans[b];
                spans[b] = t;
            }
            i = j;
        }
    }
    item->runs = xcalloc(n_spans ? n_spans : 1, sizeof *item->runs);
    item->n_runs = n_spans;
    for (size_t i = 0; i < n_spans; i++) {
        struct dl_run *r = &item->runs[i];
        size_t a = offs[spans[i].a], b = offs[spans[i].b];
        r->utf8 = xstrndup(line + a, b - a);
        r->len = b - a;
        r->rtl = spans[i].level & 1;
        r->x_off = total;
        r->w = measure_w(m, f, px, r->rtl, r->utf8, r->len);
        total += r->w;
    }
    free(spans);
    free(levels);
    free(brackets);
    free(types);
    free(cps);
    free(offs);
    return total;
}
