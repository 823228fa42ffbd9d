/* test_snapshot_accent.c: a slide's feed accent travels in the --snapshot answer, so the
 * picture has the colour the screen shows; a bad one is ignored. */
#include "snapshot.h"

#include "alloc.h"
#include "testsupport.h"

#include <stdlib.h>
#include <string.h>

static void round_trip(const struct snapshot_recipe *in, struct snapshot_recipe *out)
{
    struct nr_buf b;
    nr_buf_init(&b, 1 << 20);
    assert_int_equal(fleet_snapshot_encode(&b, in), NR_OK);
    assert_int_equal(fleet_snapshot_decode(b.data, b.len, out, NULL), NR_OK);
    nr_buf_release(&b);
}

static void test_accent_travels(void **state)
{
    (void)state;
    struct snapshot_recipe in = { 0 }, out;
    in.story.headline = "Council approves the tram line";
    in.slide_w = 1280;
    in.slide_h = 720;
    in.story.source = "City Desk";
    in.info.accent_set = true;
    in.info.accent = (struct rgba){ 0x20, 0xc0, 0x60, 0xff };
    nr_buf_init(&in.photo, 16);
    round_trip(&in, &out);
    assert_true(out.info.accent_set);
    assert_int_equal(out.info.accent.r, 0x20);
    assert_int_equal(out.info.accent.g, 0xc0);
    assert_int_equal(out.info.accent.b, 0x60);
    assert_string_equal(out.story.source, "City Desk");
    assert_null(out.info.logo);
    fleet_snapshot_recipe_release(&out);
    in.info.accent_set = false; /* the theme's */
    round_trip(&in, &out);
    assert_false(out.info.accent_set);
    fleet_snapshot_recipe_release(&out);
    nr_buf_release(&in.photo);
}

static void test_bad_accent_ignored(void **state)
{
    (void)state;
    const char *doc_head = NULL;
    struct snapshot_recipe in = { 0 }, out;
    in.story.headline = "H";
    in.slide_w = 1280;
    in.slide_h = 720;
    nr_buf_init(&in.photo, 16);
    struct nr_buf b;
    nr_buf_init(&b, 1 << 20);
    assert_int_equal(fleet_snapshot_encode(&b, &in), NR_OK);
    /* a line the way a newer or broken peer might send it, before the first field */
    doc_head = strchr(b.data, '\n');
    assert_non_null(doc_head);
    struct nr_buf bad;
    nr_buf_init(&bad, 1 << 20);
    assert_int_equal(nr_buf_append(&bad, b.data, (size_t)(doc_head + 1 - b.data)), NR_OK);
    assert_int_equal(nr_buf_puts(&bad, "accent=zz00gg\n"), NR_OK);
    assert_int_equal(nr_buf_append(&bad, doc_head + 1, b.len - (size_t)(doc_head + 1 - b.data)),
                     NR_OK);
    assert_int_equal(fleet_snapshot_decode(bad.data, bad.len, &out, NULL), NR_OK);
    assert_false(out.info.accent_set);
    fleet_snapshot_recipe_release(&out);
    nr_buf_release(&bad);
    nr_buf_release(&b);
    nr_buf_release(&in.photo);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accent_travels),
        cmocka_unit_test(test_bad_accent_ignored),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
