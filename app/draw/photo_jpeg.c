/* photo_jpeg.c: JPEG decoding straight to the photo box's size: libjpeg-turbo's DCT scaling
 * (1/8 to 1/1) gets within 2x of the box, the area shrink does the rest row by row, so a
 * 24-megapixel original never exists whole in memory. CMYK and YCCK (Adobe's inverted ink
 * included) become RGB; an embedded ICC profile is honoured. Thread-safe: no state. */
#include "draw_int.h"

#include "alloc.h"

#include <jpeglib.h>
#include <jerror.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "banned.h"

/* A progressive JPEG keeps every DCT coefficient of the image until its last scan: about
 * 3 bytes a pixel in 4:2:0, 6 in 4:4:4 (72 and 144 MB for 6000x4000). libjpeg refuses
 * politely past this many bytes, which keeps a kiosk of about 60 MB well inside the unit's
 * MemoryMax=256M. */
#define JPEG_MAX_WORK_BYTES ((long)128 * 1024 * 1024)

struct jpeg_ctx {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    char msg[JMSG_LENGTH_MAX];
    struct jpeg_source_mgr src;
    const unsigned char *data;
    size_t len;
    bool eof;   /* the data ran out before the image ended */
    int eof_scan;   /* input scan number when it did */
};

static void on_error(j_common_ptr cinfo)
{
    struct jpeg_ctx *c = (struct jpeg_ctx *)cinfo->err;
    if (cinfo->err->msg_code == JERR_NO_BACKING_STORE)   /* over JPEG_MAX_WORK_BYTES */
        snprintf(c->msg, sizeof c->msg, "progressive JPEG needs more than %ld MiB to decode",
                 JPEG_MAX_WORK_BYTES >> 20);
    else
        (*cinfo->err->format_message)(cinfo, c->msg);
    longjmp(c->jump, 1);
}

static void on_message(j_common_ptr cinfo, int level)
{
    (void)cinfo;
    (void)level;   /* warnings (corrupt data, premature end) are judged from eof below */
}

static void src_init(j_decompress_ptr cinfo)
{
    (void)cinfo;
}
static void src_term(j_decompress_ptr cinfo)
{
    (void)cinfo;
}

static boolean src_fill(j_decompress_ptr cinfo)
{
    /* everything was handed over at the start: more asked for means the file is cut short.
     * An end-of-image marker lets libjpeg finish (the rest comes out grey); eof remembers
     * where, so that only the rows that really arrived are kept. */
    static const JOCTET eoi[2] = { 0xff, JPEG_EOI };
    struct jpeg_ctx *c = (struct jpeg_ctx *)cinfo->err;
    if (!c->eof) {
        c->eof = true;
        c->eof_scan = cinfo->input_scan_number;
    }
    cinfo->src->next_input_byte = eoi;
    cinfo->src->bytes_in_buffer = 2;
    return TRUE;
}

static void src_skip(j_decompress_ptr cinfo, long n)
{
    struct jpeg_source_mgr *s = cinfo->src;
    while (n > (long)s->bytes_in_buffer) {
        n -= (long)s->bytes_in_buffer;
        src_fill(cinfo);
    }
    s->next_input_byte += n;
    s->bytes_in_buffer -= (size_t)n;
}

static inline uint8_t mul255(unsigned a, unsigned b)
{
    return (uint8_t)((a * b + 127) / 255);
}

/* CMYK row to RGB in place (3 bytes out for every 4 in). Adobe writes the ink inverted
 * (0 is full ink), which is also what libjpeg gives for YCCK. */
static void cmyk_to_rgb(uint8_t *row, int w, bool inverted)
{
    for (int x = 0; x < w; x++) {
        unsigned c = row[x * 4], m = row[x * 4 + 1], y = row[x * 4 + 2], k = row[x * 4 + 3];
        if (!inverted)
            c = 255 - c, m = 255 - m, y = 255 - y, k = 255 - k;
        row[x * 3] = mul255(c, k);
        row[x * 3 + 1] = mul255(m, k);
        row[x * 3 + 2] = mul255(y, k);
    }
}

/* The smallest DCT scale n/8 whose output still covers dw x dh. */
static void pick_scale(struct jpeg_decompress_struct *ci, int dw, int dh)
{
    ci->scale_denom = 8;
    for (unsigned n = 1; n <= 8; n++) {
        ci->scale_num = n;
        jpeg_calc_output_dimensions(ci);
        if ((int)ci->output_width >= dw && (int)ci->output_height >= dh)
            return;
    }
}

/* The rows [0, rows) of s in a new surface of their own; s is freed. NULL on OOM. */
static SDL_Surface *keep_top(SDL_Surface *s, int rows)
{
    SDL_Surface *t = SDL_CreateRGBSurfaceWithFormat(0, s->w, rows, 32, SDL_PIXELFORMAT_ARGB8888);
    if (t)
        for (int y = 0; y < rows; y++)
            memcpy((uint8_t *)t->pixels + (size_t)y * t->pitch,
                   (const uint8_t *)s->pixels + (size_t)y * s->pitch, (size_t)s->w * 4);
    SDL_FreeSurface(s);
    return t;
}

/* What the decoding holds, in one place that a longjmp from libjpeg leaves intact. */
struct jpeg_job {
    struct jpeg_decompress_struct ci;
    struct jpeg_ctx c;
    struct shrink sh;
    SDL_Surface *out;
    uint8_t *row;
    JOCTET *icc;
    unsigned icc_len;
};

static void job_decode(struct jpeg_job *j, int w, int h, int box_w, int box_h,
                       struct photo_info *info, struct nr_err *err)
{
    struct jpeg_decompress_struct *ci = &j->ci;
    struct jpeg_ctx *c = &j->c;
    int dw, dh;
    jpeg_save_markers(ci, JPEG_APP0 + 2, 0xffff);   /* ICC profile */
    jpeg_read_header(ci, TRUE);
    if ((int)ci->image_width != w || (int)ci->image_height != h) {
        nr_fail(err, NR_ERR_IMAGE, "photo header says '%dx%d' but decodes to '%ux%u'", w, h,
                ci->image_width, ci->image_height);
        return;
    }
    bool cmyk = ci->jpeg_color_space == JCS_CMYK || ci->jpeg_color_space == JCS_YCCK;
    bool inverted = cmyk && ci->saw_Adobe_marker;
    ci->out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
    jpeg_read_icc_profile(ci, &j->icc, &j->icc_len);
    photo_cover_size(w, h, box_w, box_h, &dw, &dh);
    pick_scale(ci, dw, dh);
    jpeg_start_decompress(ci);
    if (c->eof && ci->progressive_mode) {
        /* a progressive JPEG is read whole before its first row: what arrived is every
         * scan before the one cut short. The first scans carry the whole picture at lower
         * detail (the DC scan, then the first AC bands of each colour); with fewer it is
         * blocks of flat colour, and refused */
        if (c->eof_scan < 4) {
            nr_fail(err, NR_ERR_IMAGE, "JPEG is cut short in its scan %d: too little of it arrived",
                    c->eof_scan);
            return;
        }
        info->cut_scan = c->eof_scan;
    }
    int ow = (int)ci->output_width, oh = (int)ci->output_height;
    if (dw > ow)
        dw = ow;
    if (dh > oh)
        dh = oh;
    j->out = SDL_CreateRGBSurfaceWithFormat(0, dw, dh, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!j->out) {
        nr_fail(err, NR_ERR_IMAGE, "no memory for a '%dx%d' photo", dw, dh);
        return;
    }
    j->row = xmalloc((size_t)ow * (size_t)ci->output_components);
    shrink_init(&j->sh, ow, oh, j->out);
    bool cut = false;
    while (ci->output_scanline < ci->output_height) {
        JSAMPROW rows[1] = { j->row };
        bool before = c->eof;
        jpeg_read_scanlines(ci, rows, 1);
        if (c->eof && !before && !ci->progressive_mode) {
            cut = true;   /* this row's band was only partly there: the rest is grey */
            break;
        }
        if (cmyk)
            cmyk_to_rgb(j->row, ow, inverted);
        shrink_row(&j->sh, j->row, PX_RGB);
    }
    if (cut) {
        info->decoded_pct = (int)((int64_t)j->sh.rows_in * 100 / oh);
        int keep = j->sh.dy;
        shrink_release(&j->sh);
        if (keep < 1) {
            nr_fail(err, NR_ERR_IMAGE, "JPEG is cut short before its first row");
            SDL_FreeSurface(j->out);
            j->out = NULL;
            return;
        }
        /* only the rows that came: the layout crops a shorter photo as any other */
        j->out = keep_top(j->out, keep);
        if (!j->out) {
            nr_fail(err, NR_ERR_IMAGE, "no memory for a '%dx%d' photo", dw, keep);
            return;
        }
    } else {
        shrink_release(&j->sh);
        jpeg_finish_decompress(ci);
    }
    if (j->icc && !cmyk)
        photo_icc_to_srgb(j->out, j->icc, j->icc_len);
}

SDL_Surface *photo_jpeg_decode(const void *data, size_t len, int w, int h, int box_w, int box_h,
                               struct photo_info *info, struct nr_err *err)
{
    struct jpeg_job *j = xcalloc(1, sizeof *j);
    SDL_Surface *out;
    info->decoded_pct = 100;
    info->cut_scan = 0;
    info->has_alpha = false;
    j->ci.err = jpeg_std_error(&j->c.pub);
    j->c.pub.error_exit = on_error;
    j->c.pub.emit_message = on_message;
    if (setjmp(j->c.jump) == 0) {
        jpeg_create_decompress(&j->ci);
        j->ci.mem->max_memory_to_use = JPEG_MAX_WORK_BYTES;
        j->c.src.init_source = src_init;
        j->c.src.fill_input_buffer = src_fill;
        j->c.src.skip_input_data = src_skip;
        j->c.src.resync_to_restart = jpeg_resync_to_restart;
        j->c.src.term_source = src_term;
        j->c.src.next_input_byte = data;
        j->c.src.bytes_in_buffer = len;
        j->ci.src = &j->c.src;
        job_decode(j, w, h, box_w, box_h, info, err);
    } else {
        nr_fail(err, NR_ERR_IMAGE, "JPEG cannot be decoded: %s", j->c.msg);
        SDL_FreeSurface(j->out);
        j->out = NULL;
    }
    out = j->out;
    shrink_release(&j->sh);
    free(j->row);
    free(j->icc);
    jpeg_destroy_decompress(&j->ci);
    free(j);
    return out;
}
