/* test_announce.c: announcement files: the header and body, every malformed line reported
 * with file and line, the caps, dates, days and hours; the folder read as a set; the picture
 * slide's layout. */
#include "announce.h"

#include "alloc.h"
#include "testsupport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* 2026-12-02 (a Wednesday) at 10:30 UTC */
#define WED_1030 1796207400LL

static enum nr_result parse(const char *text, struct announce_item *it, struct nr_err *err)
{
    memset(err, 0, sizeof *err);
    return announce_parse(text, strlen(text), "notice.txt", it, err);
}

/* The file parses and the item is released; the error names this line. */
static void expect_error(const char *text, const char *where, const char *what)
{
    struct announce_item it;
    struct nr_err err;
    enum nr_result r = parse(text, &it, &err);
    announce_item_release(&it);
    if (r == NR_OK)
        fail_msg("'%s' parsed", text);
    if (!strstr(err.msg, where) || !strstr(err.msg, what))
        fail_msg("'%s' gave '%s', not '%s' ... '%s'", text, err.msg, where, what);
}

static void test_header_and_body(void **state)
{
    (void)state;
    struct announce_item it;
    struct nr_err err;
    assert_int_equal(parse("\xef\xbb\xbf# a comment\r\n"
                           "Title:  Fire drill\r\n"
                           "image: drill.jpg\n"
                           "\n"
                           "Leave by the   nearest exit.\n"
                           "\n"
                           "Gather on the lawn.\n",
                           &it, &err),
                     NR_OK);
    assert_int_equal(it.kind, ANNOUNCE_TEXT);
    assert_string_equal(it.file, "notice.txt");
    assert_string_equal(it.title, "Fire drill");
    assert_string_equal(it.body, "Leave by the nearest exit. Gather on the lawn.");
    assert_string_equal(it.image_name, "drill.jpg");
    assert_int_equal(it.line_image, 3);
    assert_int_equal(it.days, 0x7f);
    assert_false(it.has_hours);
    announce_item_release(&it);

    assert_int_equal(parse("title: Canteen closed\nbody: Friday only.\n", &it, &err), NR_OK);
    assert_string_equal(it.body, "Friday only.");
    assert_null(it.image_name);
    announce_item_release(&it);
    announce_item_release(&it); /* twice: released items are zeroed */
}

static void test_malformed_lines_name_file_and_line(void **state)
{
    (void)state;
    expect_error("title: A\ntilte: B\n", "notice.txt:2:", "unknown key 'tilte'");
    expect_error("title: A\njust words\n", "notice.txt:2:", "expected 'key: value'");
    expect_error("title: A\n: no key\n", "notice.txt:2:", "expected 'key: value'");
    expect_error("title: A\ntitle: B\n", "notice.txt:2:", "title given twice");
    expect_error("body: text\n", "notice.txt:", "no title");
    expect_error("", "notice.txt:", "no title");
    expect_error("title: A\nbody: x\n\nmore text\n", "notice.txt:4:", "body given twice");
    expect_error("title: A\nimage: ../secret.jpg\n", "notice.txt:2:", "not a file name");
    expect_error("title: A\nimage: /etc/photo.jpg\n", "notice.txt:2:", "not a file name");
    expect_error("title: A\nimage: sub/photo.jpg\n", "notice.txt:2:", "not a file name");
    expect_error("title: A\nvalid_from: tomorrow\n", "notice.txt:2:", "valid_from 'tomorrow'");
    expect_error("title: A\nvalid_until: 2026-02-30\n", "notice.txt:2:", "is not a date");
    expect_error("title: A\nvalid_until: 2026-12-01T25:00\n", "notice.txt:2:", "is not a date");
    expect_error("title: A\nvalid_until: 2026-12-01 10:00 CET\n", "notice.txt:2:", "is not a date");
    expect_error("title: A\ndays: mon-funday\n", "notice.txt:2:", "days 'mon-funday'");
    expect_error("title: A\ndays: \n", "notice.txt:2:", "days ''");
    expect_error("title: A\nhours: 8-18\n", "notice.txt:2:", "hours '8-18'");
    expect_error("title: A\nhours: 08:00-08:00\n", "notice.txt:2:", "hours");
    expect_error("title: A\nhours: 08:60-09:00\n", "notice.txt:2:", "hours");
    expect_error("title: \xff\xfe\n", "notice.txt:1:", "not UTF-8");
    expect_error("title: A\nvalid_from: 2026-12-03\nvalid_until: 2026-12-02\n", "notice.txt",
                 "not after valid_from");
    struct announce_item it;
    struct nr_err err;
    assert_int_equal(announce_parse("title: A\0B", 10, "bin.txt", &it, &err), NR_ERR_PARSE);
    assert_non_null(strstr(err.msg, "not a text file"));
    announce_item_release(&it);
}

static void test_caps(void **state)
{
    (void)state;
    char *big = xmalloc(ANNOUNCE_MAX_FILE_BYTES + 100);
    memset(big, 'a', ANNOUNCE_MAX_FILE_BYTES + 99);
    big[ANNOUNCE_MAX_FILE_BYTES + 99] = '\0';
    memcpy(big, "title: x\n\n", 10);
    struct announce_item it;
    struct nr_err err;
    assert_int_equal(parse(big, &it, &err), NR_ERR_TOO_BIG);
    assert_non_null(strstr(err.msg, "byte cap"));
    announce_item_release(&it);

    /* a title one byte over its cap, a body over its, a line over the line cap */
    char text[ANNOUNCE_MAX_BODY_BYTES + 64];
    snprintf(text, sizeof text, "title: %0*d\n", ANNOUNCE_MAX_TITLE_BYTES + 1, 7);
    expect_error(text, "notice.txt:1:", "title is longer than 200 bytes");
    snprintf(text, sizeof text, "title: %0*d\n", ANNOUNCE_MAX_TITLE_BYTES, 7);
    assert_int_equal(parse(text, &it, &err), NR_OK);
    announce_item_release(&it);
    memset(big, 'w', ANNOUNCE_MAX_BODY_BYTES + 20);
    memcpy(big, "title: x\n\n", 10);
    for (size_t i = 100; i < ANNOUNCE_MAX_BODY_BYTES + 20; i += 100)
        big[i] = ' ';
    big[ANNOUNCE_MAX_BODY_BYTES + 20] = '\0';
    expect_error(big, "notice.txt:3:", "body is longer than 2000 bytes");
    memset(big, 'l', ANNOUNCE_MAX_LINE_BYTES + 20);
    memcpy(big, "title: ", 7);
    big[ANNOUNCE_MAX_LINE_BYTES + 20] = '\0';
    expect_error(big, "notice.txt:1:", "line longer than");
    free(big);
}

static struct announce_item parsed(const char *text)
{
    struct announce_item it;
    struct nr_err err;
    if (parse(text, &it, &err) != NR_OK)
        fail_msg("%s", err.msg);
    return it;
}

static void test_dates(void **state)
{
    (void)state;
    /* local times: compared with the screen's clock */
    struct announce_item it = parsed("title: A\nvalid_from: 2026-12-02T12:00\n"
                                     "valid_until: 2026-12-02 12:45\n");
    /* two hours ahead of UTC: 10:30 UTC is 12:30 there */
    assert_false(announce_active(&it, WED_1030 - 1801, 7200)); /* 11:59:59 */
    assert_true(announce_active(&it, WED_1030 - 1800, 7200));  /* 12:00 */
    assert_true(announce_active(&it, WED_1030 + 899, 7200));   /* 12:44:59 */
    assert_false(announce_active(&it, WED_1030 + 900, 7200));  /* until is exclusive */
    /* on UTC it is 10:30: not yet */
    assert_false(announce_active(&it, WED_1030, 0));
    assert_true(announce_active(&it, WED_1030 + 5400, 0));
    announce_item_release(&it);

    /* with an offset: absolute, whatever the screen's zone */
    it = parsed("title: A\nvalid_from: 2026-12-02T11:30+01:00\nvalid_until: 2026-12-02T10:31Z\n");
    assert_false(announce_active(&it, WED_1030 - 1, 3600 * 5));
    assert_true(announce_active(&it, WED_1030, -3600 * 8));
    assert_false(announce_active(&it, WED_1030 + 60, 0));
    announce_item_release(&it);

    /* a date alone: from the start of that day, until the end of that day */
    it = parsed("title: A\nvalid_from: 2026-12-02\nvalid_until: 2026-12-02\n");
    assert_true(announce_active(&it, WED_1030 - 10 * 3600 - 1800, 0)); /* 00:00 */
    assert_true(announce_active(&it, WED_1030 + 13 * 3600 + 1799, 0)); /* 23:59:59 */
    assert_false(announce_active(&it, WED_1030 + 13 * 3600 + 1800, 0));
    assert_false(announce_active(&it, WED_1030 - 10 * 3600 - 1801, 0));
    announce_item_release(&it);

    it = parsed("title: A\nvalid_until: 2028-02-29T23:59:59\n"); /* a leap day */
    assert_true(announce_active(&it, WED_1030, 0));
    announce_item_release(&it);
}

static void test_days_and_hours(void **state)
{
    (void)state;
    struct announce_item it = parsed("title: A\ndays: Mon-Fri\nhours: 8:00-18:00\n");
    assert_int_equal(it.days, 0x1f);
    assert_true(announce_active(&it, WED_1030, 0));
    assert_false(announce_active(&it, WED_1030 + 8 * 3600, 0));  /* 18:30 */
    assert_false(announce_active(&it, WED_1030 - 3 * 3600, 0));  /* 07:30 */
    assert_true(announce_active(&it, WED_1030 - 2 * 3600, 0));   /* 08:30 */
    assert_false(announce_active(&it, WED_1030 + 3 * 86400, 0)); /* Saturday */
    assert_false(announce_active(&it, WED_1030, 12 * 3600));     /* 22:30 local */
    announce_item_release(&it);

    it = parsed("title: A\ndays: sat, sunday ,wed\n");
    assert_int_equal(it.days, (1 << 2) | (1 << 5) | (1 << 6));
    announce_item_release(&it);
    it = parsed("title: A\ndays: fri-mon\n"); /* a range may wrap */
    assert_int_equal(it.days, (1 << 4) | (1 << 5) | (1 << 6) | (1 << 0));
    assert_false(announce_active(&it, WED_1030, 0));
    assert_true(announce_active(&it, WED_1030 + 2 * 86400, 0));
    announce_item_release(&it);
    it = parsed("title: A\ndays: every day\n");
    assert_int_equal(it.days, 0x7f);
    announce_item_release(&it);

    /* past midnight: Friday's evening runs into Saturday's small hours */
    it = parsed("title: A\ndays: fri\nhours: 22:00-02:00\n");
    int64_t fri_2230 = WED_1030 + 2 * 86400 + 12 * 3600;
    assert_true(announce_active(&it, fri_2230, 0));
    assert_true(announce_active(&it, fri_2230 + 3 * 3600, 0));          /* Sat 01:30 */
    assert_false(announce_active(&it, fri_2230 + 4 * 3600, 0));         /* Sat 02:30 */
    assert_false(announce_active(&it, fri_2230 - 86400 + 3 * 3600, 0)); /* Fri 01:30 */
    announce_item_release(&it);
    it = parsed("title: A\nhours: 00:00-24:00\n");
    assert_true(announce_active(&it, WED_1030 + 13 * 3600 + 1799, 0));
    announce_item_release(&it);
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char *p = ts_path(dir, name);
    ts_write_file(p, text, strlen(text));
    free(p);
}

static void copy_photo(const char *dir, const char *name)
{
    char *src = ts_path(ts_source_dir(), "assets/sample/photos/harbour-ferry-dusk.jpg");
    char *dst = ts_path(dir, name);
    struct nr_buf b;
    nr_buf_init(&b, TS_MAX_FILE_BYTES);
    assert_int_equal(ts_read_file(src, &b), 0);
    ts_write_file(dst, b.data, b.len);
    nr_buf_release(&b);
    free(src);
    free(dst);
}

static void test_folder_scan(void **state)
{
    (void)state;
    char *dir = ts_mkdtemp();
    struct announce_set set;
    struct nr_err err = { 0 };
    write_file(dir, "20-drill.txt", "title: Drill\nimage: drill.jpg\n");
    copy_photo(dir, "drill.jpg");
    copy_photo(dir, "30-poster.JPG");
    write_file(dir, "35-broken.png", "a text file named as a picture");
    write_file(dir, "36-junk.gif", "GIF? no: half a download");
    write_file(dir, "45-bad-image.txt", "title: Bad image\nimage: 35-broken.png\n");
    write_file(dir, "10-bad.txt", "title: Bad\ncolour: red\n");
    write_file(dir, "40-lost.txt", "title: Lost\nimage: gone.jpg\n");
    write_file(dir, ".20-drill.txt.swp", "title: editor's");
    write_file(dir, "50-draft.txt~", "title: backup");
    write_file(dir, "notes.md", "title: not ours");
    char *sub = ts_path(dir, "folder.txt");
    mkdir(sub, 0700);
    assert_int_equal(announce_scan(dir, &set, &err), NR_OK);
    assert_int_equal(set.n, 4);
    assert_string_equal(set.items[0].file, "20-drill.txt");
    assert_non_null(strstr(set.items[0].image, "/drill.jpg"));
    assert_string_equal(set.items[1].file, "40-lost.txt");
    assert_null(set.items[1].image); /* shown without it */
    assert_string_equal(set.items[2].file, "45-bad-image.txt");
    assert_null(set.items[2].image);
    assert_int_equal(set.items[3].kind, ANNOUNCE_PICTURE);
    assert_string_equal(set.items[3].title, "30-poster");
    /* the broken picture a text file names is reported once, by that file */
    assert_int_equal(set.n_errors, 4);
    assert_non_null(strstr(set.errors[0], "10-bad.txt:2: unknown key 'colour'"));
    assert_non_null(strstr(set.errors[1], "40-lost.txt:2: image 'gone.jpg' not found"));
    assert_non_null(strstr(set.errors[2], "45-bad-image.txt:2: image '35-broken.png': not a "));
    assert_non_null(strstr(set.errors[3], "36-junk.gif: not a JPEG, PNG, WebP or GIF picture"));

    /* the same folder read again is the same set; a change is not */
    struct announce_set again, copy;
    assert_int_equal(announce_scan(dir, &again, &err), NR_OK);
    assert_true(announce_set_equal(&set, &again));
    announce_set_copy(&copy, &set);
    assert_true(announce_set_equal(&set, &copy));
    announce_set_release(&again);
    write_file(dir, "20-drill.txt", "title: Drill moved to Friday\nimage: drill.jpg\n");
    assert_int_equal(announce_scan(dir, &again, &err), NR_OK);
    assert_false(announce_set_equal(&set, &again));

    /* as a story: the kicker, the picture's path with its version */
    struct story st;
    char path[4096];
    announce_story(&again.items[0], &st);
    assert_string_equal(st.id, "announce:20-drill.txt");
    assert_string_equal(st.headline, "Drill moved to Friday");
    assert_string_equal(st.source, announce_kicker());
    assert_true(announce_story_is(&st));
    assert_false(announce_story_is_picture(&st));
    assert_true(announce_story_image_path(&st, path, sizeof path));
    assert_string_equal(path, again.items[0].image);
    story_release(&st);
    announce_story(&again.items[3], &st);
    assert_true(announce_story_is_picture(&st));
    story_release(&st);
    struct story news = { .id = (char *)"https://example.org/1", .headline = (char *)"News" };
    assert_false(announce_story_is(&news));

    announce_set_release(&again);
    announce_set_release(&copy);
    announce_set_release(&set);
    announce_set_release(&set); /* released sets are zeroed */

    /* a folder that is not there: an error, an empty set */
    char *missing = ts_path(dir, "missing");
    assert_int_equal(announce_scan(missing, &set, &err), NR_ERR_IO);
    assert_non_null(strstr(err.msg, "missing"));
    assert_int_equal(set.n, 0);
    announce_set_release(&set);
    free(missing);
    rmdir(sub);
    free(sub);
    ts_rmtree(dir);
    free(dir);
}

static void test_file_count_cap(void **state)
{
    (void)state;
    char *dir = ts_mkdtemp();
    for (int i = 0; i < ANNOUNCE_MAX_FILES + 5; i++) {
        char name[32];
        snprintf(name, sizeof name, "%03d.txt", i);
        write_file(dir, name, "title: one of many\n");
    }
    struct announce_set set;
    struct nr_err err = { 0 };
    assert_int_equal(announce_scan(dir, &set, &err), NR_OK);
    assert_int_equal(set.n, ANNOUNCE_MAX_FILES);
    assert_int_equal(set.n_errors, 1);
    assert_non_null(strstr(set.errors[0], "5 files over the cap of 100"));
    announce_set_release(&set);
    ts_rmtree(dir);
    free(dir);
}

static void test_picture_layout_letterboxes(void **state)
{
    (void)state;
    struct theme t;
    struct display_list dl;
    struct nr_err err = { 0 };
    theme_default(&t);
    /* a portrait poster on a landscape screen: full height, centred, its shape kept */
    assert_int_equal(
        announce_picture_layout(1000, 1500, &t, (struct viewport){ 1920, 1080 }, &dl, &err), NR_OK);
    assert_int_equal(dl.n, 2);
    assert_int_equal(dl.items[0].kind, DL_FILL);
    const struct dl_item *p = &dl.items[1];
    assert_int_equal(p->kind, DL_PHOTO);
    assert_int_equal(p->rect.h, 1080);
    assert_int_equal(p->rect.w, 720);
    assert_int_equal(p->rect.x, 600);
    assert_int_equal(p->src.w, 1000);
    assert_int_equal(p->src.h, 1500);
    display_list_release(&dl);
    /* a wide one on a portrait screen, inside a safe area */
    t.safe_area_pct = 5;
    assert_int_equal(
        announce_picture_layout(1600, 900, &t, (struct viewport){ 1080, 1920 }, &dl, &err), NR_OK);
    p = &dl.items[1];
    assert_int_equal(p->rect.x, 54);
    assert_int_equal(p->rect.w, 972);
    assert_true(p->rect.h <= 972 * 9 / 16 && p->rect.h >= 972 * 9 / 16 - 1);
    assert_true(p->rect.y > 0 && p->rect.y + p->rect.h < 1920);
    display_list_release(&dl);
    /* with the ticker on, the picture stays above its band */
    t.safe_area_pct = 0;
    t.ticker = true;
    struct layout_band band;
    layout_ticker_band(&t, (struct viewport){ 1920, 1080 }, &band);
    assert_true(band.ground.h > 0);
    assert_int_equal(
        announce_picture_layout(1600, 900, &t, (struct viewport){ 1920, 1080 }, &dl, &err), NR_OK);
    p = &dl.items[1];
    assert_true(p->rect.y + p->rect.h <= band.ground.y);
    assert_true(p->rect.h >= band.ground.y - 1);
    display_list_release(&dl);
    assert_int_equal(announce_picture_layout(10, 10, &t, (struct viewport){ 100, 100 }, &dl, &err),
                     NR_ERR_USAGE);
    display_list_release(&dl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_and_body),
        cmocka_unit_test(test_malformed_lines_name_file_and_line),
        cmocka_unit_test(test_caps),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_days_and_hours),
        cmocka_unit_test(test_folder_scan),
        cmocka_unit_test(test_file_count_cap),
        cmocka_unit_test(test_picture_layout_letterboxes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
