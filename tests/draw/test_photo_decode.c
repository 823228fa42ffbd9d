/* test_photo_decode.c: photos as the world sends them, made here with libjpeg, libpng,
 * libwebp, Little CMS and ImageMagick: agency-size originals decoded within the photo box's
 * memory, EXIF orientation, CMYK and YCCK, ICC profiles, transparency over the slide's
 * ground, photos too small for their box, GIF frames on their canvas, files cut short.
 * With NR_LOOK_DIR set, every slide made here is also written there as a PNG to look at. */
#include "draw.h"
#include "draw_int.h"
#include "testsupport.h"

#include <jpeglib.h>
#include <lcms2.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <webp/encode.h>
#include <webp/mux.h>

static struct drawer *drawer;
static struct theme theme;

static int setup(void **state)
{
    (void)state;
    char fonts[4096];
    struct nr_err err = { 0 };
    assert_int_equal(SDL_Init(0), 0);
    theme_default(&theme);
    snprintf(fonts, sizeof fonts, "%s/fonts", ts_source_dir());
    drawer = drawer_new(fonts, &theme, &err);
    assert_non_null(drawer);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    drawer_free(drawer);
    SDL_Quit();
    return 0;
}

/* ---- making photos ---- */

/* The colour of pixel (x, y) of a w x h test picture, RGB. */
typedef void (*paint_fn)(int x, int y, int w, int h, uint8_t rgb[3]);

/* Red in the top-left quarter, blue elsewhere: which way up a photo is. */
static void paint_corner(int x, int y, int w, int h, uint8_t rgb[3])
{
    bool corner = x < w / 2 && y < h / 2;
    rgb[0] = corner ? 220 : 30;
    rgb[1] = 40;
    rgb[2] = corner ? 30 : 200;
}

/* A smooth diagonal gradient (a photo's worth of detail for the codecs). */
static void paint_gradient(int x, int y, int w, int h, uint8_t rgb[3])
{
    rgb[0] = (uint8_t)(x * 255 / (w > 1 ? w - 1 : 1));
    rgb[1] = (uint8_t)(y * 255 / (h > 1 ? h - 1 : 1));
    rgb[2] = (uint8_t)((x + y) * 127 / (w + h));
}

/* The gradient under a fine pattern of its own: every block holds high frequencies, as a
 * sharp photo's do, so that a later scan has many coefficients to refine. */
static void paint_detail(int x, int y, int w, int h, uint8_t rgb[3])
{
    paint_gradient(x, y, w, h, rgb);
    unsigned n = (unsigned)x * 73856093u ^ (unsigned)y * 19349663u;
    int d = (int)((n >> 7) % 61) - 30;
    for (int ch = 0; ch < 3; ch++) {
        int v = rgb[ch] + (ch == 1 ? -d : d);
        rgb[ch] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
    }
}

/* One flat colour (set in flat_rgb). */
static uint8_t flat_rgb[3];
static void paint_flat(int x, int y, int w, int h, uint8_t rgb[3])
{
    (void)x, (void)y, (void)w, (void)h;
    memcpy(rgb, flat_rgb, 3);
}

struct jpeg_opts {
    bool progressive;
    int orientation;  /* EXIF tag; 0: no EXIF block */
    bool cmyk, ycck;  /* store as Adobe CMYK (inverted ink) or YCCK */
    bool full_chroma; /* 4:4:4 rather than 4:2:0 */
    const void *icc;  /* profile to embed */
    size_t icc_len;
};

/* An EXIF block whose first IFD holds only the orientation tag. */
static void write_exif(j_compress_ptr c, int orientation)
{
    static const unsigned char head[] = { 'E', 'x', 'i', 'f', 0,    0,    'M', 'M', 0, 42, 0, 0,
                                          0,   8,   0,   1,   0x01, 0x12, 0,   3,   0, 0,  0, 1 };
    unsigned char b[sizeof head + 8];
    memcpy(b, head, sizeof head);
    unsigned char rest[8] = { 0, (unsigned char)orientation, 0, 0, 0, 0, 0, 0 };
    memcpy(b + sizeof head, rest, sizeof rest);
    jpeg_write_marker(c, JPEG_APP0 + 1, b, sizeof b);
}

static void encode_jpeg(int w, int h, paint_fn paint, const struct jpeg_opts *o, struct nr_buf *out)
{
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr e;
    unsigned char *mem = NULL;
    unsigned long len = 0;
    c.err = jpeg_std_error(&e);
    jpeg_create_compress(&c);
    jpeg_mem_dest(&c, &mem, &len);
    c.image_width = (JDIMENSION)w;
    c.image_height = (JDIMENSION)h;
    bool cmyk = o && (o->cmyk || o->ycck);
    c.input_components = cmyk ? 4 : 3;
    c.in_color_space = cmyk ? JCS_CMYK : JCS_RGB;
    jpeg_set_defaults(&c);
    if (cmyk)
        jpeg_set_colorspace(&c, o->ycck ? JCS_YCCK : JCS_CMYK);
    jpeg_set_quality(&c, 92, TRUE);
    if (o && o->full_chroma)
        for (int ci = 0; ci < c.num_components; ci++)
            c.comp_info[ci].h_samp_factor = c.comp_info[ci].v_samp_factor = 1;
    if (o && o->progressive)
        jpeg_simple_progression(&c);
    jpeg_start_compress(&c, TRUE);
    if (o && o->orientation)
        write_exif(&c, o->orientation);
    if (o && o->icc)
        jpeg_write_icc_profile(&c, o->icc, (unsigned)o->icc_len);
    unsigned char *row = malloc((size_t)w * 4);
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            uint8_t rgb[3];
            paint(x, y, w, h, rgb);
            if (cmyk) { /* Adobe's inverted ink: 255 is none, 0 is full */
                unsigned k = 255 - (rgb[0] > rgb[1] ? (rgb[0] > rgb[2] ? rgb[0] : rgb[2])
                                                    : (rgb[1] > rgb[2] ? rgb[1] : rgb[2]));
                unsigned left = 255 - k;
                for (int ch = 0; ch < 3; ch++) /* 255 - ink = rgb / (1 - k) */
                    row[x * 4 + ch] = (unsigned char)(left ? rgb[ch] * 255 / left : 255);
                row[x * 4 + 3] = (unsigned char)(255 - k);
            } else {
                memcpy(row + x * 3, rgb, 3);
            }
        }
        JSAMPROW r[1] = { row };
        jpeg_write_scanlines(&c, r, 1);
    }
    free(row);
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    nr_buf_init(out, TS_MAX_FILE_BYTES);
    assert_int_equal(nr_buf_append(out, mem, len), NR_OK);
    free(mem);
}

/* A profile for the next encode_png to embed (NULL: none). */
static const void *png_icc;
static size_t png_icc_len;

/* encode_jpeg in a child process, so that the encoder's memory (a progressive encoder
 * holds every coefficient) never counts in this process's peak. */
static void encode_jpeg_apart(int w, int h, paint_fn paint, const struct jpeg_opts *o,
                              struct nr_buf *out)
{
    char *dir = ts_mkdtemp(), path[4200];
    snprintf(path, sizeof path, "%s/apart.jpg", dir);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct nr_buf b;
        encode_jpeg(w, h, paint, o, &b);
        FILE *f = fopen(path, "wb");
        _exit(f && fwrite(b.data, 1, b.len, f) == b.len && fclose(f) == 0 ? 0 : 1);
    }
    int st = 0;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    nr_buf_init(out, TS_MAX_FILE_BYTES);
    assert_int_equal(ts_read_file(path, out), 0);
    ts_rmtree(dir);
    free(dir);
}

static void png_write_to_buf(png_structp png, png_bytep data, size_t n)
{
    assert_int_equal(nr_buf_append(png_get_io_ptr(png), data, n), NR_OK);
}
static void png_flush_none(png_structp png)
{
    (void)png;
}

/* An RGBA PNG; alpha(x, y) gives the alpha of each pixel (NULL: opaque). */
static void encode_png(int w, int h, paint_fn paint, int (*alpha)(int x, int y, int w, int h),
                       bool interlaced, struct nr_buf *out)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    assert_non_null(info);
    nr_buf_init(out, TS_MAX_FILE_BYTES);
    png_set_write_fn(png, out, png_write_to_buf, png_flush_none);
    png_set_compression_level(png, 1);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGBA,
                 interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (png_icc)
        png_set_iCCP(png, info, "test", PNG_COMPRESSION_TYPE_BASE, png_icc,
                     (png_uint_32)png_icc_len);
    png_write_info(png, info);
    int passes = interlaced ? png_set_interlace_handling(png) : 1;
    unsigned char *row = malloc((size_t)w * 4);
    for (int pass = 0; pass < passes; pass++)
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                paint(x, y, w, h, row + x * 4);
                row[x * 4 + 3] = (unsigned char)(alpha ? alpha(x, y, w, h) : 255);
            }
            png_write_row(png, row);
        }
    free(row);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
}

/* Transparent right half. */
static int alpha_right_half(int x, int y, int w, int h)
{
    (void)y, (void)h;
    return x < w / 2 ? 255 : 0;
}

/* ImageMagick's convert with args, writing dir/name; false (the test then skips) when it
 * is not installed. */
static bool magick(const char *args, const char *dir, const char *name, struct nr_buf *out)
{
    char cmd[4400], path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    snprintf(cmd, sizeof cmd, "convert %s '%s' 2>/dev/null", args, path);
    if (system(cmd) != 0)
        return false;
    nr_buf_init(out, TS_MAX_FILE_BYTES);
    return ts_read_file(path, out) == 0;
}

/* ---- looking at the results ---- */

static uint32_t px(SDL_Surface *s, int x, int y)
{
    return ((const uint32_t *)((const uint8_t *)s->pixels + (size_t)y * s->pitch))[x];
}

static void assert_near(uint32_t got, unsigned r, unsigned g, unsigned b, unsigned tol)
{
    unsigned gr = (got >> 16) & 0xff, gg = (got >> 8) & 0xff, gb = got & 0xff;
    if (abs((int)gr - (int)r) > (int)tol || abs((int)gg - (int)g) > (int)tol ||
        abs((int)gb - (int)b) > (int)tol)
        fail_msg("pixel %02x%02x%02x, wanted near %02x%02x%02x (+-%u)", gr, gg, gb, r, g, b, tol);
}

/* Renders photo on a 1920x1080 slide (and keeps it in NR_LOOK_DIR/name.png if set). The
 * slide, for the caller to free. */
static SDL_Surface *slide_with(SDL_Surface *photo, const char *name)
{
    char caption[200];
    snprintf(caption, sizeof caption, "%s", name);
    struct story st = { .headline = (char *)"Harbour works begin on the new quay wall",
                        .source = (char *)"Test Desk",
                        .caption = caption };
    struct nr_err err = { 0 };
    SDL_Surface *s = drawer_render(drawer, &st, photo, NULL, 1920, 1080, &err);
    assert_non_null(s);
    const char *look = getenv("NR_LOOK_DIR");
    if (look) {
        char path[4200];
        snprintf(path, sizeof path, "%s/%s.png", look, name);
        assert_int_equal(draw_save_png(s, path, &err), NR_OK);
    }
    return s;
}

/* AddressSanitizer's allocator keeps freed blocks and pads live ones: the memory figures
 * are the ordinary build's to check. */
#if defined(__SANITIZE_ADDRESS__)
#define RSS_CHECKED 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RSS_CHECKED 0
#endif
#endif
#ifndef RSS_CHECKED
#define RSS_CHECKED 1
#endif

static long peak_rss_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* ---- the tests ---- */

/* First in the file, so that no earlier test has raised the process's peak already. An
 * 8192 x 4882 RGBA PNG is 160 MB whole and a 6000 x 4000 JPEG 72 MB; decoded for a 1080p
 * slide they each cost about the photo box (a few MiB), and come out covering it. */
static void test_agency_originals_cost_the_box_not_the_file(void **state)
{
    (void)state;
    struct nr_buf png, jpg, prog;
    struct nr_err err = { 0 };
    struct jpeg_opts progressive = { .progressive = true };
    encode_png(8192, 4882, paint_gradient, NULL, false, &png);
    encode_jpeg(6000, 4000, paint_gradient, NULL, &jpg);
    encode_jpeg_apart(6000, 4000, paint_gradient, &progressive, &prog);
    long before = peak_rss_kib();
    SDL_Surface *a = draw_photo_decode(png.data, png.len, 1920, 1080, &err);
    assert_non_null(a);
    SDL_Surface *b = draw_photo_decode(jpg.data, jpg.len, 1920, 1080, &err);
    assert_non_null(b);
    long grew = peak_rss_kib() - before;
    /* the 1080p photo box is 1056 x 1080: covered, never much more */
    assert_int_equal(a->h, 1080);
    assert_in_range(a->w, 1056, 1820);
    assert_int_equal(b->h, 1080);
    assert_int_equal(b->w, 1620);
    /* both photos together (7 MiB each as decoded) and the decoders' rows: far below the
     * 72 MB one original would take whole */
    if (RSS_CHECKED && grew > 40 * 1024)
        fail_msg("decoding grew the peak by %ld KiB", grew);
    assert_near(px(b, 0, 0), 0, 0, 0, 12);
    assert_near(px(b, b->w - 1, b->h - 1), 255, 255, 127, 12);
    SDL_FreeSurface(a);
    /* progressive, 4:2:0: its coefficients whole would be 72 MB, the lean store's 3x3 of
     * every block 15 MB; what is kept of them now (a nonzero map of 4.7 MB, and the 3x3 in a
     * band of rows at a time, about 4 MiB) adds about 9 MiB to the peak of the two photos
     * above, and the picture is the baseline file's */
    SDL_Surface *c = draw_photo_decode(prog.data, prog.len, 1920, 1080, &err);
    if (!c)
        fail_msg("%s", err.msg);
    long grew_prog = peak_rss_kib() - before;
    fprintf(stderr,
            "peak grew by %ld KiB with the PNG and the baseline JPEG, %ld KiB with the "
            "progressive JPEG\n",
            grew, grew_prog);
    if (RSS_CHECKED && grew_prog > grew + 12 * 1024)
        fail_msg("decoding the progressive original grew the peak to %ld KiB", grew_prog);
    assert_int_equal(c->w, b->w);
    assert_int_equal(c->h, b->h);
    for (int y = 0; y < c->h; y += 53)
        for (int x = 0; x < c->w; x += 61) {
            uint32_t p = px(b, x, y);
            assert_near(px(c, x, y), (p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff, 6);
        }
    SDL_FreeSurface(slide_with(c, "original-6000x4000-progressive"));
    SDL_FreeSurface(b);
    SDL_FreeSurface(c);
    nr_buf_release(&png);
    nr_buf_release(&jpg);
    nr_buf_release(&prog);
}

/* A progressive JPEG comes out as its baseline twin, and a PNG interlaced as its plain one. */
static void test_progressive_and_interlaced_decode_alike(void **state)
{
    (void)state;
    struct nr_buf a, b, c, d;
    struct nr_err err = { 0 };
    struct jpeg_opts prog = { .progressive = true };
    encode_jpeg(3000, 2000, paint_gradient, NULL, &a);
    encode_jpeg(3000, 2000, paint_gradient, &prog, &b);
    /* 3000 x 2400: the box needs no more than the interlaced file's last pass */
    encode_png(3000, 2400, paint_gradient, NULL, false, &c);
    encode_png(3000, 2400, paint_gradient, NULL, true, &d);
    SDL_Surface *sa = draw_photo_decode(a.data, a.len, 1920, 1080, &err);
    SDL_Surface *sb = draw_photo_decode(b.data, b.len, 1920, 1080, &err);
    SDL_Surface *sc = draw_photo_decode(c.data, c.len, 1920, 1080, &err);
    SDL_Surface *sd = draw_photo_decode(d.data, d.len, 1920, 1080, &err);
    assert_non_null(sa);
    assert_non_null(sb);
    assert_non_null(sc);
    assert_non_null(sd);
    assert_int_equal(sa->w, sb->w);
    assert_int_equal(sa->h, sb->h);
    assert_int_equal(sc->w, sd->w);
    assert_int_equal(sc->h, sd->h);
    for (int y = 0; y < sa->h; y += 97)
        for (int x = 0; x < sa->w; x += 89) {
            uint32_t p = px(sa, x, y);
            assert_near(px(sb, x, y), (p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff, 6);
        }
    for (int y = 0; y < sc->h; y += 97)
        for (int x = 0; x < sc->w; x += 89) {
            uint32_t q = px(sc, x, y);
            /* the interlaced PNG is shrunk from its odd rows: a row's worth of gradient */
            assert_near(px(sd, x, y), (q >> 16) & 0xff, (q >> 8) & 0xff, q & 0xff, 4);
        }
    SDL_FreeSurface(slide_with(sb, "progressive-jpeg"));
    SDL_FreeSurface(slide_with(sd, "interlaced-png"));
    SDL_FreeSurface(sa);
    SDL_FreeSurface(sb);
    SDL_FreeSurface(sc);
    SDL_FreeSurface(sd);
    nr_buf_release(&a);
    nr_buf_release(&b);
    nr_buf_release(&c);
    nr_buf_release(&d);
}

/* A WebP cut short: its rows that came are shown when most of it arrived, refused when
 * little did; a lossless one whose whole image is over the cap is refused, named. */
static void test_webp_cut_short_and_lossless_cap(void **state)
{
    (void)state;
    struct nr_err err = { 0 };
    int w = 3200, h = 2400;
    uint8_t *rgb = malloc((size_t)w * h * 3), *out = NULL;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            paint_gradient(x, y, w, h, rgb + ((size_t)y * w + x) * 3);
    size_t len = WebPEncodeRGB(rgb, w, h, w * 3, 80, &out);
    assert_true(len > 0);
    SDL_Surface *s = draw_photo_decode(out, len * 9 / 10, 1920, 1080, &err);
    if (!s)
        fail_msg("%s", err.msg);
    assert_int_equal(s->w, 1440);
    assert_in_range(s->h, 1080 * 3 / 4, 1079);
    /* no grey: the last row kept is the gradient's own */
    assert_in_range((px(s, 720, s->h - 1) >> 8) & 0xff, (unsigned)((s->h - 30) * 255 / 1079),
                    (unsigned)((s->h + 30) * 255 / 1079));
    SDL_FreeSurface(slide_with(s, "webp-cut-short-shown"));
    SDL_FreeSurface(s);
    assert_null(draw_photo_decode(out, len / 4, 1920, 1080, &err));
    assert_non_null(strstr(err.msg, "cut short"));
    WebPFree(out);
    free(rgb);
    /* 4200x4000 lossless: 64.1 MiB whole, one row past the cap */
    w = 4200, h = 4000;
    rgb = calloc((size_t)w * h, 3);
    assert_non_null(rgb);
    len = WebPEncodeLosslessRGB(rgb, w, h, w * 3, &out);
    free(rgb);
    assert_true(len > 0);
    assert_null(draw_photo_decode(out, len, 1920, 1080, &err));
    assert_int_equal(err.code, NR_ERR_TOO_BIG);
    if (!strstr(err.msg, "lossless WebP") || !strstr(err.msg, "64 MiB"))
        fail_msg("the refusal does not say why: %s", err.msg);
    WebPFree(out);
    /* under the cap, lossless decodes */
    w = 2000, h = 1500;
    rgb = malloc((size_t)w * h * 3);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            paint_corner(x, y, w, h, rgb + ((size_t)y * w + x) * 3);
    len = WebPEncodeLosslessRGB(rgb, w, h, w * 3, &out);
    free(rgb);
    s = draw_photo_decode(out, len, 1920, 1080, &err);
    if (!s)
        fail_msg("%s", err.msg);
    assert_near(px(s, 100, 100), 220, 40, 30, 2);
    SDL_FreeSurface(s);
    WebPFree(out);
}

static void test_webp_is_decoded_at_the_box_size(void **state)
{
    (void)state;
    struct nr_err err = { 0 };
    int w = 3200, h = 2400;
    uint8_t *rgb = malloc((size_t)w * h * 3), *out = NULL;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            paint_corner(x, y, w, h, rgb + ((size_t)y * w + x) * 3);
    size_t len = WebPEncodeRGB(rgb, w, h, w * 3, 80, &out);
    free(rgb);
    assert_true(len > 0);
    SDL_Surface *s = draw_photo_decode(out, len, 1920, 1080, &err);
    assert_non_null(s);
    assert_int_equal(s->w, 1440); /* 1080 high, 4:3 */
    assert_int_equal(s->h, 1080);
    assert_near(px(s, 100, 100), 220, 40, 30, 20);
    assert_near(px(s, s->w - 100, s->h - 100), 30, 40, 200, 20);
    SDL_FreeSurface(slide_with(s, "webp"));
    SDL_FreeSurface(s);
    WebPFree(out);
}

/* Stored sideways with an EXIF tag saying how to hold it: shown upright. The red corner
 * is the picture's top left. */
static void test_exif_orientation_turns_the_photo_upright(void **state)
{
    (void)state;
    /* where the stored top-left corner lands, by orientation: 1 top-left, 3 bottom-right,
     * 6 top-right, 8 bottom-left (stored 1200 x 800; 6 and 8 come out 800 x 1200) */
    static const struct {
        int o, w, h, red_x, red_y;
    } cases[] = {
        { 1, 1200, 800, 100, 100 },
        { 3, 1200, 800, 1100, 700 },
        { 6, 800, 1200, 700, 100 },
        { 8, 800, 1200, 100, 1100 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct nr_buf jpg;
        struct nr_err err = { 0 };
        struct jpeg_opts o = { .orientation = cases[i].o };
        encode_jpeg(1200, 800, paint_corner, &o, &jpg);
        SDL_Surface *s = draw_photo_decode(jpg.data, jpg.len, 0, 0, &err);
        assert_non_null(s);
        assert_int_equal(s->w, cases[i].w);
        assert_int_equal(s->h, cases[i].h);
        assert_near(px(s, cases[i].red_x, cases[i].red_y), 220, 40, 30, 12);
        /* the opposite corner is blue */
        assert_near(px(s, s->w - 1 - cases[i].red_x, s->h - 1 - cases[i].red_y), 30, 40, 200, 12);
        SDL_FreeSurface(s);
        if (cases[i].o == 6) {
            s = draw_photo_decode(jpg.data, jpg.len, 1920, 1080, &err);
            assert_non_null(s);
            assert_true(s->h > s->w); /* turned before the layout sees it */
            SDL_FreeSurface(slide_with(s, "exif-orientation-6"));
            SDL_FreeSurface(s);
        }
        nr_buf_release(&jpg);
    }
}

/* CMYK as Photoshop writes it (Adobe marker, inverted ink), plain and as YCCK: the colours
 * come back, and K is never taken for transparency. */
static void test_cmyk_and_ycck_jpegs_keep_their_colours(void **state)
{
    (void)state;
    for (int ycck = 0; ycck < 2; ycck++) {
        struct nr_buf jpg;
        struct nr_err err = { 0 };
        struct jpeg_opts o = { .cmyk = !ycck, .ycck = ycck };
        encode_jpeg(1200, 800, paint_corner, &o, &jpg);
        SDL_Surface *s = draw_photo_decode(jpg.data, jpg.len, 0, 0, &err);
        assert_non_null(s);
        assert_near(px(s, 100, 100), 220, 40, 30, 14);
        assert_near(px(s, 1100, 700), 30, 40, 200, 14);
        assert_int_equal(px(s, 100, 100) >> 24, 255);
        SDL_BlendMode mode;
        assert_int_equal(SDL_GetSurfaceBlendMode(s, &mode), 0);
        assert_int_equal(mode, SDL_BLENDMODE_NONE);
        if (ycck)
            SDL_FreeSurface(slide_with(s, "cmyk-ycck-adobe"));
        SDL_FreeSurface(s);
        nr_buf_release(&jpg);
    }
}

/* A press profile of the test's own: CMYK ink (0 none, 1 full) makes the colour the plain
 * conversion gives, with red and blue traded, so that a photo read through it is told
 * apart from one read without. */
static cmsInt32Number sample_swapped_press(const cmsUInt16Number in[], cmsUInt16Number out[],
                                           void *cargo)
{
    cmsUInt16Number rgb[3];
    double k = 1.0 - in[3] / 65535.0;
    for (int ch = 0; ch < 3; ch++)
        rgb[2 - ch] = (cmsUInt16Number)((1.0 - in[ch] / 65535.0) * k * 65535.0 + 0.5);
    cmsDoTransform(cargo, rgb, out, 1);
    return TRUE;
}

static void *make_swapped_press_profile(size_t *len)
{
    cmsHPROFILE srgb = cmsCreate_sRGBProfile(), lab = cmsCreateLab4Profile(NULL);
    cmsHTRANSFORM to_lab =
        cmsCreateTransform(srgb, TYPE_RGB_16, lab, TYPE_Lab_16, INTENT_RELATIVE_COLORIMETRIC, 0);
    assert_non_null(to_lab);
    cmsHPROFILE p = cmsCreateProfilePlaceholder(NULL);
    cmsSetProfileVersion(p, 2.1);
    cmsSetDeviceClass(p, cmsSigOutputClass);
    cmsSetColorSpace(p, cmsSigCmykData);
    cmsSetPCS(p, cmsSigLabData);
    cmsPipeline *pipe = cmsPipelineAlloc(NULL, 4, 3);
    cmsStage *clut = cmsStageAllocCLut16bit(NULL, 9, 4, 3, NULL);
    assert_true(cmsStageSampleCLut16bit(clut, sample_swapped_press, to_lab, 0));
    cmsPipelineInsertStage(pipe, cmsAT_BEGIN, clut);
    assert_true(cmsWriteTag(p, cmsSigAToB0Tag, pipe));
    assert_true(cmsWriteTag(p, cmsSigMediaWhitePointTag, cmsD50_XYZ()));
    cmsUInt32Number n = 0;
    assert_true(cmsSaveProfileToMem(p, NULL, &n));
    void *mem = malloc(n);
    assert_true(cmsSaveProfileToMem(p, mem, &n));
    *len = n;
    cmsPipelineFree(pipe);
    cmsCloseProfile(p);
    cmsDeleteTransform(to_lab);
    cmsCloseProfile(lab);
    cmsCloseProfile(srgb);
    return mem;
}

/* A CMYK JPEG carrying its press profile is read through it (Adobe's inverted ink, plain
 * and as YCCK, baseline and progressive); without one the plain conversion stands. */
static void test_cmyk_jpeg_profile_is_honoured(void **state)
{
    (void)state;
    size_t len;
    void *icc = make_swapped_press_profile(&len);
    for (int k = 0; k < 3; k++) {
        struct nr_buf jpg;
        struct nr_err err = { 0 };
        struct jpeg_opts o = {
            .cmyk = k != 1, .ycck = k == 1, .progressive = k == 2, .icc = icc, .icc_len = len
        };
        encode_jpeg(1200, 800, paint_corner, &o, &jpg);
        SDL_Surface *s = draw_photo_decode(jpg.data, jpg.len, 0, 0, &err);
        if (!s)
            fail_msg("%s", err.msg);
        /* painted (220, 40, 30) and (30, 40, 200): red and blue traded by the profile */
        assert_near(px(s, 100, 100), 30, 40, 220, 16);
        assert_near(px(s, 1100, 700), 200, 40, 30, 16);
        if (k == 0)
            SDL_FreeSurface(slide_with(s, "cmyk-with-press-profile"));
        SDL_FreeSurface(s);
        nr_buf_release(&jpg);
    }
    /* a profile that is not CMYK on a CMYK file: the plain conversion */
    struct nr_buf jpg;
    struct nr_err err = { 0 };
    cmsHPROFILE srgb = cmsCreate_sRGBProfile();
    cmsUInt32Number n = 0;
    assert_true(cmsSaveProfileToMem(srgb, NULL, &n));
    void *rgb_icc = malloc(n);
    assert_true(cmsSaveProfileToMem(srgb, rgb_icc, &n));
    cmsCloseProfile(srgb);
    struct jpeg_opts o = { .cmyk = true, .icc = rgb_icc, .icc_len = n };
    encode_jpeg(1200, 800, paint_corner, &o, &jpg);
    SDL_Surface *s = draw_photo_decode(jpg.data, jpg.len, 0, 0, &err);
    assert_non_null(s);
    assert_near(px(s, 100, 100), 220, 40, 30, 14);
    SDL_FreeSurface(s);
    nr_buf_release(&jpg);
    free(rgb_icc);
    free(icc);
}

/* An Adobe RGB profile: the colours are turned into sRGB as Little CMS says they should
 * be; an sRGB profile changes nothing. */
static void test_icc_profiles_are_honoured(void **state)
{
    (void)state;
    cmsCIExyY d65 = { 0.3127, 0.3290, 1.0 };
    cmsCIExyYTRIPLE adobe = { { 0.64, 0.33, 1.0 }, { 0.21, 0.71, 1.0 }, { 0.15, 0.06, 1.0 } };
    cmsToneCurve *g = cmsBuildGamma(NULL, 2.19921875);
    cmsToneCurve *curves[3] = { g, g, g };
    cmsHPROFILE in = cmsCreateRGBProfile(&d65, &adobe, curves);
    cmsHPROFILE srgb = cmsCreate_sRGBProfile();
    cmsUInt32Number n = 0;
    assert_true(cmsSaveProfileToMem(in, NULL, &n));
    void *icc = malloc(n);
    assert_true(cmsSaveProfileToMem(in, icc, &n));
    cmsUInt32Number sn = 0;
    assert_true(cmsSaveProfileToMem(srgb, NULL, &sn));
    void *sicc = malloc(sn);
    assert_true(cmsSaveProfileToMem(srgb, sicc, &sn));
    /* what the flat colour should become */
    uint8_t want[3], have[3] = { 60, 160, 90 };
    cmsHTRANSFORM t = cmsCreateTransform(in, TYPE_RGB_8, srgb, TYPE_RGB_8, INTENT_PERCEPTUAL, 0);
    cmsDoTransform(t, have, want, 1);
    cmsDeleteTransform(t);
    memcpy(flat_rgb, have, 3);

    struct nr_buf jpg;
    struct nr_err err = { 0 };
    struct jpeg_opts o = { .icc = icc, .icc_len = n };
    encode_jpeg(800, 600, paint_flat, &o, &jpg);
    SDL_Surface *s = draw_photo_decode(jpg.data, jpg.len, 0, 0, &err);
    assert_non_null(s);
    assert_near(px(s, 400, 300), want[0], want[1], want[2], 3);
    /* and the profile made a difference one can see */
    assert_true(abs((int)((px(s, 400, 300) >> 8) & 0xff) - have[1]) > 6 ||
                abs((int)((px(s, 400, 300) >> 16) & 0xff) - have[0]) > 6);
    SDL_FreeSurface(s);
    nr_buf_release(&jpg);

    o.icc = sicc;
    o.icc_len = sn;
    encode_jpeg(800, 600, paint_flat, &o, &jpg);
    s = draw_photo_decode(jpg.data, jpg.len, 0, 0, &err);
    assert_non_null(s);
    assert_near(px(s, 400, 300), have[0], have[1], have[2], 3);
    SDL_FreeSurface(s);
    nr_buf_release(&jpg);

    cmsFreeToneCurve(g);
    cmsCloseProfile(in);
    cmsCloseProfile(srgb);
    free(icc);
    free(sicc);
}

/* The profile of a wide-gamut source: primaries (x, y of red, green, blue), sRGB's curve. */
static cmsHPROFILE wide_profile(double rx, double ry, double gx, double gy, double bx, double by,
                                cmsToneCurve **curve)
{
    cmsCIExyY d65 = { 0.3127, 0.3290, 1.0 };
    cmsCIExyYTRIPLE p = { { rx, ry, 1.0 }, { gx, gy, 1.0 }, { bx, by, 1.0 } };
    /* sRGB's curve: a power of 2.4 after a linear toe */
    double params[5] = { 2.4, 1.0 / 1.055, 0.055 / 1.055, 1.0 / 12.92, 0.04045 };
    *curve = cmsBuildParametricToneCurve(NULL, 4, params);
    cmsToneCurve *curves[3] = { *curve, *curve, *curve };
    return cmsCreateRGBProfile(&d65, &p, curves);
}

/* Display P3 in a PNG's iCCP chunk and in a WebP's ICCP chunk: turned into sRGB. */
static void test_display_p3_png_and_webp_are_turned_into_srgb(void **state)
{
    (void)state;
    cmsToneCurve *curve;
    cmsHPROFILE p3 = wide_profile(0.680, 0.320, 0.265, 0.690, 0.150, 0.060, &curve);
    cmsHPROFILE srgb = cmsCreate_sRGBProfile();
    cmsUInt32Number n = 0;
    assert_true(cmsSaveProfileToMem(p3, NULL, &n));
    void *icc = malloc(n);
    assert_true(cmsSaveProfileToMem(p3, icc, &n));
    uint8_t have[3] = { 200, 60, 40 }, want[3];
    cmsHTRANSFORM t = cmsCreateTransform(p3, TYPE_RGB_8, srgb, TYPE_RGB_8, INTENT_PERCEPTUAL, 0);
    cmsDoTransform(t, have, want, 1);
    cmsDeleteTransform(t);
    memcpy(flat_rgb, have, 3);

    struct nr_buf png;
    struct nr_err err = { 0 };
    png_icc = icc;
    png_icc_len = n;
    encode_png(640, 480, paint_flat, NULL, false, &png);
    png_icc = NULL;
    SDL_Surface *s = draw_photo_decode(png.data, png.len, 0, 0, &err);
    assert_non_null(s);
    assert_near(px(s, 320, 240), want[0], want[1], want[2], 2);
    assert_true(abs((int)((px(s, 320, 240) >> 16) & 0xff) - have[0]) > 6);
    SDL_FreeSurface(s);
    nr_buf_release(&png);

    /* the same colour as a lossless WebP with the profile in its ICCP chunk */
    uint8_t *rgb = malloc((size_t)640 * 480 * 3), *enc = NULL;
    for (size_t i = 0; i < (size_t)640 * 480; i++)
        memcpy(rgb + i * 3, have, 3);
    size_t len = WebPEncodeLosslessRGB(rgb, 640, 480, 640 * 3, &enc);
    free(rgb);
    assert_true(len > 0);
    WebPMux *mux = WebPMuxNew();
    WebPData img = { enc, len }, chunk = { icc, n }, whole = { NULL, 0 };
    assert_int_equal(WebPMuxSetImage(mux, &img, 1), WEBP_MUX_OK);
    assert_int_equal(WebPMuxSetChunk(mux, "ICCP", &chunk, 1), WEBP_MUX_OK);
    assert_int_equal(WebPMuxAssemble(mux, &whole), WEBP_MUX_OK);
    s = draw_photo_decode(whole.bytes, whole.size, 0, 0, &err);
    assert_non_null(s);
    assert_near(px(s, 320, 240), want[0], want[1], want[2], 2);
    SDL_FreeSurface(s);
    WebPDataClear(&whole);
    WebPMuxDelete(mux);
    WebPFree(enc);

    cmsFreeToneCurve(curve);
    cmsCloseProfile(p3);
    cmsCloseProfile(srgb);
    free(icc);
}

/* A PNG with a transparent half lies over the slide's ground: no hole in the slide, and
 * the ground's colour where the photo is transparent. */
static void test_transparency_shows_the_slide_ground(void **state)
{
    (void)state;
    struct nr_buf png;
    struct nr_err err = { 0 };
    encode_png(1600, 1600, paint_corner, alpha_right_half, false, &png);
    SDL_Surface *p = draw_photo_decode(png.data, png.len, 1920, 1080, &err);
    assert_non_null(p);
    SDL_BlendMode mode;
    assert_int_equal(SDL_GetSurfaceBlendMode(p, &mode), 0);
    assert_int_equal(mode, SDL_BLENDMODE_BLEND);
    SDL_Surface *s = slide_with(p, "transparent-png");
    /* the photo box above its caption (text edges are the text's business) */
    for (int y = 0; y < 800; y += 7)
        for (int x = 0; x < 1056; x += 7)
            if (px(s, x, y) >> 24 != 255)
                fail_msg("slide pixel (%d, %d) is not opaque: %08x", x, y, px(s, x, y));
    /* the photo box is the left 1056 px; the photo's right half (transparent) lands on
     * its right part, above the caption's scrim */
    assert_near(px(s, 1000, 60), theme.background.r, theme.background.g, theme.background.b, 2);
    assert_near(px(s, 60, 60), 220, 40, 30, 14);
    SDL_FreeSurface(s);
    SDL_FreeSurface(p);
    nr_buf_release(&png);
}

/* Blown up past 2x, a photo is refused and says why; a tracking pixel and an icon by
 * their size. Just under 2x is shown. */
static void test_photos_too_small_for_their_box_are_refused(void **state)
{
    (void)state;
    static const struct {
        int w, h;
        const char *why; /* NULL: shown */
    } cases[] = {
        { 1, 1, "a tracking pixel" },
        { 16, 16, "an icon" },
        { 400, 300, "too small for its box" },
        { 560, 560, NULL }, /* 1.93x */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct nr_buf png;
        struct nr_err err = { 0 };
        encode_png(cases[i].w, cases[i].h, paint_corner, NULL, false, &png);
        SDL_Surface *s = draw_photo_decode(png.data, png.len, 1920, 1080, &err);
        if (cases[i].why) {
            assert_null(s);
            assert_int_equal(err.code, NR_ERR_IMAGE);
            if (!strstr(err.msg, cases[i].why))
                fail_msg("'%s' does not say '%s'", err.msg, cases[i].why);
        } else {
            assert_non_null(s);
            SDL_FreeSurface(slide_with(s, "small-but-shown"));
            SDL_FreeSurface(s);
        }
        nr_buf_release(&png);
    }
    /* blowing up is judged at 1080p's pixel size: 1600 x 900 fills a 4K slide's box at 2.4x,
     * which looks as 1.2x does at 1080p: shown */
    {
        struct nr_buf big;
        struct nr_err e = { 0 };
        encode_png(1600, 900, paint_corner, NULL, false, &big);
        SDL_Surface *k = draw_photo_decode(big.data, big.len, 3840, 2160, &e);
        if (!k)
            fail_msg("%s", e.msg);
        SDL_FreeSurface(k);
        nr_buf_release(&big);
    }
    /* and 400 x 300 fills a 640 x 360 slide's box */
    struct nr_buf png;
    struct nr_err err = { 0 };
    encode_png(400, 300, paint_corner, NULL, false, &png);
    SDL_Surface *s = draw_photo_decode(png.data, png.len, 640, 360, &err);
    assert_non_null(s);
    SDL_FreeSurface(s);
    nr_buf_release(&png);
}

/* A GIF whose first frame is smaller than its canvas: the frame at its place on the
 * canvas, transparent around it. */
static void test_gif_frame_is_placed_on_its_canvas(void **state)
{
    (void)state;
    char *dir = ts_mkdtemp();
    struct nr_buf gif;
    struct nr_err err = { 0 };
    if (!magick("-size 300x200 xc:red -repage 1200x800+600+400", dir, "f.gif", &gif)) {
        ts_rmtree(dir);
        free(dir);
        skip(); /* ImageMagick's convert makes this GIF: packaging/dev.sh installs it */
    }
    SDL_Surface *s = draw_photo_decode(gif.data, gif.len, 0, 0, &err);
    if (!s)
        fail_msg("%s", err.msg);
    assert_int_equal(s->w, 1200);
    assert_int_equal(s->h, 800);
    assert_near(px(s, 750, 500), 255, 0, 0, 2);
    assert_int_equal(px(s, 750, 500) >> 24, 255);
    assert_int_equal(px(s, 100, 100) >> 24, 0); /* the bare canvas */
    SDL_FreeSurface(s);
    s = draw_photo_decode(gif.data, gif.len, 1920, 1080, &err);
    assert_non_null(s);
    SDL_FreeSurface(slide_with(s, "gif-frame-on-canvas"));
    SDL_FreeSurface(s);
    nr_buf_release(&gif);
    ts_rmtree(dir);
    free(dir);
}

/* A GIF's canvas passes the caps, but its frame claims 9000 x 9000: refused before SDL2_image
 * allocates anything for it. */
static void test_gif_frame_larger_than_the_caps_is_refused(void **state)
{
    (void)state;
    static const unsigned char gif[] = {
        'G',  'I', 'F',  '8',  '9', 'a',  10,   0,    10,   0, 0x80, 0, 0, /* 10 x 10, 2 colours */
        0,    0,   0,    255,  255, 255,                                   /* the colour table */
        0x2c, 0,   0,    0,    0,   0x28, 0x23, 0x28, 0x23, 0,             /* a 9000 x 9000 frame */
        2,    2,   0x44, 0x01, 0,   0x3b,
    };
    struct nr_err err = { 0 };
    assert_null(draw_photo_decode(gif, sizeof gif, 0, 0, &err));
    assert_int_equal(err.code, NR_ERR_TOO_BIG);
}

/* An agency-size GIF, sent top to bottom and interlaced (the interlaced one read once a band
 * of rows): both come out alike, as the picture drawn; an interlaced one cut short is
 * refused (its lower half is missing all over), a plain one cut late is shown. */
static void test_large_gifs_decode_row_by_row(void **state)
{
    (void)state;
    char *dir = ts_mkdtemp();
    struct nr_buf plain, inter;
    static const char picture[] =
        "-size 6000x4000 xc:white -fill red -draw 'rectangle 0,0 2999,1999' "
        "-fill blue -draw 'rectangle 3000,2000 5999,3999' +dither -colors 4";
    char args[400];
    snprintf(args, sizeof args, "%s -interlace none", picture);
    if (!magick(args, dir, "plain.gif", &plain)) {
        ts_rmtree(dir);
        free(dir);
        skip(); /* ImageMagick's convert makes these GIFs: packaging/dev.sh installs it */
    }
    snprintf(args, sizeof args, "%s -interlace GIF", picture);
    assert_true(magick(args, dir, "inter.gif", &inter));
    struct nr_err err = { 0 };
    SDL_Surface *a = draw_photo_decode(plain.data, plain.len, 1920, 1080, &err);
    if (!a)
        fail_msg("%s", err.msg);
    SDL_Surface *b = draw_photo_decode(inter.data, inter.len, 1920, 1080, &err);
    if (!b)
        fail_msg("%s", err.msg);
    assert_int_equal(a->w, 1620);
    assert_int_equal(a->h, 1080);
    assert_int_equal(b->w, a->w);
    assert_int_equal(b->h, a->h);
    for (int y = 0; y < a->h; y++)
        for (int x = 0; x < a->w; x++)
            if (px(a, x, y) != px(b, x, y))
                fail_msg("pixel (%d, %d) is %08x interlaced, %08x plain", x, y, px(b, x, y),
                         px(a, x, y));
    assert_near(px(a, 100, 100), 255, 0, 0, 2);
    assert_near(px(a, 1500, 1000), 0, 0, 255, 2);
    assert_near(px(a, 1500, 100), 255, 255, 255, 2);
    SDL_FreeSurface(slide_with(b, "gif-6000x4000-interlaced"));
    SDL_FreeSurface(a);
    SDL_FreeSurface(b);
    a = draw_photo_decode(plain.data, plain.len * 95 / 100, 1920, 1080, &err);
    if (!a)
        fail_msg("%s", err.msg);
    SDL_FreeSurface(a);
    assert_null(draw_photo_decode(inter.data, inter.len * 95 / 100, 1920, 1080, &err));
    assert_non_null(strstr(err.msg, "cut short"));
    nr_buf_release(&plain);
    nr_buf_release(&inter);
    ts_rmtree(dir);
    free(dir);
}

/* A progressive JPEG too large to keep whole is decoded a band of rows at a time, each
 * time from the file's start: the picture is the one decoded in one go, to the pixel, at
 * the lean store's scales and at full size, in 4:2:0, 4:4:4 and CMYK. */
static void test_progressive_bands_decode_as_one(void **state)
{
    (void)state;
    static const struct {
        struct jpeg_opts o;
        int box_w, box_h; /* 3/8 scale; 8/8 */
    } cases[] = {
        { { .progressive = true }, 1056, 1080 },
        { { .progressive = true, .full_chroma = true }, 1056, 1080 },
        { { .progressive = true }, 0, 0 },
        { { .progressive = true, .cmyk = true }, 1000, 700 },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        struct nr_buf jpg;
        struct nr_err err = { 0 };
        struct photo_info one, bands;
        encode_jpeg(3000, 2000, paint_detail, &cases[k].o, &jpg);
        long whole = 1L << 30;
        SDL_Surface *a =
            draw_photo_jpeg_decode_within(jpg.data, jpg.len, 3000, 2000, cases[k].box_w,
                                          cases[k].box_h, whole, whole, &one, &err);
        if (!a)
            fail_msg("%s", err.msg);
        /* 64 KiB bands: the most passes the decoder makes */
        SDL_Surface *b =
            draw_photo_jpeg_decode_within(jpg.data, jpg.len, 3000, 2000, cases[k].box_w,
                                          cases[k].box_h, whole, 64 * 1024, &bands, &err);
        if (!b)
            fail_msg("%s", err.msg);
        assert_int_equal(a->w, b->w);
        assert_int_equal(a->h, b->h);
        assert_int_equal(bands.decoded_pct, 100);
        for (int y = 0; y < a->h; y++)
            for (int x = 0; x < a->w; x++)
                if (px(a, x, y) != px(b, x, y))
                    fail_msg("case %zu: pixel (%d, %d) is %08x in bands, %08x in one go", k, x, y,
                             px(b, x, y), px(a, x, y));
        if (k == 0)
            SDL_FreeSurface(slide_with(b, "progressive-jpeg-in-bands"));
        SDL_FreeSurface(a);
        SDL_FreeSurface(b);
        nr_buf_release(&jpg);
    }
}

/* The progressive decoder's work cap: past it a file is refused with the cap named, before
 * anything is decoded; below it the same file decodes. */
static void test_progressive_work_cap_refuses(void **state)
{
    (void)state;
    struct nr_buf jpg;
    struct nr_err err = { 0 };
    struct photo_info info;
    struct jpeg_opts prog = { .progressive = true };
    encode_jpeg(3000, 2000, paint_gradient, &prog, &jpg);
    /* 3000x2000 in 4:2:0 is 140,000 blocks: their nonzero maps alone are 1.1 MB */
    SDL_Surface *s = draw_photo_jpeg_decode_within(jpg.data, jpg.len, 3000, 2000, 1056, 1080,
                                                   1024 * 1024, 4 * 1024 * 1024, &info, &err);
    assert_null(s);
    assert_int_equal(err.code, NR_ERR_IMAGE);
    if (!strstr(err.msg, "needs more than 1 MiB"))
        fail_msg("the refusal does not name the cap: %s", err.msg);
    s = draw_photo_jpeg_decode_within(jpg.data, jpg.len, 3000, 2000, 1056, 1080, 8 * 1024 * 1024,
                                      4 * 1024 * 1024, &info, &err);
    if (!s)
        fail_msg("%s", err.msg);
    SDL_FreeSurface(s);
    nr_buf_release(&jpg);
}

/* Cut short: shown (its top part) when most of it arrived, refused when too little did. */
static void test_truncated_photos_show_only_when_most_arrived(void **state)
{
    (void)state;
    struct nr_buf jpg, png;
    encode_jpeg(1600, 1200, paint_gradient, NULL, &jpg);
    encode_png(1600, 1200, paint_gradient, NULL, false, &png);
    const struct nr_buf *files[] = { &jpg, &png };
    for (int f = 0; f < 2; f++) {
        struct nr_err err = { 0 };
        size_t most = files[f]->len * 9 / 10, little = files[f]->len * 3 / 10;
        SDL_Surface *s = draw_photo_decode(files[f]->data, most, 0, 0, &err);
        if (!s)
            fail_msg("%s", err.msg);
        assert_int_equal(s->w, 1600);
        assert_in_range(s->h, 1200 * 3 / 4, 1199);
        /* no grey: the last row kept is the gradient's own */
        uint32_t last = px(s, 800, s->h - 1);
        assert_in_range((last >> 8) & 0xff, (unsigned)((s->h - 20) * 255 / 1199),
                        (unsigned)((s->h + 20) * 255 / 1199));
        if (f == 0)
            SDL_FreeSurface(slide_with(s, "truncated-jpeg-shown"));
        SDL_FreeSurface(s);
        s = draw_photo_decode(files[f]->data, little, 0, 0, &err);
        assert_null(s);
        assert_int_equal(err.code, NR_ERR_IMAGE);
        assert_non_null(strstr(err.msg, "cut short"));
    }
    nr_buf_release(&jpg);
    nr_buf_release(&png);

    /* a progressive JPEG is whole after its first scans, only less sharp: shown when cut
     * in a late scan, refused when cut in its first (flat blocks of colour) */
    struct jpeg_opts prog = { .progressive = true };
    struct nr_err err = { 0 };
    encode_jpeg(1600, 1200, paint_gradient, &prog, &jpg);
    SDL_Surface *s = draw_photo_decode(jpg.data, jpg.len * 95 / 100, 0, 0, &err);
    if (!s)
        fail_msg("%s", err.msg);
    assert_int_equal(s->h, 1200);
    SDL_FreeSurface(s);
    assert_null(draw_photo_decode(jpg.data, jpg.len / 50, 0, 0, &err));
    assert_non_null(strstr(err.msg, "cut short"));
    nr_buf_release(&jpg);
}

/* End to end: newsreel --render with a feed whose photo is too small logs one line naming
 * the photo and the reason, and gives the slide without a photo. */
static void test_render_logs_a_refused_photo_once(void **state)
{
    (void)state;
    char *dir = ts_mkdtemp(), path[4200], out_dir[4200];
    struct nr_buf png, out, err;
    encode_png(320, 200, paint_corner, NULL, false, &png);
    snprintf(path, sizeof path, "%s/thumb-320.png", dir);
    ts_write_file(path, png.data, png.len);
    static const char feed[] =
        "<?xml version=\"1.0\"?><rss version=\"2.0\" "
        "xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><title>Test Desk</title>"
        "<link>https://news.example.org/</link><item><title>Harbour works begin on the new "
        "quay wall</title><link>https://news.example.org/a1</link><guid>a1</guid>"
        "<media:content url=\"thumb-320.png\" medium=\"image\"/></item></channel></rss>";
    snprintf(path, sizeof path, "%s/feed.xml", dir);
    ts_write_file(path, feed, sizeof feed - 1);
    snprintf(out_dir, sizeof out_dir, "%s/slides", dir);
    char exe[4200];
    snprintf(exe, sizeof exe, "%s", ts_newsreel());
    char *argv[] = { exe, (char *)"--render", out_dir, (char *)"--size", (char *)"1920x1080", path,
                     NULL };
    nr_buf_init(&out, TS_MAX_FILE_BYTES);
    nr_buf_init(&err, TS_MAX_FILE_BYTES);
    assert_int_equal(ts_run(argv, NULL, 60000, &out, &err), 0);
    assert_int_equal(nr_buf_putc(&err, '\0'), NR_OK);
    const char *line = strstr(err.data, "thumb-320.png");
    if (!line || !strstr(line, "too small for its box"))
        fail_msg("no line names the photo and why: %s", err.data);
    assert_null(strstr(line + 1, "thumb-320.png")); /* once */
    nr_buf_release(&png);
    nr_buf_release(&out);
    nr_buf_release(&err);
    ts_rmtree(dir);
    free(dir);
}

/* End to end: images extraction leaves out as no photo (a tracking pixel by its size, an
 * icon) are logged with the reason, each address once however many items carry it; a
 * photo whose name holds a tracker's word is shown, not left out. */
static void test_render_logs_left_out_images_once(void **state)
{
    (void)state;
    char *dir = ts_mkdtemp(), path[4200], out_dir[4200];
    struct nr_buf jpg, out, err;
    encode_jpeg(1600, 1200, paint_corner, NULL, &jpg);
    snprintf(path, sizeof path, "%s/google-pixel-10-review.jpg", dir);
    ts_write_file(path, jpg.data, jpg.len);
    static const char feed[] =
        "<?xml version=\"1.0\"?><rss version=\"2.0\" "
        "xmlns:media=\"http://search.yahoo.com/mrss/\" "
        "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>"
        "<title>Test Desk</title><link>https://news.example.org/</link>"
        "<item><title>Harbour works begin on the new quay wall</title>"
        "<link>https://news.example.org/a1</link><guid>a1</guid><content:encoded><![CDATA[<p>"
        "Works begin.</p><img src=\"https://stats.example.net/t.gif?u=7\" width=\"1\" "
        "height=\"1\">]]></content:encoded></item>"
        "<item><title>Ferry timetable changes for the winter season</title>"
        "<link>https://news.example.org/a2</link><guid>a2</guid><content:encoded><![CDATA[<p>"
        "New times.</p><img src=\"https://stats.example.net/t.gif?u=7\" width=\"1\" "
        "height=\"1\">]]></content:encoded></item>"
        "<item><title>Library repair cafe opens its doors on Saturdays</title>"
        "<link>https://news.example.org/a3</link><guid>a3</guid><media:thumbnail "
        "url=\"https://news.example.org/icons/cafe-16.png\" width=\"16\" height=\"16\"/>"
        "</item>"
        "<item><title>Phone review: the camera is the reason to buy it</title>"
        "<link>https://news.example.org/a4</link><guid>a4</guid><media:content "
        "url=\"google-pixel-10-review.jpg\" medium=\"image\"/></item></channel></rss>";
    snprintf(path, sizeof path, "%s/feed.xml", dir);
    ts_write_file(path, feed, sizeof feed - 1);
    snprintf(out_dir, sizeof out_dir, "%s/slides", dir);
    char exe[4200];
    snprintf(exe, sizeof exe, "%s", ts_newsreel());
    char *argv[] = { exe, (char *)"--render", out_dir, (char *)"--size", (char *)"1920x1080", path,
                     NULL };
    nr_buf_init(&out, TS_MAX_FILE_BYTES);
    nr_buf_init(&err, TS_MAX_FILE_BYTES);
    assert_int_equal(ts_run(argv, NULL, 60000, &out, &err), 0);
    assert_int_equal(nr_buf_putc(&err, '\0'), NR_OK);
    const char *line = strstr(err.data, "stats.example.net/t.gif?u=7");
    if (!line || !strstr(line, "left out: a tracking pixel"))
        fail_msg("the tracking pixel is not logged with why: %s", err.data);
    assert_null(strstr(line + 1, "stats.example.net/t.gif?u=7")); /* once */
    line = strstr(err.data, "cafe-16.png");
    if (!line || !strstr(line, "left out: an icon"))
        fail_msg("the icon is not logged with why: %s", err.data);
    assert_null(strstr(err.data, "review.jpg' of")); /* the phone's photo is no tracker */
    if (!strstr(err.data, "wrote 4 slides"))
        fail_msg("not every story made a slide: %s", err.data);
    nr_buf_release(&jpg);
    nr_buf_release(&out);
    nr_buf_release(&err);
    ts_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_agency_originals_cost_the_box_not_the_file),
        cmocka_unit_test(test_progressive_and_interlaced_decode_alike),
        cmocka_unit_test(test_webp_is_decoded_at_the_box_size),
        cmocka_unit_test(test_webp_cut_short_and_lossless_cap),
        cmocka_unit_test(test_exif_orientation_turns_the_photo_upright),
        cmocka_unit_test(test_cmyk_and_ycck_jpegs_keep_their_colours),
        cmocka_unit_test(test_icc_profiles_are_honoured),
        cmocka_unit_test(test_cmyk_jpeg_profile_is_honoured),
        cmocka_unit_test(test_display_p3_png_and_webp_are_turned_into_srgb),
        cmocka_unit_test(test_transparency_shows_the_slide_ground),
        cmocka_unit_test(test_photos_too_small_for_their_box_are_refused),
        cmocka_unit_test(test_gif_frame_is_placed_on_its_canvas),
        cmocka_unit_test(test_gif_frame_larger_than_the_caps_is_refused),
        cmocka_unit_test(test_large_gifs_decode_row_by_row),
        cmocka_unit_test(test_progressive_bands_decode_as_one),
        cmocka_unit_test(test_progressive_work_cap_refuses),
        cmocka_unit_test(test_truncated_photos_show_only_when_most_arrived),
        cmocka_unit_test(test_render_logs_a_refused_photo_once),
        cmocka_unit_test(test_render_logs_left_out_images_once),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
