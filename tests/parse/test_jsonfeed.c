/* test_jsonfeed.c: JSON Feed 1.0 and 1.1 fields, and JSON that is no feed. */
#include "parse_fixture.h"

static void test_jsonfeed10(void **state)
{
    (void)state;
    struct feed f;
    assert_int_equal(fx_parse("jsonfeed10.json", NULL, &f), NR_OK);
    assert_int_equal(f.format, FEED_JSON);
    assert_string_equal(f.title, "JSON One");
    assert_int_equal(f.n_items, 2);
    assert_int_equal(f.n_skipped, 1); /* the item that is a string */
    const struct feed_item *it = &f.items[0];
    assert_string_equal(it->guid, "42");
    assert_string_equal(it->link, "https://feeds.example/dir/posts/1");
    assert_string_equal(it->content_html, "a &lt; b"); /* content_text made safe HTML */
    assert_string_equal(it->author, "Feed Author");    /* 1.0 feed-level author */
    assert_int_equal(it->published_unix, 1643737320);
    it = &f.items[1];
    assert_string_equal(it->link, "https://elsewhere.example/x"); /* external_url */
    assert_true(it->has_published);                               /* from date_modified */
    assert_int_equal(it->n_categories, 2);
    assert_int_equal(it->n_media, 2);
    assert_int_equal(it->media[0].kind, MEDIA_JSON_IMAGE);
    assert_string_equal(it->media[0].url, "https://feeds.example/dir/img/2.jpg");
    assert_int_equal(it->media[1].kind, MEDIA_ENCLOSURE);
    assert_int_equal(it->media[1].bytes, 1000);
    feed_release(&f);
}

static void test_jsonfeed11(void **state)
{
    (void)state;
    struct feed f;
    assert_int_equal(fx_parse("jsonfeed11.json", NULL, &f), NR_OK);
    assert_string_equal(f.language, "fr");
    assert_int_equal(f.n_items, 1);
    assert_string_equal(f.items[0].author, "Un, Deux");
    assert_string_equal(f.items[0].summary_html, "R\xC3\xA9sum\xC3\xA9");
    assert_int_equal(f.items[0].published_unix, 1643733720);
    assert_int_equal(f.items[0].media[0].kind, MEDIA_JSON_IMAGE);
    feed_release(&f);
}

static void test_json_that_is_no_feed(void **state)
{
    (void)state;
    struct feed f;
    const char *doc = "{\"user\": \"x\", \"token\": 1}";
    assert_int_equal(feed_parse(doc, strlen(doc), NULL, &f, NULL), NR_ERR_NOT_FEED);
    doc = "{\"version\": \"https://jsonfeed.org/version/1\", \"items\": [";
    assert_int_equal(feed_parse(doc, strlen(doc), NULL, &f, NULL), NR_ERR_PARSE);
}

static void test_json_deep_nesting_refused(void **state)
{
    (void)state;
    struct nr_buf b;
    nr_buf_init(&b, TS_MAX_FILE_BYTES);
    assert_int_equal(
        nr_buf_puts(&b, "{\"version\": \"https://jsonfeed.org/version/1\", \"items\": [{\"x\": "),
        NR_OK);
    for (int i = 0; i < 100000; i++)
        assert_int_equal(nr_buf_putc(&b, '['), NR_OK);
    for (int i = 0; i < 100000; i++)
        assert_int_equal(nr_buf_putc(&b, ']'), NR_OK);
    assert_int_equal(nr_buf_puts(&b, "}]}"), NR_OK);
    struct feed f;
    struct nr_err err = { 0 };
    assert_int_equal(feed_parse(b.data, b.len, NULL, &f, &err), NR_ERR_TOO_BIG);
    assert_non_null(strstr(err.msg, "deeper"));
    nr_buf_release(&b);
}

static void test_seed_jsonfeed(void **state)
{
    (void)state;
    if (!ts_have_shared())
        skip();
    char *path = ts_path(ts_shared_dir(), "feeds/seed/jsonfeed.json");
    struct nr_buf b;
    nr_buf_init(&b, TS_MAX_FILE_BYTES);
    assert_int_equal(ts_read_file(path, &b), 0);
    struct parse_options po = { .base_url = "http://127.0.0.1:8765/seed/jsonfeed.json" };
    struct feed f;
    assert_int_equal(feed_parse(b.data, b.len, &po, &f, NULL), NR_OK);
    assert_int_equal(f.n_items, 1);
    assert_string_equal(f.items[0].title,
                        "Putin says West has 'ignored' Russia's security concerns");
    assert_string_equal(f.items[0].media[0].url,
                        "http://127.0.0.1:8765/seed/photos/putin-orban-press-conference.jpg");
    feed_release(&f);
    nr_buf_release(&b);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jsonfeed10),
        cmocka_unit_test(test_jsonfeed11),
        cmocka_unit_test(test_json_that_is_no_feed),
        cmocka_unit_test(test_json_deep_nesting_refused),
        cmocka_unit_test(test_seed_jsonfeed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
