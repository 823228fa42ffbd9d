/* feedrules.c: include/exclude words, a feed's own limits and its days and hours. */
#include "feedrules.h"

#include "alloc.h"
#include "strutil.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

/* UTF-16 of utf8 (at most SHOW_RULES_MAX_TEXT bytes of it; bad bytes become U+FFFD), case
 * folded, then decomposed (NFKD: "ﬁ" is "fi", "é" is "e" and a combining accent). New
 * array with *len units; NULL when ICU refuses it. */
static UChar *folded_utf16(const char *utf8, int32_t *len)
{
    size_t n = strlen(utf8);
    if (n > SHOW_RULES_MAX_TEXT)
        n = SHOW_RULES_MAX_TEXT;       /* a cut code point becomes U+FFFD: a word break */
    int32_t cap = (int32_t)n * 3 + 16; /* folding may lengthen (ß: ss), NFKD more */
    UChar *a = xmalloc((size_t)cap * sizeof *a), *b = xmalloc((size_t)cap * sizeof *b);
    UErrorCode st = U_ZERO_ERROR;
    int32_t la = 0, lb = 0;
    u_strFromUTF8WithSub(a, cap, &la, utf8, (int32_t)n, 0xFFFD, NULL, &st);
    if (U_SUCCESS(st))
        lb = u_strFoldCase(b, cap, a, la, U_FOLD_CASE_DEFAULT, &st);
    const UNormalizer2 *nfkd = U_SUCCESS(st) ? unorm2_getNFKDInstance(&st) : NULL;
    if (U_SUCCESS(st) && nfkd)
        la = unorm2_normalize(nfkd, b, lb, a, cap, &st);
    free(b);
    if (U_FAILURE(st) || !nfkd) {
        free(a);
        return NULL;
    }
    *len = la;
    return a;
}

char *show_rules_fold(const char *utf8)
{
    int32_t len = 0;
    UChar *u = utf8 ? folded_utf16(utf8, &len) : NULL;
    char *out = xmalloc((size_t)len * 3 + 3);
    size_t o = 0;
    out[o++] = ' ';
    for (int32_t i = 0; u && i < len;) {
        UChar32 c;
        U16_NEXT(u, i, len, c);
        int8_t type = u_charType(c);
        if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK)
            continue; /* the accent of a letter decomposed above */
        if (u_isalnum(c)) {
            o += nr_utf8_encode((uint32_t)c, out + o);
        } else if (out[o - 1] != ' ') {
            out[o++] = ' ';
        }
    }
    if (out[o - 1] != ' ')
        out[o++] = ' ';
    out[o] = '\0';
    free(u);
    return out;
}

bool show_rules_names(const char *folded_text, const char *phrase)
{
    char *p = show_rules_fold(phrase);
    bool found = strlen(p) > 2 && strstr(folded_text, p) != NULL;
    free(p);
    return found;
}

/* Whether any of the folded texts names any of the words. */
static bool names_any(char *const *folded, size_t n_folded, char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < n_folded; k++)
            if (show_rules_names(folded[k], words[i]))
                return true;
    return false;
}

enum show_rules_reason show_rules_judge(const struct config_feed_rules *r, const struct story *s)
{
    if (!r || (!r->n_include && !r->n_exclude))
        return SHOW_RULES_KEEP;
    /* each field alone, so that a phrase never runs from the headline into the summary */
    char *folded[3] = { show_rules_fold(s->headline), show_rules_fold(s->dek),
                        show_rules_fold(s->categories) };
    enum show_rules_reason why = SHOW_RULES_KEEP;
    if (names_any(folded, 3, r->exclude, r->n_exclude))
        why = SHOW_RULES_EXCLUDED;
    else if (r->n_include && !names_any(folded, 3, r->include, r->n_include))
        why = SHOW_RULES_NOT_INCLUDED;
    for (int k = 0; k < 3; k++)
        free(folded[k]);
    return why;
}

bool show_rules_on_air(const struct config_feed_rules *r, int wday, int minute)
{
    if (!r)
        return true;
    int day = wday;
    if (r->hours_set) {
        bool wraps = r->to_minute < r->from_minute;
        if (!wraps && (minute < r->from_minute || minute >= r->to_minute))
            return false;
        if (wraps && minute < r->from_minute && minute >= r->to_minute)
            return false;
        if (wraps && minute < r->to_minute)
            day = (wday + 6) % 7; /* after midnight: the evening it started on */
    }
    return !r->days || (r->days & (1u << day)) != 0;
}

bool show_rules_on_air_at(const struct config_feed_rules *r, int64_t now_unix)
{
    if (!r || (!r->days && !r->hours_set))
        return true;
    struct tm tm;
    time_t t = (time_t)now_unix;
    if (!localtime_r(&t, &tm))
        return true;
    return show_rules_on_air(r, tm.tm_wday, tm.tm_hour * 60 + tm.tm_min);
}

/* newest first; undated after dated; ties keep the feed's order (as rotation.c) */
static int by_date_desc(const void *pa, const void *pb)
{
    const struct story *a = *(const struct story *const *)pa, *b = *(const struct story *const *)pb;
    if (a->has_published != b->has_published)
        return a->has_published ? -1 : 1;
    if (a->has_published && a->published_unix != b->published_unix)
        return a->published_unix > b->published_unix ? -1 : 1;
    return a < b ? -1 : a > b;
}

size_t show_rules_filter(const struct config_feed_rules *r, struct story_list *l, int64_t now_unix,
                         struct show_rules_counts *counts)
{
    memset(counts, 0, sizeof *counts);
    if (!r || !l->n)
        return 0;
    enum show_rules_reason *why = xcalloc(l->n, sizeof *why);
    bool on_air = show_rules_on_air_at(r, now_unix);
    size_t kept = 0;
    for (size_t i = 0; i < l->n; i++) {
        const struct story *s = &l->items[i];
        if (!on_air)
            why[i] = SHOW_RULES_OFF_AIR;
        else if ((why[i] = show_rules_judge(r, s)) != SHOW_RULES_KEEP)
            ;
        else if (r->max_age_hours > 0 && s->has_published &&
                 now_unix - s->published_unix > (int64_t)r->max_age_hours * 3600)
            why[i] = SHOW_RULES_TOO_OLD;
        else
            kept++;
    }
    if (r->max_stories > 0 && kept > (size_t)r->max_stories) {
        /* the newest max_stories stay */
        const struct story **order = xcalloc(kept, sizeof *order);
        size_t k = 0;
        for (size_t i = 0; i < l->n; i++)
            if (why[i] == SHOW_RULES_KEEP)
                order[k++] = &l->items[i];
        qsort(order, k, sizeof *order, by_date_desc);
        for (size_t j = (size_t)r->max_stories; j < k; j++)
            why[order[j] - l->items] = SHOW_RULES_OVER_MAX;
        free(order);
    }
    size_t o = 0, gone = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (why[i] == SHOW_RULES_KEEP) {
            l->items[o++] = l->items[i];
        } else {
            counts->n[why[i]]++;
            story_release(&l->items[i]);
            gone++;
        }
    }
    l->n = o;
    free(why);
    return gone;
}

void show_rules_describe(const struct show_rules_counts *c, char *out, size_t cap)
{
    static const char *const by[SHOW_RULES_REASONS] = { [SHOW_RULES_EXCLUDED] = "exclude",
                                                        [SHOW_RULES_NOT_INCLUDED] = "include",
                                                        [SHOW_RULES_TOO_OLD] = "max_age_hours",
                                                        [SHOW_RULES_OVER_MAX] = "max_stories",
                                                        [SHOW_RULES_OFF_AIR] =
                                                            "its days or hours" };
    size_t o = 0;
    out[0] = '\0';
    for (int k = SHOW_RULES_EXCLUDED; k < SHOW_RULES_REASONS && o < cap; k++) {
        if (!c->n[k])
            continue;
        if (o == 0)
            o += (size_t)snprintf(out + o, cap - o, "%zu stor%s left out by %s", c->n[k],
                                  c->n[k] == 1 ? "y" : "ies", by[k]);
        else
            o += (size_t)snprintf(out + o, cap - o, ", %zu by %s", c->n[k], by[k]);
    }
}

void show_rules_dress(const struct config_feed_rules *r, struct story *s)
{
    if (!r || !r->label)
        return;
    free(s->source);
    s->source = xstrdup(r->label);
}
