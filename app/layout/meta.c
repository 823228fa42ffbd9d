/* meta.c: the kicker's relative time and the clock, from the wall clock the caller gives. */
#include "layout_int.h"

#include <stdio.h>
#include <time.h>

static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

static void local_tm(int64_t unix_s, int utc_offset_s, struct tm *tm)
{
    time_t t = (time_t)(unix_s + utc_offset_s);
    if (!gmtime_r(&t, tm)) {
        t = 0;
        gmtime_r(&t, tm);
    }
}

void layout_format_age(int64_t published_unix, int64_t now_unix, int utc_offset_s, char *out,
                       size_t outlen)
{
    int64_t age = now_unix - published_unix;
    struct tm tm;
    if (age < 60 && age > -300) { /* a few minutes in the future is clock skew */
        snprintf(out, outlen, "just now");
    } else if (age >= 60 && age < 3600) {
        snprintf(out, outlen, "%d min ago", (int)(age / 60));
    } else if (age >= 3600 && age < 86400) {
        snprintf(out, outlen, "%d h ago", (int)(age / 3600));
    } else {
        local_tm(published_unix, utc_offset_s, &tm);
        snprintf(out, outlen, "%d %s %d", tm.tm_mday, months[tm.tm_mon % 12], tm.tm_year + 1900);
    }
}

void layout_format_clock(int64_t now_unix, int utc_offset_s, char *out, size_t outlen)
{
    struct tm tm;
    local_tm(now_unix, utc_offset_s, &tm);
    snprintf(out, outlen, "%02d:%02d", tm.tm_hour, tm.tm_min);
}
