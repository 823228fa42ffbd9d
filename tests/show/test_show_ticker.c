/* test_show_ticker.c: the slideshow in this process (dummy video driver) with the ticker:
 * it moves between slide changes (frames drawn), pages with reduced motion (no frames, cuts
 * instead of fades), and costs nothing when off; a digest slide comes every N slides. */
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
#include <string.h>
#include <time.h>

static atomic_int stop_after_s = 40; /* set to 0 to end the watchdog */

/* A stuck show is ended (a hang, not a speed limit: three slides take about 6 s). */
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

/* One short run of three slides over the bundled sample; stats out. */
static void run(bool ticker, bool reduced, int digest_every, uint64_t slides, struct show_stats *st)
{
    char *dir = ts_mkdtemp();
    char *cache = ts_path(dir, "cache");
    char *feed = ts_path(ts_source_dir(), "assets/sample/feed.xml");
    struct config c;
    config_defaults(&c);
    config_add_feed(&c, feed);
    c.fullscreen_set = true; /* a window */
    c.width = 480;
    c.height = 270;
    c.slide_ms = 1500;
    c.transition_ms = 200;
    c.max_age_hours = 8760;
    c.log_level = 2;
    c.ticker = ticker;
    c.reduced_motion = reduced;
    c.digest_every = digest_every;
    c.cache_dir = xstrdup(cache);
    config_finish(&c);

    atomic_store(&stop_after_s, 40);
    assert_int_equal(SDL_Init(SDL_INIT_EVENTS), 0); /* the queue, before the thread */
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, watchdog, NULL), 0);
    memset(st, 0, sizeof *st);
    assert_int_equal(show_run_stats(&c, ts_source_dir(), slides, st), 0);
    atomic_store(&stop_after_s, 0);
    pthread_join(t, NULL);
    assert_int_equal(st->slides, slides);
    config_release(&c);
    ts_rmtree(dir);
    free(feed);
    free(cache);
    free(dir);
}

static void test_ticker_moves_between_slides(void **state)
{
    (void)state;
    struct show_stats st;
    run(true, false, 0, 3, &st);
    assert_true(st.ticker_frames > 0);
    assert_true(st.fade_frames > 0);
}

static void test_reduced_motion_pages_and_cuts(void **state)
{
    (void)state;
    struct show_stats st;
    run(true, true, 0, 3, &st);
    assert_int_equal(st.ticker_frames, 0); /* a page a slide: nothing moves */
    assert_int_equal(st.fade_frames, 0);   /* cuts */
}

static void test_no_ticker_no_frames(void **state)
{
    (void)state;
    struct show_stats st;
    run(false, false, 0, 3, &st);
    assert_int_equal(st.digest_slides, 0);
    assert_int_equal(st.ticker_frames, 0);
}

static void test_digest_every_second_slide(void **state)
{
    (void)state;
    struct show_stats st;
    /* story, story, digest, story, story, digest, story */
    run(true, false, 2, 7, &st);
    assert_int_equal(st.digest_slides, 2);
}

int main(void)
{
    fetch_global_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ticker_moves_between_slides),
        cmocka_unit_test(test_reduced_motion_pages_and_cuts),
        cmocka_unit_test(test_no_ticker_no_frames),
        cmocka_unit_test(test_digest_every_second_slide),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    fetch_global_cleanup();
    return rc;
}
