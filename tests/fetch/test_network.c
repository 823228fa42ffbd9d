/* test_network.c: the network settings of fetch_set_network against loopback servers: a
 * forward proxy (httpd.py --proxy), per-feed headers and basic auth kept to the feed's
 * origin, and a CA file that makes a self-signed HTTPS server trusted. */
#include "fetch.h"
#include "testsupport.h"

#include "alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct ts_server origin, proxy;
static struct fetcher *fetcher;
static char *docroot;

static int setup(void **state)
{
    (void)state;
    docroot = ts_path(ts_source_dir(), "tests/fetch/fixtures");
    ts_server_start(&origin, docroot);
    char *proxy_args[] = { "--proxy", NULL };
    ts_server_start_with(&proxy, docroot, proxy_args);
    fetcher = fetcher_new();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    fetch_set_network(NULL);
    fetcher_free(fetcher);
    ts_server_stop(&origin);
    ts_server_stop(&proxy);
    free(docroot);
    return 0;
}

/* GETs url; returns the code, the body in *body (caller releases). */
static enum nr_result get(const char *url, struct nr_buf *body, long *status)
{
    struct fetch_limits lim;
    struct fetch_result r = { 0 };
    struct nr_err err = { 0 };
    fetch_limits_default(&lim, 1024 * 1024);
    lim.total_timeout_ms = 15000;
    enum nr_result rc = fetcher_get(fetcher, url, &lim, NULL, &r, &err);
    if (rc != NR_OK)
        assert_non_null(strstr(err.msg, url)); /* a failure names the URL */
    if (status)
        *status = r.http_status;
    nr_buf_init(body, TS_MAX_FILE_BYTES);
    if (rc == NR_OK)
        assert_int_equal(nr_buf_append(body, r.body.data, r.body.len + 1), NR_OK); /* with NUL */
    fetch_result_release(&r);
    return rc;
}

static long hits(const struct ts_server *s, const char *key)
{
    char url[256];
    struct nr_buf b;
    fetch_set_network(NULL);
    snprintf(url, sizeof url, "%s/fault/hits?key=%s", s->base, key);
    assert_int_equal(get(url, &b, NULL), NR_OK);
    long n = strtol(b.data, NULL, 10);
    nr_buf_release(&b);
    return n;
}

static void test_proxy_from_settings(void **state)
{
    (void)state;
    char url[256];
    struct nr_buf b;
    snprintf(url, sizeof url, "%s/fault/echo", origin.base);

    long before = hits(&proxy, "proxied");
    struct fetch_network net = { .proxy = proxy.base };
    fetch_set_network(&net);
    assert_int_equal(get(url, &b, NULL), NR_OK);
    /* the origin saw the request the proxy forwarded */
    assert_non_null(strstr(b.data, "newsreel-test-proxy"));
    nr_buf_release(&b);
    assert_int_equal(hits(&proxy, "proxied"), before + 1);

    /* cleared: straight to the origin again */
    fetch_set_network(NULL);
    assert_int_equal(get(url, &b, NULL), NR_OK);
    assert_null(strstr(b.data, "newsreel-test-proxy"));
    nr_buf_release(&b);
    assert_int_equal(hits(&proxy, "proxied"), before + 1);

    /* a proxy that is not there fails the fetch with a message, not silently direct */
    struct fetch_network dead = { .proxy = "http://127.0.0.1:1" };
    fetch_set_network(&dead);
    assert_int_equal(get(url, &b, NULL), NR_ERR_NET);
    nr_buf_release(&b);
    fetch_set_network(NULL);
}

static void test_feed_headers_and_basic_auth(void **state)
{
    (void)state;
    char feed[256], echo[256], other[256], away[512];
    struct nr_buf b;
    long status;
    snprintf(feed, sizeof feed, "%s/fault/auth?user=desk&password=p%%40ss", origin.base);
    snprintf(echo, sizeof echo, "%s/fault/echo", origin.base);
    /* the same server under another name is another origin */
    snprintf(other, sizeof other, "http://localhost:%d/fault/echo", origin.port);
    snprintf(away, sizeof away, "%s/fault/redirect?to=%s", origin.base, other);

    fetch_set_network(NULL);
    assert_int_equal(get(feed, &b, &status), NR_ERR_HTTP);
    assert_int_equal(status, 401);
    nr_buf_release(&b);

    const char *headers[] = { "X-Api-Key: k-123", "Accept-Language: fr" };
    struct fetch_access acc = {
        .url = feed,
        .headers = headers,
        .n_headers = 2,
        .username = "desk",
        .password = "p@ss",
    };
    struct fetch_network net = { .access = &acc, .n_access = 1 };
    fetch_set_network(&net);
    assert_int_equal(get(feed, &b, &status), NR_OK);
    assert_int_equal(status, 200);
    assert_non_null(strstr(b.data, "<rss"));
    nr_buf_release(&b);

    /* the feed's origin gets them for its other URLs (photos, article pages) ... */
    assert_int_equal(get(echo, &b, NULL), NR_OK);
    assert_non_null(strstr(b.data, "\"X-Api-Key\": \"k-123\""));
    assert_non_null(strstr(b.data, "\"Accept-Language\": \"fr\""));
    assert_non_null(strstr(b.data, "\"Authorization\": \"Basic "));
    nr_buf_release(&b);
    /* ... another origin never does */
    assert_int_equal(get(other, &b, NULL), NR_OK);
    assert_null(strstr(b.data, "X-Api-Key"));
    assert_null(strstr(b.data, "Authorization"));
    nr_buf_release(&b);
    /* nor does a redirect from the feed's origin to another one carry the password */
    assert_int_equal(get(away, &b, NULL), NR_OK);
    assert_non_null(strstr(b.data, "\"path\": \"/fault/echo\""));
    assert_null(strstr(b.data, "Authorization"));
    nr_buf_release(&b);
    fetch_set_network(NULL);
}

static void test_ca_file(void **state)
{
    (void)state;
    char *dir = ts_mkdtemp();
    char *cert = ts_path(dir, "cert.pem"), *key = ts_path(dir, "key.pem");
    char *argv[] = { "/usr/bin/openssl",
                     "req",
                     "-x509",
                     "-newkey",
                     "rsa:2048",
                     "-nodes",
                     "-days",
                     "2",
                     "-subj",
                     "/CN=127.0.0.1",
                     "-addext",
                     "subjectAltName=IP:127.0.0.1",
                     "-keyout",
                     key,
                     "-out",
                     cert,
                     NULL };
    struct nr_buf out, errb;
    int rc = ts_run(argv, NULL, 60000, &out, &errb);
    nr_buf_release(&out);
    nr_buf_release(&errb);
    if (rc != 0) {
        printf("openssl could not make a test certificate (is it installed?): skipped\n");
        ts_rmtree(dir);
        free(dir);
        free(cert);
        free(key);
        skip();
    }
    struct ts_server tls;
    char *tls_args[] = { "--tls-cert", cert, "--tls-key", key, NULL };
    ts_server_start_with(&tls, docroot, tls_args);
    char url[256];
    struct nr_buf b;
    snprintf(url, sizeof url, "%s/feed.xml", tls.base);
    assert_non_null(strstr(url, "https://"));

    fetch_set_network(NULL);
    assert_int_equal(get(url, &b, NULL), NR_ERR_NET); /* not trusted: refused */
    nr_buf_release(&b);
    struct fetch_network net = { .ca_file = cert };
    fetch_set_network(&net);
    assert_int_equal(get(url, &b, NULL), NR_OK);
    assert_non_null(strstr(b.data, "<rss"));
    nr_buf_release(&b);
    fetch_set_network(NULL);

    ts_server_stop(&tls);
    ts_rmtree(dir);
    free(dir);
    free(cert);
    free(key);
}

int main(void)
{
    fetch_global_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_proxy_from_settings),
        cmocka_unit_test(test_feed_headers_and_basic_auth),
        cmocka_unit_test(test_ca_file),
    };
    int rc = cmocka_run_group_tests(tests, setup, teardown);
    fetch_global_cleanup();
    return rc;
}
