/* test_date.c: feed_parse_date() on the date forms feeds really write. */
#include "parse_fixture.h"

static void expect(const char *s, int64_t want)
{
    int64_t got = -1;
    if (!feed_parse_date(s, &got))
        fail_msg("'%s' was not understood", s);
    if (got != want)
        fail_msg("'%s' gave %lld, want %lld", s, (long long)got, (long long)want);
}

static void test_rfc822_variants(void **state)
{
    (void)state;
    const int64_t t = 1643737320; /* 2022-02-01T17:42:00Z */
    expect("Tue, 01 Feb 2022 17:42:00 GMT", t);
    expect("Tue, 01 Feb 2022 17:42:00 +0000", t);
    expect("Tue, 1 Feb 2022 17:42:00 UT", t);
    expect("01 Feb 2022 17:42:00 Z", t);
    expect("Tue, 01 Feb 2022 17:42 GMT", t);    /* no seconds */
    expect("Tue, 01 Feb 22 17:42:00 GMT", t);   /* two-digit year */
    expect("Tue, 01 Feb 2022 12:42:00 EST", t); /* named zone */
    expect("Tue, 01 Feb 2022 09:42:00 PST", t);
    expect("Tuesday, 01 February 2022 18:42:00 CET", t); /* long names */
    expect("Tue, 01 Feb 2022 23:12:00 +05:30", t);       /* colon in the offset */
    expect("Tue 01 Feb 2022 17:42:00", t);               /* no zone: UTC */
    expect("Tue Feb 1 17:42:00 2022", t);                /* asctime */
    expect("  Tue, 01 Feb 2022 17:42:00 GMT  ", t);
    expect("Sun, 31 Dec 99 00:00:00 GMT", 946598400); /* 1999 */
}

static void test_iso8601(void **state)
{
    (void)state;
    const int64_t t = 1643737320;
    expect("2022-02-01T17:42:00Z", t);
    expect("2022-02-01T17:42:00.123Z", t);
    expect("2022-02-01T18:42:00+01:00", t);
    expect("2022-02-01T18:42:00+0100", t);
    expect("2022-02-01 17:42:00", t);
    expect("2022-02-01T17:42Z", t);
    expect("2022-02-01", 1643673600);
    expect("2016-12-31T23:59:60Z", 1483228799); /* leap second */
}

static void test_unknown_is_unset(void **state)
{
    (void)state;
    const char *bad[] = { "",
                          "yesterday",
                          "Tue, 32 Feb 2022 10:00:00 GMT",
                          "2022-13-01",
                          "2022-02-30T00:00:00Z",
                          "not a date at all",
                          "1643737320",
                          NULL };
    for (int i = 0; bad[i]; i++) {
        int64_t t = 77;
        if (feed_parse_date(bad[i], &t))
            fail_msg("'%s' should be unknown", bad[i]);
        assert_int_equal(t, 77); /* untouched: never the epoch */
    }
    int64_t t = 77;
    assert_false(feed_parse_date(NULL, &t));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc822_variants),
        cmocka_unit_test(test_iso8601),
        cmocka_unit_test(test_unknown_is_unset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
