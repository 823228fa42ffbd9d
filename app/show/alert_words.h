/* alert_words.h: every word an urgent alert puts on screen, in one place, so that they can
 * be translated. Pure. */
#ifndef NR_ALERT_WORDS_H
#define NR_ALERT_WORDS_H

#include "alert.h"

#include <stddef.h>
#include <stdint.h>

enum show_alert_word {
    SHOW_ALERT_WORD_EXTREME,   /* the label of an Extreme alert */
    SHOW_ALERT_WORD_WARNING,   /* ... Severe */
    SHOW_ALERT_WORD_ADVISORY,  /* ... Moderate */
    SHOW_ALERT_WORD_NOTICE,    /* ... Minor or Unknown */
    SHOW_ALERT_WORD_UNTIL,     /* "Until %s": %s the time it expires */
    SHOW_ALERT_WORD_FROM,      /* "From %s": %s the time it takes effect */
    SHOW_ALERT_WORD_ISSUED_BY, /* "Issued by %s": %s the sender's name */
    SHOW_ALERT_WORD_COUNT
};

/* The text (a printf format for the ones taking %s). Static string. */
const char *show_alert_word(enum show_alert_word w);

/* The label for a's severity ("Warning"). Static string. */
const char *show_alert_label(const struct alert *a);

/* "Until 14:30" (today) or "Until Thu 14:30" (another day) in local time, from a's expiry;
 * "" when it has none. now_unix picks "today". */
void show_alert_until_text(const struct alert *a, int64_t now_unix, char *out, size_t len);

#endif
