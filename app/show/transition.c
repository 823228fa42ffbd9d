/* transition.c: the crossfade and slide curves. */
#include "transition.h"

void show_transition_frame(enum transition kind, uint64_t elapsed_ms, int duration_ms, int width_px,
                           struct transition_frame *out)
{
    *out = (struct transition_frame){ .in_alpha = 255, .done = true };
    if (kind == TRANSITION_CUT || duration_ms <= 0 || elapsed_ms >= (uint64_t)duration_ms)
        return;
    double t = (double)elapsed_ms / duration_ms;
    double e = t * t * (3.0 - 2.0 * t); /* smoothstep */
    out->done = false;
    if (kind == TRANSITION_CROSSFADE) {
        out->in_alpha = (uint8_t)(e * 255.0 + 0.5);
    } else {
        /* the new slide pushes the old one out to the left */
        int shift = (int)(e * width_px + 0.5);
        out->out_x = -shift;
        out->in_x = width_px - shift;
    }
}
