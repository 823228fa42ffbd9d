/* test_ticker_draw.c: the ticker and the digest with the real fonts: the band leaves every
 * slide's text clear at the three screen sizes, the digest keeps its promises, the strip is
 * painted as wide as laid out, and its copy into the band runs round the strip. */
#include "draw.h"
#include "draw_int.h"
#include "testsupport.h"

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
    theme.ticker = true;
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

static const struct story stories[] = {
    { .headline = "Night ferry to run across the harbour from spring",
      .quote = "People who clean our offices should not have to walk forty minutes home.",
      .speaker = "Elena Marsh",
      .caption = "The Eastbank ferry crossing the harbour at dusk",
      .credit = "Illustration: Newsreel sample",
      .source = "Harbourton Herald",
      .link = "https://example.org/ferry" },
    { .headline =
          "\xd8\xa7\xd9\x84\xd9\x85\xd8\xaf\xd9\x8a\xd9\x86\xd8\xa9 \xd8\xaa\xd9\x81\xd8\xaa"
          "\xd8\xad \xd9\x85\xd9\x83\xd8\xaa\xd8\xa8\xd8\xa9 \xd8\xac\xd8\xaf\xd9\x8a"
          "\xd8\xaf\xd8\xa9",
      .dek = "A right-to-left headline, mirrored slide",
      .source = "\xd8\xa7\xd9\x84\xd8\xac\xd8\xb2\xd9\x8a\xd8\xb1\xd8\xa9" },
    { .headline = "Council votes on a very long list of amendments to the harbour budget, "
                  "the ferry timetable, the library hours and the rules for market stalls",
      .dek = "No photo, no quote: the typographic slide",
      .source = "City Desk" },
};

static void test_slides_leave_the_band_clear(void **state)
{
    (void)state;
    struct slide_info info = { .index = 1, .count = 9, .now_unix = 1700000000 };
    SDL_Surface *photo = SDL_CreateRGBSurfaceWithFormat(0, 1600, 900, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(photo);
    SDL_FillRect(photo, NULL, SDL_MapRGB(photo->format, 200, 180, 160));
    for (int k = 0; k < 3; k++) {
        struct layout_band b;
        layout_ticker_band(&theme, (struct viewport){ sizes[k][0], sizes[k][1] }, &b);
        for (size_t i = 0; i < sizeof stories / sizeof stories[0]; i++) {
            struct display_list dl;
            struct nr_err err = { 0 };
            SDL_Surface *p = i == 2 ? NULL : photo;
            assert_int_equal(
                drawer_layout(drawer, &stories[i], p, &info, sizes[k][0], sizes[k][1], &dl, &err),
                NR_OK);
            if (!layout_check(&dl, drawer_measurer(drawer), &err))
                fail_msg("%dx%d story %zu: %s", sizes[k][0], sizes[k][1], i, err.msg);
            for (size_t n = 0; n < dl.n; n++) {
                const struct dl_item *it = &dl.items[n];
                if (it->role != ROLE_BACKGROUND && it->role != ROLE_TICKER &&
                    it->rect.y + it->rect.h > b.ground.y)
                    fail_msg("%dx%d story %zu: role %d reaches into the band", sizes[k][0],
                             sizes[k][1], i, (int)it->role);
            }
            display_list_release(&dl);
        }
    }
    SDL_FreeSurface(photo);
}

static void test_digest_keeps_its_promises(void **state)
{
    (void)state;
    struct digest_entry e[LAYOUT_DIGEST_MAX_ROWS];
    for (size_t i = 0; i < LAYOUT_DIGEST_MAX_ROWS; i++) {
        const struct story *s = &stories[i % 3];
        e[i] = (struct digest_entry){ s->source, s->headline, true, 1700000000 - 720 * (int)i };
    }
    struct slide_meta meta = { .now_unix = 1700000000 };
    for (int k = 0; k < 3; k++) {
        struct display_list dl;
        struct nr_err err = { 0 };
        size_t rows = 0;
        assert_int_equal(layout_digest(e, LAYOUT_DIGEST_MAX_ROWS, &theme,
                                       (struct viewport){ sizes[k][0], sizes[k][1] }, &meta,
                                       drawer_measurer(drawer), &dl, &rows, &err),
                         NR_OK);
        if (!layout_digest_check(&dl, drawer_measurer(drawer), &err))
            fail_msg("%dx%d: %s", sizes[k][0], sizes[k][1], err.msg);
        assert_true(rows >= LAYOUT_DIGEST_MIN_ROWS);
        display_list_release(&dl);
    }
}

static void test_strip_painted_as_laid_out(void **state)
{
    (void)state;
    struct ticker_item items[3];
    for (size_t i = 0; i < 3; i++)
        items[i] = (struct ticker_item){ stories[i].source, stories[i].headline };
    struct nr_err err = { 0 };
    int strip_w = 0;
    SDL_Surface *strip = drawer_ticker_strip(drawer, items, 3, 1920, 1080, 16384, &strip_w, &err);
    assert_non_null(strip);
    struct dl_rect row = drawer_ticker_row(drawer, 1920, 1080);
    assert_int_equal(strip->w, strip_w);
    assert_int_equal(strip->h, row.h);
    assert_true(strip_w > 1920); /* three headlines: longer than the screen */
    /* the band's ground at its start, text (lighter pixels) along it */
    struct rgba g = layout_ticker_color(&theme);
    uint32_t first = ((const uint32_t *)strip->pixels)[0];
    assert_int_equal(first & 0xffffff, (uint32_t)g.r << 16 | (uint32_t)g.g << 8 | g.b);
    long light = 0;
    for (int y = 0; y < strip->h; y++)
        for (int x = 0; x < strip->w; x++) {
            uint32_t p =
                ((const uint32_t *)((const uint8_t *)strip->pixels + (size_t)y * strip->pitch))[x];
            light += ((p >> 8) & 0xff) > 0xb0;
        }
    assert_true(light > 1000);

    /* nothing to show: no strip */
    struct ticker_item none = { NULL, NULL };
    assert_null(drawer_ticker_strip(drawer, &none, 1, 1920, 1080, 16384, &strip_w, &err));
    assert_int_equal(strip_w, 0);
    SDL_FreeSurface(strip);
}

static void test_blit_runs_round_the_strip(void **state)
{
    (void)state;
    struct dl_rect row = drawer_ticker_row(drawer, 800, 480);
    /* a strip 300 px long whose pixel x holds x: what lands where is read back */
    SDL_Surface *strip =
        SDL_CreateRGBSurfaceWithFormat(0, 300, row.h, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Surface *slide = SDL_CreateRGBSurfaceWithFormat(0, 800, 480, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(strip);
    assert_non_null(slide);
    for (int y = 0; y < strip->h; y++)
        for (int x = 0; x < strip->w; x++)
            ((uint32_t *)((uint8_t *)strip->pixels + (size_t)y * strip->pitch))[x] =
                0xff000000u | (uint32_t)x;
    SDL_FillRect(slide, NULL, 0xff123456u);
    draw_ticker_blit(strip, slide, &theme, 1000);
    for (int x = 0; x < 800; x += 37) {
        uint32_t got = ((const uint32_t *)((const uint8_t *)slide->pixels +
                                           (size_t)(row.y + 1) * slide->pitch))[x];
        int want = ((1000 - row.x + x) % 300 + 300) % 300;
        assert_int_equal(got & 0xffffff, (uint32_t)want);
    }
    /* above the row the slide is untouched */
    uint32_t above = ((const uint32_t *)((const uint8_t *)slide->pixels +
                                         (size_t)(row.y - 1) * slide->pitch))[5];
    assert_int_equal(above, 0xff123456u);
    /* a strip of the wrong height is not copied */
    SDL_FillRect(slide, NULL, 0xff123456u);
    SDL_Surface *wrong =
        SDL_CreateRGBSurfaceWithFormat(0, 300, row.h + 1, 32, SDL_PIXELFORMAT_ARGB8888);
    draw_ticker_blit(wrong, slide, &theme, 0);
    uint32_t in = ((const uint32_t *)((const uint8_t *)slide->pixels +
                                      (size_t)(row.y + 1) * slide->pitch))[5];
    assert_int_equal(in, 0xff123456u);
    SDL_FreeSurface(wrong);
    SDL_FreeSurface(strip);
    SDL_FreeSurface(slide);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slides_leave_the_band_clear),
        cmocka_unit_test(test_digest_keeps_its_promises),
        cmocka_unit_test(test_strip_painted_as_laid_out),
        cmocka_unit_test(test_blit_runs_round_the_strip),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
