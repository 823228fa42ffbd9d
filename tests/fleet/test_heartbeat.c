/* test_heartbeat.c: the ping URL, the on hours, and the ping thread against 127.0.0.1:
 * pings while on, the /fail form while every feed fails, none in the off hours. */
#include "fetch.h"
#include "heartbeat.h"
#include "testsupport.h"

#include "alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static struct ts_server server;
static struct fetcher *fetcher;

static int setup(void **state)
{
    (void)state;
    char *root = ts_path(ts_source_dir(), "tests/fetch/fixtures");
    ts_server_start(&server, root);
    free(root);
    fetcher = fetcher_new();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    fetcher_free(fetcher);
    ts_server_stop(&server);
    return 0;
}

static long hits(const char *key)
{
    char url[256];
    struct fetch_limits lim;
    struct fetch_result r = { 0 };
    struct nr_err err = { 0 };
    snprintf(url, sizeof url, "%s/fault/hits?key=%s", server.base, key);
    fetch_limits_default(&lim, 4096);
    assert_int_equal(fetcher_get(fetcher, url, &lim, NULL, &r, &err), NR_OK);
    long n = strtol(r.body.data, NULL, 10);
    fetch_result_release(&r);
    return n;
}

static void test_ping_url_and_hours(void **state)
{
    (void)state;
    static const struct {
        const char *base;
        bool failing;
        const char *want;
    } cases[] = {
        { "https://hc-ping.com/abc", false, "https://hc-ping.com/abc" },
        { "https://hc-ping.com/abc", true, "https://hc-ping.com/abc/fail" },
        { "https://hc-ping.com/abc/", true, "https://hc-ping.com/abc/fail" },
        { "https://mon.example/ping/abc?rid=1", true, "https://mon.example/ping/abc/fail?rid=1" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *u = fleet_heartbeat_ping_url(cases[i].base, cases[i].failing);
        assert_string_equal(u, cases[i].want);
        free(u);
    }
    assert_true(fleet_heartbeat_on_hours(0, 0, 700)); /* equal: always on */
    assert_true(fleet_heartbeat_on_hours(7 * 60, 22 * 60, 12 * 60));
    assert_false(fleet_heartbeat_on_hours(7 * 60, 22 * 60, 23 * 60));
    assert_false(fleet_heartbeat_on_hours(7 * 60, 22 * 60, 22 * 60)); /* off at off_time */
    assert_true(fleet_heartbeat_on_hours(22 * 60, 6 * 60, 23 * 60));  /* across midnight */
    assert_true(fleet_heartbeat_on_hours(22 * 60, 6 * 60, 5 * 60));
    assert_false(fleet_heartbeat_on_hours(22 * 60, 6 * 60, 12 * 60));
}

/* Runs a heartbeat on base/fault/ping/NAME until it went round `rounds` times. */
static void run_heartbeat(const char *name, int on, int off, bool failing, unsigned rounds)
{
    char url[256];
    snprintf(url, sizeof url, "%s/fault/ping/%s", server.base, name);
    struct heartbeat_params p = {
        .url = url,
        .interval_ms = 100,
        .on_minute = on,
        .off_minute = off,
        .timeout_ms = 5000,
    };
    struct heartbeat *hb = fleet_heartbeat_new(&p);
    fleet_heartbeat_set_failing(hb, failing);
    for (int i = 0; i < 600 && fleet_heartbeat_count(hb) < rounds; i++)
        usleep(50000);
    assert_true(fleet_heartbeat_count(hb) >= rounds);
    fleet_heartbeat_free(hb);
}

static void test_pings(void **state)
{
    (void)state;
    run_heartbeat("on", 0, 0, false, 3);
    assert_true(hits("ping/on") >= 3);
    assert_int_equal(hits("ping/on/fail"), 0);

    run_heartbeat("failing", 0, 0, true, 3);
    assert_int_equal(hits("ping/failing"), 0);
    assert_true(hits("ping/failing/fail") >= 3);

    /* the off hours: on two hours from now, off an hour later */
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    int minute = tm.tm_hour * 60 + tm.tm_min;
    run_heartbeat("night", (minute + 120) % 1440, (minute + 180) % 1440, false, 5);
    assert_int_equal(hits("ping/night"), 0);
    assert_int_equal(hits("ping/night/fail"), 0);
}

int main(void)
{
    fetch_global_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ping_url_and_hours),
        cmocka_unit_test(test_pings),
    };
    int rc = cmocka_run_group_tests(tests, setup, teardown);
    fetch_global_cleanup();
    return rc;
}
