/* test_config_docs.c: the manual pages in packaging/man/ and the README's settings table say
 * what the settings table in app/config/settings.c says. After changing a setting, write the
 * pages again with:  build/tests/config/test_config_docs --write packaging/man  */
#include "config.h"

#include "alloc.h"
#include "testsupport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *written(void (*write)(FILE *))
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    write(f);
    assert_int_equal(fclose(f), 0);
    return text;
}

static void check_page(const char *name, void (*write)(FILE *))
{
    char *rel = ts_path("packaging/man", name);
    char *path = ts_path(ts_source_dir(), rel);
    struct nr_buf have;
    char *want = written(write);
    if (ts_read_file(path, &have) != 0 || strcmp(have.data ? have.data : "", want) != 0)
        fail_msg("%s does not match the settings table; write it again with "
                 "'test_config_docs --write packaging/man' from the source folder",
                 rel);
    nr_buf_release(&have);
    free(want);
    free(path);
    free(rel);
}

static void test_manual_pages_match_the_table(void **state)
{
    (void)state;
    check_page("newsreel.1", config_write_man1);
    check_page("newsreel.conf.5", config_write_man5);
}

/* A table cell without its backticks and surrounding spaces. */
static void cell_text(const char *from, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    while (n && *from == ' ')
        from++, n--;
    while (n && from[n - 1] == ' ')
        n--;
    for (size_t i = 0; i < n && o + 1 < cap; i++)
        if (from[i] != '`')
            out[o++] = from[i];
    out[o] = '\0';
}

/* Splits a README table row into its cells; returns how many. */
static int cells(const char *line, char out[][256], int max)
{
    int n = 0;
    const char *p = strchr(line, '|');
    while (p && n < max) {
        const char *q = strchr(p + 1, '|');
        if (!q)
            break;
        cell_text(p + 1, (size_t)(q - p - 1), out[n++], 256);
        p = q;
    }
    return n;
}

static void test_readme_table_matches_the_table(void **state)
{
    (void)state;
    char *path = ts_path(ts_source_dir(), "README.md");
    struct nr_buf readme;
    assert_int_equal(ts_read_file(path, &readme), 0);
    const char *head = strstr(readme.data, "| section | setting | default | allowed |");
    assert_non_null(head);
    size_t n = config_setting_count();
    bool *seen = xcalloc(n, sizeof *seen);
    char section[64] = "";
    const char *line = strchr(head, '\n') + 1;
    line = strchr(line, '\n') + 1; /* the |---| row */
    for (; *line == '|'; line = strchr(line, '\n') + 1) {
        char c[5][256];
        assert_int_equal(cells(line, c, 5), 5);
        if (c[0][0]) {
            assert_true(c[0][0] == '[' && strlen(c[0]) < sizeof section + 2);
            snprintf(section, sizeof section, "%.*s", (int)strlen(c[0]) - 2, c[0] + 1);
        }
        /* "a, b": one row for settings that share default and range */
        char *save = NULL;
        for (char *key = strtok_r(c[1], ", ", &save); key; key = strtok_r(NULL, ", ", &save)) {
            bool any = strcmp(key, "any") == 0;
            if (any)
                key = NULL;
            size_t i;
            struct config_setting_info si;
            for (i = 0; i < n; i++) {
                config_setting_info(i, &si);
                if (strcmp(si.section, section) == 0 &&
                    (key ? si.key && strcmp(si.key, key) == 0 : !si.key))
                    break;
            }
            if (i == n)
                fail_msg("README: [%s] %s is not a setting", section, key ? key : "any key");
            seen[i] = true;
            if (strcmp(c[2], si.def) != 0 || strcmp(c[3], si.allowed) != 0)
                fail_msg("README: [%s] %s says default '%s', allowed '%s'; the table: '%s', '%s'",
                         section, key ? key : "any key", c[2], c[3], si.def, si.allowed);
            if (any)
                break;
        }
    }
    for (size_t i = 0; i < n; i++) {
        struct config_setting_info si;
        config_setting_info(i, &si);
        if (!seen[i] && strcmp(si.section, "debug") != 0)
            fail_msg("README: the settings table lacks [%s] %s", si.section, si.key);
    }
    free(seen);
    nr_buf_release(&readme);
    free(path);
}

/* Defaults come from the table: each literal default set again changes nothing. */
static void test_defaults_are_the_tables(void **state)
{
    (void)state;
    struct config a, b;
    config_defaults(&a);
    assert_int_equal(a.slide_seconds, 12);
    assert_int_equal(a.transition, TRANSITION_CROSSFADE);
    assert_true(a.theme.show_qr);
    config_defaults(&b);
    config_apply_defaults(&b);
    assert_memory_equal(&a, &b, sizeof a);
    config_release(&a);
    config_release(&b);
}

static void write_page(const char *dir, const char *name, void (*write)(FILE *))
{
    char *path = ts_path(dir, name);
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(1);
    }
    write(f);
    if (fclose(f) != 0)
        exit(1);
    printf("wrote %s\n", path);
    free(path);
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--write") == 0) {
        write_page(argv[2], "newsreel.1", config_write_man1);
        write_page(argv[2], "newsreel.conf.5", config_write_man5);
        return 0;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_are_the_tables),
        cmocka_unit_test(test_manual_pages_match_the_table),
        cmocka_unit_test(test_readme_table_matches_the_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
