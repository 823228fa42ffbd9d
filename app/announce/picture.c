/* picture.c: the layout of a picture slide: the picture whole, letterboxed on the ground. */
#include "announce.h"

#include "alloc.h"

#include <string.h>

static void push(struct display_list *dl, const struct dl_item *it)
{
    xgrow((void **)&dl->items, &dl->cap, dl->n + 1, sizeof *dl->items);
    dl->items[dl->n++] = *it;
}

enum nr_result announce_picture_layout(int photo_w, int photo_h, const struct theme *t,
                                       struct viewport vp, struct display_list *out,
                                       struct nr_err *err)
{
    memset(out, 0, sizeof *out);
    if (vp.w < 200 || vp.h < 120)
        return nr_fail(err, NR_ERR_USAGE, "slide of '%dx%d' px is under 200x120", vp.w, vp.h);
    if (photo_w <= 0 || photo_h <= 0)
        return nr_fail(err, NR_ERR_USAGE, "picture of '%dx%d' px", photo_w, photo_h);
    /* TV overscan: the picture stays inside the safe area as text does */
    int mx = vp.w * t->safe_area_pct / 100, my = vp.h * t->safe_area_pct / 100;
    out->safe = (struct dl_rect){ mx, my, vp.w - 2 * mx, vp.h - 2 * my };
    /* the ticker's band, when it runs, is left free as on every slide */
    struct layout_band band;
    layout_ticker_band(t, vp, &band);
    if (band.ground.h > 0 && band.ground.y < out->safe.y + out->safe.h)
        out->safe.h = band.ground.y - out->safe.y;
    if (out->safe.h < 1)
        return nr_fail(err, NR_ERR_USAGE, "slide of '%dx%d' px has no room for a picture", vp.w,
                       vp.h);
    out->shape = vp.w >= vp.h ? LAYOUT_LANDSCAPE : LAYOUT_PORTRAIT;
    push(out, &(struct dl_item){ .kind = DL_FILL,
                                 .role = ROLE_BACKGROUND,
                                 .rect = { 0, 0, vp.w, vp.h },
                                 .color = t->background });
    /* the largest size that fits, in integer arithmetic so that no side is a pixel over */
    int64_t sw = out->safe.w, sh = out->safe.h;
    int w, h;
    if (sw * photo_h <= sh * photo_w) {
        w = (int)sw;
        h = (int)(sw * photo_h / photo_w);
    } else {
        h = (int)sh;
        w = (int)(sh * photo_w / photo_h);
    }
    if (w < 1)
        w = 1;
    if (h < 1)
        h = 1;
    push(out, &(struct dl_item){ .kind = DL_PHOTO,
                                 .role = ROLE_PHOTO,
                                 .rect = { out->safe.x + (out->safe.w - w) / 2,
                                           out->safe.y + (out->safe.h - h) / 2, w, h },
                                 .src = { 0, 0, photo_w, photo_h } });
    return NR_OK;
}
