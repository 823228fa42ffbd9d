/* test_alert_scripts.c: alerts in Arabic and Japanese, read from CAP documents whose info
 * blocks are in several languages, on the alert screen and band at 1920x1080, 1080x1920
 * and 800x480, in English and in Arabic on screen. Every letter comes from a font that has
 * it (none dropped, none a missing-glyph box), every line lies in its block and its ink in
 * the line's box, and a right-to-left alert or language gets the mirror image: label box
 * and text from the right. `test_alert_scripts DIR` also writes the pictures to DIR. */
#include "testsupport.h"

#include "alert.h"
#include "alert_view.h"
#include "alert_words.h"
#include "draw.h"
#include "i18n.h"
#include "layout_alert.h"
#include "utf8.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *out_dir;
static char catalogues[4096];
static struct theme theme;
static struct drawer *drawer;
static struct show_alert_view *view;

static const int sizes[][2] = { { 1920, 1080 }, { 1080, 1920 }, { 800, 480 } };
static const int64_t NOW = 1796205600; /* 2026-12-02 10:00 UTC, between onset and expiry */

#define CAP_HEAD                                                                                   \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"                                                   \
    "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>flood-7</identifier>"       \
    "<sender>warn@example.org</sender><sent>2026-12-02T09:55:00+00:00</sent>"                      \
    "<status>Actual</status><msgType>Alert</msgType><scope>Public</scope>"
#define INFO_TAIL                                                                                  \
    "<urgency>Immediate</urgency><certainty>Observed</certainty>"                                  \
    "<onset>2026-12-02T09:55:00+00:00</onset><expires>2026-12-02T14:30:00+00:00</expires>"

/* One warning in three languages: the screen picks the block in the alert language asked. */
static const char cap[] = CAP_HEAD
    "<info><language>en-GB</language><event>Flood</event><severity>Extreme</severity>" INFO_TAIL
    "<senderName>River Authority</senderName><headline>Flood warning for the lower town"
    "</headline><description>The river is rising fast.</description></info>"
    "<info><language>ar</language><event>فيضان</event><severity>Extreme</severity>" INFO_TAIL
    "<senderName>هيئة النهر</senderName>"
    "<headline>تحذير من فيضان في المدينة السفلى ومواقف السيارات على ضفة النهر</headline>"
    "<description>يرتفع منسوب النهر بسرعة بعد ليلة من الأمطار الغزيرة في أعالي النهر، ومن "
    "المتوقع أن يتجاوز السد قرب الجسر القديم خلال ساعة واحدة. قد تصل المياه إلى الطوابق "
    "الأرضية في شارع الرصيف وسوق المدينة، وقد تنقطع الكهرباء عن بعض الأحياء احتياطاً."
    "</description><instruction>غادروا الطوابق الأرضية الآن وتوجهوا إلى الطوابق العليا أو "
    "إلى نقطة التجمع في مبنى البلدية. لا تقودوا السيارات في مياه الفيضان.</instruction></info>"
    "<info><language>ja-JP</language><event>洪水</event><severity>Severe</severity>" INFO_TAIL
    "<senderName>河川管理局</senderName>"
    "<headline>河川氾濫警報：下町と河川敷の駐車場に浸水のおそれ</headline>"
    "<description>上流で一晩中大雨が続いたため川の水位が急上昇しており、一時間以内に旧橋付近の"
    "堤防を越える見込みです。岸壁通りや市場広場の建物の一階まで浸水するおそれがあります。"
    "</description><instruction>直ちに一階から離れ、上の階か市役所の避難場所へ移動してください。"
    "冠水した道路を車で走行しないでください。</instruction></info>"
    "</alert>";

static void parse(const char *language, struct alert_list *l)
{
    struct nr_err err = { 0 };
    memset(l, 0, sizeof *l);
    assert_int_equal(alert_parse_cap(cap, sizeof cap - 1, language, l, NULL, NULL, &err), NR_OK);
    assert_int_equal(l->n, 1);
}

static void use(const char *lang)
{
    if (!nr_i18n_set_language(lang, catalogues))
        fail_msg("no catalogue for '%s' in '%s' (is the build complete?)", lang, catalogues);
}

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

/* The code point at *p, moving *p past it. */
static uint32_t next_cp(const char **p)
{
    uint32_t cp = 0;
    *p += nr_utf8_decode(*p, strlen(*p), &cp);
    return cp;
}

/* Code points of s that are not white space. */
static size_t letters(const char *s)
{
    size_t n = 0;
    for (const char *p = s; *p;) {
        uint32_t cp = next_cp(&p);
        n += cp != ' ' && cp != '\n' && cp != '\t';
    }
    return n;
}

/* Every code point of text has a glyph in face (a bundled or a fallback font). */
static void assert_fonts_have(const struct text_measurer *m, enum face f, const char *text)
{
    for (const char *p = text; *p;) {
        uint32_t cp = next_cp(&p);
        if (cp > ' ' && !m->has_glyph(m->ctx, f, cp))
            fail_msg("no font has U+%04X of '%s'", (unsigned)cp, text);
    }
}

/* The letters of the lines of role, all of them. */
static size_t role_letters(const struct display_list *dl, enum dl_role role)
{
    size_t n = 0;
    for (size_t i = 0; i < dl->n; i++)
        if (dl->items[i].kind == DL_TEXT && dl->items[i].role == role)
            for (size_t k = 0; k < dl->items[i].n_runs; k++)
                n += letters(dl->items[i].runs[k].utf8);
    return n;
}

static bool inside(struct dl_rect in, struct dl_rect out)
{
    return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w &&
           in.y + in.h <= out.y + out.h;
}

/* What a layout of the alert promises: each line measures with the real fonts (no missing
 * glyph) and lies inside its block's box, the boxes inside the safe area. */
static void check_lines(const struct display_list *dl, const struct text_measurer *m)
{
    for (size_t i = 0; i < dl->n; i++) {
        const struct dl_item *it = &dl->items[i];
        if (it->kind != DL_TEXT)
            continue;
        assert_true(it->n_runs > 0);
        for (size_t k = 0; k < it->n_runs; k++) {
            int rw = 0, rh = 0;
            const struct dl_run *r = &it->runs[k];
            if (m->size(m->ctx, it->face, it->px, r->rtl, r->utf8, r->len, &rw, &rh) != 0)
                fail_msg("'%s' has a code point no font has", r->utf8);
        }
        if (!inside(it->rect, it->clip))
            fail_msg("line %zu (%d,%d %dx%d) leaves its box (%d,%d %dx%d)", i, it->rect.x,
                     it->rect.y, it->rect.w, it->rect.h, it->clip.x, it->clip.y, it->clip.w,
                     it->clip.h);
    }
}

/* Ink (pixels not the ground nor the label box) only in the lines' boxes, with room for
 * the marks above and below Arabic letters; some ink in each line. */
static void check_ink(SDL_Surface *s, const struct display_list *dl, uint32_t ground,
                      uint32_t label_ground)
{
    for (size_t i = 0; i < dl->n; i++) {
        const struct dl_item *it = &dl->items[i];
        if (it->kind != DL_TEXT)
            continue;
        size_t ink = 0;
        uint32_t bg = it->role == ROLE_KICKER ? label_ground : ground;
        for (int y = it->rect.y; y < it->rect.y + it->rect.h; y++)
            for (int x = it->rect.x; x < it->rect.x + it->rect.w; x++)
                ink += pixel(s, x, y) != bg;
        assert_true(ink > (size_t)(it->rect.w * it->rect.h) / 50);
    }
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++) {
            uint32_t p = pixel(s, x, y);
            if (p == ground || p == label_ground)
                continue;
            bool ok = false;
            for (size_t i = 0; i < dl->n && !ok; i++) {
                const struct dl_item *it = &dl->items[i];
                int slack = it->px / 4;
                ok = it->kind == DL_TEXT && x >= it->rect.x - slack &&
                     x < it->rect.x + it->rect.w + slack && y >= it->rect.y - slack &&
                     y < it->rect.y + it->rect.h + slack;
            }
            if (!ok)
                fail_msg("%dx%d: ink %06x at %d,%d outside every line", s->w, s->h, p, x, y);
        }
}

/* The label box and the lines of the headline hug the right edge of the text column when
 * mirrored, the left one when not. */
static void check_side(const struct display_list *dl, bool mirrored)
{
    int left = dl->safe.x, right = dl->safe.x + dl->safe.w;
    const struct dl_block *label = &dl->blocks[ROLE_KICKER];
    assert_true(label->present);
    assert_int_equal(dl->mirrored, mirrored);
    if (mirrored)
        assert_true(label->box.x > left && label->box.x + label->box.w >= right);
    else
        assert_true(label->box.x <= left && label->box.x + label->box.w < right);
    size_t heads = 0;
    for (size_t i = 0; i < dl->n; i++) {
        const struct dl_item *it = &dl->items[i];
        if (it->kind != DL_TEXT || it->role != ROLE_HEADLINE)
            continue;
        heads++;
        if (mirrored)
            assert_int_equal(it->rect.x + it->rect.w, right);
        else
            assert_int_equal(it->rect.x, left);
    }
    assert_true(heads > 0);
}

struct script_case {
    const char *alert_lang, *screen_lang, *name;
    bool mirrored;
};

static const struct script_case cases[] = {
    { "ar", "ar", "alert-ar-ar", true },  /* Arabic alert, Arabic on screen */
    { "ar", "en", "alert-ar-en", true },  /* an Arabic alert reads from the right anyway */
    { "ja", "en", "alert-ja-en", false }, /* Japanese: shaped and broken by phrases */
    { "en", "ar", "alert-en-ar", true },  /* the Arabic chrome mirrors an English alert */
};

static struct layout_alert_colors colors(const struct alert *a)
{
    /* the screen's palette, read back from a painted screen's corners is enough here */
    SDL_Surface *s = show_alert_view_screen(NULL, a, 8, 8, 0, NOW);
    assert_non_null(s);
    uint32_t g = pixel(s, 0, 0);
    SDL_FreeSurface(s);
    struct rgba ground = { (uint8_t)(g >> 16), (uint8_t)(g >> 8), (uint8_t)g, 255 };
    bool dark = g == 0xB00018;
    struct rgba ink = dark ? (struct rgba){ 255, 255, 255, 255 } : (struct rgba){ 0, 0, 0, 255 };
    return (struct layout_alert_colors){ ground, ink, ink, ground };
}

static void test_screen_in_every_script(void **state)
{
    (void)state;
    const struct text_measurer *m = drawer_measurer(drawer);
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        use(cases[c].screen_lang);
        struct alert_list l;
        parse(cases[c].alert_lang, &l);
        const struct alert *a = &l.items[0];
        assert_fonts_have(m, FACE_BODY_BOLD, a->headline);
        assert_fonts_have(m, FACE_BODY, a->description);
        assert_fonts_have(m, FACE_BODY_BOLD, show_alert_label(a));
        struct layout_alert_colors col = colors(a);
        char label[256];
        snprintf(label, sizeof label, "%s · %s", show_alert_label(a), a->event);
        struct layout_alert_text t = { label, a->headline, a->description, a->instruction, NULL };
        for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
            int w = sizes[i][0], h = sizes[i][1];
            struct display_list dl;
            layout_alert_screen(&t, &col, (struct viewport){ w, h }, 0, m, &dl);
            check_lines(&dl, m);
            check_side(&dl, cases[c].mirrored);
            /* the headline whole: no letter dropped or cut */
            assert_int_equal(role_letters(&dl, ROLE_HEADLINE), letters(a->headline));
            assert_false(dl.blocks[ROLE_HEADLINE].ellipsized);
            for (int r = ROLE_HEADLINE; r < ROLE_COUNT; r++)
                if (dl.blocks[r].present)
                    assert_true(inside(dl.blocks[r].box, dl.safe));
            SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
            assert_non_null(s);
            drawer_paint_over(drawer, &dl, s);
            check_ink(s, &dl, rgb(col.ground), rgb(col.label_ground));
            SDL_FreeSurface(s);
            display_list_release(&dl);
            /* and the screen the show paints, with its footer */
            s = show_alert_view_screen(view, a, w, h, 0, NOW);
            assert_non_null(s);
            /* the label box is where the layout put it: along the row just above its text,
             * the box's ground runs from the text column's edge on the reading side */
            int unit = w < h ? w : h, mx = unit / 14, gap = unit / 40, y = unit / 16 - gap / 4;
            int minx = w, maxx = -1;
            for (int x = 0; x < w; x++)
                if (pixel(s, x, y) == rgb(col.label_ground)) {
                    minx = x < minx ? x : minx;
                    maxx = x;
                }
            assert_true(maxx > minx);
            if (cases[c].mirrored)
                assert_true(maxx >= w - mx - 1 && minx > mx + gap);
            else
                assert_true(minx <= mx && maxx < w - mx - gap);
            save(s, cases[c].name, w, h);
            SDL_FreeSurface(s);
        }
        alert_list_release(&l);
    }
    use("en");
}

static void test_band_in_every_script(void **state)
{
    (void)state;
    const struct text_measurer *m = drawer_measurer(drawer);
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        use(cases[c].screen_lang);
        struct alert_list l;
        parse(cases[c].alert_lang, &l);
        const struct alert *a = &l.items[0];
        struct layout_alert_colors col = colors(a);
        char until[96], name[64];
        show_alert_until_text(a, NOW, until, sizeof until);
        assert_true(until[0] != '\0');
        assert_fonts_have(m, FACE_BODY, until);
        struct layout_alert_text t = { show_alert_label(a), a->headline, NULL, NULL, until };
        for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
            int w = sizes[i][0], h = sizes[i][1], bh = show_alert_view_band_height(w, h);
            struct display_list dl;
            layout_alert_band(&t, &col, (struct viewport){ w, h }, false, 0, m, &dl);
            check_lines(&dl, m);
            assert_int_equal(dl.mirrored, cases[c].mirrored);
            const struct dl_block *lab = &dl.blocks[ROLE_KICKER], *head = &dl.blocks[ROLE_HEADLINE];
            assert_true(lab->present && head->present);
            /* the label first on the reading side, the headline after it */
            if (cases[c].mirrored)
                assert_true(head->box.x + head->box.w < lab->box.x);
            else
                assert_true(lab->box.x + lab->box.w < head->box.x);
            for (size_t k = 0; k < dl.n; k++)
                if (dl.items[k].kind == DL_TEXT)
                    assert_true(inside(dl.items[k].rect, (struct dl_rect){ 0, h - bh, w, bh }));
            SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
            assert_non_null(s);
            SDL_FillRect(s, NULL, SDL_MapRGB(s->format, 0x12, 0x34, 0x56));
            show_alert_view_band(view, s, a, false, 0, NOW);
            /* the band the show paints is the one laid out: its label box is there */
            assert_int_equal(pixel(s, lab->box.x + 1, lab->box.y + 1), rgb(col.label_ground));
            assert_int_equal(pixel(s, w - 1 - (lab->box.x + 1), lab->box.y + 1),
                             lab->box.x + 1 == w - 1 - (lab->box.x + 1) ? rgb(col.label_ground)
                                                                        : rgb(col.ground));
            assert_int_equal(pixel(s, 0, h - bh - 1), 0x123456);
            snprintf(name, sizeof name, "band-%s", cases[c].name + 6);
            save(s, name, w, h);
            SDL_FreeSurface(s);
            display_list_release(&dl);
        }
        alert_list_release(&l);
    }
    use("en");
}

/* A description far too long for a small screen, even at the smallest size: it is cut at
 * a whole line ending in "…", and the instruction and the footer after it are still there. */
static void test_long_description_leaves_room_for_what_to_do(void **state)
{
    (void)state;
    const struct text_measurer *m = drawer_measurer(drawer);
    use("ar");
    struct alert_list l;
    parse("ar", &l);
    const struct alert *a = &l.items[0];
    size_t one = strlen(a->description);
    char *longer = malloc((one + 1) * 40 + 1);
    assert_non_null(longer);
    for (size_t i = 0; i < 40; i++) {
        memcpy(longer + i * (one + 1), a->description, one);
        longer[i * (one + 1) + one] = ' ';
    }
    longer[40 * (one + 1)] = '\0';
    struct layout_alert_colors col = colors(a);
    struct layout_alert_text t = { show_alert_label(a), a->headline, longer, a->instruction,
                                   "حتى ١٤:٣٠" };
    /* a small screen: on the larger ones all the text layout takes (4 KiB) fits */
    static const int small[][2] = { { 320, 240 }, { 480, 272 }, { 240, 320 } };
    for (size_t i = 0; i < sizeof small / sizeof small[0]; i++) {
        struct display_list dl;
        layout_alert_screen(&t, &col, (struct viewport){ small[i][0], small[i][1] }, 0, m, &dl);
        check_lines(&dl, m);
        assert_true(dl.blocks[ROLE_DEK].present && dl.blocks[ROLE_DEK].ellipsized);
        assert_true(dl.blocks[ROLE_QUOTE].present && !dl.blocks[ROLE_QUOTE].ellipsized);
        assert_true(dl.blocks[ROLE_FOOTER].present);
        for (int r = ROLE_HEADLINE; r < ROLE_COUNT; r++)
            if (dl.blocks[r].present)
                assert_true(inside(dl.blocks[r].box, dl.safe));
        /* the last line of the description ends with the ellipsis */
        const struct dl_item *last = NULL;
        for (size_t k = 0; k < dl.n; k++)
            if (dl.items[k].kind == DL_TEXT && dl.items[k].role == ROLE_DEK)
                last = &dl.items[k];
        assert_non_null(last);
        bool ellipsis = false;
        for (size_t k = 0; k < last->n_runs; k++)
            ellipsis = ellipsis || strstr(last->runs[k].utf8, "\xe2\x80\xa6");
        assert_true(ellipsis);
        display_list_release(&dl);
    }
    free(longer);
    alert_list_release(&l);
    use("en");
}

static int setup(void **state)
{
    struct nr_err err = { 0 };
    (void)state;
    snprintf(catalogues, sizeof catalogues, "%s/locale", ts_binary_dir());
    char *fonts = ts_path(ts_source_dir(), "fonts");
    theme_default(&theme);
    drawer = drawer_new(fonts, &theme, &err);
    view = show_alert_view_new(fonts);
    free(fonts);
    return drawer && view ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    show_alert_view_free(view);
    drawer_free(drawer);
    nr_i18n_set_language("en", catalogues);
    layout_shutdown();
    return 0;
}

int main(int argc, char **argv)
{
    out_dir = argc > 1 ? argv[1] : NULL;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_screen_in_every_script),
        cmocka_unit_test(test_band_in_every_script),
        cmocka_unit_test(test_long_description_leaves_room_for_what_to_do),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
