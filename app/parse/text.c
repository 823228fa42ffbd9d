/* text.c: turning the text of feed fields into clean plain text and safe HTML. */
#include "parse_internal.h"

#include "alloc.h"
#include "strutil.h"
#include "utf8.h"

#include <libxml/HTMLparser.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Code points windows-1252 puts at 0x80..0x9F; feeds write &#146; meaning a quote. */
static const uint16_t cp1252_c1[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

static size_t utf8_floor(const char *s, size_t n)
{
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

bool parse_text_append(struct nr_buf *b, const char *s, size_t n)
{
    return nr_buf_append_prefix(b, s, n) == NR_OK;
}

size_t parse_text_entity(const char *name, size_t n, char out[8])
{
    if (n == 0 || n > 32)
        return 0;
    char tmp[34];
    memcpy(tmp, name, n);
    tmp[n] = '\0';
    uint32_t cp;
    if (tmp[0] == '#') {
        char *end;
        unsigned long v = (tmp[1] == 'x' || tmp[1] == 'X') ? strtoul(tmp + 2, &end, 16)
                                                           : strtoul(tmp + 1, &end, 10);
        if (*end || end == tmp + 1 || v > 0x10FFFF)
            return 0;
        cp = (uint32_t)v;
        if (cp >= 0x80 && cp <= 0x9F)
            cp = cp1252_c1[cp - 0x80];
        if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF))
            cp = 0xFFFD;
    } else {
        const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)tmp);
        if (!e) {
            if (strcmp(tmp, "apos") == 0)
                cp = '\'';
            else
                return 0;
        } else {
            cp = e->value;
        }
    }
    return nr_utf8_encode(cp, out);
}

static bool starts_tag(char c)
{
    return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '/' || c == '!';
}

/* Inline tags join the text around them; any other tag separates words. */
static bool is_inline_tag(const char *t, size_t n)
{
    static const char *const inl[] = { "a",     "b",    "i",   "u",    "em",   "strong", "span",
                                       "small", "sup",  "sub", "abbr", "cite", "code",   "q",
                                       "mark",  "font", "s",   "ruby", "rb",   "rt",     "rp" };
    if (n && t[0] == '/') {
        t++;
        n--;
    }
    size_t w = 0;
    while (w < n && ((t[w] | 0x20) >= 'a' && (t[w] | 0x20) <= 'z'))
        w++;
    for (size_t k = 0; k < sizeof inl / sizeof inl[0]; k++)
        if (strlen(inl[k]) == w && strncasecmp(t, inl[k], w) == 0)
            return true;
    return false;
}

/* An opening <rt> or <rp>: a ruby reading ("東京<rp>(</rp><rt>とうきょう</rt><rp>)</rp>"),
 * which would read as part of the text once the markup is gone. */
static bool is_ruby_reading(const char *t, size_t n)
{
    return n >= 2 && (t[0] | 0x20) == 'r' && ((t[1] | 0x20) == 't' || (t[1] | 0x20) == 'p') &&
           (n == 2 || t[2] == ' ' || t[2] == '/' || t[2] == '\t');
}

char *parse_text_plain(const char *s, bool strip_tags, size_t max_bytes)
{
    if (!s)
        return NULL;
    size_t len = strlen(s);
    char *tmp = xmalloc(len * 2 + 1); /* a 2-byte C1 control becomes up to 3 bytes */
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        char c = s[i];
        if (c == '<' && strip_tags && i + 1 < len && starts_tag(s[i + 1])) {
            const char *close = memchr(s + i, '>', len - i);
            if (close) {
                if (!is_inline_tag(s + i + 1, (size_t)(close - s - (long)i - 1)))
                    tmp[o++] = ' ';
                bool ruby_reading = is_ruby_reading(s + i + 1, (size_t)(close - s - (long)i - 1));
                i = (size_t)(close - s) + 1;
                while (ruby_reading && i < len && s[i] != '<') /* its text is left out */
                    i++;
                continue;
            }
        }
        if (c == '&') {
            const char *semi = memchr(s + i + 1, ';', len - i - 1 < 34 ? len - i - 1 : 34);
            if (semi) {
                char enc[8];
                size_t n = parse_text_entity(s + i + 1, (size_t)(semi - s - i - 1), enc);
                if (n) {
                    memcpy(tmp + o, enc, n);
                    o += n;
                    i = (size_t)(semi - s) + 1;
                    continue;
                }
            }
        }
        if ((unsigned char)c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 &&
            (unsigned char)s[i + 1] <= 0x9F) {
            /* A C1 control in text is a windows-1252 character that lost its way. */
            char enc[4];
            size_t n = nr_utf8_encode(cp1252_c1[(unsigned char)s[i + 1] - 0x80], enc);
            memcpy(tmp + o, enc, n);
            o += n;
            i += 2;
            continue;
        }
        tmp[o++] = c;
        i++;
    }
    tmp[o] = '\0';
    char *out = nr_collapse_ws(tmp);
    free(tmp);
    if (!out || nr_utf8_blank(out)) {
        free(out);
        return NULL;
    }
    size_t olen = strlen(out);
    if (olen > max_bytes)
        out[utf8_floor(out, max_bytes)] = '\0';
    return out;
}

void parse_text_escape(struct nr_buf *b, const char *s, size_t n, bool attr)
{
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep = NULL;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = attr ? "&quot;" : NULL; break;
        default: break;
        }
        if (rep) {
            parse_text_append(b, s + start, i - start);
            parse_text_append(b, rep, strlen(rep));
            start = i + 1;
        }
    }
    parse_text_append(b, s + start, n - start);
}

char *parse_text_dup_capped(const char *s, size_t max_bytes)
{
    if (nr_str_empty(s) || nr_utf8_blank(s))
        return NULL;
    char *out = nr_collapse_ws(s);
    size_t n = strlen(out);
    if (n > max_bytes)
        out[utf8_floor(out, max_bytes)] = '\0';
    return out;
}

/* Removes every occurrence of m (mlen bytes) from b->data[0..len). */
static void remove_all(struct nr_buf *b, const char *m, size_t mlen)
{
    size_t o = 0;
    for (size_t i = 0; i < b->len;) {
        if (i + mlen <= b->len && memcmp(b->data + i, m, mlen) == 0) {
            i += mlen;
            continue;
        }
        b->data[o++] = b->data[i++];
    }
    b->len = o;
    b->data[o] = '\0';
}

void parse_text_unwrap_cdata(struct nr_buf *b, bool escaped)
{
    const char *open = escaped ? "&lt;![CDATA[" : "<![CDATA[";
    const char *close = escaped ? "]]&gt;" : "]]>";
    const char *close_cut = escaped ? "]&gt;" : "]>";
    if (b->len == 0 || !strstr(b->data, open)) /* an empty capture may have no data yet */
        return;
    remove_all(b, open, strlen(open));
    remove_all(b, close, strlen(close));
    /* libxml2 recovers the outer "]]>" (an error in content) as "]>", or drops it */
    remove_all(b, close_cut, strlen(close_cut));
}
