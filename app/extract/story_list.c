/* story_list.c: a growable list of stories, and dropping the repeats in it. */
#include "story.h"

#include "alloc.h"

#include <stdlib.h>
#include <string.h>

void story_list_release(struct story_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++)
        story_release(&l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

void story_list_push(struct story_list *l, struct story *s)
{
    xgrow((void **)&l->items, &l->cap, l->n + 1, sizeof *l->items);
    l->items[l->n++] = *s;
    memset(s, 0, sizeof *s);
}

static void note_repeat(struct dedup_report *r, size_t kept, size_t dropped)
{
    for (size_t i = 0; i < r->n_notes; i++) {
        if (r->notes[i].kept == kept && r->notes[i].dropped == dropped) {
            r->notes[i].count++;
            return;
        }
    }
    if (r->n_notes < DEDUP_MAX_NOTES)
        r->notes[r->n_notes++] =
            (struct dedup_note){ .kept = kept, .dropped = dropped, .count = 1 };
    else
        r->unnoted++;
}

size_t story_list_dedup(struct story_list *l, size_t *origin, struct dedup_report *report)
{
    size_t kept = 0, dropped = 0;
    if (report)
        memset(report, 0, sizeof *report);
    for (size_t i = 0; i < l->n; i++) {
        size_t dup_of = kept;
        for (size_t j = 0; j < kept && dup_of == kept; j++)
            if (story_is_duplicate(&l->items[j], &l->items[i]))
                dup_of = j;
        if (dup_of < kept) {
            if (report)
                note_repeat(report, origin ? origin[dup_of] : 0, origin ? origin[i] : 0);
            story_release(&l->items[i]);
            dropped++;
        } else {
            if (origin)
                origin[kept] = origin[i];
            l->items[kept++] = l->items[i];
        }
    }
    l->n = kept;
    return dropped;
}
