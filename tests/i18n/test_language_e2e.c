/* test_language_e2e.c: the real binary renders a feed served from 127.0.0.1 with
 * show.language = de and ar: the kicker and footer say what the catalogue says (its debug
 * lines), and the Arabic screen's progress bar fills from the right (its PNGs). */
#include "testsupport.h"

#include "alloc.h"
#include "buf.h"

#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char *workdir;
static struct ts_server server;
static char url[256];

static void rfc822(time_t t, char *out, size_t len)
{
    struct tm tm;
    static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
    static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    gmtime_r(&t, &tm);
    snprintf(out, len, "%s, %02d %s %d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday,
             months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static int setup(void **state)
{
    (void)state;
    workdir = ts_mkdtemp();
    /* three stories without photos: 5 minutes, 3 hours and 3 days old (the render's own
     * clock decides the age; 5 minutes stays 5 for the few seconds the test takes) */
    static const long ages[] = { 5 * 60 + 20, 3 * 3600 + 60, 3 * 86400 };
    static const char *const titles[] = { "Night ferry to run across the harbour from spring",
                                          "Library opens a repair cafe for toasters",
                                          "Community garden brings in its first squash" };
    struct nr_buf feed;
    nr_buf_init(&feed, 1 << 16);
    assert_int_equal(
        nr_buf_puts(&feed,
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
                    "<title>Harbourton Herald</title><link>https://example.org/</link>\n"),
        NR_OK);
    for (int i = 0; i < 3; i++) {
        char date[64];
        rfc822(time(NULL) - ages[i], date, sizeof date);
        enum nr_result r =
            nr_buf_printf(&feed,
                          "<item><title>%s</title><link>https://example.org/%d</link>"
                          "<guid>https://example.org/%d</guid><pubDate>%s</pubDate>"
                          "<description>The council approved the plan on Tuesday.</description>"
                          "</item>\n",
                          titles[i], i, i, date);
        assert_int_equal(r, NR_OK);
    }
    assert_int_equal(nr_buf_puts(&feed, "</channel></rss>\n"), NR_OK);
    char *path = ts_path(workdir, "feed.xml");
    ts_write_file(path, feed.data, feed.len);
    free(path);
    nr_buf_release(&feed);
    ts_server_start(&server, workdir);
    snprintf(url, sizeof url, "%s/feed.xml", server.base);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ts_server_stop(&server);
    ts_rmtree(workdir);
    free(workdir);
    return 0;
}

/* Renders the feed in lang at size into workdir/<lang>-<size>/; stderr into err. */
static char *render(const char *lang, const char *size, struct nr_buf *err)
{
    char sub[64], set[64];
    snprintf(sub, sizeof sub, "%s-%s", lang, size);
    snprintf(set, sizeof set, "show.language=%s", lang);
    char *out = ts_path(workdir, sub);
    char *bin = xstrdup(ts_newsreel()), *sz = xstrdup(size);
    char *const argv[] = { bin,      "--set", set, "--set", "show.log_level=debug", "--render", out,
                           "--size", sz,      url, NULL };
    struct nr_buf so;
    nr_buf_init(&so, 1 << 20);
    nr_buf_init(err, 1 << 20);
    int status = ts_run(argv, NULL, 60000, &so, err);
    nr_buf_release(&so);
    free(bin);
    free(sz);
    if (status != 0)
        fail_msg("newsreel --render in %s exited %d: %s", lang, status, err->data);
    return out;
}

/* The x extent of the kicker line of slide whose text contains want: from its debug line
 * "slide N kicker 'TEXT' at x A..B of W". */
static bool kicker_span(const char *log, int slide, const char *want, int *x0, int *x1)
{
    char key[32];
    int klen = snprintf(key, sizeof key, "slide %d kicker '", slide);
    for (const char *p = log; (p = strstr(p, key)); p++) {
        const char *end = strstr(p, "' at x ");
        const char *nl = strchr(p, '\n');
        if (!end || (nl && nl < end))
            continue;
        char text[512];
        size_t n = (size_t)(end - (p + klen));
        if (n >= sizeof text)
            continue;
        memcpy(text, p + klen, n);
        text[n] = '\0';
        if (strstr(text, want) && sscanf(end, "' at x %d..%d", x0, x1) == 2)
            return true;
    }
    return false;
}

/* Mean x of the accent-coloured pixels in the bottom eighth of the slide (the progress bar's
 * filled part); -1 when there are none. */
static double bar_centre(const char *png)
{
    SDL_Surface *raw = IMG_Load(png);
    assert_non_null(raw);
    SDL_Surface *s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_FreeSurface(raw);
    assert_non_null(s);
    double sum = 0;
    long hits = 0;
    for (int y = s->h - s->h / 8; y < s->h; y++) {
        const Uint8 *row = (const Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch;
        for (int x = 0; x < s->w; x++) {
            const Uint8 *p = row + 4 * x; /* the dark theme's accent, #e8a95c */
            if (abs(p[0] - 0xe8) < 12 && abs(p[1] - 0xa9) < 12 && abs(p[2] - 0x5c) < 12) {
                sum += x;
                hits++;
            }
        }
    }
    int w = s->w;
    SDL_FreeSurface(s);
    return hits > 20 ? sum / (double)hits / w : -1;
}

static void test_german_kicker_and_footer(void **state)
{
    struct nr_buf err;
    int s0, s1, a0, a1;
    (void)state;
    char *out = render("de", "1920x1080", &err);
    if (!kicker_span(err.data, 1, "vor 5 Min.", &a0, &a1) ||
        !kicker_span(err.data, 1, "HARBOURTON HERALD", &s0, &s1))
        fail_msg("no German age in the kicker:\n%s", err.data);
    assert_true(a0 > s1); /* after the source, left to right */
    assert_true(kicker_span(err.data, 2, "vor 3 Std.", &a0, &a1));
    assert_non_null(strstr(err.data, "slide 1 footer '1 / 3"));
    char *png = ts_path(out, "001-night-ferry-to-run-across-the-harbour-from-spring.png");
    double c = bar_centre(png);
    assert_true(c > 0 && c < 0.5); /* fills from the left */
    free(png);
    free(out);
    nr_buf_release(&err);
}

static void test_arabic_chrome_is_mirrored(void **state)
{
    static const char *const sizes[] = { "1920x1080", "1080x1920" };
    (void)state;
    for (size_t k = 0; k < 2; k++) {
        struct nr_buf err;
        int s0, s1, a0, a1;
        char *out = render("ar", sizes[k], &err);
        /* "منذ ٥ دقائق": five minutes, in the few-form (3..10), in Arabic digits */
        if (!kicker_span(err.data, 1, "دقائق", &a0, &a1) ||
            !kicker_span(err.data, 1, "HARBOURTON HERALD", &s0, &s1))
            fail_msg("no Arabic age in the kicker at %s:\n%s", sizes[k], err.data);
        assert_true(a1 < s0); /* read from the right: source first, the age to its left */
        assert_true(kicker_span(err.data, 1, "٥", &a0, &a1));
        assert_true(kicker_span(err.data, 2, "ساعات", &a0, &a1)); /* three hours */
        assert_true(kicker_span(err.data, 2, "٣", &a0, &a1));
        char *png = ts_path(out, "001-night-ferry-to-run-across-the-harbour-from-spring.png");
        double c = bar_centre(png);
        if (!(c > 0.5))
            fail_msg("at %s the progress bar does not fill from the right (centre %.2f)", sizes[k],
                     c);
        free(png);
        free(out);
        nr_buf_release(&err);
    }
}

/* A language without a catalogue shows English and says so; a malformed one is refused. */
static void test_unknown_and_malformed_languages(void **state)
{
    struct nr_buf err;
    int a0, a1;
    (void)state;
    char *out = render("ja", "800x480", &err);
    assert_non_null(strstr(err.data, "no catalogue for language 'ja'"));
    assert_true(kicker_span(err.data, 1, "5 min ago", &a0, &a1));
    free(out);
    nr_buf_release(&err);

    struct nr_buf so;
    char *bin = xstrdup(ts_newsreel());
    char *const argv[] = { bin, "--set", "show.language=../../x", "--dump", url, NULL };
    nr_buf_init(&so, 1 << 20);
    nr_buf_init(&err, 1 << 20);
    assert_int_equal(ts_run(argv, NULL, 60000, &so, &err), 2);
    assert_non_null(strstr(err.data, "language = '../../x' is not a language tag"));
    free(bin);
    nr_buf_release(&so);
    nr_buf_release(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_german_kicker_and_footer),
        cmocka_unit_test(test_arabic_chrome_is_mirrored),
        cmocka_unit_test(test_unknown_and_malformed_languages),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
