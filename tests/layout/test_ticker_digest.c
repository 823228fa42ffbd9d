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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
