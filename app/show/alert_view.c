/* alert_view.c: the alert screen and band. A warning must be read from across a lobby at a
 * glance: one ground colour by severity (red for Extreme, amber for Severe and Moderate,
 * yellow for Minor) with the text in the colour that contrasts most with it, large type,
 * and every block sized to fit: the sizes shrink together until the whole text fits, and
 * only at the smallest size is the description cut, at a whole line. */
#include "alert_view.h"

#include "alert_words.h"
#include "alloc.h"
#include "log.h"

#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct show_alert_view {
    char *bold, *regular;
};

struct palette {
    SDL_Color ground, text, label_ground, label_text;
};

/* White on red is 7.4:1, black on amber 11:1, black on yellow 16:1 (WCAG contrast). */
static struct palette palette_of(const struct alert *a)
{
    switch (a->severity) {
    case ALERT_EXTREME:
        return (struct palette){ { 0xB0, 0x00, 0x18, 255 },
                                 { 255, 255, 255, 255 },
                                 { 255, 255, 255, 255 },
                                 { 0xB0, 0x00, 0x18, 255 } };
    case ALERT_SEVERE:
    case ALERT_MODERATE:
        return (struct palette){
            { 0xFF, 0xB0, 0x00, 255 }, { 0, 0, 0, 255 }, { 0, 0, 0, 255 }, { 0xFF, 0xB0, 0x00, 255 }
        };
    default:
        return (struct palette){
            { 0xFF, 0xE5, 0x5C, 255 }, { 0, 0, 0, 255 }, { 0, 0, 0, 255 }, { 0xFF, 0xE5, 0x5C, 255 }
        };
    }
}

struct show_alert_view *show_alert_view_new(const char *font_dir)
{
    if (!TTF_WasInit() && TTF_Init() != 0) {
        nr_warn("alerts drawn without text: %s", TTF_GetError());
        return NULL;
    }
    struct show_alert_view *v = xcalloc(1, sizeof *v);
    size_t n = strlen(font_dir) + 32;
    v->bold = xmalloc(n);
    v->regular = xmalloc(n);
    snprintf(v->bold, n, "%s/NotoSans-Bold.ttf", font_dir);
    snprintf(v->regular, n, "%s/NotoSans-Regular.ttf", font_dir);
    return v;
}

void show_alert_view_free(struct show_alert_view *v)
{
    if (!v)
        return;
    free(v->bold);
    free(v->regular);
    free(v);
}

static void fill(SDL_Surface *s, const SDL_Rect *r, SDL_Color c)
{
    SDL_FillRect(s, r, SDL_MapRGB(s->format, c.r, c.g, c.b));
}

static void blit(SDL_Surface *txt, SDL_Surface *dst, int x, int y)
{
    SDL_Rect at = { x, y, txt->w, txt->h };
    SDL_BlitSurface(txt, NULL, dst, &at);
}

/* The text blocks of the screen, top to bottom. */
enum block { B_LABEL, B_HEADLINE, B_DESCRIPTION, B_INSTRUCTION, B_FOOTER, B_COUNT };

struct screen_text {
    char label[256];
    const char *text[B_COUNT];
    char footer[512];
};

static void screen_text(const struct alert *a, int64_t now_unix, struct screen_text *t)
{
    memset(t, 0, sizeof *t);
    /* "WARNING · Flood" reads as the kind of danger first */
    snprintf(t->label, sizeof t->label, "%s%s%s", show_alert_label(a), a->event ? " \xC2\xB7 " : "",
             a->event ? a->event : "");
    char until[96] = "", by[300] = "";
    show_alert_until_text(a, now_unix, until, sizeof until);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    if (a->sender_name)
        snprintf(by, sizeof by, show_alert_word(SHOW_ALERT_WORD_ISSUED_BY), a->sender_name);
#pragma GCC diagnostic pop
    snprintf(t->footer, sizeof t->footer, "%s%s%s", until, until[0] && by[0] ? "  \xC2\xB7  " : "",
             by);
    t->text[B_LABEL] = t->label;
    t->text[B_HEADLINE] = a->headline ? a->headline : (a->event ? a->event : show_alert_label(a));
    t->text[B_DESCRIPTION] = a->description;
    t->text[B_INSTRUCTION] = a->instruction;
    t->text[B_FOOTER] = t->footer[0] ? t->footer : NULL;
}

/* The blocks rendered at scale (per mille of the base sizes); NULL entries for empty ones.
 * Returns their total height with the gaps, or -1 when a font did not open. */
static int render_blocks(const struct show_alert_view *v, const struct screen_text *t,
                         const struct palette *p, int unit, int scale, int wrap_w,
                         SDL_Surface *out[B_COUNT], int *line_skip)
{
    static const int base[B_COUNT] = { 70, 150, 62, 62, 50 }; /* per mille of the unit */
    static const bool bold[B_COUNT] = { true, true, false, true, false };
    int total = 0;
    for (int b = 0; b < B_COUNT; b++) {
        out[b] = NULL;
        if (!t->text[b] || !t->text[b][0])
            continue;
        int px = unit * base[b] / 1000 * scale / 1000;
        if (px < 10)
            px = 10;
        TTF_Font *f = TTF_OpenFont(bold[b] ? v->bold : v->regular, px);
        if (!f) {
            nr_warn("alert font: %s", TTF_GetError());
            return -1;
        }
        if (b == B_DESCRIPTION)
            *line_skip = TTF_FontLineSkip(f);
        SDL_Color fg = b == B_LABEL ? p->label_text : p->text;
        out[b] = TTF_RenderUTF8_Blended_Wrapped(f, t->text[b], fg, (Uint32)wrap_w);
        TTF_CloseFont(f);
        if (out[b])
            total += out[b]->h + unit / 40 + (b == B_LABEL ? unit / 40 : 0);
    }
    return total;
}

static void free_blocks(SDL_Surface *s[B_COUNT])
{
    for (int b = 0; b < B_COUNT; b++) {
        SDL_FreeSurface(s[b]);
        s[b] = NULL;
    }
}

SDL_Surface *show_alert_view_screen(struct show_alert_view *v, const struct alert *a, int w, int h,
                                    int margin_pct, int64_t now_unix)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        return NULL;
    struct palette p = palette_of(a);
    fill(s, NULL, p.ground);
    if (!v)
        return s; /* the ground alone still says "alert" */
    int unit = w < h ? w : h;
    int mx = w * margin_pct / 100 + unit / 14, my = h * margin_pct / 100 + unit / 16;
    int avail_w = w - 2 * mx, avail_h = h - 2 * my;
    struct screen_text t;
    screen_text(a, now_unix, &t);
    SDL_Surface *blk[B_COUNT] = { 0 };
    int line_skip = 0, total = -1;
    /* shrink everything together until it fits; a landscape screen starts larger */
    for (int scale = w > h ? 1300 : 1000; scale >= 350; scale = scale * 9 / 10) {
        free_blocks(blk);
        total = render_blocks(v, &t, &p, unit, scale, avail_w, blk, &line_skip);
        if (total < 0 || total <= avail_h)
            break;
    }
    if (total < 0) {
        free_blocks(blk);
        return s;
    }
    int y = my, gap = unit / 40;
    for (int b = 0; b < B_COUNT; b++) {
        if (!blk[b])
            continue;
        if (b == B_LABEL) { /* the label in a box of its own: the first thing the eye finds */
            SDL_Rect box = { mx - gap, y - gap / 2, blk[b]->w + 2 * gap, blk[b]->h + gap };
            fill(s, &box, p.label_ground);
            blit(blk[b], s, mx, y);
            y += blk[b]->h + 2 * gap;
            continue;
        }
        int room = my + avail_h - y;
        if (b == B_FOOTER) /* the footer keeps the bottom edge */
            y = my + avail_h - blk[b]->h > y ? my + avail_h - blk[b]->h : y;
        SDL_Rect part = { 0, 0, blk[b]->w, blk[b]->h };
        if (blk[b]->h > room) {
            /* still too long at the smallest size: whole lines only, never half a line */
            int keep = b == B_DESCRIPTION && line_skip > 0 ? room / line_skip * line_skip : 0;
            if (keep <= 0)
                continue;
            part.h = keep;
        }
        SDL_Rect at = { mx, y, part.w, part.h };
        SDL_BlitSurface(blk[b], &part, s, &at);
        y += part.h + gap;
    }
    free_blocks(blk);
    return s;
}

int show_alert_view_band_height(int w, int h)
{
    int unit = w < h ? w : h;
    int bh = unit / 8;
    return bh < 40 ? 40 : bh;
}

/* A new string: text cut (at a character) with an ellipsis so that it is at most max_w
 * wide in f. */
static char *fit_line(TTF_Font *f, const char *text, int max_w)
{
    int tw = 0;
    char *s = xstrdup(text);
    if (TTF_SizeUTF8(f, s, &tw, NULL) == 0 && tw <= max_w)
        return s;
    size_t len = strlen(s);
    char *buf = xmalloc(len + 4);
    while (len > 0) {
        do
            len--;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80);
        while (len > 0 && s[len - 1] == ' ')
            len--;
        memcpy(buf, s, len);
        memcpy(buf + len, "\xE2\x80\xA6", 4);
        if (TTF_SizeUTF8(f, buf, &tw, NULL) == 0 && tw <= max_w)
            break;
    }
    free(s);
    if (len == 0)
        buf[0] = '\0';
    return buf;
}

static void one_line(TTF_Font *f, SDL_Surface *slide, const char *text, int x, int max_w, int y0,
                     int bh, SDL_Color c)
{
    char *line = fit_line(f, text, max_w);
    SDL_Surface *t = line[0] ? TTF_RenderUTF8_Blended(f, line, c) : NULL;
    if (t)
        blit(t, slide, x, y0 + (bh - t->h) / 2);
    SDL_FreeSurface(t);
    free(line);
}

/* A headline too long for one line (a portrait screen): the words that fit on a first line,
 * the rest on a second, cut with an ellipsis if it is still too long. */
static void two_lines(TTF_Font *f, SDL_Surface *slide, const char *text, int x, int max_w, int y0,
                      int bh, SDL_Color c)
{
    int extent = 0, count = 0;
    if (TTF_MeasureUTF8(f, text, max_w, &extent, &count) != 0 || count <= 0) {
        one_line(f, slide, text, x, max_w, y0, bh, c);
        return;
    }
    /* count is in characters: its end in bytes, then back to the last space before it */
    size_t end = 0;
    for (int n = 0; text[end] && n < count; n++)
        do
            end++;
        while (((unsigned char)text[end] & 0xC0) == 0x80);
    size_t cut = end;
    while (cut > 0 && text[cut] != ' ')
        cut--;
    if (!text[end]) { /* it fits whole in the smaller size: one line, centred */
        one_line(f, slide, text, x, max_w, y0, bh, c);
        return;
    }
    if (cut == 0)
        cut = end; /* one word longer than the line: cut inside it */
    char *first = xstrndup(text, cut);
    const char *rest = text + cut;
    while (*rest == ' ')
        rest++;
    int skip = TTF_FontLineSkip(f);
    int top = y0 + (bh - 2 * skip) / 2;
    SDL_Surface *t = TTF_RenderUTF8_Blended(f, first, c);
    if (t)
        blit(t, slide, x, top);
    SDL_FreeSurface(t);
    free(first);
    one_line(f, slide, rest, x, max_w, top + skip, skip, c);
}

void show_alert_view_band(struct show_alert_view *v, SDL_Surface *slide, const struct alert *a,
                          bool top, int margin_pct, int64_t now_unix)
{
    if (!slide)
        return;
    int w = slide->w, h = slide->h, bh = show_alert_view_band_height(w, h);
    int safe_y = h * margin_pct / 100, safe_x = w * margin_pct / 100;
    struct palette p = palette_of(a);
    SDL_Rect band = { 0, top ? 0 : h - bh - safe_y, w, bh + safe_y };
    if (top)
        band.h = bh + safe_y;
    fill(slide, &band, p.ground);
    if (!v)
        return;
    int pad = bh / 5, x = safe_x + bh / 3, y0 = top ? safe_y : band.y;
    int right = w - safe_x - bh / 3;
    TTF_Font *fb = TTF_OpenFont(v->bold, bh * 36 / 100);
    TTF_Font *fr = TTF_OpenFont(v->regular, bh * 30 / 100);
    TTF_Font *fs = TTF_OpenFont(v->bold, bh * 27 / 100); /* a headline on two lines */
    if (!fb || !fr) {
        nr_warn("alert font: %s", TTF_GetError());
        goto out;
    }
    /* the label box, then the headline */
    SDL_Surface *lab = TTF_RenderUTF8_Blended(fb, show_alert_label(a), p.label_text);
    if (lab) {
        SDL_Rect box = { x, y0 + (bh - lab->h - pad) / 2, lab->w + 2 * pad, lab->h + pad };
        fill(slide, &box, p.label_ground);
        blit(lab, slide, x + pad, box.y + pad / 2);
        x += box.w + pad * 2;
        SDL_FreeSurface(lab);
    }
    /* the time it ends goes at the right edge only when the headline still fits whole
     * beside it: the headline is the message, the time a detail the full screen gives */
    const char *head = a->headline ? a->headline : (a->event ? a->event : "");
    int head_w = 0;
    TTF_SizeUTF8(fb, head, &head_w, NULL);
    char until[96];
    show_alert_until_text(a, now_unix, until, sizeof until);
    SDL_Surface *ut = until[0] ? TTF_RenderUTF8_Blended(fr, until, p.text) : NULL;
    if (ut && x + head_w + pad * 2 + ut->w <= right) {
        right -= ut->w;
        blit(ut, slide, right, y0 + (bh - ut->h) / 2);
        right -= pad * 2;
    }
    SDL_FreeSurface(ut);
    if (right > x && head_w > right - x && fs)
        two_lines(fs, slide, head, x, right - x, y0, bh, p.text);
    else if (right > x)
        one_line(fb, slide, head, x, right - x, y0, bh, p.text);
out:
    if (fb)
        TTF_CloseFont(fb);
    if (fr)
        TTF_CloseFont(fr);
    if (fs)
        TTF_CloseFont(fs);
}
