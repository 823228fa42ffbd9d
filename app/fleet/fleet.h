/* fleet.h: what a screen among many needs from its settings: the network settings of
 * every request (proxy, CA file, per-feed headers and basic auth). */
#ifndef NR_FLEET_H
#define NR_FLEET_H

#include "config.h"

/* Hands c's [fetch] proxy, ca_file and [feed NAME] sections to fetch_set_network().
 * Borrows c for the call. Any thread; call at start and after each reload. */
void fleet_apply_network(const struct config *c);

#endif
