/* touch.h: the pause mark a paused slideshow shows (touch.c handles taps and presses). */
#ifndef NR_TOUCH_H
#define NR_TOUCH_H

#include <SDL.h>

/* Paints the pause mark into slide's top left corner, inside the safe area (percent of the
 * width). Main thread only. */
void show_touch_pause_mark(SDL_Surface *slide, int safe_area_pct);

#endif
