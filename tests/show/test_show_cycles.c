/* test_show_cycles.c: the slideshow in this process (dummy video driver) goes round slide
 * after slide with dwells longer than the time a next slide is prepared ahead, fading
 * between them, and stops by itself after a number of slides. */
#include "testsupport.h"

#include "alloc.h"
#include "config.h"
#include "fetch.h"
#include "show.h"

#include <SDL.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static atomic_int stop_after_s = 40; /* set to 0 to end the watchdog */

/* A stuck show is ended (a hang, not a speed limit: four slides take about 12 s). */
static void *watchdog(void *arg)
{
    (void)arg;
    for (int i = 0; i < atomic_load(&stop_after_s) * 10; i++) {
        struct timespec ts = { 0, 100000000L };
        nanosleep(&ts, NULL);
    }
    SDL_Event quit = { .type = SDL_QUIT };
    SDL_PushEvent(&quit);
    return NULL;
}

/* Defect: after a fade ended, the next slide (chosen then, painted shortly before its own
 * transition) was not waited for: the loop slept until an unrelated timer, half a minute. */
static void test_slides_keep_coming_after_fades(void **state)
{
    (void)state;
    char *dir = ts_mkdtemp();
    char *cache = ts_path(dir, "cache");
    char *feed = ts_path(ts_source_dir(), "assets/sample/feed.xml");
    struct config c;
    config_defaults(&c);
    config_add_feed(&c, feed);
    c.fullscreen_set = true; /* a window */
    c.width = 320;
    c.height = 180;
    c.slide_ms = 2500; /* longer than the lead a next slide is prepared with */
    c.transition_ms = 200;
    c.max_age_hours = 8760;
    c.log_level = 2;
    c.cache_dir = xstrdup(cache);
    config_finish(&c);

    assert_int_equal(SDL_Init(SDL_INIT_EVENTS), 0); /* the queue, before the thread */
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, watchdog, NULL), 0);
    struct show_stats st = { 0 };
    assert_int_equal(show_run_stats(&c, ts_source_dir(), 4, &st), 0);
    atomic_store(&stop_after_s, 0);
    pthread_join(t, NULL);
    assert_int_equal(st.slides, 4);
    assert_true(st.fade_frames > 0);
    config_release(&c);
    ts_rmtree(dir);
    free(feed);
    free(cache);
    free(dir);
}

int main(void)
{
    fetch_global_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slides_keep_coming_after_fades),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    fetch_global_cleanup();
    return rc;
}
