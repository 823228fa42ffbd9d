/* test_layout.c: the layout stage with a fake measurer: fitting, wrapping, ellipsis, bidi,
 * compositions and the display-list promises, in microseconds and with no fonts. */
#include "layout.h"
#include "layout_int.h"
#include "testsupport.h"

#include "alloc.h"
#include "strutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Fake font: every code point is half an em wide (ideographs a whole em); U+E000 has no
 * glyph in any font. Counts calls and bytes so cost can be bounded without timing. */
static long calls, bytes_measured;

static bool wide(uint32_t cp)
{
    return (cp >= 0x2e80 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7a3) ||
           (cp >= 0xff00 && cp <= 0xffef);
}

static int fake_size(void *ctx, enum face f, int px, bool rtl, const char *s, size_t len, int *w,
                     int *h)
{
    (void)ctx, (void)f, (void)rtl;
    int units = 0, rc = 0;
    calls++;
    bytes_measured += (long)len;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        size_t n = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
        uint32_t cp = c;
        if (n == 2)
            cp = (c & 0x1fu) << 6 | ((unsigned char)s[i + 1] & 0x3fu);
        else if (n == 3)
            cp = (c & 0x0fu) << 12 | ((unsigned char)s[i + 1] & 0x3fu) << 6 |
                 ((unsigned char)s[i + 2] & 0x3fu);
        if (cp == 0xe000)
            rc = -1;
        units += wide(cp) ? 2 : 1;
        i += n;
    }
    *w = units * px / 2;
    *h = px;
    return rc;
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

static struct story seed(void)
{
    return (struct story){
        .headline = "Putin says West has 'ignored' Russia's security concerns",
        .quote = "It seems to me that the United States is not so much concerned about the "
                 "security of Ukraine but its main task is to contain Russia's development.",
        .speaker = "Vladimir Putin",
        .caption = "Putin said he hoped for more dialogue on Ukraine in order to avoid "
                   "\"negative scenarios\"",
        .credit = "Yuri Kochetkov/AP Photo/picture alliance",
        .source = "World News",
        .link = "https://example.org/a-60627213",
        .published_unix = 1643737320,
        .has_published = true,
    };
}

static struct slide_meta meta_photo(int pw, int ph)
{
    return (struct slide_meta){
        .photo_w = pw, .photo_h = ph, .index = 2, .count = 12, .now_unix = 1643737320 + 12 * 60
    };
}

static void lay(const struct story *s, const struct theme *t, int w, int h,
                const struct slide_meta *meta, struct display_list *dl)
{
    struct nr_err err = { 0 };
    assert_int_equal(layout_slide(s, t, (struct viewport){ w, h }, meta, &fake, dl, &err), NR_OK);
    if (!layout_check(dl, &fake, &err))
        fail_msg("%dx%d: %s", w, h, err.msg);
}

/* Text of every line of role, joined with spaces. New string. */
static char *role_text(const struct display_list *dl, enum dl_role role)
{
    struct nr_buf b;
    nr_buf_init(&b, TS_MAX_FILE_BYTES);
    for (size_t i = 0; i < dl->n; i++) {
        if (dl->items[i].kind != DL_TEXT || dl->items[i].role != role)
            continue;
        if (b.len)
            assert_int_equal(nr_buf_putc(&b, '\n'), NR_OK);
        for (size_t k = 0; k < dl->items[i].n_runs; k++)
            assert_int_equal(nr_buf_puts(&b, dl->items[i].runs[k].utf8), NR_OK);
    }
    return nr_buf_detach(&b);
}

static const struct dl_item *find(const struct display_list *dl, enum dl_role role)
{
    for (size_t i = 0; i < dl->n; i++)
        if (dl->items[i].role == role)
            return &dl->items[i];
    return NULL;
}

static void test_seed_at_every_size(void **state)
{
    (void)state;
    struct theme t;
    theme_default(&t);
    struct story s = seed();
    for (int k = 0; k < 5; k++) {
        struct display_list dl;
        struct slide_meta meta = meta_photo(1200, 800);
        lay(&s, &t, sizes[k][0], sizes[k][1], &meta, &dl);
        assert_int_equal(dl.shape, sizes[k][0] > sizes[k][1] ? LAYOUT_LANDSCAPE : LAYOUT_PORTRAIT);
        assert_true(dl.blocks[ROLE_HEADLINE].present);
        assert_false(dl.blocks[ROLE_HEADLINE].ellipsized);
        assert_true(dl.blocks[ROLE_QUOTE].present);
        assert_true(dl.blocks[ROLE_QUOTE_MARK].present);
        assert_true(dl.blocks[ROLE_SPEAKER].present);
        assert_true(dl.blocks[ROLE_CAPTION].present);
        assert_true(dl.blocks[ROLE_CREDIT].present);
        assert_non_null(find(&dl, ROLE_QR));
        /* the headline is the largest text on the slide */
        assert_true(dl.blocks[ROLE_HEADLINE].px > dl.blocks[ROLE_QUOTE].px);
        char *head = role_text(&dl, ROLE_HEADLINE);
        assert_non_null(strstr(head, "\xe2\x80\x98ignored\xe2\x80\x99")); /* ‘ignored’ */
        assert_null(strchr(head, '\''));
        free(head);
        char *speaker = role_text(&dl, ROLE_SPEAKER);
        assert_string_equal(speaker, "\xe2\x80\x94 Vladimir Putin");
        free(speaker);
        char *credit = role_text(&dl, ROLE_CREDIT);
        assert_string_equal(credit, "YURI KOCHETKOV/AP PHOTO/PICTURE ALLIANCE");
        free(credit);
        char *kicker = role_text(&dl, ROLE_KICKER);
        assert_string_equal(kicker, "WORLD NEWS\n12 min ago");
        free(kicker);
        display_list_release(&dl);
    }
}

static void test_photo_is_cover_cropped_never_stretched(void **state)
{
    (void)state;
    struct theme t;
    theme_default(&t);
    struct story s = seed();
    const int photos[3][2] = { { 1200, 800 }, { 600, 1400 }, { 3000, 300 } };
    for (int p = 0; p < 3; p++) {
        for (int k = 0; k < 5; k++) {
            struct display_list dl;
            struct slide_meta meta = meta_photo(photos[p][0], photos[p][1]);
            lay(&s, &t, sizes[k][0], sizes[k][1], &meta, &dl);
            const struct dl_item *ph = find(&dl, ROLE_PHOTO);
            assert_non_null(ph);
            /* same aspect ratio within a pixel of rounding */
            double src = (double)ph->src.w / ph->src.h, dst = (double)ph->rect.w / ph->rect.h;
            assert_true(src / dst > 0.99 && src / dst < 1.01);
            assert_true(ph->src.x >= 0 && ph->src.y >= 0);
            assert_true(ph->src.x + ph->src.w <= photos[p][0]);
            assert_true(ph->src.y + ph->src.h <= photos[p][1]);
            /* kept on the upper centre: centred across, above the middle down */
            assert_true(abs(2 * ph->src.x + ph->src.w - photos[p][0]) <= 1);
            assert_true(2 * ph->src.y + ph->src.h <= photos[p][1]);
            display_list_release(&dl);
        }
    }
}

static void test_compositions(void **state)
{
    (void)state;
    struct theme t;
    theme_default(&t);
    struct story s = seed();
    struct display_list dl;
    struct slide_meta none = meta_photo(0, 0), photo = meta_photo(1200, 800);

    lay(&s, &t, 1920, 1080, &none, &dl);
    assert_int_equal(dl.shape, LAYOUT_TYPOGRAPHIC);
    assert_null(find(&dl, ROLE_PHOTO));
    assert_false(dl.blocks[ROLE_CAPTION].present);
    display_list_release(&dl);

    lay(&s, &t, 1080, 1920, &photo, &dl);
    const struct dl_item *ph = find(&dl, ROLE_PHOTO);
    assert_int_equal(ph->rect.y, 0);
    assert_int_equal(ph->rect.w, 1080);
    assert_true(dl.blocks[ROLE_HEADLINE].box.y >= ph->rect.h);
    display_list_release(&dl);

    lay(&s, &t, 1920, 1080, &photo, &dl);
    ph = find(&dl, ROLE_PHOTO);
    assert_int_equal(ph->rect.x, 0);
    assert_int_equal(ph->rect.h, 1080);
    assert_true(dl.blocks[ROLE_HEADLINE].box.x >= ph->rect.x + ph->rect.w);
    assert_non_null(find(&dl, ROLE_SCRIM));
    display_list_release(&dl);

    /* no quote: the dek takes its place and the headline gets more room */
    struct story nq = s;
    nq.quote = nq.speaker = NULL;
    nq.dek = "The Russian president spoke after talks with Hungary's prime minister.";
    lay(&nq, &t, 1920, 1080, &photo, &dl);
    assert_false(dl.blocks[ROLE_QUOTE].present);
    assert_true(dl.blocks[ROLE_DEK].present);
    display_list_release(&dl);

    /* the QR code is a setting */
    t.show_qr = false;
    lay(&s, &t, 1920, 1080, &photo, &dl);
    assert_null(find(&dl, ROLE_QR));
    display_list_release(&dl);
}

/* An announcement's body is its message: where a story's dek is held to a few lines, the
 * same text as an announcement's is set whole, at the same size or larger. */
static void test_message_body_gets_room(void **state)
{
    (void)state;
    struct theme t;
    theme_default(&t);
    struct slide_meta photo = meta_photo(1200, 800);
    struct display_list dl;
    struct story s = { .id = "announce:drill.txt",
                       .headline = "Fire drill on Thursday at 10:00",
                       .source = "Announcement",
                       .dek = "When the alarm sounds, leave the building by the nearest exit and "
                              "gather on the lawn behind the car park. Lifts are out of service "
                              "during the drill. Wardens in yellow vests will count everyone "
                              "before we go back in. The drill takes about twenty minutes; please "
                              "do not use the phones meanwhile and leave your coffee where it "
                              "is. Visitors are taken out by the person they came to see. The "
                              "lawn is wet in the morning: good shoes help. Thank you for your "
                              "patience, and see you on the lawn." };
    static const int screens[][2] = { { 1920, 1080 }, { 1080, 1920 }, { 1280, 720 } };
    for (size_t i = 0; i < sizeof screens / sizeof screens[0]; i++) {
        s.message = false;
        lay(&s, &t, screens[i][0], screens[i][1], &photo, &dl);
        if (!dl.blocks[ROLE_DEK].ellipsized)
            fail_msg("%dx%d: a story's dek of this length is cut", screens[i][0], screens[i][1]);
        int dek_px = dl.blocks[ROLE_DEK].px;
        display_list_release(&dl);
        s.message = true;
        lay(&s, &t, screens[i][0], screens[i][1], &photo, &dl);
        assert_true(dl.blocks[ROLE_DEK].present);
        if (dl.blocks[ROLE_DEK].ellipsized || dl.blocks[ROLE_DEK].px < dek_px)
            fail_msg("%dx%d: the message is cut or set smaller", screens[i][0], screens[i][1]);
        display_list_release(&dl);
    }
}

static void test_safe_area_is_kept(void **state)
{
    (void)state;
    struct theme t;
    theme_default(&t);
    t.safe_area_pct = 10;
    struct story s = seed();
    for (int k = 0; k < 5; k++) {
        struct display_list dl;
        struct slide_meta meta = meta_photo(1200, 800);
        lay(&s, &t, sizes[k][0], sizes[k][1], &meta, &dl);
        assert_int_equal(dl.safe.x, sizes[k][0] / 10);
        assert_int_equal(dl.safe.y, sizes[k][1] / 10);
        display_list_release(&dl);
    }
}

static void test_long_headline_shrinks_before_ellipsis(void **state)
{
    (void)state;
    struct theme t;
    theme_default(&t);
    struct story s = seed(), shorter = seed();
    s.headline = "City council approves a ten-year plan to rebuild every bridge over the river "
                 "and turn the old tram depot into a covered market";
    struct display_list dl, dl2;
    struct slide_meta meta = meta_photo(1200, 800);
    lay(&s, &t, 1920, 1080, &meta, &dl);
    lay(&shorter, &t, 1920, 1080, &meta, &dl2);
    assert_false(dl.blocks[ROLE_HEADLINE].ellipsized);
    assert_true(dl.blocks[ROLE_HEADLINE].px < dl2.blocks[ROLE_HEADLINE].px);
    char *head = role_text(&dl, ROLE_HEADLINE);
    assert_null(strstr(head, "\xe2\x80\xa6"));
    free(head);
    display_list_release(&dl);
    display_list_release(&dl2);
}

static void test_ellipsis_is_last_resort_at_a_word(void **state)
{
    (void)state;
    struct theme t;
    theme_default(&t);
    struct story s = seed();
    struct nr_buf b;
    nr_buf_init(&b, TS_MAX_FILE_BYTES);
    for (int i = 0; i < 60; i++)
        assert_int_equal(nr_buf_printf(&b, "word%d ", i), NR_OK);
    s.headline = b.data;
    struct display_list dl;
    struct slide_meta meta = meta_photo(1200, 800);
    lay(&s, &t, 800, 480, &meta, &dl);
    assert_true(dl.blocks[ROLE_HEADLINE].ellipsized);
    char *head = role_text(&dl, ROLE_HEADLINE);
    size_t n = strlen(head);
    assert_true(n > 3 && strcmp(head + n - 3, "\xe2\x80\xa6") == 0);
    /* the word before "…" is whole: "wordN" with N a number in the text */
    const char *last = strrchr(head, 'd');
    assert_non_null(last);
    char num[8] = "";
    memcpy(num, last + 1,
           (size_t)(head + n - 3 - last - 1) < 7 ? (size_t)(head + n - 3 - last - 1) : 7);
    char whole[32];
    snprintf(whole, sizeof whole, "word%s ", num);
    assert_non_null(strstr(b.data, whole));
    free(head);
    display_list_release(&dl);
    nr_buf_release(&b);
}

static void test_no_lone_last_word(void **state)
{
    (void)state;
    struct theme t;
    theme_default(&t);
    struct story s = seed();
    s.quote = s.speaker = NULL;
    s.headline = "Night trains return to the Alps after a decade away from the mountains";
    struct slide_meta meta = meta_photo(1200, 800);
    for (int k = 1; k < 5; k++) { /* 800x480's column is too narrow to avoid it */
        struct display_list dl;
        lay(&s, &t, sizes[k][0], sizes[k][1], &meta, &dl);
        char *head = role_text(&dl, ROLE_HEADLINE);
        const char *last = strrchr(head, '\n');
        if (last && !strchr(last + 1, ' '))
            print_error("%dx%d: '%s'\n", sizes[k][0], sizes[k][1], head);
        if (last)
            assert_non_null(strchr(last + 1, ' '));
        free(head);
        display_list_release(&dl);
    }
}

static void test_5000_characters_without_spaces(void **state)
{
    (void)state;
    struct theme t;
    theme_default(&t);
    struct story s = seed();
    char *big = xmalloc(5001);
    for (int i = 0; i < 5000; i++)
        big[i] = (char)('a' + i % 26);
    big[5000] = '\0';
    s.headline = big;
    struct slide_meta meta = meta_photo(1200, 800);
    for (int k = 0; k < 5; k++) {
        struct display_list dl;
        calls = bytes_measured = 0;
        lay(&s, &t, sizes[k][0], sizes[k][1], &meta, &dl);
        assert_true(dl.blocks[ROLE_HEADLINE].ellipsized);
        print_message("%dx%d: %ld calls, %ld bytes\n", sizes[k][0], sizes[k][1], calls,
                      bytes_measured);
        /* cost follows what fits on the slide, not the length of the text */
        assert_true(calls < 8000);
        assert_true(bytes_measured < 100000);
        for (size_t i = 0; i < dl.n; i++)
            if (dl.items[i].kind == DL_TEXT)
                assert_true(dl.items[i].rect.w <= dl.items[i].clip.w);
        display_list_release(&dl);
    }
    free(big);
}

static void test_cjk_breaks_between_ideographs(void **state)
{
    (void)state;
    struct theme t;
    theme_default(&t);
    struct story s = seed();
    s.headline = "\xe6\x9d\xb1\xe4\xba\xac\xe3\x81\xa7\xe6\x96\xb0\xe3\x81\x97\xe3\x81\x84\xe7"
                 "\xa7\x91\xe5\xad\xa6\xe5\x8d\x9a\xe7\x89\xa9\xe9\xa4\xa8\xe3\x81\x8c\xe9\x96"
                 "\x8b\xe9\xa4\xa8\xe3\x80\x81\xe5\x88\x9d\xe6\x97\xa5\xe3\x81\xab\xe4\xb8\x89"
                 "\xe4\xb8\x87\xe4\xba\xba\xe3\x81\x8c\xe6\x9d\xa5\xe5\xa0\xb4\xe3\x81\x97\xe3"
                 "\x81\x9f";
    struct slide_meta meta = meta_photo(1200, 800);
    struct display_list dl;
    lay(&s, &t, 1280, 720, &meta, &dl);
    assert_true(dl.blocks[ROLE_HEADLINE].lines > 1);
    assert_false(dl.blocks[ROLE_HEADLINE].ellipsized);
    /* "、" never starts a line (Unicode line-breaking rules) */
    for (size_t i = 0; i < dl.n; i++)
        if (dl.items[i].role == ROLE_HEADLINE)
            assert_false(nr_starts_with(dl.items[i].runs[0].utf8, "\xe3\x80\x81"));
    display_list_release(&dl);
}

/* Regional indicators (every country flag) once aborted the process inside the line
 * breaker; any count of them, paired or not, is laid out and a flag is never split. */
static void test_flag_headline(void **state)
{
    (void)state;
    static char *const heads[] = {
        "Flag \xf0\x9f\x87\xa7\xf0\x9f\x87\xb7 shown",
        "\xf0\x9f\x87\xa7",
        "Odd \xf0\x9f\x87\xa7\xf0\x9f\x87\xb7\xf0\x9f\x87\xa6 count",
        "\xf0\x9f\x87\xa7\xf0\x9f\x87\xb7\xf0\x9f\x87\xa6\xf0\x9f\x87\xb7"
        "\xf0\x9f\x87\xa9\xf0\x9f\x87\xaa\xf0\x9f\x87\xab\xf0\x9f\x87\xb7"
        "\xf0\x9f\x87\xaf\xf0\x9f\x87\xb5\xf0\x9f\x87\xb0\xf0\x9f\x87\xb7",
    };
    struct theme t;
    theme_default(&t);
    struct story s = seed();
    struct slide_meta meta = meta_photo(1200, 800);
    for (size_t h = 0; h < sizeof heads / sizeof heads[0]; h++) {
        s.headline = heads[h];
        for (int k = 0; k < 5; k++) {
            struct display_list dl;
            lay(&s, &t, sizes[k][0], sizes[k][1], &meta, &dl);
            assert_true(dl.blocks[ROLE_HEADLINE].present);
            char *text = role_text(&dl, ROLE_HEADLINE);
            /* a line holds whole flags: paired indicators stay on one line */
            size_t ri = 0;
            for (const char *p = text;; p++) {
                if (*p == '\n' || *p == '\0') {
                    if ((h == 0 || h == 3) && ri % 2)
                        fail_msg("%dx%d: %s", sizes[k][0], sizes[k][1], text);
                    ri = 0;
                    if (!*p)
                        break;
                } else if (nr_starts_with(p, "\xf0\x9f\x87")) {
                    ri++;
                }
            }
            free(text);
            display_list_release(&dl);
        }
    }
}

/* 2,000 combining marks on one letter: the stack is capped for display, the rest of the
 * headline is still set, and a thousand emoji joined by U+200D can still wrap. */
static void test_mark_stacks_are_capped(void **state)
{
    (void)state;
    struct theme t;
    theme_default(&t);
    struct story s = seed();
    struct slide_meta meta = meta_photo(1200, 800);
    struct nr_buf b;
    nr_buf_init(&b, TS_MAX_FILE_BYTES);
    assert_int_equal(nr_buf_puts(&b, "Zalgo e"), NR_OK);
    for (int i = 0; i < 2000; i++)
        assert_int_equal(nr_buf_puts(&b, "\xcc\x81"), NR_OK); /* U+0301 */
    assert_int_equal(nr_buf_puts(&b, " returns to the news"), NR_OK);
    s.headline = b.data;
    struct display_list dl;
    lay(&s, &t, 1280, 720, &meta, &dl);
    char *text = role_text(&dl, ROLE_HEADLINE);
    size_t marks = 0;
    for (const char *p = text; (p = strstr(p, "\xcc\x81")) != NULL; p += 2)
        marks++;
    assert_true(marks >= 1 && marks <= 8);
    assert_non_null(strstr(text, "news"));
    free(text);
    display_list_release(&dl);
    nr_buf_reset(&b);
    for (int i = 0; i < 1000; i++)
        assert_int_equal(nr_buf_puts(&b, "\xf0\x9f\x91\xa8\xe2\x80\x8d"),
                         NR_OK); /* U+1F468 U+200D */
    s.headline = b.data;
    for (int k = 0; k < 5; k++) {
        lay(&s, &t, sizes[k][0], sizes[k][1], &meta, &dl);
        assert_true(dl.blocks[ROLE_HEADLINE].present);
        display_list_release(&dl);
    }
    nr_buf_release(&b);
}

/* Whether a line may start at the first occurrence of at in text. */
static bool may_break_before(const char *text, const char *at)
{
    struct breaks b;
    const char *p = strstr(text, at);
    assert_non_null(p);
    layout_breaks_init(&b, text);
    bool ok = b.at[p - text] & BRK_LINE;
    layout_breaks_release(&b);
    return ok;
}

/* Where a line may end, as an editor would have it in each script. */
static void test_breaks_follow_the_script(void **state)
{
    (void)state;
    /* Thai has no spaces: words come from ICU's dictionary (ประเทศไทย|เตรียม) */
    const char *th = "\xe0\xb8\x9b\xe0\xb8\xa3\xe0\xb8\xb0\xe0\xb9\x80\xe0\xb8\x97\xe0\xb8\xa8"
                     "\xe0\xb9\x84\xe0\xb8\x97\xe0\xb8\xa2\xe0\xb9\x80\xe0\xb8\x95\xe0\xb8\xa3"
                     "\xe0\xb8\xb5\xe0\xb8\xa2\xe0\xb8\xa1";
    assert_true(may_break_before(th, "\xe0\xb9\x80\xe0\xb8\x95"));
    assert_false(may_break_before(th, "\xe0\xb8\x97\xe0\xb8\xa8"));
    /* Japanese between phrases: 引き下げる stays whole, ロシア too */
    const char *ja = "\xe9\x87\x91\xe5\x88\xa9\xe3\x82\x92\xe5\xbc\x95\xe3\x81\x8d\xe4\xb8\x8b"
                     "\xe3\x81\x92\xe3\x82\x8b\xe3\x83\xad\xe3\x82\xb7\xe3\x82\xa2\xe3\x81\xae";
    assert_true(may_break_before(ja, "\xe5\xbc\x95"));
    assert_false(may_break_before(ja, "\xe3\x81\x92\xe3\x82\x8b"));
    assert_false(may_break_before(ja, "\xe3\x82\xb7\xe3\x82\xa2"));
    /* Korean between words only (서울시가 | 예산을) */
    const char *ko = "\xec\x84\x9c\xec\x9a\xb8\xec\x8b\x9c\xea\xb0\x80 \xec\x98\x88\xec\x82\xb0"
                     "\xec\x9d\x84";
    assert_true(may_break_before(ko, "\xec\x98\x88"));
    assert_false(may_break_before(ko, "\xec\x9a\xb8"));
    /* amounts, web addresses, flags and keycaps stay whole */
    assert_false(may_break_before("rose to 3,500 \xe2\x82\xaa a metre", "\xe2\x82\xaa"));
    assert_false(may_break_before("costs \xe2\x82\xac 20 now", "20"));
    assert_true(may_break_before("costs \xe2\x82\xac 20 now", "now"));
    assert_false(may_break_before("see https://example.com/news/2026 now", "news"));
    assert_true(may_break_before("see https://example.com/news/2026 now", "now"));
    assert_false(
        may_break_before("\xf0\x9f\x87\xa7\xf0\x9f\x87\xb7\xf0\x9f\x87\xa6\xf0\x9f\x87\xb7",
                         "\xf0\x9f\x87\xb7\xf0\x9f\x87\xa6"));
    assert_false(may_break_before("goal 1\xef\xb8\x8f\xe2\x83\xa3", "\xef\xb8\x8f"));
}

/* Bidi levels come from the whole paragraph: after Arabic letters "3.5" is an Arabic number
 * and the "%" after it a neutral set right-to-left (UAX #9, W2 and W5), also when a line
 * starts at the number; resolved as a line of its own, "3.5%" would read as one number. */
static void test_bidi_levels_come_from_the_paragraph(void **state)
{
    (void)state;
    const char *para = "\xd8\xa7\xd8\xb1\xd8\xaa\xd9\x81\xd8\xb9 \xd8\xa7\xd9\x84\xd8\xaa\xd8\xb6"
                       "\xd8\xae\xd9\x85 3.5% \xd9\x87\xd8\xb0\xd8\xa7";
    const char *line = strstr(para, "3.5%");
    size_t start = (size_t)(line - para), len = strlen(line);
    struct dl_item with = { 0 }, alone = { 0 };
    layout_bidi_runs(&fake, FACE_HEADLINE, 40, true, para, start, line, len, &with);
    layout_bidi_runs(&fake, FACE_HEADLINE, 40, true, NULL, 0, line, len, &alone);
    for (size_t k = 0; k < with.n_runs; k++)
        if (strstr(with.runs[k].utf8, "3.5"))
            assert_string_equal(with.runs[k].utf8, "3.5");
    bool whole = false;
    for (size_t k = 0; k < alone.n_runs; k++)
        whole = whole || strcmp(alone.runs[k].utf8, "3.5%") == 0;
    assert_true(whole);
    /* every byte of the line is in exactly one run, whichever way it was resolved */
    size_t bytes = 0;
    for (size_t k = 0; k < with.n_runs; k++)
        bytes += with.runs[k].len;
    assert_int_equal(bytes, len);
    for (size_t k = 0; k < with.n_runs; k++)
        free(with.runs[k].utf8);
    for (size_t k = 0; k < alone.n_runs; k++)
        free(alone.runs[k].utf8);
    free(with.runs);
    free(alone.runs);
}

/* A story with a right-to-left headline gets the mirror image of the slide, whatever the
 * language of its source; a left-to-right one does not. */
static void test_rtl_story_mirrors_the_slide(void **state)
{
    (void)state;
    struct theme t;
    theme_default(&t);
    t.show_qr = true;
    struct story s = seed();
    struct slide_meta meta = meta_photo(1200, 800);
    s.headline = "\xd7\x9e\xd7\x97\xd7\x99\xd7\xa8 \xd7\x94\xd7\x93\xd7\x99\xd7\xa8\xd7\x94 "
                 "\xd7\xa2\xd7\x9c\xd7\x94 \xd7\xa9\xd7\x95\xd7\x91";
    for (int k = 0; k < 5; k++) {
        int w = sizes[k][0];
        struct display_list dl;
        lay(&s, &t, w, sizes[k][1], &meta, &dl);
        assert_true(dl.mirrored);
        const struct dl_item *photo = find(&dl, ROLE_PHOTO), *qr = find(&dl, ROLE_QR);
        if (dl.shape == LAYOUT_LANDSCAPE)
            assert_int_equal(photo->rect.x + photo->rect.w, w); /* photo on the right */
        if (qr)
            assert_true(qr->rect.x + qr->rect.w / 2 < w / 2); /* QR code on the left */
        /* the bar fills from the right: track and fill end together */
        const struct dl_item *track = NULL, *fill = NULL;
        for (size_t i = 0; i < dl.n; i++)
            if (dl.items[i].role == ROLE_PROGRESS)
                *(track ? &fill : &track) = &dl.items[i];
        assert_non_null(fill);
        assert_int_equal(fill->rect.x + fill->rect.w, track->rect.x + track->rect.w);
        assert_true(fill->rect.x > track->rect.x);
        /* the kicker's source (Latin here) starts from the right of its column */
        const struct dl_item *kicker = find(&dl, ROLE_KICKER);
        const struct dl_block *kb = &dl.blocks[ROLE_KICKER];
        assert_int_equal(kicker->rect.x + kicker->rect.w, kb->box.x + kb->box.w);
        /* the headline stays flush right in its column */
        const struct dl_item *head = find(&dl, ROLE_HEADLINE);
        assert_int_equal(head->rect.x + head->rect.w, head->clip.x + head->clip.w);
        display_list_release(&dl);
    }
    s = seed();
    struct display_list dl;
    lay(&s, &t, 1920, 1080, &meta, &dl);
    assert_false(dl.mirrored);
    assert_int_equal(find(&dl, ROLE_PHOTO)->rect.x, 0);
    display_list_release(&dl);
}

static void test_rtl_is_right_aligned_and_overrides_are_ignored(void **state)
{
    (void)state;
    struct theme t;
    theme_default(&t);
    struct story s = seed();
    struct slide_meta meta = meta_photo(1200, 800);
    struct display_list dl;
    /* Arabic with Latin and digits */
    s.headline = "\xd8\xa7\xd9\x84\xd8\xa3\xd9\x85\xd9\x85 \xd8\xa7\xd9\x84\xd9\x85\xd8\xaa"
                 "\xd8\xad\xd8\xaf\xd8\xa9 2030 UNEP";
    lay(&s, &t, 1920, 1080, &meta, &dl);
    assert_true(dl.blocks[ROLE_HEADLINE].rtl);
    struct dl_rect box = dl.blocks[ROLE_HEADLINE].box;
    for (size_t i = 0; i < dl.n; i++) {
        const struct dl_item *it = &dl.items[i];
        if (it->role != ROLE_HEADLINE)
            continue;
        assert_int_equal(it->rect.x + it->rect.w, box.x + box.w);
        /* visual order: the Latin and digit runs are left of the Arabic that precedes them */
        /* in a right-to-left paragraph "2030 UNEP" reads from the right: 2030 first */
        int x2030 = -1, xunep = -1;
        for (size_t r = 0; r < it->n_runs; r++) {
            if (strstr(it->runs[r].utf8, "2030"))
                x2030 = it->runs[r].x_off;
            if (strstr(it->runs[r].utf8, "UNEP"))
                xunep = it->runs[r].x_off;
            if (strstr(it->runs[r].utf8, "\xd8\xa7"))
                assert_true(it->runs[r].rtl);
        }
        if (x2030 >= 0 && xunep >= 0)
            assert_true(x2030 > xunep);
    }
    display_list_release(&dl);
    /* a right-to-left override cannot flip a Latin headline */
    s.headline = "\xe2\x80\xae"
                 "Election results are in\xe2\x80\xac";
    lay(&s, &t, 1920, 1080, &meta, &dl);
    assert_false(dl.blocks[ROLE_HEADLINE].rtl);
    char *head = role_text(&dl, ROLE_HEADLINE);
    assert_null(strstr(head, "\xe2\x80\xae"));
    assert_non_null(strstr(head, "Election"));
    free(head);
    display_list_release(&dl);
}

static void test_missing_glyphs_are_left_out(void **state)
{
    (void)state;
    struct theme t;
    theme_default(&t);
    struct story s = seed();
    s.headline = "Private \xee\x80\x80use area";
    struct slide_meta meta = meta_photo(0, 0);
    struct display_list dl;
    lay(&s, &t, 1920, 1080, &meta, &dl); /* layout_check fails on a missing glyph */
    char *head = role_text(&dl, ROLE_HEADLINE);
    assert_null(strstr(head, "\xee\x80\x80"));
    free(head);
    display_list_release(&dl);
}

static void test_check_catches_overlap(void **state)
{
    (void)state;
    struct theme t;
    theme_default(&t);
    struct story s = seed();
    struct slide_meta meta = meta_photo(1200, 800);
    struct display_list dl;
    struct nr_err err = { 0 };
    lay(&s, &t, 1920, 1080, &meta, &dl);
    dl.blocks[ROLE_QUOTE].box.y = dl.blocks[ROLE_HEADLINE].box.y;
    assert_false(layout_check(&dl, &fake, &err));
    assert_non_null(strstr(err.msg, "overlaps"));
    display_list_release(&dl);
}

static void test_smart_quotes_and_age(void **state)
{
    (void)state;
    char *q = layout_smart_quotes("Putin says West has 'ignored' Russia's \"security\"");
    assert_string_equal(q, "Putin says West has \xe2\x80\x98ignored\xe2\x80\x99 Russia\xe2\x80"
                           "\x99s \xe2\x80\x9csecurity\xe2\x80\x9d");
    free(q);
    char out[64];
    layout_format_age(1000, 1000 + 30, 0, out, sizeof out);
    assert_string_equal(out, "just now");
    layout_format_age(1000, 1000 + 12 * 60, 0, out, sizeof out);
    assert_string_equal(out, "12 min ago");
    layout_format_age(1000, 1000 + 3 * 3600 + 5, 0, out, sizeof out);
    assert_string_equal(out, "3 h ago");
    layout_format_age(1643737320, 1643737320 + 2 * 86400, 0, out, sizeof out);
    assert_string_equal(out, "1 Feb 2022");
}

/* The smallest screens and the widest overscan margins still keep every promise: the quote
 * gives way to the headline, the QR code and footer to the kicker, the mark stops hanging. */
static void test_tiny_screens_and_wide_margins(void **state)
{
    (void)state;
    static const int tiny[][2] = { { 200, 120 }, { 240, 320 }, { 320, 200 }, { 480, 272 } };
    struct story s = seed();
    for (int pct = 0; pct <= 20; pct += 10) {
        struct theme t;
        theme_default(&t);
        t.safe_area_pct = pct;
        for (size_t k = 0; k < sizeof tiny / sizeof tiny[0]; k++) {
            for (int photo = 0; photo < 2; photo++) {
                struct display_list dl;
                struct slide_meta meta = meta_photo(photo ? 1200 : 0, photo ? 800 : 0);
                lay(&s, &t, tiny[k][0], tiny[k][1], &meta, &dl);
                display_list_release(&dl);
            }
        }
        for (int k = 0; k < 5; k++) {
            struct display_list dl;
            struct slide_meta meta = meta_photo(1200, 800);
            lay(&s, &t, sizes[k][0], sizes[k][1], &meta, &dl);
            assert_true(dl.blocks[ROLE_HEADLINE].present);
            assert_true(dl.blocks[ROLE_QUOTE].present);
            display_list_release(&dl);
        }
    }
}

static void test_bad_viewport(void **state)
{
    (void)state;
    struct theme t;
    theme_default(&t);
    struct story s = seed();
    struct slide_meta meta = meta_photo(0, 0);
    struct display_list dl;
    struct nr_err err = { 0 };
    assert_int_equal(layout_slide(&s, &t, (struct viewport){ 10, 10 }, &meta, &fake, &dl, &err),
                     NR_ERR_USAGE);
    display_list_release(&dl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_at_every_size),
        cmocka_unit_test(test_photo_is_cover_cropped_never_stretched),
        cmocka_unit_test(test_compositions),
        cmocka_unit_test(test_message_body_gets_room),
        cmocka_unit_test(test_safe_area_is_kept),
        cmocka_unit_test(test_long_headline_shrinks_before_ellipsis),
        cmocka_unit_test(test_ellipsis_is_last_resort_at_a_word),
        cmocka_unit_test(test_no_lone_last_word),
        cmocka_unit_test(test_5000_characters_without_spaces),
        cmocka_unit_test(test_cjk_breaks_between_ideographs),
        cmocka_unit_test(test_flag_headline),
        cmocka_unit_test(test_mark_stacks_are_capped),
        cmocka_unit_test(test_breaks_follow_the_script),
        cmocka_unit_test(test_bidi_levels_come_from_the_paragraph),
        cmocka_unit_test(test_rtl_story_mirrors_the_slide),
        cmocka_unit_test(test_rtl_is_right_aligned_and_overrides_are_ignored),
        cmocka_unit_test(test_missing_glyphs_are_left_out),
        cmocka_unit_test(test_check_catches_overlap),
        cmocka_unit_test(test_smart_quotes_and_age),
        cmocka_unit_test(test_tiny_screens_and_wide_margins),
        cmocka_unit_test(test_bad_viewport),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
