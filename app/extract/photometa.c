/* photometa.c: IPTC IIM (APP13, Photoshop 8BIM resource 0x0404) and XMP (APP1) in a JPEG. */
#include "photometa.h"

#include "alloc.h"
#include "buf.h"
#include "extract_int.h"
#include "strutil.h"
#include "utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define META_MAX_SCAN (512u * 1024)
#define META_MAX_FIELD 2048u

/* A field's bytes as valid UTF-8: UTF-8 as it is, anything else read as Latin-1. */
static char *field_text(const unsigned char *p, size_t n)
{
    if (n > META_MAX_FIELD)
        n = META_MAX_FIELD;
    char *raw;
    if (nr_utf8_valid((const char *)p, n)) {
        raw = xstrndup((const char *)p, n);
    } else {
        raw = xmalloc(n * 2 + 1);
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            if (p[i] < 0x80) {
                raw[k++] = (char)p[i];
            } else {
                raw[k++] = (char)(0xC0 | (p[i] >> 6));
                raw[k++] = (char)(0x80 | (p[i] & 0x3F));
            }
        }
        raw[k] = '\0';
    }
    for (char *c = raw; *c; c++)
        if ((unsigned char)*c < 0x20)
            *c = ' ';
    char *t = nr_collapse_ws(raw);
    free(raw);
    if (t && !*t) {
        free(t);
        t = NULL;
    }
    return t;
}

static void set_once(char **dst, char *v)
{
    if (*dst || !v)
        free(v);
    else
        *dst = v;
}

/* IPTC IIM records: 0x1C, record, dataset, 2-byte length, value. */
static void read_iim(const unsigned char *p, size_t n, struct photometa *m)
{
    size_t i = 0;
    while (i + 5 <= n && p[i] == 0x1C) {
        unsigned rec = p[i + 1], ds = p[i + 2];
        size_t len = ((size_t)p[i + 3] << 8) | p[i + 4];
        if (len & 0x8000)
            break; /* extended lengths are for binary data, never these fields */
        i += 5;
        if (i + len > n)
            break;
        if (rec == 2) {
            if (ds == 80)
                set_once(&m->byline, field_text(p + i, len));
            else if (ds == 110)
                set_once(&m->credit, field_text(p + i, len));
            else if (ds == 116)
                set_once(&m->copyright, field_text(p + i, len));
            else if (ds == 120)
                set_once(&m->caption, field_text(p + i, len));
        }
        i += len;
    }
}

/* Photoshop image resources ("8BIM", id, Pascal name padded to even, 4-byte size, data). */
static void read_8bim(const unsigned char *p, size_t n, struct photometa *m)
{
    size_t i = 0;
    while (i + 12 <= n && memcmp(p + i, "8BIM", 4) == 0) {
        unsigned id = ((unsigned)p[i + 4] << 8) | p[i + 5];
        size_t name = 1 + (size_t)p[i + 6];
        if (name & 1)
            name++;
        size_t at = i + 6 + name;
        if (at + 4 > n)
            break;
        size_t size = ((size_t)p[at] << 24) | ((size_t)p[at + 1] << 16) | ((size_t)p[at + 2] << 8) |
                      p[at + 3];
        at += 4;
        if (size > n - at)
            break;
        if (id == 0x0404)
            read_iim(p + at, size, m);
        i = at + size + (size & 1);
    }
}

/* The text of <tag>...</tag> (the first rdf:li inside when there is one) or tag="...". */
static char *xmp_value(const char *x, size_t n, const char *tag)
{
    size_t tl = strlen(tag);
    for (const char *p = x; (p = memmem(p, n - (size_t)(p - x), tag, tl)) != NULL; p += tl) {
        const char *after = p + tl;
        if (after >= x + n)
            break;
        if (p > x && p[-1] == '<' && (*after == '>' || *after == ' ')) {
            const char *gt = memchr(after, '>', n - (size_t)(after - x));
            if (!gt)
                return NULL;
            const char *li = memmem(gt, n - (size_t)(gt - x), "<rdf:li", 7);
            /* the closing tag of this element, not of a nested rdf:li */
            char want[64];
            size_t wl = (size_t)snprintf(want, sizeof want, "</%s>", tag);
            const char *close = memmem(gt, n - (size_t)(gt - x), want, wl);
            if (!close)
                return NULL;
            const char *v0 = gt + 1, *v1 = close;
            if (li && li < close) {
                const char *lgt = memchr(li, '>', (size_t)(close - li));
                const char *lend = lgt ? memmem(lgt, (size_t)(close - lgt), "</rdf:li>", 9) : NULL;
                if (!lgt || !lend)
                    return NULL;
                v0 = lgt + 1;
                v1 = lend;
            }
            char *raw = field_text((const unsigned char *)v0, (size_t)(v1 - v0));
            char *t = raw ? extract_plain(raw) : NULL;
            free(raw);
            return t;
        }
        if (*after == '=' && after + 1 < x + n && (after[1] == '"' || after[1] == '\'')) {
            char q = after[1];
            const char *v0 = after + 2;
            const char *v1 = memchr(v0, q, n - (size_t)(v0 - x));
            if (!v1)
                return NULL;
            char *raw = field_text((const unsigned char *)v0, (size_t)(v1 - v0));
            char *t = raw ? extract_plain(raw) : NULL;
            free(raw);
            return t;
        }
    }
    return NULL;
}

static void read_xmp(const char *x, size_t n, struct photometa *m)
{
    set_once(&m->credit, xmp_value(x, n, "photoshop:Credit"));
    set_once(&m->byline, xmp_value(x, n, "dc:creator"));
    set_once(&m->copyright, xmp_value(x, n, "dc:rights"));
    set_once(&m->caption, xmp_value(x, n, "dc:description"));
}

void photometa_read(const void *data, size_t len, struct photometa *out)
{
    memset(out, 0, sizeof *out);
    const unsigned char *p = data;
    if (!p || len < 4 || p[0] != 0xFF || p[1] != 0xD8)
        return; /* not a JPEG */
    if (len > META_MAX_SCAN)
        len = META_MAX_SCAN;
    size_t i = 2;
    while (i + 4 <= len && p[i] == 0xFF) {
        unsigned marker = p[i + 1];
        if (marker == 0xDA || marker == 0xD9)
            break; /* image data: the metadata is all before it */
        size_t seg = ((size_t)p[i + 2] << 8) | p[i + 3];
        if (seg < 2 || i + 2 + seg > len)
            break;
        const unsigned char *s = p + i + 4;
        size_t sn = seg - 2;
        static const char xmp_id[] = "http://ns.adobe.com/xap/1.0/";
        static const char ps_id[] = "Photoshop 3.0";
        if (marker == 0xE1 && sn > sizeof xmp_id && memcmp(s, xmp_id, sizeof xmp_id) == 0)
            read_xmp((const char *)s + sizeof xmp_id, sn - sizeof xmp_id, out);
        else if (marker == 0xED && sn > sizeof ps_id && memcmp(s, ps_id, sizeof ps_id) == 0)
            read_8bim(s + sizeof ps_id, sn - sizeof ps_id, out);
        i += 2 + seg;
    }
}

void photometa_release(struct photometa *m)
{
    if (!m)
        return;
    free(m->byline);
    free(m->credit);
    free(m->copyright);
    free(m->caption);
    memset(m, 0, sizeof *m);
}

char *photometa_credit_line(const struct photometa *m)
{
    const char *by = m->byline, *cr = m->credit;
    if (by && cr && !strstr(by, cr) && !strstr(cr, by)) {
        struct nr_buf b;
        nr_buf_init(&b, 2 * META_MAX_FIELD + 2);
        /* cannot fail: each field is at most META_MAX_FIELD bytes */
        char *line = nr_buf_printf(&b, "%s/%s", by, cr) == NR_OK ? nr_buf_detach(&b) : NULL;
        nr_buf_release(&b);
        if (!line)
            return NULL;
        char *clean = extract_credit_clean(line);
        free(line);
        return clean;
    }
    if (by || cr) {
        const char *one = by && (!cr || strlen(by) >= strlen(cr)) ? by : cr;
        return extract_credit_clean(one);
    }
    return m->copyright ? extract_credit_clean(m->copyright) : NULL;
}
