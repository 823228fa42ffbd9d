/* dpms.h: the screen's power, where the platform lets a program set it. Main thread only. */
#ifndef NR_DPMS_H
#define NR_DPMS_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

/* Turns the screen that shows win on or off (KMS/DRM console, X11 with the DPMS extension).
 * false, with the reason in why, where the platform offers no way: the caller's black
 * frame then stands in for it. */
bool show_dpms_set(SDL_Window *win, bool on, char *why, size_t why_len);

#endif
