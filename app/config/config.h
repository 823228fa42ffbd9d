/* config.h: every setting of Newsreel in one struct, filled from built-in defaults,
 * the config files and the command line, and checked in one place. */
#ifndef NR_CONFIG_H
#define NR_CONFIG_H

#include "nr.h"
#include "theme.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum transition { TRANSITION_CROSSFADE, TRANSITION_SLIDE, TRANSITION_CUT };

enum run_mode { MODE_SHOW, MODE_RENDER, MODE_DUMP, MODE_HELP, MODE_VERSION };

struct config {
    enum run_mode mode;
    char **feeds;             /* URLs or paths, owned */
    size_t n_feeds;
    char *render_dir;         /* --render DIR */
    int width, height;        /* --size WxH; window size; 0: the display's */
    bool fullscreen;          /* else a window */
    bool fullscreen_set;      /* --window / --fullscreen given */
    int slide_seconds;
    int transition_ms;
    enum transition transition;
    int refresh_minutes;
    char *cache_dir;          /* NULL: no disk cache */
    struct theme theme;
};

/* Built-in defaults. */
void config_defaults(struct config *c);
void config_release(struct config *c);   /* accepts a zeroed struct */

/* Parses argv into c (on top of what c holds). NR_ERR_USAGE with a message naming the
 * argument on a bad one. */
enum nr_result config_parse_args(struct config *c, int argc, char **argv, struct nr_err *err);

/* Appends a feed URL or path (copied). */
void config_add_feed(struct config *c, const char *feed);

/* The --help text. */
void config_print_usage(FILE *to);

#endif
