/* test_dedup.c: the same story in two feeds is recognised; different stories are not. */
#include "testsupport.h"

#include "story.h"

#include "banned.h"

static void test_same_link(void **state)
{
    (void)state;
    struct story a = { .headline = "One", .link = "https://www.example.org/news/a-1/" };
    struct story b = { .headline = "Two", .link = "http://example.org/news/a-1#top" };
    struct story c = { .headline = "Three", .link = "https://example.org/news/a-2" };
    assert_true(story_is_duplicate(&a, &b));
    assert_false(story_is_duplicate(&a, &c));
}

static void test_near_identical_headline(void **state)
{
    (void)state;
    struct story a = { .headline = "Putin says West has 'ignored' Russia's security concerns" };
    struct story b = { .headline = "Putin says West has ignored Russia’s security concerns" };
    struct story c = { .headline = "Putin says West has ignored Russia's security demands" };
    struct story d = { .headline = "Orban meets Putin in Moscow despite opposition at home" };
    assert_true(story_is_duplicate(&a, &b));
    assert_true(story_is_duplicate(&a, &c));
    assert_false(story_is_duplicate(&a, &d));
    struct story e = { 0 };
    assert_false(story_is_duplicate(&e, &e));
    assert_false(story_is_duplicate(NULL, &a));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_link),
        cmocka_unit_test(test_near_identical_headline),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
