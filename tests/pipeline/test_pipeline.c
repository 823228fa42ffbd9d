/* test_pipeline.c: command-line inputs become URLs; a local seed file loads end to end
 * through fetch, parse and extract; a remote feed cannot read local files. */
#include "pipeline.h"
#include "testsupport.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_input_url(void **state)
{
    (void)state;
    char *u = pipeline_input_url("https://example.org/rss");
    assert_string_equal(u, "https://example.org/rss");
    free(u);
    u = pipeline_input_url("/srv/feeds/my feed#1.xml");
    assert_string_equal(u, "file:///srv/feeds/my%20feed%231.xml");
    free(u);
    char cwd[4096];
    assert_non_null(getcwd(cwd, sizeof cwd));
    u = pipeline_input_url("feed.xml");
    assert_true(strncmp(u, "file://", 7) == 0);
    assert_true(strncmp(u + 7, cwd, strlen(cwd)) == 0);
    assert_string_equal(u + strlen(u) - 9, "/feed.xml");
    free(u);
    /* "C:feed" is no scheme we know but "c:" is one letter: treated as a path */
    u = pipeline_input_url("c:feed.xml");
    assert_true(strncmp(u, "file://", 7) == 0);
    free(u);
}

static void test_local_seed_loads(void **state)
{
    (void)state;
    char *path = ts_path(ts_shared_dir(), "feeds/seed/rss2-media.xml");
    struct fetcher *f = fetcher_new();
    struct pipeline_options opt = { .allow_files = true, .screen_w = 1920, .screen_h = 1080 };
    struct story_list l = { 0 };
    struct pipeline_meta meta = { 0 };
    struct nr_err err = { 0 };
    assert_int_equal(pipeline_load(f, path, &opt, &l, &meta, &err), NR_OK);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.items[0].headline,
                        "Putin says West has 'ignored' Russia's security concerns");
    assert_non_null(l.items[0].photo_url);
    assert_true(strncmp(l.items[0].photo_url, "file://", 7) == 0);
    assert_non_null(strstr(l.items[0].photo_url, "/photos/putin-orban-press-conference.jpg"));
    assert_non_null(meta.feed_title);
    story_list_release(&l);
    pipeline_meta_release(&meta);
    fetcher_free(f);
    free(path);
}

static void test_file_refused_without_permission(void **state)
{
    (void)state;
    char *path = ts_path(ts_shared_dir(), "feeds/seed/rss2-media.xml");
    struct fetcher *f = fetcher_new();
    struct pipeline_options opt = { .allow_files = false };
    struct story_list l = { 0 };
    struct nr_err err = { 0 };
    assert_int_not_equal(pipeline_load(f, path, &opt, &l, NULL, &err), NR_OK);
    assert_int_equal(l.n, 0);
    assert_true(strlen(err.msg) > 0);

    struct fetch_result r = { 0 };
    assert_int_not_equal(pipeline_fetch_photo(f, "file:///etc/hostname", false, &r, &err), NR_OK);
    fetch_result_release(&r);
    fetcher_free(f);
    free(path);
}

int main(void)
{
    fetch_global_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_input_url),
        cmocka_unit_test(test_local_seed_loads),
        cmocka_unit_test(test_file_refused_without_permission),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    fetch_global_cleanup();
    return rc;
}
