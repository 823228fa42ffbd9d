/* test_remote.c: a fetched settings file gets the same checks as a local one. */
#include "remote.h"
#include "testsupport.h"

#include "alloc.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_check(void **state)
{
    (void)state;
    char *dir = ts_mkdtemp();
    char *scratch = ts_path(dir, "remote.conf.new");
    struct nr_err err = { 0 };
    static const char good[] = "[feeds]\nurl = https://a.example/rss\n[show]\nslide_seconds = 9\n";
    assert_int_equal(fleet_remote_check(good, strlen(good), scratch, &err), NR_OK);
    assert_int_equal(access(scratch, R_OK), 0); /* kept for the caller to move in place */

    static const struct {
        const char *body, *words;
    } bad[] = {
        { "[show]\nslide_seconds = 1\n", "remote.conf.new:2: slide_seconds = 1 is out of range" },
        { "[shw]\nslide_seconds = 9\n", "unknown section" },
        { "<html><body>Sign in</body></html>\n", "not a setting" },
        { "[feed wire]\nheader = X: y\n", "[feed wire] has no url" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        memset(&err, 0, sizeof err);
        enum nr_result rc = fleet_remote_check(bad[i].body, strlen(bad[i].body), scratch, &err);
        assert_int_equal(rc, NR_ERR_USAGE);
        if (!strstr(err.msg, bad[i].words))
            fail_msg("'%s' lacks '%s'", err.msg, bad[i].words);
        assert_int_not_equal(access(scratch, F_OK), 0); /* nothing left to apply */
    }
    static const char nul[] = "[show]\0slide_seconds = 9\n";
    assert_int_equal(fleet_remote_check(nul, sizeof nul - 1, scratch, &err), NR_ERR_USAGE);
    char *huge = xmalloc(REMOTE_MAX_BYTES + 2);
    memset(huge, ';', REMOTE_MAX_BYTES + 1);
    huge[REMOTE_MAX_BYTES + 1] = '\0';
    assert_int_equal(fleet_remote_check(huge, REMOTE_MAX_BYTES + 1, scratch, &err), NR_ERR_TOO_BIG);
    free(huge);
    ts_rmtree(dir);
    free(dir);
    free(scratch);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
