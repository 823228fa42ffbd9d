/* compose.h: frames made by the CPU, straight into the window's pixels: a slide placed on the
 * ground, two slides cross-faded or side by side, and slides turned for a rotated screen.
 * For the software path (display.c), where SDL's renderer would clear the frame, copy the
 * old slide and blend the new one in three passes of generic per-pixel code; here a fade
 * frame is one pass the compiler vectorizes. Pure: pixel arrays in, pixel arrays out. */
#ifndef NR_COMPOSE_H
#define NR_COMPOSE_H

#include <stddef.h>
#include <stdint.h>

/* 32-bit pixels with blue in the lowest byte (SDL's ARGB8888 or RGB888 in memory); the
 * fourth byte is carried through (opaque slides keep it 0xFF; a window ignores it). */
struct compose_image {
    const uint32_t *px;
    int w, h;
    int pitch; /* in pixels */
};

struct compose_layer {
    const struct compose_image *img;
    int x, y;      /* top-left corner in the frame; may be partly or wholly outside */
    uint8_t alpha; /* 255 opaque, 0 skipped */
};

/* Paints layers in order over bg into frame (w x h, pitch in pixels). Two layers at the same
 * place, the first opaque, are blended in a single pass (a cross-fade frame). */
void show_compose_frame(uint32_t *frame, int w, int h, int pitch, uint32_t bg,
                        const struct compose_layer *layers, size_t n);

/* Turns src clockwise by deg (90, 180 or 270; else copies) into dst, which is src's size
 * with w and h swapped for 90 and 270. */
void show_compose_rotate(const struct compose_image *src, int deg, uint32_t *dst, int dst_pitch);

#endif
