/* test_seed.c: the seed article in every feed form gives the slide EXPECTED.md describes. */
#include "testsupport.h"

#include "alloc.h"
#include "buf.h"
#include "feed.h"
#include "story.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEADLINE "Putin says West has 'ignored' Russia's security concerns"
#define CAPTION                                                                                    \
    "Putin said he hoped for more dialogue on Ukraine in order to avoid \"negative scenarios\""
#define CREDIT "Yuri Kochetkov/AP Photo/picture alliance"
#define PHOTO "/photos/putin-orban-press-conference.jpg"
#define PUBLISHED 1643737320 /* 2022-02-01T17:42:00Z */

static const char *const good_quotes[] = {
    "It seems to me that the United States is not so much concerned about the security of "
    "Ukraine but its main task is to contain Russia's development.",
    "But it is already clear that fundamental Russian concerns ended up being ignored.",
    "I hope that in the end we will find a solution, although it will not be simple.",
    NULL,
};

static const char *const never[] = {
    "Skip to",
    "jsi, kb/nm",
    "(AFP, dpa, Reuters, AP)",
    NULL,
};

static void no_chrome(const char *field)
{
    for (size_t i = 0; field && never[i]; i++)
        if (strstr(field, never[i])) {
            print_error("site chrome '%s' in '%s'\n", never[i], field);
            fail();
        }
}

static void check_form(const char *file)
{
    char *dir = ts_path(ts_shared_dir(), "feeds/seed");
    char *path = ts_path(dir, file);
    struct nr_buf body;
    nr_buf_init(&body, TS_MAX_FILE_BYTES);
    assert_int_equal(ts_read_file(path, &body), 0);
    char base[4200];
    snprintf(base, sizeof base, "file://%s", path);
    struct parse_options po = { .base_url = base };
    struct feed feed;
    struct nr_err err = { 0 };
    assert_int_equal(feed_parse(body.data, body.len, &po, &feed, &err), NR_OK);
    assert_true(feed.n_items >= 1);

    struct story s;
    struct extract_options eo = { .screen_w = 1920, .screen_h = 1080 };
    assert_int_equal(story_extract(&feed, &feed.items[0], &eo, &s, &err), NR_OK);
    printf("%s: quote [%s] by [%s]\n", file, s.quote ? s.quote : "-", s.speaker ? s.speaker : "-");

    assert_string_equal(s.headline, HEADLINE);
    assert_non_null(s.photo_url);
    size_t pl = strlen(s.photo_url), el = strlen(PHOTO);
    assert_true(pl > el);
    assert_string_equal(s.photo_url + pl - el, PHOTO);
    assert_non_null(s.caption);
    assert_string_equal(s.caption, CAPTION);
    assert_non_null(s.credit);
    assert_string_equal(s.credit, CREDIT);

    assert_non_null(s.quote);
    assert_non_null(s.speaker);
    assert_string_equal(s.speaker, "Vladimir Putin");
    bool good = false;
    for (size_t i = 0; good_quotes[i]; i++)
        good |= strcmp(s.quote, good_quotes[i]) == 0;
    assert_true(good);

    assert_non_null(s.source);
    assert_true(strlen(s.source) > 0);
    assert_true(s.has_published);
    assert_int_equal(s.published_unix, PUBLISHED);
    assert_non_null(s.link);
    assert_non_null(s.dek);
    assert_false(strstr(s.dek, HEADLINE));

    no_chrome(s.headline);
    no_chrome(s.dek);
    no_chrome(s.quote);
    no_chrome(s.caption);
    no_chrome(s.credit);

    story_release(&s);
    feed_release(&feed);
    nr_buf_release(&body);
    free(path);
    free(dir);
}

static void test_rss2_media(void **state)
{
    (void)state;
    if (!ts_have_shared())
        skip();
    check_form("rss2-media.xml");
}

static void test_rss1_rdf(void **state)
{
    (void)state;
    if (!ts_have_shared())
        skip();
    check_form("rss1-rdf.xml");
}

static void test_atom(void **state)
{
    (void)state;
    if (!ts_have_shared())
        skip();
    check_form("atom.xml");
}

static void test_jsonfeed(void **state)
{
    (void)state;
    if (!ts_have_shared())
        skip();
    check_form("jsonfeed.json");
}

static void test_article_html(void **state)
{
    (void)state;
    if (!ts_have_shared())
        skip();
    check_form("article.html");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rss2_media),   cmocka_unit_test(test_rss1_rdf),
        cmocka_unit_test(test_atom),         cmocka_unit_test(test_jsonfeed),
        cmocka_unit_test(test_article_html),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
