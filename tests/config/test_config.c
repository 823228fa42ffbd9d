/* test_config.c: settings files, precedence, ranges with file:line, and the command line. */
#include "config.h"

#include "alloc.h"
#include "testsupport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "banned.h"

struct fixture {
    char *dir;     /* temporary: home/.config/newsreel, etc/newsreel.conf, extra.conf */
    char *home;
    char *system_file;
};

static void write_text(const char *path, const char *text)
{
    ts_write_file(path, text, strlen(text));
}

static int setup(void **state)
{
    struct fixture *f = xcalloc(1, sizeof *f);
    char *p;
    f->dir = ts_mkdtemp();
    f->home = ts_path(f->dir, "home");
    mkdir(f->home, 0700);
    p = ts_path(f->home, ".config");
    mkdir(p, 0700);
    free(p);
    p = ts_path(f->home, ".config/newsreel");
    mkdir(p, 0700);
    free(p);
    f->system_file = ts_path(f->dir, "system.conf");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    ts_rmtree(f->dir);
    free(f->dir);
    free(f->home);
    free(f->system_file);
    free(f);
    return 0;
}

static enum nr_result load(struct fixture *f, struct config *c, char **argv, struct nr_err *err)
{
    int argc = 0;
    while (argv[argc])
        argc++;
    struct config_env env = { .home = f->home, .system_file = f->system_file };
    return config_load(c, argc, argv, &env, err);
}

static void write_user(struct fixture *f, const char *text)
{
    char *p = ts_path(f->home, ".config/newsreel/newsreel.conf");
    write_text(p, text);
    free(p);
}

static void test_defaults_without_files(void **state)
{
    struct fixture *f = *state;
    struct config c;
    struct nr_err err = { 0 };
    char *argv[] = { "newsreel", NULL };
    assert_int_equal(load(f, &c, argv, &err), NR_OK);
    assert_int_equal(c.slide_seconds, 12);
    assert_int_equal(c.refresh_minutes, 15);
    assert_int_equal(c.transition, TRANSITION_CROSSFADE);
    assert_int_equal(c.n_feeds, 0);
    assert_non_null(strstr(c.cache_dir, "home/.cache/newsreel"));
    assert_non_null(strstr(config_status_path(&c), ".cache/newsreel/status"));
    config_release(&c);
}

static void test_system_user_cache_dir(void **state)
{
    struct fixture *f = *state;
    struct config c;
    struct nr_err err = { 0 };
    char *argv[] = { "newsreel", NULL };
    struct config_env env = { .home = f->home, .system_file = NULL, .system_user = true };
    assert_int_equal(config_load(&c, 1, argv, &env, &err), NR_OK);
    assert_string_equal(c.cache_dir, "/var/cache/newsreel");
    config_release(&c);
}

static void test_precedence_chain(void **state)
{
    struct fixture *f = *state;
    struct config c;
    struct nr_err err = { 0 };
    char *extra = ts_path(f->dir, "extra.conf");
    write_text(f->system_file, "[show]\nslide_seconds = 20\ntransition = slide\n"
                               "max_stories = 7\n[fetch]\nrefresh_minutes = 30\n");
    write_user(f, "[show]\nslide_seconds = 25\n[fetch]\nrefresh_minutes = 40\n");
    write_text(extra, "[fetch]\nrefresh_minutes = 50\n[show]\ntransition_ms = 100\n");
    char *argv[] = { "newsreel", "--set", "show.transition_ms=200", "-c", extra, NULL };
    assert_int_equal(load(f, &c, argv, &err), NR_OK);
    assert_int_equal(c.max_stories, 7);                    /* system only */
    assert_int_equal(c.transition, TRANSITION_SLIDE);      /* system only */
    assert_int_equal(c.slide_seconds, 25);                 /* user beats system */
    assert_int_equal(c.refresh_minutes, 50);               /* -c beats user */
    assert_int_equal(c.transition_ms, 200);                /* flag beats -c, wherever it is */
    assert_string_equal(c.config_file, extra);
    config_release(&c);
    free(extra);
}

static void test_out_of_range_names_file_line_and_range(void **state)
{
    struct fixture *f = *state;
    struct config c;
    struct nr_err err = { 0 };
    char *extra = ts_path(f->dir, "bad.conf");
    char want[4200];
    write_text(extra, "# a kiosk\n[show]\n\nslide_seconds = 12\nslide_seconds = 1\n");
    char *argv[] = { "newsreel", "-c", extra, NULL };
    assert_int_equal(load(f, &c, argv, &err), NR_ERR_USAGE);
    snprintf(want, sizeof want, "%s:5: slide_seconds = 1 is out of range (3..600)", extra);
    assert_string_equal(err.msg, want);
    config_release(&c);
    free(extra);
}

static void test_bad_values_of_each_type(void **state)
{
    struct fixture *f = *state;
    static const struct {
        const char *text, *want;
    } cases[] = {
        { "[show]\ntransition = wipe\n",
          ":2: transition = wipe is out of range (crossfade, slide, cut)" },
        { "[theme]\nqr = maybe\n", ":2: qr = maybe is out of range (yes, no)" },
        { "[theme]\naccent = red\n", ":2: accent = red is out of range (#000000..#ffffff)" },
        { "[display]\non_time = 25:00\n", ":2: on_time = 25:00 is out of range (00:00..23:59)" },
        { "[display]\nrotation = 45\n", ":2: rotation = 45 is out of range (0, 90, 180, 270)" },
        { "[fetch]\nrefresh_minutes = ten\n",
          ":2: refresh_minutes = ten is out of range (1..1440)" },
        { "[show]\nslide_secs = 3\n", ":2: unknown setting 'slide_secs' in [show]" },
        { "[shows]\nslide_seconds = 3\n", ":2: unknown section '[shows]'" },
        { "[show]\nthis line has no equals sign\n", ":2: not a setting" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct config c;
        struct nr_err err = { 0 };
        char *extra = ts_path(f->dir, "bad.conf");
        write_text(extra, cases[i].text);
        char *argv[] = { "newsreel", "-c", extra, NULL };
        assert_int_equal(load(f, &c, argv, &err), NR_ERR_USAGE);
        assert_true(strncmp(err.msg, extra, strlen(extra)) == 0);
        if (!strstr(err.msg, cases[i].want))
            fail_msg("case %zu: '%s' lacks '%s'", i, err.msg, cases[i].want);
        config_release(&c);
        free(extra);
    }
}

static void test_feeds_theme_and_long_lines(void **state)
{
    struct fixture *f = *state;
    struct config c;
    struct nr_err err = { 0 };
    char text[2048], long_url[600];
    int n = snprintf(long_url, sizeof long_url, "https://news.example.org/rss?");
    while (n < 500)
        n += snprintf(long_url + n, sizeof long_url - (size_t)n, "topic=world&");
    snprintf(text, sizeof text,
             "; a comment that is very long %0300d\n"
             "[feeds]\nurl = https://a.example/feed.xml\nurl = %s\n"
             "[theme]\ntheme = light\naccent = #12ab9F\nsafe_area_pct = 5\nqr = off\n"
             "[display]\nrotation = 90\non_time = 7:30\noff_time = 22:00\n",
             0, long_url);
    write_user(f, text);
    char *argv[] = { "newsreel", NULL };
    assert_int_equal(load(f, &c, argv, &err), NR_OK);
    assert_int_equal(c.n_feeds, 2);
    assert_string_equal(c.feeds[0], "https://a.example/feed.xml");
    assert_string_equal(c.feeds[1], long_url);
    assert_true(c.theme.light);
    assert_int_equal(c.theme.accent.r, 0x12);
    assert_int_equal(c.theme.accent.g, 0xab);
    assert_int_equal(c.theme.accent.b, 0x9f);
    assert_int_equal(c.theme.safe_area_pct, 5);
    assert_false(c.theme.show_qr);
    assert_int_equal(c.rotation_deg, 90);
    assert_int_equal(c.on_minute, 7 * 60 + 30);
    assert_int_equal(c.off_minute, 22 * 60);
    config_release(&c);

    /* feeds on the command line replace the file's */
    char *argv2[] = { "newsreel", "one.xml", "two.xml", NULL };
    assert_int_equal(load(f, &c, argv2, &err), NR_OK);
    assert_int_equal(c.n_feeds, 2);
    assert_string_equal(c.feeds[0], "one.xml");
    config_release(&c);
}

static void test_theme_fonts(void **state)
{
    struct fixture *f = *state;
    struct config c;
    struct nr_err err = { 0 };
    char *font = ts_path(ts_source_dir(), "fonts/NotoSans-Bold.ttf");
    char text[4200];
    snprintf(text, sizeof text, "[theme]\nheadline_font = %s\n", font);
    write_user(f, text);
    char *argv[] = { "newsreel", NULL };
    assert_int_equal(load(f, &c, argv, &err), NR_OK);
    assert_string_equal(c.theme.font_files[FACE_HEADLINE], font);
    assert_null(c.theme.font_files[FACE_BODY]);   /* the bundled face */
    config_release(&c);

    /* a font file that cannot be read is a configuration error naming file and line */
    write_user(f, "[theme]\n\nquote_font = /nonexistent/Quote.ttf\n");
    assert_int_equal(load(f, &c, argv, &err), NR_ERR_USAGE);
    assert_non_null(strstr(err.msg, "newsreel.conf:3: quote_font = /nonexistent/Quote.ttf"));
    config_release(&c);
    free(font);
}

static void test_command_line(void **state)
{
    struct fixture *f = *state;
    struct config c;
    struct nr_err err = { 0 };
    char *argv[] = { "newsreel", "--seconds", "9", "--fullscreen", "--status", NULL };
    assert_int_equal(load(f, &c, argv, &err), NR_OK);
    assert_int_equal(c.slide_seconds, 9);
    assert_int_equal(c.max_slide_seconds, 9);
    assert_true(c.fullscreen && c.fullscreen_set);
    assert_int_equal(c.mode, MODE_STATUS);
    config_release(&c);

    char *bad[] = { "newsreel", "--set", "show.slide_seconds=2", NULL };
    assert_int_equal(load(f, &c, bad, &err), NR_ERR_USAGE);
    assert_string_equal(err.msg, "--set: slide_seconds = 2 is out of range (3..600)");
    config_release(&c);

    char *missing[] = { "newsreel", "-c", "/nonexistent/newsreel.conf", NULL };
    assert_int_equal(load(f, &c, missing, &err), NR_ERR_USAGE);
    assert_non_null(strstr(err.msg, "'/nonexistent/newsreel.conf'"));
    config_release(&c);

    char *unknown[] = { "newsreel", "--frobnicate", NULL };
    assert_int_equal(load(f, &c, unknown, &err), NR_ERR_USAGE);
    assert_non_null(strstr(err.msg, "'--frobnicate'"));
    config_release(&c);
}

static void test_reload_reads_the_same_sources_again(void **state)
{
    struct fixture *f = *state;
    struct config c, fresh;
    struct nr_err err = { 0 };
    char *argv[] = { "newsreel", NULL };
    write_user(f, "[show]\nslide_seconds = 30\n");
    assert_int_equal(load(f, &c, argv, &err), NR_OK);
    write_user(f, "[show]\nslide_seconds = 40\n");
    assert_int_equal(config_reload(&c, &fresh, &err), NR_OK);
    assert_int_equal(fresh.slide_seconds, 40);
    config_release(&fresh);
    write_user(f, "[show]\nslide_seconds = 4000\n");
    assert_int_equal(config_reload(&c, &fresh, &err), NR_ERR_USAGE);
    assert_int_equal(c.slide_seconds, 30);   /* the running config is untouched */
    config_release(&c);
}

static void test_example_config_loads(void **state)
{
    struct fixture *f = *state;
    struct config c;
    struct nr_err err = { 0 };
    char *example = ts_path(ts_source_dir(), "packaging/newsreel.conf");
    char *argv[] = { "newsreel", "-c", example, NULL };
    if (load(f, &c, argv, &err) != NR_OK)
        fail_msg("%s", err.msg);
    config_release(&c);
    free(example);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_defaults_without_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_system_user_cache_dir, setup, teardown),
        cmocka_unit_test_setup_teardown(test_precedence_chain, setup, teardown),
        cmocka_unit_test_setup_teardown(test_out_of_range_names_file_line_and_range, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_bad_values_of_each_type, setup, teardown),
        cmocka_unit_test_setup_teardown(test_feeds_theme_and_long_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(test_theme_fonts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_command_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reload_reads_the_same_sources_again, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_example_config_loads, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
