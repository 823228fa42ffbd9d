/* theme.c: the built-in dark and light themes. */
#include "theme.h"

void theme_default(struct theme *t)
{
    *t = (struct theme){
        .background = { 0x12, 0x14, 0x17, 0xff },
        .text = { 0xf3, 0xef, 0xe6, 0xff },
        .muted = { 0xa4, 0xa9, 0xae, 0xff },
        .accent = { 0xe8, 0xa9, 0x5c, 0xff },
        .safe_area_pct = 0,
        .show_qr = true,
        .show_clock = true,
        .light = false,
    };
}

void theme_light(struct theme *t)
{
    *t = (struct theme){
        .background = { 0xf6, 0xf3, 0xec, 0xff },
        .text = { 0x17, 0x18, 0x1b, 0xff },
        .muted = { 0x5c, 0x60, 0x66, 0xff },
        .accent = { 0xb0, 0x4a, 0x12, 0xff },
        .safe_area_pct = 0,
        .show_qr = true,
        .show_clock = true,
        .light = true,
    };
}
