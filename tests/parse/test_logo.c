/* test_logo.c: a feed's own picture (feed.logo_url) in RSS, Atom and JSON Feed, resolved
 * against the document, and never taken from an item or from the <image>'s other fields. */
#include "parse_fixture.h"

static const char *logo_of(const char *doc, struct feed *f)
{
    struct parse_options po = { .base_url = "http://127.0.0.1:8765/news/feed" };
    assert_int_equal(feed_parse(doc, strlen(doc), &po, f, NULL), NR_OK);
    return f->logo_url;
}

static void test_rss_channel_image(void **state)
{
    (void)state;
    struct feed f;
    const char *doc = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Gazette</title>"
                      "<link>https://gazette.example/</link>"
                      "<image><url>/img/logo.png</url><title>Not the title</title>"
                      "<link>https://elsewhere.example/</link></image>"
                      "<item><title>One</title><link>https://gazette.example/1</link></item>"
                      "</channel></rss>";
    assert_string_equal(logo_of(doc, &f), "http://127.0.0.1:8765/img/logo.png");
    /* the image's title and link are not the channel's */
    assert_string_equal(f.title, "Gazette");
    assert_string_equal(f.link, "https://gazette.example/");
    assert_int_equal(f.n_items, 1);
    feed_release(&f);
    /* an <image> inside an item is no logo; none at all gives NULL */
    doc = "<rss version=\"2.0\"><channel><title>G</title><item><title>One</title>"
          "<image><url>https://x.example/a.png</url></image></item></channel></rss>";
    assert_null(logo_of(doc, &f));
    feed_release(&f);
}

static void test_atom_logo_wins_over_icon(void **state)
{
    (void)state;
    struct feed f;
    const char *doc = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Wire</title>"
                      "<icon>favicon.ico</icon><logo>https://wire.example/logo.svg.png</logo>"
                      "<entry><title>A</title><id>a</id><logo>https://x.example/no.png</logo>"
                      "</entry></feed>";
    assert_string_equal(logo_of(doc, &f), "https://wire.example/logo.svg.png");
    feed_release(&f);
    doc = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Wire</title>"
          "<icon>/favicon.png</icon></feed>";
    assert_string_equal(logo_of(doc, &f), "http://127.0.0.1:8765/favicon.png");
    feed_release(&f);
}

static void test_json_feed_icon_then_favicon(void **state)
{
    (void)state;
    struct feed f;
    const char *doc = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"J\", "
                      "\"icon\": \"https://j.example/icon-512.png\", "
                      "\"favicon\": \"https://j.example/fav-64.png\", \"items\": []}";
    assert_string_equal(logo_of(doc, &f), "https://j.example/icon-512.png");
    feed_release(&f);
    doc = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"J\", "
          "\"favicon\": \"fav.png\", \"items\": []}";
    assert_string_equal(logo_of(doc, &f), "http://127.0.0.1:8765/news/fav.png");
    feed_release(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rss_channel_image),
        cmocka_unit_test(test_atom_logo_wins_over_icon),
        cmocka_unit_test(test_json_feed_icon_then_favicon),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
