/* test_soak.c: memory does not grow over a long run: 10,000 slide changes and hundreds of
 * refreshes with holds and fades of a few ms, measured in this process (heap in use and
 * RSS) after a warm-up run and after the long one, with a generous bound. */
#include "show.h"

#include "alloc.h"
#include "fetch.h"
#include "testsupport.h"
#include "worker.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define NR_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NR_ASAN 1
#endif
#endif
#ifdef NR_ASAN
/* from ASan's runtime (sanitizer/allocator_interface.h, which gcc does not install) */
size_t __sanitizer_get_current_allocated_bytes(void);
#endif

/* Bytes the program holds from malloc. Under ASan glibc's mallinfo2 sees none of it (ASan
 * has its own allocator), so ASan's count is asked instead: the bound below means the
 * same in every build. */
static size_t heap_in_use(void)
{
#ifdef NR_ASAN
    return __sanitizer_get_current_allocated_bytes();
#else
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
#endif
}

static size_t rss_bytes(void)
{
    long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        fclose(f);
    }
    return (size_t)resident * (size_t)sysconf(_SC_PAGESIZE);
}

static void soak_config(struct config *c, const char *cache_dir, const char *feed)
{
    config_defaults(c);
    config_add_feed(c, feed);
    c->fullscreen_set = true; /* a window */
    c->width = 320;           /* small, so that 10,000 paints stay quick */
    c->height = 180;
    c->slide_ms = 1;      /* hold */
    c->transition_ms = 3; /* fade */
    c->transition = TRANSITION_CROSSFADE;
    c->refresh_minutes = 1;
    c->time_scale = 3600; /* a refresh every 17 ms */
    c->max_age_hours = 8760;
    c->log_level = 2;
    c->cache_dir = xstrdup(cache_dir);
    config_finish(c);
}

static void test_memory_stays_flat(void **state)
{
    struct config c;
    struct show_stats warm, run;
    size_t heap0, rss0;
    char *dir = ts_mkdtemp();
    char *feed = ts_path(ts_source_dir(), "assets/sample/feed.xml");
    (void)state;

    fetch_global_init();
    soak_config(&c, dir, feed);
    assert_int_equal(show_run_stats(&c, ts_source_dir(), 1000, &warm), 0);
    assert_int_equal(warm.slides, 1000);
    config_release(&c);
    heap0 = heap_in_use();
    rss0 = rss_bytes();
    uint64_t refreshes0 = pipeline_worker_refresh_count();

    /* two halves of 5,000: the second shows whether growth goes on or has levelled off */
    size_t heap_mid = 0, rss_mid = 0;
    uint64_t slides = 0;
    for (int half = 0; half < 2; half++) {
        soak_config(&c, dir, feed);
        assert_int_equal(show_run_stats(&c, ts_source_dir(), 5000, &run), 0);
        config_release(&c);
        slides += run.slides;
        if (half == 0) {
            heap_mid = heap_in_use();
            rss_mid = rss_bytes();
        }
    }
    size_t heap1 = heap_in_use(), rss1 = rss_bytes();
    uint64_t refreshes = pipeline_worker_refresh_count() - refreshes0;

    print_message("slides %llu, refreshes %llu; heap %zu -> %zu -> %zu KiB, "
                  "RSS %zu -> %zu -> %zu KiB\n",
                  (unsigned long long)slides, (unsigned long long)refreshes, heap0 / 1024,
                  heap_mid / 1024, heap1 / 1024, rss0 / 1024, rss_mid / 1024, rss1 / 1024);
    assert_int_equal(slides, 10000);
    /* a heap that reads as empty would pass any bound: the show holds stories and slides */
    assert_true(heap0 > 64u * 1024);
    assert_true(refreshes >= 500);
    /* a leak of 400 bytes a slide would show as 4 MiB of heap; allocator caches and
     * fragmentation stay well under these bounds */
    assert_true(heap1 < heap0 + 4u * 1024 * 1024);
    assert_true(rss1 < rss0 + 24u * 1024 * 1024);
    assert_true(rss1 < rss_mid + 8u * 1024 * 1024);
    fetch_global_cleanup();
    ts_rmtree(dir);
    free(dir);
    free(feed);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_memory_stays_flat),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
