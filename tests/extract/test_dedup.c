/* test_dedup.c: the same story (guid, or link and headline) is recognised, in one feed or
 * two; different stories that share a link are not. */
#include "testsupport.h"

#include "alloc.h"
#include "feed.h"
#include "story.h"

#include <stdlib.h>
#include <string.h>

static void test_same_link_and_headline(void **state)
{
    (void)state;
    struct story a = { .headline = "Ferry fares rise by a tenth from March",
                       .link = "https://www.example.org/news/a-1/" };
    struct story b = { .headline = "Ferry fares rise by a tenth from March",
                       .link = "http://example.org/news/a-1#top" };
    struct story c = { .headline = "Ferry fares rise by a tenth from March",
                       .link = "https://example.org/news/a-2" };
    struct story d = { .headline = "Bridge closed for repairs",
                       .link = "https://example.org/news/a-1" };
    assert_true(story_is_duplicate(&a, &b));
    assert_false(story_is_duplicate(&a, &c)); /* another article at another link */
    assert_false(story_is_duplicate(&a, &d)); /* the link alone is not the story */
}

static void test_near_identical_headline(void **state)
{
    (void)state;
    char link[] = "https://example.org/world/putin-west";
    struct story a = { .headline = "Putin says West has 'ignored' Russia's security concerns",
                       .link = link };
    struct story b = { .headline = "Putin says West has ignored Russia’s security concerns",
                       .link = link };
    struct story c = { .headline = "Putin says West has ignored Russia's security demands",
                       .link = link };
    struct story d = { .headline = "Orban meets Putin in Moscow despite opposition at home",
                       .link = link };
    assert_true(story_is_duplicate(&a, &b));
    assert_true(story_is_duplicate(&a, &c));
    assert_false(story_is_duplicate(&a, &d));
    struct story e = { 0 };
    assert_false(story_is_duplicate(&e, &e));
    assert_false(story_is_duplicate(NULL, &a));
}

static void test_home_page_link_is_not_the_story(void **state)
{
    (void)state;
    struct story a = { .headline = "Library to open on Sundays", .link = "https://example.org/" };
    struct story b = { .headline = "Council approves new cycle lanes",
                       .link = "https://example.org/" };
    struct story c = { .headline = "Fish market reopens",
                       .link = "https://example.org/news#item-3" };
    struct story d = { .headline = "Night trains return",
                       .link = "https://example.org/news#item-4" };
    assert_false(story_is_duplicate(&a, &b));
    assert_false(story_is_duplicate(&c, &d));
}

static void test_same_guid(void **state)
{
    (void)state;
    struct story a = {
        .id = "tag:example.org,2026:1", .has_guid = true, .headline = "One", .source = "Gazette"
    };
    struct story b = {
        .id = "tag:example.org,2026:1", .has_guid = true, .headline = "Two", .source = "Weekly"
    };
    assert_true(story_is_duplicate(&a, &b));
    /* "1234" only names a story within its own feed */
    struct story c = { .id = "1234", .has_guid = true, .headline = "Three", .source = "Gazette" };
    struct story d = { .id = "1234", .has_guid = true, .headline = "Four", .source = "Weekly" };
    struct story e = { .id = "1234", .has_guid = true, .headline = "Five", .source = "Gazette" };
    assert_false(story_is_duplicate(&c, &d));
    assert_true(story_is_duplicate(&c, &e));
    /* an id made from link and headline is not a guid */
    struct story f = { .id = "https://example.org/ One", .headline = "One" };
    struct story g = { .id = "https://example.org/ One", .headline = "Uno" };
    assert_false(story_is_duplicate(&f, &g));
}

/* Extracts every item of a fixture feed into stories[]; returns how many. */
static size_t load_fixture(const char *name, struct story *stories, size_t cap)
{
    char *rel = ts_path("tests/extract/fixtures", name);
    char *path = ts_path(ts_source_dir(), rel);
    struct nr_buf b;
    nr_buf_init(&b, TS_MAX_FILE_BYTES);
    assert_int_equal(ts_read_file(path, &b), 0);
    struct parse_options po = { .base_url = "https://www.harbourton.example/rss" };
    struct feed feed;
    struct nr_err err = { 0 };
    assert_int_equal(feed_parse(b.data, b.len, &po, &feed, &err), NR_OK);
    size_t n = 0;
    struct extract_options eo = { .screen_w = 1920, .screen_h = 1080 };
    for (size_t i = 0; i < feed.n_items && n < cap; i++)
        if (story_extract(&feed, &feed.items[i], &eo, &stories[n], &err) == NR_OK)
            n++;
    feed_release(&feed);
    nr_buf_release(&b);
    free(path);
    free(rel);
    return n;
}

static void test_feed_with_one_link_for_every_item(void **state)
{
    (void)state;
    struct story s[16];
    size_t n = load_fixture("shared_link.xml", s, 16);
    assert_int_equal(n, 11);
    /* ten stories at the home page or /news#item-N are ten; the eleventh repeats a guid */
    size_t distinct = 0;
    for (size_t i = 0; i < n; i++) {
        bool dup = false;
        for (size_t j = 0; j < i && !dup; j++)
            dup = story_is_duplicate(&s[j], &s[i]);
        distinct += !dup;
        /* ids stay distinct too: the slideshow keys its slides by them */
        for (size_t j = 0; j < i && i < 10; j++)
            assert_string_not_equal(s[j].id, s[i].id);
    }
    assert_int_equal(distinct, 10);
    for (size_t i = 0; i < n; i++)
        story_release(&s[i]);
}

/* --dump of two feeds: the repeats are left out and the log names the feeds involved. */
static void test_dump_names_the_feeds_with_repeats(void **state)
{
    (void)state;
    char *a = ts_path(ts_source_dir(), "tests/extract/fixtures/shared_link.xml");
    char *b = ts_path(ts_source_dir(), "tests/extract/fixtures/shared_link_other.xml");
    char *exe = xstrdup(ts_newsreel()), dump[] = "--dump";
    char *argv[] = { exe, dump, a, b, NULL };
    struct nr_buf out, err;
    int st = ts_run(argv, NULL, 30000, &out, &err);
    if (st != 0)
        print_message("%s", err.data ? err.data : "");
    assert_int_equal(st, 0);
    size_t stories = 0;
    for (const char *p = out.data; (p = strstr(p, "\"id\":")); p++)
        stories++;
    assert_int_equal(stories, 11);
    assert_non_null(
        strstr(err.data, "shared_link.xml': 1 story left out, repeated within the feed"));
    assert_non_null(strstr(err.data, "shared_link_other.xml': 1 story left out, the same as in '"));
    assert_null(strstr(err.data, "more than one feed"));
    nr_buf_release(&out);
    nr_buf_release(&err);
    free(a);
    free(b);
    free(exe);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_link_and_headline),
        cmocka_unit_test(test_near_identical_headline),
        cmocka_unit_test(test_home_page_link_is_not_the_story),
        cmocka_unit_test(test_same_guid),
        cmocka_unit_test(test_feed_with_one_link_for_every_item),
        cmocka_unit_test(test_dump_names_the_feeds_with_repeats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
