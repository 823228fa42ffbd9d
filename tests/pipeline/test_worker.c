/* test_worker.c: the refresh and job threads without SDL: their reports arrive through the
 * callback, photos reach the disk cache up to the photo cap, and the photo cache is pruned
 * on schedule with no photo asked for. */
#include "alloc.h"
#include "cache.h"
#include "testsupport.h"
#include "worker.h"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int feed_reports, cache_done, photo_reports, photos_ok;
static size_t stories_seen;

static void on_report(void *ctx, enum worker_report_kind kind, void *payload)
{
    (void)ctx;
    pthread_mutex_lock(&lock);
    if (kind == WORKER_REPORT_FEED) {
        struct worker_feed_update *u = payload;
        if (u->feed == WORKER_CACHE_DONE) {
            cache_done++;
        } else {
            feed_reports++;
            stories_seen += u->stories.n;
        }
        pipeline_worker_feed_update_free(u);
    } else {
        struct worker_photo *p = payload;
        photo_reports++;
        photos_ok += p->photo != NULL;
        pipeline_worker_photo_free(p);
    }
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&lock);
}

/* Stands in for the image decoder: any bytes are "a photo". */
static struct SDL_Surface *fake_decode(const void *data, size_t len, int w, int h,
                                       struct nr_err *err)
{
    (void)data;
    (void)w;
    (void)h;
    (void)err;
    return len ? xmalloc(1) : NULL;
}

/* A decoder that refuses what is not a photo it would show, as the real one refuses a
 * tracking pixel. */
static struct SDL_Surface *picky_decode(const void *data, size_t len, int w, int h,
                                        struct nr_err *err)
{
    if (len >= 6 && memcmp(data, "pixel!", 6) == 0) {
        nr_fail(err, NR_ERR_PARSE, "1x1 image: a tracking pixel");
        return NULL;
    }
    return fake_decode(data, len, w, h, err);
}

static void fake_free(struct SDL_Surface *p)
{
    free(p);
}

/* Waits (at most 30 s: a hang, not a speed limit) until *counter reaches want. */
static bool wait_for(const int *counter, int want)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 30;
    pthread_mutex_lock(&lock);
    while (*counter < want)
        if (pthread_cond_timedwait(&changed, &lock, &until) != 0)
            break;
    bool ok = *counter >= want;
    pthread_mutex_unlock(&lock);
    return ok;
}

static struct worker_params params(char **feeds, size_t n, const char *cache)
{
    return (struct worker_params){
        .feeds = feeds,
        .n_feeds = n,
        .cache_dir = cache,
        .refresh_ms = 3600000,
        .backoff_base_ms = 3600000,
        .backoff_cap_ms = 3600000,
        .timeout_s = 20,
        .screen_w = 320,
        .screen_h = 180,
        .generation = 1,
        .report = on_report,
        .decode = fake_decode,
        .free_photo = fake_free,
    };
}

static void test_refresh_reports_through_the_callback(void **state)
{
    (void)state;
    char *dir = ts_mkdtemp();
    char *feed = ts_path(ts_source_dir(), "assets/sample/feed.xml");
    struct worker_params p = params(&feed, 1, NULL);
    int feeds0 = feed_reports, done0 = cache_done;
    struct worker *w = pipeline_worker_new(&p);
    assert_true(wait_for(&cache_done, done0 + 1));
    assert_true(wait_for(&feed_reports, feeds0 + 1));
    assert_true(stories_seen >= 6);
    pipeline_worker_free(w);
    assert_true(pipeline_worker_wait_all(10000));
    free(feed);
    ts_rmtree(dir);
    free(dir);
}

/* Defect: a photo over the feed cache's 5 MiB cap (and under the 15 MiB photo cap) was
 * shown but never kept on disk, so every rotation downloaded it again. */
static void test_large_photo_reaches_the_disk_cache(void **state)
{
    (void)state;
    char *root = ts_mkdtemp();
    char *cache = ts_path(root, "cache");
    char *www = ts_path(root, "www");
    mkdir(www, 0755);
    size_t len = 8u * 1024 * 1024;
    char *big = xmalloc(len);
    for (size_t i = 0; i < len; i++)
        big[i] = (char)(i * 7 + i / 4096);
    char *path = ts_path(www, "big.jpg");
    ts_write_file(path, big, len);
    struct ts_server srv;
    ts_server_start(&srv, www);
    char url[128];
    snprintf(url, sizeof url, "%s/big.jpg", srv.base);

    struct worker_params p = params(NULL, 0, cache);
    int photos0 = photo_reports, ok0 = photos_ok;
    struct worker *w = pipeline_worker_new(&p);
    pipeline_worker_request_photo(w, 1, url, false);
    assert_true(wait_for(&photo_reports, photos0 + 1));
    assert_int_equal(photos_ok, ok0 + 1);
    pipeline_worker_free(w);
    assert_true(pipeline_worker_wait_all(10000));

    char *photo_dir = ts_path(cache, "photos");
    struct fetch_result r = { 0 };
    struct nr_err err = { 0 };
    assert_int_equal(cache_photo_load(photo_dir, url, &r, &err), NR_OK);
    assert_int_equal(r.body.len, len);
    assert_memory_equal(r.body.data, big, len);
    fetch_result_release(&r);

    ts_server_stop(&srv);
    free(photo_dir);
    free(path);
    free(big);
    ts_rmtree(root);
    free(www);
    free(cache);
    free(root);
}

/* A prefetch puts the photo in the disk cache and reports nothing; the request that
 * follows is answered from there. */
static void test_prefetch_fills_the_cache(void **state)
{
    (void)state;
    char *root = ts_mkdtemp();
    char *www = ts_path(root, "www");
    mkdir(www, 0755);
    char *path = ts_path(www, "p.jpg");
    ts_write_file(path, "not really a jpeg", 17);
    struct ts_server srv;
    ts_server_start(&srv, www);
    char url[128];
    snprintf(url, sizeof url, "%s/p.jpg", srv.base);
    char *photo_dir = ts_path(root, "photos");
    char *cached = NULL;

    struct worker_params p = params(NULL, 0, root);
    int photos0 = photo_reports;
    struct worker *w = pipeline_worker_new(&p);
    pipeline_worker_prefetch_photo(w, url, false);
    struct stat st;
    for (int i = 0; i < 3000; i++) {
        free(cached);
        cached = cache_path(photo_dir, url);
        if (stat(cached, &st) == 0)
            break;
        usleep(10000);
    }
    assert_int_equal(stat(cached, &st), 0);
    ts_server_stop(&srv); /* from here on only the disk has it */
    pipeline_worker_request_photo(w, 9, url, false);
    assert_true(wait_for(&photo_reports, photos0 + 1)); /* one report: the request's */
    pipeline_worker_free(w);
    assert_true(pipeline_worker_wait_all(10000));
    assert_int_equal(photo_reports, photos0 + 1);
    free(cached);
    free(photo_dir);
    free(path);
    ts_rmtree(root);
    free(www);
    free(root);
}

/* How many requests the server counted for key (its /fault/status500 route). */
static long server_hits(const struct ts_server *srv, const char *key)
{
    char url[256];
    snprintf(url, sizeof url, "%s/fault/hits?key=%s", srv->base, key);
    struct fetcher *f = fetcher_new();
    struct fetch_limits lim;
    struct fetch_result r = { 0 };
    struct nr_err err = { 0 };
    fetch_limits_default(&lim, 4096);
    long n = -1;
    if (fetcher_get(f, url, &lim, NULL, &r, &err) == NR_OK && r.body.data)
        n = strtol(r.body.data, NULL, 10);
    fetch_result_release(&r);
    fetcher_free(f);
    return n;
}

/* A photo the decoder refuses is fetched once, refused once, and every later request for
 * it is answered at once without the network. */
static void test_refused_photo_is_not_fetched_again(void **state)
{
    (void)state;
    char *root = ts_mkdtemp();
    char *www = ts_path(root, "www");
    mkdir(www, 0755);
    char *path = ts_path(www, "pixel.gif");
    ts_write_file(path, "pixel!", 6);
    struct ts_server srv;
    ts_server_start(&srv, www);
    char url[256];
    snprintf(url, sizeof url, "%s/fault/status500?n=0&key=px&file=pixel.gif", srv.base);

    struct worker_params p = params(NULL, 0, NULL);
    p.decode = picky_decode;
    int photos0 = photo_reports, ok0 = photos_ok;
    uint64_t refused0 = pipeline_worker_photo_refusals();
    struct worker *w = pipeline_worker_new(&p);
    for (int i = 0; i < 3; i++) {
        pipeline_worker_request_photo(w, 100 + (uint64_t)i, url, false);
        assert_true(wait_for(&photo_reports, photos0 + i + 1));
    }
    pipeline_worker_prefetch_photo(w, url, false); /* no cache: a no-op anyway */
    pipeline_worker_free(w);
    assert_true(pipeline_worker_wait_all(10000));
    assert_int_equal(photos_ok, ok0);
    assert_int_equal(server_hits(&srv, "px"), 1);
    assert_int_equal(pipeline_worker_photo_refusals(), refused0 + 1);
    ts_server_stop(&srv);
    free(path);
    ts_rmtree(root);
    free(www);
    free(root);
}

/* Defect: the daily prune ran only when a photo request woke the job thread, and on the
 * wall clock. It now runs on its own schedule (here every 50 ms). */
static void test_prune_runs_with_no_request(void **state)
{
    (void)state;
    char *root = ts_mkdtemp();
    char *photos = ts_path(root, "photos");
    mkdir(photos, 0755);
    char *old = ts_path(photos, "0123456789abcdef");
    struct worker_params p = params(NULL, 0, root);
    p.prune_every_ms = 50;
    uint64_t prunes0 = pipeline_worker_prune_count();
    struct worker *w = pipeline_worker_new(&p);
    /* after the prune at start, a photo last used eight days ago appears */
    for (int i = 0; i < 3000 && pipeline_worker_prune_count() == prunes0; i++)
        usleep(10000);
    assert_true(pipeline_worker_prune_count() > prunes0);
    ts_write_file(old, "x", 1);
    struct timespec eight_days_ago[2] = { { time(NULL) - 8 * 86400, 0 },
                                          { time(NULL) - 8 * 86400, 0 } };
    assert_int_equal(utimensat(AT_FDCWD, old, eight_days_ago, 0), 0);
    struct stat st;
    bool gone = false;
    for (int i = 0; i < 3000 && !gone; i++) {
        gone = stat(old, &st) != 0;
        if (!gone)
            usleep(10000);
    }
    assert_true(gone);
    pipeline_worker_free(w);
    assert_true(pipeline_worker_wait_all(10000));
    free(old);
    free(photos);
    ts_rmtree(root);
    free(root);
}

int main(void)
{
    sigset_t all;
    sigfillset(&all); /* as the program does before its threads start (show_signals_block) */
    sigdelset(&all, SIGABRT);
    sigdelset(&all, SIGSEGV);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    fetch_global_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_refresh_reports_through_the_callback),
        cmocka_unit_test(test_large_photo_reaches_the_disk_cache),
        cmocka_unit_test(test_prune_runs_with_no_request),
        cmocka_unit_test(test_prefetch_fills_the_cache),
        cmocka_unit_test(test_refused_photo_is_not_fetched_again),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    fetch_global_cleanup();
    return rc;
}
