/* test_html.c: web pages: feed autodiscovery, one story from OpenGraph, login pages refused. */
#include "parse_fixture.h"

static void test_autodiscovery(void **state)
{
    (void)state;
    struct feed f;
    assert_int_equal(fx_parse("page_alternate.html", NULL, &f), NR_OK);
    assert_int_equal(f.format, FEED_HTML);
    assert_string_equal(f.discovered_feed_url, "https://feeds.example/feeds/all.atom");
    assert_int_equal(f.n_items, 0);
    feed_release(&f);
}

static void test_opengraph_story(void **state)
{
    (void)state;
    struct feed f;
    assert_int_equal(fx_parse("page_og.html", NULL, &f), NR_OK);
    assert_null(f.discovered_feed_url);
    assert_string_equal(f.title, "Example Site");
    assert_int_equal(f.n_items, 1);
    const struct feed_item *it = &f.items[0];
    assert_string_equal(it->title, "Harbour & city 'reopen'");
    assert_int_equal(it->published_unix, 1643737320);
    assert_string_equal(it->summary_html, "A short dek.");
    assert_non_null(strstr(it->content_html, "<p>Body <b>text</b>.</p>"));
    assert_null(strstr(it->content_html, "Skip")); /* only the <article> */
    assert_int_equal(it->n_media, 1);
    assert_int_equal(it->media[0].kind, MEDIA_OG_IMAGE);
    assert_string_equal(it->media[0].url, "https://feeds.example/dir/img/lead.jpg");
    feed_release(&f);
}

static void test_login_page_is_not_a_feed(void **state)
{
    (void)state;
    struct feed f;
    assert_int_equal(fx_parse("login.html", NULL, &f), NR_ERR_NOT_FEED);
}

static void test_seed_article(void **state)
{
    (void)state;
    if (!ts_have_shared())
        skip();
    char *path = ts_path(ts_shared_dir(), "feeds/seed/article.html");
    struct nr_buf b;
    nr_buf_init(&b, TS_MAX_FILE_BYTES);
    assert_int_equal(ts_read_file(path, &b), 0);
    struct parse_options po = { .base_url = "http://127.0.0.1:8765/seed/article.html" };
    struct feed f;
    assert_int_equal(feed_parse(b.data, b.len, &po, &f, NULL), NR_OK);
    assert_string_equal(f.discovered_feed_url, "http://127.0.0.1:8765/seed/rss2-media.xml");
    assert_int_equal(f.n_items, 1);
    assert_string_equal(f.items[0].title,
                        "Putin says West has 'ignored' Russia's security concerns");
    assert_string_equal(f.items[0].media[0].url,
                        "http://127.0.0.1:8765/seed/photos/putin-orban-press-conference.jpg");
    assert_int_equal(f.items[0].published_unix, 1643737320);
    assert_non_null(f.items[0].content_html);
    feed_release(&f);
    nr_buf_release(&b);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_autodiscovery),
        cmocka_unit_test(test_opengraph_story),
        cmocka_unit_test(test_login_page_is_not_a_feed),
        cmocka_unit_test(test_seed_article),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
