/* test_alert_view.c: the alert screen and band at 1920x1080, 1080x1920 and 800x480, with a
 * long text: the ground is the severity's colour, nothing is drawn outside the band or
 * past the margins, and the text is there. `test_alert_view DIR` also writes the pictures
 * to DIR for a person to look at. */
#include "testsupport.h"

#include "alert.h"
#include "alert_view.h"
#include "config.h"
#include "draw.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *out_dir;

static const int sizes[][2] = { { 1920, 1080 }, { 1080, 1920 }, { 800, 480 } };

static struct alert make_alert(enum alert_severity sev)
{
    struct alert a = {
        .key = "k",
        .severity = sev,
        .event = "Flood",
        .headline = "Flood warning for the lower town and the riverside car parks",
        .description =
            "The river is rising fast after a night of heavy rain upstream and is expected "
            "to overtop the embankment near the old bridge within the hour. Water may reach "
            "the ground floors of buildings on Quay Street, Mill Lane and the market square. "
            "Power may be cut to parts of the lower town as a precaution.",
        .instruction = "Leave the ground floor now. Move to the upper floors or to the "
                       "assembly point at the town hall. Do not drive through flood water.",
        .sender_name = "River Authority",
        .expires_unix = (int64_t)time(NULL) + 3600,
    };
    return a;
}

static uint32_t pixel(SDL_Surface *s, int x, int y)
{
    return ((uint32_t *)((uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch))[x] & 0xFFFFFF;
}

static void save(SDL_Surface *s, const char *name, int w, int h)
{
    if (!out_dir)
        return;
    char path[4200];
    struct nr_err err = { 0 };
    snprintf(path, sizeof path, "%s/%s-%dx%d.png", out_dir, name, w, h);
    assert_int_equal(draw_save_png(s, path, &err), NR_OK);
}

static void test_screen_fills_with_the_severity_ground(void **state)
{
    struct show_alert_view *v = *state;
    static const enum alert_severity sev[] = { ALERT_EXTREME, ALERT_SEVERE };
    static const uint32_t ground[] = { 0xB00018, 0xFFB000 };
    for (size_t k = 0; k < 2; k++) {
        for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
            int w = sizes[i][0], h = sizes[i][1];
            struct alert a = make_alert(sev[k]);
            SDL_Surface *s = show_alert_view_screen(v, &a, w, h, 0, (int64_t)time(NULL));
            assert_non_null(s);
            assert_int_equal(s->w, w);
            assert_int_equal(s->h, h);
            /* the corners and the margins hold no text */
            int m = (w < h ? w : h) / 16;
            size_t text_px = 0;
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                    uint32_t p = pixel(s, x, y);
                    bool in_margin = y < m / 2 || y >= h - m / 2 || x < m / 3 || x >= w - m / 2;
                    if (in_margin && p != ground[k])
                        fail_msg("%dx%d: pixel %06x in the margin at %d,%d", w, h, p, x, y);
                    text_px += p != ground[k];
                }
            assert_true(text_px > (size_t)w * (size_t)h / 50); /* the text is there */
            save(s, k ? "alert-severe" : "alert-extreme", w, h);
            SDL_FreeSurface(s);
        }
    }
}

static void test_band_stays_in_its_strip(void **state)
{
    struct show_alert_view *v = *state;
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        for (int top = 0; top < 2; top++) {
            int w = sizes[i][0], h = sizes[i][1];
            SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
            assert_non_null(s);
            SDL_FillRect(s, NULL, SDL_MapRGB(s->format, 0x12, 0x34, 0x56));
            struct alert a = make_alert(top ? ALERT_MINOR : ALERT_MODERATE);
            show_alert_view_band(v, s, &a, top, 0, (int64_t)time(NULL));
            int bh = show_alert_view_band_height(w, h);
            int y0 = top ? 0 : h - bh;
            size_t text_px = 0;
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                    uint32_t p = pixel(s, x, y);
                    bool in_band = y >= y0 && y < y0 + bh;
                    if (!in_band && p != 0x123456)
                        fail_msg("%dx%d: the band drew at %d,%d", w, h, x, y);
                    text_px += in_band && p == 0;
                }
            assert_true(text_px > (size_t)w * (size_t)bh / 50);
            save(s, top ? "band-minor-top" : "band-moderate-bottom", w, h);
            SDL_FreeSurface(s);
        }
    }
}

/* The band on a real slide (photo-less layout): the slide's own text above it is untouched
 * and the band's ground is there, at each size. */
static void test_band_over_a_slide(void **state)
{
    struct show_alert_view *v = *state;
    struct config c;
    config_defaults(&c);
    config_finish(&c);
    char *fonts = ts_path(ts_source_dir(), "fonts");
    struct nr_err err = { 0 };
    struct drawer *d = drawer_new(fonts, &c.theme, &err);
    assert_non_null(d);
    struct story st = {
        .id = "s1",
        .headline = "Night ferry to run across the harbour from spring",
        .dek = "The council approved a late service on the busiest crossing.",
        .quote = "People will finally get home after the last train.",
        .speaker = "Ana Ruiz, ferry operator",
        .source = "Harbour News",
        .link = "https://example.org/ferry",
        .published_unix = (int64_t)time(NULL) - 600,
        .has_published = true,
    };
    struct slide_info info = { .index = 2, .count = 8, .now_unix = (int64_t)time(NULL) };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        int w = sizes[i][0], h = sizes[i][1];
        SDL_Surface *s = drawer_render(d, &st, NULL, &info, w, h, &err);
        assert_non_null(s);
        struct alert a = make_alert(ALERT_MODERATE);
        show_alert_view_band(v, s, &a, false, c.theme.safe_area_pct, (int64_t)time(NULL));
        int bh = show_alert_view_band_height(w, h);
        assert_int_equal(pixel(s, w - 2, h - 2), 0xFFB000);
        assert_int_equal(pixel(s, w - 2, h - bh), 0xFFB000);
        save(s, "slide-with-band", w, h);
        SDL_FreeSurface(s);
    }
    drawer_free(d);
    free(fonts);
    config_release(&c);
}

static int setup(void **state)
{
    char *fonts = ts_path(ts_source_dir(), "fonts");
    *state = show_alert_view_new(fonts);
    free(fonts);
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    show_alert_view_free(*state);
    return 0;
}

int main(int argc, char **argv)
{
    out_dir = argc > 1 ? argv[1] : NULL;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_screen_fills_with_the_severity_ground),
        cmocka_unit_test(test_band_stays_in_its_strip),
        cmocka_unit_test(test_band_over_a_slide),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
