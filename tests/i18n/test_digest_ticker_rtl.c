/* test_digest_ticker_rtl.c: the digest slide and the ticker on an Arabic screen, with the real
 * fonts and catalogue, at 1920x1080, 1080x1920 and 800x480: every letter has a font, the
 * title and the first column read from the right, each row's source and time sit on its own
 * side, and the ticker's first headline starts at the right end of its band. `test_digest_
 * ticker_rtl DIR` also writes the pictures to DIR. */
#include "testsupport.h"

#include "draw.h"
#include "i18n.h"
#include "layout.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *out_dir;
static char catalogues[4096];
static struct drawer *drawer;
static struct theme theme;

static const int sizes[][2] = { { 1920, 1080 }, { 1080, 1920 }, { 800, 480 } };
static const int64_t NOW = 1796205600;

static const struct digest_entry entries[] = {
    { "أخبار المدينة", "افتتاح خط جديد للعبارات الليلية عبر الميناء اعتباراً من الربيع المقبل", true,
      NOW - 12 * 60 },
    { "Harbourton Herald", "Harbour ferry to run all night from spring", true, NOW - 3 * 3600 },
    { "أخبار المدينة", "المجلس البلدي يوافق على ميزانية المدارس بعد نقاش طويل", true,
      NOW - 5 * 3600 },
    { "חדשות העיר", "הספרייה העירונית נפתחת מחדש אחרי שיפוץ של שנתיים", true, NOW - 40 * 60 },
};
#define N_ENTRIES (sizeof entries / sizeof entries[0])

static uint32_t pixel(SDL_Surface *s, int x, int y)
{
    return ((uint32_t *)((uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch))[x] & 0xFFFFFF;
}

static uint32_t rgb(struct rgba c)
{
    return (uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b;
}

static void save(SDL_Surface *s, const char *name, int w, int h)
{
    if (!out_dir)
        return;
    char path[4200];
    struct nr_err err = { 0 };
    snprintf(path, sizeof path, "%s/%s-%dx%d.png", out_dir, name, w, h);
    assert_int_equal(draw_save_png(s, path, &err), NR_OK);
}

/* The leftmost and rightmost x in r whose pixel is not bg; -1, -1 when there is none. */
static void ink_span(SDL_Surface *s, struct dl_rect r, uint32_t bg, int *lo, int *hi)
{
    *lo = -1;
    *hi = -1;
    for (int y = r.y; y < r.y + r.h; y++)
        for (int x = r.x; x < r.x + r.w; x++)
            if (pixel(s, x, y) != bg) {
                *lo = *lo < 0 || x < *lo ? x : *lo;
                *hi = x > *hi ? x : *hi;
            }
}

static void assert_fonts_have(const struct text_measurer *m, enum face f, const char *text)
{
    int w = 0, h = 0;
    if (m->size(m->ctx, f, 20, false, text, strlen(text), &w, &h) != 0)
        fail_msg("no font has every letter of '%s'", text);
}

static void test_digest_reads_from_the_right(void **state)
{
    (void)state;
    assert_true(nr_i18n_set_language("ar", catalogues));
    assert_true(layout_language_rtl());
    const struct text_measurer *m = drawer_measurer(drawer);
    assert_fonts_have(m, FACE_BODY_BOLD, layout_digest_title());
    for (size_t i = 0; i < N_ENTRIES; i++) {
        assert_fonts_have(m, FACE_HEADLINE, entries[i].headline);
        assert_fonts_have(m, FACE_BODY_BOLD, entries[i].source);
    }
    struct slide_info info = { .now_unix = NOW };
    struct slide_meta meta = { .now_unix = NOW, .chrome_rtl = true };
    uint32_t bg = rgb(theme.background);
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        int w = sizes[k][0], h = sizes[k][1];
        struct display_list dl;
        struct nr_err err = { 0 };
        size_t rows = 0;
        assert_int_equal(layout_digest(entries, N_ENTRIES, &theme, (struct viewport){ w, h }, &meta,
                                       m, &dl, &rows, &err),
                         NR_OK);
        if (!layout_digest_check(&dl, m, &err)) /* missing glyphs, overflow, overlap */
            fail_msg("%dx%d: %s", w, h, err.msg);
        assert_true(rows >= 3);
        SDL_Surface *s = drawer_render_digest(drawer, entries, N_ENTRIES, &info, w, h, &err);
        assert_non_null(s);
        /* the title at the right of the text column */
        struct dl_rect title = dl.blocks[ROLE_KICKER].box;
        int lo, hi;
        ink_span(s, title, bg, &lo, &hi);
        assert_true(lo > title.x + title.w / 2 && hi >= title.x + title.w - title.h);
        /* row by row: an Arabic or Hebrew row's first line ends at its box's right edge, an
         * English one starts at its left; the first row's box is the rightmost */
        int first_x = -1;
        for (size_t i = 0; i < dl.n; i++) {
            const struct dl_item *it = &dl.items[i];
            if (it->role != ROLE_DIGEST || it->kind != DL_TEXT)
                continue;
            if (first_x < 0)
                first_x = it->clip.x;
            assert_true(it->clip.x <= first_x);
        }
        size_t row = 0;
        int last_y = -1, last_x = -1;
        for (size_t i = 0; i < dl.n && row < rows; i++) {
            const struct dl_item *it = &dl.items[i];
            if (it->role != ROLE_DIGEST || it->kind != DL_TEXT ||
                (it->clip.x == last_x && it->clip.y == last_y))
                continue;
            last_x = it->clip.x;
            last_y = it->clip.y;
            /* the row's source line (the first line of its box): its ink */
            struct dl_rect r = { it->clip.x, it->rect.y, it->clip.w, it->rect.h };
            ink_span(s, r, bg, &lo, &hi);
            assert_true(lo >= 0);
            int slack = it->px;
            if (row == 1) /* English */
                assert_true(lo <= r.x + slack && hi < r.x + r.w - slack);
            else
                assert_true(hi >= r.x + r.w - slack && lo > r.x + slack);
            row++;
        }
        save(s, "digest-ar", w, h);
        SDL_FreeSurface(s);
        display_list_release(&dl);
    }
    assert_true(nr_i18n_set_language("en", catalogues));
}

static void test_ticker_starts_at_the_right(void **state)
{
    (void)state;
    assert_true(nr_i18n_set_language("ar", catalogues));
    theme.ticker = true;
    struct ticker_item items[N_ENTRIES];
    for (size_t i = 0; i < N_ENTRIES; i++)
        items[i] = (struct ticker_item){ entries[i].source, entries[i].headline };
    uint32_t ground = rgb(layout_ticker_color(&theme));
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        int w = sizes[k][0], h = sizes[k][1];
        for (int page = 0; page < 2; page++) {
            SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
            assert_non_null(s);
            SDL_FillRect(s, NULL, SDL_MapRGB(s->format, 0, 0, 0));
            struct layout_band b;
            layout_ticker_band(&theme, (struct viewport){ w, h }, &b);
            assert_true(b.rtl);
            SDL_Rect ground_r = { b.ground.x, b.ground.y, b.ground.w, b.ground.h };
            SDL_FillRect(s, &ground_r,
                         SDL_MapRGB(s->format, (uint8_t)(ground >> 16), (uint8_t)(ground >> 8),
                                    (uint8_t)ground));
            drawer_ticker_still(drawer, s, items, N_ENTRIES, page);
            /* the first headline's source, in the accent colour, at the row's right end */
            int acc_hi = -1, acc_lo = w;
            for (int y = b.row.y; y < b.row.y + b.row.h; y++)
                for (int x = b.row.x; x < b.row.x + b.row.w; x++)
                    if (pixel(s, x, y) == rgb(theme.accent)) {
                        acc_hi = x > acc_hi ? x : acc_hi;
                        acc_lo = x < acc_lo ? x : acc_lo;
                    }
            assert_true(acc_hi >= b.row.x + b.row.w - b.px);
            if (page) /* one item: its source the only accent, at the right */
                assert_true(acc_lo > b.row.x + b.row.w / 2);
            save(s, page ? "ticker-page-ar" : "ticker-ar", w, h);
            SDL_FreeSurface(s);
        }
    }
    theme.ticker = false;
    assert_true(nr_i18n_set_language("en", catalogues));
}

static int setup(void **state)
{
    struct nr_err err = { 0 };
    (void)state;
    snprintf(catalogues, sizeof catalogues, "%s/locale", ts_binary_dir());
    char *fonts = ts_path(ts_source_dir(), "fonts");
    theme_default(&theme);
    drawer = drawer_new(fonts, &theme, &err);
    free(fonts);
    return drawer ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    drawer_free(drawer);
    nr_i18n_set_language("en", catalogues);
    layout_shutdown();
    return 0;
}

int main(int argc, char **argv)
{
    out_dir = argc > 1 ? argv[1] : NULL;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_digest_reads_from_the_right),
        cmocka_unit_test(test_ticker_starts_at_the_right),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
