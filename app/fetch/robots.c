/* robots.c: the Robots Exclusion Protocol (RFC 9309) for one product token. */
#include "robots.h"

#include "alloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Lines longer than this are ignored (RFC 9309 asks parsers to handle at least 500 KiB of
 * file; single lines of rules are short). */
#define ROBOTS_MAX_LINE 2048

struct line {
    char key[32];
    char val[ROBOTS_MAX_LINE];
};

/* Reads the next line at *p (comments and surrounding space removed) into l; false at end. */
static bool next_line(const char **p, const char *end, struct line *l)
{
    while (*p < end) {
        const char *s = *p, *e = s;
        while (e < end && *e != '\n' && *e != '\r')
            e++;
        *p = e < end ? e + 1 : end;
        const char *hash = memchr(s, '#', (size_t)(e - s));
        if (hash)
            e = hash;
        const char *colon = memchr(s, ':', (size_t)(e - s));
        if (!colon)
            continue;
        const char *ks = s, *ke = colon;
        while (ks < ke && isspace((unsigned char)*ks))
            ks++;
        while (ke > ks && isspace((unsigned char)ke[-1]))
            ke--;
        const char *vs = colon + 1, *ve = e;
        while (vs < ve && isspace((unsigned char)*vs))
            vs++;
        while (ve > vs && isspace((unsigned char)ve[-1]))
            ve--;
        if ((size_t)(ke - ks) >= sizeof l->key || (size_t)(ve - vs) >= sizeof l->val)
            continue;
        memcpy(l->key, ks, (size_t)(ke - ks));
        l->key[ke - ks] = '\0';
        memcpy(l->val, vs, (size_t)(ve - vs));
        l->val[ve - vs] = '\0';
        return true;
    }
    return false;
}

/* Prefix match with '*' (any run) and a final '$' (end of path). The greedy wildcard walk
 * with one backtrack point is O(len(pat) * len(path)), whatever a hostile file holds. */
static bool match(const char *pat, const char *path)
{
    size_t pn = strlen(pat);
    bool anchored = pn && pat[pn - 1] == '$';
    if (anchored)
        pn--;
    size_t i = 0, j = 0, star = (size_t)-1, mark = 0, len = strlen(path);
    while (j < len || i < pn) {
        if (i == pn) {
            if (!anchored)
                return true; /* rules are prefixes */
            if (star == (size_t)-1)
                return false;
            i = star + 1;
            j = ++mark;
            continue;
        }
        if (pat[i] == '*') {
            star = i++;
            mark = j;
            continue;
        }
        if (path[j] && pat[i] == path[j]) {
            i++;
            j++;
            continue;
        }
        if (star == (size_t)-1 || !path[mark])
            return false;
        i = star + 1;
        j = ++mark;
    }
    return true;
}

static bool agent_matches(const char *val, const char *agent)
{
    size_t n = strlen(agent);
    return strncasecmp(val, agent, n) == 0 &&
           (val[n] == '\0' || val[n] == '/' || isspace((unsigned char)val[n]));
}

/* Verdict of the group(s) for `who` (agent, or "*" when star): the longest match. *found is
 * set when such a group exists. */
static bool verdict(const char *text, size_t len, const char *agent, bool star, const char *path,
                    bool *found)
{
    const char *p = text, *end = text + len;
    struct line *l = xmalloc(sizeof *l);
    bool in_group = false, last_was_agent = false;
    size_t best_len = 0;
    bool best_allow = true, any = false;
    *found = false;
    while (next_line(&p, end, l)) {
        if (strcasecmp(l->key, "user-agent") == 0) {
            bool mine = star ? strcmp(l->val, "*") == 0 : agent_matches(l->val, agent);
            /* consecutive User-agent lines share one group */
            in_group = last_was_agent ? (in_group || mine) : mine;
            *found |= mine;
            last_was_agent = true;
            continue;
        }
        last_was_agent = false;
        if (!in_group)
            continue;
        bool allow = strcasecmp(l->key, "allow") == 0;
        if (!allow && strcasecmp(l->key, "disallow") != 0)
            continue;
        if (l->val[0] == '\0')
            continue; /* "Disallow:" with nothing allows everything */
        if (!match(l->val, path))
            continue;
        size_t n = strlen(l->val);
        if (!any || n > best_len || (n == best_len && allow)) {
            best_len = n;
            best_allow = allow;
            any = true;
        }
    }
    free(l);
    return best_allow;
}

bool robots_allows(const char *text, size_t len, const char *agent, const char *path)
{
    if (!text || len == 0)
        return true;
    if (!path || !*path)
        path = "/";
    if (strcmp(path, "/robots.txt") == 0)
        return true;
    bool found;
    bool v = verdict(text, len, agent, false, path, &found);
    if (found)
        return v;
    v = verdict(text, len, agent, true, path, &found);
    return found ? v : true;
}

void robots_sitemaps(const char *text, size_t len, size_t max,
                     void (*fn)(void *ctx, const char *url), void *ctx)
{
    if (!text)
        return;
    const char *p = text, *end = text + len;
    struct line *l = xmalloc(sizeof *l);
    size_t n = 0;
    while (n < max && next_line(&p, end, l))
        if (strcasecmp(l->key, "sitemap") == 0 && l->val[0]) {
            fn(ctx, l->val);
            n++;
        }
    free(l);
}
