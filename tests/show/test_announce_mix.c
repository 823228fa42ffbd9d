/* test_announce_mix.c: where announcements come between the stories of the rotation: one
 * after every N stories, or one a round at a fixed position, each in turn; alone when there
 * are no stories. Pure: no SDL. */
#include "playlist.h"

#include "alloc.h"
#include "testsupport.h"

#include <stdio.h>
#include <string.h>

#define NOW 1800000000LL

static void add(struct story_list *l, const char *id, int64_t age_s)
{
    struct story s = { 0 };
    s.id = xstrdup(id);
    s.headline = xstrdup(id);
    s.has_published = age_s >= 0;
    s.published_unix = NOW - age_s;
    story_list_push(l, &s);
}

/* One feed of n_news stories (n1 newest ... ) and n_ann announcements (a1 ...). */
static void make(struct playlist *pl, int n_news, int n_ann, int every, int position)
{
    char *inputs[] = { (char *)"http://example.org/feed" };
    char id[32];
    show_playlist_init(pl, inputs, 1, 60000, NULL);
    pl->announce_every = every;
    pl->announce_position = position;
    struct story_list news = { 0 }, ann = { 0 };
    for (int i = 0; i < n_news; i++) {
        snprintf(id, sizeof id, "n%d", i + 1);
        add(&news, id, 60 * (i + 1));
    }
    for (int i = 0; i < n_ann; i++) {
        snprintf(id, sizeof id, "a%d", i + 1);
        add(&ann, id, -1);
    }
    show_playlist_take_stories(pl, 0, &news, NULL, true, NOW, 0);
    show_playlist_take_announcements(pl, &ann);
    show_playlist_rebuild(pl, 100, 0, NOW);
}

/* The next `count` slides from the start, as ids joined by spaces. */
static void run(struct playlist *pl, int count, char *out, size_t cap)
{
    size_t pos = PLAYLIST_NONE, o = 0;
    out[0] = '\0';
    for (int i = 0; i < count; i++) {
        size_t prev = pos;
        pos = show_playlist_next(pl, prev);
        assert_true(pos < pl->n_order);
        /* asking again gives the same answer: the choice depends on the slide on screen */
        assert_int_equal(show_playlist_next(pl, prev), pos);
        o += (size_t)snprintf(out + o, cap - o, "%s%s", i ? " " : "",
                              show_playlist_story(pl, pos)->id);
    }
}

static void test_every_n_stories(void **state)
{
    (void)state;
    struct playlist pl;
    char seq[512];
    make(&pl, 5, 2, 2, 0);
    assert_int_equal(pl.n_news, 5);
    assert_int_equal(pl.n_order, 7);
    run(&pl, 14, seq, sizeof seq);
    assert_string_equal(seq, "n1 n2 a1 n3 n4 a2 n5 n1 n2 a1 n3 n4 a2 n5");
    show_playlist_release(&pl);

    /* fewer stories than the share: still one a round */
    make(&pl, 2, 3, 4, 0);
    run(&pl, 9, seq, sizeof seq);
    assert_string_equal(seq, "n1 n2 a1 n1 n2 a2 n1 n2 a3");
    show_playlist_release(&pl);
}

static void test_fixed_position(void **state)
{
    (void)state;
    struct playlist pl;
    char seq[512];
    make(&pl, 4, 2, 4, 3); /* before the third story of each round */
    run(&pl, 10, seq, sizeof seq);
    assert_string_equal(seq, "n1 n2 a1 n3 n4 n1 n2 a2 n3 n4");
    show_playlist_release(&pl);
    make(&pl, 3, 1, 4, 1); /* first of each round: after the last story */
    run(&pl, 8, seq, sizeof seq);
    assert_string_equal(seq, "n1 n2 n3 a1 n1 n2 n3 a1");
    show_playlist_release(&pl);
    make(&pl, 3, 1, 4, 50); /* past the round's end: at its end */
    run(&pl, 4, seq, sizeof seq);
    assert_string_equal(seq, "n1 n2 n3 a1");
    show_playlist_release(&pl);
}

static void test_announcements_alone_and_none(void **state)
{
    (void)state;
    struct playlist pl;
    char seq[512];
    make(&pl, 0, 3, 4, 0); /* offline first start: no stories yet */
    assert_int_equal(pl.n_order, 3);
    run(&pl, 5, seq, sizeof seq);
    assert_string_equal(seq, "a1 a2 a3 a1 a2");
    show_playlist_release(&pl);
    make(&pl, 3, 0, 1, 0); /* no announcements: the rotation as it always was */
    run(&pl, 4, seq, sizeof seq);
    assert_string_equal(seq, "n1 n2 n3 n1");
    assert_int_equal(show_playlist_next(&pl, PLAYLIST_NONE), 0);
    show_playlist_release(&pl);
}

static void test_found_by_id_and_replaced(void **state)
{
    (void)state;
    struct playlist pl;
    make(&pl, 3, 2, 2, 0);
    size_t pos = show_playlist_find(&pl, "a2");
    assert_int_equal(pos, 4);
    assert_int_equal(show_playlist_feed_of(&pl, pos), pl.n_feeds);
    /* the folder changed: one announcement left */
    struct story_list ann = { 0 };
    add(&ann, "a2", -1);
    show_playlist_take_announcements(&pl, &ann);
    show_playlist_rebuild(&pl, 100, 0, NOW);
    assert_int_equal(pl.n_order, 4);
    assert_int_equal(show_playlist_find(&pl, "a1"), pl.n_order);
    assert_int_equal(show_playlist_find(&pl, "a2"), 3);
    /* a stale cursor from a larger set stays in range */
    pl.announce_cursor = 7;
    assert_int_equal(show_playlist_next(&pl, 1), 3);
    show_playlist_release(&pl);
}

/* What the ticker and the digest list: the stories to come, never an announcement. */
static void test_next_stories_leave_announcements_out(void **state)
{
    (void)state;
    struct playlist pl;
    size_t at[16];
    make(&pl, 5, 2, 2, 0); /* n1..n5 at 0..4, a1 a2 at 5 and 6 */
    assert_int_equal(show_playlist_next_stories(&pl, 1, 16, at), 4);
    assert_int_equal(at[0], 2);
    assert_int_equal(at[1], 3);
    assert_int_equal(at[2], 4);
    assert_int_equal(at[3], 0);
    assert_int_equal(show_playlist_next_stories(&pl, PLAYLIST_NONE, 3, at), 3);
    assert_int_equal(at[0], 0);
    assert_int_equal(at[2], 2);
    /* an announcement on screen: the stories go on after the one it followed */
    assert_int_equal(show_playlist_next(&pl, 3), 5); /* a1 after n4: pl remembers n4 */
    assert_int_equal(show_playlist_next_stories(&pl, 5, 2, at), 2);
    assert_int_equal(at[0], 4);
    assert_int_equal(at[1], 0);
    show_playlist_release(&pl);
    /* only announcements: nothing to list */
    make(&pl, 0, 2, 2, 0);
    assert_int_equal(show_playlist_next_stories(&pl, 0, 16, at), 0);
    show_playlist_release(&pl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_n_stories),
        cmocka_unit_test(test_fixed_position),
        cmocka_unit_test(test_announcements_alone_and_none),
        cmocka_unit_test(test_found_by_id_and_replaced),
        cmocka_unit_test(test_next_stories_leave_announcements_out),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
