/* test_monitor.c: the running slideshow seen from a desk, with the real binary: the
 * Prometheus metrics file it keeps, and the heartbeat pings a 127.0.0.1 server receives
 * (plain, /fail when every feed fails, none in the off hours). Minute-based intervals are
 * squeezed with debug.time_scale, so a minute of the settings is a second here. */
#include "alloc.h"
#include "testsupport.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static struct ts_server server;
static char *dir, *www;
static pid_t child;

static int setup(void **state)
{
    (void)state;
    dir = ts_mkdtemp();
    www = ts_path(ts_source_dir(), "tests/fetch/fixtures");
    ts_server_start(&server, www);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    if (child > 0) {
        kill(child, SIGKILL);
        waitpid(child, NULL, 0);
    }
    ts_server_stop(&server);
    ts_rmtree(dir);
    free(dir);
    free(www);
    return 0;
}

/* Starts the slideshow in a small dummy window with conf; stderr to dir/err.log. */
static void start(const char *conf)
{
    char *home = ts_path(dir, "home"), *log = ts_path(dir, "err.log");
    mkdir(home, 0700);
    child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int devnull = open("/dev/null", O_RDWR);
        if (fd < 0 || devnull < 0)
            _exit(126);
        dup2(devnull, 0);
        dup2(devnull, 1);
        dup2(fd, 2);
        setenv("HOME", home, 1);
        unsetenv("NOTIFY_SOCKET");
        unsetenv("http_proxy");
        execl(ts_newsreel(), ts_newsreel(), "--window", "--size", "320x180", "-c", conf,
              (char *)NULL);
        _exit(127);
    }
    free(home);
    free(log);
}

static void stop(void)
{
    kill(child, SIGTERM);
    int st = 0;
    for (int i = 0; i < 500 && waitpid(child, &st, WNOHANG) == 0; i++)
        ts_sleep_ms(10);
    if (waitpid(child, &st, WNOHANG) == 0) {
        kill(child, SIGKILL);
        waitpid(child, &st, 0);
    }
    child = 0;
}

static char *log_text(void)
{
    char *p = ts_path(dir, "err.log");
    struct nr_buf b;
    if (ts_read_file(p, &b) != 0)
        nr_buf_init(&b, TS_MAX_FILE_BYTES); /* no log: "" */
    free(p);
    return nr_buf_detach(&b);
}

static long hits(const char *key)
{
    char url[256];
    snprintf(url, sizeof url, "%s/fault/hits?key=%s", server.base, key);
    char *argv[] = { "/usr/bin/python3", "-c",
                     "import sys,urllib.request as u;"
                     "o=u.build_opener(u.ProxyHandler({}));"
                     "print(o.open(sys.argv[1]).read().decode().strip())",
                     url, NULL };
    struct nr_buf out, err;
    assert_int_equal(ts_run(argv, NULL, 20000, &out, &err), 0);
    long n = strtol(out.data, NULL, 10);
    nr_buf_release(&out);
    nr_buf_release(&err);
    return n;
}

/* Waits up to 20 s for the file at path to hold every line of want (NULL-terminated);
 * returns its text. */
static char *wait_metrics(const char *path, const char *const *want)
{
    for (int i = 0; i < 400; i++) {
        struct nr_buf b;
        if (ts_read_file(path, &b) == 0) {
            bool all = true;
            for (const char *const *w = want; *w && all; w++)
                all = strstr(b.data, *w) != NULL;
            if (all)
                return nr_buf_detach(&b);
            nr_buf_release(&b);
        }
        ts_sleep_ms(50);
    }
    char *log = log_text();
    print_message("--- newsreel's log ---\n%s--- end ---\n", log);
    free(log);
    fail_msg("'%s' never held all the lines expected (first: %s)", path, want[0]);
    return NULL;
}

static void write_conf(const char *path, const char *feed, const char *ping, const char *extra)
{
    char text[2048];
    char *cache = ts_path(dir, "cache"), *prom = ts_path(dir, "prom/newsreel.prom");
    snprintf(text, sizeof text,
             "[feeds]\nurl = %s\n[fetch]\ncache_dir = %s\nrefresh_minutes = 1\n"
             "article_images = 0\n[monitor]\nmetrics_file = %s\nheartbeat_url = %s/fault/ping/%s\n"
             "heartbeat_minutes = 1\n[debug]\ntime_scale = 60\n%s",
             feed, cache, prom, server.base, ping, extra);
    ts_write_file(path, text, strlen(text));
    free(cache);
    free(prom);
}

static void test_metrics_and_heartbeat_while_on(void **state)
{
    (void)state;
    char *conf = ts_path(dir, "on.conf"), *prom_dir = ts_path(dir, "prom");
    char *prom = ts_path(prom_dir, "newsreel.prom");
    char feed[256], line[512];
    mkdir(prom_dir, 0755);
    snprintf(feed, sizeof feed, "%s/feed.xml", server.base);
    char *shot = ts_path(dir, "shot.png");
    char extra[4200];
    snprintf(extra, sizeof extra, "[monitor]\nsnapshot_file = %s\nsnapshot_minutes = 1\n", shot);
    write_conf(conf, feed, "on", extra);
    start(conf);
    snprintf(line, sizeof line, "newsreel_feed_up{feed=\"%s\"} 1", feed);
    const char *want[] = { "newsreel_up 1",
                           "newsreel_screen_state{state=\"on\"} 1",
                           "newsreel_current_slide_info{id=",
                           line,
                           "newsreel_feed_http_status",
                           "process_resident_memory_bytes",
                           NULL };
    char *text = wait_metrics(prom, want);
    /* 200 at first, 304 for the conditional refreshes after it */
    snprintf(line, sizeof line, "newsreel_feed_http_status{feed=\"%s\"} ", feed);
    const char *v = strstr(text, line);
    assert_non_null(v);
    long status = strtol(v + strlen(line), NULL, 10);
    assert_true(status == 200 || status == 304);
    free(text);
    for (int i = 0; i < 200 && hits("ping/on") < 2; i++)
        ts_sleep_ms(100);
    assert_true(hits("ping/on") >= 2);
    assert_int_equal(hits("ping/on/fail"), 0);
    /* the picture of the screen, rewritten every "minute": a PNG at the window's size */
    struct nr_buf png;
    int tries = 0;
    while (ts_read_file(shot, &png) != 0 && tries++ < 200)
        ts_sleep_ms(100); /* a failed read leaves png empty, nothing to release */
    assert_true(png.len > 24);
    assert_memory_equal(png.data, "\x89PNG\r\n\x1a\n", 8);
    const unsigned char *ih = (const unsigned char *)png.data + 16; /* IHDR width, height */
    assert_int_equal((ih[0] << 24) | (ih[1] << 16) | (ih[2] << 8) | ih[3], 320);
    assert_int_equal((ih[4] << 24) | (ih[5] << 16) | (ih[6] << 8) | ih[7], 180);
    nr_buf_release(&png);
    free(shot);
    stop();
    free(conf);
    free(prom);
    free(prom_dir);
}

static void test_every_feed_failing_pings_fail(void **state)
{
    (void)state;
    char *conf = ts_path(dir, "fail.conf"), *prom_dir = ts_path(dir, "prom");
    char *prom = ts_path(prom_dir, "newsreel.prom");
    char feed[256], line[512];
    mkdir(prom_dir, 0755);
    unlink(prom);
    snprintf(feed, sizeof feed, "%s/fault/status?code=500", server.base);
    write_conf(conf, feed, "down", "");
    start(conf);
    snprintf(line, sizeof line, "newsreel_feed_http_status{feed=\"%s\"} 500", feed);
    const char *want[] = { "newsreel_screen_state{state=\"off_fault\"} 1", line, NULL };
    char *text = wait_metrics(prom, want);
    snprintf(line, sizeof line, "newsreel_feed_up{feed=\"%s\"} 0", feed);
    assert_non_null(strstr(text, line));
    free(text);
    for (int i = 0; i < 200 && hits("ping/down/fail") < 2; i++)
        ts_sleep_ms(100);
    assert_true(hits("ping/down/fail") >= 2);
    assert_int_equal(hits("ping/down"), 0);
    stop();
    free(conf);
    free(prom);
    free(prom_dir);
}

static void test_off_hours_send_nothing(void **state)
{
    (void)state;
    char *conf = ts_path(dir, "night.conf"), *prom_dir = ts_path(dir, "prom");
    char *prom = ts_path(prom_dir, "newsreel.prom");
    char feed[256], extra[128];
    mkdir(prom_dir, 0755);
    unlink(prom);
    snprintf(feed, sizeof feed, "%s/feed.xml", server.base);
    /* on two hours from now, off an hour after that: it is night now */
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    int on = (tm.tm_hour * 60 + tm.tm_min + 120) % 1440, off = (on + 60) % 1440;
    snprintf(extra, sizeof extra, "[display]\non_time = %02d:%02d\noff_time = %02d:%02d\n", on / 60,
             on % 60, off / 60, off % 60);
    write_conf(conf, feed, "night", extra);
    start(conf);
    const char *want[] = { "newsreel_screen_state{state=\"off_schedule\"} 1", NULL };
    free(wait_metrics(prom, want));
    /* the log says the heartbeat runs (every second here); give it several rounds */
    ts_sleep_ms(4000);
    char *log = log_text();
    assert_non_null(strstr(log, "heartbeat: "));
    free(log);
    assert_int_equal(hits("ping/night"), 0);
    assert_int_equal(hits("ping/night/fail"), 0);
    stop();
    free(conf);
    free(prom);
    free(prom_dir);
}

static bool wait_file_has(const char *path, const char *needle, int timeout_ms)
{
    for (int t = 0; t < timeout_ms; t += 50) {
        struct nr_buf b;
        if (ts_read_file(path, &b) == 0) {
            bool found = strstr(b.data, needle) != NULL;
            nr_buf_release(&b);
            if (found)
                return true;
        }
        ts_sleep_ms(50);
    }
    return false;
}

#define EXPECT_FILE(path, needle)                                                                  \
    do {                                                                                           \
        if (!wait_file_has(path, needle, 20000)) {                                                 \
            char *log_ = log_text();                                                               \
            print_message("--- newsreel's log ---\n%s--- end ---\n", log_);                        \
            free(log_);                                                                            \
            fail_msg("'%s' never held '%s'", path, needle);                                        \
        }                                                                                          \
    } while (0)

static void test_remote_settings(void **state)
{
    (void)state;
    char *rwww = ts_path(dir, "remote-www"), *conf = ts_path(dir, "remote.conf");
    char *cache = ts_path(dir, "rcache"), *log = ts_path(dir, "err.log");
    char *status = ts_path(cache, "status"), *copy = ts_path(cache, "remote.conf");
    char *served = ts_path(rwww, "settings.conf");
    char text[1024], feed[256], want[300];
    mkdir(rwww, 0755);
    struct ts_server rs;
    ts_server_start(&rs, rwww);

    /* the screen knows only where its settings are */
    snprintf(text, sizeof text,
             "[remote]\nsettings_url = %s/settings.conf\nsettings_minutes = 1\n"
             "[fetch]\ncache_dir = %s\nrefresh_minutes = 1\narticle_images = 0\n"
             "[debug]\ntime_scale = 60\n",
             rs.base, cache);
    ts_write_file(conf, text, strlen(text));
    snprintf(feed, sizeof feed, "%s/feed.xml", server.base);
    snprintf(text, sizeof text, "[feeds]\nurl = %s\n[show]\nslide_seconds = 7\n", feed);
    ts_write_file(served, text, strlen(text));
    snprintf(want, sizeof want, "feed=%s", feed);

    start(conf);
    EXPECT_FILE(log, "settings reloaded");
    EXPECT_FILE(status, want); /* the remote feed is shown */
    struct nr_buf b;
    assert_int_equal(ts_read_file(copy, &b), 0);
    assert_string_equal(b.data, text); /* the last good copy is kept */
    nr_buf_release(&b);

    /* a bad file is refused with the line at fault; the running settings stay */
    const char *bad = "[feeds]\nurl = https://elsewhere.example/rss\n[show]\nslide_seconds = 1\n";
    ts_write_file(served, bad, strlen(bad));
    EXPECT_FILE(log, "slide_seconds = 1 is out of range");
    EXPECT_FILE(log, "keeping the running settings");
    assert_int_equal(ts_read_file(copy, &b), 0);
    assert_string_equal(b.data, text);
    nr_buf_release(&b);
    assert_true(wait_file_has(status, want, 1000));
    assert_false(wait_file_has(status, "elsewhere.example", 1500));
    stop();

    /* offline boot: the settings server is gone, the cached copy still brings the feed */
    ts_server_stop(&rs);
    unlink(status);
    start(conf);
    EXPECT_FILE(status, want);
    EXPECT_FILE(log, "the last good copy stays");
    stop();

    free(rwww);
    free(conf);
    free(cache);
    free(log);
    free(status);
    free(copy);
    free(served);
}

/* Runs newsreel with args (NULL-terminated) and HOME in dir; returns the exit status. */
static int run_cli(char *const args[], struct nr_buf *out, struct nr_buf *err)
{
    char *argv[16] = { xstrdup(ts_newsreel()) };
    int n = 1;
    for (; args[n - 1] && n < 15; n++)
        argv[n] = xstrdup(args[n - 1]);
    argv[n] = NULL;
    char *home = ts_path(dir, "home");
    char env_home[4200];
    snprintf(env_home, sizeof env_home, "HOME=%s", home);
    char *env[] = { env_home, NULL };
    int rc = ts_run(argv, env, 60000, out, err);
    for (int i = 0; i < n; i++)
        free(argv[i]);
    free(home);
    return rc;
}

static void test_snapshot_matches_render(void **state)
{
    (void)state;
    char *swww = ts_path(dir, "snap-www"), *conf = ts_path(dir, "snap.conf");
    char *cache = ts_path(dir, "scache"), *png = ts_path(dir, "snap.png");
    char *render = ts_path(dir, "render");
    mkdir(swww, 0755);
    /* three undated stories with one photo: nothing on them changes with the minute */
    char *src = ts_path(ts_source_dir(), "assets/sample/photos/harbour-ferry-dusk.jpg");
    char *dst = ts_path(swww, "photo.jpg");
    struct nr_buf b;
    assert_int_equal(ts_read_file(src, &b), 0);
    ts_write_file(dst, b.data, b.len);
    nr_buf_release(&b);
    struct ts_server ss;
    ts_server_start(&ss, swww);
    nr_buf_init(&b, TS_MAX_FILE_BYTES);
    assert_int_equal(
        nr_buf_puts(&b, "<?xml version=\"1.0\"?><rss version=\"2.0\" "
                        "xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><title>Desk</title>"
                        "<link>https://example.org/</link>"),
        NR_OK);
    for (int i = 1; i <= 3; i++)
        assert_int_equal(
            nr_buf_printf(&b,
                          "<item><title>Harbour ferry number %d runs late again</title>"
                          "<link>https://example.org/%d</link><guid>snap-%d</guid>"
                          "<description>The ferry was %d minutes late.</description>"
                          "<media:content url=\"%s/photo.jpg\" medium=\"image\"/></item>",
                          i, i, i, i * 10, ss.base),
            NR_OK);
    assert_int_equal(nr_buf_puts(&b, "</channel></rss>\n"), NR_OK);
    char *feed_path = ts_path(swww, "feed.xml");
    ts_write_file(feed_path, b.data, b.len);
    nr_buf_release(&b);

    char text[1024];
    snprintf(text, sizeof text,
             "[feeds]\nurl = %s/feed.xml\n[fetch]\ncache_dir = %s\narticle_images = 0\n"
             "[show]\nslide_seconds = 600\nmax_slide_seconds = 600\n[theme]\nclock = no\n",
             ss.base, cache);
    ts_write_file(conf, text, strlen(text));

    /* no slideshow yet: a clear error, exit 1 */
    struct nr_buf out, err;
    char *snap_args[] = { "-c", conf, "--snapshot", png, "--size", "640x360", NULL };
    assert_int_equal(run_cli(snap_args, &out, &err), 1);
    assert_non_null(strstr(err.data, "is newsreel running"));
    nr_buf_release(&out);
    nr_buf_release(&err);

    start(conf);
    int rc = 1;
    for (int i = 0; i < 200 && rc != 0; i++) {
        ts_sleep_ms(100);
        rc = run_cli(snap_args, &out, &err);
        /* until the first slide with its photo is up */
        if (rc == 0 && !strstr(err.data, "Harbour ferry"))
            rc = 1;
        nr_buf_release(&out);
        nr_buf_release(&err);
    }
    assert_int_equal(rc, 0);
    stop();

    /* --render of the same feed at the same size */
    char *render_args[] = { "-c", conf, "--render", render, "--size", "640x360", feed_path, NULL };
    assert_int_equal(run_cli(render_args, &out, &err), 0);
    nr_buf_release(&out);
    nr_buf_release(&err);
    ts_server_stop(&ss);
    /* the slide on screen was the first of the rotation (600 s each) */
    char *first = ts_path(render, "001-harbour-ferry-number-1-runs-late-again.png");
    struct nr_buf a, c;
    assert_int_equal(ts_read_file(png, &a), 0);
    if (ts_read_file(first, &c) != 0)
        fail_msg("--render wrote no '%s'", first);
    assert_true(a.len > 1000);
    if (a.len != c.len || memcmp(a.data, c.data, a.len) != 0)
        fail_msg("the snapshot '%s' differs from --render's '%s'", png, first);
    nr_buf_release(&a);
    nr_buf_release(&c);

    free(first);
    free(feed_path);
    free(src);
    free(dst);
    free(swww);
    free(conf);
    free(cache);
    free(png);
    free(render);
}

int main(void)
{
    setenv("TZ", "UTC", 1); /* the slideshow and --render alike */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_metrics_and_heartbeat_while_on),
        cmocka_unit_test(test_every_feed_failing_pings_fail),
        cmocka_unit_test(test_off_hours_send_nothing),
        cmocka_unit_test(test_remote_settings),
        cmocka_unit_test(test_snapshot_matches_render),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
