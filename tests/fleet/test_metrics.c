/* test_metrics.c: the Prometheus text of the kiosk's state, and its atomic replace. */
#include "metrics.h"
#include "testsupport.h"

#include "alloc.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void expect_line(const char *text, const char *line)
{
    char *want = xmalloc(strlen(line) + 3);
    snprintf(want, strlen(line) + 3, "\n%s\n", line);
    if (!strstr(text, want))
        fail_msg("no line '%s' in:\n%s", line, text);
    free(want);
}

static void test_format(void **state)
{
    (void)state;
    struct fleet_feed feeds[] = {
        { .input = "https://a.example/rss",
          .last_success_unix = 1700000000,
          .http_status = 200,
          .ok = true,
          .stories = 12 },
        { .input = "https://b.example/q?x=\"1\"\\2",
          .last_error_unix = 1700000100,
          .http_status = 503,
          .ok = false },
    };
    struct fleet_state st = {
        .feeds = feeds,
        .n_feeds = 2,
        .slides = 12,
        .slides_shown = 345,
        .photo_failures = 3,
        .article_pages = 17,
        .screen = FLEET_SCREEN_OFF_SCHEDULE,
        .slide_id = "guid-7",
        .start_unix = 1699990000,
        .resident_bytes = 23 * 1024 * 1024,
    };
    struct nr_buf b;
    nr_buf_init(&b, METRICS_MAX_BYTES);
    assert_int_equal(nr_buf_putc(&b, '\n'), NR_OK); /* every line then starts after a line feed */
    assert_int_equal(fleet_metrics_format(&b, &st), NR_OK);
    const char *t = b.data;
    expect_line(t, "# TYPE newsreel_up gauge");
    expect_line(t, "newsreel_up 1");
    expect_line(t, "newsreel_screen_state{state=\"on\"} 0");
    expect_line(t, "newsreel_screen_state{state=\"off_schedule\"} 1");
    expect_line(t, "newsreel_screen_state{state=\"off_fault\"} 0");
    expect_line(t, "# TYPE newsreel_slides_shown_total counter");
    expect_line(t, "newsreel_slides_shown_total 345");
    expect_line(t, "newsreel_photo_failures_total 3");
    expect_line(t, "# TYPE newsreel_article_pages_read_total counter");
    expect_line(t, "newsreel_article_pages_read_total 17");
    expect_line(t, "newsreel_slides 12");
    expect_line(t, "newsreel_current_slide_info{id=\"guid-7\"} 1");
    expect_line(t, "newsreel_feed_stories{feed=\"https://a.example/rss\"} 12");
    expect_line(t, "newsreel_feed_last_success_timestamp_seconds{feed=\"https://a.example/rss\"} "
                   "1700000000");
    expect_line(t, "newsreel_feed_up{feed=\"https://a.example/rss\"} 1");
    /* label values escaped as the format wants */
    expect_line(t, "newsreel_feed_http_status{feed=\"https://b.example/q?x=\\\"1\\\"\\\\2\"} 503");
    expect_line(t, "newsreel_feed_up{feed=\"https://b.example/q?x=\\\"1\\\"\\\\2\"} 0");
    expect_line(t, "newsreel_feed_last_error_timestamp_seconds{feed=\"https://b.example/q?x="
                   "\\\"1\\\"\\\\2\"} 1700000100");
    expect_line(t, "process_resident_memory_bytes 24117248");
    expect_line(t, "process_start_time_seconds 1699990000");
    /* every sample has HELP and TYPE first, and names keep to [a-zA-Z_:][a-zA-Z0-9_:]* */
    for (const char *l = t + 1; *l; l = strchr(l, '\n') + 1) {
        if (*l == '#')
            continue;
        size_t n = strspn(l, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_:");
        assert_true(n > 0 && (l[n] == ' ' || l[n] == '{'));
        char name[128];
        snprintf(name, sizeof name, "# TYPE %.*s ", (int)n, l);
        assert_non_null(strstr(t, name));
    }
    nr_buf_release(&b);

    /* no slide on screen: no current-slide sample */
    st.slide_id = NULL;
    st.screen = FLEET_SCREEN_ON;
    nr_buf_init(&b, METRICS_MAX_BYTES);
    assert_int_equal(fleet_metrics_format(&b, &st), NR_OK);
    assert_null(strstr(b.data, "newsreel_current_slide_info{"));
    assert_non_null(strstr(b.data, "newsreel_screen_state{state=\"on\"} 1"));
    nr_buf_release(&b);
    assert_true(fleet_metrics_resident_bytes() > 0);
    /* this test started a moment ago */
    int64_t start = fleet_metrics_process_start_unix(), now = (int64_t)time(NULL);
    assert_true(start > 1000000000 && start <= now);
}

static void test_atomic_replace(void **state)
{
    (void)state;
    char *dir = ts_mkdtemp();
    char *path = ts_path(dir, "newsreel.prom");
    char *tmp = ts_path(dir, ".newsreel.prom.tmp");
    struct nr_err err = { 0 };
    struct stat st1, st2;

    assert_int_equal(fleet_write_atomic(path, "a 1\n", 4, &err), NR_OK);
    assert_int_equal(stat(path, &st1), 0);
    assert_int_equal(st1.st_mode & 0777, 0644);
    /* a reader that opened the old file keeps reading it whole while the new one lands */
    int fd = open(path, O_RDONLY);
    assert_true(fd >= 0);
    assert_int_equal(fleet_write_atomic(path, "b 22\n", 5, &err), NR_OK);
    char buf[16] = { 0 };
    assert_int_equal(read(fd, buf, sizeof buf - 1), 4);
    assert_string_equal(buf, "a 1\n");
    close(fd);
    assert_int_equal(stat(path, &st2), 0);
    assert_true(st1.st_ino != st2.st_ino); /* replaced by rename, not rewritten in place */
    struct nr_buf b;
    assert_int_equal(ts_read_file(path, &b), 0);
    assert_string_equal(b.data, "b 22\n");
    nr_buf_release(&b);
    assert_int_not_equal(access(tmp, F_OK), 0); /* nothing left beside it */

    /* a folder that is not there: an error naming it, nothing written */
    char *missing = ts_path(dir, "no/such/newsreel.prom");
    assert_int_equal(fleet_write_atomic(missing, "x\n", 2, &err), NR_ERR_IO);
    assert_non_null(strstr(err.msg, "no/such"));
    free(missing);

    ts_rmtree(dir);
    free(dir);
    free(path);
    free(tmp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_atomic_replace),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
