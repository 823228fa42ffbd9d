/* test_draw.c: the draw stage with the real fonts: photo headers and decoding, glyph
 * coverage through fallback fonts, the display-list promises for every fixture at every
 * size, text surfaces that never outgrow their boxes, and the PNG writer. */
#include "draw.h"
#include "draw_int.h"
#include "fixtures.h"
#include "testsupport.h"

#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

static void test_missing_font_dir_is_an_error(void **state)
{
    (void)state;
    struct nr_err err = { 0 };
    assert_null(drawer_new("/nonexistent-fonts", &theme, &err));
    assert_int_equal(err.code, NR_ERR_IO);
    assert_non_null(strstr(err.msg, "NotoSerifDisplay-Bold.ttf"));
}

/* Encodes a w x h test image in format ("png" or "jpg") into buf. */
static void encode(int w, int h, const char *format, struct nr_buf *buf)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    char *dir = ts_mkdtemp(), path[4200];
    assert_non_null(s);
    SDL_FillRect(s, NULL, 0xff336699u);
    snprintf(path, sizeof path, "%s/img.%s", dir, format);
    if (strcmp(format, "png") == 0)
        assert_int_equal(IMG_SavePNG(s, path), 0);
    else
        assert_int_equal(IMG_SaveJPG(s, path, 80), 0);
    nr_buf_init(buf, TS_MAX_FILE_BYTES);
    assert_int_equal(ts_read_file(path, buf), 0);
    SDL_FreeSurface(s);
    ts_rmtree(dir);
    free(dir);
}

static void test_probe_reads_headers(void **state)
{
    (void)state;
    struct nr_buf png, jpg;
    int w, h;
    encode(321, 123, "png", &png);
    encode(200, 150, "jpg", &jpg);
    assert_true(draw_photo_probe(png.data, png.len, &w, &h));
    assert_int_equal(w, 321);
    assert_int_equal(h, 123);
    assert_true(draw_photo_probe(jpg.data, jpg.len, &w, &h));
    assert_int_equal(w, 200);
    assert_int_equal(h, 150);
    static const unsigned char gif[] = "GIF89a\x40\x01\xf0\x00";
    assert_true(draw_photo_probe(gif, sizeof gif - 1, &w, &h));
    assert_int_equal(w, 320);
    assert_int_equal(h, 240);
    /* WebP VP8X: canvas width - 1 and height - 1 in 24 bits */
    unsigned char webp[30] = "RIFF\0\0\0\0WEBPVP8X";
    webp[24] = 0x7f, webp[25] = 0x02; /* 640 - 1 */
    webp[27] = 0xdf, webp[28] = 0x01; /* 480 - 1 */
    assert_true(draw_photo_probe(webp, sizeof webp, &w, &h));
    assert_int_equal(w, 640);
    assert_int_equal(h, 480);
    assert_false(draw_photo_probe("<html>", 6, &w, &h));
    assert_false(draw_photo_probe(png.data, 20, &w, &h)); /* cut short */
    nr_buf_release(&png);
    nr_buf_release(&jpg);
}

static void test_decode_checks_header_before_decoding(void **state)
{
    (void)state;
    struct nr_buf png;
    struct nr_err err = { 0 };
    encode(64, 64, "png", &png);
    /* claim 60000 x 60000 in IHDR: refused from the header alone */
    unsigned char *p = (unsigned char *)png.data;
    p[16] = 0, p[17] = 0, p[18] = 0xea, p[19] = 0x60;
    p[20] = 0, p[21] = 0, p[22] = 0xea, p[23] = 0x60;
    assert_null(draw_photo_decode(png.data, png.len, 1920, 1080, &err));
    assert_int_equal(err.code, NR_ERR_TOO_BIG);
    assert_null(draw_photo_decode("garbage!", 8, 1920, 1080, &err));
    assert_int_equal(err.code, NR_ERR_IMAGE);
    nr_buf_release(&png);
}

static void test_decode_shrinks_to_cover_the_box(void **state)
{
    (void)state;
    struct nr_buf jpg;
    struct nr_err err = { 0 };
    encode(2000, 1000, "jpg", &jpg);
    SDL_Surface *s = draw_photo_decode(jpg.data, jpg.len, 400, 300, &err);
    assert_non_null(s);
    /* a 400 x 300 slide's photo box is 200 x 300: covered with the aspect ratio kept */
    assert_int_equal(s->h, 300);
    assert_int_equal(s->w, 600);
    assert_int_equal(s->format->format, SDL_PIXELFORMAT_ARGB8888);
    SDL_FreeSurface(s);
    /* no screen given: kept as it is */
    s = draw_photo_decode(jpg.data, jpg.len, 0, 0, &err);
    assert_non_null(s);
    assert_int_equal(s->w, 2000);
    assert_int_equal(s->h, 1000);
    /* the slide's shrink reads 24 bits as it reads 32 */
    SDL_Surface *rgb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGB24, 0);
    SDL_Rect part = { 130, 70, 1500, 900 };
    SDL_Surface *a = draw_photo_scale(rgb, &part, 411, 233),
                *b = draw_photo_scale(s, &part, 411, 233);
    assert_non_null(a);
    assert_non_null(b);
    for (int y = 0; y < a->h; y++)
        assert_memory_equal((uint8_t *)a->pixels + (size_t)y * a->pitch,
                            (uint8_t *)b->pixels + (size_t)y * b->pitch, (size_t)a->w * 4);
    SDL_FreeSurface(a);
    SDL_FreeSurface(b);
    SDL_FreeSurface(rgb);
    SDL_FreeSurface(s);
    nr_buf_release(&jpg);
}

static void test_every_script_has_a_glyph(void **state)
{
    (void)state;
    const struct text_measurer *m = drawer_measurer(drawer);
    static const char *const texts[] = {
        "\xe6\x9d\xb1\xe4\xba\xac\xe3\x81\xa7\xe6\x96\xb0\xe3\x81\x97\xe3\x81\x84", /* ja */
        "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4",                                     /* ko */
        "\xd8\xa7\xd9\x84\xd8\xb9\xd8\xa7\xd9\x84\xd9\x85",                         /* ar */
        "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d",                                         /* he */
        "\xe0\xa4\xa8\xe0\xa4\xae\xe0\xa4\xb8\xe0\xa5\x8d\xe0\xa4\xa4\xe0\xa5\x87", /* hi */
        "\xce\x95\xce\xbb\xce\xbb\xce\xac\xce\xb4\xce\xb1",                         /* el */
        "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0",                         /* ru */
        "\xf0\x9f\x8e\x89\xe2\x9a\xbd\xf0\x9f\x8f\x86",                             /* emoji */
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        for (int f = 0; f < FACE_COUNT; f++) {
            int w = 0, h = 0;
            assert_int_equal(
                m->size(m->ctx, (enum face)f, 40, false, texts[i], strlen(texts[i]), &w, &h), 0);
            assert_true(w > 0 && h > 0);
        }
    }
}

/* Pixels of a white run that are clearly coloured (an emoji's red, green, blue). */
static long coloured_pixels(struct text_cache *tc, const char *text)
{
    int asc = 0;
    SDL_Surface *run =
        draw_text_cache_run(tc, FACE_HEADLINE, 80, false, (struct rgba){ 255, 255, 255, 255 }, text,
                            strlen(text), &asc);
    assert_non_null(run);
    SDL_Surface *argb = SDL_ConvertSurfaceFormat(run, SDL_PIXELFORMAT_ARGB8888, 0);
    assert_non_null(argb);
    long n = 0;
    for (int y = 0; y < argb->h; y++) {
        const uint32_t *row = (const uint32_t *)((const uint8_t *)argb->pixels + y * argb->pitch);
        for (int x = 0; x < argb->w; x++) {
            int a = row[x] >> 24, r = (row[x] >> 16) & 255, g = (row[x] >> 8) & 255,
                b = row[x] & 255;
            if (a > 128 && (abs(r - g) > 60 || abs(g - b) > 60 || abs(r - b) > 60))
                n++;
        }
    }
    SDL_FreeSurface(argb);
    return n;
}

static int width_of(struct text_cache *tc, const char *text)
{
    struct text_measurer m;
    int w = 0, h = 0;
    draw_text_cache_measurer(tc, &m);
    assert_int_equal(m.size(m.ctx, FACE_HEADLINE, 80, false, text, strlen(text), &w, &h), 0);
    return w;
}

/* U+FE0F asks for the colour glyph and U+FE0E for the text one; a flag, a keycap, a ZWJ
 * family and a skin tone are each one glyph at the headline's size. */
static void test_emoji_presentation(void **state)
{
    (void)state;
    char fonts[4096];
    struct nr_err err = { 0 };
    snprintf(fonts, sizeof fonts, "%s/fonts", ts_source_dir());
    struct font_set *fs = draw_font_set_new(fonts, NULL, &err);
    assert_non_null(fs);
    struct text_cache *tc = draw_text_cache_new(fs);
    assert_true(coloured_pixels(tc, "\xe2\x9d\xa4\xef\xb8\x8f") > 100);   /* ❤️ */
    assert_true(coloured_pixels(tc, "\xe2\x98\x80\xef\xb8\x8f") > 100);   /* ☀️ */
    assert_int_equal(coloured_pixels(tc, "\xe2\x98\x80\xef\xb8\x8e"), 0); /* ☀︎ */
    assert_int_equal(coloured_pixels(tc, "\xe2\x9d\xa4\xef\xb8\x8e"), 0); /* ❤︎ */
    assert_true(coloured_pixels(tc, "1\xef\xb8\x8f\xe2\x83\xa3") > 100);
    /* an emoji joined to a letter is still drawn by the emoji font */
    assert_true(coloured_pixels(tc, "x\xe2\x80\x8d\xf0\x9f\x8e\x89") > 100); /* 1️⃣ */
    int one = width_of(tc, "\xf0\x9f\x8e\x89");                              /* 🎉 */
    static const char *const units[] = {
        "1\xef\xb8\x8f\xe2\x83\xa3",        /* keycap */
        "\xf0\x9f\x87\xa7\xf0\x9f\x87\xb7", /* flag */
        "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7\xe2\x80\x8d"
        "\xf0\x9f\x91\xa6",                                             /* family */
        "\xf0\x9f\x91\xa9\xf0\x9f\x8f\xbd\xe2\x80\x8d\xf0\x9f\x9a\x80", /* astronaut */
        "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbc",                             /* skin tone */
        "\xf0\x9f\x8f\xb4\xf3\xa0\x81\xa7\xf3\xa0\x81\xa2\xf3\xa0\x81\xb3\xf3\xa0\x81\xa3"
        "\xf3\xa0\x81\xb4\xf3\xa0\x81\xbf", /* Scotland */
    };
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        int w = width_of(tc, units[i]);
        if (w < one * 3 / 4 || w > one * 5 / 4)
            fail_msg("unit %zu is %d px wide, one emoji %d px", i, w, one);
        long c = coloured_pixels(tc, units[i]);
        if (i != 2 && c <= 100) /* the family glyph itself is drawn in greys */
            fail_msg("unit %zu: %ld coloured pixels", i, c);
    }
    draw_text_cache_free(tc);
    draw_font_set_free(fs);
}

static void test_fixtures_keep_their_promises(void **state)
{
    (void)state;
    if (!ts_have_shared())
        skip();
    size_t n;
    const struct fixture *fx = fixtures(&n);
    const struct text_measurer *m = drawer_measurer(drawer);
    for (size_t i = 0; i < n; i++) {
        for (int k = 0; k < 5; k++) {
            int w = fixture_sizes[k][0], h = fixture_sizes[k][1];
            struct slide_info info = { .index = (int)i,
                                       .count = (int)n,
                                       .now_unix = FIXTURE_NOW_UNIX };
            struct display_list dl;
            struct nr_err err = { 0 };
            SDL_Surface *photo = fixture_photo(&fx[i], ts_shared_dir(), w, h);
            assert_int_equal(drawer_layout(drawer, &fx[i].story, photo, &info, w, h, &dl, &err),
                             NR_OK);
            if (!layout_check(&dl, m, &err))
                fail_msg("%s at %dx%d: %s", fx[i].name, w, h, err.msg);
            assert_false(dl.blocks[ROLE_HEADLINE].ellipsized);
            display_list_release(&dl);
            SDL_FreeSurface(photo);
        }
    }
}

static void test_huge_headline_surfaces_stay_in_their_boxes(void **state)
{
    (void)state;
    size_t n;
    const struct fixture *fx = fixtures(&n);
    struct story s = fx[0].story;
    char *big = malloc(5001);
    for (int i = 0; i < 5000; i++)
        big[i] = (char)('a' + i % 26);
    big[5000] = '\0';
    s.headline = big;
    for (int k = 0; k < 5; k++) {
        int w = fixture_sizes[k][0], h = fixture_sizes[k][1];
        struct slide_info info = { .index = 0, .count = 1, .now_unix = FIXTURE_NOW_UNIX };
        struct display_list dl;
        struct nr_err err = { 0 };
        assert_int_equal(drawer_layout(drawer, &s, NULL, &info, w, h, &dl, &err), NR_OK);
        assert_true(layout_check(&dl, drawer_measurer(drawer), &err));
        assert_true(dl.blocks[ROLE_HEADLINE].ellipsized);
        for (size_t i = 0; i < dl.n; i++) {
            const struct dl_item *it = &dl.items[i];
            if (it->kind != DL_TEXT)
                continue;
            assert_true(it->rect.w <= it->clip.w);
            for (size_t r = 0; r < it->n_runs; r++) {
                SDL_Surface *run = drawer_text_run(drawer, it, r);
                assert_non_null(run);
                assert_true(run->w <= it->clip.w + it->px / 2);
            }
        }
        SDL_Surface *slide = drawer_paint(drawer, &dl, NULL, w, h, &err);
        assert_non_null(slide);
        SDL_FreeSurface(slide);
        display_list_release(&dl);
    }
    free(big);
}

static void test_qr_encodes_the_link(void **state)
{
    (void)state;
    struct rgba dark = { 0, 0, 0, 255 }, light = { 255, 255, 255, 255 };
    SDL_Surface *q = draw_qr_render("https://example.org/a", 120, dark, light);
    assert_non_null(q);
    assert_int_equal(q->w, 120);
    /* the top-left finder pattern is dark where the quiet zone ends */
    int module = 120 / (21 + 4), off = (120 - module * 21) / 2;
    uint32_t corner = ((uint32_t *)((uint8_t *)q->pixels + (off + 1) * q->pitch))[off + 1];
    uint32_t border = ((uint32_t *)q->pixels)[0];
    assert_int_equal(corner & 0xffffff, 0);
    assert_int_equal(border & 0xffffff, 0xffffff);
    SDL_FreeSurface(q);
}

static void test_render_paints_photo_and_headline(void **state)
{
    (void)state;
    if (!ts_have_shared())
        skip();
    size_t n;
    const struct fixture *fx = fixtures(&n);
    struct slide_info info = { .index = 0, .count = 1, .now_unix = FIXTURE_NOW_UNIX };
    struct nr_err err = { 0 };
    SDL_Surface *photo = fixture_photo(&fx[0], ts_shared_dir(), 1920, 1080);
    struct display_list dl;
    assert_int_equal(drawer_layout(drawer, &fx[0].story, photo, &info, 1920, 1080, &dl, &err),
                     NR_OK);
    SDL_Surface *s = drawer_render(drawer, &fx[0].story, photo, &info, 1920, 1080, &err);
    assert_non_null(s);
    assert_int_equal(s->format->format, SDL_PIXELFORMAT_ARGB8888);
    /* light pixels inside the headline box (text on the dark ground) */
    struct dl_rect b = dl.blocks[ROLE_HEADLINE].box;
    long light = 0;
    for (int y = b.y; y < b.y + b.h; y++)
        for (int x = b.x; x < b.x + b.w; x++)
            light += (((uint32_t *)((uint8_t *)s->pixels + y * s->pitch))[x] & 0xff) > 200;
    assert_true(light > (long)b.w * b.h / 50);
    /* the photo's centre is not the background colour */
    uint32_t c = ((uint32_t *)((uint8_t *)s->pixels + 540 * s->pitch))[500];
    assert_int_not_equal(c & 0xffffff, 0x121417);
    char *dir = ts_mkdtemp(), path[4200];
    snprintf(path, sizeof path, "%s/slide.png", dir);
    assert_int_equal(draw_save_png(s, path, &err), NR_OK);
    SDL_Surface *back = IMG_Load(path);
    assert_non_null(back);
    assert_int_equal(back->w, 1920);
    SDL_FreeSurface(back);
    ts_rmtree(dir);
    free(dir);
    assert_int_equal(draw_save_png(s, "/nonexistent/dir/x.png", &err), NR_ERR_IO);
    SDL_FreeSurface(s);
    SDL_FreeSurface(photo);
    display_list_release(&dl);
}

/* Reads the PNG at path back with SDL2_image (a decoder other than ours) as ARGB8888. */
static SDL_Surface *read_back_argb(const char *path)
{
    SDL_Surface *raw = IMG_Load(path);
    assert_non_null(raw);
    SDL_Surface *s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
    assert_non_null(s);
    SDL_FreeSurface(raw);
    return s;
}

static uint32_t pixel_at(const SDL_Surface *s, int x, int y)
{
    return ((const uint32_t *)((const uint8_t *)s->pixels + y * s->pitch))[x];
}

/* Every surface format the program saves keeps its pixels, alpha where it has one, exactly;
 * an opaque format is written without alpha. */
static void test_png_writer_keeps_pixels(void **state)
{
    (void)state;
    char *dir = ts_mkdtemp(), path[4200];
    struct nr_err err = { 0 };
    snprintf(path, sizeof path, "%s/px.png", dir);

    /* ARGB8888 with a translucent and a fully transparent pixel, odd width (row padding) */
    SDL_Surface *argb = SDL_CreateRGBSurfaceWithFormat(0, 7, 5, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(argb);
    for (int y = 0; y < 5; y++)
        for (int x = 0; x < 7; x++)
            ((uint32_t *)((uint8_t *)argb->pixels + y * argb->pitch))[x] =
                0xff000000u | (uint32_t)(x * 36) << 16 | (uint32_t)(y * 60) << 8 | 0x5a;
    ((uint32_t *)argb->pixels)[1] = 0x80c03010u;
    ((uint32_t *)argb->pixels)[2] = 0x00000000u;
    assert_int_equal(draw_save_png(argb, path, &err), NR_OK);
    SDL_Surface *back = read_back_argb(path);
    assert_int_equal(back->w, 7);
    assert_int_equal(back->h, 5);
    for (int y = 0; y < 5; y++)
        for (int x = 0; x < 7; x++)
            assert_int_equal(pixel_at(back, x, y), pixel_at(argb, x, y));
    SDL_FreeSurface(back);

    /* RGB24 (no alpha channel): written as RGB, read back opaque */
    SDL_Surface *rgb = SDL_ConvertSurfaceFormat(argb, SDL_PIXELFORMAT_RGB24, 0);
    assert_non_null(rgb);
    assert_int_equal(draw_save_png(rgb, path, &err), NR_OK);
    SDL_Surface *raw = IMG_Load(path);
    assert_non_null(raw);
    assert_int_equal(raw->format->Amask, 0);
    SDL_FreeSurface(raw);
    back = read_back_argb(path);
    for (int y = 0; y < 5; y++)
        for (int x = 0; x < 7; x++)
            assert_int_equal(pixel_at(back, x, y) & 0xffffff, pixel_at(argb, x, y) & 0xffffff);
    SDL_FreeSurface(back);
    SDL_FreeSurface(rgb);
    SDL_FreeSurface(argb);
    ts_rmtree(dir);
    free(dir);
}

/* A write that fails part way reports NR_ERR_IO and never removes what is not a file. */
static void test_png_writer_reports_a_full_disk(void **state)
{
    (void)state;
    struct stat st;
    if (stat("/dev/full", &st) != 0) {
        print_message("no /dev/full here: skipping the full-disk check\n");
        skip();
    }
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 640, 480, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(s);
    for (int y = 0; y < 480; y++) /* noise, so that the PNG outgrows stdio's buffer */
        for (int x = 0; x < 640; x++)
            ((uint32_t *)((uint8_t *)s->pixels + y * s->pitch))[x] =
                (uint32_t)(x * 2654435761u ^ y * 40503u);
    struct nr_err err = { 0 };
    assert_int_equal(draw_save_png(s, "/dev/full", &err), NR_ERR_IO);
    assert_non_null(strstr(err.msg, "/dev/full"));
    assert_int_equal(stat("/dev/full", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    SDL_FreeSurface(s);
}

/* A photo whose every pixel says where it is, w x h. */
static SDL_Surface *patterned_photo(int w, int h)
{
    SDL_Surface *p = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(p);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            ((uint32_t *)((uint8_t *)p->pixels + y * p->pitch))[x] =
                0xff000000u | (uint32_t)(x * 7 & 0xff) << 16 | (uint32_t)(y * 5 & 0xff) << 8 |
                (uint32_t)((x ^ y) & 0xff);
    SDL_SetSurfaceBlendMode(p, SDL_BLENDMODE_NONE);
    return p;
}

/* The photo cut down to its slide's photo box paints the very slide the whole photo paints,
 * on a landscape and a portrait screen, for photos wider, taller and smaller than the box. */
static void test_photo_crop_paints_the_same_slide(void **state)
{
    (void)state;
    static const struct {
        int sw, sh, pw, ph, cut_w, cut_h;
    } cases[] = {
        { 1920, 1080, 1920, 1080, 1056, 1080 }, /* 1080p: the box is 55 % of the width */
        { 1920, 1080, 900, 1500, 900, 920 },    /* a tall photo: cut in height */
        { 1080, 1920, 1620, 1080, 1620, 921 },  /* portrait screen: a band across the top */
        { 640, 360, 200, 100, 98, 100 },        /* smaller than its box */
    };
    struct story st = { .headline = (char *)"Ferry service resumes after the storm",
                        .caption = (char *)"The first crossing left at dawn",
                        .credit = (char *)"Harbour office" };
    struct slide_info info = { .index = 0, .count = 1, .now_unix = 1700000000 };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct nr_err err = { 0 };
        SDL_Surface *whole = patterned_photo(cases[i].pw, cases[i].ph);
        SDL_Surface *cut = draw_photo_crop_to_box(patterned_photo(cases[i].pw, cases[i].ph),
                                                  cases[i].sw, cases[i].sh);
        assert_non_null(cut);
        assert_int_equal(cut->w, cases[i].cut_w);
        assert_int_equal(cut->h, cases[i].cut_h);
        drawer_clear_caches(drawer);
        SDL_Surface *a = drawer_render(drawer, &st, whole, &info, cases[i].sw, cases[i].sh, &err);
        drawer_clear_caches(drawer);
        SDL_Surface *b = drawer_render(drawer, &st, cut, &info, cases[i].sw, cases[i].sh, &err);
        assert_non_null(a);
        assert_non_null(b);
        long differ = 0;
        for (int y = 0; y < a->h; y++)
            for (int x = 0; x < a->w; x++)
                differ += pixel_at(a, x, y) != pixel_at(b, x, y);
        if (differ)
            fail_msg("case %zu: %ld pixels differ", i, differ);
        SDL_FreeSurface(a);
        SDL_FreeSurface(b);
        SDL_FreeSurface(whole);
        SDL_FreeSurface(cut);
    }
    /* not 32-bit, or NULL: passed through untouched */
    assert_null(draw_photo_crop_to_box(NULL, 1920, 1080));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_missing_font_dir_is_an_error),
        cmocka_unit_test(test_probe_reads_headers),
        cmocka_unit_test(test_decode_checks_header_before_decoding),
        cmocka_unit_test(test_decode_shrinks_to_cover_the_box),
        cmocka_unit_test(test_every_script_has_a_glyph),
        cmocka_unit_test(test_emoji_presentation),
        cmocka_unit_test(test_fixtures_keep_their_promises),
        cmocka_unit_test(test_huge_headline_surfaces_stay_in_their_boxes),
        cmocka_unit_test(test_qr_encodes_the_link),
        cmocka_unit_test(test_render_paints_photo_and_headline),
        cmocka_unit_test(test_png_writer_keeps_pixels),
        cmocka_unit_test(test_png_writer_reports_a_full_disk),
        cmocka_unit_test(test_photo_crop_paints_the_same_slide),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
