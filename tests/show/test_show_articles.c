/* test_show_articles.c: the slideshow reads its stories' articles in the background,
 * against the loopback server: a summary-only feed whose links lead to article pages
 * served beside it (one with a quote and a photo with caption and credit, one that is
 * gone). The first slides show what the feed gave; the stories are upgraded in place, read
 * in the order the rotation shows them; the page that 404s leaves the feed's data and is
 * logged once; a restart with the network down shows the upgraded slides at once. The
 * program logs every slide it paints at debug level with which fields it has; that is
 * what the tests watch. */
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

/* An article page: headline, byline, a lead figure with caption and credit, a body with
 * one quotation said by a named person. photo: the figure's URL. */
static void write_article(const char *path, const char *headline, const char *speaker,
                          const char *said, const char *photo)
{
    struct nr_buf b;
    nr_buf_init(&b, TS_MAX_FILE_BYTES);
    assert_int_equal(
        nr_buf_printf(&b,
                      "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                      "<title>%s - Harbour News</title>"
                      "<meta property=\"og:title\" content=\"%s\">"
                      "<meta property=\"og:image\" content=\"%s\"></head><body>"
                      "<header><nav><a href=\"/\">Home</a> <a href=\"/local\">Local</a></nav>"
                      "</header><main><article><h1>%s</h1><p class=\"byline\">By Tom Field</p>"
                      "<figure><img src=\"%s\" width=\"1600\" height=\"900\" alt=\"A view\">"
                      "<figcaption>The north pier at dusk on Tuesday. <span class=\"credit\">"
                      "Photo: Ana Ruiz/Harbour Press</span></figcaption></figure>"
                      "<p>The port authority gave the news on Tuesday after weeks of work on the "
                      "harbour, which thousands of commuters cross every day.</p>"
                      "<p>Harbour master %s spoke at the north pier. \"%s\" %s said.</p>"
                      "<p>Commuters had used a replacement bus service since early autumn, which "
                      "added up to forty minutes to the journey across the bay.</p>"
                      "<p>The work cost the city about two million euros, according to figures "
                      "published by the council last month.</p></article></main>"
                      "<footer>Copyright Harbour News</footer></body></html>\n",
                      headline, headline, photo, headline, photo, speaker, said,
                      strrchr(speaker, ' ') + 1),
        NR_OK);
    ts_write_file(path, b.data, b.len);
    nr_buf_release(&b);
}

/* A summary-only feed (title, one sentence, link; no media), listed oldest first so that
 * the feed's order is not the rotation's (newest first). */
static void write_feed(struct fixture *f)
{
    static const struct {
        const char *title, *page;
        int minutes_ago;
    } items[] = {
        { "Lighthouse keepers mark a century on the point", "lighthouse.html", 30 },
        { "Council debates the new market hall", "gone.html", 20 },
        { "Harbour ferry returns after repairs", "ferry.html", 10 },
    };
    struct nr_buf b;
    nr_buf_init(&b, TS_MAX_FILE_BYTES);
    assert_int_equal(
        nr_buf_printf(&b,
                      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
                      "<title>Harbour News</title><link>%s/</link>\n",
                      f->srv.base),
        NR_OK);
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
        char date[64];
        time_t t = time(NULL) - 60 * items[i].minutes_ago;
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
        assert_int_equal(
            nr_buf_printf(&b,
                          "<item><title>%s</title><link>%s/%s</link><guid>%s</guid>"
                          "<pubDate>%s</pubDate><description>A short summary of the story."
                          "</description></item>\n",
                          items[i].title, f->srv.base, items[i].page, items[i].page, date),
            NR_OK);
    }
    assert_int_equal(nr_buf_puts(&b, "</channel></rss>\n"), NR_OK);
    char *path = ts_path(f->www, "feed.xml");
    ts_write_file(path, b.data, b.len);
    free(path);
    nr_buf_release(&b);
    char photo[256];
    snprintf(photo, sizeof photo, "%s/photo.jpg", f->srv.base);
    path = ts_path(f->www, "ferry.html");
    write_article(path, "Harbour ferry returns after repairs", "Jane Okafor",
                  "We have rebuilt both engines and the ferry is safer than it has ever been. "
                  "Passengers can rely on it again,",
                  photo);
    free(path);
    path = ts_path(f->www, "lighthouse.html");
    write_article(path, "Lighthouse keepers mark a century on the point", "Maria Lindqvist",
                  "My grandfather kept this light through two storms that sank ships in the "
                  "bay. We owe it to him to keep it burning,",
                  photo);
    free(path);
    /* gone.html is never written: the server answers 404 */
}

static const char *const run_args[] = { "--set", "debug.time_scale=60",
                                        "--set", "fetch.refresh_minutes=1",
                                        "--set", "debug.slide_ms=400",
                                        "--set", "show.transition_ms=100",
                                        "--set", "article.host_gap_ms=200" };

static void start_feed(struct fixture *f, struct ts_kiosk *p)
{
    char url[256];
    const char *args[16];
    size_t n = 0;
    for (size_t i = 0; i < sizeof run_args / sizeof run_args[0]; i++)
        args[n++] = run_args[i];
    snprintf(url, sizeof url, "%s/feed.xml", f->srv.base);
    args[n++] = url;
    args[n] = NULL;
    ts_kiosk_start(p, f->home, f->err_log, args, false);
}

#define FERRY_UPGRADED                                                                             \
    "slide 'Harbour ferry returns after repairs' painted: quote yes, photo yes, caption yes, "     \
    "credit yes"
#define LIGHTHOUSE_UPGRADED                                                                        \
    "slide 'Lighthouse keepers mark a century on the point' painted: quote yes, photo yes, "       \
    "caption yes, credit yes"
#define GONE_AS_FED                                                                                \
    "slide 'Council debates the new market hall' painted: quote no, photo no, caption no, "        \
    "credit no"

static void test_stories_are_upgraded_in_the_background(void **state)
{
    struct fixture *f = *state;
    struct ts_kiosk p;
    start_server(f);
    write_feed(f);
    start_feed(f, &p);
    /* the first slide is the feed's own: nothing waits for a page */
    TS_EXPECT_LOG(&p, "slide 1: 'Harbour ferry returns after repairs'", 1, 20000);
    TS_EXPECT_LOG(&p, FERRY_UPGRADED, 1, 30000);
    TS_EXPECT_LOG(&p, LIGHTHOUSE_UPGRADED, 1, 20000);
    /* many refreshes and rotations later: the page that is gone was asked for once */
    TS_EXPECT_LOG(&p, "slide 24:", 1, 60000);
    TS_EXPECT_LOG(&p, GONE_AS_FED, 4, 20000);
    char *log = ts_read_log(f->err_log);
    assert_int_equal(ts_count(log, "gone.html': HTTP 404"), 1);
    assert_true(ts_count(log, "story upgraded from its article (") +
                    ts_count(log, "stories upgraded from their articles (") >=
                1);
    /* read in the rotation's order, newest first, not the feed's */
    const char *ferry = strstr(log, "'Harbour ferry returns after repairs' upgraded from its");
    const char *gone = strstr(log, "gone.html': HTTP 404");
    const char *lighthouse = strstr(log, "'Lighthouse keepers mark a century on the point' "
                                         "upgraded from its");
    assert_non_null(ferry);
    assert_non_null(lighthouse);
    assert_true(ferry < gone);
    assert_true(gone < lighthouse);
    /* swapping the upgraded stories in kept the rotation's place: no slide skipped or
     * repeated, never back to the start */
    static const char *const order[] = { "Harbour ferry returns after repairs",
                                         "Council debates the new market hall",
                                         "Lighthouse keepers mark a century on the point" };
    size_t n = 0;
    for (const char *q = log; (q = strstr(q, "debug: slide ")); q++) {
        char want[128];
        snprintf(want, sizeof want, "debug: slide %zu: '%s'", n + 1, order[n % 3]);
        if (strncmp(q, "debug: slide ", 13) == 0 && q[13] >= '0' && q[13] <= '9') {
            if (strncmp(q, want, strlen(want)) != 0) {
                ts_dump_log(f->err_log);
                fail_msg("slide %zu is not '%s'", n + 1, order[n % 3]);
            }
            n++;
        }
    }
    assert_true(n >= 24);
    free(log);
    ts_kiosk_stop_ok(&p);

    /* a restart with the network down: the articles read before show at once */
    ts_server_stop(&f->srv);
    f->srv_up = false;
    start_feed(f, &p);
    TS_EXPECT_LOG(&p, "slide 1:", 1, 20000);
    log = ts_read_log(f->err_log);
    const char *first = strstr(log, "painted:");
    assert_non_null(first);
    assert_true(strncmp(first, "painted: quote yes, photo yes, caption yes, credit yes", 54) == 0);
    free(log);
    ts_kiosk_stop_ok(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_stories_are_upgraded_in_the_background, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
