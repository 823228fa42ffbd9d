/* test_encoding.c: the charsets and charset lies of real feeds all come out as UTF-8. */
#include "parse_fixture.h"

#include "banned.h"

static void expect_item_title(const char *fixture, const char *http_charset, const char *want)
{
    struct feed f;
    assert_int_equal(fx_parse(fixture, http_charset, &f), NR_OK);
    fx_assert_feed_utf8(&f);
    assert_int_equal(f.n_items, 1);
    if (!f.items[0].title || strcmp(f.items[0].title, want) != 0)
        fail_msg("%s: title '%s', want '%s'", fixture, f.items[0].title ? f.items[0].title : "(null)", want);
    feed_release(&f);
}

static void test_declared_latin1_but_utf8(void **state)
{
    (void)state;
    expect_item_title("declared_latin1_utf8_bytes.xml", NULL, "Zo\xC3\xAB\xE2\x80\x99s \xE2\x80\x9Cna\xC3\xAFve\xE2\x80\x9D caf\xC3\xA9");
}

static void test_windows1252_labelled_latin1(void **state)
{
    (void)state;
    /* 0x92, 0x93, 0x94, 0x96, 0x80 are windows-1252 punctuation, not C1 controls. */
    expect_item_title("win1252_labelled_latin1.xml", NULL, "It\xE2\x80\x99s \xE2\x80\x9Csmart\xE2\x80\x9D \xE2\x80\x93 5 \xE2\x82\xAC");
}

static void test_no_declaration_latin1(void **state)
{
    (void)state;
    expect_item_title("nodecl_latin1.xml", NULL, "\xC3\x89v\xC3\xA9nement \xC3\xA0 Z\xC3\xBCrich");
}

static void test_http_charset(void **state)
{
    (void)state;
    expect_item_title("http_charset_1251.xml", "windows-1251", "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 \xD0\xBC\xD0\xB8\xD1\x80");
}

static void test_utf16(void **state)
{
    (void)state;
    expect_item_title("utf16le_bom.xml", NULL, "\xC3\x9Cn\xC3\xAF\x63\xC3\xB6\x64\xC3\xA9 sixteen \xE2\x9C\x93");
    expect_item_title("utf16be_nobom.xml", NULL, "Big endian \xE2\x9C\x93");
    expect_item_title("declared_utf16_but_ascii.xml", NULL, "Plain bytes");
}

static void test_bom_and_blank_line(void **state)
{
    (void)state;
    expect_item_title("utf8_bom.xml", NULL, "With a byte order mark");
    expect_item_title("blank_line_before_decl.xml", NULL, "After a blank line");
}

static void test_invalid_utf8_becomes_fffd(void **state)
{
    (void)state;
    expect_item_title("invalid_utf8.xml", NULL, "A\xEF\xBF\xBD" "B\xEF\xBF\xBD" "C");
}

static void test_control_bytes_never_break_the_parse(void **state)
{
    (void)state;
    const char doc[] = "<rss><channel><item><title>a\x01\x02 b\x0B</title></item></channel></rss>";
    struct feed f;
    assert_int_equal(feed_parse(doc, sizeof doc - 1, NULL, &f, NULL), NR_OK);
    assert_int_equal(f.n_items, 1);
    assert_string_equal(f.items[0].title, "a b");
    feed_release(&f);
}

/* The decoder reads plain ASCII eight bytes at a time and hands clean UTF-8 to the XML
 * parser without a copy: a byte to repair must be found at every offset of a word, and
 * a character cut by a 64 KiB read boundary must come out whole. */
static void test_repairs_found_at_every_offset(void **state)
{
    (void)state;
    for (size_t off = 0; off < 16; off++) {
        char doc[256];
        char pad[17] = "xxxxxxxxxxxxxxxx";
        pad[off] = '\0';
        int n = snprintf(
            doc, sizeof doc,
            "<rss><channel><item><title>%s\x01tail \xEF\xBF\xBE end</title></item></channel></rss>",
            pad);
        struct feed f;
        assert_int_equal(feed_parse(doc, (size_t)n, NULL, &f, NULL), NR_OK);
        assert_int_equal(f.n_items, 1);
        char want[64];
        snprintf(want, sizeof want, "%s%stail \xEF\xBF\xBD end", pad, off ? " " : "");
        if (strcmp(f.items[0].title, want) != 0)
            fail_msg("offset %zu: title '%s', want '%s'", off, f.items[0].title, want);
        feed_release(&f);
    }
}

static void test_character_across_read_boundary(void **state)
{
    (void)state;
    /* A comment pads the document so that each title's two- and three-byte characters
     * straddle the 65536th byte in turn. */
    const char *head = "<rss><channel><!--";
    for (size_t shift = 0; shift < 4; shift++) {
        struct nr_buf b;
        nr_buf_init(&b, 0);
        nr_buf_puts(&b, head);
        while (b.len < 65536 - 40 + shift)
            nr_buf_putc(&b, 'p');
        nr_buf_puts(
            &b,
            "--><item><title>caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D na\xC3\xAFve</title></item>");
        nr_buf_puts(
            &b, "<item><title>\xE4\xB8\xAD\xE6\x96\x87 \xC3\xA9</title></item></channel></rss>");
        struct feed f;
        assert_int_equal(feed_parse(b.data, b.len, NULL, &f, NULL), NR_OK);
        fx_assert_feed_utf8(&f);
        assert_int_equal(f.n_items, 2);
        assert_string_equal(f.items[0].title, "caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D na\xC3\xAFve");
        assert_string_equal(f.items[1].title, "\xE4\xB8\xAD\xE6\x96\x87 \xC3\xA9");
        feed_release(&f);
        nr_buf_release(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_declared_latin1_but_utf8),
        cmocka_unit_test(test_windows1252_labelled_latin1),
        cmocka_unit_test(test_no_declaration_latin1),
        cmocka_unit_test(test_http_charset),
        cmocka_unit_test(test_utf16),
        cmocka_unit_test(test_bom_and_blank_line),
        cmocka_unit_test(test_invalid_utf8_becomes_fffd),
        cmocka_unit_test(test_control_bytes_never_break_the_parse),
        cmocka_unit_test(test_repairs_found_at_every_offset),
        cmocka_unit_test(test_character_across_read_boundary),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
