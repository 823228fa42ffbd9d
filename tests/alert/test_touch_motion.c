/* test_touch_motion.c: the slideshow in this process (dummy video driver) with finger and
 * mouse events pushed into its queue: taps advance, a long press pauses, a mouse click made
 * from a touch is not counted again; and with show.reduced_motion a crossfade is a cut. */
#include "testsupport.h"

#include "alloc.h"
#include "config.h"
#include "fetch.h"
#include "show.h"
#include "draw.h"
#include "touch.h"

#include <SDL.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static void push_finger(Uint32 type)
{
    SDL_Event ev = { .type = type };
    ev.tfinger.touchId = 1;
    ev.tfinger.fingerId = 7;
    ev.tfinger.x = 0.5f;
    ev.tfinger.y = 0.5f;
    SDL_PushEvent(&ev);
}

/* What a touch screen with SDL's mouse emulation would also send: ignored. */
static void push_touch_mouse(Uint32 type)
{
    SDL_Event ev = { .type = type };
    ev.button.which = SDL_TOUCH_MOUSEID;
    ev.button.button = SDL_BUTTON_LEFT;
    SDL_PushEvent(&ev);
}

static atomic_bool long_press_case;

/* Taps (each with the mouse copy a touch screen may add), then, in the long press case, a
 * press held past 0.6 s, then quit. */
static void *fingers(void *arg)
{
    (void)arg;
    ts_sleep_ms(1500); /* the first slide is up */
    if (atomic_load(&long_press_case)) {
        push_finger(SDL_FINGERDOWN);
        ts_sleep_ms(900);
        push_finger(SDL_FINGERUP);
        ts_sleep_ms(300);
    } else {
        for (int i = 0; i < 3; i++) {
            push_finger(SDL_FINGERDOWN);
            push_touch_mouse(SDL_MOUSEBUTTONDOWN);
            ts_sleep_ms(50);
            push_finger(SDL_FINGERUP);
            push_touch_mouse(SDL_MOUSEBUTTONUP);
            ts_sleep_ms(700);
        }
    }
    SDL_Event quit = { .type = SDL_QUIT };
    SDL_PushEvent(&quit);
    return NULL;
}

static void run(struct show_stats *st, bool reduced_motion, int slide_ms, uint64_t max_slides,
                bool push)
{
    char *dir = ts_mkdtemp();
    char *cache = ts_path(dir, "cache");
    char *feed = ts_path(ts_source_dir(), "assets/sample/feed.xml");
    struct config c;
    config_defaults(&c);
    config_add_feed(&c, feed);
    c.fullscreen_set = true; /* a window */
    c.width = 320;
    c.height = 180;
    c.slide_ms = slide_ms;
    c.transition = TRANSITION_CROSSFADE;
    c.transition_ms = 300;
    c.reduced_motion = reduced_motion;
    c.max_age_hours = 8760;
    c.log_level = 2;
    c.cache_dir = xstrdup(cache);
    config_finish(&c);
    assert_int_equal(SDL_Init(SDL_INIT_EVENTS), 0); /* the queue, before the thread */
    pthread_t t;
    if (push)
        assert_int_equal(pthread_create(&t, NULL, fingers, NULL), 0);
    assert_int_equal(show_run_stats(&c, ts_source_dir(), max_slides, st), 0);
    if (push)
        pthread_join(t, NULL);
    config_release(&c);
    ts_rmtree(dir);
    free(feed);
    free(cache);
    free(dir);
}

static void test_taps_advance_once_each(void **state)
{
    (void)state;
    struct show_stats st = { 0 };
    atomic_store(&long_press_case, false);
    run(&st, true, 600000, 0, true); /* slides that would stay ten minutes */
    assert_int_equal(st.taps, 3);
    assert_int_equal(st.long_presses, 0);
    assert_int_equal(st.slides, 4); /* the first, and one per tap */
    assert_int_equal(st.fade_frames, 0);
}

static void test_long_press_pauses(void **state)
{
    (void)state;
    struct show_stats st = { 0 };
    atomic_store(&long_press_case, true);
    run(&st, false, 600000, 0, true);
    assert_int_equal(st.long_presses, 1);
    assert_int_equal(st.taps, 0);
    assert_true(st.paused);
    assert_int_equal(st.slides, 1);
}

/* With reduced motion no fade frame is drawn; without it, the same run fades. */
static void test_reduced_motion_cuts(void **state)
{
    (void)state;
    struct show_stats cut = { 0 }, fade = { 0 };
    run(&cut, true, 700, 3, false);
    run(&fade, false, 700, 3, false);
    assert_int_equal(cut.slides, 3);
    assert_int_equal(cut.fade_frames, 0);
    assert_int_equal(fade.slides, 3);
    assert_true(fade.fade_frames > 0);
}

static const char *out_dir;

/* The pause mark on a real slide at each size: a light square with two dark bars in the top
 * right corner, nothing else touched. */
static void test_pause_mark_on_a_slide(void **state)
{
    (void)state;
    static const int sizes[][2] = { { 1920, 1080 }, { 1080, 1920 }, { 800, 480 } };
    struct config c;
    config_defaults(&c);
    config_finish(&c);
    char *fonts = ts_path(ts_source_dir(), "fonts");
    struct nr_err err = { 0 };
    struct drawer *d = drawer_new(fonts, &c.theme, &err);
    assert_non_null(d);
    struct story st = { .id = "s",
                        .headline = "Library opens a repair caf\xC3\xA9 for toasters",
                        .source = "Harbour News" };
    struct slide_info info = { .index = 1, .count = 8, .now_unix = (int64_t)time(NULL) };
    for (size_t i = 0; i < 3; i++) {
        int w = sizes[i][0], h = sizes[i][1];
        SDL_Surface *s = drawer_render(d, &st, NULL, &info, w, h, &err);
        assert_non_null(s);
        SDL_Surface *before = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
        assert_non_null(before);
        show_touch_pause_mark(s, 0);
        int unit = w < h ? w : h, side = unit / 22, m = unit / 40, x0 = w - m - side;
        const uint32_t *px = s->pixels, *old = before->pixels;
        size_t stride = (size_t)s->pitch / 4;
        assert_int_equal(px[(size_t)(m + side / 8) * stride + (size_t)(x0 + side / 8)] & 0xFFFFFF,
                         0xF4F1EA);
        assert_int_equal(px[(size_t)(m + side / 2) * stride + (size_t)(x0 + side * 35 / 100)] &
                             0xFFFFFF,
                         0x141418);
        for (int y = 0; y < h; y += 7)
            for (int x = 0; x < w; x += 7)
                if (x < x0 || y >= m + side)
                    assert_int_equal(px[(size_t)y * stride + (size_t)x],
                                     old[(size_t)y * stride + (size_t)x]);
        if (out_dir) {
            char path[4200];
            snprintf(path, sizeof path, "%s/paused-%dx%d.png", out_dir, w, h);
            assert_int_equal(draw_save_png(s, path, &err), NR_OK);
        }
        SDL_FreeSurface(before);
        SDL_FreeSurface(s);
    }
    drawer_free(d);
    free(fonts);
    config_release(&c);
}

int main(int argc, char **argv)
{
    out_dir = argc > 1 ? argv[1] : NULL;
    fetch_global_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_taps_advance_once_each),
        cmocka_unit_test(test_long_press_pauses),
        cmocka_unit_test(test_reduced_motion_cuts),
        cmocka_unit_test(test_pause_mark_on_a_slide),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    fetch_global_cleanup();
    return rc;
}
