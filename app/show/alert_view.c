/* alert_view.c: the alert screen and band. A warning must be read from across a lobby at a
 * glance: one ground colour by severity (red for Extreme, amber for Severe and Moderate,
 * yellow for Minor) with the text in the colour that contrasts most with it; the words are
 * laid out by layout_alert_* and painted by a drawer of the alert's own, so any script the
 * slides can show (Arabic, Hebrew, Japanese, Thai...) is shaped and falls back to a font
 * that has it, and a right-to-left alert or language gets the mirror image. */
#include "alert_view.h"

#include "alert_words.h"
#include "alloc.h"
#include "draw.h"
#include "layout_alert.h"
#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct show_alert_view {
    struct theme theme; /* the drawer borrows it: only its faces matter here */
    struct drawer *d;
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
    struct show_alert_view *v = xcalloc(1, sizeof *v);
    struct nr_err err = { 0 };
    theme_default(&v->theme);
    v->d = drawer_new(font_dir, &v->theme, &err);
    if (!v->d) {
        nr_warn("alerts drawn without text: %s", err.msg);
        free(v);
        return NULL;
    }
    return v;
}

void show_alert_view_free(struct show_alert_view *v)
{
    if (!v)
        return;
    drawer_free(v->d);
    free(v);
}

static void fill(SDL_Surface *s, const SDL_Rect *r, SDL_Color c)
{
    SDL_FillRect(s, r, SDL_MapRGB(s->format, c.r, c.g, c.b));
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

static struct layout_alert_colors colors_of(const struct palette *p)
{
#define RGBA(c) ((struct rgba){ (c).r, (c).g, (c).b, 255 })
    return (struct layout_alert_colors){ RGBA(p->ground), RGBA(p->text), RGBA(p->label_ground),
                                         RGBA(p->label_text) };
#undef RGBA
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
    struct screen_text t;
    screen_text(a, now_unix, &t);
    struct layout_alert_text lt = { t.text[B_LABEL], t.text[B_HEADLINE], t.text[B_DESCRIPTION],
                                    t.text[B_INSTRUCTION], t.text[B_FOOTER] };
    struct layout_alert_colors c = colors_of(&p);
    struct display_list dl;
    layout_alert_screen(&lt, &c, (struct viewport){ w, h }, margin_pct, drawer_measurer(v->d), &dl);
    drawer_paint_over(v->d, &dl, s);
    display_list_release(&dl);
    return s;
}

int show_alert_view_band_height(int w, int h)
{
    return layout_alert_band_height((struct viewport){ w, h });
}

void show_alert_view_band(struct show_alert_view *v, SDL_Surface *slide, const struct alert *a,
                          bool top, int margin_pct, int64_t now_unix)
{
    if (!slide)
        return;
    struct palette p = palette_of(a);
    struct layout_alert_colors c = colors_of(&p);
    struct viewport vp = { slide->w, slide->h };
    char until[96];
    show_alert_until_text(a, now_unix, until, sizeof until);
    struct layout_alert_text lt = { show_alert_label(a),
                                    a->headline ? a->headline : (a->event ? a->event : ""), NULL,
                                    NULL, until };
    struct display_list dl;
    if (v) {
        layout_alert_band(&lt, &c, vp, top, margin_pct, drawer_measurer(v->d), &dl);
        drawer_paint_over(v->d, &dl, slide);
        display_list_release(&dl);
        return;
    }
    /* no fonts: the ground alone still says "alert" */
    int bh = show_alert_view_band_height(slide->w, slide->h), safe_y = slide->h * margin_pct / 100;
    SDL_Rect band = { 0, top ? 0 : slide->h - bh - safe_y, slide->w, bh + safe_y };
    fill(slide, &band, p.ground);
}
