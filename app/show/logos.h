/* logos.h: each feed's logo for its kicker: the [feed NAME] logo file, else the feed's own
 * picture (feed.logo_url), fetched and decoded by the worker's job thread when a slide of
 * the feed is about to be prepared, kept small (draw_logo_decode) while the slideshow runs.
 * Main thread only. */
#ifndef NR_SHOW_LOGOS_H
#define NR_SHOW_LOGOS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct show;
struct worker_photo;
struct SDL_Surface;

/* Logo requests are photo jobs whose id has this bit and the feed's index below it. */
#define SHOW_LOGO_ID_BIT (1ull << 63)

/* Forgets every logo and sets up one slot per feed of s->pl, each with its [feed NAME]
 * logo file when it has one (a reload calls it again). */
void show_logos_reset(struct show *s);
void show_logos_free(struct show *s); /* accepts a show without logos */

/* A refresh of feed `feed` named its own logo (NULL: none). Kept when the feed has a logo
 * file; a new URL drops the old picture. Borrows url. */
void show_logos_note_url(struct show *s, size_t feed, const char *url);

/* A slide of feed `feed` is coming: asks the worker for its logo unless it is here, on
 * its way (asked within the last minute) or was refused. */
void show_logos_want(struct show *s, size_t feed);

/* Takes the logo out of a photo report when p is one (then true; p keeps nothing). */
bool show_logos_take(struct show *s, struct worker_photo *p);

/* The logo of feed `feed`, or NULL; borrowed until the next call here. */
struct SDL_Surface *show_logos_get(const struct show *s, size_t feed);

#endif
