/* test_story.c: headline, dek, source, time, id, copy/release, and items with nothing to show. */
#include "extract_fixture.h"

#include <stdio.h>

static void test_headline_markup_and_space(void **state)
{
    (void)state;
    struct fx f;
    struct story s;
    fx_init(&f, "  <b>Storm</b>   closes &amp; floods\n the coast road ", "<p>Text.</p>", NULL);
    fx_extract(&f, &s);
    assert_string_equal(s.headline, "Storm closes & floods the coast road");
    story_release(&s);
    fx_release(&f);

    fx_init(&f, "Tom & Jerry: 5 < 6 in the ratings", NULL, NULL);
    fx_extract(&f, &s);
    assert_string_equal(s.headline, "Tom & Jerry: 5 < 6 in the ratings");
    story_release(&s);
    fx_release(&f);
}

static void test_empty_title_uses_dek(void **state)
{
    (void)state;
    /* blank or invisible only: NBSP, zero-width space and joiners, bidi marks and
     * isolates, BOM, word joiner, ideographic space, soft hyphen */
    const char *titles[] = { NULL,
                             "",
                             "   ",
                             "<img src=\"x.gif\"><br/>",
                             "\xC2\xA0\xE2\x80\x8B",
                             "\xE2\x80\x8E\xE2\x80\x8F\xE2\x80\xAA\xE2\x80\xAC",
                             "\xE2\x81\xA6\xE2\x81\xA9\xEF\xBB\xBF\xE2\x81\xA0",
                             "\xE3\x80\x80\xC2\xAD\xE2\x80\x8C\xE2\x80\x8D",
                             "<b>\xE2\x80\x8B</b>&nbsp;" };
    for (size_t i = 0; i < sizeof titles / sizeof *titles; i++) {
        struct fx f;
        struct story s;
        fx_init(&f, titles[i],
                "<p>The council approved the new tram line on Monday. Work starts in May.</p>",
                NULL);
        fx_extract(&f, &s);
        assert_string_equal(s.headline, "The council approved the new tram line on Monday.");
        assert_string_equal(s.dek, "Work starts in May.");
        story_release(&s);
        fx_release(&f);
    }
}

static void test_nothing_to_show_is_parse_error(void **state)
{
    (void)state;
    struct fx f;
    struct story s;
    struct nr_err err = { 0 };
    fx_init(&f, "<p></p>", "<div> </div>", NULL);
    assert_int_equal(story_extract(&f.feed, &f.item, NULL, &s, &err), NR_ERR_PARSE);
    assert_true(strlen(err.msg) > 0);
    assert_null(s.headline);
    story_release(&s);
    fx_release(&f);
}

static void test_dek_two_sentences_not_repeating_headline(void **state)
{
    (void)state;
    struct fx f;
    struct story s;
    fx_init(&f, "Council approves tram line",
            "<p>Council approves tram line. The vote was 31 to 4 after a long debate. Work on the "
            "U.S. firm's track starts in May. A third sentence is not needed.</p>",
            NULL);
    fx_extract(&f, &s);
    assert_string_equal(s.dek,
                        "The vote was 31 to 4 after a long debate. Work on the U.S. firm's track "
                        "starts in May.");
    story_release(&s);
    fx_release(&f);
}

static void test_dek_long_sentence_cut_at_word(void **state)
{
    (void)state;
    char summary[2000] = "<p>";
    for (int i = 0; i < 90; i++)
        snprintf(summary + strlen(summary), sizeof summary - strlen(summary), "word%d ", i);
    struct fx f;
    struct story s;
    fx_init(&f, "Long", summary, NULL);
    fx_extract(&f, &s);
    size_t len = strlen(s.dek);
    assert_true(len <= 330);
    assert_string_equal(s.dek + len - 3, "\xe2\x80\xa6");
    assert_true(s.dek[len - 4] != ' ');
    story_release(&s);
    fx_release(&f);
}

/* Defect: a first paragraph over 4 KiB did not fit the dek's buffer, the failed append was
 * ignored, and a one-paragraph summary gave no dek at all. */
static void test_dek_from_a_first_paragraph_over_4k(void **state)
{
    (void)state;
    struct nr_buf summary;
    nr_buf_init(&summary, TS_MAX_FILE_BYTES);
    assert_int_equal(nr_buf_puts(&summary, "<p>The harbour reopened on Monday. Ferries ran "
                                           "again by noon."),
                     NR_OK);
    while (summary.len < 6000)
        assert_int_equal(nr_buf_puts(&summary, " Then the long account went on and on."), NR_OK);
    assert_int_equal(nr_buf_puts(&summary, "</p>"), NR_OK);
    struct fx f;
    struct story s;
    fx_init(&f, "Harbour", summary.data, NULL);
    fx_extract(&f, &s);
    assert_non_null(s.dek);
    assert_string_equal(s.dek, "The harbour reopened on Monday. Ferries ran again by noon.");
    story_release(&s);
    fx_release(&f);
    nr_buf_release(&summary);
}

static void test_dek_from_body_without_summary(void **state)
{
    (void)state;
    struct fx f;
    struct story s;
    fx_init(&f, "Tram", NULL,
            "<figure><img src=\"a.jpg\"><figcaption>Not the dek</figcaption></figure>"
            "<p>The first tram ran on Monday.</p>");
    fx_extract(&f, &s);
    assert_string_equal(s.dek, "The first tram ran on Monday.");
    story_release(&s);
    fx_release(&f);
}

static void test_source_time_id_and_copy(void **state)
{
    (void)state;
    struct fx f;
    struct story s, c;
    fx_init(&f, "Tram", NULL, NULL);
    f.item.guid = xstrdup("tag:1");
    f.item.has_updated = true;
    f.item.updated_unix = 1700000000;
    fx_extract(&f, &s);
    assert_string_equal(s.source, "Test Wire");
    assert_string_equal(s.id, "tag:1");
    assert_string_equal(s.link, "https://news.example.org/a/1");
    assert_true(s.has_published);
    assert_int_equal(s.published_unix, 1700000000);
    assert_null(s.quote);
    assert_null(s.photo_url);
    story_copy(&c, &s);
    story_release(&s);
    assert_string_equal(c.headline, "Tram");
    assert_string_equal(c.id, "tag:1");
    assert_true(c.has_guid);
    story_release(&c);
    story_release(&c);
    story_release(NULL);
    fx_release(&f);

    /* no feed title: the site's host names the source */
    fx_init(&f, "Tram", NULL, NULL);
    free(f.feed.title);
    f.feed.title = NULL;
    f.item.has_published = true;
    f.item.published_unix = 1600000000;
    fx_extract(&f, &s);
    assert_string_equal(s.source, "news.example.org");
    assert_int_equal(s.published_unix, 1600000000);
    story_release(&s);
    fx_release(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_headline_markup_and_space),
        cmocka_unit_test(test_empty_title_uses_dek),
        cmocka_unit_test(test_nothing_to_show_is_parse_error),
        cmocka_unit_test(test_dek_two_sentences_not_repeating_headline),
        cmocka_unit_test(test_dek_long_sentence_cut_at_word),
        cmocka_unit_test(test_dek_from_body_without_summary),
        cmocka_unit_test(test_dek_from_a_first_paragraph_over_4k),
        cmocka_unit_test(test_source_time_id_and_copy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
