/* compose.c: the slide compositions (landscape, portrait, typographic) as a display list. */
#include "layout_int.h"

#include "alloc.h"
#include "buf.h"
#include "strutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QR_MAX_LINK_BYTES 600 /* longer links give QR codes too dense to scan */

static const struct rgba PHOTO_TEXT = { 0xf4, 0xf1, 0xea, 0xff };
static const struct rgba PHOTO_CREDIT = { 0xc9, 0xc6, 0xbf, 0xff };
static const struct rgba SCRIM = { 0x05, 0x06, 0x08, 0xe0 };

struct composer {
    const struct text_measurer *m;
    const struct theme *t;
    struct display_list *dl;
    double u;           /* one percent of the shorter side */
    int pad;            /* margin inside the safe area */
    bool mirror;        /* composed left to right, mirrored at the end (mirror_slide) */
    bool chrome_mirror; /* only the chrome is mirrored at the end (mirror_chrome) */
};

static int U(const struct composer *c, double k, int floor_px)
{
    int v = (int)lround(k * c->u);
    return v < floor_px ? floor_px : v;
}

static struct dl_item *push(struct display_list *dl, enum dl_kind kind, enum dl_role role)
{
    xgrow((void **)&dl->items, &dl->cap, dl->n + 1, sizeof *dl->items);
    struct dl_item *it = &dl->items[dl->n++];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    it->role = role;
    return it;
}

static void add_fill(struct display_list *dl, enum dl_role role, struct dl_rect r,
                     struct rgba color)
{
    struct dl_item *it = push(dl, DL_FILL, role);
    it->rect = r;
    it->color = color;
}

struct dl_item *layout_dl_push(struct display_list *dl, enum dl_kind kind, enum dl_role role)
{
    return push(dl, kind, role);
}

void layout_dl_fill(struct display_list *dl, enum dl_role role, struct dl_rect r, struct rgba color)
{
    add_fill(dl, role, r, color);
}

void display_list_release(struct display_list *dl)
{
    if (!dl)
        return;
    for (size_t i = 0; i < dl->n; i++) {
        for (size_t k = 0; k < dl->items[i].n_runs; k++)
            free(dl->items[i].runs[k].utf8);
        free(dl->items[i].runs);
        free(dl->items[i].qr_text);
    }
    free(dl->items);
    memset(dl, 0, sizeof *dl);
}

/* Adds one line of text at (x, top), the slice of paragraph para at byte start (NULL: a
 * paragraph of its own); returns its width. */
static int add_para_line(struct composer *c, enum dl_role role, enum face f, int px,
                         struct rgba color, const char *para, size_t start, const char *s,
                         size_t len, bool rtl, int x_left, int x_right, int top,
                         struct dl_rect clip)
{
    int asc = 0, desc = 0;
    c->m->metrics(c->m->ctx, f, px, &asc, &desc);
    struct dl_item *it = push(c->dl, DL_TEXT, role);
    int w = layout_bidi_runs(c->m, f, px, rtl, para, start, s, len, it);
    it->face = f;
    it->px = px;
    it->color = color;
    it->ascent = asc;
    it->baseline = top + asc;
    it->rect = (struct dl_rect){ rtl ? x_right - w : x_left, top, w, asc + desc };
    it->clip = clip;
    return w;
}

/* Adds one line of text at (x, top); returns its width. */
static int add_line(struct composer *c, enum dl_role role, enum face f, int px, struct rgba color,
                    const char *s, size_t len, bool rtl, int x_left, int x_right, int top,
                    struct dl_rect clip)
{
    return add_para_line(c, role, f, px, color, NULL, 0, s, len, rtl, x_left, x_right, top, clip);
}

/* Places lines as a block at (x, y) in a column w wide; returns the block's height. */
static int place_block(struct composer *c, enum dl_role role, const struct block_style *st, int px,
                       const struct text_lines *lines, struct rgba color, int x, int y, int w)
{
    int h = layout_block_height(c->m, st, px, (int)lines->n), pitch = layout_line_pitch(st, px);
    struct dl_rect box = { x, y, w, h };
    if (lines->n == 0)
        return 0;
    for (size_t i = 0; i < lines->n; i++)
        add_para_line(c, role, st->face, px, color, lines->text, lines->v[i].start,
                      lines->v[i].utf8, lines->v[i].len, st->rtl, x, x + w, y + (int)i * pitch,
                      box);
    struct dl_block *b = &c->dl->blocks[role];
    b->present = true;
    b->box = box;
    b->px = px;
    b->lines = (int)lines->n;
    b->ellipsized = lines->ellipsized;
    b->rtl = st->rtl;
    return h;
}

/* One line of text cut with "…" when wider than w; returns the block height. */
static int place_single(struct composer *c, enum dl_role role, enum face f, int px,
                        struct rgba color, const char *text, int x, int y, int w)
{
    struct block_style st = { .face = f,
                              .min_px = px,
                              .max_px = px,
                              .max_lines = 1,
                              .leading_pct = 120,
                              .rtl = layout_bidi_is_rtl(text) };
    struct text_lines lines = { 0 };
    int tw = layout_measure_w(c->m, f, px, st.rtl, text, strlen(text));
    xgrow((void **)&lines.v, &lines.cap, 1, sizeof *lines.v);
    lines.n = 1;
    if (tw <= w) {
        lines.v[0] = (struct text_line){ .utf8 = xstrdup(text), .len = strlen(text), .w = tw };
    } else {
        char *cut = layout_ellipsize_line(c->m, f, px, st.rtl, text, strlen(text), w);
        lines.v[0] = (struct text_line){ .utf8 = cut, .len = strlen(cut) };
        lines.ellipsized = true;
    }
    int h = place_block(c, role, &st, px, &lines, color, x, y, w);
    layout_text_lines_release(&lines);
    return h;
}

/* Cover crop of a pw x ph photo for a dw x dh box, kept on the upper centre (faces). */
static struct dl_rect cover_crop(int pw, int ph, int dw, int dh)
{
    double scale = fmax((double)dw / pw, (double)dh / ph);
    int sw = (int)lround(dw / scale), sh = (int)lround(dh / scale);
    if (sw > pw)
        sw = pw;
    if (sh > ph)
        sh = ph;
    /* a sliver of a photo (1 x 60000 px) still crops to at least one pixel */
    if (sw < 1)
        sw = 1;
    if (sh < 1)
        sh = 1;
    return (struct dl_rect){ (pw - sw) / 2, (int)lround((ph - sh) * 0.3), sw, sh };
}

/* Caption and credit at the bottom of the photo area, over a scrim. */
static void compose_caption(struct composer *c, const struct story *s, struct dl_rect photo, int x,
                            int w, int bottom)
{
    char *credit = layout_text_prepare(c->m, FACE_BODY_BOLD, s->credit, true, false, 400);
    char *caption = layout_text_prepare(c->m, FACE_BODY, s->caption, false, true, 1200);
    int credit_px = U(c, 1.7, 11), gap = U(c, 0.9, 4);
    int y = bottom, top = bottom;
    int top_limit = c->dl->safe.y + c->pad / 2; /* overscan can swallow a short photo */

    if (credit[0]) {
        int h = layout_block_height(
            c->m, &(struct block_style){ .face = FACE_BODY_BOLD, .leading_pct = 120 }, credit_px,
            1);
        if (y - h < top_limit)
            credit[0] = caption[0] = '\0';
    }
    if (credit[0]) {
        int h = layout_block_height(
            c->m, &(struct block_style){ .face = FACE_BODY_BOLD, .leading_pct = 120 }, credit_px,
            1);
        y -= h;
        place_single(c, ROLE_CREDIT, FACE_BODY_BOLD, credit_px, PHOTO_CREDIT, credit, x, y, w);
        top = y;
        y -= gap;
    }
    if (caption[0]) {
        struct block_style st = { .face = FACE_BODY,
                                  .min_px = U(c, 1.9, 12),
                                  .max_px = U(c, 2.4, 13),
                                  .max_lines = 3,
                                  .leading_pct = 130,
                                  .balance = false,
                                  .rtl = layout_bidi_is_rtl(caption) };
        struct text_lines lines;
        int max_h = photo.h * 28 / 100;
        if (max_h > y - top_limit)
            max_h = y - top_limit;
        int px = layout_fit_block(c->m, &st, caption, w, max_h, &lines);
        int h = layout_block_height(c->m, &st, px, (int)lines.n);
        y -= h;
        place_block(c, ROLE_CAPTION, &st, px, &lines, PHOTO_TEXT, x, y, w);
        layout_text_lines_release(&lines);
        top = y;
    }
    if (top < bottom) {
        int scrim_top = top - U(c, 14, 40);
        if (scrim_top < photo.y)
            scrim_top = photo.y;
        struct dl_item *it = push(c->dl, DL_SCRIM, ROLE_SCRIM);
        it->rect = (struct dl_rect){ photo.x, scrim_top, photo.w, photo.y + photo.h - scrim_top };
        it->color = SCRIM;
    }
    free(credit);
    free(caption);
}

/* The feed's logo at the start of the kicker line, as tall as the line and never blown up
 * more than 2x, at most a quarter of the column wide; *x and *w are what the text keeps.
 * false when there is none (or no room). */
static bool compose_logo(struct composer *c, const struct slide_meta *meta, int *x, int y, int *w,
                         int line_h)
{
    if (meta->logo_w <= 0 || meta->logo_h <= 0 || line_h <= 0)
        return false;
    int dh = line_h < 2 * meta->logo_h ? line_h : 2 * meta->logo_h;
    int dw = (int)((int64_t)meta->logo_w * dh / meta->logo_h);
    if (dw > *w / 4) {
        dw = *w / 4;
        dh = (int)((int64_t)meta->logo_h * dw / meta->logo_w);
    }
    if (dw < 4 || dh < 4)
        return false;
    struct dl_item *it = push(c->dl, DL_LOGO, ROLE_KICKER);
    it->rect = (struct dl_rect){ *x, y + (line_h - dh) / 2, dw, dh };
    int gap = U(c, 1.0, 6);
    *x += dw + gap;
    *w -= dw + gap;
    return true;
}

static void compose_kicker(struct composer *c, const struct story *s, const struct slide_meta *meta,
                           int x, int y, int w, int px)
{
    int x0 = x, w0 = w; /* the whole line, logo included */
    char age[64] = "";
    char *source = layout_text_prepare(c->m, FACE_BODY_BOLD, s->source, true, false, 200);
    if (s->has_published)
        layout_format_age(s->published_unix, meta->now_unix, meta->utc_offset_s, age, sizeof age);
    int asc = 0, desc = 0;
    c->m->metrics(c->m->ctx, FACE_BODY, px, &asc, &desc);
    bool logo = compose_logo(c, meta, &x, y, &w, asc + desc);
    bool age_rtl = layout_bidi_is_rtl(age); /* in a right-to-left on-screen language */
    int age_w = age[0] ? layout_measure_w(c->m, FACE_BODY, px, age_rtl, age, strlen(age)) : 0;
    int gap = age[0] && source[0] ? U(c, 1.2, 6) : 0;
    int used = 0;
    if (source[0]) {
        int avail = w - age_w - gap;
        if (avail < w / 3) { /* a long source name keeps a third; the age goes */
            avail = w;
            age[0] = '\0';
            gap = 0;
        }
        place_single(c, ROLE_KICKER, FACE_BODY_BOLD, px, c->t->accent, source, x, y, avail);
        used = c->dl->items[c->dl->n - 1].rect.w + gap;
    }
    if (age[0] && used + age_w > w)
        age[0] = '\0'; /* a column too narrow for the age shows the source alone */
    if (age[0]) {
        struct dl_rect clip = { x, y, w, asc + desc };
        bool rtl = source[0] && c->dl->blocks[ROLE_KICKER].rtl;
        /* source first from the left: the mirror (of the slide or the chrome) puts it right */
        if (rtl && (c->mirror || c->chrome_mirror)) {
            struct dl_item *src = &c->dl->items[c->dl->n - 1];
            src->rect.x = x;
            src->clip = clip;
            add_line(c, ROLE_KICKER, FACE_BODY, px, c->t->muted, age, strlen(age), age_rtl,
                     x + used, x + used + age_w, y, clip);
        } else if (rtl) { /* a right-to-left source reads first from the right: the age follows */
            struct dl_item *src = &c->dl->items[c->dl->n - 1];
            int shift = w - src->rect.w - (src->rect.x - x);
            src->rect.x += shift;
            src->clip = clip;
            add_line(c, ROLE_KICKER, FACE_BODY, px, c->t->muted, age, strlen(age), age_rtl,
                     x + w - used - age_w, x + w - used, y, clip);
        } else {
            add_line(c, ROLE_KICKER, FACE_BODY, px, c->t->muted, age, strlen(age), age_rtl,
                     x + used, x + used + age_w, y, clip);
        }
    }
    struct dl_block *b = &c->dl->blocks[ROLE_KICKER];
    b->present = source[0] || age[0] || logo;
    b->box = (struct dl_rect){ x0, y, w0, asc + desc };
    b->px = px;
    b->lines = 1;
    free(source);
}

/* Footer: "3 / 12 · 14:05", the QR code and the progress bar; returns its top. */
static int compose_footer(struct composer *c, const struct story *s, const struct slide_meta *meta,
                          int x, int w, int top_limit, int bottom)
{
    int bar_h = U(c, 0.4, 2), gap = U(c, 1.8, 8), px = U(c, 2.1, 12);
    int bar_y = bottom - bar_h;
    char label[128] = "", clock[64] = "";
    struct rgba track = c->t->text;
    track.a = 0x30;
    if (meta->count > 0) {
        add_fill(c->dl, ROLE_PROGRESS, (struct dl_rect){ x, bar_y, w, bar_h }, track);
        int fill = (int)((int64_t)w * (meta->index + 1) / meta->count);
        add_fill(c->dl, ROLE_PROGRESS, (struct dl_rect){ x, bar_y, fill, bar_h }, c->t->accent);
        layout_format_count(meta->index + 1, meta->count, label, sizeof label);
    }
    if (c->t->show_clock) {
        layout_format_clock(meta->now_unix, meta->utc_offset_s, clock, sizeof clock);
        size_t n = strlen(label);
        snprintf(label + n, sizeof label - n, "%s%s", n ? "  \xc2\xb7  " : "", clock);
    }
    int qr = U(c, 13, 88);
    bool show_qr = c->t->show_qr && s->link && strlen(s->link) <= QR_MAX_LINK_BYTES &&
                   nr_starts_with_ci(s->link, "http") && w >= qr * 2;
    int row_bottom = bar_y - gap;
    int text_h = layout_block_height(
        c->m, &(struct block_style){ .face = FACE_BODY, .leading_pct = 120 }, px, 1);
    int top = row_bottom - text_h;
    show_qr = show_qr && row_bottom - qr >= top_limit; /* a tiny screen has no room */
    if (top < top_limit) {
        label[0] = '\0';
        top = bar_y;
    }
    if (show_qr) {
        struct dl_item *it = push(c->dl, DL_QR, ROLE_QR);
        it->rect = (struct dl_rect){ x + w - qr, row_bottom - qr, qr, qr };
        it->qr_text = xstrdup(s->link);
        it->color = c->t->background;
        top = row_bottom - qr;
    }
    if (label[0]) {
        int label_w = w - (show_qr ? qr + gap : 0);
        place_single(c, ROLE_FOOTER, FACE_BODY, px, c->t->muted, label, x, row_bottom - text_h,
                     label_w);
        struct dl_block *b = &c->dl->blocks[ROLE_FOOTER];
        b->box.w = c->dl->items[c->dl->n - 1].rect.w;
    }
    if (!label[0] && !show_qr && meta->count <= 0)
        return bottom;
    return top;
}

/* Headline, then the quote with its speaker or the dek, from y down to y_end. */
static int compose_text(struct composer *c, const struct story *s, const char *headline, int x,
                        int y, int w, int y_end, double head_max_u, double quote_max_u)
{
    char *quote = NULL, *speaker = NULL, *dek = NULL;
    int avail = y_end - y;
    int gap = U(c, 3.6, 10);
    struct block_style hs = { .face = FACE_HEADLINE,
                              .min_px = U(c, 3.4, 16),
                              .max_px = U(c, head_max_u, 18),
                              .leading_pct = 108,
                              .balance = true,
                              .rtl = layout_bidi_is_rtl(headline) };
    if (layout_text_stacks_tall(headline))
        hs.leading_pct = TALL_LEADING_PCT;
    struct text_lines qlines = { 0 }, hlines = { 0 };
    int qpx = 0, q_h = 0, sp_h = 0, sp_px = U(c, 2.3, 12), sp_gap = U(c, 1.4, 6);
    bool hang = false;
    struct block_style qs = { .face = FACE_QUOTE,
                              .min_px = U(c, 2.3, 13),
                              .max_px = U(c, quote_max_u, 15),
                              .leading_pct = 132,
                              .balance = true };

    if (!nr_str_empty(s->quote)) {
        struct nr_buf b;
        nr_buf_init(&b, strlen(s->quote) + 8); /* the quote and its two marks */
        /* the opening mark hangs in the margin when the safe area leaves room for it at
         * the largest quote size; else it is set inline */
        int big = qs.max_px * 160 / 100;
        int mark_w = layout_measure_w(c->m, FACE_HEADLINE, big, false, "\xe2\x80\x9c", 3);
        const struct dl_rect *safe = &c->dl->safe;
        hang = x - U(c, 0.5, 2) - mark_w >= safe->x &&
               x + w + U(c, 0.5, 2) + mark_w <= safe->x + safe->w;
        const char *q =
            nr_buf_printf(&b, "%s%s\xe2\x80\x9d", hang ? "" : "\xe2\x80\x9c", s->quote) == NR_OK
                ? b.data
                : s->quote;
        quote = layout_text_prepare(c->m, FACE_QUOTE, q, false, true, 2400);
        nr_buf_release(&b);
        if (!nr_str_empty(s->speaker)) {
            nr_buf_init(&b, strlen(s->speaker) + 8); /* the dash, a space, the name */
            const char *sp =
                nr_buf_printf(&b, "\xe2\x80\x94 %s", s->speaker) == NR_OK ? b.data : s->speaker;
            speaker = layout_text_prepare(c->m, FACE_BODY_BOLD, sp, false, true, 400);
            nr_buf_release(&b);
            sp_h = layout_block_height(
                       c->m, &(struct block_style){ .face = FACE_BODY_BOLD, .leading_pct = 120 },
                       sp_px, 1) +
                   sp_gap;
        }
        qs.rtl = layout_bidi_is_rtl(quote);
        if (layout_text_stacks_tall(quote))
            qs.leading_pct = TALL_LEADING_PCT;
        int q_max = avail * 44 / 100 - sp_h;
        qpx = layout_fit_block(c->m, &qs, quote, w, q_max, &qlines);
        q_h = layout_block_height(c->m, &qs, qpx, (int)qlines.n);
    } else if (!nr_str_empty(s->dek)) {
        dek = layout_text_prepare(c->m, FACE_BODY, s->dek, false, true, 2400);
        qs = (struct block_style){ .face = FACE_BODY,
                                   .min_px = U(c, 2.2, 13),
                                   .max_px = U(c, 3.0, 14),
                                   .leading_pct = 140,
                                   .max_lines = s->message ? 22 : 5,
                                   .rtl = layout_bidi_is_rtl(dek) };
        /* a story's dek is a summary; an announcement's body is what it has to say */
        qpx = layout_fit_block(c->m, &qs, dek, w, avail * (s->message ? 55 : 36) / 100, &qlines);
        q_h = layout_block_height(c->m, &qs, qpx, (int)qlines.n);
    }
    int rest_h = qlines.n ? q_h + sp_h + gap : 0;
    if (qlines.n && avail - rest_h < layout_block_height(c->m, &hs, hs.min_px, 1)) {
        layout_text_lines_release(&qlines); /* too little room: the headline alone */
        rest_h = 0;
    }
    int hpx = layout_fit_block(c->m, &hs, headline, w, avail - rest_h, &hlines);
    y += place_block(c, ROLE_HEADLINE, &hs, hpx, &hlines, c->t->text, x, y, w);
    if (qlines.n) {
        y += gap;
        if (quote && hang) {
            /* the opening mark hangs outside the column so the text keeps its edge */
            int mpx = qpx * 160 / 100, masc = 0, mdesc = 0, qasc = 0, qdesc = 0;
            const char *mark = "\xe2\x80\x9c";
            c->m->metrics(c->m->ctx, FACE_HEADLINE, mpx, &masc, &mdesc);
            c->m->metrics(c->m->ctx, FACE_QUOTE, qpx, &qasc, &qdesc);
            int mw = layout_measure_w(c->m, FACE_HEADLINE, mpx, false, mark, strlen(mark));
            int mgap = U(c, 0.5, 2);
            int mx = qs.rtl ? x + w + mgap : x - mgap - mw;
            int mtop = y + qasc - masc + (mpx - qpx) * 70 / 100;
            struct dl_rect clip = { mx, mtop, mw, masc + mdesc };
            add_line(c, ROLE_QUOTE_MARK, FACE_HEADLINE, mpx, c->t->accent, mark, strlen(mark),
                     false, mx, mx + mw, mtop, clip);
            c->dl->blocks[ROLE_QUOTE_MARK] =
                (struct dl_block){ .present = true, .box = clip, .px = mpx, .lines = 1 };
        }
        if (quote) {
            y += place_block(c, ROLE_QUOTE, &qs, qpx, &qlines, c->t->text, x, y, w);
            if (speaker) {
                y += sp_gap;
                y += place_single(c, ROLE_SPEAKER, FACE_BODY_BOLD, sp_px, c->t->muted, speaker, x,
                                  y, w);
            }
        } else {
            y += place_block(c, ROLE_DEK, &qs, qpx, &qlines, c->t->muted, x, y, w);
        }
    }
    layout_text_lines_release(&qlines);
    layout_text_lines_release(&hlines);
    free(quote);
    free(speaker);
    free(dek);
    return y;
}

static void mirror_rect(struct dl_rect *r, int w)
{
    r->x = w - r->x - r->w;
}

/* The slide's mirror image for a right-to-left story, w px wide. Photo, scrim, QR code,
 * progress bar, kicker and footer label change sides; speaker and credit are set flush
 * right. Text blocks move to the mirrored column but keep their alignment inside it (a
 * right-to-left headline stays flush right, an English dek flush left), and the quote
 * mark moves with its quote. The photo itself is not flipped. */
static void mirror_slide(struct display_list *dl, int w)
{
    struct dl_rect quote = dl->blocks[ROLE_QUOTE].box;
    for (size_t i = 0; i < dl->n; i++) {
        struct dl_item *it = &dl->items[i];
        switch (it->role) {
        case ROLE_HEADLINE:
        case ROLE_DEK:
        case ROLE_QUOTE:
        case ROLE_CAPTION: {
            int dx = w - 2 * it->clip.x - it->clip.w; /* the column's move */
            it->rect.x += dx;
            it->clip.x += dx;
            break;
        }
        case ROLE_SPEAKER:
        case ROLE_CREDIT: /* one line, set from the right like the kicker */
            mirror_rect(&it->clip, w);
            it->rect.x = it->clip.x + it->clip.w - it->rect.w;
            break;
        case ROLE_QUOTE_MARK: {
            int dx = w - 2 * quote.x - quote.w;
            it->rect.x += dx;
            it->clip.x += dx;
            break;
        }
        default:
            mirror_rect(&it->rect, w);
            if (it->kind == DL_TEXT)
                mirror_rect(&it->clip, w);
            break;
        }
    }
    for (int r = 0; r < ROLE_COUNT; r++) {
        struct dl_block *b = &dl->blocks[r];
        if (!b->present)
            continue;
        if (r == ROLE_QUOTE_MARK)
            b->box.x += w - 2 * quote.x - quote.w;
        else
            mirror_rect(&b->box, w);
    }
    dl->mirrored = true;
}

static void mirror_in(struct dl_rect *r, int x0, int x1)
{
    r->x = x0 + x1 - r->x - r->w;
}

/* The chrome's mirror image inside the text column [x0, x1) for a right-to-left on-screen
 * language over a left-to-right story: kicker, footer label, QR code and progress bar change
 * sides; the story's own text and photo stay, and each line keeps its direction. */
static void mirror_chrome(struct display_list *dl, int x0, int x1)
{
    static const enum dl_role chrome[] = { ROLE_KICKER, ROLE_FOOTER, ROLE_PROGRESS, ROLE_QR };
    for (size_t i = 0; i < dl->n; i++) {
        struct dl_item *it = &dl->items[i];
        for (size_t k = 0; k < sizeof chrome / sizeof chrome[0]; k++) {
            if (it->role != chrome[k])
                continue;
            mirror_in(&it->rect, x0, x1);
            if (it->kind == DL_TEXT)
                mirror_in(&it->clip, x0, x1);
        }
    }
    for (size_t k = 0; k < sizeof chrome / sizeof chrome[0]; k++)
        if (dl->blocks[chrome[k]].present)
            mirror_in(&dl->blocks[chrome[k]].box, x0, x1);
}

/* Moves the items from index first on (and their blocks) down by dy. */
static void shift_down(struct display_list *dl, size_t first, int dy)
{
    static const enum dl_role moved[] = { ROLE_HEADLINE, ROLE_DEK, ROLE_QUOTE_MARK, ROLE_QUOTE,
                                          ROLE_SPEAKER };
    for (size_t i = first; i < dl->n; i++) {
        dl->items[i].rect.y += dy;
        dl->items[i].clip.y += dy;
        dl->items[i].baseline += dy;
    }
    for (size_t k = 0; k < sizeof moved / sizeof moved[0]; k++)
        if (dl->blocks[moved[k]].present)
            dl->blocks[moved[k]].box.y += dy;
}

enum nr_result layout_slide(const struct story *s, const struct theme *t, struct viewport vp,
                            const struct slide_meta *meta, const struct text_measurer *m,
                            struct display_list *out, struct nr_err *err)
{
    memset(out, 0, sizeof *out);
    if (vp.w < 200 || vp.h < 120 || vp.w > 16384 || vp.h > 16384)
        return nr_fail(err, NR_ERR_USAGE, "slide size '%dx%d' is out of range", vp.w, vp.h);
    struct composer c = { .m = m, .t = t, .dl = out };
    int w = vp.w, h = vp.h;
    char *headline = layout_text_prepare(m, FACE_HEADLINE, s->headline, false, true, 4096);
    c.mirror = layout_bidi_is_rtl(headline);
    c.chrome_mirror = !c.mirror && meta->chrome_rtl;
    int pct = t->safe_area_pct < 0 ? 0 : t->safe_area_pct > 20 ? 20 : t->safe_area_pct;
    c.u = (w < h ? w : h) / 100.0;
    c.pad = U(&c, 5.5, 12);
    int mx = w * pct / 100, my = h * pct / 100;
    /* the ticker's band is taken off the bottom: the slide is set in what is left */
    struct layout_band band;
    layout_ticker_band(t, vp, &band);
    int body_h = band.ground.h ? band.ground.y : h;
    int safe_bottom = band.ground.h ? body_h : h - my;
    out->safe = (struct dl_rect){ mx, my, w - 2 * mx, safe_bottom - my };
    int sx0 = mx + c.pad, sx1 = w - mx - c.pad, sy0 = my + c.pad, sy1 = safe_bottom - c.pad;
    bool has_photo = meta->photo_w > 0 && meta->photo_h > 0;
    bool portrait = h > w;
    out->shape = !has_photo ? LAYOUT_TYPOGRAPHIC : portrait ? LAYOUT_PORTRAIT : LAYOUT_LANDSCAPE;

    add_fill(out, ROLE_BACKGROUND, (struct dl_rect){ 0, 0, w, h }, t->background);
    layout_ticker_ground(out, t, &band);

    int cx = sx0, cx1 = sx1, cy = sy0;
    double head_max = 9.0;
    if (out->shape == LAYOUT_LANDSCAPE) {
        int pw = (int)lround(w * ((double)w / h >= 1.6 ? 0.55 : 0.5));
        struct dl_rect pr = { 0, 0, pw, body_h };
        struct dl_item *it = push(out, DL_PHOTO, ROLE_PHOTO);
        it->rect = pr;
        it->src = cover_crop(meta->photo_w, meta->photo_h, pr.w, pr.h);
        compose_caption(&c, s, pr, sx0, pw - c.pad - sx0, sy1);
        cx = pw + c.pad * 135 / 100;
        if (cx < sx0)
            cx = sx0;
    } else if (out->shape == LAYOUT_PORTRAIT) {
        int ph = (int)lround(h * 0.32);
        struct dl_rect pr = { 0, 0, w, ph };
        struct dl_item *it = push(out, DL_PHOTO, ROLE_PHOTO);
        it->rect = pr;
        it->src = cover_crop(meta->photo_w, meta->photo_h, pr.w, pr.h);
        int cap_bottom = (ph < safe_bottom ? ph : safe_bottom) - U(&c, 3, 8);
        compose_caption(&c, s, pr, sx0, sx1 - sx0, cap_bottom);
        cy = ph + c.pad;
        if (cy < sy0)
            cy = sy0;
        head_max = 10.0;
    } else {
        head_max = portrait ? 13.0 : 12.0;
        if (!portrait) { /* a measure a reader can follow across a wide screen */
            int max_w = (int)(c.u * 150);
            if (cx1 - cx > max_w)
                cx1 = cx + max_w;
        }
    }
    int kpx = U(&c, 2.1, 12);
    compose_kicker(&c, s, meta, cx, cy, cx1 - cx, kpx);
    int y = cy +
            layout_block_height(m, &(struct block_style){ .face = FACE_BODY, .leading_pct = 120 },
                                kpx, 1) +
            U(&c, 2.4, 8);
    int footer_top = compose_footer(&c, s, meta, cx, cx1 - cx, y, sy1);
    int y_end = footer_top - U(&c, 3, 8);
    size_t first = out->n;
    int bottom = compose_text(&c, s, headline, cx, y, cx1 - cx, y_end, head_max,
                              out->shape == LAYOUT_TYPOGRAPHIC ? 4.6 : 3.7);
    /* a slide of type alone sits in the optical centre (a little above the middle) */
    if (out->shape == LAYOUT_TYPOGRAPHIC && bottom < y_end)
        shift_down(out, first, (y_end - bottom) * 2 / 5);
    if (c.mirror)
        mirror_slide(out, w);
    else if (c.chrome_mirror)
        mirror_chrome(out, cx, cx1);
    free(headline);
    return NR_OK;
}
