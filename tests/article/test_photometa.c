/* test_photometa.c: a JPEG's IPTC and XMP caption and credit, on files built byte by byte
 * the way agencies' software writes them. */
#include "photometa.h"
#include "testsupport.h"

#include "buf.h"

#include <stdlib.h>
#include <string.h>

static void seg(struct nr_buf *b, unsigned marker, const void *data, size_t n)
{
    unsigned char h[4] = { 0xFF, (unsigned char)marker, (unsigned char)((n + 2) >> 8),
                           (unsigned char)((n + 2) & 0xFF) };
    assert_int_equal(nr_buf_append(b, h, 4), NR_OK);
    assert_int_equal(nr_buf_append(b, data, n), NR_OK);
}

static void iim(struct nr_buf *b, unsigned ds, const char *v)
{
    size_t n = strlen(v);
    unsigned char h[5] = { 0x1C, 2, (unsigned char)ds, (unsigned char)(n >> 8),
                           (unsigned char)(n & 0xFF) };
    assert_int_equal(nr_buf_append(b, h, 5), NR_OK);
    assert_int_equal(nr_buf_append(b, v, n), NR_OK);
}

/* SOI, APP13 with the IIM fields, optional APP1 XMP, SOS, EOI. */
static void jpeg(struct nr_buf *out, const char *byline, const char *credit, const char *xmp)
{
    struct nr_buf rec, ps;
    nr_buf_init(&rec, TS_MAX_FILE_BYTES);
    nr_buf_init(&ps, TS_MAX_FILE_BYTES);
    if (byline)
        iim(&rec, 80, byline);
    if (credit)
        iim(&rec, 110, credit);
    iim(&rec, 116, "\xa9 2024 Harbour Times"); /* Latin-1, as old files have it */
    iim(&rec, 120, "The ferry at the pier on Monday");
    assert_int_equal(nr_buf_append(&ps, "Photoshop 3.0", 14), NR_OK);
    unsigned char res[12] = { '8',
                              'B',
                              'I',
                              'M',
                              0x04,
                              0x04,
                              0,
                              0,
                              (unsigned char)(rec.len >> 24),
                              (unsigned char)(rec.len >> 16),
                              (unsigned char)(rec.len >> 8),
                              (unsigned char)rec.len };
    assert_int_equal(nr_buf_append(&ps, res, 12), NR_OK);
    assert_int_equal(nr_buf_append(&ps, rec.data, rec.len), NR_OK);
    if (rec.len & 1)
        assert_int_equal(nr_buf_putc(&ps, 0), NR_OK);
    nr_buf_init(out, TS_MAX_FILE_BYTES);
    assert_int_equal(nr_buf_append(out, "\xFF\xD8", 2), NR_OK);
    seg(out, 0xED, ps.data, ps.len);
    if (xmp) {
        struct nr_buf x;
        nr_buf_init(&x, TS_MAX_FILE_BYTES);
        assert_int_equal(nr_buf_append(&x, "http://ns.adobe.com/xap/1.0/", 29), NR_OK);
        assert_int_equal(nr_buf_puts(&x, xmp), NR_OK);
        seg(out, 0xE1, x.data, x.len);
        nr_buf_release(&x);
    }
    seg(out, 0xDA, "\x00\x01\x02", 3);
    assert_int_equal(nr_buf_append(out, "\xFF\xD9", 2), NR_OK);
    nr_buf_release(&rec);
    nr_buf_release(&ps);
}

static void test_iptc(void **state)
{
    (void)state;
    struct nr_buf f;
    jpeg(&f, "Ana Ruiz", "Reuters", NULL);
    struct photometa m;
    photometa_read(f.data, f.len, &m);
    assert_string_equal(m.byline, "Ana Ruiz");
    assert_string_equal(m.credit, "Reuters");
    assert_string_equal(m.copyright, "\xc2\xa9 2024 Harbour Times");
    assert_string_equal(m.caption, "The ferry at the pier on Monday");
    char *line = photometa_credit_line(&m);
    assert_string_equal(line, "Ana Ruiz/Reuters");
    free(line);
    photometa_release(&m);
    nr_buf_release(&f);
}

static void test_xmp_and_copyright_fallback(void **state)
{
    (void)state;
    struct nr_buf f;
    jpeg(&f, NULL, NULL,
         "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF><rdf:Description "
         "photoshop:Credit=\"Example Press\"><dc:creator><rdf:Seq><rdf:li>Jo Lin</rdf:li>"
         "</rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>");
    struct photometa m;
    photometa_read(f.data, f.len, &m);
    assert_string_equal(m.byline, "Jo Lin");
    assert_string_equal(m.credit, "Example Press");
    photometa_release(&m);
    nr_buf_release(&f);

    jpeg(&f, NULL, NULL, NULL);
    photometa_read(f.data, f.len, &m);
    char *line = photometa_credit_line(&m);
    assert_string_equal(line, "2024 Harbour Times"); /* the notice without its sign */
    free(line);
    photometa_release(&m);
    nr_buf_release(&f);
}

static void test_truncated_and_foreign(void **state)
{
    (void)state;
    struct nr_buf f;
    jpeg(&f, "Ana Ruiz", "Reuters", NULL);
    struct photometa m;
    for (size_t n = 0; n < f.len; n++) { /* every cut ends well */
        photometa_read(f.data, n, &m);
        photometa_release(&m);
    }
    photometa_read("\x89PNG\r\n\x1a\n", 8, &m);
    assert_null(m.credit);
    assert_null(photometa_credit_line(&m));
    nr_buf_release(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iptc),
        cmocka_unit_test(test_xmp_and_copyright_fallback),
        cmocka_unit_test(test_truncated_and_foreign),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
