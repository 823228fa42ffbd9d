/* bench_layout.c: layout and draw time per slide at 1080p and 4K, median of 20 runs, with
 * cold caches (drawn text, scaled photos and QR codes dropped before each run; fonts stay
 * open) and warm ones (the same slide again, as the slideshow shows it). Also the 5000-byte
 * headline without spaces. Run from the build tree: ./bench/bench_layout [runs] */
#include "../tests/golden/fixtures.c"

#include "draw.h"
#include "layout.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double now_ms(void)
{
    return (double)SDL_GetPerformanceCounter() * 1000.0 / (double)SDL_GetPerformanceFrequency();
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Times layout and paint of story; cold drops the caches before each run. */
static void run(struct drawer *d, const char *name, const struct story *s, SDL_Surface *photo,
                int w, int h, bool cold, int runs)
{
    double lay[64], paint[64];
    struct slide_info info = { .index = 0, .count = 9, .now_unix = FIXTURE_NOW_UNIX };
    struct nr_err err = { 0 };
    if (!cold) { /* one unmeasured run fills the caches */
        SDL_Surface *x = drawer_render(d, s, photo, &info, w, h, &err);
        SDL_FreeSurface(x);
    }
    for (int i = 0; i < runs; i++) {
        struct display_list dl;
        if (cold)
            drawer_clear_caches(d);
        double t0 = now_ms();
        if (drawer_layout(d, s, photo, &info, w, h, &dl, &err) != NR_OK) {
            fprintf(stderr, "bench_layout: %s\n", err.msg);
            exit(1);
        }
        double t1 = now_ms();
        SDL_Surface *slide = drawer_paint(d, &dl, photo, w, h, &err);
        double t2 = now_ms();
        SDL_FreeSurface(slide);
        display_list_release(&dl);
        lay[i] = t1 - t0;
        paint[i] = t2 - t1;
    }
    double ml = median(lay, runs), mp = median(paint, runs);
    printf("%-16s %4dx%-4d %-4s layout %7.2f ms  draw %7.2f ms  total %7.2f ms\n", name, w, h,
           cold ? "cold" : "warm", ml, mp, ml + mp);
}

int main(int argc, char **argv)
{
    int runs = argc > 1 ? (int)strtol(argv[1], NULL, 10) : 20;
    const char *shared = NR_SOURCE_DIR "/../shared";
    struct theme theme;
    struct nr_err err = { 0 };
    size_t n;
    const struct fixture *fx = fixtures(&n);
    static const int screens[2][2] = { { 1920, 1080 }, { 3840, 2160 } };
    static const char *const picks[] = { "seed", "long-headline", "no-photo", "rtl", "cjk" };

    if (runs < 1 || runs > 64)
        runs = 20;
    if (SDL_Init(0) != 0)
        return 1;
    theme_default(&theme);
    struct drawer *d = drawer_new(NR_SOURCE_DIR "/fonts", &theme, &err);
    if (!d) {
        fprintf(stderr, "bench_layout: %s\n", err.msg);
        return 1;
    }
    printf("bench_layout: median of %d runs per line (%s %d)\n", runs, argv[0], runs);
    for (int k = 0; k < 2; k++) {
        int w = screens[k][0], h = screens[k][1];
        for (size_t p = 0; p < sizeof picks / sizeof picks[0]; p++) {
            for (size_t i = 0; i < n; i++) {
                if (strcmp(fx[i].name, picks[p]) != 0)
                    continue;
                SDL_Surface *photo = fixture_photo(&fx[i], shared, w, h);
                if (fx[i].photo != FIX_PHOTO_NONE && !photo)
                    fprintf(stderr, "bench_layout: no photo for '%s'\n", fx[i].name);
                run(d, fx[i].name, &fx[i].story, photo, w, h, true, runs);
                run(d, fx[i].name, &fx[i].story, photo, w, h, false, runs);
                SDL_FreeSurface(photo);
            }
        }
    }
    /* the pathological headline: 5000 letters and no break opportunity */
    struct story big = fx[0].story;
    char *text = malloc(5001);
    for (int i = 0; i < 5000; i++)
        text[i] = (char)('a' + i % 26);
    text[5000] = '\0';
    big.headline = text;
    run(d, "5000-no-spaces", &big, NULL, 1920, 1080, true, runs);
    run(d, "5000-no-spaces", &big, NULL, 1920, 1080, false, runs);
    free(text);
    drawer_free(d);
    SDL_Quit();
    return 0;
}
