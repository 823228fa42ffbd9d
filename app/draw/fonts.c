/* fonts.c: the bundled faces (SDL2_ttf with HarfBuzz) and fallback fonts from fontconfig for
 * glyphs the bundled faces lack (CJK, emoji, other scripts): never a box for a missing glyph. */
#include "draw_int.h"

#include "alloc.h"
#include "log.h"

#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILES 48  /* bundled faces plus fallbacks ever found */
#define MAX_SIZED 64  /* open (file, size) pairs */
#define CP_SLOTS 8192 /* remembered code point -> font decisions */

static const char *const bundled[FACE_COUNT] = {
    [FACE_HEADLINE] = "NotoSerifDisplay-Bold.ttf",
    [FACE_QUOTE] = "NotoSerif-Italic.ttf",
    [FACE_BODY] = "NotoSans-Regular.ttf",
    [FACE_BODY_BOLD] = "NotoSans-Bold.ttf",
};

struct font_file {
    char *path;
    int index;
    void *map; /* the file mapped read-only: glyph loads cost no system calls */
    size_t map_len;
    TTF_Font *probe;   /* opened small, for glyph coverage queries */
    TTF_Font *scratch; /* resized on demand for measuring at sizes not open below */
    int scratch_px;
    bool bitmap; /* fixed strikes only (colour emoji): scaled when drawn */
};

struct sized_font {
    int file, px;
    TTF_Font *font;
    uint64_t used;
};

struct cp_slot {
    uint32_t key; /* (cp << 2 | presentation) << 3 | face, + 1 so 0 means empty */
    int16_t file;
};

struct font_set {
    struct font_file files[MAX_FILES];
    int n_files;
    int fallbacks[FACE_COUNT][MAX_FILES]; /* fallback file ids tried first, in order */
    int n_fallbacks[FACE_COUNT];
    struct sized_font sized[MAX_SIZED];
    uint64_t tick;
    struct cp_slot cps[CP_SLOTS];
    size_t n_cps;
    FcConfig *fc;
};

static TTF_Font *open_font(const struct font_file *ff, int px)
{
    SDL_RWops *rw = SDL_RWFromConstMem(ff->map, (int)ff->map_len);
    return rw ? TTF_OpenFontIndexRW(rw, 1, px, ff->index) : NULL;
}

static int add_file(struct font_set *fs, const char *path, int index, struct nr_err *err)
{
    for (int i = 0; i < fs->n_files; i++)
        if (fs->files[i].index == index && strcmp(fs->files[i].path, path) == 0)
            return i;
    if (fs->n_files == MAX_FILES) {
        nr_fail(err, NR_ERR_TOO_BIG, "too many fonts; '%s' not used", path);
        return -1;
    }
    struct font_file *ff = &fs->files[fs->n_files];
    struct stat st;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    void *map = MAP_FAILED;
    if (fd >= 0 && fstat(fd, &st) == 0 && st.st_size > 0 && st.st_size < INT32_MAX)
        map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (fd >= 0)
        close(fd);
    if (map == MAP_FAILED) {
        nr_fail(err, NR_ERR_IO, "cannot open font '%s'", path);
        return -1;
    }
    ff->map = map;
    ff->map_len = (size_t)st.st_size;
    TTF_Font *probe = open_font(ff, 16);
    if (!probe) {
        nr_fail(err, NR_ERR_IO, "cannot open font '%s': %s", path, TTF_GetError());
        munmap(ff->map, ff->map_len);
        ff->map = NULL;
        return -1;
    }
    TTF_Font *big = open_font(ff, 48);
    bool bitmap = big && TTF_FontHeight(big) == TTF_FontHeight(probe);
    if (big)
        TTF_CloseFont(big);
    ff->path = xstrdup(path);
    ff->index = index;
    ff->probe = probe;
    ff->bitmap = bitmap;
    return fs->n_files++;
}

struct font_set *draw_font_set_new(const char *font_dir, const char *const files[FACE_COUNT],
                                   struct nr_err *err)
{
    struct font_set *fs = xcalloc(1, sizeof *fs);
    if (!TTF_WasInit() && TTF_Init() != 0) {
        nr_fail(err, NR_ERR_INTERNAL, "cannot start SDL_ttf: %s", TTF_GetError());
        free(fs);
        return NULL;
    }
    for (int f = 0; f < FACE_COUNT; f++) {
        char path[4096];
        if (files && files[f])
            snprintf(path, sizeof path, "%s", files[f]);
        else
            snprintf(path, sizeof path, "%s/%s", font_dir, bundled[f]);
        if (add_file(fs, path, 0, err) != f) {
            draw_font_set_free(fs);
            return NULL;
        }
    }
    return fs;
}

void draw_font_set_free(struct font_set *fs)
{
    if (!fs)
        return;
    for (int i = 0; i < MAX_SIZED; i++)
        if (fs->sized[i].font)
            TTF_CloseFont(fs->sized[i].font);
    for (int i = 0; i < fs->n_files; i++) {
        TTF_CloseFont(fs->files[i].probe);
        if (fs->files[i].scratch)
            TTF_CloseFont(fs->files[i].scratch);
        munmap(fs->files[i].map, fs->files[i].map_len);
        free(fs->files[i].path);
    }
    if (fs->fc)
        FcConfigDestroy(fs->fc);
    free(fs);
}

bool draw_font_has(struct font_set *fs, int file_id, uint32_t cp)
{
    return file_id >= 0 && file_id < fs->n_files &&
           TTF_GlyphIsProvided32(fs->files[file_id].probe, cp);
}

/* Whether file id suits presentation p: colour emoji fonts are bitmap-only (fixed strikes). */
static bool suits(const struct font_set *fs, int id, enum presentation p)
{
    return p == PRES_DEFAULT || fs->files[id].bitmap == (p == PRES_EMOJI);
}

/* Asks fontconfig for a font of f's style (or an emoji font, for PRES_EMOJI) that covers cp
 * and suits p. */
static int fc_lookup(struct font_set *fs, enum face f, uint32_t cp, enum presentation p)
{
    bool serif = f == FACE_HEADLINE || f == FACE_QUOTE;
    bool bold = f == FACE_HEADLINE || f == FACE_BODY_BOLD;
    int found = -1;
    FcResult res;

    if (!fs->fc) {
        fs->fc = FcInitLoadConfigAndFonts();
        if (!fs->fc)
            return -1;
    }
    FcPattern *pat = FcPatternCreate();
    FcCharSet *cs = FcCharSetCreate();
    FcCharSetAddChar(cs, cp);
    FcPatternAddString(pat, FC_FAMILY,
                       (const FcChar8 *)(p == PRES_EMOJI ? "emoji"
                                         : serif         ? "serif"
                                                         : "sans-serif"));
    if (p != PRES_DEFAULT)
        FcPatternAddBool(pat, FC_COLOR, p == PRES_EMOJI);
    FcPatternAddInteger(pat, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pat, FC_SLANT, f == FACE_QUOTE ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
    FcPatternAddInteger(pat, FC_WIDTH, FC_WIDTH_NORMAL);
    FcPatternAddCharSet(pat, FC_CHARSET, cs);
    FcConfigSubstitute(fs->fc, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcFontSet *set = FcFontSort(fs->fc, pat, FcFalse, NULL, &res);
    for (int i = 0; set && i < set->nfont && found < 0; i++) {
        FcCharSet *fcs;
        FcChar8 *file;
        int index = 0;
        if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &fcs) != FcResultMatch ||
            !FcCharSetHasChar(fcs, cp))
            continue;
        if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) != FcResultMatch)
            continue;
        (void)FcPatternGetInteger(set->fonts[i], FC_INDEX, 0, &index);
        struct nr_err err = { 0 };
        int id = add_file(fs, (const char *)file, index, &err);
        if (id >= 0 && draw_font_has(fs, id, cp) && suits(fs, id, p))
            found = id;
    }
    if (set)
        FcFontSetDestroy(set);
    FcCharSetDestroy(cs);
    FcPatternDestroy(pat);
    if (found >= 0 && fs->n_fallbacks[f] < MAX_FILES) {
        fs->fallbacks[f][fs->n_fallbacks[f]++] = found;
        nr_debug("font fallback for U+%04X: '%s'", cp, fs->files[found].path);
    }
    return found;
}

int draw_font_for_presentation(struct font_set *fs, enum face f, uint32_t cp, enum presentation p)
{
    if (draw_font_has(fs, f, cp) && suits(fs, f, p))
        return f;
    uint32_t key = ((((cp << 2) | (uint32_t)p) << 3) | (uint32_t)f) + 1;
    size_t h = (key * 2654435761u) % CP_SLOTS;
    while (fs->cps[h].key) {
        if (fs->cps[h].key == key)
            return fs->cps[h].file;
        h = (h + 1) % CP_SLOTS;
    }
    int id = -1;
    for (int i = 0; i < fs->n_fallbacks[f] && id < 0; i++)
        if (draw_font_has(fs, fs->fallbacks[f][i], cp) && suits(fs, fs->fallbacks[f][i], p))
            id = fs->fallbacks[f][i];
    if (id < 0)
        id = fc_lookup(fs, f, cp, p);
    if (id < 0 && p != PRES_DEFAULT) /* no font of that kind has it: any that does */
        id = draw_font_for_presentation(fs, f, cp, PRES_DEFAULT);
    if (fs->n_cps > CP_SLOTS / 2) { /* forget, rather than grow without bound */
        memset(fs->cps, 0, sizeof fs->cps);
        fs->n_cps = 0;
    }
    /* probed again: the lookups above may have filled slots */
    for (h = (key * 2654435761u) % CP_SLOTS; fs->cps[h].key; h = (h + 1) % CP_SLOTS)
        ;
    fs->cps[h] = (struct cp_slot){ key, (int16_t)id };
    fs->n_cps++;
    return id;
}

int draw_font_for(struct font_set *fs, enum face f, uint32_t cp)
{
    return draw_font_for_presentation(fs, f, cp, PRES_DEFAULT);
}

void draw_font_metrics(struct font_set *fs, enum face f, int px, int *ascent, int *descent)
{
    double scale;
    TTF_Font *font = draw_font_get(fs, f, f, px, false, &scale);
    *ascent = font ? TTF_FontAscent(font) : px;
    *descent = font ? -TTF_FontDescent(font) : px / 4;
}

TTF_Font *draw_font_get(struct font_set *fs, enum face f, int file_id, int px, bool for_drawing,
                        double *scale)
{
    struct sized_font *slot = NULL, *lru = &fs->sized[0];
    const struct font_file *ff = &fs->files[file_id];
    int key_px = ff->bitmap ? 0 : px;
    *scale = 1.0;
    for (int i = 0; i < MAX_SIZED; i++) {
        struct sized_font *s = &fs->sized[i];
        if (s->font && s->file == file_id && s->px == key_px) {
            slot = s;
            break;
        }
        if (!s->font || (lru->font && s->used < lru->used))
            lru = s;
    }
    if (!slot && !for_drawing && !ff->bitmap) {
        /* measuring tries many sizes (the size search): one font resized is far cheaper
         * than opening the file again for each */
        struct font_file *mf = &fs->files[file_id];
        if (!mf->scratch) {
            mf->scratch = open_font(ff, px);
            if (!mf->scratch)
                return NULL;
            TTF_SetFontHinting(mf->scratch, TTF_HINTING_LIGHT);
            mf->scratch_px = px;
        } else if (mf->scratch_px != px) {
            if (TTF_SetFontSize(mf->scratch, px) != 0)
                return NULL;
            mf->scratch_px = px;
        }
        return mf->scratch;
    }
    if (!slot) {
        TTF_Font *font = open_font(ff, px);
        if (!font)
            return NULL;
        TTF_SetFontHinting(font, TTF_HINTING_LIGHT);
        if (lru->font)
            TTF_CloseFont(lru->font);
        *lru = (struct sized_font){ .file = file_id, .px = key_px, .font = font };
        slot = lru;
    }
    slot->used = ++fs->tick;
    if (ff->bitmap) {
        /* a colour emoji strike is drawn at the height of the face's capitals and digits */
        int asc, desc;
        draw_font_metrics(fs, f, px, &asc, &desc);
        int h = TTF_FontHeight(slot->font);
        *scale = h > 0 ? (asc + desc) * 0.86 / h : 1.0;
    }
    return slot->font;
}
