/* line.c: one line of text laid out on its own, for a label painted over a finished slide. */
#include "layout_int.h"

#include <stdlib.h>
#include <string.h>

void layout_line(const struct text_measurer *m, enum face f, int px, struct rgba color,
                 const char *utf8, struct dl_item *out)
{
    int asc = 0, desc = 0;
    memset(out, 0, sizeof *out);
    m->metrics(m->ctx, f, px, &asc, &desc);
    out->kind = DL_TEXT;
    out->face = f;
    out->px = px;
    out->color = color;
    out->ascent = asc;
    out->baseline = asc;
    /* the text's own direction: an Arabic badge reads from the right, digits and all */
    int w = layout_bidi_runs(m, f, px, layout_bidi_is_rtl(utf8), NULL, 0, utf8, strlen(utf8), out);
    out->rect = (struct dl_rect){ 0, 0, w, asc + desc };
    out->clip = out->rect;
}

void layout_line_release(struct dl_item *it)
{
    if (!it)
        return;
    for (size_t k = 0; k < it->n_runs; k++)
        free(it->runs[k].utf8);
    free(it->runs);
    memset(it, 0, sizeof *it);
}
