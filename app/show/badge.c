/* badge.c: the stale-feed label, drawn with SDL_ttf straight onto a rendered slide. */
#include "badge.h"

#include "alloc.h"
#include "i18n.h"
#include "layout.h"
#include "log.h"

#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct badge {
    char *path;
    TTF_Font *font;
    int px; /* size the font is open at */
};

struct badge *show_badge_new(const char *font_dir)
{
    struct badge *b;
    if (!TTF_WasInit() && TTF_Init() != 0) {
        nr_warn("no stale badges: %s", TTF_GetError());
        return NULL;
    }
    b = xcalloc(1, sizeof *b);
    size_t n = strlen(font_dir) + 32;
    b->path = xmalloc(n);
    snprintf(b->path, n, "%s/NotoSans-Bold.ttf", font_dir);
    return b;
}

void show_badge_free(struct badge *b)
{
    if (!b)
        return;
    if (b->font)
        TTF_CloseFont(b->font);
    free(b->path);
    free(b);
}

/* Writes fmt (a translated message with one %s) with n in the language's digits. */
static void with_number(char *out, size_t len, const char *fmt, long n)
{
    char num[32];
    layout_format_number(n, num, sizeof num);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    snprintf(out, len, fmt, num);
#pragma GCC diagnostic pop
}

void show_badge_text(int64_t age_s, char *out, size_t len)
{
    long n;
    if (age_s < 0) {
        /* TRANSLATORS: the badge on the slides of a feed that has never loaded */
        snprintf(out, len, "%s", nr_tr("not updated yet"));
    } else if (age_s < 3600) {
        n = (long)(age_s / 60);
        /* TRANSLATORS: the badge on the slides of a feed that could not be loaded for a while;
           %s is the number of minutes since its last good copy */
        with_number(out, len, nr_trn("updated %s min ago", "updated %s min ago", (unsigned long)n),
                    n);
    } else if (age_s < 48 * 3600) {
        n = (long)(age_s / 3600);
        /* TRANSLATORS: as "updated %s min ago", in hours */
        with_number(out, len, nr_trn("updated %s h ago", "updated %s h ago", (unsigned long)n), n);
    } else {
        n = (long)(age_s / 86400);
        /* TRANSLATORS: as "updated %s min ago", in days */
        with_number(out, len, nr_trn("updated %s day ago", "updated %s days ago", (unsigned long)n),
                    n);
    }
}

/* The label's box: top right of the slide, inside its side margin; top left when the on-screen
 * language reads from the right (its chrome is mirrored). */
static SDL_Rect badge_box(const SDL_Surface *slide, const struct theme *t, int text_w, int text_h,
                          int pad)
{
    /* the slide's own side margin (about 1/32 of its width), inside the safe area */
    int margin = slide->w * t->safe_area_pct / 100 + slide->w / 32;
    int w = text_w + 2 * pad;
    int x = layout_language_rtl() ? margin : slide->w - margin - w;
    return (SDL_Rect){ x, slide->h / 14, w, text_h + pad };
}

void show_badge_paint(struct badge *b, struct drawer *d, SDL_Surface *slide, const char *text,
                      const struct theme *t)
{
    if (!b || !slide)
        return;
    int px = slide->h / 40 > 10 ? slide->h / 40 : 10;
    int pad = px / 2;
    /* the accent colour, so the label reads as part of the design, not as an error */
    Uint32 accent = SDL_MapRGB(slide->format, t->accent.r, t->accent.g, t->accent.b);
    if (d) { /* the slide's own text machinery: any script, right to left, font fallback */
        struct dl_item it;
        layout_line(drawer_measurer(d), FACE_BODY_BOLD, px, t->background, text, &it);
        SDL_Rect box = badge_box(slide, t, it.rect.w, it.rect.h, pad);
        SDL_FillRect(slide, &box, accent);
        int dx = box.x + pad, dy = box.y + pad / 2;
        it.rect.x += dx;
        it.rect.y += dy;
        it.clip = it.rect;
        it.baseline += dy;
        drawer_paint_text(d, slide, &it);
        layout_line_release(&it);
        return;
    }
    if (!b->font || b->px != px) {
        if (b->font)
            TTF_CloseFont(b->font);
        b->font = TTF_OpenFont(b->path, px);
        b->px = px;
        if (!b->font) {
            nr_warn("no stale badge: font '%s': %s", b->path, TTF_GetError());
            return;
        }
    }
    SDL_Color fg = { t->background.r, t->background.g, t->background.b, 255 };
    SDL_Surface *txt = TTF_RenderUTF8_Blended(b->font, text, fg);
    if (!txt)
        return;
    SDL_Rect box = badge_box(slide, t, txt->w, txt->h, pad);
    SDL_FillRect(slide, &box, accent);
    SDL_Rect at = { box.x + pad, box.y + pad / 2, txt->w, txt->h };
    SDL_BlitSurface(txt, NULL, slide, &at);
    SDL_FreeSurface(txt);
}
