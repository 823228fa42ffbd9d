/* test_article_reader.c: article_read() against the loopback server and its faults: a page
 * that is missing, stalls, is huge, redirects to a login page, is a JSON error, answers 429
 * with Retry-After, or is disallowed by robots.txt leaves the story as the feed gave it, and
 * is not asked for again; a good page upgrades the story and is read once. */
#include "reader.h"
#include "testsupport.h"

#include "alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static struct ts_server server;
static struct fetcher *fetcher;
static char *root, *cache;

#define PAGE                                                                                       \
    "<html><head><meta property=og:image content=\"/img/ferry-2000x1200.jpg\">"                    \
    "<meta property=og:image:width content=2000></head><body><article>"                            \
    "<h1>Harbour ferry returns</h1><figure><img src=\"/img/ferry-2000x1200.jpg\">"                 \
    "<figcaption>The ferry at the pier on Monday. <cite>Ana Ruiz</cite></figcaption></figure>"     \
    "<p>The harbour ferry returned to service on Monday after a winter in dry dock, carrying "     \
    "its first passengers across the bay before seven in the morning.</p>"                         \
    "<p>Engineers replaced the propeller shafts, rewired the bridge and fitted new seats, a "      \
    "job the port authority said had taken longer than planned.</p>"                               \
    "<p>\"We are very glad to have the boat back on the water where it belongs,\" said Maria "     \
    "Jensen, the head of the port authority.</p>"                                                  \
    "<p>Jensen said the timetable would return to normal by the end of the month.</p>"             \
    "</article></body></html>"

static void put(const char *rel, const char *text)
{
    char *p = ts_path(root, rel);
    char *slash = strrchr(p, '/');
    *slash = '\0';
    mkdir(p, 0755);
    *slash = '/';
    ts_write_file(p, text, strlen(text));
    free(p);
}

static int setup(void **state)
{
    (void)state;
    root = ts_mkdtemp();
    cache = ts_mkdtemp();
    put("pages/good.html", PAGE);
    put("pages/good2.html", PAGE);
    put("private/page.html", PAGE);
    put("robots.txt", "User-agent: *\nDisallow: /private/\n");
    put("pages/error.html", "{\"error\":{\"code\":500,\"message\":\"backend unavailable\"}}");
    ts_server_start(&server, root);
    fetcher = fetcher_new();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    fetcher_free(fetcher);
    ts_server_stop(&server);
    ts_rmtree(root);
    ts_rmtree(cache);
    free(root);
    free(cache);
    return 0;
}

static struct article_reader *reader(bool with_cache)
{
    struct article_reader_options o = {
        .pages_per_refresh = 50,
        .host_gap_ms = 0,
        .robots = true,
        .cache_dir = with_cache ? cache : NULL,
        .cache_max_entries = 100,
        .screen_w = 1920,
        .screen_h = 1080,
        .timeout_ms = 3000,
    };
    return article_reader_new(&o);
}

/* A story as a summary-only feed gives it, linking to path on the server. */
static void feed_story(struct story *s, const char *path)
{
    memset(s, 0, sizeof *s);
    s->headline = xstrdup("Harbour ferry returns");
    s->dek = xstrdup("The ferry is back.");
    s->photo_url = xstrdup("https://cdn.example.org/thumb-144.jpg");
    s->caption = xstrdup("A thumbnail");
    s->link = ts_path(server.base, path);
}

static void assert_feed_data(const struct story *s)
{
    assert_string_equal(s->headline, "Harbour ferry returns");
    assert_string_equal(s->dek, "The ferry is back.");
    assert_string_equal(s->photo_url, "https://cdn.example.org/thumb-144.jpg");
    assert_string_equal(s->caption, "A thumbnail");
    assert_null(s->quote);
}

/* The page fails: the story keeps its feed data, and a second read sends nothing. */
static void fails_once(struct article_reader *r, const char *path)
{
    struct story s;
    struct article_origin o = { 0 };
    feed_story(&s, path);
    assert_false(article_read(r, fetcher, &s, &o));
    assert_feed_data(&s);
    unsigned long sent = article_reader_requests(r);
    assert_false(article_read(r, fetcher, &s, &o));
    assert_int_equal(article_reader_requests(r), sent); /* no retry storm */
    assert_feed_data(&s);
    story_release(&s);
}

/* A link into a domain reserved for examples (a sample feed's, a fixture's) is never
 * requested; a look-alike name outside those domains is. */
static void test_reserved_domains_are_not_read(void **state)
{
    (void)state;
    struct article_reader *r = reader(false);
    static const char *const reserved[] = {
        "https://news.example.org/story",
        "http://EXAMPLE.COM/a",
        "https://user@www.example.net:8443/",
        "https://harbourton.example/news",
        "http://a.invalid/",
        "https://feed.test./x",
    };
    for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++) {
        struct story s = { 0 };
        s.headline = xstrdup("Harbour ferry returns");
        s.link = xstrdup(reserved[i]);
        assert_false(article_read(r, fetcher, &s, NULL));
        assert_int_equal(article_reader_requests(r), 0);
        assert_null(s.quote);
        story_release(&s);
    }
    /* not reserved: requested (and refused by the closed port, which is what it shows) */
    struct story s = { 0 };
    s.headline = xstrdup("Harbour ferry returns");
    s.link = xstrdup("http://127.0.0.1:1/example.com/story");
    assert_false(article_read(r, fetcher, &s, NULL));
    assert_true(article_reader_requests(r) > 0);
    story_release(&s);
    article_reader_free(r);
}

static void test_good_page_upgrades_once(void **state)
{
    (void)state;
    struct article_reader *r = reader(true);
    struct story s;
    struct article_origin o;
    feed_story(&s, "pages/good.html");
    article_origin_from_feed(&s, &o);
    assert_true(article_read(r, fetcher, &s, &o));
    assert_non_null(s.quote);
    assert_string_equal(s.speaker, "Maria Jensen");
    assert_string_equal(s.headline, "Harbour ferry returns"); /* the feed's */
    /* the page's photo is another picture, not the feed's larger: the feed's stays */
    assert_string_equal(s.photo_url, "https://cdn.example.org/thumb-144.jpg");
    assert_string_equal(s.caption, "A thumbnail");
    assert_string_equal(o.field[ARTICLE_F_QUOTE], "article (page)");
    assert_string_equal(o.field[ARTICLE_F_PHOTO], "feed");
    story_release(&s);

    /* a story without a photo takes the page's, with its caption and credit */
    feed_story(&s, "pages/good2.html");
    free(s.photo_url);
    free(s.caption);
    s.photo_url = s.caption = NULL;
    assert_true(article_read(r, fetcher, &s, NULL));
    char *want = ts_path(server.base, "img/ferry-2000x1200.jpg");
    assert_string_equal(s.photo_url, want);
    assert_string_equal(s.caption, "The ferry at the pier on Monday.");
    assert_string_equal(s.credit, "Ana Ruiz");
    free(want);
    story_release(&s);
    article_reader_free(r);

    /* after a restart the cache answers: no request at all */
    r = reader(true);
    feed_story(&s, "pages/good.html");
    assert_true(article_read(r, fetcher, &s, &o));
    assert_string_equal(o.article, "cache");
    assert_int_equal(article_reader_requests(r), 0);
    story_release(&s);
    article_reader_free(r);
}

static void test_missing_page(void **state)
{
    (void)state;
    struct article_reader *r = reader(true);
    fails_once(r, "fault/status?code=404");
    article_reader_free(r);
}

static void test_stalled_page(void **state)
{
    (void)state;
    struct article_reader *r = reader(false);
    fails_once(r, "fault/tarpit?seconds=10");
    article_reader_free(r);
}

static void test_huge_page(void **state)
{
    (void)state;
    struct article_reader *r = reader(false);
    fails_once(r, "fault/endless?mb=50&seconds=30");
    article_reader_free(r);
}

static void test_redirect_to_login(void **state)
{
    (void)state;
    struct article_reader *r = reader(false);
    fails_once(r, "fault/redirect?to=/fault/login");
    article_reader_free(r);
}

static void test_json_error(void **state)
{
    (void)state;
    struct article_reader *r = reader(false);
    fails_once(r, "pages/error.html");
    article_reader_free(r);
}

static void test_robots_disallow(void **state)
{
    (void)state;
    struct article_reader *r = reader(false);
    struct story s;
    feed_story(&s, "private/page.html");
    assert_false(article_read(r, fetcher, &s, NULL));
    assert_feed_data(&s);
    assert_int_equal(article_reader_requests(r), 1); /* robots.txt only */
    story_release(&s);
    article_reader_free(r);
}

static void test_robots_off(void **state)
{
    (void)state;
    struct article_reader_options o = { .pages_per_refresh = 5,
                                        .robots = false,
                                        .timeout_ms = 3000 };
    struct article_reader *r = article_reader_new(&o);
    struct story s;
    feed_story(&s, "private/page.html");
    assert_true(article_read(r, fetcher, &s, NULL));
    assert_non_null(s.quote);
    story_release(&s);
    article_reader_free(r);
}

static void test_429_backs_off_the_host(void **state)
{
    (void)state;
    struct article_reader *r = reader(false);
    fails_once(r, "fault/429?retry_after=120");
    /* another page of the same site waits too: no request */
    unsigned long sent = article_reader_requests(r);
    struct story s;
    feed_story(&s, "pages/good2.html");
    assert_false(article_read(r, fetcher, &s, NULL));
    assert_feed_data(&s);
    assert_int_equal(article_reader_requests(r), sent);
    story_release(&s);
    article_reader_free(r);
}

static void test_page_budget(void **state)
{
    (void)state;
    struct article_reader_options o = { .pages_per_refresh = 1, .timeout_ms = 3000 };
    struct article_reader *r = article_reader_new(&o);
    struct story a, b;
    feed_story(&a, "pages/good.html");
    feed_story(&b, "pages/good2.html");
    assert_true(article_read(r, fetcher, &a, NULL));
    assert_false(article_read(r, fetcher, &b, NULL)); /* over this refresh's budget */
    assert_null(b.quote);
    article_reader_begin_refresh(r);
    assert_true(article_read(r, fetcher, &b, NULL));
    story_release(&a);
    story_release(&b);
    article_reader_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reserved_domains_are_not_read),
        cmocka_unit_test(test_good_page_upgrades_once),
        cmocka_unit_test(test_missing_page),
        cmocka_unit_test(test_stalled_page),
        cmocka_unit_test(test_huge_page),
        cmocka_unit_test(test_redirect_to_login),
        cmocka_unit_test(test_json_error),
        cmocka_unit_test(test_robots_disallow),
        cmocka_unit_test(test_robots_off),
        cmocka_unit_test(test_page_budget),
        cmocka_unit_test(test_429_backs_off_the_host), /* last: the host then waits */
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
