/* test_display_events.c: the slideshow, in this process on SDL's dummy driver, told that its
 * output changed under it: a renderer (device) reset, then a switch to full screen, which
 * resizes the window to the display mode. Each is handled at once (a frame on the new
 * output, the slide painted again at the new size); the show runs on afterwards. */
#include "testsupport.h"

#include "alloc.h"
#include "config.h"
#include "show.h"

#include <SDL.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* SDL_PushEvent is safe from any thread: this one plays the platform. */
static void *platform(void *arg)
{
    (void)arg;
    ts_sleep_ms(2000); /* the first slide is up */
    SDL_Event reset = { .type = SDL_RENDER_DEVICE_RESET };
    SDL_PushEvent(&reset);
    ts_sleep_ms(1000);
    SDL_Event key = { .type = SDL_KEYDOWN };
    key.key.keysym.sym = SDLK_f; /* full screen: the dummy display's mode is 1024x768 */
    key.key.state = SDL_PRESSED;
    SDL_PushEvent(&key);
    ts_sleep_ms(1500);
    SDL_Event quit = { .type = SDL_QUIT };
    SDL_PushEvent(&quit);
    return NULL;
}

static void test_reset_and_mode_change_repaint(void **state)
{
    (void)state;
    char *dir = ts_mkdtemp();
    char *cache = ts_path(dir, "cache");
    char feed[4200];
    snprintf(feed, sizeof feed, "%s/assets/sample/feed.xml", ts_source_dir());
    struct config c;
    config_defaults(&c);
    config_add_feed(&c, feed);
    c.fullscreen_set = true; /* a 1280x720 window to begin with */
    c.fullscreen = false;
    c.width = 1280;
    c.height = 720;
    c.slide_ms = 60000; /* one slide all along: every paint after the first is a repaint */
    c.max_age_hours = 8760;
    c.log_level = 2;
    c.cache_dir = xstrdup(cache);
    config_finish(&c);

    /* SDL's event queue exists before the platform thread can push to it (show_run's
     * SDL_Init then only counts up; its SDL_Quit ends it) */
    assert_int_equal(SDL_Init(SDL_INIT_EVENTS), 0);
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, platform, NULL), 0);
    struct show_stats st = { 0 };
    assert_int_equal(show_run_stats(&c, ts_source_dir(), 0, &st), 0);
    pthread_join(t, NULL);

    assert_int_equal(st.slides, 1);
    assert_true(st.output_changes >= 2); /* the reset and the resize */
    assert_true(st.renders >= 3);        /* the first paint and one for each */
    assert_int_equal(st.slide_w, 1024);  /* painted for the new mode */
    assert_int_equal(st.slide_h, 768);
    config_release(&c);
    ts_rmtree(dir);
    free(cache);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reset_and_mode_change_repaint),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
