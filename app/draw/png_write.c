/* png_write.c: a surface saved as an 8-bit PNG with libpng, RGBA when the surface's format
 * has an alpha channel and RGB when it has none, one row converted at a time so that saving
 * a 4K slide costs one row of memory and not a second copy of the slide. */
#include "draw_int.h"

#include "alloc.h"

#include <errno.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct png_out {
    png_structp png;
    png_infop info;
    FILE *f;
    uint8_t *row;
    char msg[160];
};

static void on_error(png_structp png, png_const_charp msg)
{
    struct png_out *o = png_get_error_ptr(png);
    snprintf(o->msg, sizeof o->msg, "%s", msg);
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg; /* nothing libpng warns about on writing changes the pixels */
}

/* Writes every row of s, converting each into o->row; longjmps out through on_error. */
static void write_rows(struct png_out *o, SDL_Surface *s, Uint32 row_format, struct nr_err *err,
                       bool *convert_failed)
{
    size_t px = SDL_BYTESPERPIXEL(row_format);
    for (int y = 0; y < s->h; y++) {
        const uint8_t *src = (const uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch;
        if (SDL_ConvertPixels(s->w, 1, s->format->format, src, s->pitch, row_format, o->row,
                              (int)(px * (size_t)s->w)) != 0) {
            nr_fail(err, NR_ERR_IMAGE, "cannot convert a row for PNG: %s", SDL_GetError());
            *convert_failed = true;
            return;
        }
        png_write_row(o->png, o->row);
    }
}

enum nr_result draw_save_png(SDL_Surface *s, const char *path, struct nr_err *err)
{
    if (!s || s->w <= 0 || s->h <= 0 || !s->pixels)
        return nr_fail(err, NR_ERR_IMAGE, "no pixels to write to '%s'", path);
    bool alpha = s->format->Amask != 0; /* palette formats: refused by the row conversion */
    Uint32 row_format = alpha ? SDL_PIXELFORMAT_RGBA32 : SDL_PIXELFORMAT_RGB24;
    struct png_out o = { 0 };
    enum nr_result ret = NR_OK;
    bool convert_failed = false, locked = false, regular = false;
    struct stat st;

    o.f = fopen(path, "wb");
    if (!o.f)
        return nr_fail(err, NR_ERR_IO, "cannot write '%s': %s", path, strerror(errno));
    regular = fstat(fileno(o.f), &st) == 0 && S_ISREG(st.st_mode);
    o.row = xmalloc((size_t)s->w * SDL_BYTESPERPIXEL(row_format));
    o.png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &o, on_error, on_warning);
    o.info = o.png ? png_create_info_struct(o.png) : NULL;
    if (!o.info) {
        ret = nr_fail(err, NR_ERR_INTERNAL, "libpng cannot start writing '%s'", path);
        goto out;
    }
    if (SDL_MUSTLOCK(s)) {
        if (SDL_LockSurface(s) != 0) {
            ret = nr_fail(err, NR_ERR_IMAGE, "cannot lock the surface for '%s': %s", path,
                          SDL_GetError());
            goto out;
        }
        locked = true;
    }
    if (setjmp(png_jmpbuf(o.png))) {
        ret = nr_fail(err, NR_ERR_IO, "cannot write '%s': %s", path, o.msg);
        goto out;
    }
    png_init_io(o.png, o.f);
    png_set_IHDR(o.png, o.info, (png_uint_32)s->w, (png_uint_32)s->h, 8,
                 alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(o.png, o.info);
    write_rows(&o, s, row_format, err, &convert_failed);
    if (convert_failed) {
        ret = NR_ERR_IMAGE;
        goto out;
    }
    png_write_end(o.png, o.info);
    if (fflush(o.f) != 0 || ferror(o.f))
        ret = nr_fail(err, NR_ERR_IO, "cannot write '%s': %s", path, strerror(errno));
out:
    if (locked)
        SDL_UnlockSurface(s);
    if (o.png)
        png_destroy_write_struct(&o.png, o.info ? &o.info : NULL);
    free(o.row);
    if (fclose(o.f) != 0 && ret == NR_OK)
        ret = nr_fail(err, NR_ERR_IO, "cannot write '%s': %s", path, strerror(errno));
    if (ret != NR_OK && regular)
        remove(path); /* no half-written PNG left for a viewer to choke on (never a device) */
    return ret;
}
