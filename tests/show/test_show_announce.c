/* test_show_announce.c: the announcements folder under the running program, with a feed
 * served from 127.0.0.1: files added, changed (saved as editors do, through a temporary
 * file and a rename), deleted and broken while it runs take effect within seconds; a
 * picture dropped in becomes a slide; with no stories at all the announcements still show;
 * a reload that names another folder moves to it.
 * The program logs each slide change at debug level ("slide N: 'headline'"), which is what
 * the tests watch. */
#include "testsupport.h"

#include "alloc.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct fixture {
    char *dir; /* temporary: home/, www/ (the server's root), ann/ (the folder), err.log */
    char *home, *www, *ann, *err_log;
    struct ts_server srv;
    pid_t pid;
};

static void write_text(const char *dir, const char *name, const char *text)
{
    char *p = ts_path(dir, name);
    ts_write_file(p, text, strlen(text));
    free(p);
}

/* As an editor saves: the whole text to a hidden temporary file, then renamed over. */
static void save_as_editor(const char *dir, const char *name, const char *text)
{
    char tmp[64];
    snprintf(tmp, sizeof tmp, ".%s.tmp", name);
    write_text(dir, tmp, text);
    char *from = ts_path(dir, tmp), *to = ts_path(dir, name);
    assert_int_equal(rename(from, to), 0);
    free(from);
    free(to);
}

static void remove_file(const char *dir, const char *name)
{
    char *p = ts_path(dir, name);
    assert_int_equal(unlink(p), 0);
    free(p);
}

static void copy_file(const char *from, const char *to)
{
    struct nr_buf b;
    nr_buf_init(&b, TS_MAX_FILE_BYTES);
    assert_int_equal(ts_read_file(from, &b), 0);
    ts_write_file(to, b.data, b.len);
    nr_buf_release(&b);
}

/* An RSS feed of three dated stories. */
static void write_feed(const char *path)
{
    struct nr_buf b;
    nr_buf_init(&b, 1 << 20);
    assert_int_equal(nr_buf_puts(&b, "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
                                     "<title>Harbour News</title>"
                                     "<link>https://example.org/</link>\n"),
                     NR_OK);
    for (int i = 0; i < 3; i++) {
        char date[64];
        time_t t = time(NULL) - 60 * (i + 1);
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
        assert_int_equal(nr_buf_printf(&b,
                                       "<item><title>Harbour story number %d</title>"
                                       "<link>https://example.org/%d</link><guid>h-%d</guid>"
                                       "<pubDate>%s</pubDate></item>\n",
                                       i + 1, i + 1, i + 1, date),
                         NR_OK);
    }
    assert_int_equal(nr_buf_puts(&b, "</channel></rss>\n"), NR_OK);
    ts_write_file(path, b.data, b.len);
    nr_buf_release(&b);
}

static int setup(void **state)
{
    struct fixture *f = xcalloc(1, sizeof *f);
    f->dir = ts_mkdtemp();
    f->home = ts_path(f->dir, "home");
    f->www = ts_path(f->dir, "www");
    f->ann = ts_path(f->dir, "ann");
    f->err_log = ts_path(f->dir, "err.log");
    mkdir(f->home, 0700);
    mkdir(f->www, 0700);
    mkdir(f->ann, 0700);
    char *feed = ts_path(f->www, "feed.xml");
    write_feed(feed);
    free(feed);
    ts_server_start(&f->srv, f->www);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    if (f->pid > 0) {
        kill(f->pid, SIGKILL);
        waitpid(f->pid, NULL, 0);
    }
    ts_server_stop(&f->srv);
    ts_rmtree(f->dir);
    free(f->dir);
    free(f->home);
    free(f->www);
    free(f->ann);
    free(f->err_log);
    free(f);
    return 0;
}

/* Starts newsreel in a window (SDL's dummy driver under ctest) on feed, with the folder
 * (or the settings file conf, when not NULL), one announcement after every story and short
 * slides; stderr to err_log. */
static void start(struct fixture *f, const char *feed, const char *conf)
{
    char folder[4200];
    snprintf(folder, sizeof folder, "announcements.folder=%s", f->ann);
    const char *const args[] = { ts_newsreel(),
                                 "--window",
                                 "--size",
                                 "320x180",
                                 "--set",
                                 "show.log_level=debug",
                                 conf ? "-c" : "--set",
                                 conf ? conf : folder,
                                 "--set",
                                 "announcements.every=1",
                                 "--set",
                                 "debug.slide_ms=300",
                                 "--set",
                                 "show.transition=cut",
                                 feed };
    enum { N_ARGS = sizeof args / sizeof args[0] };
    char *argv[N_ARGS + 1];
    for (size_t i = 0; i < N_ARGS; i++)
        argv[i] = xstrdup(args[i]); /* execv wants char * */
    argv[N_ARGS] = NULL;
    f->pid = fork();
    assert_true(f->pid >= 0);
    if (f->pid == 0) {
        int fd = open(f->err_log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int devnull = open("/dev/null", O_RDWR);
        if (fd < 0 || devnull < 0)
            _exit(126);
        dup2(devnull, 0);
        dup2(devnull, 1);
        dup2(fd, 2);
        setenv("HOME", f->home, 1);
        unsetenv("NOTIFY_SOCKET");
        execv(argv[0], argv);
        _exit(127);
    }
    for (size_t i = 0; i < N_ARGS; i++)
        free(argv[i]); /* the parent's copies: the child has its own */
}

static char *read_log(struct fixture *f)
{
    struct nr_buf b;
    nr_buf_init(&b, TS_MAX_FILE_BYTES);
    if (ts_read_file(f->err_log, &b) != 0)
        return xstrdup("");
    return nr_buf_detach(&b);
}

static size_t count_from(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* Waits until the log, from byte `from` on, holds needle `times` times. */
static bool wait_log(struct fixture *f, size_t from, const char *needle, size_t times,
                     int timeout_ms)
{
    int64_t end = ts_mono_ms() + timeout_ms;
    while (ts_mono_ms() < end) {
        char *log = read_log(f);
        size_t n = strlen(log) > from ? count_from(log + from, needle) : 0;
        free(log);
        if (n >= times)
            return true;
        if (waitpid(f->pid, NULL, WNOHANG) != 0)
            return false;
        ts_sleep_ms(50);
    }
    return false;
}

static size_t log_len(struct fixture *f)
{
    char *log = read_log(f);
    size_t n = strlen(log);
    free(log);
    return n;
}

#define EXPECT_LOG(f, from, needle, times)                                                         \
    do {                                                                                           \
        if (!wait_log(f, from, needle, times, 20000)) {                                            \
            char *log_ = read_log(f);                                                              \
            print_message("--- newsreel's log ---\n%s--- end ---\n", log_);                        \
            free(log_);                                                                            \
            fail_msg("'%s' not seen %d times in the log", needle, (int)(times));                   \
        }                                                                                          \
    } while (0)

static void stop_ok(struct fixture *f)
{
    kill(f->pid, SIGTERM);
    int st = 0;
    int64_t end = ts_mono_ms() + 5000;
    while (waitpid(f->pid, &st, WNOHANG) == 0 && ts_mono_ms() < end)
        ts_sleep_ms(20);
    bool exited = WIFEXITED(st) && WEXITSTATUS(st) == 0;
    if (!exited)
        kill(f->pid, SIGKILL), waitpid(f->pid, NULL, 0);
    f->pid = 0;
    assert_true(exited);
}

static void test_folder_changes_take_effect_while_running(void **state)
{
    struct fixture *f = *state;
    char url[256];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/feed.xml", f->srv.port);
    write_text(f->ann, "10-welcome.txt",
               "title: Welcome to the lobby\n\nVisitors sign in at "
               "the front desk.\n");
    start(f, url, NULL);
    EXPECT_LOG(f, 0, "'Harbour story number", 1);
    EXPECT_LOG(f, 0, "'Welcome to the lobby'\n", 2);

    /* a new file, saved through a rename */
    size_t mark = log_len(f);
    save_as_editor(f->ann, "20-lunch.txt", "title: Lunch at noon\nbody: Soup and bread.\n");
    EXPECT_LOG(f, mark, "'Lunch at noon'\n", 2);

    /* a changed file: the new title shows, the old one no more */
    save_as_editor(f->ann, "10-welcome.txt", "title: Welcome back\n");
    mark = log_len(f);
    EXPECT_LOG(f, mark, "'Welcome back'\n", 2);
    size_t after_change = log_len(f);
    EXPECT_LOG(f, after_change, "'Lunch at noon'\n", 1);
    {
        char *log = read_log(f);
        assert_int_equal(count_from(log + after_change, "'Welcome to the lobby'\n"), 0);
        free(log);
    }

    /* a deleted file: after the folder is read again, its slide never comes back */
    remove_file(f->ann, "20-lunch.txt");
    EXPECT_LOG(f, after_change, "announcements: 1 in", 1);
    char *log = read_log(f);
    size_t gone = (size_t)(strstr(log + after_change, "announcements: 1 in") - log);
    free(log);
    EXPECT_LOG(f, gone, "'Welcome back'\n", 3);
    EXPECT_LOG(f, gone, "'Harbour story number", 3);
    log = read_log(f);
    assert_int_equal(count_from(log + gone, "'Lunch at noon'\n"), 0);
    free(log);

    /* a broken file is named with its line; the others still show */
    mark = log_len(f);
    save_as_editor(f->ann, "30-broken.txt", "title: Broken\ntilte: typo\n");
    EXPECT_LOG(f, mark, "30-broken.txt:2: unknown key 'tilte'", 1);
    EXPECT_LOG(f, mark, "'Welcome back'\n", 2);
    log = read_log(f);
    assert_int_equal(count_from(log + mark, "'Broken'\n"), 0);
    free(log);

    /* a picture dropped in (copied, then renamed into place) becomes a slide of its own */
    char *src = ts_path(ts_source_dir(), "assets/sample/photos/harbour-ferry-dusk.jpg");
    char *tmp = ts_path(f->ann, ".poster.part");
    char *dst = ts_path(f->ann, "40-poster.jpg");
    copy_file(src, tmp);
    assert_int_equal(rename(tmp, dst), 0);
    mark = log_len(f);
    EXPECT_LOG(f, mark, "'40-poster'\n", 2);
    log = read_log(f);
    assert_int_equal(count_from(log, "photo of '40-poster' not shown"), 0);
    free(log);
    free(src);
    free(tmp);
    free(dst);
    stop_ok(f);
}

static void test_announcements_alone_without_stories(void **state)
{
    struct fixture *f = *state;
    char url[256];
    /* the server answers, but there is no feed: a first start with nothing to show */
    snprintf(url, sizeof url, "http://127.0.0.1:%d/missing.xml", f->srv.port);
    write_text(f->ann, "10-welcome.txt", "title: Welcome to the lobby\n");
    write_text(f->ann, "20-hours.txt",
               "title: Open every day\ndays: every day\nhours: 00:00-24:00\n");
    write_text(f->ann, "30-past.txt", "title: Long gone\nvalid_until: 2001-01-01\n");
    start(f, url, NULL);
    EXPECT_LOG(f, 0, "'Welcome to the lobby'\n", 2);
    EXPECT_LOG(f, 0, "'Open every day'\n", 2);
    char *log = read_log(f);
    assert_int_equal(count_from(log, "'Waiting for news'\n") > 1, false);
    assert_int_equal(count_from(log, "'Long gone'\n"), 0);
    free(log);
    stop_ok(f);
}

static void test_reload_moves_to_another_folder(void **state)
{
    struct fixture *f = *state;
    char url[256], text[4300];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/feed.xml", f->srv.port);
    char *other = ts_path(f->dir, "ann2");
    char *conf = ts_path(f->dir, "newsreel.conf");
    mkdir(other, 0700);
    write_text(f->ann, "10-a.txt", "title: From the first folder\n");
    write_text(other, "10-b.txt", "title: From the second folder\n");
    snprintf(text, sizeof text, "[announcements]\nfolder = %s\n", f->ann);
    ts_write_file(conf, text, strlen(text));
    start(f, url, conf);
    EXPECT_LOG(f, 0, "'From the first folder'\n", 2);

    /* systemctl reload with the other folder: its announcements replace the first's */
    snprintf(text, sizeof text, "[announcements]\nfolder = %s\n", other);
    ts_write_file(conf, text, strlen(text));
    kill(f->pid, SIGHUP);
    EXPECT_LOG(f, 0, "settings reloaded", 1);
    char *log = read_log(f);
    size_t mark = (size_t)(strstr(log, "settings reloaded") - log);
    free(log);
    EXPECT_LOG(f, mark, "'From the second folder'\n", 2);
    EXPECT_LOG(f, mark, "'Harbour story number", 2);
    log = read_log(f);
    assert_int_equal(count_from(log + mark, "'From the first folder'\n"), 0);
    free(log);
    stop_ok(f);
    free(other);
    free(conf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_folder_changes_take_effect_while_running, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_announcements_alone_without_stories, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reload_moves_to_another_folder, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
