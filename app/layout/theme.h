/* theme.h: colours, faces and margins a slide is drawn with (from the config). */
#ifndef NR_THEME_H
#define NR_THEME_H

#include <stdbool.h>
#include <stdint.h>

struct rgba {
    uint8_t r, g, b, a;
};

enum face {
    FACE_HEADLINE,  /* display serif, bold */
    FACE_QUOTE,     /* serif italic */
    FACE_BODY,      /* sans regular */
    FACE_BODY_BOLD, /* sans bold: kicker, credit, speaker */
    FACE_COUNT
};

struct theme {
    struct rgba background;
    struct rgba text;
    struct rgba muted;  /* dek, date, caption */
    struct rgba accent; /* kicker, quote mark, progress */
    int safe_area_pct;  /* margin on every side for TV overscan, 0..20 */
    bool show_qr;
    bool show_clock;
    bool light;  /* light theme (dark text on a light ground) */
    bool ticker; /* a band along the bottom is kept for the ticker (layout_ticker_band) */
    /* Font file per face; NULL: the bundled face. Borrowed (the config owns them). */
    const char *font_files[FACE_COUNT];
};

/* The built-in dark theme (near-black ground, one warm accent). */
void theme_default(struct theme *t);
/* The built-in light theme. */
void theme_light(struct theme *t);

#endif
