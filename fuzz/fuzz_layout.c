/* fuzz_layout.c: layout_slide() with fixed font metrics (no SDL) on any story, viewport,
 * photo size and theme; then layout_check() must hold, and layout_format_age() and
 * layout_smart_quotes() are fed the same bytes.
 *
 * Input: a 16-byte header (viewport w and h, photo w and h as little-endian 16-bit values;
 * slide index and count; theme flags and safe area; publication age; UTC offset), then
 * NUL-separated fields: headline, dek, quote, speaker, caption, credit, source, link,
 * photo URL, id. Fields are made valid UTF-8 first, as story.h promises. */
#include "fuzz.h"

#include "alloc.h"
#include "layout.h"
#include "story.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

#define HEADER_BYTES 16
#define NOW_UNIX INT64_C(1643400000) /* 2022-01-28 */

enum {
    S_HEADLINE,
    S_DEK,
    S_QUOTE,
    S_SPEAKER,
    S_CAPTION,
    S_CREDIT,
    S_SOURCE,
    S_LINK,
    S_PHOTO,
    S_ID,
    S_COUNT
};

/* A monospace-ish measurer: a fixed advance per code point (wide for CJK), nothing for
 * combining marks, and no glyph at all in the private use area, so layout meets text that
 * no font can show as well. */
static bool fixed_has_glyph(void *ctx, enum face face, uint32_t cp)
{
    (void)ctx;
    (void)face;
    return !(cp >= 0xE000 && cp <= 0xF8FF) && cp != 0xFFFF && cp != 0xFFFE;
}

static int fixed_advance(uint32_t cp, int px)
{
    if (cp >= 0x300 && cp <= 0x36F)
        return 0;
    if (cp >= 0x1100 &&
        (cp <= 0x115F || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x1F300 && cp <= 0x1FAFF)))
        return px;
    return px * 55 / 100;
}

static int fixed_size(void *ctx, enum face face, int px, bool rtl, const char *utf8, size_t len,
                      int *w, int *h)
{
    (void)rtl;
    FUZZ_CHECK(px > 0 && px < 10000, "measured font size is sane");
    int64_t width = 0;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = nr_utf8_decode(utf8 + i, len - i, &cp);
        FUZZ_CHECK(n > 0, "progress through measured text");
        if (!fixed_has_glyph(ctx, face, cp))
            return -1;
        width += fixed_advance(cp, px);
        i += n;
    }
    *w = width > 1000000000 ? 1000000000 : (int)width;
    *h = px * 12 / 10;
    return 0;
}

static void fixed_metrics(void *ctx, enum face face, int px, int *ascent, int *descent)
{
    (void)ctx;
    (void)face;
    *ascent = px * 9 / 10;
    *descent = px * 3 / 10;
}

static const struct text_measurer fixed_measurer = {
    .size = fixed_size,
    .metrics = fixed_metrics,
    .has_glyph = fixed_has_glyph,
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_quiet_log();
    return 0;
}

static int u16(const uint8_t *p)
{
    return p[0] | p[1] << 8;
}

static bool inside(struct dl_rect r, int w, int h)
{
    return r.x >= 0 && r.y >= 0 && r.w >= 0 && r.h >= 0 && r.x <= w - r.w && r.y <= h - r.h;
}

static void check_display_list(const struct display_list *dl, struct viewport vp,
                               const struct slide_meta *meta)
{
    struct nr_err err = { 0 };
    if (!layout_check(dl, &fixed_measurer, &err))
        fuzz_violation(__FILE__, __LINE__, err.msg, "layout_check");
    FUZZ_CHECK(dl->n <= dl->cap, "display list count");
    for (size_t i = 0; i < dl->n; i++) {
        const struct dl_item *it = &dl->items[i];
        FUZZ_CHECK(it->n_runs == 0 || it->runs, "runs of a text item");
        for (size_t r = 0; r < it->n_runs; r++) {
            FUZZ_CHECK(it->runs[r].utf8, "text of a run");
            FUZZ_CHECK(strlen(it->runs[r].utf8) >= it->runs[r].len, "length of a run");
            FUZZ_CHECK(nr_utf8_valid(it->runs[r].utf8, it->runs[r].len), "UTF-8 of a run");
        }
        if (it->kind == DL_PHOTO) {
            /* the crop is in the photo's own pixels: outside it, draw would read garbage */
            FUZZ_CHECK(meta->photo_w > 0 && meta->photo_h > 0, "a photo item needs a photo");
            FUZZ_CHECK(inside(it->src, meta->photo_w, meta->photo_h), "photo crop in the photo");
            FUZZ_CHECK(it->src.w > 0 && it->src.h > 0, "photo crop not empty");
        }
        if (it->kind == DL_QR)
            FUZZ_CHECK(it->qr_text, "QR text");
        if (it->kind != DL_TEXT)
            FUZZ_CHECK(inside(it->rect, vp.w, vp.h), "item inside the slide");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t hdr[HEADER_BYTES] = { 0 };
    memcpy(hdr, data, size < HEADER_BYTES ? size : HEADER_BYTES);
    struct fuzz_in in;
    fuzz_in_init(&in, data, size);
    in.pos = size < HEADER_BYTES ? size : HEADER_BYTES;

    char *f[S_COUNT];
    for (int i = 0; i < S_COUNT; i++) {
        char *raw = fuzz_field(&in);
        f[i] = raw ? nr_utf8_sanitize(raw, strlen(raw)) : NULL;
        free(raw);
    }
    if (!f[S_HEADLINE])
        f[S_HEADLINE] = xstrdup("Putin says West has 'ignored' Russia's security concerns");
    if (f[S_QUOTE] && !f[S_SPEAKER]) /* story.h: speaker whenever quote */
        f[S_SPEAKER] = xstrdup("Vladimir Putin");

    int32_t age_units;
    memcpy(&age_units, hdr + 11, sizeof age_units);
    struct story s = {
        .id = f[S_ID],
        .headline = f[S_HEADLINE],
        .dek = f[S_DEK],
        .quote = f[S_QUOTE],
        .speaker = f[S_SPEAKER],
        .caption = f[S_CAPTION],
        .credit = f[S_CREDIT],
        .source = f[S_SOURCE],
        .link = f[S_LINK],
        .photo_url = f[S_PHOTO],
        .has_published = hdr[10] & 8,
        /* +-4000 years around now: every date feed_parse_date can give */
        .published_unix = NOW_UNIX - (int64_t)age_units * 64,
    };
    struct theme t = {
        .background = { 17, 17, 17, 255 },
        .text = { 245, 245, 240, 255 },
        .muted = { 170, 170, 165, 255 },
        .accent = { 232, 136, 58, 255 },
        .light = hdr[10] & 1,
        .show_qr = hdr[10] & 2,
        .show_clock = hdr[10] & 4,
        .safe_area_pct = (hdr[10] >> 4) % 21,
    };
    struct viewport vp = { .w = u16(hdr) % 8193, .h = u16(hdr + 2) % 8193 };
    struct slide_meta meta = {
        .photo_w = u16(hdr + 4) % 10001,
        .photo_h = u16(hdr + 6) % 10001,
        .index = hdr[8],
        .count = hdr[9],
        .now_unix = NOW_UNIX,
        .utc_offset_s = ((int)(hdr[15] % 113) - 56) * 900, /* -14 h .. +14 h */
    };
    if (meta.photo_w == 0 || meta.photo_h == 0)
        meta.photo_w = meta.photo_h = 0;
    if (meta.count && meta.index >= meta.count)
        meta.index %= meta.count;

    struct display_list dl;
    struct nr_err err = { 0 };
    enum nr_result rc = layout_slide(&s, &t, vp, &meta, &fixed_measurer, &dl, &err);
    if (vp.w < 200 || vp.h < 120)
        FUZZ_CHECK(rc == NR_ERR_USAGE, "a viewport under 200 x 120 is refused");
    else if (rc == NR_OK)
        check_display_list(&dl, vp, &meta);
    display_list_release(&dl); /* layout.h: release even on failure */

    char age[64];
    layout_format_age(s.published_unix, meta.now_unix, meta.utc_offset_s, age, sizeof age);
    FUZZ_CHECK(memchr(age, 0, sizeof age) && nr_utf8_valid(age, strlen(age)), "age text");

    char *smart = layout_smart_quotes(s.headline);
    FUZZ_CHECK(smart && nr_utf8_valid(smart, strlen(smart)), "smart quotes text");
    free(smart);

    for (int i = 0; i < S_COUNT; i++)
        free(f[i]);
    return 0;
}
