/* test_playlist.c: the slideshow's feeds, rotation, breaking queue, staleness and reload,
 * without SDL. */
#include "playlist.h"

#include "alloc.h"
#include "testsupport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOW 1800000000LL

static void add(struct story_list *l, const char *id, int64_t age_s)
{
    struct story s = { 0 };
    s.id = xstrdup(id);
    s.headline = xstrdup(id);
    s.has_published = true;
    s.published_unix = NOW - age_s;
    story_list_push(l, &s);
}

static bool is_file(const char *input)
{
    return input[0] == '/';
}

/* feed a: a1 a2 (a1 newest); feed b: b1 */
static void two_feeds(struct playlist *pl, char *first, char *second)
{
    char *inputs[] = { first, second };
    show_playlist_init(pl, inputs, 2, 60000, is_file);
    for (size_t i = 0; i < 2; i++) {
        struct story_list l = { 0 };
        const char *in = pl->feeds[i].input;
        char id[64];
        snprintf(id, sizeof id, "%s-1", in);
        add(&l, id, 60);
        if (i == 0) {
            snprintf(id, sizeof id, "%s-2", in);
            add(&l, id, 120);
        }
        show_playlist_take_stories(pl, i, &l, xstrdup(in), true, NOW, 0);
        pl->feeds[i].success_ms = 1000;
    }
    show_playlist_rebuild(pl, 100, 0, NOW);
}

static void test_rotation_and_next(void **state)
{
    (void)state;
    struct playlist pl;
    two_feeds(&pl, "/a.xml", "http://b/feed");
    assert_true(pl.feeds[0].local);
    assert_false(pl.feeds[1].local);
    assert_int_equal(pl.n_order, 3); /* a-1, b-1, a-2: interleaved */
    assert_string_equal(show_playlist_story(&pl, 1)->id, "http://b/feed-1");
    assert_int_equal(show_playlist_feed_of(&pl, 1), 1);
    assert_int_equal(show_playlist_next(&pl, PLAYLIST_NONE), 0);
    assert_int_equal(show_playlist_next(&pl, 2), 0);
    assert_int_equal(show_playlist_next(&pl, 0), 1);
    assert_int_equal(show_playlist_find(&pl, "/a.xml-2"), 2);
    assert_int_equal(show_playlist_find(&pl, "nope"), 3);
    show_playlist_release(&pl);
}

static void test_breaking_goes_next_once(void **state)
{
    (void)state;
    struct playlist pl;
    two_feeds(&pl, "/a.xml", "http://b/feed");
    struct story_list l = { 0 };
    add(&l, "/a.xml-0", 30); /* new and fresh */
    add(&l, "/a.xml-1", 60);
    add(&l, "/a.xml-2", 120);
    show_playlist_take_stories(&pl, 0, &l, NULL, false, NOW, 600);
    assert_int_equal(pl.n_breaking, 1);
    assert_string_equal(pl.feeds[0].title, "/a.xml"); /* NULL keeps the title */
    show_playlist_rebuild(&pl, 100, 0, NOW);
    size_t pos = show_playlist_find(&pl, "/a.xml-0");
    assert_int_equal(show_playlist_next(&pl, 3), pos);
    assert_int_equal(pl.n_breaking, 0);
    /* from the cache, nothing is news */
    struct story_list c = { 0 };
    add(&c, "/a.xml-9", 10);
    show_playlist_take_stories(&pl, 0, &c, NULL, true, NOW, 600);
    assert_int_equal(pl.n_breaking, 0);
    show_playlist_release(&pl);
}

static void test_stale_after_two_intervals(void **state)
{
    (void)state;
    struct playlist pl;
    two_feeds(&pl, "/a.xml", "http://b/feed");
    assert_false(show_playlist_feed_stale(&pl, 0, 1000 + 120000));
    assert_true(show_playlist_feed_stale(&pl, 0, 1000 + 120001));
    assert_false(show_playlist_feed_stale(&pl, 7, 1000 + 120001)); /* out of range */
    pl.feeds[1].success_ms = 0;
    assert_false(show_playlist_feed_stale(&pl, 1, 1000 + 999999)); /* never succeeded */
    show_playlist_release(&pl);
}

/* A reload that swaps the feeds keeps their stories and says where each went. */
static void test_reload_reorders_and_maps(void **state)
{
    (void)state;
    struct playlist old, pl;
    two_feeds(&old, "/a.xml", "http://b/feed");
    char *inputs[] = { "http://b/feed", "http://c/new", "/a.xml" };
    show_playlist_init(&pl, inputs, 3, 60000, is_file);
    size_t map[2];
    show_playlist_adopt(&pl, &old, map);
    assert_int_equal(map[0], 2);
    assert_int_equal(map[1], 0);
    assert_int_equal(pl.feeds[2].stories.n, 2);
    assert_int_equal(pl.feeds[0].stories.n, 1);
    assert_int_equal(pl.feeds[1].stories.n, 0);
    assert_true(pl.feeds[2].local);
    assert_int_equal(pl.feeds[2].success_ms, 1000);
    show_playlist_release(&old);
    show_playlist_rebuild(&pl, 100, 0, NOW);
    assert_int_equal(pl.n_order, 3);
    show_playlist_release(&pl);
}

static void test_old_news_beats_an_empty_screen(void **state)
{
    (void)state;
    struct playlist pl;
    two_feeds(&pl, "/a.xml", "http://b/feed");
    show_playlist_rebuild(&pl, 100, 10, NOW); /* every story is older than 10 s */
    assert_int_equal(pl.n_order, 3);
    show_playlist_rebuild(&pl, 100, 90, NOW); /* two are younger */
    assert_int_equal(pl.n_order, 2);
    show_playlist_release(&pl);
}

/* The order the worker reads a feed's articles in: the rotation's for that feed. */
static void test_feed_order_is_the_rotations(void **state)
{
    (void)state;
    struct story_list l = { 0 };
    struct story undated = { 0 };
    size_t out[8];
    add(&l, "old", 3000);
    undated.id = xstrdup("undated");
    undated.headline = xstrdup("undated");
    story_list_push(&l, &undated);
    add(&l, "newest", 60);
    add(&l, "newest", 60); /* a repeat: shown once, read once */
    add(&l, "middle", 600);
    size_t n = show_playlist_feed_order(&l, 100, 0, NOW, out, l.n);
    assert_int_equal(n, 4);
    assert_string_equal(l.items[out[0]].id, "newest");
    assert_string_equal(l.items[out[1]].id, "middle");
    assert_string_equal(l.items[out[2]].id, "old");
    assert_string_equal(l.items[out[3]].id, "undated"); /* after the dated ones */
    /* the rotation's limits: not shown, not read */
    n = show_playlist_feed_order(&l, 2, 0, NOW, out, l.n);
    assert_int_equal(n, 2);
    n = show_playlist_feed_order(&l, 100, 1200, NOW, out, l.n);
    assert_int_equal(n, 3);
    assert_string_equal(l.items[out[2]].id, "undated");
    /* all too old: old news beats none, as in the rotation */
    story_list_release(&l);
    add(&l, "old", 3000);
    n = show_playlist_feed_order(&l, 100, 10, NOW, out, l.n);
    assert_int_equal(n, 1);
    story_list_release(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rotation_and_next),
        cmocka_unit_test(test_breaking_goes_next_once),
        cmocka_unit_test(test_stale_after_two_intervals),
        cmocka_unit_test(test_reload_reorders_and_maps),
        cmocka_unit_test(test_old_news_beats_an_empty_screen),
        cmocka_unit_test(test_feed_order_is_the_rotations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
