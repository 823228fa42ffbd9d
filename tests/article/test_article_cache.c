/* test_article_cache.c: article results survive a restart, a damaged file is ignored, and
 * the folder stays within its entry and byte limits. */
#include "article_cache.h"
#include "testsupport.h"

#include "alloc.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t count_files(const char *dir)
{
    DIR *d = opendir(dir);
    size_t n = 0;
    struct dirent *de;
    while (d && (de = readdir(d)))
        n += strstr(de->d_name, ".art") != NULL;
    if (d)
        closedir(d);
    return n;
}

static void test_round_trip(void **state)
{
    (void)state;
    char *dir = ts_mkdtemp();
    char *sub = ts_path(dir, "articles");
    struct article_cache_entry e = { 0 };
    e.a.headline = xstrdup("Ferry returns");
    e.a.quote = xstrdup("We are glad,\n\tvery glad.");
    e.a.speaker = xstrdup("Maria Jensen");
    e.a.photo_url = xstrdup("https://img.example.org/ferry.jpg");
    e.a.photo_w = 2048;
    e.a.caption = xstrdup("The ferry \\ the pier");
    e.a.credit = xstrdup("Ana Ruiz");
    e.a.photo_src = ARTICLE_SRC_META;
    e.etag = xstrdup("\"abc\"");
    e.stored_unix = 1700000000;
    struct article_cache_limits lim = { 100, 1 << 20 };
    assert_int_equal(article_cache_store(sub, "https://news.example.org/1", &e, &lim, NULL), NR_OK);
    struct article_cache_entry got;
    assert_int_equal(article_cache_load(sub, "https://news.example.org/1", &got, NULL), NR_OK);
    assert_string_equal(got.a.quote, "We are glad,\n\tvery glad.");
    assert_string_equal(got.a.caption, "The ferry \\ the pier");
    assert_string_equal(got.a.speaker, "Maria Jensen");
    assert_int_equal(got.a.photo_w, 2048);
    assert_int_equal(got.a.photo_src, ARTICLE_SRC_META);
    assert_string_equal(got.etag, "\"abc\"");
    assert_false(got.nothing);
    article_cache_entry_release(&got);
    assert_int_equal(article_cache_load(sub, "https://news.example.org/2", &got, NULL), NR_ERR_IO);
    article_cache_entry_release(&e);
    ts_rmtree(dir);
    free(sub);
    free(dir);
}

static void test_damaged_file_ignored(void **state)
{
    (void)state;
    char *dir = ts_mkdtemp();
    struct article_cache_entry e = { .nothing = true, .why = xstrdup("paywall") };
    assert_int_equal(article_cache_store(dir, "https://news.example.org/1", &e, NULL, NULL), NR_OK);
    DIR *d = opendir(dir);
    struct dirent *de;
    char *path = NULL;
    while ((de = readdir(d)))
        if (strstr(de->d_name, ".art"))
            path = ts_path(dir, de->d_name);
    closedir(d);
    assert_non_null(path);
    struct nr_buf b;
    assert_int_equal(ts_read_file(path, &b), 0);
    b.data[b.len / 2] ^= 0x20; /* one flipped bit in the middle */
    ts_write_file(path, b.data, b.len);
    struct article_cache_entry got;
    assert_int_equal(article_cache_load(dir, "https://news.example.org/1", &got, NULL),
                     NR_ERR_PARSE);
    assert_null(got.why);
    nr_buf_release(&b);
    free(path);
    article_cache_entry_release(&e);
    ts_rmtree(dir);
    free(dir);
}

static void test_bounded(void **state)
{
    (void)state;
    char *dir = ts_mkdtemp();
    struct article_cache_limits lim = { 5, 0 };
    for (int i = 0; i < 12; i++) {
        char url[64];
        snprintf(url, sizeof url, "https://news.example.org/%d", i);
        struct article_cache_entry e = { .a.headline = xstrdup(url) };
        assert_int_equal(article_cache_store(dir, url, &e, &lim, NULL), NR_OK);
        article_cache_entry_release(&e);
    }
    assert_true(count_files(dir) <= 5);
    struct article_cache_limits bytes = { 0, 600 };
    struct article_cache_entry big = { .a.headline = xstrdup("x") };
    assert_int_equal(article_cache_store(dir, "https://news.example.org/last", &big, &bytes, NULL),
                     NR_OK);
    assert_true(count_files(dir) <= 4);
    article_cache_entry_release(&big);
    ts_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_damaged_file_ignored),
        cmocka_unit_test(test_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
