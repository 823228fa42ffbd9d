/* test_rotation.c: order, limits, interleaving, breaking news and dwell of the rotation. */
#include "rotation.h"

#include "alloc.h"
#include "testsupport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOW 1800000000LL

static void add(struct story_list *l, const char *id, int64_t age_s, bool dated)
{
    struct story s = { 0 };
    s.id = xstrdup(id);
    s.headline = xstrdup(id);
    s.has_published = dated;
    s.published_unix = NOW - age_s;
    story_list_push(l, &s);
}

static const char *id_at(const struct story_list *feeds, const struct rot_entry *e)
{
    return feeds[e->feed].items[e->story].id;
}

static void test_newest_first_and_undated_last(void **state)
{
    struct story_list f[1] = { { 0 } };
    struct rot_entry out[10];
    struct rotation_params p = { .max_stories = 10 };
    (void)state;
    add(&f[0], "undated", 0, false);
    add(&f[0], "old", 7200, true);
    add(&f[0], "new", 60, true);
    add(&f[0], "mid", 600, true);
    assert_int_equal(show_rotation_build(f, 1, &p, NOW, out, 10), 4);
    assert_string_equal(id_at(f, &out[0]), "new");
    assert_string_equal(id_at(f, &out[1]), "mid");
    assert_string_equal(id_at(f, &out[2]), "old");
    assert_string_equal(id_at(f, &out[3]), "undated");
    story_list_release(&f[0]);
}

static void test_interleaves_feeds_with_limits(void **state)
{
    struct story_list f[2] = { { 0 }, { 0 } };
    struct rot_entry out[10];
    struct rotation_params p = { .max_stories = 5, .max_age_s = 3600 };
    char id[16];
    (void)state;
    for (int i = 0; i < 6; i++) { /* a busy feed */
        snprintf(id, sizeof id, "a%d", i);
        add(&f[0], id, 60 * i, true);
    }
    add(&f[1], "b0", 30, true); /* a quiet one */
    add(&f[1], "b-too-old", 7200, true);
    size_t n = show_rotation_build(f, 2, &p, NOW, out, 10);
    assert_int_equal(n, 5);
    assert_string_equal(id_at(f, &out[0]), "a0");
    assert_string_equal(id_at(f, &out[1]), "b0");
    assert_string_equal(id_at(f, &out[2]), "a1");
    assert_string_equal(id_at(f, &out[3]), "a2");
    assert_string_equal(id_at(f, &out[4]), "a3");
    for (size_t i = 0; i < n; i++)
        assert_string_not_equal(id_at(f, &out[i]), "b-too-old");
    /* out_cap bounds too */
    assert_int_equal(show_rotation_build(f, 2, &p, NOW, out, 2), 2);
    story_list_release(&f[0]);
    story_list_release(&f[1]);
}

static void test_same_story_in_two_feeds_shows_once(void **state)
{
    struct story_list f[2] = { { 0 }, { 0 } };
    struct rot_entry out[10];
    struct rotation_params p = { .max_stories = 10 };
    (void)state;
    add(&f[0], "shared", 60, true);
    add(&f[1], "shared", 60, true);
    add(&f[1], "own", 120, true);
    assert_int_equal(show_rotation_build(f, 2, &p, NOW, out, 10), 2);
    assert_int_equal(show_rotation_find(out, 2, f, "own"), 1);
    assert_int_equal(show_rotation_find(out, 2, f, "missing"), 2);
    story_list_release(&f[0]);
    story_list_release(&f[1]);
}

static void test_same_story_under_another_id_shows_once(void **state)
{
    struct story_list f[2] = { { 0 }, { 0 } };
    struct rot_entry out[10];
    struct rotation_params p = { .max_stories = 10 };
    (void)state;
    add(&f[0], "a-1", 60, true);
    add(&f[1], "b-7", 30, true);
    /* two wires, two ids, one story: the same link and headline */
    f[0].items[0].link = xstrdup("https://news.example/story");
    f[1].items[0].link = xstrdup("http://www.news.example/story/");
    free(f[1].items[0].headline);
    f[1].items[0].headline = xstrdup("a-1");
    add(&f[1], "b-8", 120, true);
    assert_int_equal(show_rotation_build(f, 2, &p, NOW, out, 10), 2);
    assert_string_equal(id_at(f, &out[0]), "a-1");
    assert_string_equal(id_at(f, &out[1]), "b-8");
    story_list_release(&f[0]);
    story_list_release(&f[1]);
}

static void test_empty_feeds(void **state)
{
    struct story_list f[2] = { { 0 }, { 0 } };
    struct rot_entry out[4];
    struct rotation_params p = { .max_stories = 4 };
    (void)state;
    assert_int_equal(show_rotation_build(f, 2, &p, NOW, out, 4), 0);
    assert_int_equal(show_rotation_build(NULL, 0, &p, NOW, out, 4), 0);
}

static void test_breaking(void **state)
{
    struct story s = { .has_published = true };
    (void)state;
    s.published_unix = NOW - 300;
    assert_true(show_rotation_is_breaking(&s, NOW, 600));
    assert_false(show_rotation_is_breaking(&s, NOW, 120));
    assert_false(show_rotation_is_breaking(&s, NOW, 0));
    s.published_unix = NOW + 3600; /* a feed whose clock is an hour fast */
    assert_false(show_rotation_is_breaking(&s, NOW, 600));
    s.has_published = false;
    assert_false(show_rotation_is_breaking(&s, NOW, 600));
}

static void test_dwell_follows_reading_length(void **state)
{
    struct story s = { 0 };
    char words[4000] = "";
    (void)state;
    s.headline = "Short";
    assert_int_equal(show_rotation_dwell_ms(&s, 8, 20, 200), 8000); /* the minimum */
    size_t o = 0;
    for (int i = 0; i < 30; i++)
        o += (size_t)snprintf(words + o, sizeof words - o, "word%d ", i);
    s.dek = words; /* 31 words at 200 wpm: 9.3 s + 2 s for the photo */
    assert_int_equal(show_rotation_dwell_ms(&s, 8, 20, 200), 31 * 60000 / 200 + 2000);
    for (int i = 30; i < 300; i++)
        o += (size_t)snprintf(words + o, sizeof words - o, "w%d ", i);
    assert_int_equal(show_rotation_dwell_ms(&s, 8, 20, 200), 20000); /* the maximum */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_newest_first_and_undated_last),
        cmocka_unit_test(test_interleaves_feeds_with_limits),
        cmocka_unit_test(test_same_story_in_two_feeds_shows_once),
        cmocka_unit_test(test_same_story_under_another_id_shows_once),
        cmocka_unit_test(test_empty_feeds),
        cmocka_unit_test(test_breaking),
        cmocka_unit_test(test_dwell_follows_reading_length),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
