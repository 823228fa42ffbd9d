/* url.c: resolving relative links and image URLs to absolute ones (RFC 3986, libxml2). */
#include "feed.h"

#include "alloc.h"

#include <ctype.h>
#include <libxml/uri.h>
#include <libxml/xmlmemory.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool has_scheme(const char *s)
{
    if (!isalpha((unsigned char)*s))
        return false;
    for (s++; *s; s++) {
        if (*s == ':')
            return true;
        if (!isalnum((unsigned char)*s) && *s != '+' && *s != '-' && *s != '.')
            return false;
    }
    return false;
}

static bool must_escape(unsigned char c)
{
    return c <= 0x20 || c >= 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' ||
           c == '`' || c == '{' || c == '|' || c == '}';
}

/* Trims and percent-encodes the bytes RFC 3986 forbids but feeds use (spaces, non-ASCII,
 * quotes), which libxml2's parser would otherwise refuse. Returns a new string, sized
 * exactly: every link and image URL of a feed passes through here. */
static char *clean_ref(const char *ref)
{
    static const char hex[] = "0123456789ABCDEF";
    while (isspace((unsigned char)*ref))
        ref++;
    size_t n = strlen(ref);
    while (n && isspace((unsigned char)ref[n - 1]))
        n--;
    size_t escapes = 0;
    for (size_t i = 0; i < n; i++)
        escapes += must_escape((unsigned char)ref[i]);
    char *out = xmalloc(n + 2 * escapes + 1);
    if (!escapes) {
        memcpy(out, ref, n);
        out[n] = '\0';
        return out;
    }
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)ref[i];
        if (must_escape(c)) {
            out[o++] = '%';
            out[o++] = hex[c >> 4];
            out[o++] = hex[c & 15];
        } else {
            out[o++] = (char)c;
        }
    }
    out[o] = '\0';
    return out;
}

char *feed_resolve_url(const char *base, const char *ref)
{
    if (!ref)
        return NULL;
    char *r = clean_ref(ref);
    char *b = NULL;
    char *out = NULL;
    if (!*r)
        goto out;
    if (has_scheme(r)) {
        /* Already absolute, the common case: the cleaned reference is the answer. */
        out = r;
        r = NULL;
        goto out;
    }
    b = base ? clean_ref(base) : NULL;
    if (!b || !has_scheme(b)) {
        /* No usable base: a protocol-relative URL still names its host. */
        if (r[0] == '/' && r[1] == '/') {
            size_t n = strlen(r) + 7;
            out = xmalloc(n);
            snprintf(out, n, "https:%s", r);
        }
        goto out;
    }
    xmlChar *built = xmlBuildURI((const xmlChar *)r, (const xmlChar *)b);
    /* libxml2 unescapes parts of the authority: escape again what a URL cannot carry */
    if (built && has_scheme((const char *)built))
        out = clean_ref((const char *)built);
    xmlFree(built);
out:
    free(r);
    free(b);
    return out;
}
