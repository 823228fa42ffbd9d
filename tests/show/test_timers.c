/* test_timers.c: chores run when due, each returns its next delay, and the loop's wait is
 * the time to the earliest. */
#include "timers.h"

#include "testsupport.h"

struct counter {
    int runs;
    int64_t every; /* the delay it returns */
    uint64_t last;
};

static int64_t count(void *ctx, uint64_t now)
{
    struct counter *c = ctx;
    c->runs++;
    c->last = now;
    return c->every;
}

static void test_runs_when_due_and_waits_for_the_earliest(void **state)
{
    (void)state;
    struct timers ts;
    struct counter a = { .every = 1000 }, b = { .every = 300 };
    show_timers_init(&ts);
    show_timers_add(&ts, count, &a, 0);
    show_timers_add(&ts, count, &b, 50);
    assert_int_equal(show_timers_run(&ts, 0, 60000), 50); /* a ran; b is due at 50 */
    assert_int_equal(a.runs, 1);
    assert_int_equal(b.runs, 0);
    assert_int_equal(show_timers_run(&ts, 50, 60000), 300); /* b at 350, a at 1000 */
    assert_int_equal(b.runs, 1);
    assert_int_equal(show_timers_run(&ts, 200, 60000), 150); /* nothing due */
    assert_int_equal(a.runs + b.runs, 2);
    assert_int_equal(show_timers_run(&ts, 400, 60000), 300); /* b ran late, at 400: next at 700 */
    assert_int_equal(b.last, 400);
    assert_int_equal(show_timers_run(&ts, 401, 100), 100); /* the wait is capped */
}

static void test_stop_and_rearm(void **state)
{
    (void)state;
    struct timers ts;
    struct counter once = { .every = TIMER_STOP };
    show_timers_init(&ts);
    size_t id = show_timers_add(&ts, count, &once, 10);
    assert_int_equal(show_timers_run(&ts, 10, 5000), 5000); /* ran and stopped */
    assert_int_equal(once.runs, 1);
    assert_int_equal(show_timers_run(&ts, 9000, 5000), 5000);
    assert_int_equal(once.runs, 1);
    show_timers_at(&ts, id, 9500, false);
    show_timers_at(&ts, id, 9800, true); /* later: the earlier stays */
    assert_int_equal(show_timers_run(&ts, 9000, 5000), 500);
    show_timers_at(&ts, id, 9100, true); /* sooner wins */
    assert_int_equal(show_timers_run(&ts, 9000, 5000), 100);
    show_timers_stop(&ts, id);
    assert_int_equal(show_timers_run(&ts, 9200, 5000), 5000);
    assert_int_equal(once.runs, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_runs_when_due_and_waits_for_the_earliest),
        cmocka_unit_test(test_stop_and_rearm),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
