/* test_show_feed_rules.c: the running slideshow under [feed NAME] rules, against feeds
 * served from 127.0.0.1: a story left out by a word never shows, the feed's logo file is
 * loaded off the main thread and kept small, and a feed whose hours
 * begin while the show runs joins the rotation at a slide change, without a refetch (the
 * feeds are fetched once a day here). The program logs each slide at debug level
 * ("slide N: 'headline'"); that is what the test watches. */
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

static char *dir, *www, *home, *err_log;
static struct ts_server srv;

/* An RSS feed: headlines[i] dated i + 1 minutes ago. */
static void write_feed(const char *name, const char *title, const char *const *headlines, int n)
{
    struct nr_buf b;
    nr_buf_init(&b, 1 << 20);
    assert_int_equal(nr_buf_printf(&b,
                                   "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
                                   "<title>%s</title><link>https://example.org/</link>",
                                   title),
                     NR_OK);
    for (int i = 0; i < n; i++) {
        char date[64];
        time_t t = time(NULL) - 60 * (i + 1);
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
        assert_int_equal(nr_buf_printf(&b,
                                       "<item><title>%s</title><guid>%s-%d</guid>"
                                       "<pubDate>%s</pubDate><description>Summary.</description>"
                                       "</item>",
                                       headlines[i], title, i, date),
                         NR_OK);
    }
    assert_int_equal(nr_buf_puts(&b, "</channel></rss>"), NR_OK);
    char *path = ts_path(www, name);
    ts_write_file(path, b.data, b.len);
    free(path);
    nr_buf_release(&b);
}

static pid_t start(const char *conf)
{
    char *args[] = { xstrdup(ts_newsreel()), "--window", "--size",      "320x180", "--set",
                     "show.log_level=debug", "-c",       xstrdup(conf), NULL };
    unlink(err_log);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int fd = open(err_log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int devnull = open("/dev/null", O_RDWR);
        if (fd < 0 || devnull < 0)
            _exit(126);
        dup2(devnull, 0);
        dup2(devnull, 1);
        dup2(fd, 2);
        setenv("HOME", home, 1);
        unsetenv("NOTIFY_SOCKET");
        execv(args[0], args);
        _exit(127);
    }
    free(args[0]);
    free(args[7]);
    return pid;
}

static char *read_log(void)
{
    struct nr_buf b;
    nr_buf_init(&b, TS_MAX_FILE_BYTES);
    if (ts_read_file(err_log, &b) != 0)
        return xstrdup("");
    return nr_buf_detach(&b);
}

/* Waits until the log holds needle; false at timeout_ms or when the program ended. */
static bool wait_log(pid_t pid, const char *needle, int timeout_ms)
{
    int64_t end = ts_mono_ms() + timeout_ms;
    int st;
    while (ts_mono_ms() < end) {
        char *log = read_log();
        bool seen = strstr(log, needle) != NULL;
        free(log);
        if (seen)
            return true;
        if (waitpid(pid, &st, WNOHANG) == pid)
            return false;
        ts_sleep_ms(100);
    }
    return false;
}

#define EXPECT_LOG(pid, needle, ms)                                                                \
    do {                                                                                           \
        if (!wait_log(pid, needle, ms)) {                                                          \
            char *log_ = read_log();                                                               \
            print_message("--- newsreel's log ---\n%s--- end ---\n", log_);                        \
            free(log_);                                                                            \
            fail_msg("'%s' not seen in the log", needle);                                          \
        }                                                                                          \
    } while (0)

/* SIGTERM; the program must end cleanly (under a sanitizer: with no error or leak). */
static void stop(pid_t pid)
{
    int st = -1;
    pid_t r = 0;
    kill(pid, SIGTERM);
    for (int i = 0; i < 200 && (r = waitpid(pid, &st, WNOHANG)) != pid; i++)
        ts_sleep_ms(50);
    if (r != pid) {
        kill(pid, SIGKILL);
        waitpid(pid, &st, 0);
        fail_msg("newsreel did not end after SIGTERM");
    }
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        char *log = read_log();
        print_message("--- newsreel's log ---\n%s--- end ---\n", log);
        free(log);
        fail_msg("newsreel ended with status %d after SIGTERM", st);
    }
}

static int setup(void **state)
{
    (void)state;
    dir = ts_mkdtemp();
    www = ts_path(dir, "www");
    home = ts_path(dir, "home");
    err_log = ts_path(dir, "err.log");
    mkdir(www, 0700);
    mkdir(home, 0700);
    ts_server_start(&srv, www);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ts_server_stop(&srv);
    ts_rmtree(dir);
    free(dir);
    free(www);
    free(home);
    free(err_log);
    return 0;
}

static void test_words_and_hours_in_the_running_show(void **state)
{
    (void)state;
    const char *const city[] = { "Council approves the tram line", "Derby ends in a draw",
                                 "Library opens a repair cafe" };
    const char *const late[] = { "Late edition: the night shift at the harbour" };
    write_feed("city.xml", "City Paper", city, 3);
    write_feed("late.xml", "Late Paper", late, 1);
    /* the late feed's hours begin at the next minute: it is off at start */
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    if (tm.tm_sec >= 45) { /* the show must start well before that minute */
        ts_sleep_ms((61 - tm.tm_sec) * 1000);
        now = time(NULL);
        localtime_r(&now, &tm);
    }
    int m = tm.tm_hour * 60 + tm.tm_min, from = (m + 1) % 1440, to = (m + 10) % 1440;
    char text[8192];
    char *logo = ts_path(ts_source_dir(), "assets/sample/photos/harbour-ferry-dusk.jpg");
    snprintf(text, sizeof text,
             "[fetch]\nrefresh_minutes = 1440\ncache_dir = %s/cache\n[article]\nread = no\n"
             "[show]\ntransition = cut\n[debug]\nslide_ms = 400\n"
             "[feed city]\nurl = %s/city.xml\nexclude = derby\nlabel = City Desk\n"
             "logo = %s\n"
             "[feed late]\nurl = %s/late.xml\nhours = %02d:%02d-%02d:%02d\n",
             dir, srv.base, logo, srv.base, from / 60, from % 60, to / 60, to % 60);
    free(logo);
    char *conf = ts_path(dir, "rules.conf");
    ts_write_file(conf, text, strlen(text));
    pid_t pid = start(conf);
    EXPECT_LOG(pid, ": 'Council approves the tram line'", 20000);
    EXPECT_LOG(pid, ": 'Library opens a repair cafe'", 20000);
    /* the logo file came through the job thread, kept at most 128 px tall */
    EXPECT_LOG(pid, "city.xml': 227x128", 20000);
    /* at its minute the late feed joins, at a slide change, with no new fetch */
    EXPECT_LOG(pid, "a feed's days or hours began or ended: 3 slides in the rotation", 75000);
    EXPECT_LOG(pid, ": 'Late edition: the night shift at the harbour'", 10000);
    stop(pid);
    char *log = read_log();
    assert_int_equal(ts_count(log, "Derby ends in a draw"), 0); /* excluded throughout */
    /* the late feed's slide came after the change, not before */
    const char *change = strstr(log, "a feed's days or hours began or ended");
    const char *late_slide = strstr(log, ": 'Late edition");
    assert_non_null(change);
    assert_true(late_slide > change);
    free(log);
    free(conf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_and_hours_in_the_running_show),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
