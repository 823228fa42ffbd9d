/* test_alert_show.c: the real program with a feed and a CAP URL on the loopback server.
 * A Severe alert appears while the slides run: it takes the screen at once, the rotation
 * stands still under it, and when it expires the same slide comes back and the rotation
 * goes on; an alert with no expiry is withdrawn by a CAP Cancel. The program logs each
 * slide ("slide N: 'headline'") and each alert change; that is what the test watches. */
#include "testsupport.h"

#include "alloc.h"

#include <errno.h>
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
    char *dir; /* temporary: home/, www/ (the server's root), err.log, conf */
    char *home;
    char *www;
    char *err_log;
    struct ts_server srv;
    bool srv_up;
};

/* An RSS feed of n items dated minutes ago, each with photo (may be NULL). */
static void write_feed(const char *path, const char *title, int n, const char *photo)
{
    struct nr_buf b;
    char date[64];
    nr_buf_init(&b, TS_MAX_FILE_BYTES);
    assert_int_equal(
        nr_buf_printf(&b,
                      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
                      "xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><title>%s</title>"
                      "<link>https://example.org/</link>\n",
                      title),
        NR_OK);
    for (int i = 0; i < n; i++) {
        time_t t = time(NULL) - 60 * (i + 1);
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
        assert_int_equal(
            nr_buf_printf(&b,
                          "<item><title>%s story number %d about the harbour</title>"
                          "<link>https://example.org/%d</link><guid>%s-%d</guid>"
                          "<pubDate>%s</pubDate><description>A short summary of story %d."
                          "</description>",
                          title, i + 1, i + 1, title, i + 1, date, i + 1),
            NR_OK);
        if (photo)
            assert_int_equal(
                nr_buf_printf(&b, "<media:content url=\"%s\" medium=\"image\"/>", photo), NR_OK);
        assert_int_equal(nr_buf_puts(&b, "</item>\n"), NR_OK);
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
    f->err_log = ts_path(f->dir, "err.log");
    mkdir(f->home, 0700);
    mkdir(f->www, 0700);
    /* a real photo for the feeds the server gives */
    char *src = ts_path(ts_source_dir(), "assets/sample/photos/harbour-ferry-dusk.jpg");
    char *dst = ts_path(f->www, "photo.jpg");
    struct nr_buf b;
    nr_buf_init(&b, TS_MAX_FILE_BYTES);
    assert_int_equal(ts_read_file(src, &b), 0);
    ts_write_file(dst, b.data, b.len);
    nr_buf_release(&b);
    free(src);
    free(dst);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    if (f->srv_up)
        ts_server_stop(&f->srv);
    ts_rmtree(f->dir);
    free(f->dir);
    free(f->home);
    free(f->www);
    free(f->err_log);
    free(f);
    return 0;
}

static void start_server(struct fixture *f)
{
    ts_server_start(&f->srv, f->www);
    f->srv_up = true;
}

/* Writes path whole at once (the server never serves half a file). */
static void write_atomic(const char *path, const char *text)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    ts_write_file(tmp, text, strlen(text));
    assert_int_equal(rename(tmp, path), 0);
}

static void iso_time(int64_t t, char *out, size_t len)
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(out, len, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
}

/* A CAP 1.2 alert; expires_in_s 0: none. */
static void write_cap(const char *path, const char *id, const char *type, const char *refs,
                      const char *severity, int expires_in_s, const char *headline)
{
    char expires[64] = "", doc[4096];
    if (expires_in_s)
        iso_time((int64_t)time(NULL) + expires_in_s, expires, sizeof expires);
    snprintf(doc, sizeof doc,
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>%s</identifier>"
             "<sender>test@example.org</sender><sent>2020-01-01T00:00:00+00:00</sent>"
             "<status>Actual</status><msgType>%s</msgType><scope>Public</scope>%s%s%s"
             "<info><language>en</language><event>Flood</event><urgency>Immediate</urgency>"
             "<severity>%s</severity><certainty>Observed</certainty>%s%s%s"
             "<headline>%s</headline><description>Leave the ground floor.</description></info>"
             "</alert>\n",
             id, type, refs ? "<references>" : "", refs ? refs : "", refs ? "</references>" : "",
             severity, expires[0] ? "<expires>" : "", expires, expires[0] ? "</expires>" : "",
             headline);
    write_atomic(path, doc);
}

/* The number of "slide N: '" lines: slide changes. */
static size_t count_slides(const char *log)
{
    size_t n = 0;
    for (const char *q = log; (q = strstr(q, "slide ")); q++) {
        const char *d = q + 6;
        while (*d >= '0' && *d <= '9')
            d++;
        n += d > q + 6 && strncmp(d, ": '", 3) == 0;
    }
    return n;
}

/* The headline of the last "slide N: '...'" line in log, into out ("" when none). */
static void last_slide(const char *log, char *out, size_t len)
{
    const char *p = NULL;
    for (const char *q = log; (q = strstr(q, "slide ")); q++)
        if (q[6] >= '0' && q[6] <= '9' && strstr(q, ": '") && strchr(q, '\n') > strstr(q, ": '"))
            p = q;
    out[0] = '\0';
    if (!p)
        return;
    p = strstr(p, ": '") + 3;
    const char *e = strchr(p, '\'');
    snprintf(out, len, "%.*s", (int)(e ? e - p : 0), p);
}

static void test_alert_breaks_in_expires_and_rotation_resumes(void **state)
{
    struct fixture *f = *state;
    struct ts_kiosk p;
    char *feed = ts_path(f->www, "feed.xml");
    char *cap = ts_path(f->www, "cap.xml");
    write_feed(feed, "Local", 4, NULL);
    write_atomic(cap, "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>None</title></feed>");
    start_server(f);
    char feed_url[256], cap_set[300];
    snprintf(feed_url, sizeof feed_url, "%s/feed.xml", f->srv.base);
    snprintf(cap_set, sizeof cap_set, "alert.url=%s/cap.xml", f->srv.base);
    const char *args[] = { "--set",  cap_set,
                           "--set",  "alert.poll_seconds=1",
                           "--set",  "debug.slide_ms=1200",
                           "--set",  "show.transition=cut",
                           feed_url, NULL };
    ts_kiosk_start(&p, f->home, f->err_log, args, false);
    TS_EXPECT_LOG(&p, "slide 2: '", 1, 20000);

    /* a Severe alert for a few seconds: on screen at the next poll, not the next slide */
    write_cap(cap, "A1", "Alert", NULL, "Severe", 4, "Flood warning for the lower town");
    TS_EXPECT_LOG(&p, "alert on screen: 'Flood warning for the lower town' (Severe, full screen", 1,
                  10000);
    char *log = ts_read_log(f->err_log);
    char before[256];
    last_slide(log, before, sizeof before);
    size_t slides_before = count_slides(log);
    free(log);
    TS_EXPECT_LOG(&p, "alert over: the rotation resumes at '", 1, 15000);
    log = ts_read_log(f->err_log);
    /* no slide changed under the alert, and the slide it covered came back */
    const char *over = strstr(log, "alert over: the rotation resumes at '");
    char resumed[256];
    snprintf(resumed, sizeof resumed, "%s", over + strlen("alert over: the rotation resumes at '"));
    *strchr(resumed, '\'') = '\0';
    assert_string_equal(resumed, before);
    char head[256];
    size_t cut = (size_t)(over - log);
    char *upto = xstrndup(log, cut);
    last_slide(upto, head, sizeof head);
    assert_string_equal(head, before);
    assert_int_equal(count_slides(upto), slides_before);
    free(upto);
    size_t after = count_slides(log);
    free(log);
    /* and the rotation goes on */
    int64_t end = ts_mono_ms() + 10000;
    for (;;) {
        log = ts_read_log(f->err_log);
        size_t now_n = count_slides(log);
        free(log);
        if (now_n >= after + 2)
            break;
        if (ts_mono_ms() > end) {
            ts_dump_log(f->err_log);
            fail_msg("no slide after the alert");
        }
        ts_sleep_ms(50);
    }

    /* an Extreme alert with no expiry stays until a Cancel withdraws it */
    write_cap(cap, "A2", "Alert", NULL, "Extreme", 0, "Evacuate the riverside now");
    TS_EXPECT_LOG(&p, "alert on screen: 'Evacuate the riverside now' (Extreme", 1, 10000);
    write_cap(cap, "A2c", "Cancel", "test@example.org,A2,2020-01-01T00:00:00+00:00", "Extreme", 0,
              "Cancelled");
    TS_EXPECT_LOG(&p, "alert over: the rotation resumes at '", 2, 10000);

    /* a document that cannot be read never withdraws the warning on screen */
    write_cap(cap, "A3", "Alert", NULL, "Severe", 0, "Boil water before drinking");
    TS_EXPECT_LOG(&p, "alert on screen: 'Boil water before drinking' (Severe", 1, 10000);
    write_atomic(cap, "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>A4");
    TS_EXPECT_LOG(&p, "is not well-formed XML; keeping what it said last", 1, 10000);
    ts_sleep_ms(1500); /* another poll or two */
    log = ts_read_log(f->err_log);
    assert_int_equal(ts_count(log, "alert over"), 2);
    free(log);

    /* a Test alert never reaches the screen (and the one before it has gone from the URL) */
    log = ts_read_log(f->err_log);
    size_t shown = ts_count(log, "alert on screen");
    free(log);
    char doc[600];
    snprintf(doc, sizeof doc,
             "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>T</identifier>"
             "<sender>x</sender><sent>2020-01-01T00:00:00+00:00</sent><status>Test</status>"
             "<msgType>Alert</msgType><info><severity>Extreme</severity><headline>Only a test"
             "</headline></info></alert>");
    write_atomic(cap, doc);
    TS_EXPECT_LOG(&p, "alert 'T' ignored: status Test", 1, 10000);
    TS_EXPECT_LOG(&p, "alert over", 3, 10000);
    log = ts_read_log(f->err_log);
    assert_int_equal(ts_count(log, "alert on screen"), shown);
    free(log);
    ts_kiosk_stop_ok(&p);
    free(feed);
    free(cap);
}

/* A plain text file: shown while it is there, withdrawn when it is deleted. */
static void test_text_file_alert_until_deleted(void **state)
{
    struct fixture *f = *state;
    struct ts_kiosk p;
    char *feed = ts_path(f->www, "feed.xml");
    char *notice = ts_path(f->dir, "notice.txt");
    write_feed(feed, "Local", 3, NULL);
    char file_set[4200];
    snprintf(file_set, sizeof file_set, "alert.file=%s", notice);
    const char *args[] = { "--set", file_set,
                           "--set", "alert.poll_seconds=1",
                           "--set", "debug.slide_ms=1200",
                           feed,    NULL };
    ts_kiosk_start(&p, f->home, f->err_log, args, false);
    TS_EXPECT_LOG(&p, "slide 2: '", 1, 20000);
    write_atomic(notice, "Fire drill at 15:00\nLeave by the nearest exit.\n");
    TS_EXPECT_LOG(&p, "alert on screen: 'Fire drill at 15:00' (Severe, full screen)", 1, 10000);
    assert_int_equal(unlink(notice), 0);
    TS_EXPECT_LOG(&p, "alert over: the rotation resumes at '", 1, 10000);
    ts_kiosk_stop_ok(&p);
    free(feed);
    free(notice);
}

/* SIGTERM while the alert poller waits on a server that never answers: the program leaves
 * at once, and says that it leaves the request behind rather than tear libcurl down under it
 * (a ThreadSanitizer build reports that as a race and exits non-zero). */
static void test_exit_leaves_a_stuck_alert_request(void **state)
{
    struct fixture *f = *state;
    struct ts_kiosk p;
    char *feed = ts_path(f->dir, "feed.xml"); /* on disk: the worker ends at once */
    write_feed(feed, "Local", 3, NULL);
    start_server(f);
    char url_set[200];
    snprintf(url_set, sizeof url_set, "alert.url=%s/fault/tarpit?seconds=60", f->srv.base);
    const char *args[] = { "--set", url_set, "--set", "debug.slide_ms=1200", feed, NULL };
    ts_kiosk_start(&p, f->home, f->err_log, args, false);
    TS_EXPECT_LOG(&p, "slide 1: '", 1, 20000);
    ts_kiosk_stop_ok(&p);
    char *log = ts_read_log(f->err_log);
    if (!strstr(log, "a download is still running; leaving it")) {
        ts_dump_log(f->err_log);
        fail_msg("the exit did not wait for the alert request");
    }
    free(log);
    free(feed);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_alert_breaks_in_expires_and_rotation_resumes, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_text_file_alert_until_deleted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_exit_leaves_a_stuck_alert_request, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
