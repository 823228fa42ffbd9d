/* test_fetch.c: fetcher_get against the loopback server (tests/support/httpd.py) and its
 * fault routes, and local files: every failure gives the right code, a message naming the
 * URL, and ends in bounded time. */
#include "fetch.h"
#include "testsupport.h"

#include "alloc.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static struct ts_server server;
static struct fetcher *fetcher;
static char *fixtures;     /* tests/fetch/fixtures */
static struct nr_buf feed; /* fixtures/feed.xml */

/* Upper bound on any failing fetch here: the limits below are a few seconds, so only a
 * fetch that ignores them gets near it. Not a speed check. */
#define BOUND_MS 20000

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* "@/path" is a path on the test server; anything else is used as it is. */
static char *url_of(const char *path)
{
    if (path[0] != '@')
        return xstrdup(path);
    return ts_path(server.base, path + 2);
}

static void limits(struct fetch_limits *lim)
{
    fetch_limits_default(lim, 1024 * 1024);
    lim->connect_timeout_ms = 3000;
    lim->total_timeout_ms = 8000;
    lim->low_speed_bytes = 10;
    lim->low_speed_seconds = 2;
}

/* Fetches "@/server-path" (or a URL or file path as it is) with lim (NULL: limits()); returns the
 * code. */
static enum nr_result get(const char *path, const struct fetch_limits *lim,
                          const struct fetch_validators *val, struct fetch_result *out,
                          struct nr_err *err)
{
    struct fetch_limits def;
    char *url = url_of(path);
    if (!lim) {
        limits(&def);
        lim = &def;
    }
    memset(err, 0, sizeof *err);
    int64_t t0 = now_ms();
    enum nr_result rc = fetcher_get(fetcher, url, lim, val, out, err);
    assert_true(now_ms() - t0 < BOUND_MS);
    if (rc != NR_OK) {
        /* every failure names what it was fetching */
        assert_int_equal(err->code, rc);
        assert_non_null(strstr(err->msg, url));
    }
    free(url);
    return rc;
}

static void expect_fail(const char *path, const struct fetch_limits *lim, enum nr_result code,
                        const char *words)
{
    struct fetch_result r = { 0 };
    struct nr_err err;
    assert_int_equal(get(path, lim, NULL, &r, &err), code);
    if (words && !strstr(err.msg, words))
        fail_msg("'%s' lacks '%s'", err.msg, words);
    assert_int_equal(r.body.len, 0);
    fetch_result_release(&r);
}

static int setup(void **state)
{
    (void)state;
    fixtures = ts_path(ts_source_dir(), "tests/fetch/fixtures");
    char *p = ts_path(fixtures, "feed.xml");
    assert_int_equal(ts_read_file(p, &feed), 0);
    free(p);
    ts_server_start(&server, fixtures);
    fetcher = fetcher_new();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    fetcher_free(fetcher);
    ts_server_stop(&server);
    nr_buf_release(&feed);
    free(fixtures);
    return 0;
}

/* ---- the good path ---- */

static void test_get_file_with_metadata(void **state)
{
    (void)state;
    struct fetch_result r = { 0 };
    struct nr_err err;
    assert_int_equal(get("@/feed.xml", NULL, NULL, &r, &err), NR_OK);
    assert_int_equal(r.http_status, 200);
    assert_false(r.not_modified);
    /* served gzipped (we asked for it) and decoded back to the same bytes */
    assert_int_equal(r.body.len, feed.len);
    assert_memory_equal(r.body.data, feed.data, feed.len);
    assert_string_equal(r.content_type, "application/xml");
    assert_non_null(r.etag);
    assert_non_null(strstr(r.etag, "-gz"));
    assert_non_null(r.last_modified);
    char *want = url_of("@/feed.xml");
    assert_string_equal(r.final_url, want);
    free(want);
    assert_int_equal(r.retry_after_s, 0);
    fetch_result_release(&r);
}

static void test_request_headers(void **state)
{
    (void)state;
    struct fetch_result r = { 0 };
    struct nr_err err;
    assert_int_equal(get("@/fault/echo", NULL, NULL, &r, &err), NR_OK);
    assert_non_null(strstr(r.body.data, "\"User-Agent\": \"Newsreel/" NEWSREEL_VERSION "\""));
    assert_non_null(strstr(r.body.data, "\"Accept-Encoding\": "));
    assert_non_null(strstr(r.body.data, "gzip"));
    assert_null(strstr(r.body.data, "If-None-Match"));
    fetch_result_release(&r);

    /* validators with line breaks never reach the wire: no header injection */
    struct fetch_validators bad = { .etag = "\"x\"\r\nX-Injected: 1", .last_modified = "a\nb" };
    assert_int_equal(get("@/fault/echo", NULL, &bad, &r, &err), NR_OK);
    assert_null(strstr(r.body.data, "X-Injected"));
    assert_null(strstr(r.body.data, "If-None-Match"));
    assert_null(strstr(r.body.data, "If-Modified-Since"));
    fetch_result_release(&r);
}

static void test_conditional_get(void **state)
{
    (void)state;
    struct fetch_result first = { 0 }, r = { 0 };
    struct nr_err err;
    assert_int_equal(get("@/feed.xml", NULL, NULL, &first, &err), NR_OK);

    struct fetch_validators by_tag = { .etag = first.etag };
    assert_int_equal(get("@/feed.xml", NULL, &by_tag, &r, &err), NR_OK);
    assert_true(r.not_modified);
    assert_int_equal(r.http_status, 304);
    assert_int_equal(r.body.len, 0);
    assert_string_equal(r.etag, first.etag); /* kept for the next request */
    fetch_result_release(&r);

    struct fetch_validators by_date = { .last_modified = first.last_modified };
    assert_int_equal(get("@/feed.xml", NULL, &by_date, &r, &err), NR_OK);
    assert_true(r.not_modified);
    assert_int_equal(r.body.len, 0);
    fetch_result_release(&r);

    /* a stale validator gets the whole body */
    struct fetch_validators stale = { .etag = "\"not-the-current-one\"" };
    assert_int_equal(get("@/feed.xml", NULL, &stale, &r, &err), NR_OK);
    assert_false(r.not_modified);
    assert_int_equal(r.body.len, feed.len);
    fetch_result_release(&r);

    /* a 304 that omits the validators keeps the caller's */
    struct fetch_validators mine = { .etag = "\"mine\"", .last_modified = first.last_modified };
    assert_int_equal(get("@/fault/304", NULL, &mine, &r, &err), NR_OK);
    assert_true(r.not_modified);
    assert_non_null(r.last_modified);
    assert_string_equal(r.last_modified, first.last_modified);
    fetch_result_release(&r);
    fetch_result_release(&first);
}

static void test_redirects(void **state)
{
    (void)state;
    struct fetch_result r = { 0 };
    struct nr_err err;
    /* five redirects are followed; the final URL is where the feed came from */
    assert_int_equal(get("@/fault/redirect?n=5&to=/feed.xml", NULL, NULL, &r, &err), NR_OK);
    char *want = url_of("@/feed.xml");
    assert_string_equal(r.final_url, want);
    free(want);
    assert_int_equal(r.body.len, feed.len);
    assert_non_null(r.etag); /* the last response's headers, not a redirect's */
    fetch_result_release(&r);

    expect_fail("@/fault/redirect?n=6&to=/feed.xml", NULL, NR_ERR_HTTP, "redirects");
    expect_fail("@/fault/redirect-loop", NULL, NR_ERR_HTTP, "redirects");
    expect_fail("@/fault/redirect-file", NULL, NR_ERR_UNSUPPORTED, "scheme");
    expect_fail("@/fault/redirect?to=ftp://127.0.0.1/feed.xml", NULL, NR_ERR_UNSUPPORTED, "scheme");
}

static void test_server_errors_then_recovery(void **state)
{
    (void)state;
    struct fetch_result r = { 0 };
    struct nr_err err;
    const char *path = "@/fault/status500?n=2&key=recovery&file=feed.xml";
    for (int i = 0; i < 2; i++) {
        assert_int_equal(get(path, NULL, NULL, &r, &err), NR_ERR_HTTP);
        assert_non_null(strstr(err.msg, "HTTP 500"));
        assert_int_equal(r.http_status, 500);
        assert_int_equal(r.body.len, 0); /* an error page is never handed on as a feed */
        fetch_result_release(&r);
    }
    assert_int_equal(get(path, NULL, NULL, &r, &err), NR_OK);
    assert_int_equal(r.body.len, feed.len);
    fetch_result_release(&r);
    expect_fail("@/no-such-feed.xml", NULL, NR_ERR_HTTP, "HTTP 404");
    /* the test server never serves outside its folder */
    expect_fail("@/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", NULL, NR_ERR_HTTP, "HTTP 404");
}

static void test_retry_after(void **state)
{
    (void)state;
    struct fetch_result r = { 0 };
    struct nr_err err;
    assert_int_equal(get("@/fault/429?retry_after=120", NULL, NULL, &r, &err), NR_ERR_HTTP);
    assert_int_equal(r.http_status, 429);
    assert_int_equal(r.retry_after_s, 120);
    assert_non_null(strstr(err.msg, "429"));
    assert_non_null(strstr(err.msg, "retry after 120 s"));
    fetch_result_release(&r);

    /* the HTTP-date form: 300 s ahead, give or take the clock ticking during the test */
    assert_int_equal(get("@/fault/429?retry_date=300", NULL, NULL, &r, &err), NR_ERR_HTTP);
    assert_in_range(r.retry_after_s, 240, 300);
    fetch_result_release(&r);

    assert_int_equal(get("@/fault/status?code=503&retry_after=7", NULL, NULL, &r, &err),
                     NR_ERR_HTTP);
    assert_int_equal(r.http_status, 503);
    assert_int_equal(r.retry_after_s, 7);
    fetch_result_release(&r);

    /* garbage, a date in the past and absurd delays: none, none, clamped to a week */
    assert_int_equal(get("@/fault/429?retry_after=soon", NULL, NULL, &r, &err), NR_ERR_HTTP);
    assert_int_equal(r.retry_after_s, 0);
    fetch_result_release(&r);
    assert_int_equal(get("@/fault/429?retry_after=Thu,%2001%20Jan%201998%2000:00:00%20GMT", NULL,
                         NULL, &r, &err),
                     NR_ERR_HTTP);
    assert_int_equal(r.retry_after_s, 0);
    fetch_result_release(&r);
    assert_int_equal(get("@/fault/429?retry_after=99999999999", NULL, NULL, &r, &err), NR_ERR_HTTP);
    assert_int_equal(r.retry_after_s, 7L * 24 * 3600);
    fetch_result_release(&r);

    /* Retry-After on other statuses is not ours to honour */
    assert_int_equal(get("@/fault/status?code=500&retry_after=9", NULL, NULL, &r, &err),
                     NR_ERR_HTTP);
    assert_int_equal(r.retry_after_s, 0);
    fetch_result_release(&r);
}

/* ---- content that is no feed: fetch hands the bytes and type on, later stages refuse ---- */

static void test_odd_bodies_are_delivered_as_they_are(void **state)
{
    (void)state;
    struct fetch_result r = { 0 };
    struct nr_err err;

    assert_int_equal(get("@/fault/empty", NULL, NULL, &r, &err), NR_OK);
    assert_int_equal(r.http_status, 200);
    assert_int_equal(r.body.len, 0);
    assert_non_null(r.body.data);
    assert_string_equal(r.body.data, "");
    fetch_result_release(&r);

    assert_int_equal(get("@/fault/login", NULL, NULL, &r, &err), NR_OK);
    assert_true(strncmp(r.content_type, "text/html", 9) == 0);
    assert_non_null(strstr(r.body.data, "<form"));
    fetch_result_release(&r);

    assert_int_equal(get("@/fault/truncated?file=feed.xml", NULL, NULL, &r, &err), NR_OK);
    assert_int_equal(r.body.len, feed.len / 2);
    assert_memory_equal(r.body.data, feed.data, feed.len / 2);
    fetch_result_release(&r);

    assert_int_equal(get("@/fault/huge.png", NULL, NULL, &r, &err), NR_OK);
    assert_string_equal(r.content_type, "image/png");
    assert_true(r.body.len > 24 && memcmp(r.body.data, "\x89PNG", 4) == 0);
    fetch_result_release(&r);

    assert_int_equal(get("@/fault/corrupt.jpg", NULL, NULL, &r, &err), NR_OK);
    assert_string_equal(r.content_type, "image/jpeg");
    fetch_result_release(&r);

    assert_int_equal(get("@/fault/photo-html.jpg", NULL, NULL, &r, &err), NR_OK);
    assert_true(strncmp(r.content_type, "text/html", 9) == 0);
    fetch_result_release(&r);
}

/* ---- the network misbehaving ---- */

static void test_transfer_cut_short(void **state)
{
    (void)state;
    /* Content-Length promised the whole feed; the connection closed at half */
    expect_fail("@/fault/truncated?file=feed.xml&mode=short", NULL, NR_ERR_NET, NULL);
}

static void test_tarpit_times_out(void **state)
{
    (void)state;
    struct fetch_limits lim;
    limits(&lim);
    lim.total_timeout_ms = 1500;
    lim.low_speed_seconds = 60; /* so it is the total timeout that ends it */
    expect_fail("@/fault/tarpit?seconds=60", &lim, NR_ERR_NET, "timed out");
}

static void test_drip_is_aborted(void **state)
{
    (void)state;
    struct fetch_limits lim;
    limits(&lim);
    lim.total_timeout_ms = 60000; /* the low-speed rule must end it, not the total */
    lim.low_speed_bytes = 100;
    lim.low_speed_seconds = 2;
    int64_t t0 = now_ms();
    expect_fail("@/fault/drip?bytes=600&rate=1", &lim, NR_ERR_NET, "timed out");
    assert_true(now_ms() - t0 < 30000);
}

static void test_slow_server(void **state)
{
    (void)state;
    struct fetch_limits lim;
    limits(&lim);
    lim.total_timeout_ms = 1000;
    lim.low_speed_seconds = 60;
    expect_fail("@/fault/slow?seconds=10&file=feed.xml", &lim, NR_ERR_NET, "timed out");

    /* slow but within the limits: fine */
    struct fetch_result r = { 0 };
    struct nr_err err;
    assert_int_equal(get("@/fault/slow?seconds=1&file=feed.xml", NULL, NULL, &r, &err), NR_OK);
    assert_int_equal(r.body.len, feed.len);
    fetch_result_release(&r);
}

static void test_caps(void **state)
{
    (void)state;
    struct fetch_limits lim;
    limits(&lim);
    /* a body that never ends stops at the cap */
    lim.max_bytes = 1024 * 1024;
    expect_fail("@/fault/endless", &lim, NR_ERR_TOO_BIG, "exceeds 1048576 bytes");
    /* 64 KiB on the wire, 64 MiB decoded: the decoded bytes are counted */
    lim.max_bytes = 5u * 1024 * 1024;
    expect_fail("@/fault/gzipbomb?mb=64", &lim, NR_ERR_TOO_BIG, "exceeds");
    /* a Content-Length over the cap is refused before the body comes */
    lim.max_bytes = 100;
    expect_fail("@/feed.xml", &lim, NR_ERR_TOO_BIG, "exceeds 100 bytes");
    /* exactly at the cap passes */
    lim.max_bytes = feed.len;
    struct fetch_result r = { 0 };
    struct nr_err err;
    assert_int_equal(get("@/fault/status500?n=0&file=feed.xml", &lim, NULL, &r, &err), NR_OK);
    assert_int_equal(r.body.len, feed.len);
    fetch_result_release(&r);
}

static void test_connection_refused(void **state)
{
    (void)state;
    struct ts_server gone;
    char *dir = ts_mkdtemp();
    ts_server_start(&gone, dir);
    char url[128];
    snprintf(url, sizeof url, "%s/feed.xml", gone.base);
    ts_server_stop(&gone);
    expect_fail(url, NULL, NR_ERR_NET, NULL);
    ts_rmtree(dir);
    free(dir);
}

/* A listening socket that never accepts, its queue filled: the next connect gets no answer
 * to its SYN, as with a host that is down, and only the connect timeout ends it. */
static void test_connect_timeout(void **state)
{
    (void)state;
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof sa;
    int lsock = socket(AF_INET, SOCK_STREAM, 0), fillers[4];
    assert_true(lsock >= 0);
    assert_int_equal(bind(lsock, (struct sockaddr *)&sa, sizeof sa), 0);
    assert_int_equal(listen(lsock, 0), 0);
    assert_int_equal(getsockname(lsock, (struct sockaddr *)&sa, &len), 0);
    for (int i = 0; i < 4; i++) {
        fillers[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        connect(fillers[i], (struct sockaddr *)&sa, sizeof sa); /* in progress is fine */
    }
    usleep(100000);
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/feed.xml", ntohs(sa.sin_port));
    struct fetch_limits lim;
    limits(&lim);
    lim.connect_timeout_ms = 1000;
    lim.total_timeout_ms = 60000;
    lim.low_speed_seconds = 60;
    expect_fail(url, &lim, NR_ERR_NET, "timed out");
    for (int i = 0; i < 4; i++)
        close(fillers[i]);
    close(lsock);
}

/* ---- schemes and local files ---- */

static void test_schemes_refused(void **state)
{
    (void)state;
    const char *refused[] = {
        "ftp://127.0.0.1/feed.xml", "gopher://127.0.0.1/", "javascript:alert(1)",
        "data:text/xml,<rss/>",     "dict://127.0.0.1/",   "ldap://127.0.0.1/",
        "scp://127.0.0.1/feed",     "smb://127.0.0.1/x",   "telnet://127.0.0.1/",
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
        expect_fail(refused[i], NULL, NR_ERR_UNSUPPORTED, "only http and https");

    /* files only when the user named them */
    char *path = ts_path(fixtures, "feed.xml");
    char *url = ts_path("file:/", path);
    expect_fail(path, NULL, NR_ERR_UNSUPPORTED, "command line");
    expect_fail(url, NULL, NR_ERR_UNSUPPORTED, "command line");
    free(path);
    free(url);
    expect_fail("file:///etc/hostname", NULL, NR_ERR_UNSUPPORTED, "command line");
}

static void test_local_files(void **state)
{
    (void)state;
    struct fetch_limits lim;
    struct fetch_result r = { 0 };
    struct nr_err err;
    limits(&lim);
    lim.allow_files = true;

    /* a plain path */
    char *path = ts_path(fixtures, "feed.xml");
    assert_int_equal(get(path, &lim, NULL, &r, &err), NR_OK);
    assert_int_equal(r.http_status, 0);
    assert_int_equal(r.body.len, feed.len);
    assert_memory_equal(r.body.data, feed.data, feed.len);
    char *want = ts_path("file:/", path);
    assert_string_equal(r.final_url, want);
    assert_non_null(r.last_modified);

    /* unchanged since: not modified, like a 304 */
    struct fetch_validators val = { .last_modified = r.last_modified };
    struct fetch_result again = { 0 };
    assert_int_equal(get(want, &lim, &val, &again, &err), NR_OK);
    assert_true(again.not_modified);
    assert_int_equal(again.body.len, 0);
    fetch_result_release(&again);
    fetch_result_release(&r);
    free(want);

    /* a file: URL with escapes; the final URL is the absolute path, escaped again */
    char *enc_dir = ts_path("file:/", fixtures);
    char *enc = ts_path(enc_dir, "feed%20with%20space%231.xml");
    assert_int_equal(get(enc, &lim, NULL, &r, &err), NR_OK);
    assert_int_equal(r.body.len, feed.len);
    assert_string_equal(r.final_url, enc);
    fetch_result_release(&r);
    free(enc);

    /* file://localhost/ is this machine too */
    char *lh = ts_path("file://localhost", path);
    assert_int_equal(get(lh, &lim, NULL, &r, &err), NR_OK);
    fetch_result_release(&r);
    free(lh);

    /* a relative path becomes an absolute final URL */
    char cwd[4096];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(fixtures), 0);
    assert_int_equal(get("feed.xml", &lim, NULL, &r, &err), NR_OK);
    assert_int_equal(chdir(cwd), 0);
    assert_true(strncmp(r.final_url, "file:///", 8) == 0);
    assert_non_null(strstr(r.final_url, "/tests/fetch/fixtures/feed.xml"));
    fetch_result_release(&r);

    /* what a file input cannot be */
    expect_fail("file://example.org/etc/hostname", &lim, NR_ERR_UNSUPPORTED, "local file");
    expect_fail(fixtures, &lim, NR_ERR_IO, "not a regular file");
    expect_fail("/dev/zero", &lim, NR_ERR_IO, "not a regular file");
    char *missing = ts_path(fixtures, "missing.xml");
    expect_fail(missing, &lim, NR_ERR_IO, "No such file");
    free(missing);
    lim.max_bytes = 100;
    expect_fail(path, &lim, NR_ERR_TOO_BIG, "exceeds 100 bytes");
    free(enc_dir);
    free(path);
}

int main(void)
{
    fetch_global_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_get_file_with_metadata),
        cmocka_unit_test(test_request_headers),
        cmocka_unit_test(test_conditional_get),
        cmocka_unit_test(test_redirects),
        cmocka_unit_test(test_server_errors_then_recovery),
        cmocka_unit_test(test_retry_after),
        cmocka_unit_test(test_odd_bodies_are_delivered_as_they_are),
        cmocka_unit_test(test_transfer_cut_short),
        cmocka_unit_test(test_tarpit_times_out),
        cmocka_unit_test(test_drip_is_aborted),
        cmocka_unit_test(test_slow_server),
        cmocka_unit_test(test_caps),
        cmocka_unit_test(test_connection_refused),
        cmocka_unit_test(test_connect_timeout),
        cmocka_unit_test(test_schemes_refused),
        cmocka_unit_test(test_local_files),
    };
    int rc = cmocka_run_group_tests(tests, setup, teardown);
    fetch_global_cleanup();
    return rc;
}
