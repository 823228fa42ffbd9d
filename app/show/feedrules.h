/* feedrules.h: what a [feed NAME] section's rules (config_feed_rules) do to its stories:
 * include and exclude words matched as whole words with case and accents aside, the feed's
 * own count and age limits, and the days and hours it is shown. Pure: no SDL, no I/O, no
 * clock of its own (callers pass the time). Any thread. */
#ifndef NR_FEEDRULES_H
#define NR_FEEDRULES_H

#include "config.h"
#include "story.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Why a story of a feed is not shown. */
enum show_rules_reason {
    SHOW_RULES_KEEP,
    SHOW_RULES_EXCLUDED,     /* it names an exclude word */
    SHOW_RULES_NOT_INCLUDED, /* the feed has include words and it names none */
    SHOW_RULES_TOO_OLD,      /* older than the feed's max_age_hours */
    SHOW_RULES_OVER_MAX,     /* past the feed's max_stories (newest first) */
    SHOW_RULES_OFF_AIR,      /* outside the feed's days or hours */
    SHOW_RULES_REASONS
};

/* The words of utf8 for whole-word matching: case folded (ß is ss), accents and other
 * combining marks dropped (é is e, ñ is n), everything that is not a letter or digit a
 * single space, with one space before and after (" cafe de l ete "). At most the first
 * SHOW_RULES_MAX_TEXT bytes of utf8 are read. NULL gives " ". New string; free with free(). */
#define SHOW_RULES_MAX_TEXT 16384
char *show_rules_fold(const char *utf8);

/* Whether the folded text names the phrase (folded here): its words in a row, whole. A
 * phrase with no letter or digit names nothing. */
bool show_rules_names(const char *folded_text, const char *phrase);

/* Include and exclude words of r against s's headline, dek and categories. Returns
 * SHOW_RULES_KEEP, SHOW_RULES_EXCLUDED or SHOW_RULES_NOT_INCLUDED. r NULL: keep. */
enum show_rules_reason show_rules_judge(const struct config_feed_rules *r, const struct story *s);

/* Whether r's days and hours include weekday wday (0 Sunday) at minute (0..1439) of the day,
 * local time. Hours that run over midnight belong to the day they start on: with days =
 * mon-fri and hours = 22:00-02:00, Saturday 01:00 is shown and Monday 01:00 is not. r NULL,
 * or neither set: always. */
bool show_rules_on_air(const struct config_feed_rules *r, int wday, int minute);

/* The same at now_unix in the process's local time zone. */
bool show_rules_on_air_at(const struct config_feed_rules *r, int64_t now_unix);

/* Stories left out of one feed, by reason. */
struct show_rules_counts {
    size_t n[SHOW_RULES_REASONS];
};

/* For --dump and --render: drops from l (one feed's stories, in feed order) those r leaves
 * out at now_unix: all of them when off the air, then include/exclude words, then those
 * older than r's max_age_hours, then those past r's max_stories, newest kept. counts is
 * filled (zeroed first). Returns how many went. r NULL: nothing. */
size_t show_rules_filter(const struct config_feed_rules *r, struct story_list *l, int64_t now_unix,
                         struct show_rules_counts *counts);

/* "2 stories left out by exclude, 1 by hours" for a log line; "" when none went. */
void show_rules_describe(const struct show_rules_counts *c, char *out, size_t cap);

/* Gives s (a copy about to be painted) r's label as its source, the kicker's text. r NULL
 * or without a label: nothing. */
void show_rules_dress(const struct config_feed_rules *r, struct story *s);

#endif
