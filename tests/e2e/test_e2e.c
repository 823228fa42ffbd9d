/* test_e2e.c: the real newsreel binary against the seed served from 127.0.0.1, and every
 * way the command line or an input can be wrong. */
#include "alloc.h"
#include "testsupport.h"

#include <SDL.h>
#include <SDL_image.h>
#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RUN_MS 120000

static const char *seed_headline = "Putin says West has 'ignored' Russia's security concerns";

struct run {
    int status;
    struct nr_buf out, err;
};

static void run_release(struct run *r)
{
    nr_buf_release(&r->out);
    nr_buf_release(&r->err);
}

/* Runs newsreel with up to 8 arguments (NULL-terminated). */
static void run_newsreel(struct run *r, const char *a1, ...)
{
    char *argv[12] = { xstrdup(ts_newsreel()) };
    int n = 1;
    va_list ap;
    va_start(ap, a1);
    for (const char *a = a1; a && n < 11; a = va_arg(ap, const char *))
        argv[n++] = xstrdup(a);
    va_end(ap);
    argv[n] = NULL;
    r->status = ts_run(argv, NULL, RUN_MS, &r->out, &r->err);
    for (int i = 0; i < n; i++)
        free(argv[i]);
}

static struct ts_server seed_server;
static char *workdir;

static int setup(void **state)
{
    (void)state;
    if (ts_have_shared()) {
        char *seed = ts_path(ts_shared_dir(), "feeds/seed");
        ts_server_start(&seed_server, seed);
        free(seed);
    }
    workdir = ts_mkdtemp();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ts_server_stop(&seed_server);
    ts_rmtree(workdir);
    free(workdir);
    return 0;
}

/* Lists the PNG files of dir, sorted; returns how many (at most max). */
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

/* Share of pixels in the rectangle whose luminance is above (bright) the threshold. */
static double bright_share(SDL_Surface *s, int x0, int y0, int x1, int y1, int threshold)
{
    SDL_Surface *rgb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGBA32, 0);
    assert_non_null(rgb);
    long hits = 0, total = 0;
    for (int y = y0; y < y1; y++) {
        const Uint8 *row = (const Uint8 *)rgb->pixels + (size_t)y * (size_t)rgb->pitch;
        for (int x = x0; x < x1; x++) {
            const Uint8 *p = row + 4 * x;
            int lum = (p[0] * 299 + p[1] * 587 + p[2] * 114) / 1000;
            hits += lum > threshold;
            total++;
        }
    }
    SDL_FreeSurface(rgb);
    return total ? (double)hits / (double)total : 0;
}

/* Number of distinct colours in a coarse sample: a blank or single-colour slide has 1-2. */
static int colour_variety(SDL_Surface *s)
{
    SDL_Surface *rgb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGBA32, 0);
    assert_non_null(rgb);
    Uint32 seen[64];
    int n = 0;
    for (int y = 0; y < rgb->h && n < 64; y += 17) {
        for (int x = 0; x < rgb->w && n < 64; x += 13) {
            Uint32 px = *(const Uint32 *)((const Uint8 *)rgb->pixels +
                                          (size_t)y * (size_t)rgb->pitch + 4 * (size_t)x) &
                        0xF0F0F0F0u;
            bool dup = false;
            for (int i = 0; i < n; i++)
                dup |= seen[i] == px;
            if (!dup)
                seen[n++] = px;
        }
    }
    SDL_FreeSurface(rgb);
    return n;
}

static void check_seed_render(const char *feed_file)
{
    char url[256];
    snprintf(url, sizeof url, "%s/%s", seed_server.base, feed_file);
    char *out = ts_path(workdir, feed_file);
    struct run r;
    run_newsreel(&r, "--render", out, "--size", "1920x1080", url, NULL);
    if (r.status != 0)
        fail_msg("newsreel --render %s exited %d: %s", url, r.status, r.err.data);
    char names[4][256];
    int n = list_pngs(out, names, 4);
    assert_int_equal(n, 1);
    assert_true(strncmp(names[0], "001-putin-says-west-has-ignored", 31) == 0);

    char *png = ts_path(out, names[0]);
    SDL_Surface *s = IMG_Load(png);
    assert_non_null(s);
    assert_int_equal(s->w, 1920);
    assert_int_equal(s->h, 1080);
    /* a real slide: photo colours and text, not one flat colour */
    assert_true(colour_variety(s) > 12);
    /* headline glyphs: light text in the upper part of the text column (right half) */
    double text = bright_share(s, 1060, 100, 1860, 540, 200);
    assert_true(text > 0.02);
    assert_true(text < 0.6);
    SDL_FreeSurface(s);
    free(png);
    ts_rmtree(out);
    free(out);
    run_release(&r);
}

static void test_render_seed_rss(void **state)
{
    (void)state;
    if (!ts_have_shared())
        skip();
    check_seed_render("rss2-media.xml");
}

static void test_render_seed_atom(void **state)
{
    (void)state;
    if (!ts_have_shared())
        skip();
    check_seed_render("atom.xml");
}

static void check_dump(const char *feed_file)
{
    char url[256], photo[256];
    snprintf(url, sizeof url, "%s/%s", seed_server.base, feed_file);
    snprintf(photo, sizeof photo, "%s/photos/putin-orban-press-conference.jpg", seed_server.base);
    struct run r;
    run_newsreel(&r, "--dump", url, NULL);
    if (r.status != 0)
        fail_msg("newsreel --dump %s exited %d: %s", url, r.status, r.err.data);
    cJSON *root = cJSON_Parse(r.out.data);
    assert_non_null(root);
    cJSON *stories = cJSON_GetObjectItemCaseSensitive(root, "stories");
    assert_int_equal(cJSON_GetArraySize(stories), 1);
    cJSON *s = cJSON_GetArrayItem(stories, 0);
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(s, "headline")->valuestring,
                        seed_headline);
    cJSON *p = cJSON_GetObjectItemCaseSensitive(s, "photo_url");
    assert_true(cJSON_IsString(p));
    assert_string_equal(p->valuestring, photo);
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(s, "published")->valuestring,
                        "2022-02-01T17:42:00Z");
    cJSON_Delete(root);
    run_release(&r);
}

static void test_dump_seed_rss(void **state)
{
    (void)state;
    if (!ts_have_shared())
        skip();
    check_dump("rss2-media.xml");
}

static void test_dump_seed_atom(void **state)
{
    (void)state;
    if (!ts_have_shared())
        skip();
    check_dump("atom.xml");
}

static void test_render_sample_feed_with_no_arguments(void **state)
{
    (void)state;
    char *out = ts_path(workdir, "sample");
    struct run r;
    run_newsreel(&r, "--render", out, "--size", "1280x720", NULL);
    if (r.status != 0)
        fail_msg("newsreel --render (sample) exited %d: %s", r.status, r.err.data);
    char names[16][256];
    int n = list_pngs(out, names, 16);
    assert_true(n >= 6 && n <= 10);
    ts_rmtree(out);
    free(out);
    run_release(&r);
}

static void expect_failure(int status, const char *needle, const char *a1, const char *a2,
                           const char *a3)
{
    struct run r;
    run_newsreel(&r, a1, a2, a3, NULL);
    if (r.status != status || !strstr(r.err.data, needle))
        fail_msg("expected exit %d and '%s' on stderr; got %d: %s", status, needle, r.status,
                 r.err.data);
    /* one clear line, not a cascade */
    assert_true(strchr(r.err.data, '\n') != NULL);
    assert_true(r.err.len < 600);
    run_release(&r);
}

static void test_missing_file(void **state)
{
    (void)state;
    char *missing = ts_path(workdir, "no-such-feed.xml");
    expect_failure(1, "no-such-feed.xml", "--dump", missing, NULL);
    free(missing);
}

static void test_unreachable_url(void **state)
{
    (void)state;
    /* port 1 on loopback: nothing listens there, so the connection is refused at once */
    expect_failure(1, "http://127.0.0.1:1/feed.xml", "--dump", "http://127.0.0.1:1/feed.xml", NULL);
}

static void test_not_a_feed(void **state)
{
    (void)state;
    char *txt = ts_path(workdir, "notes.txt");
    ts_write_file(txt, "just some notes\nnot a feed at all\n", 34);
    expect_failure(1, "notes.txt", "--dump", txt, NULL);
    free(txt);
}

static void test_unknown_option(void **state)
{
    (void)state;
    expect_failure(2, "--frobnicate", "--frobnicate", NULL, NULL);
}

static void test_bad_size(void **state)
{
    (void)state;
    expect_failure(2, "--size", "--render", "x", "--size");
    expect_failure(2, "1920by1080", "--size", "1920by1080", "--dump");
}

static void test_help_and_version(void **state)
{
    (void)state;
    struct run r;
    run_newsreel(&r, "--help", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out.data, "--render"));
    run_release(&r);
    run_newsreel(&r, "--version", NULL);
    assert_int_equal(r.status, 0);
    assert_true(strncmp(r.out.data, "newsreel ", 9) == 0);
    run_release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_help_and_version),
        cmocka_unit_test(test_unknown_option),
        cmocka_unit_test(test_bad_size),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_unreachable_url),
        cmocka_unit_test(test_not_a_feed),
        cmocka_unit_test(test_dump_seed_rss),
        cmocka_unit_test(test_dump_seed_atom),
        cmocka_unit_test(test_render_seed_rss),
        cmocka_unit_test(test_render_seed_atom),
        cmocka_unit_test(test_render_sample_feed_with_no_arguments),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
