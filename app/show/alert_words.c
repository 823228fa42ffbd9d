/* alert_words.c: the words on an alert's screen. The one table a translation replaces. */
#include "alert_words.h"

#include <stdio.h>
#include <time.h>

static const char *const words[SHOW_ALERT_WORD_COUNT] = {
    [SHOW_ALERT_WORD_EXTREME] = "Extreme danger", [SHOW_ALERT_WORD_WARNING] = "Warning",
    [SHOW_ALERT_WORD_ADVISORY] = "Advisory",      [SHOW_ALERT_WORD_NOTICE] = "Notice",
    [SHOW_ALERT_WORD_UNTIL] = "Until %s",         [SHOW_ALERT_WORD_FROM] = "From %s",
    [SHOW_ALERT_WORD_ISSUED_BY] = "Issued by %s",
};

const char *show_alert_word(enum show_alert_word w)
{
    return (unsigned)w < SHOW_ALERT_WORD_COUNT ? words[w] : "";
}

const char *show_alert_label(const struct alert *a)
{
    switch (a->severity) {
    case ALERT_EXTREME: return words[SHOW_ALERT_WORD_EXTREME];
    case ALERT_SEVERE: return words[SHOW_ALERT_WORD_WARNING];
    case ALERT_MODERATE: return words[SHOW_ALERT_WORD_ADVISORY];
    default: return words[SHOW_ALERT_WORD_NOTICE];
    }
}

void show_alert_until_text(const struct alert *a, int64_t now_unix, char *out, size_t len)
{
    out[0] = '\0';
    if (!a->expires_unix || len == 0)
        return;
    time_t t = (time_t)a->expires_unix, n = (time_t)now_unix;
    struct tm at, today;
    localtime_r(&t, &at);
    localtime_r(&n, &today);
    char when[32];
    bool same_day = at.tm_year == today.tm_year && at.tm_yday == today.tm_yday;
    strftime(when, sizeof when, same_day ? "%H:%M" : "%a %H:%M", &at);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    snprintf(out, len, words[SHOW_ALERT_WORD_UNTIL], when);
#pragma GCC diagnostic pop
}
