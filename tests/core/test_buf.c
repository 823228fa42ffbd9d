/* test_buf.c: the capped buffer never grows past its cap and stays terminated. */
#include "testsupport.h"

#include <stdlib.h>
#include <string.h>

static void test_append_and_detach(void **state)
{
    (void)state;
    struct nr_buf b;
    nr_buf_init(&b, 64);
    assert_non_null(b.data);
    assert_string_equal(b.data, "");
    assert_int_equal(nr_buf_puts(&b, "news"), NR_OK);
    assert_int_equal(nr_buf_printf(&b, "-%d", 42), NR_OK);
    assert_string_equal(b.data, "news-42");
    char *s = nr_buf_detach(&b);
    assert_string_equal(s, "news-42");
    assert_string_equal(b.data, ""); /* empty again, never NULL */
    assert_int_equal(nr_buf_puts(&b, "again"), NR_OK);
    assert_string_equal(b.data, "again");
    nr_buf_release(&b);
    assert_string_equal(b.data, "");
    free(s);
}

static void test_cap_refuses_and_keeps_content(void **state)
{
    (void)state;
    struct nr_buf b;
    nr_buf_init(&b, 8);
    assert_int_equal(nr_buf_puts(&b, "12345678"), NR_OK);
    assert_int_equal(nr_buf_putc(&b, '9'), NR_ERR_TOO_BIG);
    assert_int_equal(b.len, 8);
    assert_string_equal(b.data, "12345678");
    nr_buf_release(&b);
}

/* After a failed append the buffer is full: nothing later is appended past the hole. */
static void test_full_after_a_failure(void **state)
{
    (void)state;
    struct nr_buf b;
    nr_buf_init(&b, 8);
    assert_int_equal(nr_buf_puts(&b, "ab"), NR_OK);
    assert_int_equal(nr_buf_puts(&b, "too long to fit"), NR_ERR_TOO_BIG);
    assert_true(b.full);
    assert_int_equal(nr_buf_putc(&b, 'c'), NR_ERR_TOO_BIG);
    assert_string_equal(b.data, "ab");
    nr_buf_reset(&b);
    assert_false(b.full);
    assert_int_equal(nr_buf_putc(&b, 'c'), NR_OK);
    nr_buf_release(&b);
}

static void test_prefix_keeps_the_beginning_whole_characters(void **state)
{
    (void)state;
    struct nr_buf b;
    nr_buf_init(&b, 6);
    assert_int_equal(nr_buf_append_prefix(&b, "ab", 2), NR_OK);
    /* "cé" and "d" fill the 6 bytes; the second é does not fit */
    assert_int_equal(nr_buf_append_prefix(&b,
                                          "c\xc3\xa9"
                                          "d\xc3\xa9",
                                          7),
                     NR_ERR_TOO_BIG);
    assert_string_equal(b.data, "abc\xc3\xa9"
                                "d");
    assert_true(b.full);
    nr_buf_release(&b);
    nr_buf_init(&b, 4);
    assert_int_equal(nr_buf_append_prefix(&b, "abc\xc3\xa9", 5), NR_ERR_TOO_BIG);
    assert_string_equal(b.data, "abc"); /* never half of the é */
    nr_buf_release(&b);
}

static void test_printf_longer_than_stack_buffer(void **state)
{
    (void)state;
    char big[1000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    struct nr_buf b;
    nr_buf_init(&b, 4096);
    assert_int_equal(nr_buf_printf(&b, "<%s>", big), NR_OK);
    assert_int_equal(b.len, 1001);
    assert_int_equal(b.data[1000], '>');
    nr_buf_release(&b);
}

static void test_empty_detach_is_empty_string(void **state)
{
    (void)state;
    struct nr_buf b;
    nr_buf_init(&b, 16);
    char *s = nr_buf_detach(&b);
    assert_string_equal(s, "");
    free(s);
    nr_buf_release(&b); /* a released buffer can be released again */
}

static void test_failed_append_leaves_buffer_full(void **state)
{
    (void)state;
    struct nr_buf b;
    nr_buf_init(&b, 8);
    assert_int_equal(nr_buf_puts(&b, "one "), NR_OK);
    assert_int_equal(nr_buf_puts(&b, "three "), NR_ERR_TOO_BIG);
    /* "two" would fit, but the text must not go on past the hole */
    assert_int_equal(nr_buf_puts(&b, "two"), NR_ERR_TOO_BIG);
    assert_true(b.full);
    assert_string_equal(b.data, "one ");
    nr_buf_reset(&b);
    assert_false(b.full);
    assert_int_equal(nr_buf_puts(&b, "two"), NR_OK);
    assert_string_equal(b.data, "two");
    nr_buf_release(&b);
}

static void test_prefix_keeps_whole_characters(void **state)
{
    (void)state;
    struct nr_buf b;
    nr_buf_init(&b, 6);
    /* "café café": the second é would straddle the cap */
    assert_int_equal(nr_buf_append_prefix(&b, "caf\xc3\xa9 caf\xc3\xa9", 11), NR_ERR_TOO_BIG);
    assert_string_equal(b.data, "caf\xc3\xa9 ");
    assert_true(b.full);
    assert_int_equal(nr_buf_putc(&b, 'x'), NR_ERR_TOO_BIG);
    nr_buf_release(&b);
}

static void test_zeroed_buffer_refuses_appends(void **state)
{
    (void)state;
    struct nr_buf b = { 0 }; /* never initialised: no cap was given */
    assert_int_equal(nr_buf_puts(&b, "x"), NR_ERR_TOO_BIG);
    assert_int_equal(b.len, 0);
    nr_buf_release(&b);
    assert_non_null(b.data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_append_and_detach),
        cmocka_unit_test(test_cap_refuses_and_keeps_content),
        cmocka_unit_test(test_printf_longer_than_stack_buffer),
        cmocka_unit_test(test_full_after_a_failure),
        cmocka_unit_test(test_prefix_keeps_the_beginning_whole_characters),
        cmocka_unit_test(test_empty_detach_is_empty_string),
        cmocka_unit_test(test_failed_append_leaves_buffer_full),
        cmocka_unit_test(test_prefix_keeps_whole_characters),
        cmocka_unit_test(test_zeroed_buffer_refuses_appends),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
