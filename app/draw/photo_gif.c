/* photo_gif.c: the first frame of a GIF, placed on its canvas, decoded with giflib. The
 * frame is checked against the size caps before anything is allocated for it (a GIF's
 * frame may claim more than its canvas), and the canvas is shrunk to the box row by row as
 * the rows come, transparent where no frame covers it. An interlaced frame sends its rows
 * in four sweeps: past GIF_BAND_BYTES it is read once for each band of rows, from the
 * file's start, keeping that band only. Thread-safe. */
#include "draw_int.h"

#include "alloc.h"
#include "nr_limits.h"

#include <gif_lib.h>
#include <stdlib.h>
#include <string.h>

#define GIF_BAND_BYTES ((size_t)4 * 1024 * 1024) /* an interlaced frame's rows held at once */
#define GIF_MAX_PASSES 16                        /* past it the bands grow instead */

struct gif_src {
    const unsigned char *p;
    size_t len, pos;
};

static int gif_read(GifFileType *g, GifByteType *buf, int n)
{
    struct gif_src *s = g->UserData;
    size_t left = s->len - s->pos;
    if (n < 0)
        return 0;
    if ((size_t)n > left)
        n = (int)left;
    memcpy(buf, s->p + s->pos, (size_t)n);
    s->pos += (size_t)n;
    return n;
}

/* A canvas row as RGBA into row (w pixels): transparent, with the frame's row src (NULL:
 * none crosses it) in its place. */
static void canvas_row(const GifImageDesc *fr, const GifColorType *colors, int n_colors,
                       int transparent, const uint8_t *src, int w, uint8_t *row)
{
    memset(row, 0, (size_t)w * 4);
    if (!src || fr->Left >= w)
        return;
    int n = fr->Left + fr->Width <= w ? fr->Width : w - fr->Left;
    uint8_t *out = row + (size_t)fr->Left * 4;
    for (int x = 0; x < n; x++) {
        int i = src[x];
        if (i == transparent || i >= n_colors)
            continue; /* transparent; a missing colour too */
        out[x * 4] = colors[i].Red;
        out[x * 4 + 1] = colors[i].Green;
        out[x * 4 + 2] = colors[i].Blue;
        out[x * 4 + 3] = 255;
    }
}

/* Opens the GIF in src (from its start) and reads up to its first frame's descriptor: the
 * frame in *fr, its transparent colour in *transparent. NULL with err. */
static GifFileType *open_at_frame(struct gif_src *src, int *transparent, struct nr_err *err)
{
    int e = 0;
    src->pos = 0;
    *transparent = -1;
    GifFileType *g = DGifOpen(src, gif_read, &e);
    if (!g) {
        nr_fail(err, NR_ERR_IMAGE, "GIF cannot be decoded: %s", GifErrorString(e));
        return NULL;
    }
    for (;;) {
        GifRecordType type;
        if (DGifGetRecordType(g, &type) != GIF_OK)
            goto broken;
        if (type == TERMINATE_RECORD_TYPE) {
            nr_fail(err, NR_ERR_IMAGE, "GIF has no frame");
            goto out;
        }
        if (type == EXTENSION_RECORD_TYPE) {
            int code;
            GifByteType *ext;
            if (DGifGetExtension(g, &code, &ext) != GIF_OK)
                goto broken;
            /* the graphic control block before the frame names its transparent colour */
            if (code == GRAPHICS_EXT_FUNC_CODE && ext && ext[0] >= 4 && (ext[1] & 1))
                *transparent = ext[4];
            while (ext)
                if (DGifGetExtensionNext(g, &ext) != GIF_OK)
                    goto broken;
            continue;
        }
        if (type == IMAGE_DESC_RECORD_TYPE)
            break;
    }
    if (DGifGetImageDesc(g) == GIF_OK)
        return g;
broken:
    nr_fail(err, NR_ERR_IMAGE, "GIF cannot be decoded: %s", GifErrorString(g->Error));
out:
    DGifCloseFile(g, &e);
    return NULL;
}

/* An interlaced frame's rows [from, from + n) into band (n rows of Width), read through all
 * four sweeps; a row that is not wanted goes through skip. false when the file is cut short
 * (an interlaced frame is then refused: its lower half is missing all over). */
static bool read_band(GifFileType *g, int from, int n, uint8_t *band, uint8_t *skip)
{
    const GifImageDesc *fr = &g->Image;
    static const int start[] = { 0, 4, 2, 1 }, step[] = { 8, 8, 4, 2 };
    for (int pass = 0; pass < 4; pass++)
        for (int y = start[pass]; y < fr->Height; y += step[pass]) {
            uint8_t *to =
                y >= from && y < from + n ? band + (size_t)(y - from) * (size_t)fr->Width : skip;
            if (DGifGetLine(g, to, fr->Width) != GIF_OK)
                return false;
        }
    return true;
}

SDL_Surface *draw_photo_gif_decode(const void *data, size_t len, int w, int h, int box_w, int box_h,
                                   struct photo_info *info, struct nr_err *err)
{
    struct gif_src src = { data, len, 0 };
    int e = 0, transparent = -1, dw, dh, rows_done = 0;
    uint8_t *idx = NULL, *skip = NULL, *row = NULL;
    SDL_Surface *out = NULL;
    GifImageDesc fr;
    ColorMapObject *map = NULL;
    struct shrink sh = { 0 };
    info->decoded_pct = 100;
    info->cut_scan = 0;
    info->has_alpha = false;
    GifFileType *g = open_at_frame(&src, &transparent, err);
    if (!g)
        return NULL;
    if (g->SWidth != w || g->SHeight != h) {
        nr_fail(err, NR_ERR_IMAGE, "photo header says '%dx%d' but decodes to '%dx%d'", w, h,
                g->SWidth, g->SHeight);
        goto out;
    }
    fr = g->Image;
    if (fr.Width <= 0 || fr.Height <= 0 || fr.Width > NR_MAX_PHOTO_SIDE ||
        fr.Height > NR_MAX_PHOTO_SIDE ||
        (uint64_t)fr.Width * (uint64_t)fr.Height > NR_MAX_PHOTO_PIXELS) {
        /* the canvas passed the caps; a frame may claim more on its own */
        nr_fail(err, NR_ERR_TOO_BIG, "GIF frame of '%dx%d' px is over the size cap", fr.Width,
                fr.Height);
        goto out;
    }
    if (!(fr.ColorMap ? fr.ColorMap : g->SColorMap) ||
        !(fr.ColorMap ? fr.ColorMap : g->SColorMap)->Colors) {
        nr_fail(err, NR_ERR_IMAGE, "GIF frame has no colours");
        goto out;
    }
    /* a copy: the frame's own map goes with the descriptor when the file is opened again */
    map = GifMakeMapObject((fr.ColorMap ? fr.ColorMap : g->SColorMap)->ColorCount,
                           (fr.ColorMap ? fr.ColorMap : g->SColorMap)->Colors);
    if (!map) {
        nr_fail(err, NR_ERR_IMAGE, "no memory for a GIF's colours");
        goto out;
    }
    info->has_alpha = fr.Left > 0 || fr.Top > 0 || fr.Left + fr.Width < w ||
                      fr.Top + fr.Height < h || transparent >= 0;
    draw_photo_cover_size(w, h, box_w, box_h, &dw, &dh);
    out = SDL_CreateRGBSurfaceWithFormat(0, dw, dh, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!out) {
        nr_fail(err, NR_ERR_IMAGE, "no memory for a '%dx%d' photo", dw, dh);
        goto out;
    }
    row = xmalloc((size_t)w * 4);
    draw_shrink_init(&sh, w, h, out);
    /* the frame's rows held at once: one for a frame sent top to bottom, a band of them for
     * an interlaced one */
    int band = 1;
    if (fr.Interlace) {
        size_t fit = GIF_BAND_BYTES / (size_t)fr.Width;
        int least = (fr.Height + GIF_MAX_PASSES - 1) / GIF_MAX_PASSES;
        band = fit < (size_t)fr.Height ? (int)fit : fr.Height;
        if (band < least)
            band = least;
        skip = xmalloc((size_t)fr.Width);
    }
    idx = xmalloc((size_t)fr.Width * (size_t)band);
    int have_from = 0, have_n = 0; /* frame rows [have_from, have_from + have_n) are in idx */
    bool cut = false;
    for (int y = 0; y < h; y++) {
        int fy = y - fr.Top;
        const uint8_t *src_row = NULL;
        if (fy >= 0 && fy < fr.Height && !cut) {
            if (!fr.Interlace) {
                if (DGifGetLine(g, idx, fr.Width) == GIF_OK) {
                    src_row = idx;
                    rows_done = fy + 1;
                } else {
                    cut = true;
                }
            } else {
                if (fy >= have_from + have_n) {
                    /* the next band, the file read again from its start */
                    if (have_n > 0) {
                        DGifCloseFile(g, &e);
                        g = open_at_frame(&src, &transparent, err);
                        if (!g)
                            goto fail;
                    }
                    have_from = fy;
                    have_n = fr.Height - fy < band ? fr.Height - fy : band;
                    if (!read_band(g, have_from, have_n, idx, skip)) {
                        nr_fail(err, NR_ERR_IMAGE, "GIF is cut short before its first row");
                        goto fail;
                    }
                    rows_done = have_from + have_n;
                }
                src_row = idx + (size_t)(fy - have_from) * (size_t)fr.Width;
            }
        }
        canvas_row(&fr, map->Colors, map->ColorCount, transparent, src_row, w, row);
        draw_shrink_row(&sh, row, PX_RGBA);
    }
    /* a frame reaching past the canvas is whole when every row the canvas shows came */
    if (cut) {
        if (rows_done < 1) {
            nr_fail(err, NR_ERR_IMAGE, "GIF is cut short before its first row");
            goto fail;
        }
        info->decoded_pct = (int)((int64_t)rows_done * 100 / fr.Height);
    }
    goto out;
fail:
    draw_shrink_release(&sh); /* it writes its last rows into out */
    SDL_FreeSurface(out);
    out = NULL;
out:
    draw_shrink_release(&sh);
    GifFreeMapObject(map);
    free(idx);
    free(skip);
    free(row);
    if (g)
        DGifCloseFile(g, &e);
    return out;
}
