/* check.c: the promises a display list keeps, checked (tests and debug builds). */
#include "layout_int.h"

static const char *const role_names[ROLE_COUNT] = {
    "background", "photo",   "scrim",  "kicker", "headline", "dek", "quote mark", "quote",
    "speaker",    "caption", "credit", "footer", "progress", "qr",  "ticker",     "digest",
};

static bool overlap(struct dl_rect a, struct dl_rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static bool inside(struct dl_rect in, struct dl_rect out)
{
    return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w &&
           in.y + in.h <= out.y + out.h;
}

bool layout_check(const struct display_list *dl, const struct text_measurer *m, struct nr_err *err)
{
    struct dl_rect boxes[ROLE_COUNT + 1];
    int roles[ROLE_COUNT + 1], n = 0;
    for (int r = 0; r < ROLE_COUNT; r++) {
        if (!dl->blocks[r].present)
            continue;
        boxes[n] = dl->blocks[r].box;
        roles[n++] = r;
    }
    for (size_t i = 0; i < dl->n; i++) {
        if (dl->items[i].kind == DL_QR) {
            boxes[n] = dl->items[i].rect;
            roles[n++] = ROLE_QR;
            break;
        }
    }
    for (int i = 0; i < n; i++) {
        struct dl_rect b = boxes[i];
        if (b.w < 0 || b.h < 0 || !inside(b, dl->safe)) {
            nr_fail(err, NR_ERR_INTERNAL, "'%s' box %d,%d %dx%d is outside the safe area",
                    role_names[roles[i]], b.x, b.y, b.w, b.h);
            return false;
        }
        for (int j = i + 1; j < n; j++) {
            if (overlap(b, boxes[j])) {
                nr_fail(err, NR_ERR_INTERNAL, "'%s' overlaps '%s'", role_names[roles[i]],
                        role_names[roles[j]]);
                return false;
            }
        }
    }
    for (size_t i = 0; i < dl->n; i++) {
        const struct dl_item *it = &dl->items[i];
        if (it->kind != DL_TEXT)
            continue;
        if (it->rect.x < it->clip.x || it->rect.x + it->rect.w > it->clip.x + it->clip.w) {
            nr_fail(err, NR_ERR_INTERNAL, "a '%s' line %d px wide is wider than its box (%d px)",
                    role_names[it->role], it->rect.w, it->clip.w);
            return false;
        }
        for (size_t k = 0; k < it->n_runs; k++) {
            int w = 0, h = 0;
            if (m->size(m->ctx, it->face, it->px, it->runs[k].rtl, it->runs[k].utf8,
                        it->runs[k].len, &w, &h) != 0) {
                nr_fail(err, NR_ERR_INTERNAL, "'%s' text '%.40s' has a missing glyph",
                        role_names[it->role], it->runs[k].utf8);
                return false;
            }
        }
    }
    return true;
}
