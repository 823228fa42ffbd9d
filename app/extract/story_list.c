/* story_list.c: a growable list of stories, and dropping the repeats in it. */
#include "story.h"

#include "alloc.h"

#include <stdlib.h>
#include <string.h>

#include "banned.h"

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

size_t story_list_dedup(struct story_list *l)
{
    size_t kept = 0, dropped = 0;
    for (size_t i = 0; i < l->n; i++) {
        bool dup = false;
        for (size_t j = 0; j < kept && !dup; j++)
            dup = story_is_duplicate(&l->items[j], &l->items[i]);
        if (dup) {
            story_release(&l->items[i]);
            dropped++;
        } else {
            l->items[kept++] = l->items[i];
        }
    }
    l->n = kept;
    return dropped;
}
