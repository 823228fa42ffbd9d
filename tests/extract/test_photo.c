/* test_photo.c: picking the lead photo, and its caption and credit kept apart. */
#include "extract_fixture.h"
#include "extract_int.h"

#define HEAD "Harbour ferry returns after winter repairs"

static void test_largest_media_content(void **state)
{
    (void)state;
    struct fx f;
    struct story s;
    fx_init(&f, HEAD, "<p>The ferry is back.</p>", NULL);
    fx_media(&f, MEDIA_CONTENT, "https://img.example.org/140.jpg", "image/jpeg", 140, 84);
    fx_media(&f, MEDIA_CONTENT, "https://img.example.org/460.jpg", "image/jpeg", 460, 276);
    struct feed_media *m =
        fx_media(&f, MEDIA_CONTENT, "https://img.example.org/clip.mp4", "video/mp4", 1920, 1080);
    m->medium = xstrdup("video");
    fx_extract(&f, &s);
    assert_string_equal(s.photo_url, "https://img.example.org/460.jpg");
    story_release(&s);
    fx_release(&f);
}

static void test_default_crop_wins(void **state)
{
    (void)state;
    struct fx f;
    struct story s;
    fx_init(&f, HEAD, NULL, NULL);
    struct feed_media *a =
        fx_media(&f, MEDIA_CONTENT, "https://img.example.org/wide.jpg", "image/jpeg", 2000, 800);
    a->in_group = true;
    struct feed_media *b =
        fx_media(&f, MEDIA_CONTENT, "https://img.example.org/default.jpg", "image/jpeg", 1200, 800);
    b->in_group = true;
    b->is_default = true;
    fx_extract(&f, &s);
    assert_string_equal(s.photo_url, "https://img.example.org/default.jpg");
    story_release(&s);
    fx_release(&f);
}

static void test_caption_and_credit_from_media(void **state)
{
    (void)state;
    struct fx f;
    struct story s;
    fx_init(&f, HEAD, NULL, NULL);
    struct feed_media *m =
        fx_media(&f, MEDIA_CONTENT, "https://img.example.org/p.jpg", "image/jpeg", 0, 0);
    m->description = xstrdup("The ferry leaves the dock at dusk.");
    m->credit = xstrdup("Photograph: Jane Doe/Reuters");
    fx_extract(&f, &s);
    assert_string_equal(s.caption, "The ferry leaves the dock at dusk.");
    assert_string_equal(s.credit, "Jane Doe/Reuters");
    story_release(&s);
    fx_release(&f);
}

static void test_caption_with_dash_credit_split(void **state)
{
    (void)state;
    struct fx f;
    struct story s;
    fx_init(&f, HEAD, NULL, NULL);
    struct feed_media *m =
        fx_media(&f, MEDIA_CONTENT, "https://img.example.org/p.jpg", "image/jpeg", 0, 0);
    m->title = xstrdup("Passengers board the ferry in the harbour on Monday. \xe2\x80\x94 Reuters");
    fx_extract(&f, &s);
    assert_string_equal(s.caption, "Passengers board the ferry in the harbour on Monday.");
    assert_string_equal(s.credit, "Reuters");
    story_release(&s);
    fx_release(&f);
}

static void test_caption_repeating_headline_dropped(void **state)
{
    (void)state;
    struct fx f;
    struct story s;
    fx_init(&f, HEAD, NULL,
            "<img src=\"https://img.example.org/p.jpg\" alt=\"Harbour ferry returns after winter "
            "repairs\"><p>The ferry is back.</p>");
    fx_extract(&f, &s);
    assert_string_equal(s.photo_url, "https://img.example.org/p.jpg");
    assert_null(s.caption);
    story_release(&s);
    fx_release(&f);
}

static void test_tracking_pixel_skipped(void **state)
{
    (void)state;
    struct fx f;
    struct story s;
    fx_init(&f, HEAD, NULL,
            "<img src=\"https://stats.example.org/p.gif\" width=\"1\" height=\"1\">"
            "<img src=\"https://media.example.org/tracking/npr-rss-pixel.png?story=1\">"
            "<p>Text.</p>");
    fx_extract(&f, &s);
    assert_null(s.photo_url);
    assert_null(s.caption);
    assert_null(s.credit);
    story_release(&s);
    fx_release(&f);

    assert_true(extract_photo_is_junk("http://feeds.feedburner.com/~r/x/~4/abc", 0, 0));
    assert_true(extract_photo_is_junk("https://www.gravatar.com/avatar/1.jpg", 96, 96));
    assert_true(extract_photo_is_junk("https://x.example.org/cpx.php?a=1", 0, 0));
    assert_true(extract_photo_is_junk("https://x.example.org/icon.png", 16, 16));
    assert_true(extract_photo_is_junk("http://images.example.com/images/mm/facebook.gif", 0, 0));
    assert_true(extract_photo_is_junk("https://ads.example.com/img?s=1", 0, 0));
    assert_true(
        extract_photo_is_junk("https://stats.example.org/p.php?idsite=8&action_name=x", 0, 0));
    assert_false(extract_photo_is_junk("https://img.example.org/ferry.jpg", 1200, 800));
    /* an installed sample photo: the folders of a local path are no tracker's */
    assert_false(
        extract_photo_is_junk("file:///usr/share/newsreel/assets/sample/photos/ferry.jpg", 0, 0));
    assert_true(extract_photo_is_junk("https://www.example.org/share/facebook.png", 0, 0));
}

/* Trackers are told by their hosts, folders and file names, whole: news photos whose names
 * hold the words of their story are kept. */
static void test_tracker_filter_reads_no_words_in_photo_names(void **state)
{
    (void)state;
    static const char *const news[] = {
        "https://img.example.org/2026/06/facebook-headquarters-menlo-park.jpg",
        "https://img.example.org/whatsapp-outage-map.jpg",
        "https://img.example.org/reddit-ipo-trading-floor.jpg",
        "https://img.example.org/google-pixel-10-review.jpg",
        "https://img.example.org/emoji-keyboard-update.jpg",
        "https://img.example.org/email-scam-warning.jpg",
        "https://img.example.org/print-works-closure.jpg",
        "https://img.example.org/beacon-hill-fire.jpg",
        "https://img.example.org/fitness-tracker-test.jpg",
        "https://cdn.example.com/pixelated-art-show.png?w=1200",
        "https://img.example.org/ads-campaign-ban/poster.jpg",
        NULL,
    };
    for (size_t i = 0; news[i]; i++) {
        if (extract_photo_is_junk(news[i], 0, 0))
            fail_msg("'%s' taken for a tracker", news[i]);
    }
    static const char *const junk[] = {
        "https://www.facebook.com/tr?id=1&ev=PageView",
        "https://pixel.wp.com/g.gif?blog=1",
        "https://stats.g.doubleclick.net/r/collect?v=1",
        "https://www.google-analytics.com/collect?v=1&tid=UA-1",
        "https://sb.scorecardresearch.com/p?c1=2",
        "https://pixel.example.com/open/abc.gif",
        "https://www.example.org/static/spacer.gif",
        "https://www.example.org/img/1x1.png",
        "https://www.example.org/images/pixel.gif?u=42",
        "https://www.example.org/wp-includes/images/smilies/icon_smile.gif",
        "https://s.w.org/images/core/emoji/14.0.0/72x72/1f600.png",
        "https://www.example.org/img/twitter-16.png",
        "https://www.example.org/img/email_icon_32x32.png",
        "https://www.example.org/print-button.gif",
        NULL,
    };
    for (size_t i = 0; junk[i]; i++) {
        if (!extract_photo_is_junk(junk[i], 0, 0))
            fail_msg("'%s' taken for a photo", junk[i]);
    }
}

static void test_figure_with_credit_span_and_label(void **state)
{
    (void)state;
    struct fx f;
    struct story s;
    fx_init(&f, HEAD, NULL,
            "<figure><img src=\"photos/ferry.jpg\" alt=\"A ferry\"><figcaption>The ferry at "
            "dusk<span class=\"credit\">Image: Jane Doe/AP Photo</span></figcaption></figure>"
            "<p>The ferry is back.</p>");
    fx_extract(&f, &s);
    assert_string_equal(s.photo_url, "https://news.example.org/a/photos/ferry.jpg");
    assert_string_equal(s.caption, "The ferry at dusk");
    assert_string_equal(s.credit, "Jane Doe/AP Photo");
    story_release(&s);
    fx_release(&f);
}

static void test_figcaption_label_without_span(void **state)
{
    (void)state;
    struct fx f;
    struct story s;
    fx_init(&f, HEAD, NULL,
            "<figure><img src=\"https://img.example.org/a.jpg\"><figcaption>Crowds wave from the "
            "pier Photo: John Roe/Getty Images</figcaption></figure>");
    fx_extract(&f, &s);
    assert_string_equal(s.caption, "Crowds wave from the pier");
    assert_string_equal(s.credit, "John Roe/Getty Images");
    story_release(&s);
    fx_release(&f);
}

static void test_image_credit_paragraph(void **state)
{
    (void)state;
    struct fx f;
    struct story s;
    fx_init(&f, HEAD, NULL,
            "<img alt=\"Passengers wave from the deck of the ferry as it leaves\" "
            "src=\"https://img.example.org/a.jpg\"><p>The ferry is back.</p>"
            "<p>(Image credit: Kevin Lane)</p>");
    fx_extract(&f, &s);
    assert_null(s.caption); /* alt text describes the picture; it is no caption */
    assert_string_equal(s.credit, "Kevin Lane");
    story_release(&s);
    fx_release(&f);
}

static void test_data_attributes(void **state)
{
    (void)state;
    struct fx f;
    struct story s;
    fx_init(&f, HEAD, NULL,
            "<img src=\"https://img.example.org/a.jpg\" data-caption=\"The new ferry on its first "
            "run\" data-credit=\"&#169; Port Authority\">");
    fx_extract(&f, &s);
    assert_string_equal(s.caption, "The new ferry on its first run");
    assert_string_equal(s.credit, "Port Authority");
    story_release(&s);
    fx_release(&f);
}

static void test_srcset_widest_not_wasteful(void **state)
{
    (void)state;
    struct fx f;
    struct story s;
    fx_init(&f, HEAD, NULL,
            "<img src=\"https://img.example.org/small.jpg\" srcset=\"https://img.example.org/"
            "640.jpg 640w, https://img.example.org/1920.jpg 1920w, https://img.example.org/"
            "6000.jpg 6000w\">");
    fx_extract(&f, &s);
    assert_string_equal(s.photo_url, "https://img.example.org/1920.jpg");
    story_release(&s);
    fx_release(&f);
}

static void test_slug_and_filename_alt_not_captions(void **state)
{
    (void)state;
    struct fx f;
    struct story s;
    fx_init(&f, HEAD, NULL,
            "<img src=\"https://img.example.org/a.jpg\" alt=\"GERMANY-POLITICS-DEFENCE\">");
    fx_extract(&f, &s);
    assert_null(s.caption);
    story_release(&s);
    fx_release(&f);
    assert_true(extract_text_is_slug("screen_500 (1)"));
    assert_true(extract_text_is_slug("IMG_2041.jpg"));
    assert_false(extract_text_is_slug("A ferry leaves the harbour"));
}

static void test_thumbnail_and_enclosure_fallbacks(void **state)
{
    (void)state;
    struct fx f;
    struct story s;
    fx_init(&f, HEAD, NULL, NULL);
    fx_media(&f, MEDIA_ENCLOSURE, "https://cdn.example.org/episode.mp3", "audio/mpeg", 0, 0);
    fx_media(&f, MEDIA_THUMBNAIL, "https://cdn.example.org/thumb.jpg", NULL, 240, 135);
    fx_extract(&f, &s);
    assert_string_equal(s.photo_url, "https://cdn.example.org/thumb.jpg");
    story_release(&s);
    fx_release(&f);
}

static void test_credit_labels_cleaned(void **state)
{
    (void)state;
    char *c = extract_credit_clean("(Image credit: Kevin Lane)");
    assert_string_equal(c, "Kevin Lane");
    free(c);
    c = extract_credit_clean("\xc2\xa9 Bettmann/CORBIS");
    assert_string_equal(c, "Bettmann/CORBIS");
    free(c);
    c = extract_credit_clean("Pool photo by Alex Brandon");
    assert_string_equal(c, "Pool photo by Alex Brandon");
    free(c);
    c = extract_credit_clean("Image source, Getty Images");
    assert_string_equal(c, "Getty Images");
    free(c);
    assert_null(extract_credit_clean("Photo:"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_largest_media_content),
        cmocka_unit_test(test_default_crop_wins),
        cmocka_unit_test(test_caption_and_credit_from_media),
        cmocka_unit_test(test_caption_with_dash_credit_split),
        cmocka_unit_test(test_caption_repeating_headline_dropped),
        cmocka_unit_test(test_tracking_pixel_skipped),
        cmocka_unit_test(test_tracker_filter_reads_no_words_in_photo_names),
        cmocka_unit_test(test_figure_with_credit_span_and_label),
        cmocka_unit_test(test_figcaption_label_without_span),
        cmocka_unit_test(test_image_credit_paragraph),
        cmocka_unit_test(test_data_attributes),
        cmocka_unit_test(test_srcset_widest_not_wasteful),
        cmocka_unit_test(test_slug_and_filename_alt_not_captions),
        cmocka_unit_test(test_thumbnail_and_enclosure_fallbacks),
        cmocka_unit_test(test_credit_labels_cleaned),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
