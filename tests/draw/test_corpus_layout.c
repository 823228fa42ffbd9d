/* test_corpus_layout.c: every story of the real feed corpus, extracted as the program does,
 * laid out with the real fonts at the five screen sizes: boxes apart, inside the safe area,
 * lines within their boxes, no missing glyph (layout_check). */
#include "draw.h"
#include "feed.h"
#include "story.h"
#include "testsupport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const int sizes[5][2] = {
    { 800, 480 }, { 1280, 720 }, { 1920, 1080 }, { 1080, 1920 }, { 3840, 2160 }
};

static void test_every_story_every_size(void **state)
{
    (void)state;
    if (!ts_have_shared())
        skip();
    char fonts[4096], *manifest_path, line[8192];
    struct theme theme;
    struct nr_err err = { 0 };
    long stories = 0, feeds = 0, failures = 0;

    assert_int_equal(SDL_Init(0), 0);
    theme_default(&theme);
    snprintf(fonts, sizeof fonts, "%s/fonts", ts_source_dir());
    struct drawer *d = drawer_new(fonts, &theme, &err);
    assert_non_null(d);
    const struct text_measurer *m = drawer_measurer(d);
    manifest_path = ts_path(ts_shared_dir(), "feeds/real/MANIFEST.tsv");
    FILE *mf = fopen(manifest_path, "r");
    assert_non_null(mf);
    while (fgets(line, sizeof line, mf)) {
        char *tab = strchr(line, '\t');
        if (!tab || strncmp(line, "file\t", 5) == 0)
            continue;
        *tab = '\0';
        char rel[8300];
        snprintf(rel, sizeof rel, "feeds/real/%s", line);
        char *path = ts_path(ts_shared_dir(), rel);
        struct nr_buf body;
        nr_buf_init(&body, TS_MAX_FILE_BYTES);
        struct feed feed = { 0 };
        if (ts_read_file(path, &body) == 0 &&
            feed_parse(body.data, body.len, &(struct parse_options){ 0 }, &feed, &err) == NR_OK) {
            feeds++;
            for (size_t i = 0; i < feed.n_items; i++) {
                struct story s;
                struct extract_options eo = { 1920, 1080 };
                if (story_extract(&feed, &feed.items[i], &eo, &s, &err) != NR_OK)
                    continue;
                stories++;
                for (int k = 0; k < 5; k++) {
                    struct slide_meta meta = { .index = (int)i,
                                               .count = (int)feed.n_items,
                                               .now_unix = s.published_unix + 600 };
                    if (s.photo_url) {
                        meta.photo_w = 1600;
                        meta.photo_h = 1000;
                    }
                    struct display_list dl;
                    struct nr_err e2 = { 0 };
                    enum nr_result rc =
                        layout_slide(&s, &theme, (struct viewport){ sizes[k][0], sizes[k][1] },
                                     &meta, m, &dl, &e2);
                    if (rc != NR_OK || !layout_check(&dl, m, &e2)) {
                        print_error("%s item %zu at %dx%d ('%.60s'): %s\n", line, i, sizes[k][0],
                                    sizes[k][1], s.headline, e2.msg);
                        failures++;
                    }
                    display_list_release(&dl);
                }
                story_release(&s);
            }
        }
        feed_release(&feed);
        nr_buf_release(&body);
        free(path);
    }
    fclose(mf);
    free(manifest_path);
    print_message("%ld stories from %ld feeds laid out at 5 sizes\n", stories, feeds);
    assert_true(feeds > 50);
    assert_true(stories > 500);
    assert_int_equal(failures, 0);
    drawer_free(d);
    SDL_Quit();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_story_every_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
