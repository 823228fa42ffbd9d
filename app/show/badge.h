/* badge.h: the small "updated 40 min ago" label put on the slides of a stale feed. */
#ifndef NR_BADGE_H
#define NR_BADGE_H

#include "draw.h"
#include "theme.h"

#include <SDL.h>
#include <stdint.h>

struct badge; /* opaque: an open font; main thread only */

/* Opens the bundled sans bold from font_dir; NULL (logged) when it cannot: no badges then. */
struct badge *show_badge_new(const char *font_dir);
void show_badge_free(struct badge *b); /* accepts NULL */

/* "updated 40 min ago" for a success age_s seconds ago ("updated 3 h ago", "updated 2 days
 * ago"; "not updated yet" for age_s < 0). Writes into out. Pure. */
void show_badge_text(int64_t age_s, char *out, size_t len);

/* Paints text in a label at the top right of slide (inside the safe area), at the top left
 * when the on-screen language is right-to-left. With d, the text is set as the slide's own
 * (any script, bidi, font fallback); with d == NULL, in the bundled bold alone. Accepts
 * b == NULL (does nothing). Borrows everything. */
void show_badge_paint(struct badge *b, struct drawer *d, SDL_Surface *slide, const char *text,
                      const struct theme *t);

#endif
