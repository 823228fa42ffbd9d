/* photo_gif.c: the first frame of a GIF, placed on its canvas, decoded with giflib. The
 * frame is checked against the size caps before anything is allocated for it (a GIF's
 * frame may claim more than its canvas), read into one byte a pixel, and the canvas is
 * shrunk to the box row by row, transparent where no frame covers it. Thread-safe. */
#include "draw_int.h"

#include "alloc.h"
#include "nr_limits.h"

#include <gif_lib.h>
#include <stdlib.h>
#include <string.h>

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

/* Canvas row y as RGBA into row (w pixels): transparent, with the frame's part of it. */
static void canvas_row(const GifImageDesc *fr, const GifColorType *colors, int n_colors,
                       int transparent, const uint8_t *idx, int rows_done, int w, int y,
                       uint8_t *row)
{
    memset(row, 0, (size_t)w * 4);
    int fy = y - fr->Top;
    if (fy < 0 || fy >= rows_done || fr->Left >= w)
        return;
    int n = fr->Left + fr->Width <= w ? fr->Width : w - fr->Left;
    const uint8_t *src = idx + (size_t)fy * (size_t)fr->Width;
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

/* Reads the first frame's pixel indexes into idx (Width x Height); the rows that arrived,
 * top to bottom (an interlaced frame cut short: 0). */
static int read_frame(GifFileType *g, uint8_t *idx)
{
    const GifImageDesc *fr = &g->Image;
    if (!fr->Interlace) {
        for (int y = 0; y < fr->Height; y++)
            if (DGifGetLine(g, idx + (size_t)y * (size_t)fr->Width, fr->Width) != GIF_OK)
                return y;
        return fr->Height;
    }
    static const int start[] = { 0, 4, 2, 1 }, step[] = { 8, 8, 4, 2 };
    for (int pass = 0; pass < 4; pass++)
        for (int y = start[pass]; y < fr->Height; y += step[pass])
            if (DGifGetLine(g, idx + (size_t)y * (size_t)fr->Width, fr->Width) != GIF_OK)
                return 0;
    return fr->Height;
}

SDL_Surface *draw_photo_gif_decode(const void *data, size_t len, int w, int h, int box_w, int box_h,
                                   struct photo_info *info, struct nr_err *err)
{
    struct gif_src src = { data, len, 0 };
    int e = 0, transparent = -1, dw, dh, rows_done = 0;
    uint8_t *idx = NULL, *row = NULL;
    SDL_Surface *out = NULL;
    GifImageDesc fr;
    const ColorMapObject *map = NULL;
    info->decoded_pct = 100;
    info->cut_scan = 0;
    info->has_alpha = false;
    GifFileType *g = DGifOpen(&src, gif_read, &e);
    if (!g) {
        nr_fail(err, NR_ERR_IMAGE, "GIF cannot be decoded: %s", GifErrorString(e));
        return NULL;
    }
    if (g->SWidth != w || g->SHeight != h) {
        nr_fail(err, NR_ERR_IMAGE, "photo header says '%dx%d' but decodes to '%dx%d'", w, h,
                g->SWidth, g->SHeight);
        goto out;
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
                transparent = ext[4];
            while (ext)
                if (DGifGetExtensionNext(g, &ext) != GIF_OK)
                    goto broken;
            continue;
        }
        if (type == IMAGE_DESC_RECORD_TYPE)
            break;
    }
    if (DGifGetImageDesc(g) != GIF_OK)
        goto broken;
    fr = g->Image;
    if (fr.Width <= 0 || fr.Height <= 0 || fr.Width > NR_MAX_PHOTO_SIDE ||
        fr.Height > NR_MAX_PHOTO_SIDE ||
        (uint64_t)fr.Width * (uint64_t)fr.Height > NR_MAX_PHOTO_PIXELS) {
        /* the canvas passed the caps; a frame may claim more on its own */
        nr_fail(err, NR_ERR_TOO_BIG, "GIF frame of '%dx%d' px is over the size cap", fr.Width,
                fr.Height);
        goto out;
    }
    map = fr.ColorMap ? fr.ColorMap : g->SColorMap;
    if (!map || !map->Colors) {
        nr_fail(err, NR_ERR_IMAGE, "GIF frame has no colours");
        goto out;
    }
    idx = xmalloc((size_t)fr.Width * (size_t)fr.Height);
    rows_done = read_frame(g, idx);
    if (rows_done < fr.Height) {
        if (rows_done < 1) {
            nr_fail(err, NR_ERR_IMAGE, "GIF is cut short before its first row");
            goto out;
        }
        info->decoded_pct = (int)((int64_t)rows_done * 100 / fr.Height);
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
    struct shrink sh;
    draw_shrink_init(&sh, w, h, out);
    for (int y = 0; y < h; y++) {
        canvas_row(&fr, map->Colors, map->ColorCount, transparent, idx, rows_done, w, y, row);
        draw_shrink_row(&sh, row, PX_RGBA);
    }
    draw_shrink_release(&sh);
    goto out;
broken:
    nr_fail(err, NR_ERR_IMAGE, "GIF cannot be decoded: %s", GifErrorString(g->Error));
out:
    free(idx);
    free(row);
    DGifCloseFile(g, &e);
    return out;
}
