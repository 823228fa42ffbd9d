/* test_golden.c: every fixture at the five screen sizes against committed reference images.
 *
 * References are grey 8-bit PNGs reduced so the long side is REF_SIDE px (small in the
 * repository, blind to sub-pixel differences between FreeType versions). A pixel differs
 * when its grey level is more than PIXEL_TOLERANCE away; a slide fails when more than
 * MAX_DIFF_PERMILLE of its pixels differ, which a missing headline, photo or quote exceeds
 * many times over. Failures write <name>-diff.png (differing pixels in red) beside the full
 * render in <build>/golden-out/. NR_GOLDEN_UPDATE=1 rewrites the references instead. */
#include "draw.h"
#include "draw_int.h"
#include "fixtures.h"
#include "testsupport.h"

#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define REF_SIDE 384
#define PIXEL_TOLERANCE 48
#define MAX_DIFF_PERMILLE 15

static struct drawer *drawer;
static struct theme theme;
static char out_dir[4096];

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
    snprintf(out_dir, sizeof out_dir, "%s/golden-out", ts_binary_dir());
    mkdir(out_dir, 0777);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    drawer_free(drawer);
    SDL_Quit();
    return 0;
}

/* Grey thumbnail of slide, long side REF_SIDE, as an 8-bit paletted surface. */
static SDL_Surface *thumbnail(SDL_Surface *slide)
{
    int w = slide->w, h = slide->h;
    int tw = w >= h ? REF_SIDE : REF_SIDE * w / h, th = w >= h ? REF_SIDE * h / w : REF_SIDE;
    SDL_Rect all = { 0, 0, w, h };
    SDL_Surface *small = draw_photo_scale(slide, &all, tw, th);
    SDL_Surface *g = SDL_CreateRGBSurfaceWithFormat(0, tw, th, 8, SDL_PIXELFORMAT_INDEX8);
    SDL_Color pal[256];
    assert_non_null(small);
    assert_non_null(g);
    for (int i = 0; i < 256; i++)
        pal[i] = (SDL_Color){ (Uint8)i, (Uint8)i, (Uint8)i, 255 };
    SDL_SetPaletteColors(g->format->palette, pal, 0, 256);
    for (int y = 0; y < th; y++) {
        const uint32_t *src = (const uint32_t *)((uint8_t *)small->pixels + y * small->pitch);
        uint8_t *dst = (uint8_t *)g->pixels + y * g->pitch;
        for (int x = 0; x < tw; x++) {
            uint32_t p = src[x];
            dst[x] =
                (uint8_t)((((p >> 16) & 0xff) * 77 + ((p >> 8) & 0xff) * 150 + (p & 0xff) * 29) >>
                          8);
        }
    }
    SDL_FreeSurface(small);
    return g;
}

static int grey_at(SDL_Surface *argb, int x, int y)
{
    return (int)(((const uint32_t *)((uint8_t *)argb->pixels + y * argb->pitch))[x] & 0xff);
}

/* Compares thumb with the reference at ref_path; returns the permille of differing pixels
 * (1000 when the reference is missing or of another size) and writes diff_path on failure. */
static int compare(SDL_Surface *thumb, const char *ref_path, const char *diff_path)
{
    SDL_Surface *ref = IMG_Load(ref_path), *ref_argb = NULL;
    int permille = 1000;
    if (ref)
        ref_argb = SDL_ConvertSurfaceFormat(ref, SDL_PIXELFORMAT_ARGB8888, 0);
    if (ref_argb && ref_argb->w == thumb->w && ref_argb->h == thumb->h) {
        SDL_Surface *diff =
            SDL_CreateRGBSurfaceWithFormat(0, thumb->w, thumb->h, 32, SDL_PIXELFORMAT_ARGB8888);
        long differ = 0;
        for (int y = 0; y < thumb->h; y++) {
            const uint8_t *t = (const uint8_t *)thumb->pixels + y * thumb->pitch;
            uint32_t *d = (uint32_t *)((uint8_t *)diff->pixels + y * diff->pitch);
            for (int x = 0; x < thumb->w; x++) {
                int r = grey_at(ref_argb, x, y), delta = abs(r - t[x]);
                bool bad = delta > PIXEL_TOLERANCE;
                differ += bad;
                d[x] = bad ? 0xffff2020u : 0xff000000u | (uint32_t)(t[x] / 3) * 0x010101u;
            }
        }
        permille = (int)(differ * 1000 / ((long)thumb->w * thumb->h));
        if (permille > MAX_DIFF_PERMILLE)
            IMG_SavePNG(diff, diff_path);
        SDL_FreeSurface(diff);
    }
    SDL_FreeSurface(ref_argb);
    SDL_FreeSurface(ref);
    return permille;
}

static void test_fixtures_match_references(void **state)
{
    (void)state;
    if (!ts_have_shared())
        skip();
    size_t n;
    const struct fixture *fx = fixtures(&n);
    const char *update = getenv("NR_GOLDEN_UPDATE");
    int failures = 0;
    for (size_t i = 0; i < n; i++) {
        for (int k = 0; k < 5; k++) {
            int w = fixture_sizes[k][0], h = fixture_sizes[k][1];
            struct slide_info info = { .index = (int)i,
                                       .count = (int)n,
                                       .now_unix = FIXTURE_NOW_UNIX };
            struct nr_err err = { 0 };
            char name[256], path[4400], ref[4400], diff[4400];
            SDL_Surface *photo = fixture_photo(&fx[i], ts_shared_dir(), w, h);
            if (fx[i].photo != FIX_PHOTO_NONE)
                assert_non_null(photo);
            SDL_Surface *slide = drawer_render(drawer, &fx[i].story, photo, &info, w, h, &err);
            assert_non_null(slide);
            snprintf(name, sizeof name, "%s-%dx%d", fx[i].name, w, h);
            snprintf(path, sizeof path, "%s/%s.png", out_dir, name);
            snprintf(ref, sizeof ref, "%s/tests/golden/ref/%s.png", ts_source_dir(), name);
            snprintf(diff, sizeof diff, "%s/%s-diff.png", out_dir, name);
            assert_int_equal(draw_save_png(slide, path, &err), NR_OK);
            SDL_Surface *thumb = thumbnail(slide);
            if (update && update[0] == '1') {
                assert_int_equal(IMG_SavePNG(thumb, ref), 0);
            } else {
                int permille = compare(thumb, ref, diff);
                if (permille > MAX_DIFF_PERMILLE) {
                    print_error("%s: %d.%d%% of pixels differ (limit %d.%d%%); see %s\n", name,
                                permille / 10, permille % 10, MAX_DIFF_PERMILLE / 10,
                                MAX_DIFF_PERMILLE % 10, diff);
                    failures++;
                }
            }
            SDL_FreeSurface(thumb);
            SDL_FreeSurface(slide);
            SDL_FreeSurface(photo);
        }
    }
    assert_int_equal(failures, 0);
}

/* The comparison must be able to fail: a slide with its headline gone does not match. */
static void test_missing_headline_is_caught(void **state)
{
    (void)state;
    if (!ts_have_shared())
        skip();
    size_t n;
    const struct fixture *fx = fixtures(&n);
    struct story s = fx[0].story;
    struct slide_info info = { .index = 0, .count = (int)n, .now_unix = FIXTURE_NOW_UNIX };
    struct nr_err err = { 0 };
    char ref[4400], diff[4400];
    s.headline = ".";
    SDL_Surface *photo = fixture_photo(&fx[0], ts_shared_dir(), 1920, 1080);
    SDL_Surface *slide = drawer_render(drawer, &s, photo, &info, 1920, 1080, &err);
    assert_non_null(slide);
    SDL_Surface *thumb = thumbnail(slide);
    snprintf(ref, sizeof ref, "%s/tests/golden/ref/seed-1920x1080.png", ts_source_dir());
    snprintf(diff, sizeof diff, "%s/seed-no-headline-diff.png", out_dir);
    assert_true(compare(thumb, ref, diff) > MAX_DIFF_PERMILLE);
    /* and without its photo */
    SDL_FreeSurface(slide);
    SDL_FreeSurface(thumb);
    slide = drawer_render(drawer, &fx[0].story, NULL, &info, 1920, 1080, &err);
    thumb = thumbnail(slide);
    snprintf(diff, sizeof diff, "%s/seed-no-photo-diff.png", out_dir);
    assert_true(compare(thumb, ref, diff) > MAX_DIFF_PERMILLE);
    SDL_FreeSurface(thumb);
    SDL_FreeSurface(slide);
    SDL_FreeSurface(photo);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixtures_match_references),
        cmocka_unit_test(test_missing_headline_is_caught),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
