/* notify.h: systemd's readiness protocol (sd_notify) spoken directly over $NOTIFY_SOCKET:
 * READY=1 after the first slide, WATCHDOG=1 from the render loop, STATUS= lines. */
#ifndef NR_NOTIFY_H
#define NR_NOTIFY_H

#include <stdbool.h>
#include <stdint.h>

struct notifier; /* opaque: a datagram socket aimed at systemd; main thread only */

/* socket_path: $NOTIFY_SOCKET (a path, or "@name" for an abstract socket); NULL or ""
 * gives a notifier that sends nothing. Never NULL. */
struct notifier *show_notify_new(const char *socket_path);
void show_notify_free(struct notifier *n); /* accepts NULL */

/* Sends one message ("READY=1\nSTATUS=showing 12 stories"). true when it was sent (or
 * there is nobody to send to); failures are logged once, never fatal. */
bool show_notify_send(struct notifier *n, const char *msg);

/* The watchdog interval to ping at: half of $WATCHDOG_USEC in ms, or 0 when there is no
 * watchdog (unset, unparsable, or $WATCHDOG_PID naming another process). */
int64_t show_notify_watchdog_ms(const char *watchdog_usec, const char *watchdog_pid);

#endif
