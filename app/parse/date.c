/* date.c: the dates feeds write: RFC 822 and its real variants, RFC 3339 / ISO 8601. */
#include "feed.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm); pure,
 * so no TZ environment or timegm() is involved. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int days_in_month(int y, int m)
{
    static const int dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : dm[m - 1];
}

static bool make_time(int y, int mo, int d, int h, int mi, int s, int off_min, int64_t *out)
{
    if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h < 0 ||
        h > 24 || mi < 0 || mi > 59 || s < 0 || s > 60)
        return false;
    if (s == 60)
        s = 59; /* a leap second */
    *out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - (int64_t)off_min * 60;
    return true;
}

static int read_num(const char **pp, int max_digits, int *ndigits)
{
    const char *p = *pp;
    int v = 0, n = 0;
    while (isdigit((unsigned char)*p) && n < max_digits) {
        v = v * 10 + (*p - '0');
        p++;
        n++;
    }
    *pp = p;
    if (ndigits)
        *ndigits = n;
    return n ? v : -1;
}

/* "+05:30", "-0800", "+02", "Z": minutes east of UTC. */
static bool read_offset(const char **pp, int *off_min)
{
    const char *p = *pp;
    if (*p == 'Z' || *p == 'z') {
        *off_min = 0;
        *pp = p + 1;
        return true;
    }
    if (*p != '+' && *p != '-')
        return false;
    int sign = *p == '-' ? -1 : 1;
    p++;
    int nd;
    int h = read_num(&p, 2, &nd);
    if (h < 0 || nd != 2)
        return false;
    int m = 0;
    if (*p == ':')
        p++;
    if (isdigit((unsigned char)*p)) {
        m = read_num(&p, 2, &nd);
        if (nd != 2)
            return false;
    }
    if (h > 14 || m > 59)
        return false;
    *off_min = sign * (h * 60 + m);
    *pp = p;
    return true;
}

static bool parse_iso(const char *p, int64_t *out)
{
    int nd;
    int y = read_num(&p, 4, &nd);
    if (nd != 4 || *p != '-')
        return false;
    p++;
    int mo = read_num(&p, 2, &nd);
    if (nd < 1)
        return false;
    int d = 1;
    if (*p == '-') {
        p++;
        d = read_num(&p, 2, &nd);
        if (nd < 1)
            return false;
    }
    int h = 0, mi = 0, s = 0, off = 0;
    if (*p == 'T' || *p == 't' || (*p == ' ' && isdigit((unsigned char)p[1]))) {
        p++;
        h = read_num(&p, 2, &nd);
        if (nd < 1 || *p != ':')
            return false;
        p++;
        mi = read_num(&p, 2, &nd);
        if (nd != 2)
            return false;
        if (*p == ':') {
            p++;
            s = read_num(&p, 2, &nd);
            if (nd != 2)
                return false;
        }
        if (*p == '.' || *p == ',') {
            p++;
            while (isdigit((unsigned char)*p))
                p++;
        }
        while (*p == ' ')
            p++;
        if (*p && !read_offset(&p, &off)) {
            /* A named zone after an ISO time ("2024-01-02 10:00:00 GMT") reads as UTC. */
            if (!(strncasecmp(p, "GMT", 3) == 0 || strncasecmp(p, "UTC", 3) == 0))
                return false;
        }
    }
    return make_time(y, mo, d, h, mi, s, off, out);
}

static const struct {
    const char *name;
    int off_min;
} zones[] = {
    { "UT", 0 },     { "UTC", 0 },    { "GMT", 0 },    { "Z", 0 },       { "WET", 0 },
    { "EST", -300 }, { "EDT", -240 }, { "CST", -360 }, { "CDT", -300 },  { "MST", -420 },
    { "MDT", -360 }, { "PST", -480 }, { "PDT", -420 }, { "AKST", -540 }, { "AKDT", -480 },
    { "HST", -600 }, { "AST", -240 }, { "ADT", -180 }, { "NST", -210 },  { "NDT", -150 },
    { "BST", 60 },   { "IST", 330 },  { "CET", 60 },   { "CEST", 120 },  { "MET", 60 },
    { "MEST", 120 }, { "WEST", 60 },  { "EET", 120 },  { "EEST", 180 },  { "MSK", 180 },
    { "JST", 540 },  { "KST", 540 },  { "HKT", 480 },  { "SGT", 480 },   { "AWST", 480 },
    { "ACST", 570 }, { "AEST", 600 }, { "AEDT", 660 }, { "NZST", 720 },  { "NZDT", 780 },
    { "MEZ", 60 },   { "MESZ", 120 }, { "PKT", 300 },  { "WIB", 420 },
};

static const char *const months[12] = { "jan", "feb", "mar", "apr", "may", "jun",
                                        "jul", "aug", "sep", "oct", "nov", "dec" };

static bool parse_rfc822ish(const char *p, int64_t *out)
{
    int day = -1, mon = -1, year = -1, h = 0, mi = 0, s = 0, off = 0;
    bool have_time = false;
    while (*p) {
        if (isalpha((unsigned char)*p)) {
            const char *w = p;
            while (isalpha((unsigned char)*p))
                p++;
            size_t n = (size_t)(p - w);
            bool known = false;
            if (n >= 3) {
                for (int m = 0; m < 12 && !known; m++)
                    if (strncasecmp(w, months[m], 3) == 0 && mon < 0) {
                        mon = m + 1;
                        known = true;
                    }
            }
            for (size_t z = 0; z < sizeof zones / sizeof zones[0] && !known; z++)
                if (strlen(zones[z].name) == n && strncasecmp(w, zones[z].name, n) == 0) {
                    off = zones[z].off_min;
                    known = true;
                }
            continue; /* day names and words like "at" are ignored */
        }
        if (isdigit((unsigned char)*p)) {
            int nd;
            int v = read_num(&p, 9, &nd);
            if (*p == ':' && !have_time) {
                p++;
                h = v;
                mi = read_num(&p, 2, &nd);
                if (nd != 2)
                    return false;
                if (*p == ':') {
                    p++;
                    s = read_num(&p, 2, &nd);
                    if (nd != 2)
                        return false;
                }
                if (*p == '.')
                    for (p++; isdigit((unsigned char)*p);)
                        p++;
                have_time = true;
                continue;
            }
            if (day < 0 && nd <= 2 && year < 0)
                day = v;
            else if (year < 0 && (nd == 4 || nd == 2))
                year = nd == 2 ? (v < 50 ? 2000 + v : 1900 + v) : v;
            else if (day < 0 && nd <= 2)
                day = v;
            else
                return false;
            continue;
        }
        if ((*p == '+' || *p == '-') && isdigit((unsigned char)p[1]) && have_time) {
            if (!read_offset(&p, &off))
                return false;
            continue;
        }
        p++;
    }
    if (day < 0 || mon < 0 || year < 0)
        return false;
    return make_time(year, mon, day, h, mi, s, off, out);
}

bool feed_parse_date(const char *s, int64_t *out_unix)
{
    if (!s)
        return false;
    while (isspace((unsigned char)*s))
        s++;
    if (!*s || strlen(s) > 100)
        return false;
    int64_t t;
    bool ok = isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
                      isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3]) && s[4] == '-'
                  ? parse_iso(s, &t)
                  : parse_rfc822ish(s, &t);
    if (ok)
        *out_unix = t;
    return ok;
}
