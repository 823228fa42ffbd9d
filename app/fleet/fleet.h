/* fleet.h: what a screen among many does besides its slides: the network settings of every
 * request, the Prometheus metrics file and the heartbeat pings. The slideshow calls
 * fleet_publish() where it writes its status file, so nothing here wakes its main loop. */
#ifndef NR_FLEET_H
#define NR_FLEET_H

#include "config.h"
#include "metrics.h"

/* Hands c's [fetch] proxy, ca_file and [feed NAME] sections to fetch_set_network().
 * Borrows c for the call. Any thread; call at start and after each reload. */
void fleet_apply_network(const struct config *c);

/* The kiosk's state after a change (a refresh, a reload): writes [monitor] metrics_file
 * when set (errors logged once), and starts, restarts (new settings) or feeds the heartbeat
 * thread of [monitor] heartbeat_url. st->start_unix and resident_bytes are filled here.
 * Main thread; borrows c and st for the call. */
void fleet_publish(const struct config *c, const struct fleet_state *st);

/* Stops the heartbeat thread; call before fetch_global_cleanup(). */
void fleet_stop(void);

#endif
