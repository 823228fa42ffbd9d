/* test_buf.c: the capped buffer never grows past its cap and stays terminated. */
#include "testsupport.h"

#include <stdlib.h>
#include <string.h>

static void test_append_and_detach(void **state)
{
    (void)state;
    struct nr_buf b;
    nr_buf_init(&b, 0);
    assert_int_equal(nr_buf_puts(&b, "news"), NR_OK);
    assert_int_equal(nr_buf_printf(&b, "-%d", 42), NR_OK);
    assert_string_equal(b.data, "news-42");
    char *s = nr_buf_detach(&b);
    assert_string_equal(s, "news-42");
    assert_null(b.data);
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

static void test_printf_longer_than_stack_buffer(void **state)
{
    (void)state;
    char big[1000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    struct nr_buf b;
    nr_buf_init(&b, 0);
    assert_int_equal(nr_buf_printf(&b, "<%s>", big), NR_OK);
    assert_int_equal(b.len, 1001);
    assert_int_equal(b.data[1000], '>');
    nr_buf_release(&b);
}

static void test_empty_detach_is_empty_string(void **state)
{
    (void)state;
    struct nr_buf b;
    nr_buf_init(&b, 0);
    char *s = nr_buf_detach(&b);
    assert_string_equal(s, "");
    free(s);
    nr_buf_release(&b); /* a released buffer can be released again */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_append_and_detach),
        cmocka_unit_test(test_cap_refuses_and_keeps_content),
        cmocka_unit_test(test_printf_longer_than_stack_buffer),
        cmocka_unit_test(test_empty_detach_is_empty_string),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
