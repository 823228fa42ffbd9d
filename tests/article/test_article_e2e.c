/* test_article_e2e.c: the real newsreel binary with --dump against the loopback server:
 * the shared article pages behind the summary-only feed make-feed.py writes (stories gain
 * quotes, photos, captions and credits from their pages, and say where each field came
 * from), and a feed whose links lead to faults (each story keeps its feed data, and the log
 * says why once). */
#include "testsupport.h"

#include "alloc.h"
#include "buf.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int dump(const char *cache, const char *feed, struct nr_buf *out, struct nr_buf *err)
{
    char cache_set[4200];
    snprintf(cache_set, sizeof cache_set, "fetch.cache_dir=%s", cache);
    char *exe = xstrdup(ts_newsreel()), *url = xstrdup(feed);
    char *argv[] = { exe,     "--dump",
                     "--set", cache_set,
                     "--set", "article.host_gap_ms=0",
                     "--set", "article.pages_per_refresh=200",
                     "--set", "fetch.timeout_seconds=3",
                     url,     NULL };
    int st = ts_run(argv, NULL, 150000, out, err);
    free(exe);
    free(url);
    return st;
}

static void test_fault_pages_keep_feed_data(void **state)
{
    (void)state;
    char *root = ts_mkdtemp();
    char *cache = ts_mkdtemp();
    char *priv = ts_path(root, "private");
    mkdir(priv, 0755);
    char *robots = ts_path(root, "robots.txt");
    ts_write_file(robots, "User-agent: *\nDisallow: /private/\n", 34);
    char *json = ts_path(root, "error.html");
    ts_write_file(json, "{\"error\":\"backend\"}", 19);
    struct ts_server srv;
    ts_server_start(&srv, root);

    static const char *const faults[] = {
        "fault/status?code=404",
        "fault/tarpit?seconds=10",
        "fault/endless?mb=50&amp;seconds=30",
        "fault/redirect?to=/fault/login",
        "error.html",
        "fault/429?retry_after=120",
        "private/story.html",
    };
    size_t nf = sizeof faults / sizeof faults[0];
    struct nr_buf feed;
    nr_buf_init(&feed, TS_MAX_FILE_BYTES);
    assert_int_equal(
        nr_buf_puts(&feed, "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Faults"
                           "</title><link>http://example.org/</link><description>d</description>"),
        NR_OK);
    for (size_t i = 0; i < nf; i++)
        assert_int_equal(
            nr_buf_printf(&feed,
                          "<item><title>Story %zu about the harbour ferry</title><link>%s/%s</link>"
                          "<description>Summary %zu from the feed.</description>"
                          "<pubDate>Mon, 06 May 2024 08:00:00 GMT</pubDate></item>",
                          i, srv.base, faults[i], i),
            NR_OK);
    assert_int_equal(nr_buf_puts(&feed, "</channel></rss>"), NR_OK);
    char *feed_path = ts_path(root, "feed.xml");
    ts_write_file(feed_path, feed.data, feed.len);
    char *feed_url = ts_path(srv.base, "feed.xml");

    struct nr_buf out, err;
    int st = dump(cache, feed_url, &out, &err);
    if (st != 0)
        fail_msg("newsreel --dump exited %d: %s", st, err.data ? err.data : "");
    cJSON *root_json = cJSON_Parse(out.data);
    assert_non_null(root_json);
    cJSON *stories = cJSON_GetObjectItem(root_json, "stories");
    assert_int_equal(cJSON_GetArraySize(stories), (int)nf);
    cJSON *s;
    cJSON_ArrayForEach(s, stories)
    {
        const char *dek = cJSON_GetStringValue(cJSON_GetObjectItem(s, "dek"));
        assert_non_null(dek);
        assert_non_null(strstr(dek, "from the feed"));
        assert_true(cJSON_IsNull(cJSON_GetObjectItem(s, "quote")));
        cJSON *src = cJSON_GetObjectItem(s, "sources");
        assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(src, "dek")), "feed");
    }
    /* the log says why, once per page */
    for (size_t i = 0; i < nf; i++) {
        char url[512];
        snprintf(url, sizeof url, "%s/%s", srv.base, faults[i]);
        char *amp = strstr(url, "&amp;");
        if (amp)
            memmove(amp + 1, amp + 5, strlen(amp + 5) + 1);
        if (ts_count(err.data, url) != 1)
            fail_msg("'%s' is in the log %zu times:\n%s", url, ts_count(err.data, url), err.data);
    }
    cJSON_Delete(root_json);
    nr_buf_release(&out);
    nr_buf_release(&err);
    nr_buf_release(&feed);
    ts_server_stop(&srv);
    ts_rmtree(root);
    ts_rmtree(cache);
    free(root);
    free(cache);
    free(priv);
    free(robots);
    free(json);
    free(feed_path);
    free(feed_url);
}

static void test_corpus_behind_summary_feed(void **state)
{
    (void)state;
    char *pages = ts_path(ts_shared_dir(), "articles/pages");
    char *script = ts_path(ts_shared_dir(), "articles/make-feed.py");
    if (access(script, R_OK) != 0) {
        printf("skipped: the shared article corpus (../shared/articles) is not here\n");
        free(pages);
        free(script);
        return;
    }
    char *root = ts_mkdtemp();
    char *cache = ts_mkdtemp();
    char *served = ts_path(root, "pages");
    mkdir(served, 0755);
    DIR *d = opendir(pages);
    assert_non_null(d);
    struct dirent *de;
    while ((de = readdir(d))) {
        if (!strstr(de->d_name, ".html"))
            continue;
        /* copied: the server refuses links that lead out of its folder */
        char *from = ts_path(pages, de->d_name), *to = ts_path(served, de->d_name);
        struct nr_buf page;
        assert_int_equal(ts_read_file(from, &page), 0);
        ts_write_file(to, page.data, page.len);
        nr_buf_release(&page);
        free(from);
        free(to);
    }
    closedir(d);
    struct ts_server srv;
    ts_server_start(&srv, root);
    char *base = ts_path(srv.base, "pages");
    char *argv[] = { "/usr/bin/env", "python3", script, pages, base, NULL };
    struct nr_buf feed, ferr;
    assert_int_equal(ts_run(argv, NULL, 60000, &feed, &ferr), 0);
    char *feed_path = ts_path(served, "feed.xml");
    ts_write_file(feed_path, feed.data, feed.len);
    char *feed_url = ts_path(base, "feed.xml");

    struct nr_buf out, err;
    int st = dump(cache, feed_url, &out, &err);
    if (st != 0)
        fail_msg("newsreel --dump exited %d: %s", st, err.data ? err.data : "");
    cJSON *j = cJSON_Parse(out.data);
    assert_non_null(j);
    cJSON *stories = cJSON_GetObjectItem(j, "stories");
    int n = cJSON_GetArraySize(stories), quotes = 0, photos = 0, captions = 0, read = 0;
    cJSON *s;
    cJSON_ArrayForEach(s, stories)
    {
        cJSON *src = cJSON_GetObjectItem(s, "sources");
        const char *q = cJSON_GetStringValue(cJSON_GetObjectItem(src, "quote"));
        const char *p = cJSON_GetStringValue(cJSON_GetObjectItem(src, "photo"));
        const char *c = cJSON_GetStringValue(cJSON_GetObjectItem(src, "caption"));
        const char *a = cJSON_GetStringValue(cJSON_GetObjectItem(s, "article"));
        quotes += q && strncmp(q, "article", 7) == 0;
        photos += p && strncmp(p, "article", 7) == 0;
        captions += c && strncmp(c, "article", 7) == 0;
        read += a && strcmp(a, "read") == 0;
        /* the summary-only feed has no media: every photo is the page's */
        assert_true(!cJSON_IsString(cJSON_GetObjectItem(s, "photo_url")) || p);
    }
    printf("%d stories, %d articles read: %d quotes, %d photos, %d captions from the pages\n", n,
           read, quotes, photos, captions);
    assert_true(n >= 100);
    assert_true(read >= n * 9 / 10);
    assert_true(photos >= n * 8 / 10);
    assert_true(quotes >= n / 3);
    assert_true(captions >= n / 5);
    cJSON_Delete(j);
    nr_buf_release(&out);
    nr_buf_release(&err);

    /* a second run reads nothing from the network: the cache remembers every page */
    st = dump(cache, feed_url, &out, &err);
    assert_int_equal(st, 0);
    assert_int_equal(ts_count(out.data, "\"article\":\t\"read\""), 0);
    assert_true(ts_count(out.data, "\"article\":\t\"cache\"") >= (size_t)read);
    nr_buf_release(&out);
    nr_buf_release(&err);

    nr_buf_release(&feed);
    nr_buf_release(&ferr);
    ts_server_stop(&srv);
    ts_rmtree(root);
    ts_rmtree(cache);
    free(root);
    free(cache);
    free(served);
    free(base);
    free(feed_path);
    free(feed_url);
    free(pages);
    free(script);
}

static void test_site_news_sitemap_from_robots(void **state)
{
    (void)state;
    char *root = ts_mkdtemp();
    char *cache = ts_mkdtemp();
    struct ts_server srv;
    ts_server_start(&srv, root);
    char *index = ts_path(root, "index.html");
    const char *page = "<html><head><title>Harbour Times</title></head><body><h1>Harbour "
                       "Times</h1><p>Local news.</p></body></html>";
    ts_write_file(index, page, strlen(page));
    struct nr_buf b;
    nr_buf_init(&b, TS_MAX_FILE_BYTES);
    assert_int_equal(nr_buf_printf(&b,
                                   "User-agent: *\nDisallow: /private/\n\nSitemap: %s/sitemap.xml\n"
                                   "Sitemap: %s/news-sitemap.xml\n",
                                   srv.base, srv.base),
                     NR_OK);
    char *robots = ts_path(root, "robots.txt");
    ts_write_file(robots, b.data, b.len);
    nr_buf_reset(&b);
    assert_int_equal(
        nr_buf_printf(&b,
                      "<?xml version=\"1.0\"?><urlset "
                      "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
                      "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">"
                      "<url><loc>%s/2024/ferry.html</loc><news:news><news:publication><news:name>"
                      "Harbour Times</news:name></news:publication><news:publication_date>"
                      "2024-05-06T08:00:00Z</news:publication_date><news:title>Harbour ferry "
                      "returns</news:title></news:news></url></urlset>",
                      srv.base),
        NR_OK);
    char *sm = ts_path(root, "news-sitemap.xml");
    ts_write_file(sm, b.data, b.len);
    char *site = ts_path(srv.base, "index.html");
    struct nr_buf out, err;
    char cache_set[4200];
    snprintf(cache_set, sizeof cache_set, "fetch.cache_dir=%s", cache);
    char *exe = xstrdup(ts_newsreel());
    char *argv[] = { exe, "--dump", "--set", cache_set, "--set", "article.read=no", site, NULL };
    int st = ts_run(argv, NULL, 60000, &out, &err);
    if (st != 0)
        fail_msg("newsreel --dump exited %d: %s", st, err.data ? err.data : "");
    assert_non_null(strstr(out.data, "Harbour ferry returns"));
    assert_non_null(strstr(out.data, "/2024/ferry.html"));
    assert_non_null(strstr(err.data, "news sitemap"));
    free(exe);
    nr_buf_release(&out);
    nr_buf_release(&err);
    nr_buf_release(&b);
    ts_server_stop(&srv);
    ts_rmtree(root);
    ts_rmtree(cache);
    free(root);
    free(cache);
    free(index);
    free(robots);
    free(sm);
    free(site);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fault_pages_keep_feed_data),
        cmocka_unit_test(test_corpus_behind_summary_feed),
        cmocka_unit_test(test_site_news_sitemap_from_robots),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
