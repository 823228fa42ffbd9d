/* thread.h: the one way Newsreel's threads wait: on the monotonic clock. */
#ifndef NR_THREAD_H
#define NR_THREAD_H

#include <pthread.h>

/* Initialises cond for pthread_cond_timedwait() deadlines on CLOCK_MONOTONIC, so that a wall
 * clock stepped by NTP (a Pi boots with no real-time clock) neither skips nor stretches a
 * wait. Destroy with pthread_cond_destroy(). */
void nr_cond_init_monotonic(pthread_cond_t *cond);

#endif
