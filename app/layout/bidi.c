/* bidi.c: paragraph direction and visual order of directional runs (FriBidi, UAX #9). */
#include "layout_int.h"

#include "alloc.h"
#include "utf8.h"

#include <fribidi.h>
#include <stdlib.h>
#include <string.h>

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

bool layout_bidi_is_rtl(const char *text)
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

/* Bidi levels of the paragraph s[0..len), code point by code point (rules P2 to I2). */
static FriBidiLevel *para_levels(const FriBidiChar *cps, size_t n, bool par_rtl,
                                 FriBidiCharType **types_out)
{
    FriBidiCharType *types = xmalloc((n + 1) * sizeof *types);
    FriBidiBracketType *brackets = xmalloc((n + 1) * sizeof *brackets);
    FriBidiLevel *levels = xmalloc((n + 1) * sizeof *levels);
    FriBidiParType base = par_rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
    fribidi_get_bidi_types(cps, (FriBidiStrIndex)n, types);
    fribidi_get_bracket_types(cps, (FriBidiStrIndex)n, types, brackets);
    if (n == 0 ||
        !fribidi_get_par_embedding_levels_ex(types, brackets, (FriBidiStrIndex)n, &base, levels)) {
        for (size_t i = 0; i < n; i++)
            levels[i] = par_rtl ? 1 : 0;
    }
    free(brackets);
    *types_out = types;
    return levels;
}

/* Whether every level of a left-to-right paragraph is 0: nothing in it is right-to-left, an
 * Arabic number or a bidi control. Most lines are, and need no resolving. */
static bool plain_ltr(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += nr_utf8_decode(s + i, len - i, &cp);
        FriBidiCharType t = fribidi_get_bidi_type(cp);
        if (FRIBIDI_IS_RTL(t) || t == FRIBIDI_TYPE_AN || FRIBIDI_IS_EXPLICIT(t) ||
            FRIBIDI_IS_ISOLATE(t))
            return false;
    }
    return true;
}

int layout_bidi_runs(const struct text_measurer *m, enum face f, int px, bool par_rtl,
                     const char *para, size_t start, const char *line, size_t len,
                     struct dl_item *item)
{
    FriBidiChar *cps;
    size_t *offs, n, a = 0, b;
    int total = 0;

    /* levels come from the whole paragraph ("2026-ל ₪ 3,500" keeps its order when it wraps);
     * a line that is not a slice of it (one cut with "…") is resolved on its own */
    size_t para_len = para ? strlen(para) : 0;
    if (!para || start > para_len || len > para_len - start ||
        memcmp(para + start, line, len) != 0) {
        para = line;
        para_len = len;
        start = 0;
    }
    if (!par_rtl && plain_ltr(para, para_len)) {
        item->runs = xcalloc(1, sizeof *item->runs);
        item->n_runs = len > 0;
        if (len > 0) {
            item->runs[0] = (struct dl_run){ .utf8 = xstrndup(line, len), .len = len };
            item->runs[0].w = layout_measure_w(m, f, px, false, line, len);
        }
        return item->runs[0].w;
    }
    n = decode_all(para, para_len, &cps, &offs);
    while (a < n && offs[a] < start)
        a++;
    for (b = a; b < n && offs[b] < start + len;)
        b++;
    FriBidiCharType *types;
    FriBidiLevel *levels = para_levels(cps, n, par_rtl, &types);
    FriBidiStrIndex *map = xmalloc((n + 1) * sizeof *map);
    for (size_t i = 0; i < n; i++)
        map[i] = (FriBidiStrIndex)i;
    /* rules L1 and L2 for the line: map[v] is the code point shown at visual position v */
    if (b > a &&
        !fribidi_reorder_line(0, types, (FriBidiStrIndex)(b - a), (FriBidiStrIndex)a,
                              par_rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR, levels, NULL, map)) {
        for (size_t i = a; i < b; i++)
            map[i] = (FriBidiStrIndex)i;
    }
    /* runs: stretches of visual positions at one level over consecutive code points */
    size_t n_runs = 0;
    item->runs = xcalloc(b > a ? b - a : 1, sizeof *item->runs);
    for (size_t v = a; v < b;) {
        size_t lo = (size_t)map[v], hi = lo, w = v + 1;
        bool rtl = levels[lo] & 1;
        while (w < b && levels[map[w]] == levels[lo] && (size_t)map[w] == (rtl ? lo - 1 : hi + 1)) {
            if (rtl)
                lo = (size_t)map[w];
            else
                hi = (size_t)map[w];
            w++;
        }
        struct dl_run *r = &item->runs[n_runs++];
        size_t ba = offs[lo], bb = offs[hi + 1];
        r->utf8 = xstrndup(para + ba, bb - ba);
        r->len = bb - ba;
        r->rtl = rtl;
        r->x_off = total;
        r->w = layout_measure_w(m, f, px, r->rtl, r->utf8, r->len);
        total += r->w;
        v = w;
    }
    item->n_runs = n_runs;
    free(map);
    free(levels);
    free(types);
    free(cps);
    free(offs);
    return total;
}
