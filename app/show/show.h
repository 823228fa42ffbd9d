/* show.h: the slideshow: window or full screen, timer, transitions, input, background refresh. */
#ifndef NR_SHOW_H
#define NR_SHOW_H

#include "config.h"

#include <stdio.h>

/* Runs the slideshow until the user quits or a signal ends it. data_dir holds fonts/ and
 * assets/. Returns the process exit status. Call from the main thread. */
int show_run(struct config *cfg, const char *data_dir);

/* `newsreel --status`: prints the status file the running slideshow keeps (per feed: last
 * success, last HTTP status or error, stories held, next attempt). Returns 0, or 1 when
 * there is no status file. */
int show_print_status(const struct config *cfg, FILE *out);

#endif
