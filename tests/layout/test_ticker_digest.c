/* test_ticker_digest.c: the ticker's band and strip and the digest slide, laid out with a
 * fake measurer: which stories they show, where they go, and that nothing overlaps. */
#include "layout.h"
#include "layout_int.h"
#include "testsupport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Fake font: every byte half an em wide; U+E000 (its first byte 0xEE) has no glyph. */
static int fake_size(void *ctx, enum face f, int px, bool rtl, const char *s, size_t len, int *w,
                     int *h)
{
    (void)ctx, (void)f, (void)rtl;
    int units = 0;
    for (size_t i = 0; i < len; i++)
        units += ((unsigned char)s[i] & 0xc0) != 0x80; /* one per code point */
    *w = units * px / 2;
    *h = px;
    return memmem(s, len, "\xee\x80\x80", 3) ? -1 : 0;
}

static void fake_metrics(void *ctx, enum face f, int px, int *asc, int *desc)
{
    (void)ctx, (void)f;
    *asc = px * 8 / 10;
    *desc = px * 2 / 10;
}

static bool fake_has(void *ctx, enum face f, uint32_t cp)
{
    (void)ctx, (void)f;
    return cp != 0xe000;
}

static const struct text_measurer fake = { fake_size, fake_metrics, fake_has, NULL };

static const int sizes[5][2] = {
    { 800, 480 }, { 1280, 720 }, { 1920, 1080 }, { 1080, 1920 }, { 3840, 2160 }
};

static struct theme ticker_theme(bool on)
{
    struct theme t;
    theme_default(&t);
    t.ticker = on;
    return t;
}

static void test_select_leaves_out_the_slide_on_screen(void **state)
{
    size_t out[16];
    (void)state;
    assert_int_equal(layout_ticker_select(5, 2, 16, out), 4);
    assert_int_equal(out[0], 3);
    assert_int_equal(out[1], 4);
    assert_int_equal(out[2], 0);
    assert_int_equal(out[3], 1);
    assert_int_equal(layout_ticker_select(5, 2, 2, out), 2);  /* capped */
    assert_int_equal(layout_ticker_select(1, 0, 16, out), 0); /* only the one on screen */
    assert_int_equal(layout_ticker_select(0, 0, 16, out), 0);
    /* nothing on screen (the idle slide): all of them, from the first */
    assert_int_equal(layout_ticker_select(3, SIZE_MAX, 16, out), 3);
    assert_int_equal(out[0], 0);
    assert_int_equal(out[2], 2);
}

static void test_digest_lists_the_next_stories(void **state)
{
    size_t out[LAYOUT_DIGEST_MAX_ROWS];
    (void)state;
    assert_int_equal(layout_digest_select(10, 3, out), LAYOUT_DIGEST_MAX_ROWS);
    for (size_t i = 0; i < LAYOUT_DIGEST_MAX_ROWS; i++)
        assert_int_equal(out[i], 4 + i);
    assert_int_equal(layout_digest_select(10, 8, out), LAYOUT_DIGEST_MAX_ROWS);
    assert_int_equal(out[0], 9);
    assert_int_equal(out[1], 0); /* round the rotation */
    assert_int_equal(layout_digest_select(3, 0, out), 2);
    assert_int_equal(out[0], 1);
    assert_int_equal(out[1], 2);
}

static void test_band_only_when_on(void **state)
{
    struct layout_band b;
    (void)state;
    struct theme off = ticker_theme(false), on = ticker_theme(true);
    layout_ticker_band(&off, (struct viewport){ 1920, 1080 }, &b);
    assert_int_equal(b.ground.h, 0);
    assert_int_equal(b.row.h, 0);
    for (int k = 0; k < 5; k++) {
        int w = sizes[k][0], h = sizes[k][1];
        on.safe_area_pct = k == 1 ? 5 : 0;
        layout_ticker_band(&on, (struct viewport){ w, h }, &b);
        assert_true(b.row.h > 0 && b.px > 0 && b.px < b.row.h);
        assert_int_equal(b.ground.y + b.ground.h, h); /* down to the bottom edge */
        assert_int_equal(b.ground.w, w);
        assert_true(b.row.y >= b.ground.y && b.row.y + b.row.h <= h - h * on.safe_area_pct / 100);
        assert_true(b.row.h < h / 8); /* a band, not a slide */
    }
}

static struct story story_with_photo(void)
{
    return (struct story){
        .headline = "Night ferry to run across the harbour from spring",
        .quote = "People who clean our offices should not have to walk forty minutes home.",
        .speaker = "Elena Marsh",
        .caption = "The Eastbank ferry crossing the harbour at dusk",
        .credit = "Newsreel sample",
        .source = "Harbourton Herald",
        .link = "https://example.org/ferry",
    };
}

/* Every item of a slide but the background and the band itself ends above the band. */
static void assert_clear_of_band(const struct display_list *dl, const struct layout_band *b)
{
    for (size_t i = 0; i < dl->n; i++) {
        const struct dl_item *it = &dl->items[i];
        if (it->role == ROLE_BACKGROUND || it->role == ROLE_TICKER)
            continue;
        if (it->rect.y + it->rect.h > b->ground.y)
            fail_msg("item of role %d at y %d..%d reaches into the band at %d", (int)it->role,
                     it->rect.y, it->rect.y + it->rect.h, b->ground.y);
    }
}

static void test_slide_leaves_the_band_free(void **state)
{
    (void)state;
    struct story s = story_with_photo();
    struct slide_meta meta = { .index = 2, .count = 8, .now_unix = 1700000000 };
    for (int photo = 0; photo < 2; photo++) {
        meta.photo_w = photo ? 1600 : 0;
        meta.photo_h = photo ? 900 : 0;
        for (int k = 0; k < 5; k++) {
            struct theme t = ticker_theme(true);
            struct viewport vp = { sizes[k][0], sizes[k][1] };
            struct display_list dl;
            struct nr_err err = { 0 };
            struct layout_band b;
            layout_ticker_band(&t, vp, &b);
            assert_int_equal(layout_slide(&s, &t, vp, &meta, &fake, &dl, &err), NR_OK);
            if (!layout_check(&dl, &fake, &err))
                fail_msg("%dx%d photo %d: %s", vp.w, vp.h, photo, err.msg);
            assert_clear_of_band(&dl, &b);
            assert_true(dl.blocks[ROLE_FOOTER].present); /* the footer still shows */
            bool ground = false;
            for (size_t i = 0; i < dl.n; i++)
                ground = ground ||
                         (dl.items[i].role == ROLE_TICKER && dl.items[i].rect.y == b.ground.y &&
                          dl.items[i].rect.h == b.ground.h);
            assert_true(ground);
            display_list_release(&dl);
        }
    }
}

static void test_strip_runs_source_then_headline(void **state)
{
    (void)state;
    struct theme t = ticker_theme(true);
    struct layout_band b;
    layout_ticker_band(&t, (struct viewport){ 1920, 1080 }, &b);
    struct ticker_item items[] = {
        { "Harbourton Herald", "Library opens a repair cafe" },
        { NULL, NULL }, /* nothing to say: left out */
        { "City Desk", "Night trains return" },
    };
    struct display_list dl;
    int strip_w = 0;
    layout_ticker_strip(items, 3, &t, &b, 0, &fake, &dl, &strip_w);
    assert_true(strip_w > 0);
    assert_int_equal(dl.items[0].kind, DL_FILL); /* the band's ground under it all */
    assert_int_equal(dl.items[0].rect.w, strip_w);
    /* two items, each source + headline + separator, in reading order */
    size_t texts = 0;
    int last_x = -1;
    for (size_t i = 0; i < dl.n; i++) {
        const struct dl_item *it = &dl.items[i];
        if (it->kind != DL_TEXT)
            continue;
        assert_true(it->rect.x > last_x);
        assert_true(it->rect.x + it->rect.w <= strip_w);
        assert_true(it->rect.y >= 0 && it->rect.y + it->rect.h <= b.row.h);
        last_x = it->rect.x;
        texts++;
    }
    assert_int_equal(texts, 6);
    assert_string_equal(dl.items[1].runs[0].utf8, "HARBOURTON HERALD");
    assert_memory_equal(&dl.items[1].color, &t.accent, sizeof t.accent);
    assert_string_equal(dl.items[2].runs[0].utf8, "Library opens a repair cafe");
    assert_memory_equal(&dl.items[2].color, &t.text, sizeof t.text);
    display_list_release(&dl);

    layout_ticker_strip(items + 1, 1, &t, &b, 0, &fake, &dl, &strip_w); /* nothing to show */
    assert_int_equal(strip_w, 0);
    display_list_release(&dl);
}

static void test_strip_is_capped(void **state)
{
    (void)state;
    struct theme t = ticker_theme(true);
    struct layout_band b;
    layout_ticker_band(&t, (struct viewport){ 3840, 2160 }, &b);
    static struct ticker_item items[300];
    char head[1200];
    memset(head, 'x', sizeof head - 1);
    head[sizeof head - 1] = '\0';
    for (size_t i = 0; i < 300; i++)
        items[i] = (struct ticker_item){ "Source", i == 0 ? head : "A headline of some length" };
    struct display_list dl;
    int strip_w = 0;
    layout_ticker_strip(items, 300, &t, &b, 0, &fake, &dl, &strip_w);
    assert_true(strip_w > 0 && strip_w <= LAYOUT_TICKER_MAX_W);
    for (size_t i = 0; i < dl.n; i++)
        if (dl.items[i].rect.x + dl.items[i].rect.w > LAYOUT_TICKER_MAX_W)
            fail_msg("item %zu of %zu at %d + %d", i, dl.n, dl.items[i].rect.x, dl.items[i].rect.w);
    display_list_release(&dl);
    /* a narrower cap: what the slide's time shows */
    layout_ticker_strip(items + 1, 299, &t, &b, 3000, &fake, &dl, &strip_w);
    assert_true(strip_w > 1500 && strip_w <= 3000);
    display_list_release(&dl);
}

static void test_page_fits_the_row(void **state)
{
    (void)state;
    struct theme t = ticker_theme(true);
    struct layout_band b;
    layout_ticker_band(&t, (struct viewport){ 800, 480 }, &b);
    struct ticker_item it = { "Harbourton Herald",
                              "A very long headline that cannot possibly fit on one line of a "
                              "small screen and must be cut" };
    struct ticker_item rtl = { "\xd8\xa7\xd9\x84\xd8\xac\xd8\xb2\xd9\x8a\xd8\xb1\xd8\xa9",
                               "\xd8\xae\xd8\xa8\xd8\xb1 \xd8\xb9\xd8\xa7\xd8\xac\xd9\x84" };
    const struct ticker_item *cases[] = { &it, &rtl };
    for (int c = 0; c < 2; c++) {
        struct display_list dl;
        layout_ticker_page(cases[c], &t, &b, &fake, &dl);
        size_t texts = 0;
        for (size_t i = 0; i < dl.n; i++) {
            const struct dl_item *x = &dl.items[i];
            if (x->kind != DL_TEXT)
                continue;
            texts++;
            assert_true(x->rect.x >= b.row.x && x->rect.x + x->rect.w <= b.row.x + b.row.w);
            assert_true(x->rect.y >= b.row.y && x->rect.y + x->rect.h <= b.row.y + b.row.h);
        }
        assert_int_equal(texts, 2);
        display_list_release(&dl);
    }
}

#define AR_SOURCE "\xd8\xa7\xd9\x84\xd8\xac\xd8\xb2\xd9\x8a\xd8\xb1\xd8\xa9"    /* الجزيرة */
#define AR_HEADLINE "\xd8\xae\xd8\xa8\xd8\xb1 \xd8\xb9\xd8\xa7\xd8\xac\xd9\x84" /* خبر عاجل */

static int right_of(const struct dl_item *it)
{
    return it->rect.x + it->rect.w;
}

/* A screen that reads from the right: the first item at the strip's right end and the next
 * to its left, each separator on its item's left, and inside each item the pieces in the
 * item's own order (an English source left of its headline, an Arabic one right of it). */
static void test_strip_mirrored_for_a_right_to_left_screen(void **state)
{
    (void)state;
    struct theme t = ticker_theme(true);
    struct layout_band b;
    layout_ticker_band(&t, (struct viewport){ 1920, 1080 }, &b);
    struct ticker_item items[] = {
        { "Harbourton Herald", "Library opens a repair cafe" },
        { AR_SOURCE, AR_HEADLINE },
        { "City Desk", "Night trains return" },
    };
    struct display_list ltr, rtl;
    int w_ltr = 0, w_rtl = 0;
    b.rtl = false;
    layout_ticker_strip(items, 3, &t, &b, 0, &fake, &ltr, &w_ltr);
    b.rtl = true;
    layout_ticker_strip(items, 3, &t, &b, 0, &fake, &rtl, &w_rtl);
    assert_int_equal(w_ltr, w_rtl);
    assert_int_equal(ltr.n, rtl.n);
    assert_int_equal(rtl.n, 10); /* the ground, then three times two pieces and a bullet */
    const struct dl_item *it = rtl.items;
    /* item 1: source, headline, bullet; item 2 (Arabic): headline, source, bullet */
    assert_string_equal(it[1].runs[0].utf8, "HARBOURTON HERALD");
    assert_int_equal(right_of(&it[2]), w_rtl);    /* the first item ends the strip */
    assert_true(right_of(&it[1]) < it[2].rect.x); /* read from its left, source first */
    assert_true(right_of(&it[3]) < it[1].rect.x); /* its bullet on its left */
    assert_true(right_of(&it[5]) < it[3].rect.x); /* the Arabic item next, to the left */
    assert_true(right_of(&it[4]) < it[5].rect.x); /* its source right of its headline */
    assert_true(right_of(&it[6]) < it[4].rect.x);
    assert_true(right_of(&it[8]) < it[6].rect.x); /* the third item, then its bullet */
    assert_true(right_of(&it[9]) < it[7].rect.x);
    assert_true(it[9].rect.x >= 0);
    /* the mirror image of the left-to-right strip, item by item */
    for (size_t i = 1; i < rtl.n; i++) {
        assert_int_equal(rtl.items[i].rect.w, ltr.items[i].rect.w);
        assert_true(rtl.items[i].clip.x <= rtl.items[i].rect.x);
    }
    assert_int_equal(it[3].rect.x, w_rtl - right_of(&ltr.items[3]));
    display_list_release(&ltr);
    display_list_release(&rtl);
}

/* The strip's pixel at the row's start: left-to-right it moves left (the pixel under a
 * point of the screen grows), right-to-left it starts with its last pixel at the row's end
 * and moves right. */
static void test_offset_runs_the_other_way(void **state)
{
    (void)state;
    const int row_w = 1000, strip_w = 3000;
    assert_int_equal(layout_ticker_offset(false, row_w, 0), 0);
    assert_int_equal(layout_ticker_offset(false, row_w, 40), 40);
    for (int64_t px = 0; px < 5000; px += 700) {
        int64_t at_end = ((row_w - 1) + layout_ticker_offset(true, row_w, px)) % strip_w;
        if (at_end < 0)
            at_end += strip_w;
        int64_t want = ((strip_w - 1 - px) % strip_w + strip_w) % strip_w;
        assert_int_equal(at_end, want);
    }
}

/* A right-to-left screen's page: an English item at the row's right end, read from its
 * left; an Arabic item at the right end as on any screen. */
static void test_page_from_the_right(void **state)
{
    (void)state;
    struct theme t = ticker_theme(true);
    struct layout_band b;
    layout_ticker_band(&t, (struct viewport){ 1920, 1080 }, &b);
    b.rtl = true;
    struct ticker_item en = { "City Desk", "Night trains return" }, ar = { AR_SOURCE, AR_HEADLINE };
    const struct ticker_item *cases[] = { &en, &ar };
    for (int c = 0; c < 2; c++) {
        struct display_list dl;
        layout_ticker_page(cases[c], &t, &b, &fake, &dl);
        assert_int_equal(dl.n, 2);
        const struct dl_item *src = &dl.items[0], *head = &dl.items[1];
        int end = b.row.x + b.row.w;
        if (c == 0) {
            assert_int_equal(right_of(head), end);
            assert_true(right_of(src) < head->rect.x);
        } else {
            assert_int_equal(right_of(src), end);
            assert_true(right_of(head) < src->rect.x);
        }
        display_list_release(&dl);
    }
}

/* With a right-to-left screen the first column is the right one; an Arabic row has its source
 * at the right of its first line and its time left of that, an English row the other way. */
static void test_digest_columns_from_the_right(void **state)
{
    (void)state;
    struct digest_entry e[4] = {
        { AR_SOURCE, AR_HEADLINE " " AR_HEADLINE, true, 1700000000 - 720 },
        { "City Desk", "School orchestra wins national prize", true, 1700000000 - 7200 },
        { AR_SOURCE, AR_HEADLINE, true, 1700000000 - 600 },
        { "Weather", "Frost tonight", true, 1700000000 - 60 },
    };
    struct theme t = ticker_theme(false);
    for (int mirrored = 0; mirrored < 2; mirrored++) {
        struct slide_meta meta = { .now_unix = 1700000000, .chrome_rtl = mirrored };
        struct display_list dl;
        struct nr_err err = { 0 };
        size_t rows = 0;
        assert_int_equal(layout_digest(e, 4, &t, (struct viewport){ 1920, 1080 }, &meta, &fake, &dl,
                                       &rows, &err),
                         NR_OK);
        assert_int_equal(rows, 4);
        assert_true(layout_digest_check(&dl, &fake, &err));
        /* each row's first line: its source, then its time */
        const struct dl_item *line[4][2];
        size_t row = 0, k = 0;
        int last_clip_y = -1, last_clip_x = -1;
        for (size_t i = 0; i < dl.n && row < 4; i++) {
            const struct dl_item *it = &dl.items[i];
            if (it->role != ROLE_DIGEST)
                continue;
            if (it->clip.x != last_clip_x || it->clip.y != last_clip_y) {
                if (last_clip_x >= 0)
                    row++;
                k = 0;
                last_clip_x = it->clip.x;
                last_clip_y = it->clip.y;
            }
            if (row < 4 && k < 2)
                line[row][k++] = it;
        }
        /* rows 0 and 1 in the first column: the right one when mirrored */
        bool first_right = line[0][0]->clip.x > 1920 / 2;
        assert_int_equal(first_right, mirrored);
        assert_int_equal(line[2][0]->clip.x > 1920 / 2, !mirrored);
        for (int r = 0; r < 4; r++) {
            const struct dl_item *src = line[r][0], *age = line[r][1];
            if (r % 2 == 0) { /* Arabic */
                assert_int_equal(right_of(src), src->clip.x + src->clip.w);
                assert_true(right_of(age) <= src->rect.x);
            } else {
                assert_int_equal(src->rect.x, src->clip.x);
                assert_true(age->rect.x >= right_of(src));
            }
        }
        display_list_release(&dl);
    }
}

static struct digest_entry entries[LAYOUT_DIGEST_MAX_ROWS] = {
    { "Harbourton Herald", "Archaeologists map a lost river bed beneath the market square", true,
      1700000000 - 720 },
    { "City Desk", "School orchestra wins national prize", true, 1700000000 - 7200 },
    { "Harbourton Herald", "Heat pump grants will run out in three weeks, council warns", false,
      0 },
    { "A source whose name goes on and on and on beyond any column",
      "Night trains return to the coast line after ten years of waiting for the money, the "
      "timetable, the drivers and the rolling stock, said everyone involved, again and again",
      true, 1700000000 - 30 },
    { "Weather", "Frost tonight", true, 1699000000 },
    { "Sport", "Harbourton wins the cup", true, 1700000000 - 600 },
};

static void test_digest_fits_at_every_size(void **state)
{
    (void)state;
    struct slide_meta meta = { .now_unix = 1700000000 };
    for (int on = 0; on < 2; on++) {
        for (int k = 0; k < 5; k++) {
            struct theme t = ticker_theme(on);
            struct viewport vp = { sizes[k][0], sizes[k][1] };
            struct display_list dl;
            struct nr_err err = { 0 };
            struct layout_band b;
            size_t rows = 0;
            layout_ticker_band(&t, vp, &b);
            assert_int_equal(layout_digest(entries, LAYOUT_DIGEST_MAX_ROWS, &t, vp, &meta, &fake,
                                           &dl, &rows, &err),
                             NR_OK);
            if (!layout_digest_check(&dl, &fake, &err))
                fail_msg("%dx%d ticker %d: %s", vp.w, vp.h, on, err.msg);
            if (rows < LAYOUT_DIGEST_MIN_ROWS)
                fail_msg("%dx%d ticker %d: only %zu rows", vp.w, vp.h, on, rows);
            if (on)
                assert_clear_of_band(&dl, &b);
            /* the rows of a portrait screen stack in one column */
            bool one_col = true, saw_minutes = false;
            int x0 = -1;
            for (size_t i = 0; i < dl.n; i++) {
                if (dl.items[i].role != ROLE_DIGEST)
                    continue;
                if (x0 < 0)
                    x0 = dl.items[i].clip.x;
                one_col = one_col && dl.items[i].clip.x == x0;
                saw_minutes = saw_minutes || strstr(dl.items[i].runs[0].utf8, "12 min ago");
            }
            if (vp.h > vp.w)
                assert_true(one_col);
            assert_true(saw_minutes);
            display_list_release(&dl);
        }
    }
}

static void test_digest_with_few_stories(void **state)
{
    (void)state;
    struct slide_meta meta = { .now_unix = 1700000000 };
    struct theme t = ticker_theme(false);
    struct display_list dl;
    struct nr_err err = { 0 };
    size_t rows = 9;
    assert_int_equal(layout_digest(entries, 2, &t, (struct viewport){ 1920, 1080 }, &meta, &fake,
                                   &dl, &rows, &err),
                     NR_OK);
    assert_int_equal(rows, 2);
    assert_true(layout_digest_check(&dl, &fake, &err));
    display_list_release(&dl);
    assert_int_equal(
        layout_digest(entries, 2, &t, (struct viewport){ 100, 80 }, &meta, &fake, &dl, &rows, &err),
        NR_ERR_USAGE);
    display_list_release(&dl);
}

static void test_digest_check_sees_an_overlap(void **state)
{
    (void)state;
    struct slide_meta meta = { .now_unix = 1700000000 };
    struct theme t = ticker_theme(true);
    struct display_list dl;
    struct nr_err err = { 0 };
    size_t rows = 0;
    assert_int_equal(layout_digest(entries, 6, &t, (struct viewport){ 1920, 1080 }, &meta, &fake,
                                   &dl, &rows, &err),
                     NR_OK);
    /* the last row pushed down into the band: the check must say so */
    for (size_t i = dl.n; i-- > 0;) {
        if (dl.items[i].role == ROLE_DIGEST) {
            dl.items[i].clip.y += 1080;
            dl.items[i].rect.y += 1080;
            break;
        }
    }
    assert_false(layout_digest_check(&dl, &fake, &err));
    display_list_release(&dl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_select_leaves_out_the_slide_on_screen),
        cmocka_unit_test(test_digest_lists_the_next_stories),
        cmocka_unit_test(test_band_only_when_on),
        cmocka_unit_test(test_slide_leaves_the_band_free),
        cmocka_unit_test(test_strip_runs_source_then_headline),
        cmocka_unit_test(test_strip_is_capped),
        cmocka_unit_test(test_page_fits_the_row),
        cmocka_unit_test(test_digest_fits_at_every_size),
        cmocka_unit_test(test_digest_with_few_stories),
        cmocka_unit_test(test_digest_check_sees_an_overlap),
        cmocka_unit_test(test_strip_mirrored_for_a_right_to_left_screen),
        cmocka_unit_test(test_offset_runs_the_other_way),
        cmocka_unit_test(test_page_from_the_right),
        cmocka_unit_test(test_digest_columns_from_the_right),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
