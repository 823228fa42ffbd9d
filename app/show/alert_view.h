/* alert_view.h: an urgent alert drawn with SDL_ttf: the whole screen (Extreme, Severe) or a
 * band over a slide (Moderate, Minor), on a high-contrast ground by severity, every text
 * fitted to the space it has. Main thread only. */
#ifndef NR_ALERT_VIEW_H
#define NR_ALERT_VIEW_H

#include "alert.h"

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

struct show_alert_view; /* opaque: the font paths */

struct show_alert_view *show_alert_view_new(const char *font_dir); /* NULL: no SDL_ttf (logged) */
void show_alert_view_free(struct show_alert_view *v);              /* accepts NULL */

/* A new w x h ARGB8888 surface showing a whole-screen; margin_pct of each side kept clear
 * (the safe area). NULL when the fonts cannot be opened (logged). Free with SDL_FreeSurface. */
SDL_Surface *show_alert_view_screen(struct show_alert_view *v, const struct alert *a, int w, int h,
                                    int margin_pct, int64_t now_unix);

/* Paints a's band across slide (the top or the bottom edge). */
void show_alert_view_band(struct show_alert_view *v, SDL_Surface *slide, const struct alert *a,
                          bool top, int margin_pct, int64_t now_unix);

/* The band's height on a slide w x h. Pure. */
int show_alert_view_band_height(int w, int h);

#endif
