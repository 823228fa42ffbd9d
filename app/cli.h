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

struct drawer;
struct slide_info;
struct SDL_Surface;
struct cJSON;
/* --render: the ticker of a slide in its band (when cfg's ticker is on): the stories of l
 * not on it, from the one after cur (l->n or more: from the first). */
void cli_render_ticker(const struct config *cfg, struct drawer *d, const struct story_list *l,
                       size_t cur, struct SDL_Surface *slide);
/* How many slides the announcements folder holds now (0: none, or no folder), for the
 * slide counter of --render's story slides. */
size_t cli_announcement_count(const struct config *cfg);
/* --render: the announcements folder's slides (all of them; those not shown now are
 * named), numbered after the stories of l, with the ticker of l's stories; problems logged
 * with file and line and counted in *failed. Returns the slides written. */
size_t cli_render_announcements(const struct config *cfg, struct drawer *d,
                                const struct story_list *l, int w, int h, size_t *failed);
/* The slide of an announcement's story (announce_story_is) at w x h, its picture read from
 * the folder: as --render and the slideshow paint it. NULL with err. */
struct SDL_Surface *cli_announcement_slide(struct drawer *d, const struct config *cfg,
                                           const struct story *st, const struct slide_info *info,
                                           int w, int h, struct nr_err *err);
/* --dump: "announcements" (file, kind, title, body, image, showing_now) and
 * "announcement_errors" added to root when cfg names a folder. */
void cli_dump_announcements(const struct config *cfg, struct cJSON *root);

/* --dump: the extracted stories as JSON on stdout. Returns the exit status. */
int cli_dump(const struct config *cfg);

/* `newsreel --snapshot FILE`: asks the running slideshow (snapshot.h) for the slide on
 * screen and paints it as --render would, at --size or the screen's size. Returns the exit
 * status (1 when no slideshow answers). */
int cli_snapshot(const struct config *cfg, const char *data_dir);

#endif
