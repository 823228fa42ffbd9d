/* test_feedrules.c: a [feed NAME] section's rules: words (whole, case and accents aside),
 * days and hours (over midnight and across days), weight in the interleaving, the feed's own
 * limits, and the playlist that applies them. */
#include "feedrules.h"
#include "playlist.h"
#include "rotation.h"

#include "alloc.h"
#include "testsupport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NOW 1800000000LL /* 2027-01-15 08:00:00 UTC, a Friday */

enum { SUN, MON, TUE, WED, THU, FRI, SAT };

static void add(struct story_list *l, const char *id, const char *headline, const char *dek,
                int64_t age_s)
{
    struct story s = { 0 };
    s.id = xstrdup(id);
    s.headline = xstrdup(headline ? headline : id);
    s.dek = dek ? xstrdup(dek) : NULL;
    s.has_published = true;
    s.published_unix = NOW - age_s;
    story_list_push(l, &s);
}

static bool names(const char *text, const char *phrase)
{
    char *f = show_rules_fold(text);
    bool yes = show_rules_names(f, phrase);
    free(f);
    return yes;
}

static void test_fold_drops_case_accents_and_punctuation(void **state)
{
    (void)state;
    char *f = show_rules_fold("Café « Élysée » — L'ÉTÉ, Straße 5!");
    assert_string_equal(f, " cafe elysee l ete strasse 5 ");
    free(f);
    f = show_rules_fold(NULL);
    assert_string_equal(f, " ");
    free(f);
    f = show_rules_fold("\xff\xfe broken \xc3");
    assert_string_equal(f, " broken ");
    free(f);
}

static void test_words_match_whole_case_and_accent_insensitive(void **state)
{
    (void)state;
    assert_true(names("Trump's tariffs hit Europe", "trump"));
    assert_true(names("TRUMP speaks", "Trump"));
    assert_false(names("Trumpet player wins prize", "trump")); /* whole words only */
    assert_false(names("The strumpet", "trump"));
    assert_true(names("Élections à Zürich", "elections"));
    assert_true(names("Elections a Zurich", "Élections à Zürich"));
    assert_true(names("Fußball: das Finale", "fussball"));
    assert_true(names("Αθήνα και Θεσσαλονίκη", "ΑΘΗΝΑ")); /* Greek, tonos and case */
    assert_true(names("Новости Москвы", "москвы"));
    assert_true(names("The stock market fell", "Stock Market")); /* a phrase, word by word */
    assert_false(names("stock prices and market news", "stock market"));
    assert_false(names("anything", "  --  ")); /* no word at all names nothing */
}

static void test_judge_reads_headline_summary_and_categories(void **state)
{
    (void)state;
    char *ex[] = { "football" }, *in[] = { "climate", "energy" };
    struct config_feed_rules r = { .exclude = ex, .n_exclude = 1 };
    struct story s = { .headline = "A quiet day", .dek = "Nothing about sport" };
    assert_int_equal(show_rules_judge(&r, &s), SHOW_RULES_KEEP);
    s.dek = "The FOOTBALL final was called off";
    assert_int_equal(show_rules_judge(&r, &s), SHOW_RULES_EXCLUDED);
    s.dek = NULL;
    s.categories = "Politics\nFootball";
    assert_int_equal(show_rules_judge(&r, &s), SHOW_RULES_EXCLUDED);
    struct config_feed_rules only = { .include = in, .n_include = 2 };
    s.categories = NULL;
    assert_int_equal(show_rules_judge(&only, &s), SHOW_RULES_NOT_INCLUDED);
    s.headline = "Énergie? No: Energy prices fall";
    assert_int_equal(show_rules_judge(&only, &s), SHOW_RULES_KEEP);
    /* exclude wins over include */
    struct config_feed_rules both = {
        .include = in, .n_include = 2, .exclude = ex, .n_exclude = 1
    };
    s.categories = "football";
    assert_int_equal(show_rules_judge(&both, &s), SHOW_RULES_EXCLUDED);
    assert_int_equal(show_rules_judge(NULL, &s), SHOW_RULES_KEEP);
}

static void test_hours_and_days(void **state)
{
    (void)state;
    /* mornings on weekdays */
    struct config_feed_rules m = {
        .days = 0x3e, .hours_set = true, .from_minute = 7 * 60, .to_minute = 10 * 60
    };
    assert_true(show_rules_on_air(&m, MON, 7 * 60));
    assert_true(show_rules_on_air(&m, FRI, 9 * 60 + 59));
    assert_false(show_rules_on_air(&m, FRI, 10 * 60)); /* the end is exclusive */
    assert_false(show_rules_on_air(&m, MON, 6 * 60 + 59));
    assert_false(show_rules_on_air(&m, SAT, 8 * 60));
    assert_false(show_rules_on_air(&m, SUN, 8 * 60));
    /* late evening over midnight, Monday to Friday: the night belongs to its evening */
    struct config_feed_rules n = {
        .days = 0x3e, .hours_set = true, .from_minute = 22 * 60, .to_minute = 2 * 60
    };
    assert_true(show_rules_on_air(&n, FRI, 23 * 60));
    assert_true(show_rules_on_air(&n, SAT, 1 * 60 + 59)); /* Friday night */
    assert_false(show_rules_on_air(&n, SAT, 2 * 60));
    assert_false(show_rules_on_air(&n, SAT, 22 * 60));
    assert_false(show_rules_on_air(&n, MON, 1 * 60)); /* Sunday night */
    assert_true(show_rules_on_air(&n, TUE, 0));
    assert_false(show_rules_on_air(&n, TUE, 12 * 60));
    /* days alone; hours alone; nothing */
    struct config_feed_rules we = { .days = (1u << SAT) | (1u << SUN) };
    assert_true(show_rules_on_air(&we, SUN, 0));
    assert_true(show_rules_on_air(&we, SAT, 1439));
    assert_false(show_rules_on_air(&we, MON, 0));
    struct config_feed_rules h = { .hours_set = true, .from_minute = 0, .to_minute = 24 * 60 };
    assert_true(show_rules_on_air(&h, WED, 1439));
    struct config_feed_rules none = { 0 };
    assert_true(show_rules_on_air(&none, WED, 3));
    assert_true(show_rules_on_air(NULL, WED, 3));
}

static void test_on_air_at_uses_local_time(void **state)
{
    (void)state;
    struct config_feed_rules m = {
        .days = 1u << FRI, .hours_set = true, .from_minute = 7 * 60, .to_minute = 10 * 60
    };
    setenv("TZ", "UTC", 1);
    tzset();
    assert_true(show_rules_on_air_at(&m, NOW));              /* Friday 08:00 */
    assert_false(show_rules_on_air_at(&m, NOW + 2 * 3600));  /* 10:00 */
    assert_false(show_rules_on_air_at(&m, NOW + 24 * 3600)); /* Saturday */
    setenv("TZ", "Asia/Tokyo", 1);                           /* UTC+9: Friday 17:00 */
    tzset();
    assert_false(show_rules_on_air_at(&m, NOW));
    setenv("TZ", "UTC", 1);
    tzset();
}

static void test_weight_two_gets_twice_the_slides(void **state)
{
    (void)state;
    struct story_list f[3] = { { 0 }, { 0 }, { 0 } };
    char id[16];
    for (int i = 0; i < 20; i++) {
        snprintf(id, sizeof id, "a%d", i);
        add(&f[0], id, NULL, NULL, 60 * i);
        snprintf(id, sizeof id, "b%d", i);
        add(&f[1], id, NULL, NULL, 60 * i + 1);
        snprintf(id, sizeof id, "c%d", i);
        add(&f[2], id, NULL, NULL, 60 * i + 2);
    }
    struct rotation_feed rf[3] = { { .weight = 2 }, { .weight = 1 }, { .weight = 1 } };
    struct rotation_params p = { .max_stories = 20, .feeds = rf };
    struct rot_entry out[20];
    size_t n = show_rotation_build(f, 3, &p, NOW, out, 20);
    assert_int_equal(n, 20);
    size_t count[3] = { 0 };
    for (size_t i = 0; i < n; i++)
        count[out[i].feed]++;
    assert_int_equal(count[0], 10);
    assert_int_equal(count[1], 5);
    assert_int_equal(count[2], 5);
    /* spread out: never three slides of the heavy feed in a row, nor two of a light one */
    for (size_t i = 2; i < n; i++)
        assert_false(out[i].feed == 0 && out[i - 1].feed == 0 && out[i - 2].feed == 0);
    for (size_t i = 1; i < n; i++)
        assert_false(out[i].feed != 0 && out[i].feed == out[i - 1].feed);
    /* equal weights: one each in turn, as without rules */
    struct rotation_params plain = { .max_stories = 6 };
    n = show_rotation_build(f, 3, &plain, NOW, out, 20);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(out[i].feed, i % 3);
    /* a feed's own max_stories, and one off the air */
    rf[0] = (struct rotation_feed){ .weight = 2, .max_stories = 2 };
    rf[2].off = true;
    n = show_rotation_build(f, 3, &p, NOW, out, 20);
    memset(count, 0, sizeof count);
    for (size_t i = 0; i < n; i++)
        count[out[i].feed]++;
    assert_int_equal(count[0], 2);
    assert_int_equal(count[1], 18);
    assert_int_equal(count[2], 0);
    for (int i = 0; i < 3; i++)
        story_list_release(&f[i]);
}

static void test_filter_counts_each_rule(void **state)
{
    (void)state;
    setenv("TZ", "UTC", 1);
    tzset();
    char *ex[] = { "sport" };
    struct config_feed_rules r = {
        .exclude = ex, .n_exclude = 1, .max_age_hours = 2, .max_stories = 2
    };
    struct story_list l = { 0 };
    add(&l, "s1", "Sport: cup final tonight", NULL, 60);
    add(&l, "old", "An old story", NULL, 3 * 3600);
    add(&l, "n1", "Newest", NULL, 10);
    add(&l, "n2", "Second", NULL, 20);
    add(&l, "n3", "Third", NULL, 30);
    struct show_rules_counts c;
    assert_int_equal(show_rules_filter(&r, &l, NOW, &c), 3);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.items[0].id, "n1");
    assert_string_equal(l.items[1].id, "n2");
    assert_int_equal(c.n[SHOW_RULES_EXCLUDED], 1);
    assert_int_equal(c.n[SHOW_RULES_TOO_OLD], 1);
    assert_int_equal(c.n[SHOW_RULES_OVER_MAX], 1);
    char why[128];
    show_rules_describe(&c, why, sizeof why);
    assert_string_equal(why, "1 story left out by exclude, 1 by max_age_hours, 1 by max_stories");
    /* off the air: all of them */
    struct config_feed_rules off = { .days = 1u << SUN };
    assert_int_equal(show_rules_filter(&off, &l, NOW, &c), 2);
    assert_int_equal(l.n, 0);
    show_rules_describe(&c, why, sizeof why);
    assert_string_equal(why, "2 stories left out by its days or hours");
    story_list_release(&l);
}

/* The playlist applies rules at each rebuild, and a schedule boundary is seen as a change
 * of the rotation without a refetch. */
static void test_playlist_rules_and_schedule_change(void **state)
{
    (void)state;
    setenv("TZ", "UTC", 1);
    tzset();
    char *inputs[] = { "http://127.0.0.1/a.xml", "http://127.0.0.1/b.xml" };
    struct playlist pl;
    show_playlist_init(&pl, inputs, 2, 60000, NULL);
    char *ex[] = { "weather" };
    struct config_feed_rules ra = { .exclude = ex, .n_exclude = 1 };
    struct config_feed_rules rb = { .hours_set = true, .from_minute = 7 * 60, .to_minute = 9 * 60 };
    pl.feeds[0].rules = &ra;
    pl.feeds[1].rules = &rb;
    struct story_list a = { 0 }, b = { 0 };
    add(&a, "a1", "Weather: rain all day", NULL, 60);
    add(&a, "a2", "Council votes", NULL, 120);
    add(&b, "b1", "Morning briefing", NULL, 30);
    show_playlist_take_stories(&pl, 0, &a, NULL, true, NOW, 0);
    show_playlist_take_stories(&pl, 1, &b, NULL, true, NOW, 0);
    show_playlist_rebuild(&pl, 50, 0, NOW); /* 08:00: b is on */
    assert_int_equal(pl.n_order, 2);
    assert_int_equal(show_playlist_find(&pl, "a1"), pl.n_order);
    assert_true(show_playlist_find(&pl, "b1") < pl.n_order);
    assert_false(show_playlist_schedule_moved(&pl, NOW + 3600 - 1));
    assert_true(show_playlist_schedule_moved(&pl, NOW + 3600)); /* 09:00: b goes */
    show_playlist_rebuild(&pl, 50, 0, NOW + 3600);
    assert_int_equal(pl.n_order, 1);
    assert_string_equal(show_playlist_story(&pl, 0)->id, "a2");
    /* the ticker and the digest name a story by its feed's label */
    assert_null(show_playlist_source(&pl, 0)); /* no label, and the story has no source */
    ra.label = "City Desk";
    assert_string_equal(show_playlist_source(&pl, 0), "City Desk");
    assert_true(show_playlist_schedule_moved(&pl, NOW + 23 * 3600)); /* 07:00 next day */
    show_playlist_rebuild(&pl, 50, 0, NOW + 23 * 3600);
    assert_true(show_playlist_find(&pl, "b1") < pl.n_order); /* back, without a refetch */
    show_playlist_release(&pl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold_drops_case_accents_and_punctuation),
        cmocka_unit_test(test_words_match_whole_case_and_accent_insensitive),
        cmocka_unit_test(test_judge_reads_headline_summary_and_categories),
        cmocka_unit_test(test_hours_and_days),
        cmocka_unit_test(test_on_air_at_uses_local_time),
        cmocka_unit_test(test_weight_two_gets_twice_the_slides),
        cmocka_unit_test(test_filter_counts_each_rule),
        cmocka_unit_test(test_playlist_rules_and_schedule_change),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
