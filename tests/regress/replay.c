/* replay.c: replays files through one fuzz target's own entry point (fuzz/fuzz_TARGET.c,
 * linked in): the crashes fuzzing found (tests/regress/TARGET/, which must stay fixed) and
 * the target's seeds, so the ordinary and the sanitizer builds exercise every hostile input
 * found so far. A broken contract aborts, which fails the test; the last "replay" line
 * names the file.
 *
 * REPLAY_PATHS (from CMake): ':'-separated folders or files, relative to the source tree,
 * or to the shared corpus when they start with "@shared/". A missing folder counts as empty. */
#include "testsupport.h"

#include "fuzz.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef FUZZ_TARGET
#error "FUZZ_TARGET names the fuzz target (feed, url...)"
#endif
#ifndef CRASH_FIXTURES
#error "CRASH_FIXTURES counts the files of tests/regress/TARGET/"
#endif
#ifndef REPLAY_PATHS
#error "REPLAY_PATHS lists the seed folders"
#endif

static size_t replay_file(const char *path)
{
    struct nr_buf b;
    nr_buf_init(&b, TS_MAX_FILE_BYTES);
    assert_int_equal(ts_read_file(path, &b), 0);
    /* an exact-size copy, as libFuzzer passes it: a read past the end is an ASan error */
    uint8_t *copy = malloc(b.len ? b.len : 1);
    assert_non_null(copy);
    if (b.len)
        memcpy(copy, b.data, b.len);
    print_message("replay %s (%zu bytes)\n", path, b.len);
    fflush(stdout);
    assert_int_equal(LLVMFuzzerTestOneInput(copy, b.len), 0);
    free(copy);
    nr_buf_release(&b);
    return 1;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replays every regular file of dir (not scripts or notes) in name order. */
static size_t replay_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || (len > 3 && strcmp(e->d_name + len - 3, ".py") == 0) ||
            (len > 3 && strcmp(e->d_name + len - 3, ".md") == 0))
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            names = realloc(names, cap * sizeof *names);
            assert_non_null(names);
        }
        names[n++] = ts_path(dir, e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    size_t replayed = 0;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode))
            replayed += replay_file(names[i]);
        free(names[i]);
    }
    free(names);
    return replayed;
}

static size_t replay_path(const char *rel)
{
    const char *root = ts_source_dir();
    if (strncmp(rel, "@shared/", 8) == 0) {
        root = ts_shared_dir();
        rel += 8;
    }
    char *path = ts_path(root, rel);
    struct stat st;
    size_t n = 0;
    if (stat(path, &st) == 0)
        n = S_ISDIR(st.st_mode) ? replay_dir(path) : replay_file(path);
    free(path);
    return n;
}

/* Every file fuzzing ever crashed on: none may crash again. */
static void test_crash_fixtures(void **state)
{
    (void)state;
    if (CRASH_FIXTURES == 0) {
        print_message("fuzz_%s has no crash fixtures yet\n", FUZZ_TARGET);
        skip();
    }
    size_t n = replay_path("tests/regress/" FUZZ_TARGET);
    print_message("%zu crash fixtures of fuzz_%s replayed\n", n, FUZZ_TARGET);
    /* every file the build found there was replayed: a wrong path or a reader that skips
     * files would otherwise pass with nothing tested */
    assert_int_equal(n, CRASH_FIXTURES);
}

/* The seeds: the inputs the fuzzer starts from, which the stage handles every day. */
static void test_seeds(void **state)
{
    (void)state;
    char paths[] = REPLAY_PATHS;
    size_t n = 0;
    char *save = NULL;
    for (char *p = strtok_r(paths, ":", &save); p; p = strtok_r(NULL, ":", &save))
        n += replay_path(p);
    print_message("%zu seeds of fuzz_%s replayed\n", n, FUZZ_TARGET);
    assert_true(n > 0); /* a target with no seed at all means a path here went wrong */
}

int main(int argc, char **argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_crash_fixtures),
        cmocka_unit_test(test_seeds),
    };
    return cmocka_run_group_tests_name("regress_" FUZZ_TARGET, tests, NULL, NULL);
}
