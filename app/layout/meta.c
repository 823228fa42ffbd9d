/* meta.c: the kicker's relative time, the date, the clock and the slide counter, in the
 * on-screen language: words from the gettext catalogue (nr_tr); month names, day periods and
 * digits from ICU's locale data (CLDR), which knows every language whatever locales the system
 * has generated. The patterns ("d MMM y", "HH:mm") are the catalogue's, in ICU's letters. */
#include "layout_int.h"

#include "i18n.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unicode/uloc.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>

#define NAME_MAX_BYTES 48 /* longest month name or day period kept, UTF-8 */

/* What dates and numbers need of one language, read from ICU's resource bundles once per
 * language. ICU's own date and number formatters would do the same through its i18n library,
 * which costs about 3 MiB of memory on a still slide for a clock and a date; these few strings
 * cost a few KiB. */
struct lang_data {
    char lang[NR_LANG_MAX];
    char months[2][12][NAME_MAX_BYTES]; /* [0] abbreviated, [1] wide; "format" context */
    char days[2][7][NAME_MAX_BYTES];    /* the same, Sunday first */
    char ampm[2][NAME_MAX_BYTES];
    char digits[10][8]; /* UTF-8 of each digit */
};
static pthread_mutex_t data_lock = PTHREAD_MUTEX_INITIALIZER;
static struct lang_data data;

void layout_meta_shutdown(void)
{
    pthread_mutex_lock(&data_lock);
    memset(&data, 0, sizeof data);
    pthread_mutex_unlock(&data_lock);
}

/* The resource at path (n keys) in loc's bundle, or in its parents' ("de_AT" -> "de" ->
 * root); NULL when none has it. Close with ures_close. */
static UResourceBundle *res_find(const char *loc, const char *const *path, int n)
{
    char cur[NR_LANG_MAX + 8];
    snprintf(cur, sizeof cur, "%s", loc);
    for (;;) {
        UErrorCode st = U_ZERO_ERROR;
        UResourceBundle *r = ures_open(NULL, cur, &st);
        for (int i = 0; i < n && U_SUCCESS(st); i++)
            r = ures_getByKey(r, path[i], r, &st);
        if (U_SUCCESS(st))
            return r;
        ures_close(r);
        char *us = strrchr(cur, '_');
        if (us)
            *us = '\0';
        else if (strcmp(cur, "root") != 0)
            snprintf(cur, sizeof cur, "root");
        else
            return NULL;
    }
}

/* Copies the n strings of the array at path into out; false when it has fewer. */
static bool res_strings(const char *loc, const char *const *path, int depth,
                        char (*out)[NAME_MAX_BYTES], int n)
{
    UResourceBundle *r = res_find(loc, path, depth);
    bool ok = r && ures_getSize(r) >= n;
    for (int i = 0; ok && i < n; i++) {
        UErrorCode st = U_ZERO_ERROR;
        int32_t len = 0;
        const UChar *u = ures_getStringByIndex(r, i, &len, &st);
        if (U_SUCCESS(st))
            u_strToUTF8(out[i], NAME_MAX_BYTES, NULL, u, len, &st);
        ok = U_SUCCESS(st) && st != U_STRING_NOT_TERMINATED_WARNING;
    }
    ures_close(r);
    return ok;
}

/* The language's own digits: its default numbering system's ten, when it has ten. */
static void load_digits(const char *loc, struct lang_data *d)
{
    static const char *const def_path[] = { "NumberElements", "default" };
    char ns[32] = "latn";
    UResourceBundle *r = res_find(loc, def_path, 2);
    UErrorCode st = U_ZERO_ERROR;
    int32_t len = 0;
    const UChar *u = r ? ures_getString(r, &len, &st) : NULL;
    if (u && U_SUCCESS(st))
        u_strToUTF8(ns, sizeof ns, NULL, u, len, &st);
    ures_close(r);
    for (int i = 0; i < 10; i++)
        snprintf(d->digits[i], sizeof d->digits[i], "%c", '0' + i);
    st = U_ZERO_ERROR;
    UResourceBundle *sys = ures_openDirect(NULL, "numberingSystems", &st);
    sys = ures_getByKey(sys, "numberingSystems", sys, &st);
    sys = ures_getByKey(sys, ns, sys, &st);
    sys = ures_getByKey(sys, "desc", sys, &st);
    u = U_SUCCESS(st) ? ures_getString(sys, &len, &st) : NULL;
    if (u && U_SUCCESS(st) && u_countChar32(u, len) == 10) { /* not an algorithmic system */
        int32_t at = 0;
        for (int i = 0; i < 10; i++) {
            UChar32 cp;
            U16_NEXT(u, at, len, cp);
            UChar one[2];
            int32_t n1 = 0;
            UErrorCode s2 = U_ZERO_ERROR;
            u_strFromUTF32(one, 2, &n1, &cp, 1, &s2);
            u_strToUTF8(d->digits[i], sizeof d->digits[i], NULL, one, n1, &s2);
        }
    }
    ures_close(sys);
}

/* The data for lang, loaded when the language changed. Under data_lock. */
static const struct lang_data *lang_data(const char *lang)
{
    static const char *const abbr[] = { "calendar", "gregorian", "monthNames", "format",
                                        "abbreviated" };
    static const char *const wide[] = { "calendar", "gregorian", "monthNames", "format", "wide" };
    static const char *const dabbr[] = { "calendar", "gregorian", "dayNames", "format",
                                         "abbreviated" };
    static const char *const dwide[] = { "calendar", "gregorian", "dayNames", "format", "wide" };
    static const char *const ampm_abbr[] = { "calendar", "gregorian", "AmPmMarkersAbbr" };
    static const char *const ampm[] = { "calendar", "gregorian", "AmPmMarkers" };
    static const char *const en_months[2][12] = {
        { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" },
        { "January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December" },
    };
    static const char *const en_days[2][7] = {
        { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" },
        { "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday" },
    };
    if (strcmp(data.lang, lang) == 0)
        return &data;
    memset(&data, 0, sizeof data);
    snprintf(data.lang, sizeof data.lang, "%s", lang);
    /* English, the catalogues' own language, is written from these tables: a screen in
     * English reads no locale data at all */
    bool en = strcmp(lang, "en") == 0;
    for (int wd = 0; wd < 2; wd++) {
        if (en || !res_strings(lang, wd ? wide : abbr, 5, data.months[wd], 12))
            for (int i = 0; i < 12; i++)
                snprintf(data.months[wd][i], NAME_MAX_BYTES, "%s", en_months[wd][i]);
        if (en || !res_strings(lang, wd ? dwide : dabbr, 5, data.days[wd], 7))
            for (int i = 0; i < 7; i++)
                snprintf(data.days[wd][i], NAME_MAX_BYTES, "%s", en_days[wd][i]);
    }
    if (en || (!res_strings(lang, ampm_abbr, 3, data.ampm, 2) &&
               !res_strings(lang, ampm, 3, data.ampm, 2))) {
        snprintf(data.ampm[0], NAME_MAX_BYTES, "AM");
        snprintf(data.ampm[1], NAME_MAX_BYTES, "PM");
    }
    if (en)
        for (int i = 0; i < 10; i++)
            snprintf(data.digits[i], sizeof data.digits[i], "%c", '0' + i);
    else
        load_digits(lang, &data);
    return &data;
}

/* Appends s to out[*at..outlen), cutting it at the end of out. */
static void put(char *out, size_t outlen, size_t *at, const char *s)
{
    size_t n = strlen(s);
    if (*at + n >= outlen)
        n = outlen - 1 - *at;
    memcpy(out + *at, s, n);
    *at += n;
    out[*at] = '\0';
}

/* v in the language's digits, at least width of them. */
static void put_num(const struct lang_data *d, char *out, size_t outlen, size_t *at, long v,
                    int width)
{
    char ascii[24];
    int n = snprintf(ascii, sizeof ascii, "%lu", v < 0 ? 0UL - (unsigned long)v : (unsigned long)v);
    if (v < 0)
        put(out, outlen, at, "-");
    for (; n < width; n++)
        put(out, outlen, at, d->digits[0]);
    for (const char *p = ascii; *p; p++)
        put(out, outlen, at, d->digits[*p - '0']);
}

/* Formats the local time tm by an ICU date pattern: d dd M MM MMM MMMM y yy yyyy H HH h hh
 * m mm a EEE EEEE, text in 'quotes' ('' for a quote), anything else as it is. */
static void format_pattern(const struct lang_data *d, const char *pattern, const struct tm *tm,
                           char *out, size_t outlen)
{
    size_t at = 0;
    out[0] = '\0';
    for (const char *p = pattern; *p && at + 1 < outlen;) {
        if (*p == '\'') { /* '' is a quote; 'text' is text, with '' inside for a quote */
            if (p[1] == '\'') {
                put(out, outlen, &at, "'");
                p += 2;
                continue;
            }
            for (p++; *p; p++) {
                if (*p == '\'' && p[1] != '\'')
                    break;
                char one[2] = { *p, '\0' };
                p += *p == '\''; /* the first of '' */
                put(out, outlen, &at, one);
            }
            p += *p == '\'';
            continue;
        }
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) {
            char one[2] = { *p++, '\0' };
            put(out, outlen, &at, one);
            continue;
        }
        char ch = *p;
        int n = 0;
        while (p[n] == ch)
            n++;
        p += n;
        int h12 = tm->tm_hour % 12 ? tm->tm_hour % 12 : 12;
        switch (ch) {
        case 'd': put_num(d, out, outlen, &at, tm->tm_mday, n >= 2 ? 2 : 1); break;
        case 'M':
        case 'L':
            if (n >= 3)
                put(out, outlen, &at, d->months[n >= 4][tm->tm_mon % 12]);
            else
                put_num(d, out, outlen, &at, tm->tm_mon + 1, n);
            break;
        case 'y':
            put_num(d, out, outlen, &at, n == 2 ? (tm->tm_year + 1900) % 100 : tm->tm_year + 1900,
                    n == 2 ? 2 : 1);
            break;
        case 'H': put_num(d, out, outlen, &at, tm->tm_hour, n >= 2 ? 2 : 1); break;
        case 'h': put_num(d, out, outlen, &at, h12, n >= 2 ? 2 : 1); break;
        case 'm': put_num(d, out, outlen, &at, tm->tm_min, n >= 2 ? 2 : 1); break;
        case 'a': put(out, outlen, &at, d->ampm[tm->tm_hour >= 12]); break;
        case 'E':
        case 'c': put(out, outlen, &at, d->days[n >= 4][tm->tm_wday % 7]); break;
        default: { /* a field this formatter does not know: shown as written */
            char lit[16];
            snprintf(lit, sizeof lit, "%.*s", n < 15 ? n : 15, p - n);
            put(out, outlen, &at, lit);
        }
        }
    }
}

static void local_tm(int64_t unix_s, int utc_offset_s, struct tm *tm)
{
    time_t t = (time_t)(unix_s + utc_offset_s);
    if (!gmtime_r(&t, tm)) {
        t = 0;
        gmtime_r(&t, tm);
    }
}

/* Formats the local time local_s (already offset) by pattern in the on-screen language; false
 * for English, whose dates and clock are written by hand below (no locale data read). */
void layout_format_time(const char *pattern, int64_t unix_s, int utc_offset_s, char *out,
                        size_t outlen)
{
    char lang[NR_LANG_MAX];
    struct tm tm;
    if (outlen == 0)
        return;
    nr_i18n_language(lang, sizeof lang);
    local_tm(unix_s, utc_offset_s, &tm);
    pthread_mutex_lock(&data_lock);
    format_pattern(lang_data(lang), pattern, &tm, out, outlen);
    pthread_mutex_unlock(&data_lock);
}

void layout_format_number(long n, char *out, size_t outlen)
{
    char lang[NR_LANG_MAX];
    size_t at = 0;
    if (outlen == 0)
        return;
    out[0] = '\0';
    nr_i18n_language(lang, sizeof lang);
    pthread_mutex_lock(&data_lock);
    put_num(lang_data(lang), out, outlen, &at, n, 1);
    pthread_mutex_unlock(&data_lock);
}

bool layout_language_rtl(void)
{
    char lang[NR_LANG_MAX];
    nr_i18n_language(lang, sizeof lang);
    return uloc_isRightToLeft(lang) != 0;
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
    layout_format_time(nr_tr("d MMM y"), unix_s, utc_offset_s, out, outlen);
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
    layout_format_time(nr_tr("HH:mm"), now_unix, utc_offset_s, out, outlen);
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
