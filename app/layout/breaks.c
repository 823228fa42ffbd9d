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

void layout_shutdown(void)
{
    pthread_mutex_lock(&pool_lock);
    for (size_t k = 0; k < KIND_COUNT; k++) {
        while (pool_n[k] > 0)
            ubrk_close(pool[k][--pool_n[k]]);
    }
    pthread_mutex_unlock(&pool_lock);
    layout_meta_shutdown();
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
static bool mark(enum brk_kind k, UText *ut, size_t len, unsigned char *at, unsigned char flag)
{
    static unsigned long refusals; /* under pool_lock */
    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *bi = iter_get(k, &st);
    if (U_SUCCESS(st))
        ubrk_setUText(bi, ut, &st);
    if (U_FAILURE(st)) {
        /* the same failure comes back with every block: said once, then counted */
        pthread_mutex_lock(&pool_lock);
        unsigned long n = ++refusals;
        pthread_mutex_unlock(&pool_lock);
        if (n == 1 || n % 1000 == 0)
            nr_warn("line breaking: ICU refused the text (%s, %lu times); breaking at spaces "
                    "only",
                    u_errorName(st), n);
        if (bi)
            ubrk_close(bi);
        return false;
    }
    for (int32_t p = ubrk_first(bi); p != UBRK_DONE; p = ubrk_next(bi))
        if (p >= 0 && (size_t)p <= len)
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

/* Fills at[0..len] for text[0..len). */
static void analyse(const char *text, size_t len, unsigned char *at)
{
    bool ja = false, ko = false, ascii = true;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += nr_utf8_decode(text + i, len - i, &cp);
        ja = ja || is_kana(cp);
        ko = ko || is_hangul(cp);
        ascii = ascii && cp < 0x80;
    }
    UErrorCode st = U_ZERO_ERROR;
    UText *ut = len <= INT32_MAX ? utext_openUTF8(NULL, text, (int64_t)len, &st) : NULL;
    if (ascii) { /* each ASCII character is a text unit of its own */
        for (size_t i = 0; i <= len; i++)
            at[i] = BRK_CLUSTER;
    }
    if (!ut || U_FAILURE(st) || (!ascii && !mark(KIND_CHAR, ut, len, at, BRK_CLUSTER)) ||
        !mark(ja ? KIND_LINE_JA : KIND_LINE, ut, len, at, BRK_LINE)) {
        memset(at, 0, len + 1);
        mark_simple(text, len, at);
    }
    utext_close(ut);
    at[0] &= (unsigned char)~BRK_LINE;
    at[len] |= BRK_CLUSTER | BRK_LINE;
    /* Korean headlines break between words, never between the syllables of one; a number
     * written in ideographs stays whole, and so does an amount: "3,500 ₪", "€ 20", "5 %" */
    uint32_t prev = 0, before_space = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = nr_utf8_decode(text + i, len - i, &cp);
        if (i > 0 && ((ko && is_hangul(prev) && is_hangul(cp)) ||
                      (is_han_numeral(prev) && is_han_numeral(cp)) ||
                      (prev == ' ' && ((u_isdigit((UChar32)before_space) && is_unit(cp)) ||
                                       (is_unit(before_space) && u_isdigit((UChar32)cp))))))
            at[i] &= (unsigned char)~BRK_LINE;
        if (cp != ' ')
            before_space = cp;
        prev = cp;
        i += n;
    }
    keep_urls(text, len, at);
    for (size_t i = 0, start = 0; i < len;) {
        uint32_t cp;
        if (!(at[i] & BRK_CLUSTER) && i - start >= MAX_CLUSTER_BYTES)
            at[i] |= BRK_CLUSTER;
        if (at[i] & BRK_CLUSTER)
            start = i;
        i += nr_utf8_decode(text + i, len - i, &cp);
    }
    /* a line never ends inside a text unit: a flag, a keycap, an accented letter */
    for (size_t i = 0; i < len; i++)
        if (!(at[i] & BRK_CLUSTER))
            at[i] &= (unsigned char)~BRK_LINE;
}

/* Texts analysed lately: a slide shown again, or laid out at several sizes, costs no ICU
 * pass. Texts up to CACHE_TEXT_BYTES are kept, so the cache holds at most about 130 KiB. */
#define CACHE_SLOTS 16
#define CACHE_TEXT_BYTES 4096
struct cached {
    uint64_t hash; /* 0: empty */
    size_t len;
    char *text;        /* owned */
    unsigned char *at; /* owned, len + 1 entries */
    uint64_t used;
};
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct cached cache[CACHE_SLOTS];
static uint64_t cache_tick;

static uint64_t hash_of(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h ? h : 1;
}

/* Copies the cached analysis of text into at; false when there is none. */
static bool cache_get(uint64_t hash, const char *text, size_t len, unsigned char *at)
{
    bool found = false;
    pthread_mutex_lock(&cache_lock);
    for (size_t i = 0; i < CACHE_SLOTS && !found; i++) {
        struct cached *c = &cache[i];
        if (c->hash == hash && c->len == len && memcmp(c->text, text, len) == 0) {
            memcpy(at, c->at, len + 1);
            c->used = ++cache_tick;
            found = true;
        }
    }
    pthread_mutex_unlock(&cache_lock);
    return found;
}

static void cache_put(uint64_t hash, const char *text, size_t len, const unsigned char *at)
{
    char *t = xstrndup(text, len);
    unsigned char *a = xmalloc(len + 1);
    memcpy(a, at, len + 1);
    pthread_mutex_lock(&cache_lock);
    struct cached *lru = &cache[0];
    for (size_t i = 1; i < CACHE_SLOTS; i++)
        if (cache[i].used < lru->used)
            lru = &cache[i];
    char *old_text = lru->text;
    unsigned char *old_at = lru->at;
    *lru = (struct cached){ hash, len, t, a, ++cache_tick };
    pthread_mutex_unlock(&cache_lock);
    free(old_text);
    free(old_at);
}

void layout_breaks_init(struct breaks *b, const char *text)
{
    b->text = text;
    b->len = strlen(text);
    b->at = xcalloc(b->len + 1, 1);
    b->next = xmalloc((b->len + 1) * sizeof *b->next);
    bool keep = b->len <= CACHE_TEXT_BYTES;
    uint64_t hash = keep ? hash_of(text, b->len) : 0;
    if (!keep || !cache_get(hash, text, b->len, b->at)) {
        analyse(text, b->len, b->at);
        if (keep)
            cache_put(hash, text, b->len, b->at);
    }
    b->next[b->len] = b->len;
    for (size_t i = b->len; i-- > 0;)
        b->next[i] = (b->at[i + 1] & BRK_LINE) ? i + 1 : b->next[i + 1];
}

void layout_breaks_release(struct breaks *b)
{
    free(b->at);
    free(b->next);
    memset(b, 0, sizeof *b);
}

size_t layout_breaks_cluster_end(const struct breaks *b, size_t i)
{
    if (i >= b->len)
        return b->len;
    do
        i++;
    while (i < b->len && !(b->at[i] & BRK_CLUSTER));
    return i;
}
