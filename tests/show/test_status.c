/* test_status.c: the status file round trip and `--status` output. */
#include "status.h"

#include "testsupport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_write_then_print(void **state)
{
    char *dir = ts_mkdtemp();
    char *path = ts_path(dir, "sub/status");
    struct nr_err err = { 0 };
    struct nr_buf text;
    (void)state;
    struct status_feed feeds[2] = {
        { .input = "https://a.example/rss",
          .title = "A News",
          .last_success_unix = 1000,
          .http_status = 200,
          .stories = 12,
          .next_attempt_unix = 1900 },
        { .input = "https://b.example/rss",
          .http_status = 503,
          .error = "'https://b.example/rss': HTTP 503\nService Unavailable",
          .stale = true,
          .next_attempt_unix = 1100 },
    };
    assert_int_equal(show_status_write(path, feeds, 2, 12, 1060, &err), NR_OK);
    nr_buf_init(&text, TS_MAX_FILE_BYTES);
    assert_int_equal(ts_read_file(path, &text), 0);
    assert_non_null(strstr(text.data, "feed=https://b.example/rss\n"));
    assert_non_null(strstr(text.data, "error='https://b.example/rss': HTTP 503 Service"));
    assert_non_null(strstr(text.data, "stale=1\n"));
    nr_buf_release(&text);

    char *out_path = ts_path(dir, "out.txt");
    FILE *out = fopen(out_path, "w+");
    assert_non_null(out);
    assert_int_equal(show_status_print(path, out, 1060, &err), 0); /* we wrote it: running */
    fclose(out);
    nr_buf_init(&text, TS_MAX_FILE_BYTES);
    assert_int_equal(ts_read_file(out_path, &text), 0);
    assert_non_null(strstr(text.data, "is running"));
    assert_non_null(strstr(text.data, "feed https://a.example/rss"));
    assert_non_null(strstr(text.data, "title:         A News"));
    assert_non_null(strstr(text.data, "last success:  "));
    assert_non_null(strstr(text.data, "(60 s ago)"));
    assert_non_null(strstr(text.data, "stories held:  12"));
    assert_non_null(strstr(text.data, "last HTTP:     503"));
    assert_non_null(strstr(text.data, "next attempt:  "));
    assert_non_null(strstr(text.data, "(14 min from now)"));
    assert_non_null(strstr(text.data, "last success:  never"));
    assert_non_null(strstr(text.data, "STALE"));
    assert_null(strstr(text.data, "TV power")); /* no HDMI-CEC in use */
    nr_buf_release(&text);

    /* the last HDMI-CEC power change, written beside the status file */
    char *power = ts_path(dir, "sub/power");
    static const char said[] = "power_unix=1000\npower=TV in standby over HDMI-CEC "
                               "('/dev/cec0')\n";
    ts_write_file(power, said, strlen(said));
    out = fopen(out_path, "w+");
    assert_non_null(out);
    assert_int_equal(show_status_print(path, out, 1060, &err), 0);
    fclose(out);
    assert_int_equal(ts_read_file(out_path, &text), 0);
    assert_non_null(strstr(text.data, "TV power: TV in standby over HDMI-CEC ('/dev/cec0'), "));
    assert_non_null(strstr(text.data, "(60 s ago)\n"));
    nr_buf_release(&text);
    free(power);

    unlink(path);
    assert_int_equal(show_status_print(path, stdout, 1060, &err), 1);
    assert_non_null(strstr(err.msg, "no status file"));
    ts_rmtree(dir);
    free(out_path);
    free(path);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_write_then_print),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
