/* parse_fixture.h: loading a fixture of tests/parse/fixtures and parsing it. */
#ifndef NR_PARSE_FIXTURE_H
#define NR_PARSE_FIXTURE_H

#include "testsupport.h"

#include "feed.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parses fixtures/<name> with base_url "https://feeds.example/dir/<name>"; returns the rc. */
static inline enum nr_result fx_parse(const char *name, const char *http_charset, struct feed *f)
{
    char rel[256], url[512];
    snprintf(rel, sizeof rel, "tests/parse/fixtures/%s", name);
    snprintf(url, sizeof url, "https://feeds.example/dir/%s", name);
    char *path = ts_path(ts_source_dir(), rel);
    struct nr_buf b;
    nr_buf_init(&b, TS_MAX_FILE_BYTES);
    assert_int_equal(ts_read_file(path, &b), 0);
    struct parse_options po = { .base_url = url, .http_charset = http_charset };
    struct nr_err err = { 0 };
    enum nr_result rc = feed_parse(b.data, b.len, &po, f, &err);
    if (rc)
        printf("# %s: %s\n", name, err.msg);
    nr_buf_release(&b);
    free(path);
    return rc;
}

static inline void fx_assert_utf8(const char *s)
{
    if (s)
        assert_true(nr_utf8_valid(s, strlen(s)));
}

/* Every string of the feed is valid UTF-8. */
static inline void fx_assert_feed_utf8(const struct feed *f)
{
    fx_assert_utf8(f->title);
    fx_assert_utf8(f->link);
    for (size_t i = 0; i < f->n_items; i++) {
        const struct feed_item *it = &f->items[i];
        fx_assert_utf8(it->title);
        fx_assert_utf8(it->link);
        fx_assert_utf8(it->guid);
        fx_assert_utf8(it->summary_html);
        fx_assert_utf8(it->content_html);
        fx_assert_utf8(it->author);
        for (size_t m = 0; m < it->n_media; m++) {
            fx_assert_utf8(it->media[m].url);
            fx_assert_utf8(it->media[m].description);
            fx_assert_utf8(it->media[m].credit);
        }
    }
}

#endif
