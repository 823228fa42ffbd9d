/* test_strutil.c: white space collapsing and strict integer parsing. */
#include "strutil.h"
#include "testsupport.h"

#include <stdlib.h>

static void test_collapse_ws(void **state)
{
    (void)state;
    char *s = nr_collapse_ws("  Putin\n\t says \xC2\xA0 West  ");
    assert_string_equal(s, "Putin says West");
    free(s);
    s = nr_collapse_ws(" \n ");
    assert_string_equal(s, "");
    free(s);
    assert_null(nr_collapse_ws(NULL));
}

static void test_parse_int_is_strict(void **state)
{
    (void)state;
    long v;
    assert_true(nr_parse_int("12", 3, 600, &v));
    assert_int_equal(v, 12);
    assert_false(nr_parse_int("2", 3, 600, &v));
    assert_false(nr_parse_int("12s", 3, 600, &v));
    assert_false(nr_parse_int("", 3, 600, &v));
    assert_false(nr_parse_int("99999999999999999999", 0, 10, &v));
}

static void test_prefixes(void **state)
{
    (void)state;
    assert_true(nr_starts_with_ci("FILE:///x", "file:"));
    assert_false(nr_starts_with("http", "https"));
    assert_true(nr_str_empty(" \t"));
    assert_false(nr_str_empty(" a"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_collapse_ws),
        cmocka_unit_test(test_parse_int_is_strict),
        cmocka_unit_test(test_prefixes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
