/* config.c: built-in defaults and the command line. */
#include "config.h"

#include "alloc.h"
#include "strutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "banned.h"

void config_defaults(struct config *c)
{
    memset(c, 0, sizeof *c);
    c->mode = MODE_SHOW;
    c->slide_seconds = 12;
    c->transition_ms = 800;
    c->transition = TRANSITION_CROSSFADE;
    c->refresh_minutes = 15;
    theme_default(&c->theme);
}

void config_release(struct config *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n_feeds; i++)
        free(c->feeds[i]);
    free(c->feeds);
    free(c->render_dir);
    free(c->cache_dir);
    c->feeds = NULL;
    c->n_feeds = 0;
    c->render_dir = c->cache_dir = NULL;
}

void config_print_usage(FILE *to)
{
    fputs("usage: newsreel [OPTION]... [FEED]...\n"
          "Show news feeds (RSS, Atom, JSON Feed URLs or files) as full-screen slides.\n"
          "With no FEED, shows the bundled sample feed.\n"
          "\n"
          "  --render DIR      write every slide to DIR/NNN-<slug>.png and exit\n"
          "  --size WxH        slide size for --render, window size otherwise\n"
          "  --dump            print the extracted stories as JSON and exit\n"
          "  --window          show in a desktop window\n"
          "  --fullscreen      show full screen\n"
          "  --seconds N       seconds per slide (3..600)\n"
          "  --help            show this help and exit\n"
          "  --version         show the version and exit\n"
          "\n"
          "Keys: Right or Space next, Left previous, P pause, F full screen, Q or Esc quit.\n",
          to);
}

static bool parse_size(const char *s, int *w, int *h)
{
    char wbuf[16];
    const char *x = strchr(s, 'x');
    if (!x || (size_t)(x - s) >= sizeof wbuf)
        return false;
    memcpy(wbuf, s, (size_t)(x - s));
    wbuf[x - s] = '\0';
    long lw, lh;
    if (!nr_parse_int(wbuf, 64, 16384, &lw) || !nr_parse_int(x + 1, 64, 16384, &lh))
        return false;
    *w = (int)lw;
    *h = (int)lh;
    return true;
}

void config_add_feed(struct config *c, const char *feed)
{
    c->feeds = xrealloc(c->feeds, (c->n_feeds + 1) * sizeof *c->feeds);
    c->feeds[c->n_feeds++] = xstrdup(feed);
}

enum nr_result config_parse_args(struct config *c, int argc, char **argv, struct nr_err *err)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            c->mode = MODE_HELP;
        } else if (strcmp(a, "--version") == 0) {
            c->mode = MODE_VERSION;
        } else if (strcmp(a, "--dump") == 0) {
            c->mode = MODE_DUMP;
        } else if (strcmp(a, "--window") == 0) {
            c->fullscreen = false;
            c->fullscreen_set = true;
        } else if (strcmp(a, "--fullscreen") == 0) {
            c->fullscreen = true;
            c->fullscreen_set = true;
        } else if (strcmp(a, "--render") == 0) {
            if (!val)
                return nr_fail(err, NR_ERR_USAGE, "option '--render' needs a folder");
            c->mode = MODE_RENDER;
            free(c->render_dir);
            c->render_dir = xstrdup(val);
            i++;
        } else if (strcmp(a, "--size") == 0) {
            if (!val || !parse_size(val, &c->width, &c->height))
                return nr_fail(err, NR_ERR_USAGE,
                               "option '--size' needs WIDTHxHEIGHT, each 64..16384 (got '%s')",
                               val ? val : "");
            i++;
        } else if (strcmp(a, "--seconds") == 0) {
            long v;
            if (!val || !nr_parse_int(val, 3, 600, &v))
                return nr_fail(err, NR_ERR_USAGE,
                               "option '--seconds' needs a whole number 3..600 (got '%s')",
                               val ? val : "");
            c->slide_seconds = (int)v;
            i++;
        } else if (strcmp(a, "--") == 0) {
            for (i++; i < argc; i++)
                config_add_feed(c, argv[i]);
        } else if (a[0] == '-' && a[1] != '\0') {
            return nr_fail(err, NR_ERR_USAGE, "unknown option '%s' (see 'newsreel --help')", a);
        } else {
            config_add_feed(c, a);
        }
    }
    return NR_OK;
}
