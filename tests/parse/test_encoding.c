/* test_encoding.c: the charsets and charset lies of real feeds all come out as UTF-8. */
#include "parse_fixture.h"

#include <iconv.h>

static void expect_item_title(const char *fixture, const char *http_charset, const char *want)
{
    struct feed f;
    assert_int_equal(fx_parse(fixture, http_charset, &f), NR_OK);
    fx_assert_feed_utf8(&f);
    assert_int_equal(f.n_items, 1);
    if (!f.items[0].title || strcmp(f.items[0].title, want) != 0)
        fail_msg("%s: title '%s', want '%s'", fixture,
                 f.items[0].title ? f.items[0].title : "(null)", want);
    feed_release(&f);
}

static void test_declared_latin1_but_utf8(void **state)
{
    (void)state;
    expect_item_title("declared_latin1_utf8_bytes.xml", NULL,
                      "Zo\xC3\xAB\xE2\x80\x99s \xE2\x80\x9Cna\xC3\xAFve\xE2\x80\x9D caf\xC3\xA9");
}

static void test_windows1252_labelled_latin1(void **state)
{
    (void)state;
    /* 0x92, 0x93, 0x94, 0x96, 0x80 are windows-1252 punctuation, not C1 controls. */
    expect_item_title("win1252_labelled_latin1.xml", NULL,
                      "It\xE2\x80\x99s \xE2\x80\x9Csmart\xE2\x80\x9D \xE2\x80\x93 5 \xE2\x82\xAC");
}

static void test_no_declaration_latin1(void **state)
{
    (void)state;
    expect_item_title("nodecl_latin1.xml", NULL, "\xC3\x89v\xC3\xA9nement \xC3\xA0 Z\xC3\xBCrich");
}

static void test_http_charset(void **state)
{
    (void)state;
    expect_item_title("http_charset_1251.xml", "windows-1251",
                      "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 \xD0\xBC\xD0\xB8\xD1\x80");
}

static void test_utf16(void **state)
{
    (void)state;
    expect_item_title("utf16le_bom.xml", NULL,
                      "\xC3\x9Cn\xC3\xAF\x63\xC3\xB6\x64\xC3\xA9 sixteen \xE2\x9C\x93");
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
    expect_item_title("invalid_utf8.xml", NULL,
                      "A\xEF\xBF\xBD"
                      "B\xEF\xBF\xBD"
                      "C");
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
        nr_buf_init(&b, TS_MAX_FILE_BYTES);
        assert_int_equal(nr_buf_puts(&b, head), NR_OK);
        while (b.len < 65536 - 40 + shift)
            assert_int_equal(nr_buf_putc(&b, 'p'), NR_OK);
        assert_int_equal(
            nr_buf_puts(
                &b,
                "--><item><title>caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D na\xC3\xAFve</title></item>"),
            NR_OK);
        assert_int_equal(
            nr_buf_puts(
                &b,
                "<item><title>\xE4\xB8\xAD\xE6\x96\x87 \xC3\xA9</title></item></channel></rss>"),
            NR_OK);
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

static void test_iso2022jp(void **state)
{
    (void)state;
    const char *want = "\xE5\xA4\x9C\xE3\x81\xAE\xE6\xB8\xA1\xE3\x81\x97\xE8\x88\xB9\xE3\x80\x81"
                       "\xE6\x98\xA5\xE3\x81\x8B\xE3\x82\x89\xE9\x81\x8B\xE8\x88\xAA\xE3\x81\xB8";
    expect_item_title("iso2022jp.xml", NULL, want);
    /* no declaration: the escape sequences name it */
    expect_item_title("iso2022jp_undeclared.xml", NULL, want);
    /* named only by the HTTP header */
    expect_item_title("iso2022jp_undeclared.xml", "ISO-2022-JP", want);
}

/* A title in the script of each charset, encoded by iconv(3) in the test: the document
 * declares its charset (or the HTTP header names it) and must come out as the same UTF-8. */
static void test_every_charset_iconv_knows(void **state)
{
    (void)state;
    static const struct {
        const char *charset, *title;
    } cases[] = {
        { "ISO-8859-2",
          "\xC5\xBB\xC3\xB3\xC5\x82\xC4\x87 g\xC4\x99\xC5\x9Bl\xC4\x85 ja\xC5\xBA\xC5\x84" },
        { "ISO-8859-5",
          "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 \xD0\xBC\xD0\xB8\xD1\x80" },
        { "ISO-8859-7", "\xCE\x9A\xCE\xB1\xCE\xBB\xCE\xB7\xCE\xBC\xCE\xAD\xCF\x81\xCE\xB1" },
        { "ISO-8859-9", "\xC4\xB0stanbul'da \xC5\x9Fiddetli ya\xC4\x9Fmur" },
        { "ISO-8859-15", "Prix: 5 \xE2\x82\xAC, \xC5\x93uvre" },
        { "KOI8-R",
          "\xD0\x9D\xD0\xBE\xD0\xB2\xD0\xBE\xD1\x81\xD1\x82\xD0\xB8 \xD0\xB4\xD0\xBD\xD1\x8F" },
        { "KOI8-U", "\xD0\x9D\xD0\xBE\xD0\xB2\xD0\xB8\xD0\xBD\xD0\xB8 \xD1\x97\xD0\xB6\xD1\x96" },
        { "WINDOWS-1250",
          "P\xC5\x99\xC3\xADli\xC5\xA1 \xC5\xBElu\xC5\xA5ou\xC4\x8Dk\xC3\xBD k\xC5\xAF\xC5\x88" },
        { "WINDOWS-1251", "\xD0\x9D\xD0\xBE\xD0\xB2\xD0\xBE\xD1\x81\xD1\x82\xD0\xB8" },
        { "WINDOWS-1253", "\xCE\x95\xCE\xB9\xCE\xB4\xCE\xAE\xCF\x83\xCE\xB5\xCE\xB9\xCF\x82" },
        { "WINDOWS-1255", "\xD7\x97\xD7\x93\xD7\xA9\xD7\x95\xD7\xAA" },
        { "WINDOWS-1256", "\xD8\xA3\xD8\xAE\xD8\xA8\xD8\xA7\xD8\xB1" },
        { "WINDOWS-1257", "\xC5\xBDinios \xC4\x97 \xC5\xAB" },
        { "IBM866", "\xD0\x9D\xD0\xBE\xD0\xB2\xD0\xBE\xD1\x81\xD1\x82\xD0\xB8" },
        { "TIS-620", "\xE0\xB8\x82\xE0\xB9\x88\xE0\xB8\xB2\xE0\xB8\xA7" },
        { "EUC-JP", "\xE6\x96\xB0\xE8\x81\x9E" },
        { "SHIFT_JIS",
          "\xE6\x96\xB0\xE8\x81\x9E \xE3\x83\x8B\xE3\x83\xA5\xE3\x83\xBC\xE3\x82\xB9" },
        { "ISO-2022-JP",
          "\xE6\x96\xB0\xE8\x81\x9E \xE3\x83\x8B\xE3\x83\xA5\xE3\x83\xBC\xE3\x82\xB9" },
        { "ISO-2022-KR", "\xEB\x89\xB4\xEC\x8A\xA4" },
        { "EUC-KR", "\xEB\x89\xB4\xEC\x8A\xA4" },
        { "GB18030", "\xE6\x96\xB0\xE9\x97\xBB" },
        { "GBK", "\xE6\x96\xB0\xE9\x97\xBB" },
        { "BIG5", "\xE6\x96\xB0\xE8\x81\x9E" },
        { "MACINTOSH", "Caf\xC3\xA9 \xE2\x80\x94 \xE2\x80\x9Cna\xC3\xAFve\xE2\x80\x9D" },
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        for (int by_header = 0; by_header < 2; by_header++) {
            char utf8[512];
            int n = snprintf(utf8, sizeof utf8,
                             "<?xml version=\"1.0\" encoding=\"%s\"?>\n<rss version=\"2.0\">"
                             "<channel><title>T</title><item><title>%s</title></item>"
                             "</channel></rss>\n",
                             by_header ? "UTF-8" : cases[c].charset, cases[c].title);
            iconv_t cd = iconv_open(cases[c].charset, "UTF-8");
            assert_true(cd != (iconv_t)-1);
            char doc[1024];
            char *in = utf8, *out = doc;
            size_t inleft = (size_t)n, outleft = sizeof doc;
            if (iconv(cd, &in, &inleft, &out, &outleft) == (size_t)-1 ||
                iconv(cd, NULL, NULL, &out, &outleft) == (size_t)-1)
                fail_msg("%s: iconv cannot write the test document", cases[c].charset);
            iconv_close(cd);
            struct parse_options po = { .http_charset = by_header ? cases[c].charset : NULL };
            struct feed f;
            struct nr_err err = { 0 };
            if (feed_parse(doc, sizeof doc - outleft, &po, &f, &err) != NR_OK)
                fail_msg("%s%s: %s", cases[c].charset, by_header ? " (HTTP header)" : "", err.msg);
            fx_assert_feed_utf8(&f);
            if (f.n_items != 1 || !f.items[0].title ||
                strcmp(f.items[0].title, cases[c].title) != 0)
                fail_msg("%s%s: title '%s', want '%s'", cases[c].charset,
                         by_header ? " (HTTP header)" : "",
                         f.n_items && f.items[0].title ? f.items[0].title : "(none)",
                         cases[c].title);
            feed_release(&f);
        }
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
        cmocka_unit_test(test_iso2022jp),
        cmocka_unit_test(test_every_charset_iconv_knows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
