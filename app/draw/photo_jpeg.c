/* photo_jpeg.c: JPEG decoding straight to the photo box's size: libjpeg-turbo's DCT scaling
 * (1/8 to 1/1) gets within 2x of the box, the area shrink does the rest row by row, so a
 * 24-megapixel original never exists whole in memory; a progressive one keeps only the
 * coefficients its scaled IDCT reads, and of a large one only a band of rows at a time.
 * CMYK and YCCK (Adobe's inverted ink included) become RGB, through the file's own CMYK
 * profile when it has one; an embedded RGB profile is honoured. Thread-safe: no state. */
#include "draw_int.h"

#include "alloc.h"

#include <jpeglib.h>
#include <jerror.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A progressive JPEG keeps every DCT coefficient of the image until its last scan: 2 bytes
 * a sample whole (72 MB for 6000x4000 in 4:2:0, 144 MB in 4:4:4). The lean store below
 * keeps of each block whether each coefficient is nonzero (8 bytes), and the coefficients
 * the scaled IDCT reads only for a band of rows: past JPEG_BAND_BYTES of those, the file is
 * decoded once a band, each time from its start (the decoding of a later scan depends on
 * every earlier one). Past JPEG_MAX_WORK_BYTES in all it is refused; within the size caps
 * that is a safety net, never reached by a well-formed file. */
#define JPEG_MAX_WORK_BYTES ((long)128 * 1024 * 1024)
#define JPEG_BAND_BYTES ((long)4 * 1024 * 1024)
/* A file is read at most this many times; past it the bands grow instead. */
#define JPEG_MAX_PASSES 8

/* A progressive JPEG's coefficients for one component, kept lean. The decoder needs whole
 * 8x8 blocks only for the iMCU row it works on; the scaled IDCTs of libjpeg (3x3, 5x5, 6x6,
 * 7x7, and 1x1: DC alone) read only the top-left N x N coefficients of a block, and a later
 * scan needs of the others only whether each is nonzero (that decides which correction bits
 * it reads). So a block is stored as 64 bits and, in the band of rows this pass shows, its
 * N x N coefficients; it is unpacked into a window of whole blocks on access. At 3/8 scale
 * a block in the band costs 26 bytes, one outside it 8, not 128. */
struct lean_array {
    JDIMENSION per_row, rows, max_access;
    int keep;                 /* N: coefficients (r, c) with r, c < N kept as they are */
    JDIMENSION keep_first;    /* the block rows whose coefficients are kept: */
    JDIMENSION keep_end;      /* [keep_first, keep_end) */
    JCOEF *kept;              /* (keep_end - keep_first) * per_row * keep * keep */
    uint64_t *nonzero;        /* rows * per_row: which coefficients are nonzero */
    JBLOCK *window_mem;       /* max_access rows of whole blocks */
    JBLOCKROW *window;        /* the rows of window_mem */
    JDIMENSION first, loaded; /* the window holds rows [first, first + loaded) */
    bool dirty;               /* written since loaded */
    int comp;                 /* the component it holds */
    struct lean_array *next;
};

struct jpeg_ctx {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    char msg[JMSG_LENGTH_MAX];
    struct jpeg_source_mgr src;
    const unsigned char *data;
    size_t len;
    bool eof;     /* the data ran out before the image ended */
    int eof_scan; /* input scan number when it did */
    /* the lean coefficient store: libjpeg's own memory methods, and ours */
    struct jpeg_memory_mgr orig;
    struct lean_array *arrays;
    int n_requested;
    /* the bands: set by the caller, passes worked out by the first pass */
    long max_work, band_bytes;
    int pass, passes;
    JDIMENSION band_first, band_end; /* the iMCU rows this pass shows */
};

static void on_error(j_common_ptr cinfo)
{
    struct jpeg_ctx *c = (struct jpeg_ctx *)cinfo->err;
    if (cinfo->err->msg_code == JERR_NO_BACKING_STORE) /* over JPEG_MAX_WORK_BYTES */
        snprintf(c->msg, sizeof c->msg, "progressive JPEG needs more than %ld MiB to decode",
                 c->max_work >> 20);
    else
        (*cinfo->err->format_message)(cinfo, c->msg);
    longjmp(c->jump, 1);
}

static void on_message(j_common_ptr cinfo, int level)
{
    (void)cinfo;
    (void)level; /* warnings (corrupt data, premature end) are judged from eof below */
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

/* Coefficients a scaled IDCT of size n reads: the top-left n x n for the sizes libjpeg
 * computes from those alone, all 64 for the others (2x2 and 4x4 read most of the block). */
static int lean_keep(int n)
{
    return n == 1 || n == 3 || n == 5 || n == 6 || n == 7 ? n : DCTSIZE;
}

/* The smallest DCT scale n/8 whose output still covers dw x dh. */
static void pick_scale(struct jpeg_decompress_struct *ci, int dw, int dh)
{
    ci->scale_denom = 8;
    for (unsigned n = 1; n <= 8; n++) {
        /* a multi-scan file's store is lean only at the scales lean_keep() knows */
        if (jpeg_has_multiple_scans(ci) && n != 8 && lean_keep((int)n) == DCTSIZE)
            continue;
        ci->scale_num = n;
        jpeg_calc_output_dimensions(ci);
        if ((int)ci->output_width >= dw && (int)ci->output_height >= dh)
            return;
    }
}

/* ---- the lean coefficient store ---- */

static struct jpeg_ctx *ctx_of(j_common_ptr cinfo)
{
    return (struct jpeg_ctx *)cinfo->err;
}

static jvirt_barray_ptr lean_request(j_common_ptr cinfo, int pool_id, boolean pre_zero,
                                     JDIMENSION per_row, JDIMENSION rows, JDIMENSION max_access)
{
    struct jpeg_ctx *c = ctx_of(cinfo);
    j_decompress_ptr d = (j_decompress_ptr)cinfo;
    (void)pool_id, (void)pre_zero; /* every array starts zeroed */
    /* the coefficient controller asks for one array per component, in order */
    int ci = c->n_requested++;
    if (ci >= d->num_components)
        ERREXIT(cinfo, JERR_BAD_VIRTUAL_ACCESS);
    struct lean_array *a = xcalloc(1, sizeof *a);
    a->per_row = per_row;
    a->rows = rows;
    a->max_access = max_access;
    a->keep = lean_keep(d->comp_info[ci].DCT_scaled_size);
    a->comp = ci;
    a->next = c->arrays;
    c->arrays = a;
    return (jvirt_barray_ptr)(void *)a;
}

/* How many passes the file is decoded in, and the band of iMCU rows this one shows. */
static void lean_plan(j_decompress_ptr d, struct jpeg_ctx *c)
{
    uint64_t kept = 0;
    for (struct lean_array *a = c->arrays; a; a = a->next)
        kept += (uint64_t)a->per_row * a->rows * (uint64_t)(a->keep * a->keep) * sizeof(JCOEF);
    JDIMENSION rows = d->total_iMCU_rows;
    if (c->pass == 0) {
        uint64_t band = c->band_bytes > 0 ? (uint64_t)c->band_bytes : 1;
        uint64_t n = (kept + band - 1) / band;
        if (n > JPEG_MAX_PASSES)
            n = JPEG_MAX_PASSES;
        if (n > rows / 2) /* a band of fewer than two rows is margins all */
            n = rows / 2;
        c->passes = n < 1 ? 1 : (int)n;
    }
    JDIMENSION per = (rows + (JDIMENSION)c->passes - 1) / (JDIMENSION)c->passes;
    c->band_first = per * (JDIMENSION)c->pass;
    c->band_end = c->band_first + per < rows ? c->band_first + per : rows;
    for (struct lean_array *a = c->arrays; a; a = a->next) {
        /* one iMCU row either side: the upsampling reads a row beyond the band */
        JDIMENSION v = (JDIMENSION)d->comp_info[a->comp].v_samp_factor;
        JDIMENSION from = c->band_first > 0 ? (c->band_first - 1) * v : 0;
        JDIMENSION to = (c->band_end + 1) * v;
        a->keep_first = from < a->rows ? from : a->rows;
        a->keep_end = to < a->rows ? to : a->rows;
    }
}

static void lean_realize(j_common_ptr cinfo)
{
    struct jpeg_ctx *c = ctx_of(cinfo);
    uint64_t total = 0;
    c->orig.realize_virt_arrays(cinfo); /* any arrays that are not ours */
    lean_plan((j_decompress_ptr)cinfo, c);
    for (struct lean_array *a = c->arrays; a; a = a->next) {
        uint64_t blocks = (uint64_t)a->per_row * a->rows;
        uint64_t kept = (uint64_t)a->per_row * (a->keep_end - a->keep_first);
        total += kept * (uint64_t)(a->keep * a->keep) * sizeof(JCOEF) + blocks * sizeof(uint64_t) +
                 (uint64_t)a->per_row * a->max_access * sizeof(JBLOCK);
    }
    if (total > (uint64_t)c->max_work)
        ERREXIT(cinfo, JERR_NO_BACKING_STORE); /* reported as over the cap */
    for (struct lean_array *a = c->arrays; a; a = a->next) {
        size_t blocks = (size_t)a->per_row * a->rows;
        size_t kept = (size_t)a->per_row * (a->keep_end - a->keep_first);
        /* one block at least, so that an empty band still has an address */
        a->kept = xcalloc((kept ? kept : 1) * (size_t)(a->keep * a->keep), sizeof *a->kept);
        a->nonzero = xcalloc(blocks, sizeof *a->nonzero);
        a->window_mem = xcalloc((size_t)a->per_row * a->max_access, sizeof *a->window_mem);
        a->window = xmalloc(a->max_access * sizeof *a->window);
        for (JDIMENSION r = 0; r < a->max_access; r++)
            a->window[r] = a->window_mem + (size_t)r * a->per_row;
    }
}

static bool lean_kept(const struct lean_array *a, JDIMENSION row)
{
    return row >= a->keep_first && row < a->keep_end;
}

/* The window's rows back into the lean store. */
static void lean_pack(struct lean_array *a)
{
    int k = a->keep;
    for (JDIMENSION r = 0; r < a->loaded; r++) {
        JDIMENSION g = a->first + r;
        size_t b0 = (size_t)g * a->per_row;
        bool kept = lean_kept(a, g);
        JCOEF *dst =
            kept ? a->kept + (size_t)(g - a->keep_first) * a->per_row * (size_t)(k * k) : NULL;
        for (JDIMENSION x = 0; x < a->per_row; x++) {
            const JCOEF *blk = a->window[r][x];
            uint64_t nz = 0;
            for (int i = 0; i < DCTSIZE2; i++)
                nz |= (uint64_t)(blk[i] != 0) << i;
            a->nonzero[b0 + x] = nz;
            if (kept)
                for (int y = 0; y < k; y++)
                    memcpy(dst + (size_t)x * (size_t)(k * k) + y * k, blk + y * DCTSIZE,
                           (size_t)k * sizeof *dst);
        }
    }
    a->dirty = false;
}

/* Rows [first, first + n) from the lean store into the window. A coefficient not kept comes
 * back as 1 when it was nonzero and the decoder will write (it reads only whether it is
 * nonzero), as 0 for the output pass (the IDCT does not read it; the rows outside the band
 * are not shown). */
static void lean_unpack(struct lean_array *a, JDIMENSION first, JDIMENSION n, bool writable)
{
    int k = a->keep;
    for (JDIMENSION r = 0; r < n; r++) {
        JDIMENSION g = first + r;
        size_t b0 = (size_t)g * a->per_row;
        bool kept = lean_kept(a, g);
        const JCOEF *src =
            kept ? a->kept + (size_t)(g - a->keep_first) * a->per_row * (size_t)(k * k) : NULL;
        for (JDIMENSION x = 0; x < a->per_row; x++) {
            JCOEF *blk = a->window[r][x];
            uint64_t nz = a->nonzero[b0 + x];
            memset(blk, 0, sizeof(JBLOCK));
            for (; writable && nz; nz &= nz - 1)
                blk[__builtin_ctzll(nz)] = 1;
            if (kept)
                for (int y = 0; y < k; y++)
                    memcpy(blk + y * DCTSIZE, src + (size_t)x * (size_t)(k * k) + y * k,
                           (size_t)k * sizeof *src);
        }
    }
    a->first = first;
    a->loaded = n;
}

static JBLOCKARRAY lean_access(j_common_ptr cinfo, jvirt_barray_ptr ptr, JDIMENSION first,
                               JDIMENSION n, boolean writable)
{
    struct jpeg_ctx *c = ctx_of(cinfo);
    struct lean_array *a = c->arrays;
    while (a && (void *)a != (void *)ptr)
        a = a->next;
    if (!a)
        return c->orig.access_virt_barray(cinfo, ptr, first, n, writable);
    if (!a->kept || n > a->max_access || first > a->rows || n > a->rows - first)
        ERREXIT(cinfo, JERR_BAD_VIRTUAL_ACCESS);
    if (a->first != first || a->loaded != n || !a->dirty != !writable) {
        if (a->dirty)
            lean_pack(a);
        lean_unpack(a, first, n, writable);
    }
    if (writable)
        a->dirty = true;
    return a->window;
}

static void lean_free(struct jpeg_ctx *c)
{
    while (c->arrays) {
        struct lean_array *a = c->arrays;
        c->arrays = a->next;
        free(a->kept);
        free(a->nonzero);
        free(a->window_mem);
        free(a->window);
        free(a);
    }
}

/* From here on, libjpeg keeps a multi-scan image's coefficients in the lean store. */
static void lean_install(struct jpeg_decompress_struct *ci, struct jpeg_ctx *c)
{
    c->orig = *ci->mem;
    ci->mem->request_virt_barray = lean_request;
    ci->mem->realize_virt_arrays = lean_realize;
    ci->mem->access_virt_barray = lean_access;
    ci->do_block_smoothing = FALSE; /* it reads neighbours' high coefficients */
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
    bool created;
    const void *data;
    size_t len;
    struct shrink sh;
    SDL_Surface *out;
    uint8_t *row;
    JOCTET *icc;
    unsigned icc_len;
    struct cmyk_transform *cmyk_icc; /* a CMYK file's own profile, when it has one */
    uint8_t *rgb_row;                /* its rows as RGB */
};

/* A decoding of the file from its first byte up to its header; an earlier one is dropped. */
static void job_start(struct jpeg_job *j)
{
    struct jpeg_decompress_struct *ci = &j->ci;
    struct jpeg_ctx *c = &j->c;
    if (j->created)
        jpeg_destroy_decompress(ci);
    lean_free(c);
    c->n_requested = 0;
    c->eof = false;
    c->eof_scan = 0;
    j->created = false;
    jpeg_create_decompress(ci);
    j->created = true;
    ci->mem->max_memory_to_use = c->max_work;
    c->src.init_source = src_init;
    c->src.fill_input_buffer = src_fill;
    c->src.skip_input_data = src_skip;
    c->src.resync_to_restart = jpeg_resync_to_restart;
    c->src.term_source = src_term;
    c->src.next_input_byte = j->data;
    c->src.bytes_in_buffer = j->len;
    ci->src = &c->src;
    jpeg_save_markers(ci, JPEG_APP0 + 2, 0xffff); /* ICC profile */
    jpeg_read_header(ci, TRUE);
}

/* The output rows of this pass into the shrink: all of them, or for a file decoded in
 * bands those of this pass's band. false when a single-scan file ran out part way. */
static bool job_rows(struct jpeg_job *j, bool cmyk, bool inverted)
{
    struct jpeg_decompress_struct *ci = &j->ci;
    struct jpeg_ctx *c = &j->c;
    JDIMENSION end = ci->output_height;
    if (c->passes > 1) {
        JDIMENSION per = (JDIMENSION)(ci->max_v_samp_factor * ci->min_DCT_scaled_size);
        JDIMENSION from = c->band_first * per;
        if (c->band_end * per < end)
            end = c->band_end * per;
        if (from > ci->output_scanline)
            jpeg_skip_scanlines(ci, from - ci->output_scanline);
    }
    while (ci->output_scanline < end) {
        JSAMPROW rows[1] = { j->row };
        bool before = c->eof;
        jpeg_read_scanlines(ci, rows, 1);
        if (c->eof && !before && !ci->progressive_mode)
            return false; /* this row's band was only partly there: the rest is grey */
        if (j->cmyk_icc) {
            draw_cmyk_transform_row(j->cmyk_icc, j->row, j->rgb_row, (int)ci->output_width);
            draw_shrink_row(&j->sh, j->rgb_row, PX_RGB);
            continue;
        }
        if (cmyk)
            cmyk_to_rgb(j->row, (int)ci->output_width, inverted);
        draw_shrink_row(&j->sh, j->row, PX_RGB);
    }
    return true;
}

static void job_decode(struct jpeg_job *j, int w, int h, int box_w, int box_h,
                       struct photo_info *info, struct nr_err *err)
{
    struct jpeg_decompress_struct *ci = &j->ci;
    struct jpeg_ctx *c = &j->c;
    int dw, dh;
    job_start(j);
    if ((int)ci->image_width != w || (int)ci->image_height != h) {
        nr_fail(err, NR_ERR_IMAGE, "photo header says '%dx%d' but decodes to '%ux%u'", w, h,
                ci->image_width, ci->image_height);
        return;
    }
    bool cmyk = ci->jpeg_color_space == JCS_CMYK || ci->jpeg_color_space == JCS_YCCK;
    bool inverted = cmyk && ci->saw_Adobe_marker;
    bool multi = jpeg_has_multiple_scans(ci);
    jpeg_read_icc_profile(ci, &j->icc, &j->icc_len);
    draw_photo_cover_size(w, h, box_w, box_h, &dw, &dh);
    pick_scale(ci, dw, dh);
    unsigned scale_num = ci->scale_num;
    ci->out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
    if (multi)
        lean_install(ci, c);
    c->pass = 0;
    c->passes = 1;
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
    if (cmyk && j->icc) {
        /* the press profile the inks were separated for says what colours they make */
        j->cmyk_icc = draw_cmyk_transform_new(j->icc, j->icc_len, inverted);
        if (j->cmyk_icc)
            j->rgb_row = xmalloc((size_t)ow * 3);
    }
    draw_shrink_init(&j->sh, ow, oh, j->out);
    bool whole = job_rows(j, cmyk, inverted);
    /* a file decoded in bands: the next band from the file's start again, as before */
    while (whole && multi && c->pass + 1 < c->passes) {
        c->pass++;
        job_start(j);
        ci->out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
        ci->scale_num = scale_num;
        ci->scale_denom = 8;
        lean_install(ci, c);
        jpeg_start_decompress(ci);
        if ((int)ci->output_width != ow || (int)ci->output_height != oh)
            ERREXIT(ci, JERR_BAD_VIRTUAL_ACCESS); /* never: the same file, the same scale */
        whole = job_rows(j, cmyk, inverted);
    }
    if (!whole) {
        info->decoded_pct = (int)((int64_t)j->sh.rows_in * 100 / oh);
        int keep = j->sh.dy;
        draw_shrink_release(&j->sh);
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
        draw_shrink_release(&j->sh);
        jpeg_finish_decompress(ci);
    }
    if (j->icc && !cmyk)
        draw_photo_icc_to_srgb(j->out, j->icc, j->icc_len);
}

SDL_Surface *draw_photo_jpeg_decode_within(const void *data, size_t len, int w, int h, int box_w,
                                           int box_h, long max_work, long band_bytes,
                                           struct photo_info *info, struct nr_err *err)
{
    struct jpeg_job *j = xcalloc(1, sizeof *j);
    SDL_Surface *out;
    info->decoded_pct = 100;
    info->cut_scan = 0;
    info->has_alpha = false;
    j->data = data;
    j->len = len;
    j->c.max_work = max_work;
    j->c.band_bytes = band_bytes;
    j->ci.err = jpeg_std_error(&j->c.pub);
    j->c.pub.error_exit = on_error;
    j->c.pub.emit_message = on_message;
    if (setjmp(j->c.jump) == 0) {
        job_decode(j, w, h, box_w, box_h, info, err);
    } else {
        nr_fail(err, NR_ERR_IMAGE, "JPEG cannot be decoded: %s", j->c.msg);
        SDL_FreeSurface(j->out);
        j->out = NULL;
    }
    out = j->out;
    draw_shrink_release(&j->sh);
    free(j->row);
    free(j->rgb_row);
    draw_cmyk_transform_free(j->cmyk_icc);
    free(j->icc);
    if (j->created)
        jpeg_destroy_decompress(&j->ci);
    lean_free(&j->c);
    free(j);
    return out;
}

SDL_Surface *draw_photo_jpeg_decode(const void *data, size_t len, int w, int h, int box_w,
                                    int box_h, struct photo_info *info, struct nr_err *err)
{
    return draw_photo_jpeg_decode_within(data, len, w, h, box_w, box_h, JPEG_MAX_WORK_BYTES,
                                         JPEG_BAND_BYTES, info, err);
}
