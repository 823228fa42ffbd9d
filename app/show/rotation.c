/* rotation.c: order of the slides and how long each stays. */
#include "rotation.h"

#include "alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct ranked {
    const struct story *s;
    size_t index;
};

/* newest first; undated after dated; ties and undated keep the feed's order */
static int by_date_desc(const void *pa, const void *pb)
{
    const struct ranked *a = pa, *b = pb;
    if (a->s->has_published != b->s->has_published)
        return a->s->has_published ? -1 : 1;
    if (a->s->has_published && a->s->published_unix != b->s->published_unix)
        return a->s->published_unix > b->s->published_unix ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* True when s repeats a story already in out: the same id, or the same story from another
 * feed (story_is_duplicate: same guid, or same link and headline). */
static bool already_shown(const struct rot_entry *out, size_t n, const struct story_list *feeds,
                          const struct story *s)
{
    if (s->id && show_rotation_find(out, n, feeds, s->id) < n)
        return true;
    for (size_t i = 0; i < n; i++)
        if (story_is_duplicate(&feeds[out[i].feed].items[out[i].story], s))
            return true;
    return false;
}

size_t show_rotation_build(const struct story_list *feeds, size_t n_feeds,
                           const struct rotation_params *p, int64_t now_unix, struct rot_entry *out,
                           size_t out_cap)
{
    size_t limit = p->max_stories < out_cap ? p->max_stories : out_cap;
    size_t nf = n_feeds ? n_feeds : 1;
    struct ranked **per_feed = xcalloc(nf, sizeof *per_feed);
    size_t *count = xcalloc(nf, sizeof *count);
    size_t *next = xcalloc(nf, sizeof *next);
    size_t *taken = xcalloc(nf, sizeof *taken);
    int64_t *credit = xcalloc(nf, sizeof *credit);
    size_t n = 0;

    for (size_t f = 0; f < n_feeds; f++) {
        const struct story_list *l = &feeds[f];
        const struct rotation_feed *rf = p->feeds ? &p->feeds[f] : NULL;
        int64_t max_age_s = rf && rf->max_age_s > 0 ? rf->max_age_s : p->max_age_s;
        per_feed[f] = xcalloc(l->n ? l->n : 1, sizeof **per_feed);
        for (size_t i = 0; i < l->n && !(rf && rf->off); i++) {
            const struct story *s = &l->items[i];
            if (rf && rf->skip && rf->skip[i])
                continue;
            if (max_age_s > 0 && s->has_published && now_unix - s->published_unix > max_age_s)
                continue;
            per_feed[f][count[f]++] = (struct ranked){ .s = s, .index = i };
        }
        qsort(per_feed[f], count[f], sizeof **per_feed, by_date_desc);
    }
    /* Smooth weighted round robin (nginx's): each turn every feed with stories left earns its
     * weight, the richest gives the slide and pays the turn's total. Equal weights take one
     * story from each feed in turn, so that a busy feed cannot crowd out a quiet one. */
    while (n < limit) {
        size_t best = SIZE_MAX;
        int64_t total = 0;
        for (size_t f = 0; f < n_feeds; f++) {
            const struct rotation_feed *rf = p->feeds ? &p->feeds[f] : NULL;
            if (next[f] >= count[f] || (rf && rf->max_stories && taken[f] >= rf->max_stories))
                continue;
            int w = rf && rf->weight > 0 ? rf->weight : 1;
            credit[f] += w;
            total += w;
            if (best == SIZE_MAX || credit[f] > credit[best])
                best = f;
        }
        if (best == SIZE_MAX)
            break;
        credit[best] -= total;
        while (next[best] < count[best]) {
            const struct ranked *r = &per_feed[best][next[best]++];
            if (already_shown(out, n, feeds, r->s))
                continue;
            out[n++] = (struct rot_entry){ .feed = best, .story = r->index };
            taken[best]++;
            break;
        }
    }
    for (size_t f = 0; f < n_feeds; f++)
        free(per_feed[f]);
    free(per_feed);
    free(count);
    free(next);
    free(taken);
    free(credit);
    return n;
}

size_t show_rotation_find(const struct rot_entry *order, size_t n, const struct story_list *feeds,
                          const char *id)
{
    if (!id)
        return n;
    for (size_t i = 0; i < n; i++) {
        const struct story *s = &feeds[order[i].feed].items[order[i].story];
        if (s->id && strcmp(s->id, id) == 0)
            return i;
    }
    return n;
}

bool show_rotation_is_breaking(const struct story *s, int64_t now_unix, int64_t breaking_s)
{
    if (breaking_s <= 0 || !s->has_published)
        return false;
    int64_t age = now_unix - s->published_unix;
    return age <= breaking_s && age >= -60;
}

static size_t count_words(const char *t)
{
    size_t words = 0;
    bool in_word = false;
    for (; t && *t; t++) {
        bool space = *t == ' ' || *t == '\n' || *t == '\t';
        if (!space && !in_word)
            words++;
        in_word = !space;
    }
    return words;
}

int64_t show_rotation_dwell_ms(const struct story *s, int min_s, int max_s, int wpm)
{
    size_t words = count_words(s->headline) + count_words(s->dek) + count_words(s->quote) +
                   count_words(s->speaker) + count_words(s->caption);
    int64_t ms = (int64_t)words * 60000 / (wpm > 0 ? wpm : 200) + 2000;
    if (ms < (int64_t)min_s * 1000)
        ms = (int64_t)min_s * 1000;
    if (ms > (int64_t)max_s * 1000)
        ms = (int64_t)max_s * 1000;
    return ms;
}
