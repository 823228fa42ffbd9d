/* ticker.h: the ticker in the slideshow: a strip of the headlines not on screen, painted once
 * per slide as it is prepared, then moved through the band a frame at a time (a copy, no
 * drawing), or paged one headline a slide change with reduced motion. Main thread only. */
#ifndef NR_SHOW_TICKER_H
#define NR_SHOW_TICKER_H

#include "slides.h"

#include <SDL.h>
#include <stddef.h>
#include <stdint.h>

struct show;
struct show_ticker; /* opaque: the strip made for the next slide, the motion's clock */

struct show_ticker *show_ticker_new(void);
void show_ticker_free(struct show_ticker *t); /* accepts NULL */

/* A slide was painted into slide for target (the story at rotation position pos, or the
 * idle slide; on screen for dwell_ms): its band gets the still frame (reduced motion: the page), and the strip
 * for its stories is made and kept: at once on screen for SLIDES_CUR (a repaint), at the
 * next show_ticker_advance for SLIDES_NEXT. y_off: rows above the slide in the picture on
 * screen (an alert's band at the top). Nothing when the ticker is off. */
void show_ticker_paint(struct show *s, enum slides_target target, SDL_Surface *slide, size_t pos,
                       bool idle, int64_t dwell_ms, int y_off);

/* The next slide is now the current one: its strip takes the band, from its start. */
void show_ticker_advance(struct show *s, uint64_t now);

/* A frame of the moving ticker when one is due (30 a second); returns the time the next is
 * due, or next when the ticker does not move. */
uint64_t show_ticker_step(struct show *s, uint64_t now, uint64_t next);

/* Frames the ticker has drawn (for the benchmark). */
uint64_t show_ticker_frames(const struct show_ticker *t);

#endif
