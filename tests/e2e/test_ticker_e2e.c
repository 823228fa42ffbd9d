/* test_ticker_e2e.c: the ticker band and the digest slide, rendered to PNG by the real
 * newsreel binary from a feed served on 127.0.0.1, at 1920x1080, 1080x1920 and 800x480, and
 * checked on the pixels: the band where the layout puts it, nothing of the slide in it, the
 * footer above it, the digest slides after every third slide. */
#include "alloc.h"
#include "layout.h"
#include "testsupport.h"

#include <SDL.h>
#include <SDL_image.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define RUN_MS 120000
#define N_ITEMS 7

static const int sizes[3][2] = { { 1920, 1080 }, { 1080, 1920 }, { 800, 480 } };

static struct ts_server server;
static char *workdir, *docroot;

static const char *const titles[N_ITEMS] = {
    "Harbour wall repairs finish a month early",
    "Night ferry to run across the harbour from spring",
    "Library opens a repair cafe for toasters, lamps and bikes",
    "Record crowd lines the quay for the first regatta",
    "Archaeologists map a lost river bed beneath the market square",
    "School orchestra wins national prize with a piece by a pupil",
    "Heat pump grants will run out in three weeks, council warns",
};

/* A 1600 x 1200 photo: white, or noise of every colour. */
static void write_photo(const char *path, bool noisy)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 1600, 1200, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(s);
    uint32_t seed = 99;
    for (int y = 0; y < s->h; y++) {
        uint32_t *row = (uint32_t *)((uint8_t *)s->pixels + (size_t)y * s->pitch);
        for (int x = 0; x < s->w; x++) {
            seed = seed * 1664525u + 1013904223u;
            row[x] = 0xff000000u | (noisy ? seed >> 8 : 0xffffffu);
        }
    }
    assert_int_equal(IMG_SavePNG(s, path), 0);
    SDL_FreeSurface(s);
}

static int setup(void **state)
{
    (void)state;
    assert_int_equal(SDL_Init(0), 0);
    workdir = ts_mkdtemp();
    docroot = ts_path(workdir, "www");
    assert_int_equal(mkdir(docroot, 0755), 0);
    char *p = ts_path(docroot, "white.png");
    write_photo(p, false);
    free(p);
    p = ts_path(docroot, "noise.png");
    write_photo(p, true);
    free(p);

    struct nr_buf b;
    nr_buf_init(&b, 1 << 20);
    enum nr_result rc =
        nr_buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
                        "xmlns:media=\"http://search.yahoo.com/mrss/\"><channel>"
                        "<title>Harbourton Test Desk</title><link>https://example.org/</link>\n");
    time_t now = time(NULL);
    for (int i = 0; i < N_ITEMS; i++) {
        char date[64];
        time_t t = now - (time_t)(i + 1) * 12 * 60; /* 12, 24, 36... minutes ago */
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
        rc = rc ? rc
                : nr_buf_printf(&b,
                                "<item><title>%s</title><link>https://example.org/%d</link>"
                                "<guid>item-%d</guid><pubDate>%s</pubDate>"
                                "<description>What happened, in a sentence or two.</description>",
                                titles[i], i, i, date);
        if (i < 2)
            rc = rc ? rc
                    : nr_buf_printf(
                          &b,
                          "<media:content url=\"%s\" medium=\"image\" width=\"1600\" "
                          "height=\"1200\"><media:description>A caption over a %s photo, long "
                          "enough to wrap on a small screen</media:description>"
                          "<media:credit>Photo: Test Desk</media:credit></media:content>",
                          i == 0 ? "white.png" : "noise.png", i == 0 ? "white" : "noisy");
        rc = rc ? rc : nr_buf_puts(&b, "</item>\n");
    }
    rc = rc ? rc : nr_buf_puts(&b, "</channel></rss>\n");
    assert_int_equal(rc, NR_OK);
    p = ts_path(docroot, "feed.xml");
    ts_write_file(p, b.data, b.len);
    free(p);
    nr_buf_release(&b);
    ts_server_start(&server, docroot);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ts_server_stop(&server);
    ts_rmtree(workdir);
    free(workdir);
    free(docroot);
    SDL_Quit();
    return 0;
}

static int list_pngs(const char *dir, char names[][256], int max)
{
    DIR *d = opendir(dir);
    int n = 0;
    if (!d)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < max) {
        size_t len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".png") == 0 && len < 256)
            memcpy(names[n++], e->d_name, len + 1);
    }
    closedir(d);
    qsort(names, (size_t)n, 256, (int (*)(const void *, const void *))strcmp);
    return n;
}

static struct rgba at(SDL_Surface *s, int x, int y)
{
    Uint8 r, g, b;
    SDL_GetRGB(*(const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * s->pitch + 4 * (size_t)x),
               s->format, &r, &g, &b);
    return (struct rgba){ r, g, b, 0xff };
}

static bool near(struct rgba a, struct rgba b, int tol)
{
    return abs(a.r - b.r) <= tol && abs(a.g - b.g) <= tol && abs(a.b - b.b) <= tol;
}

static int lum(struct rgba c)
{
    return (c.r * 299 + c.g * 587 + c.b * 114) / 1000;
}

/* Pixels of rect [x0, x1) x [y0, y1) near colour c. */
static long count_near(SDL_Surface *s, int x0, int y0, int x1, int y1, struct rgba c, int tol)
{
    long n = 0;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++)
            n += near(at(s, x, y), c, tol);
    return n;
}

static long count_bright(SDL_Surface *s, int x0, int y0, int x1, int y1, int threshold)
{
    long n = 0;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++)
            n += lum(at(s, x, y)) > threshold;
    return n;
}

/* The band of a w x h slide as the layout places it, and what the PNG shows there. */
static void check_band(SDL_Surface *s, const char *name, bool digest)
{
    struct theme t;
    struct layout_band b;
    theme_default(&t);
    t.ticker = true;
    layout_ticker_band(&t, (struct viewport){ s->w, s->h }, &b);
    struct rgba ground = layout_ticker_color(&t);
    assert_true(b.row.h > 0);
    /* the band's ground across the slide, bottom row to rule: nothing of the slide in it */
    long band_px = (long)b.ground.w * (b.ground.h - 4);
    long ground_px = count_near(s, 0, b.ground.y + 4, s->w, s->h, ground, 6);
    long text_px = count_bright(s, 0, b.ground.y + 4, s->w, s->h, 150);
    long accent_px = count_near(s, 0, b.ground.y + 4, s->w, s->h, t.accent, 40);
    if (ground_px < band_px / 2 || text_px < 50 || accent_px < 50)
        fail_msg("%s: band %d..%d: %ld of %ld pixels ground, %ld light, %ld accent", name,
                 b.ground.y, s->h, ground_px, band_px, text_px, accent_px);
    /* every band pixel is the ground, or text on it (light, accent or their blend): a photo
     * reaching into the band (white or noise) would show other colours */
    long strays = 0;
    for (int y = b.ground.y + 4; y < s->h; y++)
        for (int x = 0; x < s->w; x++) {
            struct rgba c = at(s, x, y);
            bool greyish = abs(c.r - c.g) < 24 && abs(c.g - c.b) < 24; /* ground to text */
            bool warm = c.r >= c.g && c.g >= c.b;                      /* ground to accent */
            strays += !greyish && !warm;
        }
    if (strays > band_px / 500)
        fail_msg("%s: %ld pixels in the band are neither ground nor text", name, strays);
    /* the rule along its top */
    assert_true(near(at(s, s->w / 2, b.ground.y), t.accent, 10));
    if (!digest) {
        /* the progress bar (accent) still shows, above the band */
        long bar = count_near(s, 0, b.ground.y - s->h / 8, s->w, b.ground.y - 1, t.accent, 12);
        if (bar < 10)
            fail_msg("%s: no progress bar above the band", name);
    }
}

static void render_at(int k, bool reduced)
{
    int w = sizes[k][0], h = sizes[k][1];
    char size[32], url[256], outname[64];
    snprintf(size, sizeof size, "%dx%d", w, h);
    snprintf(url, sizeof url, "%s/feed.xml", server.base);
    snprintf(outname, sizeof outname, "out-%s%s", size, reduced ? "-still" : "");
    char *out = ts_path(workdir, outname);
    char *argv[] = { xstrdup(ts_newsreel()),
                     "--set",
                     "show.ticker=yes",
                     "--set",
                     "show.digest_every=3",
                     "--set",
                     reduced ? "show.reduced_motion=yes" : "show.reduced_motion=no",
                     "--set",
                     "article.read=no",
                     "--render",
                     out,
                     "--size",
                     size,
                     url,
                     NULL };
    struct nr_buf o, e;
    int status = ts_run(argv, NULL, RUN_MS, &o, &e);
    if (status != 0)
        fail_msg("newsreel --render at %s exited %d: %s", size, status, e.data);
    char names[16][256];
    int n = list_pngs(out, names, 16);
    assert_int_equal(n, N_ITEMS + 2); /* seven slides, a digest after the third and sixth */
    assert_string_equal(names[3], "003a-digest.png");
    assert_string_equal(names[7], "006a-digest.png");
    for (int i = 0; i < n; i++) {
        char *png = ts_path(out, names[i]);
        SDL_Surface *s = IMG_Load(png);
        assert_non_null(s);
        SDL_Surface *c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
        assert_non_null(c);
        assert_int_equal(c->w, w);
        assert_int_equal(c->h, h);
        char what[512];
        snprintf(what, sizeof what, "%s/%.256s", size, names[i]);
        check_band(c, what, strstr(names[i], "digest") != NULL);
        SDL_FreeSurface(c);
        SDL_FreeSurface(s);
        free(png);
    }
    /* the digest lists headlines: light text over much of its upper half */
    char *png = ts_path(out, "003a-digest.png");
    SDL_Surface *d = IMG_Load(png);
    assert_non_null(d);
    SDL_Surface *dc = SDL_ConvertSurfaceFormat(d, SDL_PIXELFORMAT_ARGB8888, 0);
    assert_true(count_bright(dc, 0, 0, w, h / 2, 180) > (long)w * h / 400);
    SDL_FreeSurface(dc);
    SDL_FreeSurface(d);
    free(png);
    nr_buf_release(&o);
    nr_buf_release(&e);
    free(argv[0]);
    free(out);
}

static void test_landscape(void **state)
{
    (void)state;
    render_at(0, false);
}

static void test_portrait(void **state)
{
    (void)state;
    render_at(1, false);
}

static void test_small(void **state)
{
    (void)state;
    render_at(2, false);
}

static void test_reduced_motion(void **state)
{
    (void)state;
    render_at(0, true);
    render_at(2, true);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_landscape),
        cmocka_unit_test(test_portrait),
        cmocka_unit_test(test_small),
        cmocka_unit_test(test_reduced_motion),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
