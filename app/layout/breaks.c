/* breaks.c: where a line may end and where a text unit (grapheme cluster) ends, by ICU. */
#include "layout_int.h"

#include "alloc.h"
#include "log.h"
#include "utf8.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include "banned.h"

/* A text unit longer than this is cut between code points: a chain of a thousand emoji
 * joined by U+200D is one grapheme cluster, and a line must be able to end inside it. */
#define MAX_CLUSTER_BYTES 64

/* Which line-break iterator a text wants: Japanese is broken between phrases (bunsetsu), as
 * a Japanese editor sets a headline, not between any two kana. Thai, Lao, Khmer and Burmese
 * use ICU's dictionaries under any locale. */
enum brk_kind { KIND_CHAR, KIND_LINE, KIND_LINE_JA, KIND_COUNT };

static const char *const kind_locale[KIND_COUNT] = { "root", "root", "ja@lw=phrase" };

/* Opened iterators waiting for reuse: opening one costs far more than resetting its text.
 * Layout runs on more than one thread, so they are handed out under a lock. */
#define POOL_PER_KIND 4
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static UBreakIterator *pool[KIND_COUNT][POOL_PER_KIND];
static size_t pool_n[KIND_COUNT];

static UBreakIterator *iter_get(enum brk_kind k, UErrorCode *st)
{
    UBreakIterator *bi = NULL;
    pthread_mutex_lock(&pool_lock);
    if (pool_n[k] > 0)
        bi = pool[k][--pool_n[k]];
    pthread_mutex_unlock(&pool_lock);
    if (!bi)
        bi = ubrk_open(k == KIND_CHAR ? UBRK_CHARACTER : UBRK_LINE, kind_locale[k], NULL, 0, st);
    return bi;
}

static void iter_put(enum brk_kind k, UBreakIterator *bi)
{
    if (!bi)
        return;
    pthread_mutex_lock(&pool_lock);
    if (pool_n[k] < POOL_PER_KIND) {
        pool[k][pool_n[k]++] = bi;
        bi = NULL;
    }
    pthread_mutex_unlock(&pool_lock);
    ubrk_close(bi);
}

static bool is_hangul(uint32_t cp)
{
    return (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0x1100 && cp <= 0x11ff) ||
           (cp >= 0x3130 && cp <= 0x318f) || (cp >= 0xa960 && cp <= 0xa97f) ||
           (cp >= 0xd7b0 && cp <= 0xd7ff);
}

static bool is_kana(uint32_t cp)
{
    return (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x31f0 && cp <= 0x31ff) ||
           (cp >= 0xff66 && cp <= 0xff9d);
}

/* Digits written as ideographs: 三万, 二〇二六, 十五億 are one number. */
static bool is_han_numeral(uint32_t cp)
{
    static const uint32_t v[] = { 0x3007, 0x4e00, 0x4e03, 0x4e07, 0x4e09, 0x4e5d, 0x4e8c, 0x4e94,
                                  0x5104, 0x5146, 0x516b, 0x516d, 0x5341, 0x5343, 0x56db, 0x767e };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (v[i] == cp)
            return true;
    return false;
}

/* A currency sign or a percent sign: it belongs with the number beside it. */
static bool is_unit(uint32_t cp)
{
    return cp == '%' || cp == 0x2030 || u_charType((UChar32)cp) == U_CURRENCY_SYMBOL;
}

/* Marks every boundary the iterator reports with flag. */
static bool mark(enum brk_kind k, UText *ut, unsigned char *at, unsigned char flag)
{
    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *bi = iter_get(k, &st);
    if (U_SUCCESS(st))
        ubrk_setUText(bi, ut, &st);
    if (U_FAILURE(st)) {
        nr_warn("line breaking: ICU refused the text (%s); breaking at spaces only",
                u_errorName(st));
        if (bi)
            ubrk_close(bi);
        return false;
    }
    for (int32_t p = ubrk_first(bi); p != UBRK_DONE; p = ubrk_next(bi))
        at[p] |= flag;
    iter_put(k, bi);
    return true;
}

/* Without ICU: a line may start after a space, a unit is a code point. */
static void mark_simple(const char *s, size_t len, unsigned char *at)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        at[i] |= BRK_CLUSTER;
        i += nr_utf8_decode(s + i, len - i, &cp);
        if (cp == ' ')
            at[i] |= BRK_LINE;
    }
    at[len] |= BRK_CLUSTER | BRK_LINE;
}

/* A web address is one unit to a reader: no break from "scheme://" to the next space. */
static void keep_urls(const char *s, size_t len, unsigned char *at)
{
    const char *p = s;
    while ((p = strstr(p, "://")) != NULL) {
        size_t a = (size_t)(p - s), b = a + 3;
        while (a > 0 &&
               ((s[a - 1] >= 'a' && s[a - 1] <= 'z') || (s[a - 1] >= 'A' && s[a - 1] <= 'Z')))
            a--;
        while (b < len && s[b] != ' ')
            b++;
        for (size_t i = a + 1; i < b; i++)
            at[i] &= (unsigned char)~BRK_LINE;
        p = s + b;
        if (b >= len)
            break;
    }
}

void breaks_init(struct breaks *b, const char *text)
{
    bool ja = false, ko = false;
    b->text = text;
    b->len = strlen(text);
    b->at = xcalloc(b->len + 1, 1);
    b->next = xmalloc((b->len + 1) * sizeof *b->next);
    for (size_t i = 0; i < b->len;) {
        uint32_t cp;
        i += nr_utf8_decode(text + i, b->len - i, &cp);
        ja = ja || is_kana(cp);
        ko = ko || is_hangul(cp);
    }
    UErrorCode st = U_ZERO_ERROR;
    UText *ut = b->len <= INT32_MAX ? utext_openUTF8(NULL, text, (int64_t)b->len, &st) : NULL;
    if (!ut || U_FAILURE(st) || !mark(KIND_CHAR, ut, b->at, BRK_CLUSTER) ||
        !mark(ja ? KIND_LINE_JA : KIND_LINE, ut, b->at, BRK_LINE)) {
        memset(b->at, 0, b->len + 1);
        mark_simple(text, b->len, b->at);
    }
    utext_close(ut);
    b->at[0] &= (unsigned char)~BRK_LINE;
    b->at[b->len] |= BRK_CLUSTER | BRK_LINE;
    /* Korean headlines break between words, never between the syllables of one; a number
     * written in ideographs stays whole, and so does an amount: "3,500 ₪", "€ 20", "5 %" */
    uint32_t prev = 0, before_space = 0;
    for (size_t i = 0; i < b->len;) {
        uint32_t cp;
        size_t n = nr_utf8_decode(text + i, b->len - i, &cp);
        if (i > 0 && ((ko && is_hangul(prev) && is_hangul(cp)) ||
                      (is_han_numeral(prev) && is_han_numeral(cp)) ||
                      (prev == ' ' && ((u_isdigit((UChar32)before_space) && is_unit(cp)) ||
                                       (is_unit(before_space) && u_isdigit((UChar32)cp))))))
            b->at[i] &= (unsigned char)~BRK_LINE;
        if (cp != ' ')
            before_space = cp;
        prev = cp;
        i += n;
    }
    keep_urls(text, b->len, b->at);
    for (size_t i = 0, start = 0; i < b->len;) {
        uint32_t cp;
        if (!(b->at[i] & BRK_CLUSTER) && i - start >= MAX_CLUSTER_BYTES)
            b->at[i] |= BRK_CLUSTER;
        if (b->at[i] & BRK_CLUSTER)
            start = i;
        i += nr_utf8_decode(text + i, b->len - i, &cp);
    }
    /* a line never ends inside a text unit: a flag, a keycap, an accented letter */
    for (size_t i = 0; i < b->len; i++)
        if (!(b->at[i] & BRK_CLUSTER))
            b->at[i] &= (unsigned char)~BRK_LINE;
    b->next[b->len] = b->len;
    for (size_t i = b->len; i-- > 0;)
        b->next[i] = (b->at[i + 1] & BRK_LINE) ? i + 1 : b->next[i + 1];
}

void breaks_release(struct breaks *b)
{
    free(b->at);
    free(b->next);
    memset(b, 0, sizeof *b);
}

size_t breaks_cluster_end(const struct breaks *b, size_t i)
{
    if (i >= b->len)
        return b->len;
    do
        i++;
    while (i < b->len && !(b->at[i] & BRK_CLUSTER));
    return i;
}
