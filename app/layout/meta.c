/* meta.c: the kicker's relative time, the date, the clock and the slide counter, in the
 * on-screen language: words from the gettext catalogue (nr_tr), month names, digits and
 * patterns from ICU, which knows every language whatever locales the system has generated. */
#include "layout_int.h"

#include "i18n.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unicode/udat.h>
#include <unicode/uloc.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>

#define PATTERN_MAX 64

/* ICU formatters take a millisecond or so to open: one of each is kept for the language and
 * pattern in effect, and opened again when either changes (a reload). */
struct fmt_cache {
    char lang[NR_LANG_MAX];
    char pattern[PATTERN_MAX];
    void *fmt;
};
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct fmt_cache date_cache, clock_cache, num_cache;

static void close_fmt(struct fmt_cache *c, bool date)
{
    if (c->fmt) {
        if (date)
            udat_close(c->fmt);
        else
            unum_close(c->fmt);
    }
    memset(c, 0, sizeof *c);
}

void layout_meta_shutdown(void)
{
    pthread_mutex_lock(&cache_lock);
    close_fmt(&date_cache, true);
    close_fmt(&clock_cache, true);
    close_fmt(&num_cache, false);
    pthread_mutex_unlock(&cache_lock);
}

/* A date format for lang and pattern, in UTC (callers add the local offset); NULL when ICU
 * cannot make one. Under cache_lock. */
static UDateFormat *date_fmt(struct fmt_cache *c, const char *lang, const char *pattern)
{
    if (c->fmt && strcmp(c->lang, lang) == 0 && strcmp(c->pattern, pattern) == 0)
        return c->fmt;
    close_fmt(c, true);
    UChar upat[PATTERN_MAX];
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = 0;
    u_strFromUTF8(upat, PATTERN_MAX, &n, pattern, -1, &st);
    if (U_FAILURE(st) || n >= PATTERN_MAX)
        return NULL;
    static const UChar utc[] = { 'U', 'T', 'C', 0 };
    UDateFormat *f = udat_open(UDAT_PATTERN, UDAT_PATTERN, lang, utc, -1, upat, n, &st);
    if (U_FAILURE(st))
        return NULL;
    snprintf(c->lang, sizeof c->lang, "%s", lang);
    snprintf(c->pattern, sizeof c->pattern, "%s", pattern);
    c->fmt = f;
    return f;
}

/* Formats with ICU into out (UTF-8); false when it cannot. */
static bool format_date(struct fmt_cache *c, const char *pattern, int64_t local_s, char *out,
                        size_t outlen)
{
    char lang[NR_LANG_MAX];
    UChar buf[128];
    UErrorCode st = U_ZERO_ERROR;
    bool ok = false;
    nr_i18n_language(lang, sizeof lang);
    if (strcmp(lang, "en") == 0)
        return false; /* the source language is written by hand below: ICU stays unloaded */
    pthread_mutex_lock(&cache_lock);
    UDateFormat *f = date_fmt(c, lang, pattern);
    if (f) {
        int32_t n = udat_format(f, (UDate)local_s * 1000.0, buf, 128, NULL, &st);
        if (U_SUCCESS(st) && n < 128) {
            u_strToUTF8(out, (int32_t)outlen, NULL, buf, n, &st);
            ok = U_SUCCESS(st) && st != U_STRING_NOT_TERMINATED_WARNING;
        }
    }
    pthread_mutex_unlock(&cache_lock);
    return ok;
}

void layout_format_number(long n, char *out, size_t outlen)
{
    char lang[NR_LANG_MAX];
    UChar buf[64];
    UErrorCode st = U_ZERO_ERROR;
    bool ok = false;
    nr_i18n_language(lang, sizeof lang);
    if (strcmp(lang, "en") == 0) {
        snprintf(out, outlen, "%ld", n);
        return;
    }
    pthread_mutex_lock(&cache_lock);
    if (!num_cache.fmt || strcmp(num_cache.lang, lang) != 0) {
        close_fmt(&num_cache, false);
        num_cache.fmt = unum_open(UNUM_DECIMAL, NULL, 0, lang, NULL, &st);
        if (U_SUCCESS(st)) {
            unum_setAttribute(num_cache.fmt, UNUM_GROUPING_USED, 0); /* "1250 / 1300" */
            snprintf(num_cache.lang, sizeof num_cache.lang, "%s", lang);
        } else {
            num_cache.fmt = NULL;
        }
    }
    if (num_cache.fmt) {
        st = U_ZERO_ERROR;
        int32_t len = unum_formatInt64(num_cache.fmt, n, buf, 64, NULL, &st);
        if (U_SUCCESS(st) && len < 64) {
            u_strToUTF8(out, (int32_t)outlen, NULL, buf, len, &st);
            ok = U_SUCCESS(st) && st != U_STRING_NOT_TERMINATED_WARNING;
        }
    }
    pthread_mutex_unlock(&cache_lock);
    if (!ok)
        snprintf(out, outlen, "%ld", n);
}

bool layout_language_rtl(void)
{
    char lang[NR_LANG_MAX];
    nr_i18n_language(lang, sizeof lang);
    return uloc_isRightToLeft(lang) != 0;
}

static void local_tm(int64_t unix_s, int utc_offset_s, struct tm *tm)
{
    time_t t = (time_t)(unix_s + utc_offset_s);
    if (!gmtime_r(&t, tm)) {
        t = 0;
        gmtime_r(&t, tm);
    }
}

/* Days from 1970-01-01 to the local calendar day of unix_s. */
static int64_t local_day(int64_t unix_s, int utc_offset_s)
{
    int64_t s = unix_s + utc_offset_s;
    return s >= 0 ? s / 86400 : (s - 86399) / 86400;
}

/* Writes fmt (a translated message with one %s) with the number n in the language's digits. */
static void with_number(char *out, size_t outlen, const char *fmt, long n)
{
    char num[32];
    layout_format_number(n, num, sizeof num);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    snprintf(out, outlen, fmt, num);
#pragma GCC diagnostic pop
}

void layout_format_date(int64_t unix_s, int utc_offset_s, char *out, size_t outlen)
{
    /* TRANSLATORS: the date of an older story in the kicker, as an ICU date pattern (d day,
       MMM short month name, MMMM full month name, y year); "d MMM y" gives "1 Feb 2022" */
    if (format_date(&date_cache, nr_tr("d MMM y"), unix_s + utc_offset_s, out, outlen))
        return;
    static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    struct tm tm;
    local_tm(unix_s, utc_offset_s, &tm);
    snprintf(out, outlen, "%d %s %d", tm.tm_mday, months[tm.tm_mon % 12], tm.tm_year + 1900);
}

void layout_format_age(int64_t published_unix, int64_t now_unix, int utc_offset_s, char *out,
                       size_t outlen)
{
    int64_t age = now_unix - published_unix;
    if (age < 60 && age > -300) { /* a few minutes in the future is clock skew */
        /* TRANSLATORS: the age of a story published less than a minute ago */
        snprintf(out, outlen, "%s", nr_tr("just now"));
    } else if (age >= 60 && age < 3600) {
        long n = (long)(age / 60);
        /* TRANSLATORS: the age of a story in the kicker; %s is the number of minutes */
        with_number(out, outlen, nr_trn("%s min ago", "%s min ago", (unsigned long)n), n);
    } else if (age >= 3600 && age < 86400) {
        long n = (long)(age / 3600);
        /* TRANSLATORS: the age of a story in the kicker; %s is the number of hours */
        with_number(out, outlen, nr_trn("%s h ago", "%s h ago", (unsigned long)n), n);
    } else if (age > 0 &&
               local_day(now_unix, utc_offset_s) - local_day(published_unix, utc_offset_s) == 1) {
        /* TRANSLATORS: the age of a story published on the calendar day before today */
        snprintf(out, outlen, "%s", nr_tr("yesterday"));
    } else {
        layout_format_date(published_unix, utc_offset_s, out, outlen);
    }
}

void layout_format_clock(int64_t now_unix, int utc_offset_s, char *out, size_t outlen)
{
    /* TRANSLATORS: the clock in the footer, as an ICU pattern: HH:mm is 24-hour ("14:05"),
       h:mm a is 12-hour with the day period ("2:05 PM") */
    if (format_date(&clock_cache, nr_tr("HH:mm"), now_unix + utc_offset_s, out, outlen))
        return;
    struct tm tm;
    local_tm(now_unix, utc_offset_s, &tm);
    snprintf(out, outlen, "%02d:%02d", tm.tm_hour, tm.tm_min);
}

void layout_format_count(int index, int count, char *out, size_t outlen)
{
    char a[32], b[32];
    layout_format_number(index, a, sizeof a);
    layout_format_number(count, b, sizeof b);
    /* TRANSLATORS: the slide counter in the footer: this slide's number, then how many there
       are ("3 / 12") */
    const char *fmt = nr_tr("%1$s / %2$s");
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    snprintf(out, outlen, fmt, a, b);
#pragma GCC diagnostic pop
}
