/* test_i18n.c: the on-screen words in every language with a catalogue: relative times, plural
 * forms, dates, digits, the clock, the counter, the stale badge, and the chrome of a
 * right-to-left language, with the real catalogues built into <build>/locale. */
#include "testsupport.h"

#include "alert_words.h"
#include "announce.h"
#include "badge.h"
#include "draw.h"
#include "i18n.h"
#include "layout.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NBSP "\xc2\xa0"

static char catalogues[4096];
static struct drawer *drawer;
static struct theme theme;

/* 2022-02-03 12:00:00 UTC, a Thursday */
static const int64_t NOW = 1643889600;

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

static void use(const char *lang)
{
    if (!nr_i18n_set_language(lang, catalogues))
        fail_msg("no catalogue for '%s' in '%s' (is the build complete?)", lang, catalogues);
}

struct age_case {
    int64_t age_s;
    const char *want;
};

static void check_ages(const char *lang, const struct age_case *c, size_t n)
{
    char out[128];
    use(lang);
    for (size_t i = 0; i < n; i++) {
        layout_format_age(NOW - c[i].age_s, NOW, 0, out, sizeof out);
        if (strcmp(out, c[i].want) != 0)
            fail_msg("%s, %lld s old: '%s', not '%s'", lang, (long long)c[i].age_s, out, c[i].want);
    }
}

#define MIN 60
#define HOUR 3600
#define DAY 86400

static void test_english_ages(void **state)
{
    (void)state;
    static const struct age_case c[] = {
        { 10, "just now" },          { MIN, "1 min ago" },
        { 5 * MIN, "5 min ago" },    { 3 * HOUR, "3 h ago" },
        { 23 * HOUR, "23 h ago" },   { 28 * HOUR, "yesterday" }, /* 2 Feb, 08:00 */
        { 37 * HOUR, "1 Feb 2022" },                             /* 1 Feb, 23:00 */
        { 3 * DAY, "31 Jan 2022" },
    };
    check_ages("en", c, sizeof c / sizeof c[0]);
}

static void test_german_ages(void **state)
{
    (void)state;
    static const struct age_case c[] = {
        { 10, "gerade eben" },      { MIN, "vor 1 Min." },    { 5 * MIN, "vor 5 Min." },
        { 3 * HOUR, "vor 3 Std." }, { 28 * HOUR, "gestern" }, { 3 * DAY, "31. Jan. 2022" },
    };
    check_ages("de", c, sizeof c / sizeof c[0]);
}

static void test_french_ages(void **state)
{
    (void)state;
    static const struct age_case c[] = {
        { 10, "à l’instant" },
        { MIN, "il y a 1" NBSP "min" },
        { 5 * MIN, "il y a 5" NBSP "min" },
        { 3 * HOUR, "il y a 3" NBSP "h" },
        { 28 * HOUR, "hier" },
        { 3 * DAY, "31 janv. 2022" },
    };
    check_ages("fr", c, sizeof c / sizeof c[0]);
}

static void test_spanish_ages(void **state)
{
    (void)state;
    static const struct age_case c[] = {
        { 10, "ahora mismo" },    { MIN, "hace 1 min" }, { 5 * MIN, "hace 5 min" },
        { 3 * HOUR, "hace 3 h" }, { 28 * HOUR, "ayer" }, { 3 * DAY, "31 ene 2022" },
    };
    check_ages("es", c, sizeof c / sizeof c[0]);
}

/* Arabic counts have six forms: one, two, few (3..10), many (11..99), other (100, 101...) */
static void test_arabic_ages_and_plural_forms(void **state)
{
    (void)state;
    static const struct age_case c[] = {
        { 10, "الآن" },
        { MIN, "منذ دقيقة" },
        { 2 * MIN, "منذ دقيقتين" },
        { 5 * MIN, "منذ ٥ دقائق" },
        { 10 * MIN, "منذ ١٠ دقائق" },
        { 11 * MIN, "منذ ١١ دقيقة" },
        { 59 * MIN, "منذ ٥٩ دقيقة" },
        { HOUR, "منذ ساعة" },
        { 2 * HOUR, "منذ ساعتين" },
        { 3 * HOUR, "منذ ٣ ساعات" },
        { 23 * HOUR, "منذ ٢٣ ساعة" },
        { 28 * HOUR, "أمس" },
        { 3 * DAY, "٣١ يناير ٢٠٢٢" },
    };
    check_ages("ar", c, sizeof c / sizeof c[0]);
}

/* The words of an urgent alert, the digest slide's title and the announcements' kicker, from
 * other parts of the show. */
static void test_alert_and_digest_words(void **state)
{
    (void)state;
    use("de");
    assert_string_equal(show_alert_word(SHOW_ALERT_WORD_WARNING), "Warnung");
    assert_string_equal(layout_digest_title(), "Als Nächstes");
    assert_string_equal(announce_kicker(), "Mitteilung");
    use("ar");
    assert_string_equal(show_alert_word(SHOW_ALERT_WORD_EXTREME), "خطر بالغ");
    assert_string_equal(layout_digest_title(), "التالي");
    use("en");
    assert_string_equal(show_alert_word(SHOW_ALERT_WORD_ISSUED_BY), "Issued by %s");
}

static void test_badge_in_every_language(void **state)
{
    static const struct {
        const char *lang;
        int64_t age_s;
        const char *want;
    } c[] = {
        { "en", -1, "not updated yet" },
        { "en", 40 * MIN, "updated 40 min ago" },
        { "en", 3 * DAY, "updated 3 days ago" },
        { "de", 40 * MIN, "aktualisiert vor 40 Min." },
        { "de", 3 * DAY, "aktualisiert vor 3 Tagen" },
        { "fr", 2 * HOUR, "mis à jour il y a 2" NBSP "h" },
        { "fr", 3 * DAY, "mis à jour il y a 3" NBSP "jours" },
        { "es", -1, "aún sin actualizar" },
        { "es", 3 * DAY, "actualizado hace 3 días" },
        { "ar", -1, "لم يُحدَّث بعد" },
        { "ar", 2 * DAY, "آخر تحديث منذ يومين" },
        { "ar", 3 * DAY, "آخر تحديث منذ ٣ أيام" },
        { "ar", 11 * DAY, "آخر تحديث منذ ١١ يومًا" },
        { "ar", 100 * DAY, "آخر تحديث منذ ١٠٠ يوم" },
        { "ar", 102 * DAY, "آخر تحديث منذ ١٠٢ يوم" },
        { "ar", 103 * DAY, "آخر تحديث منذ ١٠٣ أيام" },
    };
    char out[128];
    (void)state;
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        use(c[i].lang);
        show_badge_text(c[i].age_s, out, sizeof out);
        if (strcmp(out, c[i].want) != 0)
            fail_msg("%s badge, %lld s: '%s', not '%s'", c[i].lang, (long long)c[i].age_s, out,
                     c[i].want);
    }
}

static void test_digits_and_dates_follow_the_language(void **state)
{
    char out[64];
    (void)state;
    use("ar");
    layout_format_number(1250, out, sizeof out);
    assert_string_equal(out, "١٢٥٠");
    layout_format_date(NOW, 0, out, sizeof out);
    assert_string_equal(out, "٣ فبراير ٢٠٢٢");
    use("de");
    layout_format_number(1250, out, sizeof out);
    assert_string_equal(out, "1250"); /* no grouping: a counter, not an amount */
    layout_format_date(NOW, 0, out, sizeof out);
    assert_string_equal(out, "3. Feb. 2022");
    /* the local day, not UTC's: 23:30 UTC is the next day an hour east */
    layout_format_date(NOW + 11 * HOUR + 30 * MIN, 3600, out, sizeof out);
    assert_string_equal(out, "4. Feb. 2022");
    /* a weekday, for an alert that ends on another day */
    layout_format_time(nr_tr("EEE HH:mm"), NOW, 0, out, sizeof out);
    assert_string_equal(out, "Do., 12:00");
    use("en");
    layout_format_time(nr_tr("EEE HH:mm"), NOW, 3600, out, sizeof out);
    assert_string_equal(out, "Thu 13:00");
    layout_format_time("h:mm a 'o''clock' EEEE d MMMM yy", NOW, 0, out, sizeof out);
    assert_string_equal(out, "12:00 PM o'clock Thursday 3 February 22");
    use("ar");
    layout_format_number(-7, out, sizeof out);
    assert_string_equal(out, "-٧");
}

/* The language changes while running (a reload): no word of the last one stays cached. */
static void test_switching_languages_drops_the_old_words(void **state)
{
    static const char *const order[] = { "de", "fr", "de", "ar", "en", "es", "de" };
    static const char *const want[] = { "vor 5 Min.",  "il y a 5" NBSP "min", "vor 5 Min.",
                                        "منذ ٥ دقائق", "5 min ago",           "hace 5 min",
                                        "vor 5 Min." };
    char out[64];
    (void)state;
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        use(order[i]);
        layout_format_age(NOW - 5 * MIN, NOW, 0, out, sizeof out);
        assert_string_equal(out, want[i]);
    }
}

static void test_tags_regions_and_unknown_languages(void **state)
{
    char out[64], tag[NR_LANG_MAX];
    (void)state;
    /* a locale name finds the language's catalogue */
    assert_true(nr_i18n_set_language("de_AT.UTF-8", catalogues));
    nr_i18n_language(tag, sizeof tag);
    assert_string_equal(tag, "de_AT");
    layout_format_age(NOW - 5 * MIN, NOW, 0, out, sizeof out);
    assert_string_equal(out, "vor 5 Min.");
    assert_true(nr_i18n_set_language("es-MX", catalogues));
    layout_format_age(NOW - 28 * HOUR, NOW, 0, out, sizeof out);
    assert_string_equal(out, "ayer");
    /* no catalogue, or not a language: English, and false */
    assert_false(nr_i18n_set_language("ja", catalogues));
    layout_format_age(NOW - 5 * MIN, NOW, 0, out, sizeof out);
    assert_string_equal(out, "5 min ago");
    assert_false(nr_i18n_set_language("../../etc/passwd", catalogues));
    nr_i18n_language(tag, sizeof tag);
    assert_string_equal(tag, "en");
    assert_false(nr_i18n_set_language("de", "/nonexistent-catalogues"));
    layout_format_age(NOW - 5 * MIN, NOW, 0, out, sizeof out);
    assert_string_equal(out, "5 min ago");
    /* the locale's own names for "no language" */
    assert_true(nr_i18n_set_language("C.UTF-8", catalogues));
    assert_true(nr_i18n_set_language("POSIX", catalogues));
    assert_true(nr_i18n_set_language(NULL, catalogues));
    assert_true(nr_i18n_tag("sr_RS@latin", tag, sizeof tag));
    assert_string_equal(tag, "sr_RS@latin");
    assert_false(nr_i18n_tag("x", tag, sizeof tag));
    assert_false(nr_i18n_tag("de;rm", tag, sizeof tag));
}

static const struct dl_item *first_item(const struct display_list *dl, enum dl_role role,
                                        enum dl_kind kind)
{
    for (size_t i = 0; i < dl->n; i++)
        if (dl->items[i].role == role && dl->items[i].kind == kind)
            return &dl->items[i];
    return NULL;
}

/* The progress bar's filled part (the second fill of the role; the first is the track). */
static const struct dl_item *bar_fill(const struct display_list *dl)
{
    int seen = 0;
    for (size_t i = 0; i < dl->n; i++)
        if (dl->items[i].role == ROLE_PROGRESS && ++seen == 2)
            return &dl->items[i];
    return NULL;
}

static void lay_out(const struct story *st, int w, int h, struct display_list *dl)
{
    struct nr_err err = { 0 };
    struct slide_info info = { .index = 0, .count = 4, .now_unix = NOW };
    if (drawer_layout(drawer, st, NULL, &info, w, h, dl, &err) != NR_OK)
        fail_msg("layout: %s", err.msg);
}

/* Arabic chrome around an English story: kicker, footer and bar change sides inside the
 * column; the headline stays where it was, flush left, left to right. */
static void test_arabic_chrome_mirrors_around_an_english_story(void **state)
{
    struct story st = { .headline = "Night ferry to run across the harbour from spring",
                        .dek = "The council approved the service on Tuesday.",
                        .source = "Harbourton Herald",
                        .link = "https://example.org/ferry",
                        .published_unix = NOW - 5 * MIN,
                        .has_published = true };
    static const int sizes[][2] = { { 1920, 1080 }, { 1080, 1920 }, { 800, 480 } };
    (void)state;
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        int w = sizes[k][0], h = sizes[k][1];
        struct display_list en, ar;
        use("en");
        lay_out(&st, w, h, &en);
        use("ar");
        lay_out(&st, w, h, &ar);
        const struct dl_block *ek = &en.blocks[ROLE_KICKER], *ak = &ar.blocks[ROLE_KICKER];
        assert_true(ek->present && ak->present);
        const struct dl_item *e_src = first_item(&en, ROLE_KICKER, DL_TEXT);
        const struct dl_item *a_src = first_item(&ar, ROLE_KICKER, DL_TEXT);
        /* the source starts the line: at the left in English, at the right in Arabic */
        assert_int_equal(e_src->rect.x, ek->box.x);
        assert_int_equal(a_src->rect.x + a_src->rect.w, ak->box.x + ak->box.w);
        assert_false(a_src->runs[0].rtl); /* an English name stays left to right */
        /* the age is Arabic, set right to left, to the left of the source */
        const struct dl_item *a_age = a_src + 1;
        assert_int_equal(a_age->role, ROLE_KICKER);
        assert_true(a_age->runs[0].rtl);
        assert_true(a_age->rect.x + a_age->rect.w <= a_src->rect.x);
        /* the bar fills from the right; the footer label sits at the right */
        const struct dl_item *ef = bar_fill(&en), *af = bar_fill(&ar);
        assert_non_null(ef);
        assert_non_null(af);
        assert_int_equal(ef->rect.w, af->rect.w);
        assert_true(ef->rect.x < af->rect.x);
        const struct dl_item *afoot = first_item(&ar, ROLE_FOOTER, DL_TEXT);
        const struct dl_item *efoot = first_item(&en, ROLE_FOOTER, DL_TEXT);
        assert_true(afoot->rect.x + afoot->rect.w > efoot->rect.x + efoot->rect.w);
        assert_int_equal(afoot->rect.x + afoot->rect.w, af->rect.x + af->rect.w);
        /* the story itself does not move */
        assert_memory_equal(&en.blocks[ROLE_HEADLINE].box, &ar.blocks[ROLE_HEADLINE].box,
                            sizeof(struct dl_rect));
        assert_false(ar.blocks[ROLE_HEADLINE].rtl);
        assert_false(ar.mirrored);
        struct nr_err err = { 0 };
        if (!layout_check(&ar, drawer_measurer(drawer), &err))
            fail_msg("%dx%d: %s", w, h, err.msg);
        display_list_release(&en);
        display_list_release(&ar);
    }
}

/* An Arabic headline mirrors the whole slide whatever the language, as before. */
static void test_arabic_story_mirrors_the_slide_in_any_language(void **state)
{
    struct story st = { .headline = "افتتاح خط جديد للعبّارات عبر الميناء في الربيع",
                        .source = "Harbourton Herald",
                        .published_unix = NOW - 5 * MIN,
                        .has_published = true };
    (void)state;
    const char *langs[] = { "en", "ar", "de" };
    for (size_t i = 0; i < 3; i++) {
        struct display_list dl;
        use(langs[i]);
        lay_out(&st, 1920, 1080, &dl);
        assert_true(dl.mirrored);
        const struct dl_item *f = bar_fill(&dl);
        assert_int_equal(f->rect.x + f->rect.w, dl.items[1].rect.x + dl.items[1].rect.w);
        display_list_release(&dl);
    }
}

/* Share of the box's pixels in colour c (within a small tolerance). */
static double share_of(SDL_Surface *s, SDL_Rect r, struct rgba c)
{
    long hits = 0;
    for (int y = r.y; y < r.y + r.h; y++)
        for (int x = r.x; x < r.x + r.w; x++) {
            Uint32 px = ((const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * s->pitch))[x];
            Uint8 pr, pg, pb;
            SDL_GetRGB(px, s->format, &pr, &pg, &pb);
            hits += abs(pr - c.r) < 16 && abs(pg - c.g) < 16 && abs(pb - c.b) < 16;
        }
    return (double)hits / (double)(r.w * r.h);
}

/* The stale badge sits at the top left of an Arabic screen and the top right of an English
 * one (its Arabic text is set by the slide's own machinery: looked at, shaped and in order). */
static void test_badge_sits_and_reads_in_the_language(void **state)
{
    static const char *const langs[] = { "en", "ar" };
    (void)state;
    char *fonts = ts_path(ts_source_dir(), "fonts");
    struct badge *b = show_badge_new(fonts);
    free(fonts);
    assert_non_null(b);
    for (size_t i = 0; i < 2; i++) {
        char text[128];
        use(langs[i]);
        show_badge_text(103 * DAY, text, sizeof text);
        SDL_Surface *s =
            SDL_CreateRGBSurfaceWithFormat(0, 1920, 1080, 32, SDL_PIXELFORMAT_ARGB8888);
        assert_non_null(s);
        SDL_FillRect(
            s, NULL,
            SDL_MapRGB(s->format, theme.background.r, theme.background.g, theme.background.b));
        show_badge_paint(b, drawer, s, text, &theme);
        SDL_Rect left = { 0, 0, 960, 200 }, right = { 960, 0, 960, 200 };
        double l = share_of(s, left, theme.accent), r = share_of(s, right, theme.accent);
        if (strcmp(langs[i], "ar") == 0)
            assert_true(l > 0.01 && r == 0);
        else
            assert_true(r > 0.01 && l == 0);
        SDL_FreeSurface(s);
    }
    show_badge_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_english_ages),
        cmocka_unit_test(test_german_ages),
        cmocka_unit_test(test_french_ages),
        cmocka_unit_test(test_spanish_ages),
        cmocka_unit_test(test_arabic_ages_and_plural_forms),
        cmocka_unit_test(test_badge_in_every_language),
        cmocka_unit_test(test_alert_and_digest_words),
        cmocka_unit_test(test_digits_and_dates_follow_the_language),
        cmocka_unit_test(test_switching_languages_drops_the_old_words),
        cmocka_unit_test(test_tags_regions_and_unknown_languages),
        cmocka_unit_test(test_arabic_chrome_mirrors_around_an_english_story),
        cmocka_unit_test(test_arabic_story_mirrors_the_slide_in_any_language),
        cmocka_unit_test(test_badge_sits_and_reads_in_the_language),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
