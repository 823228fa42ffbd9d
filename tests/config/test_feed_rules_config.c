/* test_feed_rules_config.c: the rules of a [feed NAME] section as the config file gives
 * them, each bad value refused with file and line, and the one-line [feeds] form with none. */
#include "config.h"

#include "alloc.h"
#include "testsupport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dir;

static int setup(void **state)
{
    (void)state;
    dir = ts_mkdtemp();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ts_rmtree(dir);
    free(dir);
    return 0;
}

/* Loads text as "rules.conf" into c (defaults first); returns the result, err filled. */
static enum nr_result load(const char *text, struct config *c, struct nr_err *err)
{
    char *path = ts_path(dir, "rules.conf");
    ts_write_file(path, text, strlen(text));
    config_defaults(c);
    enum nr_result rc = config_load_file(c, path, err);
    free(path);
    return rc;
}

static void test_every_rule(void **state)
{
    (void)state;
    char logo[4200];
    snprintf(logo, sizeof logo, "%s/logo.png", dir);
    ts_write_file(logo, "x", 1);
    char text[8192];
    snprintf(text, sizeof text,
             "[feeds]\nurl = https://plain.example/rss\n"
             "[feed city]\nurl = https://city.example/rss\nlabel = City Desk\n"
             "accent = #2A9D8F\nlogo = %s\ninclude = tram, \xc3\x89lections , harbour\n"
             "include = ferry\nexclude = football\nmax_stories = 10\nmax_age_hours = 6\n"
             "weight = 3\ndays = fri-mon\nhours = 22:00-02:00\n"
             "[feed late]\nurl = https://late.example/rss\ndays = mon - wed, Friday\n"
             "hours = 18:00-24:00\n",
             logo);
    struct config c;
    struct nr_err err = { 0 };
    assert_int_equal(load(text, &c, &err), NR_OK);
    assert_int_equal(c.n_feeds, 3);
    assert_null(config_feed_rules(&c, 0)); /* the one-line form: no rules */
    const struct config_feed_rules *r = config_feed_rules(&c, 1);
    assert_non_null(r);
    assert_string_equal(r->label, "City Desk");
    assert_true(r->accent_set);
    assert_int_equal(r->accent.r, 0x2a);
    assert_int_equal(r->accent.g, 0x9d);
    assert_int_equal(r->accent.b, 0x8f);
    assert_string_equal(r->logo, logo);
    assert_int_equal(r->n_include, 4);
    assert_string_equal(r->include[1], "\xc3\x89lections"); /* trimmed, as written */
    assert_string_equal(r->include[3], "ferry");
    assert_int_equal(r->n_exclude, 1);
    assert_int_equal(r->max_stories, 10);
    assert_int_equal(r->max_age_hours, 6);
    assert_int_equal(r->weight, 3);
    assert_int_equal(r->days, (1u << 5) | (1u << 6) | (1u << 0) | (1u << 1)); /* fri..mon */
    assert_true(r->hours_set);
    assert_int_equal(r->from_minute, 22 * 60);
    assert_int_equal(r->to_minute, 2 * 60);
    r = config_feed_rules(&c, 2);
    assert_int_equal(r->days, (1u << 1) | (1u << 2) | (1u << 3) | (1u << 5));
    assert_int_equal(r->to_minute, 24 * 60);
    assert_null(config_feed_rules(&c, 3)); /* out of range */
    config_release(&c);
}

static void test_bad_values_name_file_and_line(void **state)
{
    (void)state;
    static const struct {
        const char *line, *says;
    } bad[] = {
        { "accent = green", "accent = green is out of range (#000000..#ffffff)" },
        { "logo = /nonexistent/logo.png", "logo = /nonexistent/logo.png cannot be read" },
        { "include = , ,", "include = , , names no word" },
        { "exclude = \x01word", "exclude = \x01word is not a valid value" },
        { "max_stories = 0", "max_stories = 0 is out of range (1..500)" },
        { "max_age_hours = 9000", "max_age_hours = 9000 is out of range (1..8760)" },
        { "weight = 11", "weight = 11 is out of range (1..10)" },
        { "days = mon-fry", "days = mon-fry is not a list of weekdays" },
        { "days = ,", "days = , is not a list of weekdays" },
        { "hours = 07:00", "hours = 07:00 is not a range of hours" },
        { "hours = 07:00-07:00", "hours = 07:00-07:00 is not a range of hours" },
        { "hours = 24:00-02:00", "hours = 24:00-02:00 is not a range of hours" },
        { "hours = 7-9", "hours = 7-9 is not a range of hours" },
        { "colour = #ffffff", "unknown setting 'colour' in [feed x]" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[512], want[512];
        snprintf(text, sizeof text, "[feed x]\nurl = https://x.example/rss\n%s\n", bad[i].line);
        struct config c;
        struct nr_err err = { 0 };
        assert_int_equal(load(text, &c, &err), NR_ERR_USAGE);
        snprintf(want, sizeof want, "rules.conf:3: [feed x] %s", bad[i].says);
        if (strncmp(bad[i].line, "colour", 6) == 0)
            snprintf(want, sizeof want, "rules.conf:3: %s", bad[i].says);
        if (!strstr(err.msg, want))
            fail_msg("'%s' gave '%s', not '%s'", bad[i].line, err.msg, want);
        config_release(&c);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_rule),
        cmocka_unit_test(test_bad_values_name_file_and_line),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
