/* url.c: resolving relative links and image URLs to absolute ones (RFC 3986, libxml2). */
#include "feed.h"

#include "alloc.h"
#include "buf.h"

#include <ctype.h>
#include <libxml/uri.h>
#include <libxml/xmlmemory.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "banned.h"

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

/* Trims and percent-encodes the bytes RFC 3986 forbids but feeds use (spaces, non-ASCII,
 * quotes), which libxml2's parser would otherwise refuse. Returns a new string. */
static char *clean_ref(const char *ref)
{
    while (isspace((unsigned char)*ref))
        ref++;
    size_t n = strlen(ref);
    while (n && isspace((unsigned char)ref[n - 1]))
        n--;
    struct nr_buf b;
    nr_buf_init(&b, 0);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)ref[i];
        if (c <= 0x20 || c >= 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' ||
            c == '^' || c == '`' || c == '{' || c == '|' || c == '}')
            nr_buf_printf(&b, "%%%02X", c);
        else
            nr_buf_putc(&b, (char)c);
    }
    return nr_buf_detach(&b);
}

char *feed_resolve_url(const char *base, const char *ref)
{
    if (!ref)
        return NULL;
    char *r = clean_ref(ref);
    char *b = base ? clean_ref(base) : NULL;
    char *out = NULL;
    if (!*r)
        goto out;
    if (has_scheme(r)) {
        out = xstrdup(r);
        goto out;
    }
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
