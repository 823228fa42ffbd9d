/* test_utf8.c: invalid UTF-8 is repaired to U+FFFD, valid text passes unchanged. */
#include "testsupport.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

static void test_valid_text_unchanged(void **state)
{
    (void)state;
    const char *s = "Zürich · 東京 · مرحبا · 🎉";
    assert_true(nr_utf8_valid(s, strlen(s)));
    char *r = nr_utf8_sanitize(s, strlen(s));
    assert_string_equal(r, s);
    free(r);
}

static void test_invalid_bytes_become_replacement(void **state)
{
    (void)state;
    /* latin-1 é, a lone continuation byte, an overlong '/', a surrogate, a cut sequence */
    const char bad[] = "caf\xE9 \x80 \xC0\xAF \xED\xA0\x80 \xE2\x82";
    assert_false(nr_utf8_valid(bad, sizeof bad - 1));
    char *r = nr_utf8_sanitize(bad, sizeof bad - 1);
    assert_true(nr_utf8_valid(r, strlen(r)));
    assert_non_null(strstr(r, "caf\xEF\xBF\xBD "));
    free(r);
}

static void test_nul_is_replaced(void **state)
{
    (void)state;
    const char s[] = { 'a', '\0', 'b' };
    assert_false(nr_utf8_valid(s, 3));
    char *r = nr_utf8_sanitize(s, 3);
    assert_string_equal(r, "a\xEF\xBF\xBD"
                           "b");
    free(r);
}

static void test_encode_decode_round_trip(void **state)
{
    (void)state;
    const uint32_t cps[] = { 0x41, 0xE9, 0x20AC, 0x1F600, 0x10FFFF };
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        char buf[4];
        size_t n = nr_utf8_encode(cps[i], buf);
        uint32_t back;
        assert_int_equal(nr_utf8_decode(buf, n, &back), n);
        assert_int_equal(back, cps[i]);
    }
    assert_int_equal(nr_utf8_length("añ東🎉"), 4);
}

/* The plain run stops at the first byte that needs a look, wherever it sits in a word. */
static void test_plain_run_stops_at_every_offset(void **state)
{
    (void)state;
    const char stops[] = { '\n', '\x01', '\x80', '\xC3', '\0' };
    char buf[40];
    for (size_t k = 0; k < sizeof stops; k++) {
        for (size_t at = 0; at < 24; at++) {
            memset(buf, 'a', sizeof buf);
            buf[at] = stops[k];
            assert_int_equal(nr_utf8_plain_run(buf, sizeof buf), at);
            assert_int_equal(nr_utf8_plain_run(buf, at), at); /* the end stops it too */
        }
    }
    memset(buf, '~', sizeof buf);
    buf[3] = '\x7F'; /* DEL is plain ASCII to XML */
    assert_int_equal(nr_utf8_plain_run(buf, sizeof buf), sizeof buf);
    /* the validator built on it still finds a bad byte or a NUL at any offset */
    for (size_t at = 0; at < 24; at++) {
        memset(buf, 'a', sizeof buf);
        buf[at] = '\xFF';
        assert_false(nr_utf8_valid(buf, sizeof buf));
        buf[at] = '\0';
        assert_false(nr_utf8_valid(buf, sizeof buf));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_run_stops_at_every_offset),
        cmocka_unit_test(test_valid_text_unchanged),
        cmocka_unit_test(test_invalid_bytes_become_replacement),
        cmocka_unit_test(test_nul_is_replaced),
        cmocka_unit_test(test_encode_decode_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
