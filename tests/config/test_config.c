/* test_config.c: settings files, precedence, ranges with file:line, and the command line. */
#include "config.h"

#include "alloc.h"
#include "testsupport.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct fixture {
    char *dir; /* temporary: home/.config/newsreel, etc/newsreel.conf, extra.conf */
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
    assert_int_equal(c.max_stories, 7);               /* system only */
    assert_int_equal(c.transition, TRANSITION_SLIDE); /* system only */
    assert_int_equal(c.slide_seconds, 25);            /* user beats system */
    assert_int_equal(c.refresh_minutes, 50);          /* -c beats user */
    assert_int_equal(c.transition_ms, 200);           /* flag beats -c, wherever it is */
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

static void test_feed_sections_and_network(void **state)
{
    struct fixture *f = *state;
    struct config c;
    struct nr_err err = { 0 };
    char *ca = ts_path(f->dir, "ca.pem");
    char text[1024];
    write_text(ca, "-----BEGIN CERTIFICATE-----\n");
    snprintf(text, sizeof text,
             "[fetch]\nproxy = http://cache.example:3128\nca_file = %s\n"
             "[feeds]\nurl = https://a.example/feed.xml\n"
             "[feed wire]\nheader = X-Api-Key: abc\nurl = https://wire.example/rss\n"
             "username = desk\npassword = p=ss; word\nheader = Accept-Language: fr\n"
             "[feeds]\nurl = https://b.example/feed.xml\n",
             ca);
    write_user(f, text);
    char *argv[] = { "newsreel", NULL };
    assert_int_equal(load(f, &c, argv, &err), NR_OK);
    assert_string_equal(c.proxy, "http://cache.example:3128");
    assert_string_equal(c.ca_file, ca);
    /* the one-line form and the section form together, in file order */
    assert_int_equal(c.n_feeds, 3);
    assert_string_equal(c.feeds[0], "https://a.example/feed.xml");
    assert_string_equal(c.feeds[1], "https://wire.example/rss");
    assert_string_equal(c.feeds[2], "https://b.example/feed.xml");
    assert_int_equal(c.n_access, 1);
    assert_string_equal(c.access[0].name, "wire");
    assert_string_equal(c.access[0].url, "https://wire.example/rss");
    assert_int_equal(c.access[0].n_headers, 2);
    assert_string_equal(c.access[0].headers[0], "X-Api-Key: abc");
    assert_string_equal(c.access[0].headers[1], "Accept-Language: fr");
    assert_string_equal(c.access[0].username, "desk");
    assert_non_null(c.access[0].password);
    config_release(&c);

    static const struct {
        const char *text, *words;
    } bad[] = {
        { "[feed wire]\nheader = X: y\n", "[feed wire] has no url" },
        { "[feed wire]\nurl = /etc/passwd\n", "not an http(s) URL" },
        { "[feed wire]\nurl = https://a.example/\nurl = https://b.example/\n",
          "has a url already" },
        { "[feed wire]\nurl = https://a.example/\nheader = no colon\n",
          "not a 'Name: value' header" },
        { "[feed wire]\nurl = https://a.example/\nheader = Bad Name: v\n",
          "not a 'Name: value' header" },
        { "[feed wire]\nurl = https://a.example/\ncookie = x\n", "unknown setting 'cookie'" },
        { "[feed]\nurl = https://a.example/\n", "needs a name" },
        { "[fetch]\nca_file = /nonexistent/ca.pem\n", "ca_file" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        write_user(f, bad[i].text);
        memset(&err, 0, sizeof err);
        assert_int_equal(load(f, &c, argv, &err), NR_ERR_USAGE);
        if (!strstr(err.msg, bad[i].words))
            fail_msg("'%s' lacks '%s'", err.msg, bad[i].words);
        config_release(&c);
    }
    free(ca);
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
    assert_null(c.theme.font_files[FACE_BODY]); /* the bundled face */
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
    assert_int_equal(c.slide_seconds, 30); /* the running config is untouched */
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

/* The README's worked lobby example is packaging/examples/lobby.conf, word for word, and it
 * loads with every rule it shows. */
static void test_lobby_example_loads(void **state)
{
    struct fixture *f = *state;
    struct config c;
    struct nr_err err = { 0 };
    char *example = ts_path(ts_source_dir(), "packaging/examples/lobby.conf");
    char *argv[] = { "newsreel", "-c", example, NULL };
    if (load(f, &c, argv, &err) != NR_OK)
        fail_msg("%s", err.msg);
    assert_int_equal(c.n_feeds, 2);
    const struct config_feed_rules *company = config_feed_rules(&c, 0);
    const struct config_feed_rules *city = config_feed_rules(&c, 1);
    assert_non_null(company);
    assert_non_null(city);
    assert_string_equal(company->label, "Our news");
    assert_true(company->accent_set);
    assert_int_equal(company->weight, 2);
    assert_int_equal(city->n_exclude, 3);
    assert_true(city->hours_set);
    assert_int_equal(city->from_minute, 7 * 60);
    assert_int_equal(city->to_minute, 19 * 60);
    assert_non_null(c.announce_dir);
    assert_true(c.ticker);
    assert_int_equal(c.digest_every, 8);
    assert_int_equal(c.on_minute, 7 * 60);
    assert_int_equal(c.off_minute, 19 * 60 + 30);
    assert_non_null(c.alert_file);
    config_release(&c);

    struct nr_buf file, readme;
    char *readme_path = ts_path(ts_source_dir(), "README.md");
    assert_int_equal(ts_read_file(example, &file), 0);
    assert_int_equal(ts_read_file(readme_path, &readme), 0);
    if (!strstr(readme.data, file.data))
        fail_msg("README.md does not show packaging/examples/lobby.conf as it is");
    nr_buf_release(&file);
    nr_buf_release(&readme);
    free(readme_path);
    free(example);
}

static void test_size_below_the_smallest_slide_is_refused(void **state)
{
    struct fixture *f = *state;
    static const char *const too_small[] = { "199x120", "200x119", "120x200", "64x64", "199x400" };
    for (size_t i = 0; i < sizeof too_small / sizeof too_small[0]; i++) {
        struct config c;
        struct nr_err err = { 0 };
        char *argv[] = { "newsreel", "--size", (char *)(uintptr_t)too_small[i], NULL };
        assert_int_equal(load(f, &c, argv, &err), NR_ERR_USAGE);
        if (!strstr(err.msg, "'--size'") || !strstr(err.msg, too_small[i]) ||
            !strstr(err.msg, "the smallest is 200x120"))
            fail_msg("%s: '%s'", too_small[i], err.msg);
        config_release(&c);
    }
    static const char *const fine[] = { "200x120", "200x201", "1920x1080", "1080x1920" };
    for (size_t i = 0; i < sizeof fine / sizeof fine[0]; i++) {
        struct config c;
        struct nr_err err = { 0 };
        char *argv[] = { "newsreel", "--size", (char *)(uintptr_t)fine[i], NULL };
        if (load(f, &c, argv, &err) != NR_OK)
            fail_msg("%s: %s", fine[i], err.msg);
        config_release(&c);
    }

    /* the same floor for the file's display size; 0 stays "the display's" */
    struct config c;
    struct nr_err err = { 0 };
    char *extra = ts_path(f->dir, "small.conf");
    write_text(extra, "[display]\nheight = 0\nwidth = 150\n");
    char *argv[] = { "newsreel", "-c", extra, NULL };
    assert_int_equal(load(f, &c, argv, &err), NR_ERR_USAGE);
    assert_non_null(strstr(err.msg, "small.conf:3: width = 150 is out of range (0 for the "
                                    "display's, or 200..16384"));
    config_release(&c);
    free(extra);
}

/* The floor is the layout's: the real binary draws every slide of the sample feed (photos,
 * quotes) at the smallest landscape and portrait sizes, and refuses one pixel less with
 * exit 2 before drawing anything. */
static void test_smallest_size_renders_in_both_orientations(void **state)
{
    struct fixture *f = *state;
    static const struct {
        const char *size;
        int status;
    } cases[] = { { "200x120", 0 }, { "200x201", 0 }, { "199x120", 2 }, { "200x119", 2 } };
    char *feed = ts_path(ts_source_dir(), "assets/sample/feed.xml");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out = ts_path(f->dir, cases[i].size);
        char *exe = xstrdup(ts_newsreel()), render[] = "--render", size[] = "--size";
        char *argv[] = { exe, render, out, size, (char *)(uintptr_t)cases[i].size, feed, NULL };
        struct nr_buf so, se;
        int st = ts_run(argv, NULL, 60000, &so, &se);
        if (st != cases[i].status)
            fail_msg("%s: exit %d, want %d: %s", cases[i].size, st, cases[i].status,
                     se.data ? se.data : "");
        if (cases[i].status == 0) {
            assert_non_null(strstr(se.data, "wrote 8 slides"));
            assert_null(strstr(se.data, "out of range"));
        } else {
            assert_non_null(strstr(se.data, "the smallest is 200x120"));
        }
        nr_buf_release(&so);
        nr_buf_release(&se);
        free(exe);
        free(out);
    }
    free(feed);
}

static void test_feed_cap(void **state)
{
    struct fixture *f = *state;
    struct nr_buf text;
    nr_buf_init(&text, TS_MAX_FILE_BYTES);
    assert_int_equal(nr_buf_puts(&text, "[feeds]\n"), NR_OK);
    for (int i = 1; i <= 200; i++)
        assert_int_equal(nr_buf_printf(&text, "url = https://news.example/feed/%d.xml\n", i),
                         NR_OK);
    char *extra = ts_path(f->dir, "feeds.conf");
    ts_write_file(extra, text.data, text.len);

    struct config c;
    struct nr_err err = { 0 };
    char *argv[] = { "newsreel", "-c", extra, NULL };
    if (load(f, &c, argv, &err) != NR_OK)
        fail_msg("200 feeds: %s", err.msg);
    assert_int_equal(c.n_feeds, 200);
    config_release(&c);

    assert_int_equal(nr_buf_puts(&text, "url = https://news.example/feed/201.xml\n"), NR_OK);
    ts_write_file(extra, text.data, text.len);
    assert_int_equal(load(f, &c, argv, &err), NR_ERR_USAGE);
    char want[512];
    snprintf(want, sizeof want,
             "%s:202: [feeds] url = https://news.example/feed/201.xml is one feed too many "
             "(at most 200)",
             extra);
    assert_string_equal(err.msg, want);
    config_release(&c);

    /* the command line: its feeds replace the files', and the same cap holds */
    char *args[203];
    char names[201][32];
    args[0] = "newsreel";
    for (int i = 0; i < 201; i++) {
        snprintf(names[i], sizeof names[i], "feed-%d.xml", i + 1);
        args[i + 1] = names[i];
    }
    args[202] = NULL;
    assert_int_equal(load(f, &c, args, &err), NR_ERR_USAGE);
    assert_non_null(strstr(err.msg, "more than 200 feeds"));
    assert_non_null(strstr(err.msg, "feed-201.xml"));
    config_release(&c);
    args[201] = NULL;
    if (load(f, &c, args, &err) != NR_OK)
        fail_msg("200 feeds on the command line: %s", err.msg);
    config_release(&c);

    /* exit 2 from the real program, naming the setting */
    char *exe = xstrdup(ts_newsreel()), cflag[] = "-c", dump[] = "--dump";
    char *run[] = { exe, cflag, extra, dump, NULL };
    struct nr_buf so, se;
    assert_int_equal(ts_run(run, NULL, 30000, &so, &se), 2);
    assert_non_null(strstr(se.data, "[feeds] url = "));
    assert_non_null(strstr(se.data, "one feed too many (at most 200)"));
    nr_buf_release(&so);
    nr_buf_release(&se);
    free(exe);
    nr_buf_release(&text);
    free(extra);
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
        cmocka_unit_test_setup_teardown(test_feed_sections_and_network, setup, teardown),
        cmocka_unit_test_setup_teardown(test_theme_fonts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_command_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reload_reads_the_same_sources_again, setup, teardown),
        cmocka_unit_test_setup_teardown(test_example_config_loads, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lobby_example_loads, setup, teardown),
        cmocka_unit_test_setup_teardown(test_size_below_the_smallest_slide_is_refused, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_smallest_size_renders_in_both_orientations, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_feed_cap, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
