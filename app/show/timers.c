/* timers.c: due times of the loop's chores; the earliest decides how long the loop sleeps. */
#include "timers.h"

#include <assert.h>
#include <string.h>

void show_timers_init(struct timers *ts)
{
    memset(ts, 0, sizeof *ts);
}

size_t show_timers_add(struct timers *ts, timer_fn fn, void *ctx, uint64_t due_ms)
{
    assert(ts->n < TIMERS_MAX);
    ts->t[ts->n] = (struct timer){ .fn = fn, .ctx = ctx, .due_ms = due_ms, .armed = true };
    return ts->n++;
}

void show_timers_at(struct timers *ts, size_t id, uint64_t due_ms, bool sooner_only)
{
    struct timer *t = &ts->t[id];
    if (!(sooner_only && t->armed && t->due_ms <= due_ms))
        t->due_ms = due_ms;
    t->armed = true;
}

void show_timers_stop(struct timers *ts, size_t id)
{
    ts->t[id].armed = false;
}

int64_t show_timers_run(struct timers *ts, uint64_t now_ms, int64_t max_wait_ms)
{
    uint64_t next = now_ms + (uint64_t)max_wait_ms;
    for (size_t i = 0; i < ts->n; i++) {
        struct timer *t = &ts->t[i];
        if (t->armed && now_ms >= t->due_ms) {
            t->armed = false; /* the callback may arm it again itself (show_timers_at) */
            int64_t d = t->fn(t->ctx, now_ms);
            if (d >= 0 && !t->armed) {
                t->due_ms = now_ms + (uint64_t)d;
                t->armed = true;
            }
        }
        if (t->armed && t->due_ms < next)
            next = t->due_ms;
    }
    return next > now_ms ? (int64_t)(next - now_ms) : 0;
}
