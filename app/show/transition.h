/* transition.h: what a transition looks like at a moment: crossfade, slide or cut. Pure. */
#ifndef NR_TRANSITION_H
#define NR_TRANSITION_H

#include "config.h"

#include <stdbool.h>
#include <stdint.h>

struct transition_frame {
    uint8_t in_alpha; /* opacity of the incoming slide (drawn over the outgoing one) */
    int out_x, in_x;  /* horizontal offsets in px of the outgoing and incoming slides */
    bool done;        /* the incoming slide is fully in place: the transition is over */
};

/* The frame elapsed_ms into a transition of duration_ms across a slide width_px wide.
 * Eased (smoothstep) so that motion starts and ends softly. A cut, or a duration of 0,
 * is done at once. */
void show_transition_frame(enum transition kind, uint64_t elapsed_ms, int duration_ms, int width_px,
                           struct transition_frame *out);

#endif
