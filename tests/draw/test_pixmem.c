/* test_pixmem.c: SDL's allocator for pixel-sized blocks (pixmem.c): contents survive
 * realloc across the size line, calloc is zero, big blocks go back to the system. */
#include "testsupport.h"

#include "draw.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool installed;

static long rss_kib(void)
{
    FILE *fp = fopen("/proc/self/status", "r");
    char line[256];
    long v = -1;
    while (fp && fgets(line, sizeof line, fp))
        if (strncmp(line, "VmRSS:", 6) == 0)
            v = strtol(line + 6, NULL, 10);
    if (fp)
        fclose(fp);
    return v;
}

static void test_installed_first(void **state)
{
    (void)state;
#if defined(__SANITIZE_ADDRESS__)
    assert_false(installed); /* the sanitizer sees every block instead */
#else
    if (!installed)
        fail_msg("draw_pixmem_install refused before any SDL allocation");
#endif
    /* once SDL holds blocks, a second install must refuse */
    void *p = SDL_malloc(16);
    assert_false(draw_pixmem_install());
    SDL_free(p);
}

static void test_calloc_is_zero(void **state)
{
    (void)state;
    size_t sizes[] = { 1, 100, (1u << 20) - 1, 1u << 20, 8294400 };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        unsigned char *p = SDL_calloc(1, sizes[i]);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % 16, 0);
        for (size_t k = 0; k < sizes[i]; k += 4093)
            assert_int_equal(p[k], 0);
        assert_int_equal(p[sizes[i] - 1], 0);
        memset(p, 0xA5, sizes[i]);
        SDL_free(p);
    }
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 1920, 1080, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(s);
    const uint32_t *px = s->pixels;
    for (size_t k = 0; k < 1920u * 1080u; k += 997)
        assert_int_equal(px[k], 0);
    SDL_FreeSurface(s);
}

static void fill(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(i * 31 + seed);
}

static void expect(const unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != (unsigned char)(i * 31 + seed))
            fail_msg("byte %zu of %zu lost", i, n);
}

static void test_realloc_across_the_line(void **state)
{
    (void)state;
    size_t small = 3000, big = 3u << 20, bigger = 5u << 20;
    unsigned char *p = SDL_malloc(small);
    assert_non_null(p);
    fill(p, small, 7);
    p = SDL_realloc(p, big); /* small to big: copied into a mapping */
    assert_non_null(p);
    expect(p, small, 7);
    fill(p, big, 9);
    p = SDL_realloc(p, bigger); /* big to bigger */
    assert_non_null(p);
    expect(p, big, 9);
    p = SDL_realloc(p, small); /* back under the line */
    assert_non_null(p);
    expect(p, small, 9);
    SDL_free(p);
    SDL_free(NULL);
    if (installed) { /* (a sanitizer's malloc would stop the test on these) */
        assert_null(SDL_malloc(SIZE_MAX - 16));
        assert_null(SDL_calloc(SIZE_MAX / 2, 4));
    }
}

static void test_big_blocks_go_back(void **state)
{
    (void)state;
    long before = rss_kib();
    size_t n = 64u << 20;
    unsigned char *p = SDL_malloc(n);
    assert_non_null(p);
    memset(p, 1, n);
    long held = rss_kib();
    SDL_free(p);
    long after = rss_kib();
    if (held - before < 60 * 1024)
        fail_msg("64 MiB written but resident size grew by %ld KiB", held - before);
    if (installed && after - before > 4 * 1024)
        fail_msg("64 MiB freed but %ld KiB still resident", after - before);
}

int main(void)
{
    installed = draw_pixmem_install(); /* before anything else touches SDL */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_installed_first),
        cmocka_unit_test(test_calloc_is_zero),
        cmocka_unit_test(test_realloc_across_the_line),
        cmocka_unit_test(test_big_blocks_go_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
