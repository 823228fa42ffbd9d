/* test_xmlfeed.c: RSS 0.91/2.0, RDF and Atom 0.3/1.0 fields, recovery and the XML attacks. */
#include "parse_fixture.h"

#include "nr_limits.h"

static void test_rss2_media_fields(void **state)
{
    (void)state;
    struct feed f;
    assert_int_equal(fx_parse("rss2_media.xml", NULL, &f), NR_OK);
    fx_assert_feed_utf8(&f);
    assert_int_equal(f.format, FEED_RSS);
    assert_string_equal(f.title, "Harbour Gazette"); /* not the <image> title */
    assert_string_equal(f.language, "en-gb");
    assert_int_equal(f.ttl_minutes, 30); /* hourly / 2 */
    assert_int_equal(f.n_items, 2);
    const struct feed_item *it = &f.items[0];
    assert_string_equal(it->title, "Ferry & tug collide in fog");
    assert_string_equal(it->link, "https://feeds.example/news/ferry-tug");
    assert_string_equal(it->guid, "gz-101");
    assert_string_equal(it->author, "Ana Lima");
    assert_true(it->has_published);
    assert_int_equal(it->published_unix, 1643737320);
    assert_int_equal(it->n_categories, 2);
    assert_string_equal(it->categories[1], "Shipping");
    assert_string_equal(it->summary_html, "<p>Two boats met in the fog.</p>");
    assert_string_equal(it->content_html, "<p>Full <b>story</b> here.</p>");
    assert_string_equal(it->base_url, "https://feeds.example/dir/rss2_media.xml");
    assert_int_equal(it->n_media, 5);
    assert_int_equal(it->media[0].kind, MEDIA_CONTENT);
    assert_true(it->media[0].in_group);
    assert_string_equal(it->media[0].url, "https://feeds.example/dir/photos/ferry-small.jpg");
    assert_string_equal(it->media[1].url,
                        "https://feeds.example/dir/photos/ferry-large.jpg?w=1&h=2");
    assert_true(it->media[1].is_default);
    assert_int_equal(it->media[1].width, 1920);
    assert_string_equal(it->media[1].description, "The ferry Maria in the harbour");
    assert_string_equal(it->media[1].credit, "Jo Bloggs/Agency");
    assert_string_equal(it->media[0].type, "image/jpeg");
    assert_string_equal(it->media[0].medium, "image");
    assert_int_equal(it->media[2].kind, MEDIA_THUMBNAIL);
    assert_false(it->media[2].in_group);
    assert_int_equal(it->media[3].kind, MEDIA_ENCLOSURE);
    assert_int_equal(it->media[3].bytes, 12345);
    assert_int_equal(it->media[4].kind, MEDIA_ITUNES);
    assert_string_equal(it->media[4].url, "https://cdn.gazette.example/cover.jpg");

    it = &f.items[1];
    assert_string_equal(it->link, "https://gazette.example/news/second"); /* permalink guid */
    assert_int_equal(it->published_unix, 1643706000);                     /* dc:date */
    assert_int_equal(it->n_media, 1);
    assert_string_equal(it->media[0].title, "Title of the photo");
    assert_null(it->media[0].description);
    assert_string_equal(it->media[0].text, "Caption in media:text");
    assert_string_equal(it->media[0].credit, "Item-level credit");
    feed_release(&f);
}

static void test_rss091_html_entities(void **state)
{
    (void)state;
    struct feed f;
    assert_int_equal(fx_parse("rss091_entities.xml", NULL, &f), NR_OK);
    assert_string_equal(f.title, "Caf\xC3\xA9 news");
    assert_int_equal(f.n_items, 1);
    /* &nbsp; collapses to a space; &#146; is windows-1252's right quote. */
    assert_string_equal(f.items[0].title, "Cr\xC3\xA8me br\xC3\xBBl\xC3\xA9"
                                          "e & more \xE2\x80\x99quoted\xE2\x80\x99");
    assert_string_equal(f.items[0].summary_html, "Menu\xE2\x80\xA6");
    feed_release(&f);
}

/* Ruby readings are left out of a title: "東京都知事が会見", not "東京(とうきょう)都知事". */
static void test_ruby_readings_dropped(void **state)
{
    (void)state;
    struct feed f;
    assert_int_equal(fx_parse("ruby_title.xml", NULL, &f), NR_OK);
    assert_int_equal(f.n_items, 1);
    assert_string_equal(f.items[0].title, "\xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd\xe7\x9f\xa5"
                                          "\xe4\xba\x8b\xe3\x81\x8c\xe4\xbc\x9a\xe8\xa6\x8b");
    feed_release(&f);
}

static void test_rdf(void **state)
{
    (void)state;
    struct feed f;
    assert_int_equal(fx_parse("rdf.xml", NULL, &f), NR_OK);
    assert_int_equal(f.format, FEED_RDF);
    assert_string_equal(f.title, "RDF Wire");
    assert_int_equal(f.n_items, 2);
    assert_string_equal(f.items[0].title, "First RDF item");
    assert_string_equal(f.items[0].author, "Wire Desk");
    assert_int_equal(f.items[0].published_unix, 1643737320);
    assert_false(f.items[1].has_published); /* no date: unset, never the epoch */
    assert_int_equal(f.items[1].published_unix, 0);
    feed_release(&f);
}

static void test_atom_xml_base_and_types(void **state)
{
    (void)state;
    struct feed f;
    assert_int_equal(fx_parse("atom_xmlbase.xml", NULL, &f), NR_OK);
    assert_int_equal(f.format, FEED_ATOM);
    assert_string_equal(f.title, "Atom & Co"); /* type=html: the HTML's own entities decoded */
    assert_string_equal(f.link, "https://atom.example/");
    assert_int_equal(f.n_items, 2);
    const struct feed_item *it = &f.items[0];
    assert_string_equal(it->title, "Big news & views");
    assert_string_equal(it->link, "https://atom.example/blog/posts/one.html");
    assert_string_equal(it->base_url, "https://atom.example/blog/posts/");
    assert_string_equal(it->author, "Kim, Lee");
    assert_string_equal(it->categories[0], "Technology");
    assert_true(it->has_published); /* from <updated> */
    assert_int_equal(it->published_unix, 1643738700);
    assert_string_equal(it->summary_html, "1 &lt; 2 &amp; 3"); /* text made safe HTML */
    assert_string_equal(it->content_html, "<div><p>Hello <img src=\"x.png\"> a&amp;b</p></div>");
    assert_int_equal(it->n_media, 1);
    assert_int_equal(it->media[0].kind, MEDIA_ENCLOSURE);
    assert_string_equal(it->media[0].url, "https://atom.example/blog/img/one.png");
    it = &f.items[1];
    assert_string_equal(it->title, "Plain &amp; literal"); /* type=text stays literal */
    assert_string_equal(it->link, "https://atom.example/blog/two.html");
    assert_string_equal(it->base_url, "https://other.example/x/"); /* content's xml:base */
    feed_release(&f);
}

static void test_atom03(void **state)
{
    (void)state;
    struct feed f;
    assert_int_equal(fx_parse("atom03.xml", NULL, &f), NR_OK);
    assert_int_equal(f.n_items, 1);
    assert_int_equal(f.items[0].published_unix, 1086109200); /* issued, -05:00 */
    assert_string_equal(f.items[0].content_html, "<p>escaped body</p>");
    feed_release(&f);
}

static void test_malformed_recovers(void **state)
{
    (void)state;
    struct feed f;
    assert_int_equal(fx_parse("malformed.xml", NULL, &f), NR_OK);
    fx_assert_feed_utf8(&f);
    assert_true(f.n_items >= 1);
    assert_non_null(strstr(f.items[0].title, "Fish"));
    feed_release(&f);
}

static void test_truncated_keeps_items(void **state)
{
    (void)state;
    struct feed f;
    assert_int_equal(fx_parse("truncated.xml", NULL, &f), NR_OK);
    assert_true(f.n_items >= 1);
    assert_string_equal(f.items[0].title, "Whole item");
    feed_release(&f);
}

static void test_billion_laughs_not_expanded(void **state)
{
    (void)state;
    struct feed f;
    assert_int_equal(fx_parse("billion_laughs.xml", NULL, &f), NR_OK);
    assert_int_equal(f.n_items, 1);
    assert_null(strstr(f.items[0].title, "lol"));
    assert_true(strlen(f.items[0].title) < 64);
    feed_release(&f);
}

static void test_external_entity_not_loaded(void **state)
{
    (void)state;
    struct feed f;
    assert_int_equal(fx_parse("xxe.xml", NULL, &f), NR_OK);
    assert_int_equal(f.n_items, 1);
    assert_string_equal(f.items[0].title, "Secret:");
    assert_null(strstr(f.items[0].title, "root"));
    feed_release(&f);
}

static void test_deep_nesting(void **state)
{
    (void)state;
    struct nr_buf b;
    nr_buf_init(&b, TS_MAX_FILE_BYTES);
    assert_int_equal(
        nr_buf_puts(&b, "<rss><channel><item><title>Before the pit</title></item><item><title>"),
        NR_OK);
    for (int i = 0; i < 100000; i++)
        assert_int_equal(nr_buf_puts(&b, "<x>"), NR_OK);
    assert_int_equal(nr_buf_puts(&b, "deep"), NR_OK);
    for (int i = 0; i < 100000; i++)
        assert_int_equal(nr_buf_puts(&b, "</x>"), NR_OK);
    assert_int_equal(nr_buf_puts(&b, "</title></item></channel></rss>"), NR_OK);
    struct feed f;
    assert_int_equal(feed_parse(b.data, b.len, NULL, &f, NULL), NR_OK);
    assert_true(f.n_items >= 1);
    assert_string_equal(f.items[0].title, "Before the pit");
    feed_release(&f);
    nr_buf_release(&b);
}

static void test_seed_files(void **state)
{
    (void)state;
    if (!ts_have_shared())
        skip();
    const char *files[] = { "rss2-media.xml", "rss1-rdf.xml", "atom.xml" };
    for (size_t i = 0; i < 3; i++) {
        char rel[128];
        snprintf(rel, sizeof rel, "feeds/seed/%s", files[i]);
        char *path = ts_path(ts_shared_dir(), rel);
        struct nr_buf b;
        nr_buf_init(&b, TS_MAX_FILE_BYTES);
        assert_int_equal(ts_read_file(path, &b), 0);
        struct parse_options po = { .base_url = "http://127.0.0.1:8765/seed/feed.xml" };
        struct feed f;
        assert_int_equal(feed_parse(b.data, b.len, &po, &f, NULL), NR_OK);
        assert_int_equal(f.n_items, 1);
        assert_string_equal(f.items[0].title,
                            "Putin says West has 'ignored' Russia's security concerns");
        assert_int_equal(f.items[0].published_unix, 1643737320);
        if (i != 1) { /* the RDF form has its photo only inside content:encoded */
            assert_true(f.items[0].n_media >= 1);
            assert_string_equal(
                f.items[0].media[0].url,
                "http://127.0.0.1:8765/seed/photos/putin-orban-press-conference.jpg");
        }
        assert_string_equal(f.items[0].base_url,
                            i == 2 ? "http://127.0.0.1:8765/seed/" : po.base_url);
        feed_release(&f);
        nr_buf_release(&b);
        free(path);
    }
}

static void test_nested_cdata(void **state)
{
    (void)state;
    struct feed f;
    assert_int_equal(fx_parse("cdata_nested.xml", NULL, &f), NR_OK);
    assert_string_equal(f.title, "Harbourton Gazette");
    assert_int_equal(f.n_items, 3);
    assert_string_equal(f.items[0].title, "Ferry fares rise by a tenth from March");
    assert_non_null(f.items[0].summary_html);
    assert_null(strstr(f.items[0].summary_html, "CDATA"));
    assert_non_null(strstr(f.items[0].summary_html, "<p>The council approved"));
    /* three levels; the innermost text is raw: & and < are characters */
    assert_string_equal(f.items[1].title, "Tom & Jerry <3 the quay");
    assert_string_equal(f.items[2].title, "Plain CDATA title");
    for (size_t i = 0; i < f.n_items; i++)
        assert_null(strstr(f.items[i].title, "]>"));
    feed_release(&f);
}

static void test_title_falls_back_to_dc_media_itunes(void **state)
{
    (void)state;
    struct feed f;
    assert_int_equal(fx_parse("alt_titles.xml", NULL, &f), NR_OK);
    assert_int_equal(f.n_items, 7);
    assert_string_equal(f.items[0].title, "Harbour master retires after thirty years");
    /* the item's own media:title, not its photo's */
    assert_string_equal(f.items[1].title, "Regatta final in pictures");
    assert_string_equal(f.items[2].title, "Episode 12: the night ferry");
    assert_string_equal(f.items[3].title, "First choice: dc:title");
    assert_string_equal(f.items[4].title, "The title wins");
    assert_string_equal(f.items[5].title, "A blank title gives way to dc:title");
    /* a media element's title names the photo, not the story */
    assert_null(f.items[6].title);
    feed_release(&f);
}

static void test_blank_and_invisible_titles_are_no_titles(void **state)
{
    (void)state;
    struct feed f;
    assert_int_equal(fx_parse("blank_titles.xml", NULL, &f), NR_OK);
    assert_int_equal(f.n_items, 15);
    for (size_t i = 0; i < 14; i++)
        if (f.items[i].title)
            fail_msg("item %zu: title '%s' should be none", i + 1, f.items[i].title);
    assert_non_null(strstr(f.items[14].title, "Visible after a zero-width space"));
    feed_release(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rss2_media_fields),
        cmocka_unit_test(test_rss091_html_entities),
        cmocka_unit_test(test_ruby_readings_dropped),
        cmocka_unit_test(test_rdf),
        cmocka_unit_test(test_atom_xml_base_and_types),
        cmocka_unit_test(test_atom03),
        cmocka_unit_test(test_malformed_recovers),
        cmocka_unit_test(test_truncated_keeps_items),
        cmocka_unit_test(test_billion_laughs_not_expanded),
        cmocka_unit_test(test_external_entity_not_loaded),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_seed_files),
        cmocka_unit_test(test_nested_cdata),
        cmocka_unit_test(test_title_falls_back_to_dc_media_itunes),
        cmocka_unit_test(test_blank_and_invisible_titles_are_no_titles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
