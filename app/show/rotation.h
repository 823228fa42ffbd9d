/* rotation.h: which story shows when: newest first, age and count limits, feeds
 * interleaved, breaking news first, dwell time from reading length. Pure: no I/O, no SDL. */
#ifndef NR_ROTATION_H
#define NR_ROTATION_H

#include "pipeline.h"

#include <stddef.h>
#include <stdint.h>

/* One slide of the rotation: story `story` of feed `feed`. */
struct rot_entry {
    size_t feed;
    size_t story;
};

/* What one feed's own rules ask of the rotation (feedrules.h). */
struct rotation_feed {
    bool off;           /* the feed is off the air (its days or hours): none of its stories */
    const bool *skip;   /* per story of the feed: left out (include/exclude); NULL: none */
    size_t max_stories; /* the feed's stories at most; 0: no limit of its own */
    int64_t max_age_s;  /* the feed's own age limit; 0: the params' */
    int weight;         /* its share of the interleaving; 0 reads as 1 */
};

struct rotation_params {
    size_t max_stories;                /* entries at most */
    int64_t max_age_s;                 /* stories published longer ago are left out; 0: no limit */
    const struct rotation_feed *feeds; /* one per feed; NULL: all as a plain feed */
};

/* Builds the rotation of n_feeds story lists into out (room for out_cap entries): each
 * feed's stories newest first (undated ones after the dated, in feed order), those older
 * than max_age_s left out (undated ones kept), a story whose id repeats an earlier one left
 * out (as is the same story from another feed: story_is_duplicate), then the feeds
 * interleaved, each in proportion to its weight (smooth weighted round robin: with equal
 * weights one story each in turn; a feed of weight 2 twice as often as one of weight 1,
 * spread out). Feeds' own rules (p->feeds) apply first. Returns the entries written
 * (at most min(out_cap, max_stories)). Borrows feeds. */
size_t show_rotation_build(const struct story_list *feeds, size_t n_feeds,
                           const struct rotation_params *p, int64_t now_unix, struct rot_entry *out,
                           size_t out_cap);

/* Index in order[0..n) of the story with this id, or n when absent. */
size_t show_rotation_find(const struct rot_entry *order, size_t n, const struct story_list *feeds,
                          const char *id);

/* True when s was published within breaking_s of now (and not in the future by more than
 * a minute: a feed with a wrong clock is not news forever). breaking_s 0: never. */
bool show_rotation_is_breaking(const struct story *s, int64_t now_unix, int64_t breaking_s);

/* How long s stays: its words (headline, dek, quote, caption) read at wpm words a minute,
 * plus two seconds to take in the photo, clamped to [min_s, max_s]; in ms. */
int64_t show_rotation_dwell_ms(const struct story *s, int min_s, int max_s, int wpm);

#endif
