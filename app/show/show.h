/* show.h: the slideshow: window or full screen, timer, transitions, input, background refresh. */
#ifndef NR_SHOW_H
#define NR_SHOW_H

#include "config.h"

/* Runs the slideshow until the user quits or a signal ends it. data_dir holds fonts/ and
 * assets/. Returns the process exit status. Call from the main thread. */
int show_run(struct config *cfg, const char *data_dir);

#endif
