/* remote.h: settings for many screens from one URL: fetched with a conditional GET, checked
 * as a local file is, cached for boots without network, applied like `systemctl reload`. */
#ifndef NR_REMOTE_H
#define NR_REMOTE_H

#include "nr.h"

#include <stddef.h>
#include <stdint.h>

/* Largest settings file taken from the network. */
#define REMOTE_MAX_BYTES (256u * 1024)

/* Checks body as a settings file (the same table, ranges and messages as a local file)
 * by writing it to scratch_path and reading that on top of the built-in defaults.
 * scratch_path is removed again unless the body is good. NR_ERR_USAGE naming the line, or
 * NR_ERR_IO. */
enum nr_result fleet_remote_check(const char *body, size_t len, const char *scratch_path,
                                  struct nr_err *err);

struct remote_params {
    const char *url;        /* http(s); copied */
    const char *cache_path; /* the last good copy, read by config_load; copied */
    int64_t interval_ms;    /* between checks; the first check is at once */
    long timeout_ms;        /* one download, whole */
};

struct remote; /* opaque; owns a thread */

/* Starts the checking thread. When a good file that differs from the cached one arrives,
 * it replaces the cache (atomically) and SIGHUP is raised, so that the slideshow reloads
 * its settings as for `systemctl reload`; a bad one is logged and the running settings
 * kept. Signals must be blocked in the calling thread. Never NULL. */
struct remote *fleet_remote_new(const struct remote_params *p);
void fleet_remote_free(struct remote *r); /* stops the thread; accepts NULL */

#endif
