/* alert_words.c: the words on an alert's screen. The one table a translation replaces. */
#include "alert_words.h"

#include "i18n.h"
#include "layout.h"

#include <stdio.h>
#include <time.h>

/* In English; nr_tr() gives them in the on-screen language where they are shown. */
static const char *const words[SHOW_ALERT_WORD_COUNT] = {
    /* TRANSLATORS: the label of an urgent alert, by its severity: Extreme, Severe, Moderate,
       Minor */
    [SHOW_ALERT_WORD_EXTREME] = N_("Extreme danger"),
    [SHOW_ALERT_WORD_WARNING] = N_("Warning"),
    [SHOW_ALERT_WORD_ADVISORY] = N_("Advisory"),
    [SHOW_ALERT_WORD_NOTICE] = N_("Notice"),
    /* TRANSLATORS: when an urgent alert ends; %s is a time ("14:30", "Thu 14:30") */
    [SHOW_ALERT_WORD_UNTIL] = N_("Until %s"),
    /* TRANSLATORS: when an urgent alert takes effect; %s is a time */
    [SHOW_ALERT_WORD_FROM] = N_("From %s"),
    /* TRANSLATORS: %s is the name of the authority that sent an urgent alert */
    [SHOW_ALERT_WORD_ISSUED_BY] = N_("Issued by %s"),
};

const char *show_alert_word(enum show_alert_word w)
{
    return (unsigned)w < SHOW_ALERT_WORD_COUNT ? nr_tr(words[w]) : "";
}

const char *show_alert_label(const struct alert *a)
{
    switch (a->severity) {
    case ALERT_EXTREME: return nr_tr(words[SHOW_ALERT_WORD_EXTREME]);
    case ALERT_SEVERE: return nr_tr(words[SHOW_ALERT_WORD_WARNING]);
    case ALERT_MODERATE: return nr_tr(words[SHOW_ALERT_WORD_ADVISORY]);
    default: return nr_tr(words[SHOW_ALERT_WORD_NOTICE]);
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
    char when[128];
    bool same_day = at.tm_year == today.tm_year && at.tm_yday == today.tm_yday;
    /* TRANSLATORS: an ICU pattern for a time on another day than today: EEE the short
       weekday, HH:mm the 24-hour time ("Thu 14:30") */
    layout_format_time(same_day ? nr_tr("HH:mm") : nr_tr("EEE HH:mm"), a->expires_unix,
                       (int)at.tm_gmtoff, when, sizeof when);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    snprintf(out, len, nr_tr(words[SHOW_ALERT_WORD_UNTIL]), when);
#pragma GCC diagnostic pop
}
