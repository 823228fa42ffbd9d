/* text.c: measuring and drawing runs of text across the bundled and fallback fonts, with a
 * measurement cache and a cache of drawn runs (a slide shown again costs almost nothing). */
#include "draw_int.h"

#include "alloc.h"
#include "utf8.h"

#include <hb.h>
#include <stdlib.h>
#include <string.h>

#define MEASURE_SLOTS 16384         /* cleared when half full */
#define RUN_CACHE_BYTES (96u << 20) /* drawn runs kept */
#define RUN_CACHE_MAX 1024
#define MAX_PIECE_BYTES 4096 /* longer runs are measured and drawn in parts */

struct measure_slot {
    uint64_t hash; /* 0: empty */
    char *key;     /* owned: the text */
    size_t len;
    int face, px, w, h, rc;
    bool rtl;
};

struct run_entry {
    uint64_t hash;
    char *key;
    size_t len;
    int face, px;
    bool rtl;
    struct rgba color;
    SDL_Surface *surface;
    int ascent;
    size_t bytes;
    uint64_t used;
};

struct text_cache {
    struct font_set *fs;
    struct measure_slot *slots;
    size_t n_slots;
    struct run_entry runs[RUN_CACHE_MAX];
    size_t n_runs, run_bytes;
    uint64_t tick;
};

/* A stretch of a run drawn with one font. */
struct piece {
    size_t a, b;
    int file;
};

static uint64_t hash_text(const char *s, size_t len, int face, int px, bool rtl, uint32_t color)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    h = (h ^ (uint64_t)face) * 1099511628211ull;
    h = (h ^ (uint64_t)px) * 1099511628211ull;
    h = (h ^ (uint64_t)rtl) * 1099511628211ull;
    h = (h ^ color) * 1099511628211ull;
    return h ? h : 1;
}

struct text_cache *draw_text_cache_new(struct font_set *fs)
{
    struct text_cache *tc = xcalloc(1, sizeof *tc);
    tc->fs = fs;
    tc->slots = xcalloc(MEASURE_SLOTS, sizeof *tc->slots);
    return tc;
}

static void clear_measures(struct text_cache *tc)
{
    for (size_t i = 0; i < MEASURE_SLOTS; i++)
        free(tc->slots[i].key);
    memset(tc->slots, 0, MEASURE_SLOTS * sizeof *tc->slots);
    tc->n_slots = 0;
}

void draw_text_cache_clear(struct text_cache *tc)
{
    clear_measures(tc);
    for (size_t i = 0; i < tc->n_runs; i++) {
        SDL_FreeSurface(tc->runs[i].surface);
        free(tc->runs[i].key);
    }
    tc->n_runs = 0;
    tc->run_bytes = 0;
}

void draw_text_cache_free(struct text_cache *tc)
{
    if (!tc)
        return;
    draw_text_cache_clear(tc);
    free(tc->slots);
    free(tc);
}

static bool is_regional_indicator(uint32_t cp)
{
    return cp >= 0x1f1e6 && cp <= 0x1f1ff;
}

/* Code points that belong with the text before them whatever font that is: marks,
 * selectors, joiners, keycap, skin tones, tag characters. */
static bool sticky(uint32_t cp)
{
    return cp == 0x200c || cp == 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f) ||
           (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x20d0 && cp <= 0x20ff) ||
           (cp >= 0x1f3fb && cp <= 0x1f3ff) || (cp >= 0xe0020 && cp <= 0xe007f);
}

/* How the code point ending at s[0..) (the rest of the text, len bytes) asks to be drawn,
 * from what follows it: U+FE0F, a keycap, a skin tone, a joiner or a tag sequence ask for
 * colour, U+FE0E for text; a flag is always colour. */
static enum presentation presentation_of(uint32_t cp, const char *s, size_t len)
{
    if (is_regional_indicator(cp))
        return PRES_EMOJI;
    for (size_t i = 0; i < len;) {
        uint32_t next;
        i += nr_utf8_decode(s + i, len - i, &next);
        if (next == 0xfe0e)
            return PRES_TEXT;
        if (next == 0xfe0f || next == 0x20e3 || next == 0x200d ||
            (next >= 0x1f3fb && next <= 0x1f3ff) || (next >= 0xe0020 && next <= 0xe007f))
            return PRES_EMOJI;
        if (!sticky(next))
            break;
    }
    return PRES_DEFAULT;
}

/* Splits s into pieces by font; returns the count (pieces grown as needed). *missing is set
 * when a code point has no font. A text unit (a flag, a keycap, a ZWJ sequence) stays in
 * one piece, so the font can draw it as one glyph. */
static size_t split_pieces(struct text_cache *tc, enum face f, const char *s, size_t len,
                           struct piece **pieces, size_t *cap, bool *missing)
{
    size_t n = 0;
    uint32_t prev = 0;
    bool ri_open = false; /* the last code point was the first half of a flag */
    *missing = false;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = nr_utf8_decode(s + i, len - i, &cp);
        int file;
        /* after a joiner, the next code point stays in the piece if its font has it (an
         * emoji ZWJ sequence); a Latin letter joined to an emoji is drawn by its own */
        bool joined = sticky(cp) || (ri_open && is_regional_indicator(cp)) ||
                      (prev == 0x200d && n > 0 && draw_font_has(tc->fs, (*pieces)[n - 1].file, cp));
        ri_open = is_regional_indicator(cp) && !(ri_open && is_regional_indicator(prev));
        if (n > 0 && joined)
            file = (*pieces)[n - 1].file;
        else
            file = draw_font_for_presentation(tc->fs, f, cp,
                                              presentation_of(cp, s + i + k, len - i - k));
        prev = cp;
        if (file < 0) {
            *missing = true;
            file = n > 0 ? (*pieces)[n - 1].file : (int)f;
        }
        if (n > 0 && (*pieces)[n - 1].file == file &&
            (joined || (*pieces)[n - 1].b - (*pieces)[n - 1].a < MAX_PIECE_BYTES)) {
            (*pieces)[n - 1].b = i + k;
        } else {
            xgrow((void **)pieces, cap, n + 1, sizeof **pieces);
            (*pieces)[n++] = (struct piece){ i, i + k, file };
        }
        i += k;
    }
    return n;
}

/* Sets the shaping direction and script of font for the piece s[0..len). */
static void prepare_font(TTF_Font *font, bool rtl, const char *s, size_t len)
{
    char tag[5] = "Zyyy";
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += nr_utf8_decode(s + i, len - i, &cp);
        hb_script_t sc = hb_unicode_script(uf, cp);
        if (sc != HB_SCRIPT_COMMON && sc != HB_SCRIPT_INHERITED && sc != HB_SCRIPT_UNKNOWN) {
            hb_tag_to_string(hb_script_to_iso15924_tag(sc), tag);
            break;
        }
    }
    TTF_SetFontDirection(font, rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
    TTF_SetFontScriptName(font, tag);
}

/* Measures (and with out, draws) one piece; returns its advance width. */
static int piece_size(struct text_cache *tc, enum face f, int px, bool rtl, const char *s,
                      const struct piece *p, int *h, SDL_Surface **out, struct rgba color,
                      int *ascent)
{
    double scale;
    char *text = xstrndup(s + p->a, p->b - p->a);
    TTF_Font *font = draw_font_get(tc->fs, f, p->file, px, out != NULL, &scale);
    int w = 0;
    *h = 0;
    if (out)
        *out = NULL;
    if (font) {
        prepare_font(font, rtl, text, p->b - p->a);
        if (TTF_SizeUTF8(font, text, &w, h) != 0)
            w = *h = 0;
        *ascent = (int)(TTF_FontAscent(font) * scale + 0.5);
        if (out && w > 0) {
            SDL_Color c = { color.r, color.g, color.b, color.a };
            SDL_Surface *s1 = TTF_RenderUTF8_Blended(font, text, c);
            if (s1 && scale != 1.0) {
                int sw = (int)(s1->w * scale + 0.5), sh = (int)(s1->h * scale + 0.5);
                SDL_Rect all = { 0, 0, s1->w, s1->h };
                SDL_Surface *s2 = sw > 0 && sh > 0 ? draw_photo_scale(s1, &all, sw, sh) : NULL;
                SDL_FreeSurface(s1);
                s1 = s2;
            }
            *out = s1;
        }
        w = (int)(w * scale + 0.5);
        *h = (int)(*h * scale + 0.5);
    }
    free(text);
    return w;
}

static int measure(void *ctx, enum face f, int px, bool rtl, const char *utf8, size_t len, int *w,
                   int *h)
{
    struct text_cache *tc = ctx;
    uint64_t hash = hash_text(utf8, len, f, px, rtl, 0);
    size_t i = hash % MEASURE_SLOTS;
    while (tc->slots[i].hash) {
        struct measure_slot *sl = &tc->slots[i];
        if (sl->hash == hash && sl->len == len && sl->face == (int)f && sl->px == px &&
            sl->rtl == rtl && memcmp(sl->key, utf8, len) == 0) {
            *w = sl->w;
            *h = sl->h;
            return sl->rc;
        }
        i = (i + 1) % MEASURE_SLOTS;
    }
    struct piece *pieces = NULL;
    size_t cap = 0;
    bool missing;
    size_t n = split_pieces(tc, f, utf8, len, &pieces, &cap, &missing);
    int asc, desc, tw = 0;
    draw_font_metrics(tc->fs, f, px, &asc, &desc);
    for (size_t k = 0; k < n; k++) {
        int ph, pa;
        tw += piece_size(tc, f, px, rtl, utf8, &pieces[k], &ph, NULL, (struct rgba){ 0 }, &pa);
    }
    free(pieces);
    if (tc->n_slots > MEASURE_SLOTS / 2) {
        clear_measures(tc);
        i = hash % MEASURE_SLOTS;
    }
    tc->slots[i] = (struct measure_slot){ .hash = hash,
                                          .key = xstrndup(utf8, len),
                                          .len = len,
                                          .face = f,
                                          .px = px,
                                          .w = tw,
                                          .h = asc + desc,
                                          .rc = missing ? -1 : 0,
                                          .rtl = rtl };
    tc->n_slots++;
    *w = tw;
    *h = asc + desc;
    return missing ? -1 : 0;
}

static void metrics(void *ctx, enum face f, int px, int *ascent, int *descent)
{
    struct text_cache *tc = ctx;
    draw_font_metrics(tc->fs, f, px, ascent, descent);
}

static bool has_glyph(void *ctx, enum face f, uint32_t cp)
{
    struct text_cache *tc = ctx;
    return draw_font_for(tc->fs, f, cp) >= 0;
}

void draw_text_cache_measurer(struct text_cache *tc, struct text_measurer *m)
{
    *m = (struct text_measurer){
        .size = measure, .metrics = metrics, .has_glyph = has_glyph, .ctx = tc
    };
}

static uint32_t pack(struct rgba c)
{
    return (uint32_t)c.r << 24 | (uint32_t)c.g << 16 | (uint32_t)c.b << 8 | c.a;
}

static void evict(struct text_cache *tc)
{
    while (tc->n_runs > 0 && (tc->run_bytes > RUN_CACHE_BYTES || tc->n_runs == RUN_CACHE_MAX)) {
        size_t lru = 0;
        for (size_t i = 1; i < tc->n_runs; i++)
            if (tc->runs[i].used < tc->runs[lru].used)
                lru = i;
        SDL_FreeSurface(tc->runs[lru].surface);
        free(tc->runs[lru].key);
        tc->run_bytes -= tc->runs[lru].bytes;
        tc->runs[lru] = tc->runs[--tc->n_runs];
    }
}

SDL_Surface *draw_text_cache_run(struct text_cache *tc, enum face f, int px, bool rtl,
                                 struct rgba color, const char *utf8, size_t len, int *ascent)
{
    uint64_t hash = hash_text(utf8, len, f, px, rtl, pack(color));
    for (size_t i = 0; i < tc->n_runs; i++) {
        struct run_entry *e = &tc->runs[i];
        if (e->hash == hash && e->len == len && e->face == (int)f && e->px == px && e->rtl == rtl &&
            pack(e->color) == pack(color) && memcmp(e->key, utf8, len) == 0) {
            e->used = ++tc->tick;
            *ascent = e->ascent;
            return e->surface;
        }
    }
    struct piece *pieces = NULL;
    size_t cap = 0;
    bool missing;
    size_t n = split_pieces(tc, f, utf8, len, &pieces, &cap, &missing);
    SDL_Surface **surf = xcalloc(n ? n : 1, sizeof *surf);
    int *adv = xcalloc(n ? n : 1, sizeof *adv), *asc = xcalloc(n ? n : 1, sizeof *asc);
    int total = 0, run_asc = 0, run_desc = 0, extent = 0;
    for (size_t k = 0; k < n; k++) {
        int ph;
        adv[k] = piece_size(tc, f, px, rtl, utf8, &pieces[k], &ph, &surf[k], color, &asc[k]);
        if (!surf[k])
            continue;
        if (asc[k] > run_asc)
            run_asc = asc[k];
        if (surf[k]->h - asc[k] > run_desc)
            run_desc = surf[k]->h - asc[k];
        total += adv[k];
    }
    SDL_Surface *run = NULL;
    if (n == 1 && surf[0]) { /* one font: the piece is the run */
        run = surf[0];
        surf[0] = NULL;
        run_asc = asc[0];
    } else if (total > 0) {
        /* pieces go left to right, or right to left in a right-to-left run */
        int x = rtl ? total : 0;
        for (size_t k = 0; k < n; k++) {
            int left = rtl ? x - adv[k] : x;
            if (surf[k] && left + surf[k]->w > extent)
                extent = left + surf[k]->w;
            x = rtl ? x - adv[k] : x + adv[k];
        }
        if (extent < total)
            extent = total;
        run = SDL_CreateRGBSurfaceWithFormat(0, extent, run_asc + run_desc, 32,
                                             SDL_PIXELFORMAT_ARGB8888);
    }
    if (run && n > 1) {
        SDL_FillRect(run, NULL, 0);
        int x = rtl ? total : 0;
        for (size_t k = 0; k < n; k++) {
            int left = rtl ? x - adv[k] : x;
            if (surf[k]) {
                SDL_Rect dst = { left, run_asc - asc[k], surf[k]->w, surf[k]->h };
                /* copied, not blended: blending onto transparent pixels darkens edges */
                SDL_SetSurfaceBlendMode(surf[k], SDL_BLENDMODE_NONE);
                SDL_BlitSurface(surf[k], NULL, run, &dst);
            }
            x = rtl ? x - adv[k] : x + adv[k];
        }
    }
    if (run) {
        evict(tc);
        struct run_entry *e = &tc->runs[tc->n_runs++];
        *e = (struct run_entry){ .hash = hash,
                                 .key = xstrndup(utf8, len),
                                 .len = len,
                                 .face = f,
                                 .px = px,
                                 .rtl = rtl,
                                 .color = color,
                                 .surface = run,
                                 .ascent = run_asc,
                                 .bytes = (size_t)run->pitch * (size_t)run->h,
                                 .used = ++tc->tick };
        tc->run_bytes += e->bytes;
        SDL_SetSurfaceBlendMode(run, SDL_BLENDMODE_BLEND);
    }
    for (size_t k = 0; k < n; k++)
        SDL_FreeSurface(surf[k]);
    free(surf);
    free(adv);
    free(asc);
    free(pieces);
    *ascent = run_asc;
    return run;
}
