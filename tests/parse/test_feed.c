/* test_feed.c: feed_parse() as a whole: sniffing, the item cap, and every bad input of the
 * feed-ingestion issue (each must give a clear result, never a crash). */
#include "parse_fixture.h"

#include "nr_limits.h"

static void test_empty_body(void **state)
{
    (void)state;
    struct feed f;
    struct nr_err err = { 0 };
    struct parse_options po = { .base_url = "https://x.example/feed" };
    assert_int_equal(feed_parse("", 0, &po, &f, &err), NR_ERR_NOT_FEED);
    assert_non_null(strstr(err.msg, "'https://x.example/feed' is empty"));
    assert_int_equal(feed_parse(NULL, 0, NULL, &f, NULL), NR_ERR_NOT_FEED);
    assert_int_equal(feed_parse("   \n\n ", 6, NULL, &f, NULL), NR_ERR_NOT_FEED);
}

static void test_not_a_feed(void **state)
{
    (void)state;
    struct feed f;
    const char *text = "Service temporarily unavailable";
    assert_int_equal(feed_parse(text, strlen(text), NULL, &f, NULL), NR_ERR_NOT_FEED);
    const char gz[] = "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xcb\x48\xcd\xc9\xc9\x07\x00";
    assert_int_equal(feed_parse(gz, sizeof gz - 1, NULL, &f, NULL), NR_ERR_NOT_FEED);
    const char *svg = "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>";
    assert_int_equal(feed_parse(svg, strlen(svg), NULL, &f, NULL), NR_ERR_NOT_FEED);
}

static void test_zero_items_is_ok(void **state)
{
    (void)state;
    struct feed f;
    assert_int_equal(fx_parse("zero_items.xml", NULL, &f), NR_OK);
    assert_int_equal(f.n_items, 0);
    assert_string_equal(f.title, "Nothing yet");
    feed_release(&f);
}

static void test_sniffing_ignores_prologue(void **state)
{
    (void)state;
    struct feed f;
    const char *doc =
        "\xEF\xBB\xBF\n<!-- generator -->\n<?xml-stylesheet href=\"s.xsl\"?>\n"
        "<rss:rss xmlns:rss=\"http://backend.userland.com/rss2\"><rss:channel>"
        "<rss:item><rss:title>Prefixed</rss:title></rss:item></rss:channel></rss:rss>";
    assert_int_equal(feed_parse(doc, strlen(doc), NULL, &f, NULL), NR_OK);
    assert_int_equal(f.format, FEED_RSS);
    assert_int_equal(f.n_items, 1);
    assert_string_equal(f.items[0].title, "Prefixed");
    feed_release(&f);
    assert_string_equal(feed_format_name(FEED_ATOM), "atom");
    assert_string_equal(feed_format_name(FEED_UNKNOWN), "unknown");
}

static void test_huge_title_is_capped(void **state)
{
    (void)state;
    const size_t title_bytes = 50u * 1024 * 1024;
    const char *head = "<rss><channel><item><title>";
    const char *tail = "</title><link>https://big.example/1</link></item></channel></rss>";
    size_t len = strlen(head) + title_bytes + strlen(tail);
    char *doc = malloc(len);
    assert_non_null(doc);
    memcpy(doc, head, strlen(head));
    memset(doc + strlen(head), 'A', title_bytes);
    memcpy(doc + strlen(head) + title_bytes, tail, strlen(tail));
    struct feed f;
    assert_int_equal(feed_parse(doc, len, NULL, &f, NULL), NR_OK);
    assert_int_equal(f.n_items, 1);
    assert_int_equal(strlen(f.items[0].title), NR_MAX_TITLE_BYTES);
    assert_string_equal(f.items[0].link, "https://big.example/1");
    feed_release(&f);
    free(doc);
}

static void test_undated_items_over_the_cap(void **state)
{
    (void)state;
    /* Undated items have no order but the document's: the first ones are kept. */
    const int n = 3 * NR_MAX_ITEMS;
    struct nr_buf b;
    nr_buf_init(&b, TS_MAX_FILE_BYTES);
    assert_int_equal(nr_buf_puts(&b, "<rss><channel>"), NR_OK);
    for (int i = 0; i < n; i++)
        assert_int_equal(
            nr_buf_printf(&b, "<item><title>n%d</title><pubDate>someday</pubDate></item>", i),
            NR_OK);
    assert_int_equal(nr_buf_puts(&b, "</channel></rss>"), NR_OK);
    struct feed f;
    assert_int_equal(feed_parse(b.data, b.len, NULL, &f, NULL), NR_OK);
    assert_int_equal(f.n_items, NR_MAX_ITEMS);
    assert_int_equal(f.n_skipped, (size_t)(n - NR_MAX_ITEMS));
    assert_false(f.items[0].has_published);
    assert_string_equal(f.items[0].title, "n0");
    assert_string_equal(f.items[NR_MAX_ITEMS - 1].title, "n199");
    feed_release(&f);

    struct parse_options po = { .max_items = 50 };
    assert_int_equal(feed_parse(b.data, b.len, &po, &f, NULL), NR_OK);
    assert_int_equal(f.n_items, 50);
    feed_release(&f);
    nr_buf_release(&b);
}

static void test_newest_by_date(void **state)
{
    (void)state;
    const int n = 3 * NR_MAX_ITEMS;
    struct nr_buf b;
    nr_buf_init(&b, TS_MAX_FILE_BYTES);
    assert_int_equal(nr_buf_puts(&b, "<rss><channel>"), NR_OK);
    for (int i = 0; i < n; i++) {
        int day = (i * 7919) % n;
        assert_int_equal(
            nr_buf_printf(
                &b, "<item><title>d%d</title><pubDate>%02d %s %d 10:00:00 GMT</pubDate></item>",
                day, 1 + day % 28,
                (const char *[]){ "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                                  "Oct", "Nov", "Dec" }[(day / 28) % 12],
                2000 + day / (28 * 12)),
            NR_OK);
    }
    assert_int_equal(nr_buf_puts(&b, "</channel></rss>"), NR_OK);
    struct feed f;
    assert_int_equal(feed_parse(b.data, b.len, NULL, &f, NULL), NR_OK);
    nr_buf_release(&b);
    assert_int_equal(f.n_items, NR_MAX_ITEMS);
    for (size_t i = 0; i < f.n_items; i++) {
        assert_true(f.items[i].has_published);
        long day = strtol(f.items[i].title + 1, NULL, 10);
        assert_true(day >= n - NR_MAX_ITEMS); /* only the newest days survive */
    }
    feed_release(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_body),
        cmocka_unit_test(test_not_a_feed),
        cmocka_unit_test(test_zero_items_is_ok),
        cmocka_unit_test(test_sniffing_ignores_prologue),
        cmocka_unit_test(test_huge_title_is_capped),
        cmocka_unit_test(test_undated_items_over_the_cap),
        cmocka_unit_test(test_newest_by_date),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
