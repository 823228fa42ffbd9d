/* dedup.c: the same story (same guid, or same link with a near-identical headline) shows
 * once, whether a feed repeats it or two feeds carry it. */
#include "extract_int.h"

#include "alloc.h"
#include "strutil.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_WORDS 64

/* The part of a link that names the article: no scheme, "www.", fragment or trailing '/'. */
static void link_key(const char *url, const char **start, size_t *len)
{
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    if (strncasecmp(p, "www.", 4) == 0)
        p += 4;
    size_t n = strcspn(p, "#");
    while (n > 0 && p[n - 1] == '/')
        n--;
    *start = p;
    *len = n;
}

static bool same_link(const char *a, const char *b)
{
    if (nr_str_empty(a) || nr_str_empty(b))
        return false;
    const char *pa, *pb;
    size_t la, lb;
    link_key(a, &pa, &la);
    link_key(b, &pb, &lb);
    return la == lb && la > 0 && strncasecmp(pa, pb, la) == 0;
}

/* Splits folded text into at most MAX_WORDS words (pointers into f, which it edits). */
static size_t words_of(char *f, char **w)
{
    size_t n = 0;
    for (char *p = f; *p && n < MAX_WORDS;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        w[n++] = p;
        while (*p && *p != ' ')
            p++;
        if (*p)
            *p++ = '\0';
    }
    return n;
}

static bool near_same_headline(const char *a, const char *b)
{
    if (nr_str_empty(a) || nr_str_empty(b))
        return false;
    char *fa = extract_fold(a), *fb = extract_fold(b);
    bool same = strcmp(fa, fb) == 0 && *fa;
    if (!same) {
        char *wa[MAX_WORDS], *wb[MAX_WORDS];
        size_t na = words_of(fa, wa), nb = words_of(fb, wb);
        size_t common = 0;
        for (size_t i = 0; i < na; i++)
            for (size_t j = 0; j < nb; j++)
                if (strcmp(wa[i], wb[j]) == 0) {
                    common++;
                    break;
                }
        size_t uni = na + nb - common;
        /* near-identical: a word changed, dropped or added in a headline of five or more words */
        same = na >= 5 && nb >= 5 && uni > 0 && common * 100 >= uni * 75;
    }
    free(fa);
    free(fb);
    return same;
}

/* A guid another site could not also use by chance: a URL, URN or tag: URI. "1234" or
 * "article-17" only names a story within its own feed. */
static bool guid_is_global(const char *g)
{
    return strchr(g, ':') != NULL;
}

static bool same_guid(const struct story *a, const struct story *b)
{
    if (!a->has_guid || !b->has_guid || !a->id || !b->id || strcmp(a->id, b->id) != 0)
        return false;
    return guid_is_global(a->id) || (a->source && b->source && strcmp(a->source, b->source) == 0);
}

bool story_is_duplicate(const struct story *a, const struct story *b)
{
    if (!a || !b)
        return false;
    /* A shared link alone proves nothing: feeds give their home page, or one page with an
     * anchor per item, as the link of every item. With the headline too, it is the story. */
    return same_guid(a, b) ||
           (same_link(a->link, b->link) && near_same_headline(a->headline, b->headline));
}
