/* test_scrim.c: text over a photo keeps a contrast ratio of 4.5:1 or more. Slides are painted
 * with the real fonts over generated worst cases (a white photo, a noisy one) and real
 * photos (the bundled sample's, the shared corpus's when it is there), and the ratio is
 * worked out from the painted pixels: the text's own colour as painted against the
 * lightest pixel of the ground under it. */
#include "draw.h"
#include "draw_int.h"
#include "testsupport.h"

#include "alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct drawer *drawer;
static struct theme theme;

static const int sizes[3][2] = { { 1920, 1080 }, { 1080, 1920 }, { 800, 480 } };

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

static double lum_of(uint32_t p)
{
    struct rgba c = { (uint8_t)(p >> 16), (uint8_t)(p >> 8), (uint8_t)p, 0xff };
    /* the ratio against black is (L + 0.05) / 0.05: L back from it */
    return draw_contrast_ratio(c, (struct rgba){ 0, 0, 0, 0xff }) * 0.05 - 0.05;
}

static uint32_t px_at(const SDL_Surface *s, int x, int y)
{
    return ((const uint32_t *)((const uint8_t *)s->pixels + (size_t)y * s->pitch))[x];
}

/* The lightest luminance in r of s. */
static double lightest(const SDL_Surface *s, struct dl_rect r)
{
    double max = 0;
    for (int y = r.y < 0 ? 0 : r.y; y < r.y + r.h && y < s->h; y++)
        for (int x = r.x < 0 ? 0 : r.x; x < r.x + r.w && x < s->w; x++) {
            double l = lum_of(px_at(s, x, y));
            max = l > max ? l : max;
        }
    return max;
}

static bool on_photo(const struct display_list *dl, const struct dl_item *it)
{
    for (size_t i = 0; i < dl->n; i++) {
        const struct dl_rect p = dl->items[i].rect;
        if (dl->items[i].kind == DL_PHOTO && it->rect.x < p.x + p.w &&
            p.x < it->rect.x + it->rect.w && it->rect.y < p.y + p.h &&
            p.y < it->rect.y + it->rect.h)
            return true;
    }
    return false;
}

/* Paints dl with the text of every line hidden (its runs set aside), or with the lines
 * taken out altogether (bare: what the layout's own gradient leaves). */
static SDL_Surface *paint_ground(const struct display_list *dl, SDL_Surface *photo, int w, int h,
                                 bool bare)
{
    struct display_list copy = *dl;
    copy.items = xmalloc(dl->n * sizeof *dl->items);
    memcpy(copy.items, dl->items, dl->n * sizeof *dl->items);
    for (size_t i = 0; i < copy.n; i++) {
        if (copy.items[i].kind != DL_TEXT)
            continue;
        copy.items[i].n_runs = 0;
        if (bare) {
            copy.items[i].kind = DL_FILL;
            copy.items[i].color.a = 0;
        }
    }
    struct nr_err err = { 0 };
    SDL_Surface *s = drawer_paint(drawer, &copy, photo, w, h, &err);
    free(copy.items);
    assert_non_null(s);
    return s;
}

/* The worst ratio of any line over the photo: its lightest painted pixel (the glyphs' own
 * colour where they cover a pixel whole) against the lightest ground under the line. */
static double worst_ratio(const struct display_list *dl, SDL_Surface *text, SDL_Surface *ground,
                          int *lines)
{
    double worst = 21;
    *lines = 0;
    for (size_t i = 0; i < dl->n; i++) {
        const struct dl_item *it = &dl->items[i];
        if (it->kind != DL_TEXT || !on_photo(dl, it))
            continue;
        double lt = lightest(text, it->rect), lg = lightest(ground, it->rect);
        double r = lt > lg ? (lt + 0.05) / (lg + 0.05) : (lg + 0.05) / (lt + 0.05);
        worst = r < worst ? r : worst;
        (*lines)++;
    }
    return worst;
}

static struct story story(void)
{
    return (struct story){
        .headline = "Night ferry to run across the harbour from spring",
        .quote = "People who clean our offices should not have to walk home in the dark.",
        .speaker = "Elena Marsh",
        .caption = "The Eastbank ferry crossing the harbour at dusk, seen from the old quay",
        .credit = "Photo: Newsreel sample",
        .source = "Harbourton Herald",
    };
}

/* Checks the ratio of every line over photo at the three sizes; returns the worst ratio
 * the layout's own gradient would have left (without the scrim that measures). */
static double check_photo(SDL_Surface *photo, const char *name)
{
    struct story s = story();
    struct slide_info info = { .index = 0, .count = 3, .now_unix = 1700000000 };
    double bare_worst = 21;
    for (int k = 0; k < 3; k++) {
        int w = sizes[k][0], h = sizes[k][1], lines = 0;
        struct display_list dl;
        struct nr_err err = { 0 };
        assert_int_equal(drawer_layout(drawer, &s, photo, &info, w, h, &dl, &err), NR_OK);
        SDL_Surface *text = drawer_paint(drawer, &dl, photo, w, h, &err);
        assert_non_null(text);
        SDL_Surface *ground = paint_ground(&dl, photo, w, h, false);
        SDL_Surface *bare = paint_ground(&dl, photo, w, h, true);
        double ratio = worst_ratio(&dl, text, ground, &lines);
        double before = worst_ratio(&dl, text, bare, &lines);
        bare_worst = before < bare_worst ? before : bare_worst;
        printf("# %s at %dx%d: %d lines over the photo, worst ratio %.2f:1 (%.2f:1 without the "
               "scrim)\n",
               name, w, h, lines, ratio, before);
        assert_true(lines > 0);
        if (ratio < 4.5)
            fail_msg("%s at %dx%d: text over the photo at %.2f:1", name, w, h, ratio);
        SDL_FreeSurface(text);
        SDL_FreeSurface(ground);
        SDL_FreeSurface(bare);
        display_list_release(&dl);
    }
    return bare_worst;
}

static SDL_Surface *generated(bool noisy)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 1600, 1200, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(s);
    uint32_t seed = 12345;
    for (int y = 0; y < s->h; y++) {
        uint32_t *row = (uint32_t *)((uint8_t *)s->pixels + (size_t)y * s->pitch);
        for (int x = 0; x < s->w; x++) {
            seed = seed * 1664525u + 1013904223u;
            uint32_t v = noisy ? seed >> 8 : 0xffffffu; /* every colour, or white */
            row[x] = 0xff000000u | (v & 0xffffffu);
        }
    }
    return s;
}

static void test_white_photo(void **state)
{
    (void)state;
    SDL_Surface *p = generated(false);
    /* without the measuring scrim a white photo would fail: the test can fail */
    assert_true(check_photo(p, "white photo") < 4.5);
    SDL_FreeSurface(p);
}

static void test_noisy_photo(void **state)
{
    (void)state;
    SDL_Surface *p = generated(true);
    check_photo(p, "noisy photo");
    SDL_FreeSurface(p);
}

static void check_file(const char *path)
{
    struct nr_buf b;
    struct nr_err err = { 0 };
    if (ts_read_file(path, &b) != 0)
        fail_msg("cannot read '%s'", path);
    SDL_Surface *p = draw_photo_decode(b.data, b.len, 0, 0, &err);
    if (!p)
        fail_msg("'%s': %s", path, err.msg);
    const char *name = strrchr(path, '/');
    check_photo(p, name ? name + 1 : path);
    SDL_FreeSurface(p);
    nr_buf_release(&b);
}

static void test_sample_photos(void **state)
{
    (void)state;
    static const char *const files[] = { "harbour-ferry-dusk.jpg", "library-repair-cafe.jpg",
                                         "regatta-sails.jpg", "garden-squash.jpg" };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char rel[128];
        snprintf(rel, sizeof rel, "assets/sample/photos/%s", files[i]);
        char *p = ts_path(ts_source_dir(), rel);
        check_file(p);
        free(p);
    }
}

static void test_corpus_photos(void **state)
{
    (void)state;
    if (!ts_have_shared())
        skip();
    static const char *const files[] = { "feeds/seed/photos/putin-orban-kremlin-meeting.jpg",
                                         "feeds/seed/photos/putin-orban-press-conference.jpg",
                                         "design/slide-landscape-1920x1080.png",
                                         "design/slide-portrait-1080x1920.png" };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char *p = ts_path(ts_shared_dir(), files[i]);
        check_file(p);
        free(p);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_white_photo),
        cmocka_unit_test(test_noisy_photo),
        cmocka_unit_test(test_sample_photos),
        cmocka_unit_test(test_corpus_photos),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
