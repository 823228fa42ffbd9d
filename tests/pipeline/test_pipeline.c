/* test_pipeline.c: command-line inputs become URLs; a local seed file loads end to end
 * through fetch, parse and extract; a remote feed cannot read local files. */
#include "alloc.h"
#include "pipeline.h"
#include "testsupport.h"

#include <stdio.h>
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
    char *path = ts_path(ts_source_dir(), "assets/sample/feed.xml");
    struct fetcher *f = fetcher_new();
    struct pipeline_options opt = { .allow_files = true, .screen_w = 1920, .screen_h = 1080 };
    struct story_list l = { 0 };
    struct pipeline_meta meta = { 0 };
    struct nr_err err = { 0 };
    assert_int_equal(pipeline_load(f, path, &opt, &l, &meta, &err), NR_OK);
    assert_true(l.n >= 6);
    assert_string_equal(l.items[0].headline, "Night ferry to run across the harbour from spring");
    assert_non_null(l.items[0].photo_url);
    assert_true(strncmp(l.items[0].photo_url, "file://", 7) == 0);
    assert_non_null(strstr(l.items[0].photo_url, "/assets/sample/photos/harbour-ferry-dusk.jpg"));
    assert_non_null(meta.feed_title);
    story_list_release(&l);
    pipeline_meta_release(&meta);
    fetcher_free(f);
    free(path);
}

static void test_file_refused_without_permission(void **state)
{
    (void)state;
    char *path = ts_path(ts_source_dir(), "assets/sample/feed.xml");
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

static void write_text(const char *dir, const char *name, const char *text)
{
    char *p = ts_path(dir, name);
    ts_write_file(p, text, strlen(text));
    free(p);
}

static void test_dedup_keeps_first(void **state)
{
    (void)state;
    struct story_list l = { 0 };
    const char *heads[] = { "Night ferry to run across the harbour", "Library opens repair cafe",
                            "Night ferry to run across the harbour!",
                            "Night ferry to run across the harbour" };
    const char *links[] = { "https://a.example/ferry", "https://a.example/cafe",
                            "http://www.a.example/ferry/", "https://b.example/other-url" };
    size_t origin[] = { 0, 0, 1, 2 };
    for (int i = 0; i < 4; i++) {
        struct story s = { 0 };
        s.headline = xstrdup(heads[i]);
        s.link = xstrdup(links[i]);
        story_list_push(&l, &s);
    }
    struct dedup_report rep;
    assert_int_equal(story_list_dedup(&l, origin, &rep), 1);
    assert_int_equal(l.n, 3);
    assert_string_equal(l.items[0].link, "https://a.example/ferry");
    assert_string_equal(l.items[1].link, "https://a.example/cafe");
    assert_string_equal(l.items[2].link, "https://b.example/other-url");
    /* origin follows the stories; the report names both feeds */
    assert_int_equal(origin[2], 2);
    assert_int_equal(rep.n_notes, 1);
    assert_int_equal(rep.notes[0].kept, 0);
    assert_int_equal(rep.notes[0].dropped, 1);
    assert_int_equal(rep.notes[0].count, 1);
    story_list_release(&l);
}

/* A feed with no photos whose article page names an og:image, served from 127.0.0.1. */
static void test_article_image_from_page(void **state)
{
    (void)state;
    char *root = ts_mkdtemp();
    struct ts_server srv;
    ts_server_start(&srv, root);
    char feed[2048];
    snprintf(feed, sizeof feed,
             "<rss version=\"2.0\"><channel><title>T</title>"
             "<item><title>With a page</title><link>%s/story.html</link></item>"
             "<item><title>Page missing</title><link>%s/missing.html</link></item>"
             "<item><title>Local link</title><link>file:///etc/hostname</link></item>"
             "</channel></rss>",
             srv.base, srv.base);
    write_text(root, "feed.xml", feed);
    write_text(root, "story.html",
               "<html><head><meta property=\"og:title\" content=\"With a page\">"
               "<meta property=\"og:image\" content=\"/img/lead.jpg\"></head>"
               "<body><p>text</p></body></html>");
    char url[128];
    snprintf(url, sizeof url, "%s/feed.xml", srv.base);

    struct fetcher *f = fetcher_new();
    struct pipeline_options opt = { .article_images = 5 };
    struct story_list l = { 0 };
    struct nr_err err = { 0 };
    assert_int_equal(pipeline_load(f, url, &opt, &l, NULL, &err), NR_OK);
    assert_int_equal(l.n, 3);
    char want[160];
    snprintf(want, sizeof want, "%s/img/lead.jpg", srv.base);
    assert_string_equal(l.items[0].photo_url, want);
    assert_null(l.items[1].photo_url); /* 404: no photo, no failure */
    assert_null(l.items[2].photo_url); /* never reads a local file */
    story_list_release(&l);

    /* with the setting off, no page is fetched */
    opt.article_images = 0;
    assert_int_equal(pipeline_load(f, url, &opt, &l, NULL, &err), NR_OK);
    assert_null(l.items[0].photo_url);
    story_list_release(&l);
    fetcher_free(f);
    ts_server_stop(&srv);
    ts_rmtree(root);
    free(root);
}

/* A feed is parsed once per refresh; a web page once, and the feed it names once. */
static void test_each_body_parsed_once(void **state)
{
    (void)state;
    char *root = ts_mkdtemp();
    struct ts_server srv;
    ts_server_start(&srv, root);
    write_text(root, "feed.xml",
               "<rss version=\"2.0\"><channel><title>T</title>"
               "<item><title>One story</title><link>http://x.example/1</link></item>"
               "</channel></rss>");
    write_text(root, "page.html",
               "<html><head><title>Home</title><link rel=\"alternate\" "
               "type=\"application/rss+xml\" href=\"/feed.xml\"></head>"
               "<body><p>front page</p></body></html>");
    char url[128];
    struct fetcher *f = fetcher_new();
    struct pipeline_options opt = { 0 };
    struct story_list l = { 0 };
    struct pipeline_meta meta = { 0 };
    struct nr_err err = { 0 };
    snprintf(url, sizeof url, "%s/feed.xml", srv.base);
    assert_int_equal(pipeline_load(f, url, &opt, &l, &meta, &err), NR_OK);
    assert_int_equal(l.n, 1);
    assert_int_equal(meta.n_parses, 1);
    assert_non_null(meta.fetched.etag); /* a feed's own validators are kept */
    story_list_release(&l);
    pipeline_meta_release(&meta);

    snprintf(url, sizeof url, "%s/page.html", srv.base);
    assert_int_equal(pipeline_load(f, url, &opt, &l, &meta, &err), NR_OK);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.items[0].headline, "One story");
    assert_int_equal(meta.n_parses, 2);
    /* the feed's validators are not the page's: none go back to the page's URL */
    assert_null(meta.fetched.etag);
    assert_null(meta.fetched.last_modified);
    story_list_release(&l);
    pipeline_meta_release(&meta);
    fetcher_free(f);
    ts_server_stop(&srv);
    ts_rmtree(root);
    free(root);
}

int main(void)
{
    fetch_global_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_input_url),
        cmocka_unit_test(test_local_seed_loads),
        cmocka_unit_test(test_file_refused_without_permission),
        cmocka_unit_test(test_dedup_keeps_first),
        cmocka_unit_test(test_article_image_from_page),
        cmocka_unit_test(test_each_body_parsed_once),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    fetch_global_cleanup();
    return rc;
}
