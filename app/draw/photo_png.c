/* photo_png.c: PNG decoding row by row into the area shrink, so that memory follows the
 * photo box and not the file (an 8192 px RGBA PNG of a few hundred KB would take 160 MB
 * whole). Every colour type becomes 8-bit RGBA; an embedded ICC profile is honoured.
 * Thread-safe: no state. */
#include "draw_int.h"

#include "alloc.h"

#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct png_job {
    png_structp png;
    png_infop info;
    const unsigned char *data;
    size_t len, pos;
    bool cut; /* the data ran out before the image ended */
    char msg[160];
    struct shrink sh;
    SDL_Surface *out, *whole;
    uint8_t *row;
};

static void on_error(png_structp png, png_const_charp msg)
{
    struct png_job *j = png_get_error_ptr(png);
    snprintf(j->msg, sizeof j->msg, "%s", msg);
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg; /* ancillary chunk trouble: the pixels are still good */
}

static void on_read(png_structp png, png_bytep out, size_t n)
{
    struct png_job *j = png_get_io_ptr(png);
    if (n > j->len - j->pos) {
        j->cut = true;
        png_error(png, "the file is cut short");
    }
    memcpy(out, j->data + j->pos, n);
    j->pos += n;
}

/* Every row of a non-interlaced image straight into the shrink. */
static void read_rows(struct png_job *j, int w, int h)
{
    for (int y = 0; y < h; y++) {
        png_read_row(j->png, j->row, NULL);
        draw_shrink_row(&j->sh, j->row, PX_RGBA);
    }
    (void)w;
}

/* An interlaced (Adam7) image arrives in seven passes over the whole picture; only the
 * last holds full rows (every odd one, at full width). Passes 1 to 6 are read past; the
 * odd rows, half the picture's height, go to the shrink, which is enough whenever the box
 * is at most half the picture's height. */
static void read_last_pass(struct png_job *j, int w, int h)
{
    for (int pass = 0; pass < 7; pass++) {
        int rows = (int)PNG_PASS_ROWS((png_uint_32)h, pass);
        if (PNG_PASS_COLS((png_uint_32)w, pass) == 0)
            rows = 0; /* libpng skips a pass with no columns */
        for (int y = 0; y < rows; y++) {
            png_read_row(j->png, j->row, NULL);
            if (pass == 6)
                draw_shrink_row(&j->sh, j->row, PX_RGBA);
        }
    }
}

/* An interlaced image close to the box's size: decoded whole (at most four times the box),
 * then shrunk. */
static void read_whole(struct png_job *j, int w, int h)
{
    j->whole = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ABGR8888);
    if (!j->whole)
        png_error(j->png, "no memory for the interlaced image");
    png_bytep *rows = xmalloc((size_t)h * sizeof *rows);
    for (int y = 0; y < h; y++)
        rows[y] = (png_bytep)j->whole->pixels + (size_t)y * j->whole->pitch;
    int passes = png_set_interlace_handling(j->png);
    png_read_update_info(j->png, j->info);
    for (int pass = 0; pass < passes; pass++)
        png_read_rows(j->png, rows, NULL, (png_uint_32)h);
    free(rows);
    for (int y = 0; y < h; y++)
        draw_shrink_row(&j->sh, (const uint8_t *)j->whole->pixels + (size_t)y * j->whole->pitch,
                        PX_RGBA);
}

static void job_decode(struct png_job *j, int w, int h, int box_w, int box_h,
                       struct photo_info *info)
{
    png_uint_32 pw, ph;
    int depth, color, interlace;
    int dw, dh;
    png_set_read_fn(j->png, j, on_read);
    png_read_info(j->png, j->info);
    png_get_IHDR(j->png, j->info, &pw, &ph, &depth, &color, &interlace, NULL, NULL);
    if ((int)pw != w || (int)ph != h)
        png_error(j->png, "the header changed its size");
    png_set_expand(j->png); /* palette, low-bit grey and tRNS become RGB(A) */
    png_set_scale_16(j->png);
    png_set_gray_to_rgb(j->png);
    png_set_filler(j->png, 0xff, PNG_FILLER_AFTER);
    info->has_alpha =
        (color & PNG_COLOR_MASK_ALPHA) || png_get_valid(j->png, j->info, PNG_INFO_tRNS);
    draw_photo_cover_size(w, h, box_w, box_h, &dw, &dh);
    bool interlaced = interlace != PNG_INTERLACE_NONE;
    bool last_pass = interlaced && dh <= h / 2 && h >= 2;
    if (!interlaced || last_pass)
        png_read_update_info(j->png, j->info);
    j->out = SDL_CreateRGBSurfaceWithFormat(0, dw, dh, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!j->out)
        png_error(j->png, "no memory for the photo");
    j->row = xmalloc((size_t)w * 4);
    draw_shrink_init(&j->sh, w, last_pass ? h / 2 : h, j->out);
    if (!interlaced)
        read_rows(j, w, h);
    else if (last_pass)
        read_last_pass(j, w, h);
    else
        read_whole(j, w, h);
}

SDL_Surface *draw_photo_png_decode(const void *data, size_t len, int w, int h, int box_w, int box_h,
                                   struct photo_info *info, struct nr_err *err)
{
    struct png_job *j = xcalloc(1, sizeof *j);
    SDL_Surface *out = NULL;
    info->decoded_pct = 100;
    info->cut_scan = 0;
    info->has_alpha = false;
    j->data = data;
    j->len = len;
    j->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, j, on_error, on_warning);
    j->info = j->png ? png_create_info_struct(j->png) : NULL;
    if (!j->info) {
        nr_fail(err, NR_ERR_IMAGE, "no memory to decode a PNG");
        goto out;
    }
    png_set_crc_action(j->png, PNG_CRC_WARN_USE, PNG_CRC_WARN_USE);
    if (setjmp(png_jmpbuf(j->png)) == 0) {
        job_decode(j, w, h, box_w, box_h, info);
        png_uint_32 n;
        png_charp name;
        png_bytep icc;
        int comp;
        if (png_get_iCCP(j->png, j->info, &name, &comp, &icc, &n) == PNG_INFO_iCCP)
            draw_photo_icc_to_srgb(j->out, icc, n);
        out = j->out;
    } else if (j->cut && j->out && j->sh.dy >= 1) {
        /* cut short: the rows that came, for draw_photo_decode to judge */
        info->decoded_pct = j->sh.sh ? (int)((int64_t)j->sh.rows_in * 100 / j->sh.sh) : 0;
        int keep = j->sh.dy;
        draw_shrink_release(&j->sh);
        out = SDL_CreateRGBSurfaceWithFormat(0, j->out->w, keep, 32, SDL_PIXELFORMAT_ARGB8888);
        if (out)
            for (int y = 0; y < keep; y++)
                memcpy((uint8_t *)out->pixels + (size_t)y * out->pitch,
                       (const uint8_t *)j->out->pixels + (size_t)y * j->out->pitch,
                       (size_t)out->w * 4);
        SDL_FreeSurface(j->out);
    } else {
        if (j->cut)
            nr_fail(err, NR_ERR_IMAGE, "PNG is cut short before its first row");
        else
            nr_fail(err, NR_ERR_IMAGE, "PNG cannot be decoded: %s", j->msg);
        SDL_FreeSurface(j->out);
    }
out:
    draw_shrink_release(&j->sh);
    SDL_FreeSurface(j->whole);
    free(j->row);
    png_destroy_read_struct(j->png ? &j->png : NULL, j->info ? &j->info : NULL, NULL);
    free(j);
    return out;
}
