/* cli.h: the one-shot modes of the newsreel program (no window). */
#ifndef NR_CLI_H
#define NR_CLI_H

#include "config.h"
#include "pipeline.h"
#include "reader.h"

/* Loads every feed of cfg into out, logging each failure; returns how many inputs failed. */
size_t cli_load_all(const struct config *cfg, struct fetcher *f, struct story_list *out);
/* The same, each feed under its [feed NAME] rules at the time of the run (a line per feed
 * says what they left out); origin (may be NULL) receives the feed index of each story of
 * out, logos (may be NULL) each feed's own logo URL or NULL (new arrays, cfg->n_feeds
 * strings in logos: free each and the arrays with free()). */
size_t cli_load_feeds(const struct config *cfg, struct fetcher *f, struct story_list *out,
                      size_t **origin, char ***logos);

/* Reads the article of each story of l (cfg's [article] settings, the article cache under
 * cfg->cache_dir) and upgrades the stories in place. origins (may be NULL) has l->n
 * entries and receives where each field came from. Nothing when article reading is off. */
void cli_read_articles(const struct config *cfg, struct fetcher *f, struct story_list *l,
                       struct article_origin *origins);

/* Fills o from cfg's [article] settings; cache_path (at least 4096 bytes) holds the cache
 * folder o->cache_dir points to. */
void cli_article_options(const struct config *cfg, struct article_reader_options *o,
                         char *cache_path, size_t cache_cap);

/* --render: every slide to cfg->render_dir as PNG. Returns the exit status. */
int cli_render(const struct config *cfg, const char *data_dir);

/* --dump: the extracted stories as JSON on stdout. Returns the exit status. */
int cli_dump(const struct config *cfg);

/* `newsreel --snapshot FILE`: asks the running slideshow (snapshot.h) for the slide on
 * screen and paints it as --render would, at --size or the screen's size. Returns the exit
 * status (1 when no slideshow answers). */
int cli_snapshot(const struct config *cfg, const char *data_dir);

#endif
