/* parse.c: one announcement file: its "key: value" header and the body after it. */
#include "announce.h"

#include "alloc.h"
#include "i18n.h"
#include "strutil.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *announce_kicker(void)
{
    /* TRANSLATORS: the kicker of a slide the site wrote itself (from the announcements
       folder), where a story shows its source */
    return nr_tr("Announcement");
}

void announce_item_release(struct announce_item *it)
{
    if (!it)
        return;
    free(it->file);
    free(it->title);
    free(it->body);
    free(it->image);
    free(it->image_name);
    memset(it, 0, sizeof *it);
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (civil_from_days'
 * inverse, H. Hinnant): no timegm, no time zone. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static bool digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

/* "YYYY-MM-DD", then optionally "THH:MM" or " HH:MM", ":SS", and "Z" or "+HH:MM" / "-HH:MM".
 * end_of_day: a date alone means the end of that day (valid_until), else its start. */
static bool parse_time(const char *s, bool end_of_day, struct announce_time *out)
{
    static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int y, mo, d, h = 0, mi = 0, sec = 0;
    if (strlen(s) < 10 || !digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &mo) ||
        s[7] != '-' || !digits(s + 8, 2, &d))
        return false;
    if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
        (mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))))
        return false;
    const char *p = s + 10;
    bool has_clock = false;
    if (*p == 'T' || *p == 't' || *p == ' ') {
        p++;
        if (!digits(p, 2, &h) || p[2] != ':' || !digits(p + 3, 2, &mi) || h > 23 || mi > 59)
            return false;
        p += 5;
        if (*p == ':') {
            if (!digits(p + 1, 2, &sec) || sec > 59)
                return false;
            p += 3;
        }
        has_clock = true;
    }
    int64_t secs = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
    if (!has_clock && end_of_day)
        secs += 86400;
    out->set = true;
    out->local = true;
    if (*p == 'Z' || *p == 'z') {
        out->local = false;
        p++;
    } else if (*p == '+' || *p == '-') {
        int oh, om;
        if (!has_clock || !digits(p + 1, 2, &oh) || p[3] != ':' || !digits(p + 4, 2, &om) ||
            oh > 14 || om > 59)
            return false;
        int off = (oh * 60 + om) * 60;
        secs -= *p == '+' ? off : -off;
        out->local = false;
        p += 6;
    }
    out->secs = secs;
    return *p == '\0';
}

static const char *const day_names[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

/* "mon", "monday", "Mon": 0..6; -1 when no day. */
static int day_of(const char *s, size_t len)
{
    static const char *const full[] = { "monday", "tuesday",  "wednesday", "thursday",
                                        "friday", "saturday", "sunday" };
    for (int i = 0; i < 7; i++)
        if ((len == 3 && strncasecmp(s, day_names[i], 3) == 0) ||
            (len == strlen(full[i]) && strncasecmp(s, full[i], len) == 0))
            return i;
    return -1;
}

/* "mon-fri", "sat,sun", "mon, wed-fri", "fri-mon" (a range may wrap), "every day". */
static bool parse_days(const char *s, uint8_t *out)
{
    uint8_t days = 0;
    if (strcasecmp(s, "every day") == 0 || strcasecmp(s, "daily") == 0) {
        *out = 0x7f;
        return true;
    }
    const char *p = s;
    for (;;) {
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, ",");
        size_t dash = strcspn(p, "-,");
        const char *q = p;
        size_t a_len = dash;
        while (a_len && q[a_len - 1] == ' ')
            a_len--;
        int a = day_of(q, a_len), b = a;
        if (dash < n) {
            const char *r = p + dash + 1;
            while (*r == ' ')
                r++;
            size_t b_len = n - (size_t)(r - p);
            while (b_len && r[b_len - 1] == ' ')
                b_len--;
            b = day_of(r, b_len);
        }
        if (a < 0 || b < 0)
            return false;
        for (int i = a;; i = (i + 1) % 7) {
            days |= (uint8_t)(1u << i);
            if (i == b)
                break;
        }
        if (p[n] == '\0')
            break;
        p += n + 1;
    }
    *out = days;
    return true;
}

static bool parse_clock(const char *s, size_t len, int *min)
{
    int h, m;
    while (len && s[len - 1] == ' ')
        len--;
    while (len && *s == ' ')
        s++, len--;
    /* "8:00" and "08:00"; "24:00" is the end of the day */
    if (len == 4 && digits(s, 1, &h) && s[1] == ':' && digits(s + 2, 2, &m))
        ;
    else if (!(len == 5 && digits(s, 2, &h) && s[2] == ':' && digits(s + 3, 2, &m)))
        return false;
    if (m > 59 || h > 24 || (h == 24 && m != 0))
        return false;
    *min = h * 60 + m;
    return true;
}

/* "08:00-18:00"; "22:00-06:00" runs past midnight. */
static bool parse_hours(const char *s, int *from, int *to)
{
    const char *dash = strchr(s, '-');
    return dash && parse_clock(s, (size_t)(dash - s), from) &&
           parse_clock(dash + 1, strlen(dash + 1), to) && *from != *to;
}

/* A text for the slide: trimmed, white space collapsed, UTF-8, under cap. NULL with why. */
static char *clean_text(const char *s, size_t cap, const char *what, char *why, size_t why_len)
{
    if (!nr_utf8_valid(s, strlen(s))) {
        snprintf(why, why_len, "%s is not UTF-8", what);
        return NULL;
    }
    char *t = nr_collapse_ws(s);
    if (strlen(t) > cap) {
        snprintf(why, why_len, "%s is longer than %zu bytes", what, cap);
        free(t);
        return NULL;
    }
    return t;
}

enum nr_result announce_parse(const char *text, size_t len, const char *name,
                              struct announce_item *out, struct nr_err *err)
{
    memset(out, 0, sizeof *out);
    out->kind = ANNOUNCE_TEXT;
    out->file = xstrdup(name);
    out->days = 0x7f;
    if (len > ANNOUNCE_MAX_FILE_BYTES)
        return nr_fail(err, NR_ERR_TOO_BIG, "%s: %zu bytes is over the %u byte cap", name, len,
                       ANNOUNCE_MAX_FILE_BYTES);
    if (memchr(text, '\0', len))
        return nr_fail(err, NR_ERR_PARSE, "%s: not a text file", name);
    size_t pos = 0;
    int line = 0;
    /* a UTF-8 byte order mark, as some editors write */
    if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
        pos = 3;
    char buf[ANNOUNCE_MAX_LINE_BYTES + 1];
    char why[160];
    bool body_line = false, any_key = false;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
        line++;
        const char *l = text + pos;
        pos += n + (nl ? 1 : 0);
        if (n > 0 && l[n - 1] == '\r')
            n--;
        if (n > ANNOUNCE_MAX_LINE_BYTES)
            return nr_fail(err, NR_ERR_PARSE, "%s:%d: line longer than %d bytes", name, line,
                           ANNOUNCE_MAX_LINE_BYTES);
        memcpy(buf, l, n);
        buf[n] = '\0';
        if (nr_str_empty(buf)) {
            if (any_key) {
                body_line = true; /* the header ends: the rest is the body */
                break;
            }
            continue;
        }
        if (buf[0] == '#')
            continue;
        char *colon = strchr(buf, ':');
        if (!colon || colon == buf)
            return nr_fail(err, NR_ERR_PARSE, "%s:%d: expected 'key: value'", name, line);
        *colon = '\0';
        char *key = nr_collapse_ws(buf);
        char *value = nr_collapse_ws(colon + 1);
        enum nr_result r = NR_OK;
        why[0] = '\0';
        if (strcasecmp(key, "title") == 0 || strcasecmp(key, "body") == 0) {
            bool title = strcasecmp(key, "title") == 0;
            char **field = title ? &out->title : &out->body;
            if (*field)
                snprintf(why, sizeof why, "%s given twice", key);
            else /* why says what is wrong when it gives NULL */
                *field =
                    clean_text(value, title ? ANNOUNCE_MAX_TITLE_BYTES : ANNOUNCE_MAX_BODY_BYTES,
                               key, why, sizeof why);
        } else if (strcasecmp(key, "image") == 0) {
            if (out->image_name)
                snprintf(why, sizeof why, "image given twice");
            else if (!value[0] || value[0] == '/' || strstr(value, "..") || strchr(value, '/'))
                snprintf(why, sizeof why, "image '%s' is not a file name in the folder", value);
            else {
                out->image_name = xstrdup(value);
                out->line_image = line;
            }
        } else if (strcasecmp(key, "valid_from") == 0 || strcasecmp(key, "valid_until") == 0) {
            bool until = strcasecmp(key, "valid_until") == 0;
            if (!parse_time(value, until, until ? &out->until : &out->from))
                snprintf(why, sizeof why,
                         "%s '%s' is not a date (YYYY-MM-DD, then optionally HH:MM and an "
                         "offset)",
                         key, value);
        } else if (strcasecmp(key, "days") == 0) {
            if (!parse_days(value, &out->days))
                snprintf(why, sizeof why, "days '%s' is not a list of days (mon-fri, sat,sun)",
                         value);
        } else if (strcasecmp(key, "hours") == 0) {
            if (!parse_hours(value, &out->hours_from_min, &out->hours_to_min))
                snprintf(why, sizeof why, "hours '%s' is not a span (08:00-18:00)", value);
            else
                out->has_hours = true;
        } else {
            snprintf(why, sizeof why,
                     "unknown key '%s' (title, body, image, valid_from, valid_until, days, "
                     "hours)",
                     key);
        }
        free(key);
        free(value);
        if (why[0])
            r = nr_fail(err, NR_ERR_PARSE, "%s:%d: %s", name, line, why);
        if (r != NR_OK)
            return r;
        any_key = true;
    }
    if (body_line) {
        /* the body after the blank line; one given in the header too is a mistake */
        int body_start = line + 1;
        if (out->body)
            return nr_fail(err, NR_ERR_PARSE, "%s:%d: body given twice (body line and text)", name,
                           body_start);
        size_t rest = len - pos;
        char *raw = xstrndup(text + pos, rest);
        if (!nr_str_empty(raw)) {
            out->body = clean_text(raw, ANNOUNCE_MAX_BODY_BYTES, "body", why, sizeof why);
            if (!out->body) {
                free(raw);
                return nr_fail(err, NR_ERR_PARSE, "%s:%d: %s", name, body_start, why);
            }
        }
        free(raw);
    }
    if (!out->title || !out->title[0])
        return nr_fail(err, NR_ERR_PARSE, "%s:%d: no title (a 'title:' line)", name,
                       line ? line : 1);
    if (out->from.set && out->until.set && out->from.local == out->until.local &&
        out->until.secs <= out->from.secs)
        return nr_fail(err, NR_ERR_PARSE, "%s: valid_until is not after valid_from", name);
    return NR_OK;
}

bool announce_active(const struct announce_item *it, int64_t now_unix, int utc_offset_s)
{
    int64_t local = now_unix + utc_offset_s;
    if (it->from.set && (it->from.local ? local : now_unix) < it->from.secs)
        return false;
    if (it->until.set && (it->until.local ? local : now_unix) >= it->until.secs)
        return false;
    int64_t day = local >= 0 ? local / 86400 : (local - 86399) / 86400;
    int minute = (int)((local - day * 86400) / 60);
    int weekday = (int)(((day % 7) + 7 + 3) % 7); /* 1970-01-01 was a Thursday: 3 */
    if (it->has_hours && it->hours_to_min < it->hours_from_min && minute < it->hours_to_min)
        weekday = (weekday + 6) % 7; /* after midnight: still the evening's day */
    if (!(it->days & (1u << weekday)))
        return false;
    if (!it->has_hours)
        return true;
    if (it->hours_from_min < it->hours_to_min)
        return minute >= it->hours_from_min && minute < it->hours_to_min;
    return minute >= it->hours_from_min || minute < it->hours_to_min;
}
