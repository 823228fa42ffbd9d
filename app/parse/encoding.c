/* encoding.c: finding a document's real charset and decoding it to valid UTF-8 in chunks. */
#include "parse_internal.h"

#include "utf8.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* WHATWG-style label mapping: latin-1 labels mean windows-1252 on the web (smart quotes in
 * 0x80..0x9F), GB2312 is read as its superset GB18030, Shift_JIS as Windows' CP932. */
static const struct {
    const char *label;
    const char *iconv_name;
} charset_map[] = {
    { "iso-8859-1", "WINDOWS-1252" },
    { "iso8859-1", "WINDOWS-1252" },
    { "latin1", "WINDOWS-1252" },
    { "latin-1", "WINDOWS-1252" },
    { "l1", "WINDOWS-1252" },
    { "us-ascii", "WINDOWS-1252" },
    { "ascii", "WINDOWS-1252" },
    { "iso_8859-1", "WINDOWS-1252" },
    { "cp1252", "WINDOWS-1252" },
    { "windows-1252", "WINDOWS-1252" },
    { "gb2312", "GB18030" },
    { "gbk", "GB18030" },
    { "x-gbk", "GB18030" },
    { "shift_jis", "CP932" },
    { "sjis", "CP932" },
    { "x-sjis", "CP932" },
    { "euc-kr", "CP949" },
    { "utf8", "UTF-8" },
    /* ISO-2022-JP-2 reads all of ISO-2022-JP, and the half-width katakana (ESC ( I) that
     * Japanese mail and feeds use under that label, as browsers do */
    { "iso-2022-jp", "ISO-2022-JP-2" },
    { "csiso2022jp", "ISO-2022-JP-2" },
};

/* Charsets whose text is 7-bit bytes, switched by escape sequences or base64: valid UTF-8
 * as far as a scan can tell, so they are taken at their word. */
static bool seven_bit_charset(const char *label)
{
    return strncasecmp(label, "iso-2022-", 9) == 0 || strncasecmp(label, "csiso2022", 9) == 0 ||
           strcasecmp(label, "utf-7") == 0 || strcasecmp(label, "csunicode11utf7") == 0 ||
           strcasecmp(label, "unicode-1-1-utf-7") == 0;
}

static bool all_7bit(const unsigned char *u, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (u[i] & 0x80)
            return false;
    return true;
}

/* The ISO-2022 family by the escape sequence that designates its first character set
 * (ESC never stands in UTF-8 text); NULL when there is none. */
static const char *iso2022_by_escape(const unsigned char *u, size_t len)
{
    static const struct {
        const char *esc;
        const char *iconv_name;
    } seqs[] = {
        { "\x1B$B", "ISO-2022-JP-2" },  { "\x1B$@", "ISO-2022-JP-2" },
        { "\x1B(J", "ISO-2022-JP-2" },  { "\x1B(I", "ISO-2022-JP-2" },
        { "\x1B$(D", "ISO-2022-JP-2" }, { "\x1B$)C", "ISO-2022-KR" },
        { "\x1B$)A", "ISO-2022-CN" },   { "\x1B$)G", "ISO-2022-CN" },
    };
    for (const unsigned char *p = memchr(u, 0x1B, len); p;
         p = memchr(p + 1, 0x1B, len - (size_t)(p + 1 - u))) {
        size_t left = len - (size_t)(p - u);
        for (size_t i = 0; i < sizeof seqs / sizeof seqs[0]; i++) {
            size_t n = strlen(seqs[i].esc);
            if (left >= n && memcmp(p, seqs[i].esc, n) == 0)
                return seqs[i].iconv_name;
        }
        if (p + 1 >= u + len)
            break;
    }
    return NULL;
}

static bool is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Copies the value after `key` (quoted or not) into out; false when absent. */
static bool attr_value(const char *p, const char *end, char *out, size_t outlen)
{
    while (p < end && (is_ws((unsigned char)*p) || *p == '='))
        p++;
    char q = 0;
    if (p < end && (*p == '"' || *p == '\''))
        q = *p++;
    size_t n = 0;
    while (p < end && n + 1 < outlen && *p != q && *p != '>' && *p != ';' &&
           (q || !is_ws((unsigned char)*p)) && (q || (*p != '/' && *p != '"')))
        out[n++] = *p++;
    out[n] = '\0';
    return n > 0;
}

static const char *find_ci(const char *p, const char *end, const char *needle)
{
    size_t n = strlen(needle);
    for (; p + n <= end; p++)
        if (strncasecmp(p, needle, n) == 0)
            return p;
    return NULL;
}

/* The charset the document names itself: XML declaration, else an HTML <meta>. */
static bool declared_charset(const char *data, size_t len, char *out, size_t outlen)
{
    const char *p = data, *end = data + (len < 4096 ? len : 4096);
    while (p < end && is_ws((unsigned char)*p))
        p++;
    if (end - p > 5 && memcmp(p, "<?xml", 5) == 0) {
        const char *close = find_ci(p, end, "?>");
        const char *enc = find_ci(p, close ? close : end, "encoding");
        if (enc)
            return attr_value(enc + 8, close ? close : end, out, outlen);
    }
    for (const char *m = find_ci(data, end, "<meta"); m; m = find_ci(m + 5, end, "<meta")) {
        const char *close = memchr(m, '>', (size_t)(end - m));
        if (!close)
            break;
        const char *cs = find_ci(m, close, "charset");
        if (cs && attr_value(cs + 7, close, out, outlen))
            return true;
    }
    return false;
}

static bool try_open(struct pdec *d, const char *name)
{
    iconv_t cd = iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1)
        return false;
    d->cd = cd;
    snprintf(d->enc, sizeof d->enc, "%s", name);
    return true;
}

static void use_charset(struct pdec *d, const char *label)
{
    for (size_t i = 0; i < sizeof charset_map / sizeof charset_map[0]; i++) {
        if (strcasecmp(label, charset_map[i].label) == 0) {
            label = charset_map[i].iconv_name;
            break;
        }
    }
    if (strcasecmp(label, "UTF-8") == 0)
        return;
    if (!try_open(d, label))
        try_open(d, "WINDOWS-1252");
}

/* True when s is valid UTF-8 with no NUL (nr_utf8_valid's rule, a literal U+FFFD allowed);
 * *clean when it also holds nothing parse_dec_read would repair (C0 controls other than tab,
 * LF and CR, or the non-characters U+FFFE and U+FFFF). */
static bool scan_utf8(const unsigned char *s, size_t len, bool *clean)
{
    size_t i = 0;
    *clean = true;
    while (i < len) {
        i += nr_utf8_plain_run((const char *)s + i, len - i);
        if (i == len)
            break;
        unsigned char c = s[i];
        if (c < 0x80) {
            if (c == 0) {
                *clean = false;
                return false;
            }
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                *clean = false;
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = nr_utf8_decode((const char *)s + i, len - i, &cp);
        if (cp == 0xFFFD && !(n == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0)) {
            *clean = false;
            return false;
        }
        if (cp == 0xFFFE || cp == 0xFFFF)
            *clean = false;
        i += n;
    }
    return true;
}

void parse_dec_init(struct pdec *d, const char *data, size_t len, const char *http_charset)
{
    const unsigned char *u = (const unsigned char *)data;
    memset(d, 0, sizeof *d);
    d->src = u;
    d->len = len;
    d->cd = (iconv_t)-1;
    d->unit = 1;
    snprintf(d->enc, sizeof d->enc, "UTF-8");

    /* A byte order mark is the only label that never lies. */
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        d->pos = 3;
        scan_utf8(u + 3, len - 3, &d->clean);
        return;
    }
    bool le = len >= 2 && u[0] == 0xFF && u[1] == 0xFE;
    bool be = len >= 2 && u[0] == 0xFE && u[1] == 0xFF;
    if (le || be) {
        d->pos = 2;
    } else if (len >= 4) {
        /* No BOM: "<\0?\0" (or a space) is UTF-16 by its shape. */
        le = u[0] && !u[1] && u[2] && !u[3];
        be = !u[0] && u[1] && !u[2] && u[3];
    }
    if (le || be) {
        d->unit = 2;
        try_open(d, le ? "UTF-16LE" : "UTF-16BE");
        return;
    }
    char label[32];
    /* Bytes that are valid UTF-8 are UTF-8 whatever the label says: feeds that declare
     * ISO-8859-1 (or UTF-16) over UTF-8 text are common, the reverse is vanishingly rare.
     * Except for the 7-bit charsets (ISO-2022-JP...), whose text always scans as valid. */
    if (scan_utf8(u + d->pos, len - d->pos, &d->clean)) {
        const char *seven = NULL;
        if (http_charset && *http_charset && seven_bit_charset(http_charset))
            seven = http_charset;
        else if (declared_charset(data, len, label, sizeof label) && seven_bit_charset(label))
            seven = label;
        else if (!d->clean) /* an ESC makes the scan call it unclean */
            seven = iso2022_by_escape(u + d->pos, len - d->pos);
        /* a byte over 0x7F: no 7-bit charset wrote this, whatever the label says */
        if (!seven || !all_7bit(u + d->pos, len - d->pos))
            return;
        d->clean = false;
        use_charset(d, seven);
        return;
    }
    d->clean = false;
    if (http_charset && *http_charset) {
        snprintf(label, sizeof label, "%s", http_charset);
        use_charset(d, label);
    } else if (declared_charset(data, len, label, sizeof label) &&
               strncasecmp(label, "utf-16", 6) != 0 && strncasecmp(label, "utf-32", 6) != 0) {
        use_charset(d, label);
    } else {
        /* Undeclared and not UTF-8: windows-1252, the web's default, maps every byte. */
        try_open(d, "WINDOWS-1252");
    }
}

void parse_dec_release(struct pdec *d)
{
    if (d && d->cd != (iconv_t)-1 && d->cd != (iconv_t)0)
        iconv_close(d->cd);
    if (d)
        d->cd = (iconv_t)-1;
}

/* Copies UTF-8 from in to out, repairing it; stops when out has < 4 bytes left. Returns
 * bytes written, *used = bytes consumed. */
static size_t filter_utf8(const unsigned char *in, size_t inlen, size_t *used, char *out,
                          size_t cap)
{
    size_t i = 0, o = 0;
    while (i < inlen && o + 4 <= cap) {
        size_t room = cap - 4 - o, left = inlen - i;
        size_t run = nr_utf8_plain_run((const char *)in + i, left < room ? left : room);
        memcpy(out + o, in + i, run);
        o += run;
        i += run;
        if (i == inlen)
            break;
        unsigned char c = in[i];
        if (c >= 0x20 && c < 0x80) { /* the run stopped at the room left */
            out[o++] = (char)c;
            i++;
            continue;
        }
        if (c < 0x20) {
            out[o++] = (c == '\t' || c == '\n' || c == '\r') ? (char)c : ' ';
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = nr_utf8_decode((const char *)in + i, inlen - i, &cp);
        if (cp == 0xFFFE || cp == 0xFFFF)
            cp = 0xFFFD; /* XML forbids these two */
        o += nr_utf8_encode(cp, out + o);
        i += n;
    }
    *used = i;
    return o;
}

size_t parse_dec_read(struct pdec *d, char *out, size_t cap)
{
    if (d->pos >= d->len)
        return 0;
    if (d->cd == (iconv_t)-1) {
        size_t used;
        size_t o = filter_utf8(d->src + d->pos, d->len - d->pos, &used, out, cap);
        d->pos += used;
        return o;
    }
    /* iconv straight into out, then repair in place (iconv's UTF-8 is valid; only
     * controls and U+FFFE/FFFF need replacing, byte for byte). Leave room for U+FFFD. */
    char *ob = out;
    size_t oleft = cap - 4;
    while (d->pos < d->len && oleft >= 8) {
        char *ib = (char *)(uintptr_t)(d->src + d->pos); /* iconv's API is not const */
        size_t ileft = d->len - d->pos;
        size_t r = iconv(d->cd, &ib, &ileft, &ob, &oleft);
        d->pos = d->len - ileft;
        if (r != (size_t)-1)
            break;
        if (errno == E2BIG)
            break;
        /* EILSEQ or EINVAL (truncated at the end): one replacement character. */
        memcpy(ob, "\xEF\xBF\xBD", 3);
        ob += 3;
        oleft -= oleft >= 3 ? 3 : oleft;
        d->pos += d->unit;
        if (d->pos > d->len)
            d->pos = d->len;
        iconv(d->cd, NULL, NULL, NULL, NULL);
    }
    size_t n = (size_t)(ob - out);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)out[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            out[i] = ' ';
        else if (c == 0xEF && i + 2 < n && (unsigned char)out[i + 1] == 0xBF &&
                 ((unsigned char)out[i + 2] == 0xBE || (unsigned char)out[i + 2] == 0xBF))
            out[i + 2] = (char)0xBD;
    }
    return n;
}

const char *parse_dec_next(struct pdec *d, char *out, size_t cap, size_t *n)
{
    if (!d->clean) {
        *n = parse_dec_read(d, out, cap);
        return out;
    }
    size_t left = d->len - d->pos, take = left < cap ? left : cap;
    /* Never split a character: back off continuation bytes at the cut. */
    while (take < left && take > 0 && (d->src[d->pos + take] & 0xC0) == 0x80)
        take--;
    const char *p = (const char *)d->src + d->pos;
    d->pos += take;
    *n = take;
    return p;
}

enum nr_result parse_dec_read_all(struct pdec *d, struct nr_buf *b)
{
    char chunk[16384];
    size_t n;
    while ((n = parse_dec_read(d, chunk, sizeof chunk)) > 0)
        if (nr_buf_append(b, chunk, n) != NR_OK)
            return NR_ERR_TOO_BIG;
    return NR_OK;
}
