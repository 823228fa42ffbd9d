/* heartbeat.h: a dead-man's-switch ping (healthchecks.io style) every few minutes while the
 * screen is meant to be on, with the "/fail" form when every feed fails; none in the off
 * hours, so a screen that is off on purpose never raises an alarm. */
#ifndef NR_HEARTBEAT_H
#define NR_HEARTBEAT_H

#include <stdbool.h>
#include <stdint.h>

/* Whether minute_of_day (0..1439) is inside the on hours; on == off: always. */
bool fleet_heartbeat_on_hours(int on_minute, int off_minute, int minute_of_day);

/* The URL to ping: base, or base with "/fail" added to its path (before any query) when
 * failing. New string; free with free(). */
char *fleet_heartbeat_ping_url(const char *base, bool failing);

struct heartbeat_params {
    const char *url;     /* copied */
    int64_t interval_ms; /* between pings */
    int on_minute, off_minute;
    long timeout_ms; /* one ping, whole */
};

struct heartbeat; /* opaque; owns a thread that pings */

/* Starts the pinging thread; the first ping goes one interval after the start. Never
 * NULL. Signals must already be blocked in the calling thread (the new one inherits). */
struct heartbeat *fleet_heartbeat_new(const struct heartbeat_params *p);
/* Stops the thread (a ping under way ends within its timeout) and frees. Accepts NULL. */
void fleet_heartbeat_free(struct heartbeat *hb);
/* Tells the thread whether every feed is failing now. Any thread. */
void fleet_heartbeat_set_failing(struct heartbeat *hb, bool failing);
/* Pings sent (ok or not) since start, for tests. */
uint64_t fleet_heartbeat_count(struct heartbeat *hb);

#endif
