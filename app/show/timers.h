/* timers.h: the slideshow's timed chores (watchdog, on and off hours, drift, status file,
 * first-slide wait) as callbacks that return their next delay, so that the loop sleeps until
 * the earliest one with no minimums kept by hand. Pure: the caller passes the time (ms on
 * the monotonic clock). Main thread only. */
#ifndef NR_TIMERS_H
#define NR_TIMERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TIMERS_MAX 8
#define TIMER_STOP (-1) /* a callback's answer: do not run again until show_timers_at() */

/* Runs the chore due at now_ms; returns ms until it is due again (0: at the next look), or
 * TIMER_STOP. */
typedef int64_t (*timer_fn)(void *ctx, uint64_t now_ms);

struct timers {
    struct timer {
        timer_fn fn;
        void *ctx;
        uint64_t due_ms;
        bool armed;
    } t[TIMERS_MAX];
    size_t n;
};

void show_timers_init(struct timers *ts);
/* Adds a chore first due at due_ms; returns its handle. Asserts there is room. */
size_t show_timers_add(struct timers *ts, timer_fn fn, void *ctx, uint64_t due_ms);
/* Arms (or re-arms) chore id for due_ms. sooner_only: a chore already armed for an
 * earlier time keeps it. */
void show_timers_at(struct timers *ts, size_t id, uint64_t due_ms, bool sooner_only);
void show_timers_stop(struct timers *ts, size_t id);
/* Runs every chore due at now_ms (each at most once) and returns ms until the earliest
 * armed one, at most max_wait_ms. */
int64_t show_timers_run(struct timers *ts, uint64_t now_ms, int64_t max_wait_ms);

#endif
