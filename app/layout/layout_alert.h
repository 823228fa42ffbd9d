/* layout_alert.h: an urgent alert's whole screen and its band over a slide as display lists,
 * set through the same text path as the slides (fallback fonts, shaping, bidi, ICU line
 * breaks). Pure: no SDL, no I/O. */
#ifndef NR_LAYOUT_ALERT_H
#define NR_LAYOUT_ALERT_H

#include "layout.h"

#include <stdbool.h>

/* The words of an alert, borrowed; NULL or "" for a part it has not. */
struct layout_alert_text {
    const char *label;       /* "WARNING · Flood" on the screen, "WARNING" on the band */
    const char *headline;    /* the message */
    const char *description; /* screen only: cut at a whole line when nothing else fits */
    const char *instruction; /* screen only */
    const char *footer;      /* screen: until and sender, at the bottom; band: until */
};

/* The severity's colours (opaque). */
struct layout_alert_colors {
    struct rgba ground, text, label_ground, label_text;
};

/* Whether the alert is laid out as the mirror image (label box and text from the right): the
 * on-screen language is right-to-left, or so is the alert's headline (its label when it has
 * none). Each line keeps its own direction. */
bool layout_alert_mirrored(const struct layout_alert_text *t);

/* The alert over a whole vp screen, margin_pct of each side kept clear: the ground, the
 * label in a box of its own, the headline, description, instruction and footer (roles
 * KICKER, HEADLINE, DEK, QUOTE, FOOTER; blocks[] holds their boxes). The sizes shrink
 * together until everything fits; only at the smallest size is the description cut, at a
 * whole line, and a part with no room left out. *out is initialised here (release it). */
void layout_alert_screen(const struct layout_alert_text *t, const struct layout_alert_colors *c,
                         struct viewport vp, int margin_pct, const struct text_measurer *m,
                         struct display_list *out);

/* The band's height on a vp slide. */
int layout_alert_band_height(struct viewport vp);

/* The alert's band across a vp slide, at its top or bottom edge (under the safe area's
 * margin too): the ground, the label box (KICKER), the headline (HEADLINE: on two smaller
 * lines when one is too short, cut with "…" as a last resort) and the footer (FOOTER) at the
 * far end only when the headline still fits whole beside it. *out as above. */
void layout_alert_band(const struct layout_alert_text *t, const struct layout_alert_colors *c,
                       struct viewport vp, bool top, int margin_pct, const struct text_measurer *m,
                       struct display_list *out);

#endif
