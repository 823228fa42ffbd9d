/* alert.c: the alert screen and band laid out as display lists. A warning must be read from
 * across a lobby at a glance: large type, every block sized to fit, the sizes shrinking
 * together until the whole text fits, and only at the smallest size the description cut at
 * a whole line. Everything is placed as for a left-to-right reader and then mirrored for a
 * right-to-left one, so both get the same rules. */
#include "layout_alert.h"

#include "layout_int.h"

#include <stdlib.h>
#include <string.h>

#define ALERT_MAX_BYTES 4096 /* one block's text; CAP texts are a paragraph or two */

enum block { B_LABEL, B_HEADLINE, B_DESCRIPTION, B_INSTRUCTION, B_FOOTER, B_COUNT };

static const enum dl_role block_role[B_COUNT] = { ROLE_KICKER, ROLE_HEADLINE, ROLE_DEK, ROLE_QUOTE,
                                                  ROLE_FOOTER };
static const enum face block_face[B_COUNT] = { FACE_BODY_BOLD, FACE_BODY_BOLD, FACE_BODY,
                                               FACE_BODY_BOLD, FACE_BODY };

static const char *nonempty(const char *s)
{
    return s && s[0] ? s : NULL;
}

bool layout_alert_mirrored(const struct layout_alert_text *t)
{
    if (layout_language_rtl())
        return true;
    const char *lead = nonempty(t->headline) ? t->headline : t->label;
    return lead && layout_bidi_is_rtl(lead);
}

static struct block_style style_of(enum face f, int px, const char *text)
{
    return (struct block_style){
        .face = f,
        .min_px = px,
        .max_px = px,
        .leading_pct = layout_text_stacks_tall(text) ? TALL_LEADING_PCT : 125,
        .rtl = layout_bidi_is_rtl(text),
    };
}

/* The mirror image of everything in dl across a w px wide screen: boxes move, the runs
 * inside a line keep their order (each line reads in its own direction). */
static void mirror(struct display_list *dl, int w)
{
    for (size_t i = 0; i < dl->n; i++) {
        struct dl_item *it = &dl->items[i];
        it->rect.x = w - it->rect.x - it->rect.w;
        it->clip.x = w - it->clip.x - it->clip.w;
    }
    for (int r = 0; r < ROLE_COUNT; r++)
        if (dl->blocks[r].present)
            dl->blocks[r].box.x = w - dl->blocks[r].box.x - dl->blocks[r].box.w;
    dl->mirrored = true;
}

/* One line at (x, top), its box clip, in its own direction. Returns its width. */
static int put_line(struct display_list *dl, const struct text_measurer *m, enum dl_role role,
                    enum face f, int px, struct rgba color, const char *utf8, size_t len, int x,
                    int top, struct dl_rect clip)
{
    bool rtl = layout_bidi_is_rtl(utf8);
    int w = layout_dl_line(dl, m, role, f, px, color, utf8, len, rtl, x, x, top, clip);
    struct dl_item *it = &dl->items[dl->n - 1];
    it->rect.x = x; /* left-aligned here; mirror() right-aligns the whole screen */
    return w;
}

struct screen_set {
    char *text[B_COUNT]; /* prepared, owned */
    struct text_lines lines[B_COUNT];
    struct block_style st[B_COUNT];
    int px[B_COUNT], h[B_COUNT];
};

/* The blocks wrapped at scale (per mille of the base sizes); their total height with gaps. */
static int set_blocks(const struct text_measurer *m, struct screen_set *s, int unit, int scale,
                      int wrap_w, int gap)
{
    static const int base[B_COUNT] = { 70, 150, 62, 62, 50 }; /* per mille of the unit */
    int total = 0;
    for (int b = 0; b < B_COUNT; b++) {
        layout_text_lines_release(&s->lines[b]);
        s->h[b] = 0;
        if (!s->text[b][0])
            continue;
        int px = unit * base[b] / 1000 * scale / 1000;
        s->px[b] = px < 10 ? 10 : px;
        s->st[b] = style_of(block_face[b], s->px[b], s->text[b]);
        layout_wrap_text(m, &s->st[b], s->px[b], s->text[b],
                         b == B_LABEL ? wrap_w - 2 * gap : wrap_w, 0, &s->lines[b]);
        if (s->lines[b].n == 0)
            continue;
        s->h[b] = layout_block_height(m, &s->st[b], s->px[b], (int)s->lines[b].n);
        total += s->h[b] + gap + (b == B_LABEL ? gap : 0);
    }
    return total;
}

void layout_alert_screen(const struct layout_alert_text *t, const struct layout_alert_colors *c,
                         struct viewport vp, int margin_pct, const struct text_measurer *m,
                         struct display_list *out)
{
    memset(out, 0, sizeof *out);
    int w = vp.w, h = vp.h;
    int pct = margin_pct < 0 ? 0 : margin_pct > 20 ? 20 : margin_pct;
    int unit = w < h ? w : h;
    int mx = w * pct / 100 + unit / 14, my = h * pct / 100 + unit / 16;
    int avail_w = w - 2 * mx, avail_h = h - 2 * my, gap = unit / 40;
    out->safe = (struct dl_rect){ mx, my, avail_w, avail_h };
    out->shape = LAYOUT_TYPOGRAPHIC;
    layout_dl_fill(out, ROLE_BACKGROUND, (struct dl_rect){ 0, 0, w, h }, c->ground);
    if (avail_w < 20 || avail_h < 20)
        return;
    const char *src[B_COUNT] = { t->label, t->headline, t->description, t->instruction, t->footer };
    struct screen_set s;
    memset(&s, 0, sizeof s);
    for (int b = 0; b < B_COUNT; b++)
        s.text[b] = layout_text_prepare(m, block_face[b], src[b] ? src[b] : "", false,
                                        b != B_LABEL && b != B_FOOTER, ALERT_MAX_BYTES);
    /* shrink everything together until it fits; a landscape screen starts larger */
    for (int scale = w > h ? 1300 : 1000; scale >= 350; scale = scale * 9 / 10)
        if (set_blocks(m, &s, unit, scale, avail_w, gap) <= avail_h)
            break;
    int y = my;
    for (int b = 0; b < B_COUNT; b++) {
        struct text_lines *l = &s.lines[b];
        if (l->n == 0)
            continue;
        int pitch = layout_line_pitch(&s.st[b], s.px[b]);
        enum dl_role role = block_role[b];
        if (b == B_LABEL) { /* the label in a box of its own: the first thing the eye finds */
            int lw = 0;
            for (size_t i = 0; i < l->n; i++)
                lw = l->v[i].w > lw ? l->v[i].w : lw;
            struct dl_rect box = { mx - gap, y - gap / 2, lw + 2 * gap, s.h[b] + gap };
            layout_dl_fill(out, role, box, c->label_ground);
            for (size_t i = 0; i < l->n; i++)
                put_line(out, m, role, block_face[b], s.px[b], c->label_text, l->v[i].utf8,
                         l->v[i].len, mx, y + (int)i * pitch, box);
            out->blocks[role] =
                (struct dl_block){ true, box, s.px[b], (int)l->n, false, s.st[b].rtl };
            y += s.h[b] + 2 * gap;
            continue;
        }
        int room = my + avail_h - y;
        /* what to do and until when matter more than what happened: the description gives
         * up its room to the blocks after it */
        for (int k = b + 1; b == B_DESCRIPTION && k < B_COUNT; k++)
            room -= s.lines[k].n ? s.h[k] + gap : 0;
        if (b == B_FOOTER && my + avail_h - s.h[b] > y) /* the footer keeps the bottom edge */
            y = my + avail_h - s.h[b];
        int n = (int)l->n, bh = s.h[b];
        char *last = NULL; /* the last line kept, cut with "…" */
        if (bh > room) {
            /* still too long at the smallest size: whole lines only, never half a line, the
             * last one ending in "…" */
            n = 0;
            while (n < (int)l->n && layout_block_height(m, &s.st[b], s.px[b], n + 1) <= room)
                n++;
            if (n == 0)
                continue;
            bh = layout_block_height(m, &s.st[b], s.px[b], n);
            const char *rest = s.text[b] + l->v[n - 1].start;
            last = layout_ellipsize_line(m, block_face[b], s.px[b], s.st[b].rtl, rest, strlen(rest),
                                         avail_w);
        }
        struct dl_rect box = { mx, y, avail_w, bh };
        for (int i = 0; i < n; i++) {
            bool cut = last && i == n - 1;
            put_line(out, m, role, block_face[b], s.px[b], c->text, cut ? last : l->v[i].utf8,
                     cut ? strlen(last) : l->v[i].len, mx, y + i * pitch, box);
        }
        free(last);
        out->blocks[role] = (struct dl_block){ true, box, s.px[b], n, n < (int)l->n, s.st[b].rtl };
        y += bh + gap;
    }
    for (int b = 0; b < B_COUNT; b++) {
        layout_text_lines_release(&s.lines[b]);
        free(s.text[b]);
    }
    if (layout_alert_mirrored(t))
        mirror(out, w);
}

int layout_alert_band_height(struct viewport vp)
{
    int unit = vp.w < vp.h ? vp.w : vp.h;
    int bh = unit / 8;
    return bh < 40 ? 40 : bh;
}

static int font_h(const struct text_measurer *m, enum face f, int px)
{
    int asc = 0, desc = 0;
    m->metrics(m->ctx, f, px, &asc, &desc);
    return asc + desc;
}

/* One line of text cut with "…" to max_w, vertically centred in [y0, y0 + bh). */
static void band_line(struct display_list *dl, const struct text_measurer *m, enum dl_role role,
                      enum face f, int px, struct rgba color, const char *text, int x, int max_w,
                      int y0, int bh, struct dl_rect clip)
{
    bool rtl = layout_bidi_is_rtl(text);
    size_t len = strlen(text);
    char *cut = NULL;
    if (layout_measure_w(m, f, px, rtl, text, len) > max_w) {
        cut = layout_ellipsize_line(m, f, px, rtl, text, len, max_w);
        text = cut;
        len = strlen(cut);
    }
    if (len > 0)
        put_line(dl, m, role, f, px, color, text, len, x, y0 + (bh - font_h(m, f, px)) / 2, clip);
    free(cut);
}

void layout_alert_band(const struct layout_alert_text *t, const struct layout_alert_colors *c,
                       struct viewport vp, bool top, int margin_pct, const struct text_measurer *m,
                       struct display_list *out)
{
    memset(out, 0, sizeof *out);
    int w = vp.w, h = vp.h, bh = layout_alert_band_height(vp);
    int pct = margin_pct < 0 ? 0 : margin_pct > 20 ? 20 : margin_pct;
    int safe_y = h * pct / 100, safe_x = w * pct / 100;
    struct dl_rect band = { 0, top ? 0 : h - bh - safe_y, w, bh + safe_y };
    out->safe = band;
    layout_dl_fill(out, ROLE_BACKGROUND, band, c->ground);
    int pad = bh / 5, x = safe_x + bh / 3, y0 = top ? safe_y : band.y;
    int right = w - safe_x - bh / 3;
    struct dl_rect row = { x, y0, right - x, bh };
    int big = bh * 36 / 100, small = bh * 30 / 100, two = bh * 27 / 100;
    /* the label box, then the headline */
    char *label = layout_text_prepare(m, FACE_BODY_BOLD, t->label ? t->label : "", false, false,
                                      ALERT_MAX_BYTES);
    if (label[0]) {
        int lh = font_h(m, FACE_BODY_BOLD, big);
        int lw = layout_measure_w(m, FACE_BODY_BOLD, big, layout_bidi_is_rtl(label), label,
                                  strlen(label));
        if (lw > (right - x) / 3) /* a long label leaves the headline most of the band */
            lw = (right - x) / 3;
        struct dl_rect box = { x, y0 + (bh - lh - pad) / 2, lw + 2 * pad, lh + pad };
        layout_dl_fill(out, ROLE_KICKER, box, c->label_ground);
        band_line(out, m, ROLE_KICKER, FACE_BODY_BOLD, big, c->label_text, label, x + pad, lw,
                  box.y, box.h, box);
        out->blocks[ROLE_KICKER] =
            (struct dl_block){ true, box, big, 1, false, layout_bidi_is_rtl(label) };
        x += box.w + pad * 2;
    }
    free(label);
    char *head = layout_text_prepare(m, FACE_BODY_BOLD, t->headline ? t->headline : "", false, true,
                                     ALERT_MAX_BYTES);
    char *until = layout_text_prepare(m, FACE_BODY, t->footer ? t->footer : "", false, false, 200);
    bool head_rtl = layout_bidi_is_rtl(head);
    int head_w = layout_measure_w(m, FACE_BODY_BOLD, big, head_rtl, head, strlen(head));
    /* the time it ends goes at the far edge only when the headline still fits whole beside
     * it: the headline is the message, the time a detail the full screen gives */
    if (until[0]) {
        int uw =
            layout_measure_w(m, FACE_BODY, small, layout_bidi_is_rtl(until), until, strlen(until));
        if (x + head_w + pad * 2 + uw <= right) {
            right -= uw;
            band_line(out, m, ROLE_FOOTER, FACE_BODY, small, c->text, until, right, uw, y0, bh,
                      row);
            out->blocks[ROLE_FOOTER] = (struct dl_block){ true,  { right, y0, uw, bh },    small, 1,
                                                          false, layout_bidi_is_rtl(until) };
            right -= pad * 2;
        }
    }
    if (head[0] && right > x) {
        struct dl_rect box = { x, y0, right - x, bh };
        struct block_style st = style_of(FACE_BODY_BOLD, two, head);
        struct text_lines l = { 0 };
        if (head_w > right - x)
            layout_wrap_text(m, &st, two, head, right - x, 2, &l);
        if (l.n == 2 && 2 * layout_line_pitch(&st, two) <= bh) {
            /* a headline too long for one line (a portrait screen): two smaller lines, the
             * second cut with "…" if it is still too long */
            int pitch = layout_line_pitch(&st, two);
            int top_y = y0 + (bh - pitch - font_h(m, FACE_BODY_BOLD, two)) / 2;
            put_line(out, m, ROLE_HEADLINE, FACE_BODY_BOLD, two, c->text, l.v[0].utf8, l.v[0].len,
                     x, top_y, box);
            const char *rest = head + l.v[1].start;
            if (l.overflow)
                band_line(out, m, ROLE_HEADLINE, FACE_BODY_BOLD, two, c->text, rest, x, right - x,
                          top_y + pitch, font_h(m, FACE_BODY_BOLD, two), box);
            else
                put_line(out, m, ROLE_HEADLINE, FACE_BODY_BOLD, two, c->text, l.v[1].utf8,
                         l.v[1].len, x, top_y + pitch, box);
            out->blocks[ROLE_HEADLINE] =
                (struct dl_block){ true, box, two, 2, l.overflow, head_rtl };
        } else {
            band_line(out, m, ROLE_HEADLINE, FACE_BODY_BOLD, big, c->text, head, x, right - x, y0,
                      bh, box);
            out->blocks[ROLE_HEADLINE] =
                (struct dl_block){ true, box, big, 1, head_w > right - x, head_rtl };
        }
        layout_text_lines_release(&l);
    }
    free(head);
    free(until);
    if (layout_alert_mirrored(t))
        mirror(out, w);
}
