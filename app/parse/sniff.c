/* sniff.c: which format a document is, from its first bytes (names and types lie). */
#include "parse_internal.h"

#include <string.h>
#include <strings.h>

static bool is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Skips white space, comments, processing instructions and DOCTYPE; returns the start of
 * the first element's name (after '<'), or NULL. Sets *doctype_html for <!DOCTYPE html>. */
static const char *first_element(const char *p, const char *end, bool *doctype_html)
{
    while (p < end) {
        while (p < end && is_ws(*p))
            p++;
        if (p >= end || *p != '<')
            return NULL;
        if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
            const char *c = memmem(p + 4, (size_t)(end - p - 4), "-->", 3);
            if (!c)
                return NULL;
            p = c + 3;
        } else if (end - p >= 2 && (p[1] == '?' || p[1] == '!')) {
            if (end - p >= 14 && strncasecmp(p, "<!DOCTYPE html", 14) == 0)
                *doctype_html = true;
            const char *c = memchr(p, '>', (size_t)(end - p));
            const char *subset = memchr(p, '[', (size_t)(end - p));
            if (c && subset && subset < c && p[1] == '!') {
                /* An internal DTD subset holds '>' of its own: skip to "]>" */
                const char *close = memmem(subset, (size_t)(end - subset), "]", 1);
                while (close && close + 1 < end && close[1] != '>' && !is_ws(close[1]))
                    close = memmem(close + 1, (size_t)(end - close - 1), "]", 1);
                c = close ? memchr(close, '>', (size_t)(end - close)) : NULL;
            }
            if (!c)
                return NULL;
            p = c + 1;
        } else {
            return p + 1;
        }
    }
    return NULL;
}

static bool name_is(const char *name, const char *end, const char *want)
{
    size_t n = strlen(want);
    if ((size_t)(end - name) < n || strncasecmp(name, want, n) != 0)
        return false;
    return name + n == end ||
           !(((name[n] | 0x20) >= 'a' && (name[n] | 0x20) <= 'z') || name[n] == ':' ||
             name[n] == '-' || name[n] == '_' || (name[n] >= '0' && name[n] <= '9'));
}

enum feed_format parse_sniff(const char *utf8, size_t len)
{
    const char *p = utf8, *end = utf8 + len;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    while (p < end && is_ws(*p))
        p++;
    if (p < end && (*p == '{' || *p == '['))
        return FEED_JSON;
    bool doctype_html = false;
    const char *name = first_element(p, end, &doctype_html);
    if (!name)
        return doctype_html ? FEED_HTML : FEED_UNKNOWN;
    /* Skip a namespace prefix: <rss:rss>, <atom:feed>, <rdf:RDF>. */
    const char *local = name;
    for (const char *q = name; q < end && q - name < 64 && !is_ws(*q) && *q != '>'; q++)
        if (*q == ':') {
            local = q + 1;
            break;
        }
    if (name_is(local, end, "rss"))
        return FEED_RSS;
    if (name_is(local, end, "RDF"))
        return FEED_RDF;
    if (name_is(local, end, "feed"))
        return FEED_ATOM;
    if (name_is(local, end, "channel")) /* RSS 0.9x without its <rss> wrapper */
        return FEED_RSS;
    if (name_is(local, end, "urlset")) /* a sitemap; sitemap.c keeps its news entries */
        return FEED_SITEMAP;
    if (doctype_html || name_is(local, end, "html") || name_is(local, end, "head") ||
        name_is(local, end, "body"))
        return FEED_HTML;
    return FEED_UNKNOWN;
}
