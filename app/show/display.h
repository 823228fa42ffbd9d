/* display.h: the window or full screen (KMS/DRM with no X or Wayland), the renderer, screen
 * rotation, blanking outside the on hours, and burn-in drift. Main thread only. */
#ifndef NR_DISPLAY_H
#define NR_DISPLAY_H

#include "config.h"
#include "nr.h"

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

struct display;       /* opaque: owns the SDL window and renderer */
struct display_image; /* a painted slide, kept the way this display draws fastest */

/* One slide to draw: its image, its opacity and its horizontal offset. */
struct display_layer {
    const struct display_image *img; /* borrowed; NULL: nothing */
    uint8_t alpha;
    int x;
};

/* Opens the window: full screen when cfg says so or when there is no window system
 * (KMS/DRM), else a window of cfg->width x cfg->height (or 1280x720). SDL video must be
 * initialised. NULL with err when no window can be made. Borrows nothing. */
struct display *show_display_new(const struct config *cfg, struct nr_err *err);
void show_display_free(struct display *d); /* accepts NULL */

/* Takes surf (ARGB8888, slide size; consumed in every case) and makes it drawable. In
 * software the surface is kept as it is (turned once for a rotated screen) and frames are
 * composed from it by the CPU; with a GPU renderer it becomes a texture and the surface is
 * freed. NULL when no memory or texture could be had (logged). */
struct display_image *show_display_image_new(struct display *d, SDL_Surface *surf);
void show_display_image_free(struct display_image *img); /* accepts NULL */

/* Size slides are rendered at: the output size turned by the rotation (90/270 swap). */
void show_display_slide_size(const struct display *d, int *w, int *h);

/* Applies a (re)loaded config's rotation and window mode. true when the slides must be
 * painted again (their size or the rotation changed). */
bool show_display_configure(struct display *d, const struct config *cfg);

/* Looks at an SDL event. true when the slides must be rendered again: the output size
 * changed (resize, mode change) or the renderer lost its textures (device reset). */
bool show_display_handle_event(struct display *d, const SDL_Event *ev);

/* On the console (KMS/DRM): true when ev reports that a screen was plugged in, unplugged or
 * now prefers another mode (what: from which screens to which). SDL chooses the screen and
 * mode only as its video starts, so the caller starts again. False for other events. */
bool show_display_screens_changed(struct display *d, const SDL_Event *ev, char *what,
                                  size_t what_len);

/* Finishes what show_display_new had to put off to show the first slide sooner (on X11, the
 * full-screen request); call once the first slide is presented. true when the slide size
 * changed (the slides must be painted again). */
bool show_display_settle(struct display *d);

/* Window <-> full screen; true when the slide size changed. */
bool show_display_toggle_fullscreen(struct display *d);

/* Blank (outside the on hours): the screen is cleared to black and the screen saver / DPMS
 * allowed; unblanked it is kept awake. */
void show_display_set_blank(struct display *d, bool blank);
bool show_display_is_blank(const struct display *d);

/* Draws layers in order over bg, shifted by (dx, dy) for burn-in care, turned by the
 * rotation, and presents. While blank, presents black. */
void show_display_present(struct display *d, const struct display_layer *layers, size_t n,
                          struct rgba bg, int dx, int dy);

/* The ticker's strip (ARGB8888, row.h px high; taken, NULL clears) runs through row (slide
 * pixels) over every frame from now on, moved by show_display_move_band. false when it
 * will not be drawn (a turned screen, no texture, or strip NULL): the slides' own band
 * shows. */
bool show_display_set_band(struct display *d, SDL_Surface *strip, SDL_Rect row);
/* The strip's pixel at the row's start (it wraps round). */
void show_display_move_band(struct display *d, int64_t offset_px);
/* A ticker frame: only the band is drawn again and shown (the software path, where the rest
 * of the window stays as it was). false when a whole frame is needed instead
 * (show_display_present): the GPU renderer, or a window surface that changed. */
bool show_display_present_band(struct display *d, int dx, int dy);

/* Whether the screen should be on at minute_of_day (0..1439) given the on and off times;
 * on == off: always on. Pure. */
bool show_display_on_at(int on_minute, int off_minute, int minute_of_day);

/* Burn-in drift at now_ms: a slow closed path within +-drift_px, moving one pixel step at a
 * time every few minutes. Pure. */
void show_display_drift(uint64_t now_ms, int drift_px, int *dx, int *dy);

/* ms until show_display_drift's answer may next change (>= 1000). */
int64_t show_display_drift_period_ms(int drift_px);

#endif
