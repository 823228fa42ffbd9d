/* test_sitemap.c: a news sitemap read as a feed: its news entries become items with title,
 * link, date and image; a plain sitemap, or one declaring entities, gives no feed. */
#include "feed.h"
#include "testsupport.h"

#include <string.h>

#define HEAD                                                                                       \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                                 \
    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "                               \
    "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\" "                               \
    "xmlns:image=\"http://www.google.com/schemas/sitemap-image/1.1\">\n"

static const char news[] =
    HEAD "<url><loc>https://news.example.org/2024/05/ferry.html</loc>"
         "<news:news><news:publication><news:name>Harbour Times</news:name>"
         "<news:language>en</news:language></news:publication>"
         "<news:publication_date>2024-05-06T08:00:00+02:00</news:publication_date>"
         "<news:title>Harbour ferry returns &amp; runs on time</news:title>"
         "<news:keywords>ferry, harbour</news:keywords></news:news>"
         "<image:image><image:loc>https://img.example.org/ferry.jpg</image:loc>"
         "<image:caption>The ferry at the pier</image:caption></image:image></url>\n"
         "<url><loc>https://news.example.org/about.html</loc><lastmod>2024-01-01</lastmod></url>\n"
         "<url><loc>https://news.example.org/2024/05/bridge.html</loc><news:news>"
         "<news:publication_date>2024-05-05</news:publication_date>"
         "<news:title>Bridge to close for repairs</news:title></news:news></url>\n"
         "</urlset>\n";

static void test_news_entries_are_items(void **state)
{
    (void)state;
    struct feed f;
    struct parse_options po = { .base_url = "https://news.example.org/news-sitemap.xml" };
    assert_int_equal(feed_parse(news, strlen(news), &po, &f, NULL), NR_OK);
    assert_int_equal(f.format, FEED_SITEMAP);
    assert_string_equal(feed_format_name(f.format), "sitemap");
    assert_string_equal(f.title, "Harbour Times");
    assert_int_equal(f.n_items, 2);
    const struct feed_item *a = &f.items[0];
    assert_string_equal(a->title, "Harbour ferry returns & runs on time");
    assert_string_equal(a->link, "https://news.example.org/2024/05/ferry.html");
    assert_true(a->has_published);
    assert_int_equal(a->published_unix, 1714975200); /* 2024-05-06 06:00 UTC */
    assert_int_equal(a->n_media, 1);
    assert_string_equal(a->media[0].url, "https://img.example.org/ferry.jpg");
    assert_string_equal(a->media[0].description, "The ferry at the pier");
    assert_int_equal(a->n_categories, 2);
    assert_int_equal(f.n_skipped, 1); /* the plain entry */
    feed_release(&f);
}

static void test_plain_sitemap_is_no_feed(void **state)
{
    (void)state;
    const char *plain = HEAD "<url><loc>https://news.example.org/a.html</loc></url></urlset>";
    struct feed f;
    struct nr_err err = { 0 };
    assert_int_equal(feed_parse(plain, strlen(plain), NULL, &f, &err), NR_ERR_NOT_FEED);
    assert_non_null(strstr(err.msg, "without news"));
}

static void test_entities_refused(void **state)
{
    (void)state;
    const char *bomb = "<?xml version=\"1.0\"?><!DOCTYPE urlset [<!ENTITY a \"aaaaaaaaaa\">"
                       "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                       "<urlset xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">"
                       "<url><loc>https://x.example/1</loc><news:news><news:title>&b;"
                       "</news:title></news:news></url></urlset>";
    struct feed f;
    assert_int_not_equal(feed_parse(bomb, strlen(bomb), NULL, &f, NULL), NR_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_news_entries_are_items),
        cmocka_unit_test(test_plain_sitemap_is_no_feed),
        cmocka_unit_test(test_entities_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
