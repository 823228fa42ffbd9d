/* test_catalogues.c: every catalogue in po/ has exactly the strings the sources give to
 * nr_tr(), nr_trn() and N_() (xgettext over app/, as the newsreel-pot target runs it),
 * each translated and none fuzzy. Fails when a string is added, changed or removed in the code
 * and a .po is not brought up to date. */
#include "testsupport.h"

#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *workdir, *pot;

static int setup(void **state)
{
    (void)state;
    workdir = ts_mkdtemp();
    pot = ts_path(workdir, "newsreel.pot");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ts_rmtree(workdir);
    free(workdir);
    free(pot);
    return 0;
}

static int run(char *const argv[], struct nr_buf *err)
{
    struct nr_buf out;
    nr_buf_init(&out, 1 << 20);
    nr_buf_init(err, 1 << 20);
    int status = ts_run(argv, NULL, 60000, &out, err);
    nr_buf_release(&out);
    return status;
}

/* The languages po/LINGUAS lists, into langs (at most max); returns how many. */
static int linguas(char langs[][16], int max)
{
    char *path = ts_path(ts_source_dir(), "po/LINGUAS");
    FILE *f = fopen(path, "r");
    char line[256];
    int n = 0;
    assert_non_null(f);
    while (fgets(line, sizeof line, f) && n < max) {
        line[strcspn(line, " \t\r\n")] = '\0';
        if (line[0] && line[0] != '#' && strlen(line) < 16)
            snprintf(langs[n++], 16, "%.15s", line);
    }
    fclose(f);
    free(path);
    return n;
}

static void test_every_catalogue_matches_the_sources(void **state)
{
    struct nr_buf err;
    char langs[32][16];
    (void)state;
    if (access(NR_XGETTEXT, X_OK) != 0 || access(NR_MSGCMP, X_OK) != 0) {
        print_message("skipped: xgettext or msgcmp is missing (apt-get install gettext)\n");
        skip();
    }
    char def_x[4200], def_src[4200], def_out[4200];
    snprintf(def_x, sizeof def_x, "-DXGETTEXT=%s", NR_XGETTEXT);
    snprintf(def_src, sizeof def_src, "-DSOURCE_DIR=%s", ts_source_dir());
    snprintf(def_out, sizeof def_out, "-DOUT=%s", pot);
    char *script = ts_path(ts_source_dir(), "po/pot.cmake");
    char *const xg[] = { NR_CMAKE, def_x, def_src, def_out, "-P", script, NULL };
    if (run(xg, &err) != 0)
        fail_msg("xgettext over app/ failed: %s", err.data);
    nr_buf_release(&err);
    free(script);

    int n = linguas(langs, 32);
    const char *needed[] = { "de", "fr", "es", "ar" };
    for (size_t k = 0; k < sizeof needed / sizeof needed[0]; k++) {
        bool listed = false;
        for (int i = 0; i < n; i++)
            listed |= strcmp(langs[i], needed[k]) == 0;
        if (!listed)
            fail_msg("po/LINGUAS lacks '%s'", needed[k]);
    }
    int stale = 0;
    for (int i = 0; i < n; i++) {
        char rel[32];
        snprintf(rel, sizeof rel, "po/%.15s.po", langs[i]);
        char *po = ts_path(ts_source_dir(), rel);
        /* every string of the sources is in the catalogue, translated and not fuzzy */
        char *const fwd[] = { NR_MSGCMP, "--no-fuzzy-matching", po, pot, NULL };
        if (run(fwd, &err) != 0) {
            print_error("%s is missing strings of the sources (msgmerge --update %s "
                        "<build>/po/newsreel.pot, then translate):\n%s",
                        rel, rel, err.data);
            stale++;
        }
        nr_buf_release(&err);
        /* and holds none the sources no longer have */
        char *const back[] = {
            NR_MSGCMP, "--no-fuzzy-matching", "--use-untranslated", pot, po, NULL
        };
        if (run(back, &err) != 0) {
            print_error("%s has strings the sources no longer use:\n%s", rel, err.data);
            stale++;
        }
        nr_buf_release(&err);
        free(po);
    }
    assert_int_equal(stale, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_catalogue_matches_the_sources),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
