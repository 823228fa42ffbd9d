/* playlist.h: what the slideshow has to show: the feeds and their last good stories, the
 * rotation order, the breaking-news queue and which feeds are stale. Pure: no SDL, no I/O,
 * no clock of its own (callers pass the time); used from the main thread only. */
#ifndef NR_PLAYLIST_H
#define NR_PLAYLIST_H

#include "config.h"
#include "rotation.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PLAYLIST_MAX_ORDER 500 /* the range of show.max_stories */
#define PLAYLIST_MAX_BREAKING 16
#define PLAYLIST_NONE SIZE_MAX /* "no position": the idle slide */

struct playlist_feed {
    char *input;               /* as configured; owned */
    bool local;                /* a file the user named: its photos may be files */
    char *title;               /* owned; NULL until known */
    struct story_list stories; /* the last good ones; owned */
    int64_t success_unix;      /* wall time of the last success; 0: never */
    uint64_t success_ms;       /* the same on the monotonic clock; 0: never */
    long http_status;          /* of the last attempt */
    char error[512];           /* of the last attempt; "" when it succeeded */
    uint64_t next_attempt_ms;
    bool answered;                         /* a refresh (not the cache) has reported */
    const struct config_feed_rules *rules; /* its [feed NAME] rules; borrowed from the
                                            * config; NULL: none (show_playlist_set_rules) */
    bool off_air;                          /* outside its days or hours at the last rebuild */
};

struct playlist {
    /* owned; n_feeds of them, then one more: feeds[n_feeds] holds the announcements that
     * show now (announce_mix.c), never fetched, never stale */
    struct playlist_feed *feeds;
    size_t n_feeds;
    size_t feeds_answered; /* feeds whose first refresh has reported */
    struct rot_entry order[PLAYLIST_MAX_ORDER];
    size_t n_order;
    char *breaking[PLAYLIST_MAX_BREAKING]; /* ids to show next, oldest first; owned */
    size_t n_breaking;
    int64_t refresh_ms; /* a feed is stale after two of these without success */
    /* The rotation holds the stories first (order[0..n_news)), then the announcements;
     * show_playlist_next mixes them in (announce_mix.c). */
    size_t n_news;
    int announce_every;     /* one announcement after this many stories (>= 1) */
    int announce_position;  /* 1..: one a round, before this story; 0: every decides */
    size_t announce_cursor; /* the announcement shown next, from the one on screen */
    size_t last_news_pos;   /* the story the announcement on screen followed */
};

/* The announcements' slot: feeds[pl->n_feeds]. */
#define PLAYLIST_ANNOUNCE(pl) (&(pl)->feeds[(pl)->n_feeds])

/* Replaces the announcements that show (taken; the caller rebuilds the order). */
void show_playlist_take_announcements(struct playlist *pl, struct story_list *stories);

/* The position after cur_pos (< n_order, or PLAYLIST_NONE) when the rotation holds
 * announcements: the stories in turn, and one announcement (each in turn) after every
 * announce_every stories, or before story announce_position of each round; the
 * announcements alone when there are no stories. Depends only on cur_pos and what was
 * on screen before it: asking twice gives the same answer. */
size_t show_playlist_mix_next(struct playlist *pl, size_t cur_pos);

/* The positions of the stories that follow cur (< n_order, or PLAYLIST_NONE: from the
 * first) round the rotation, announcements left out, at most max of them, written to out;
 * returns how many. When cur is an announcement they follow the story it came after. For
 * what lists the next stories (the ticker, the digest slide). Pure. */
size_t show_playlist_next_stories(const struct playlist *pl, size_t cur, size_t max, size_t *out);

/* Fills pl with one empty feed per input (copied). is_local(input) says whether the input
 * is a file the user named. Release with show_playlist_release(). */
void show_playlist_init(struct playlist *pl, char *const *inputs, size_t n, int64_t refresh_ms,
                        bool (*is_local)(const char *input));
void show_playlist_release(struct playlist *pl); /* accepts a zeroed playlist */

/* After a reload: moves the stories, titles and last success of every feed of old whose
 * input is also in pl (by input) into pl. map (room for old->n_feeds) receives, for each
 * old feed index, its index in pl, or PLAYLIST_NONE when it went; may be NULL. The
 * breaking queue moves too. The order of pl is rebuilt by the caller (show_playlist_rebuild). */
void show_playlist_adopt(struct playlist *pl, struct playlist *old, size_t *map);

/* Whether feed `feed` has had no success for two refresh intervals at now_ms. A feed that
 * never succeeded is not stale (it has no stories to badge). Out of range: false. */
bool show_playlist_feed_stale(const struct playlist *pl, size_t feed, uint64_t now_ms);

/* Borrows each feed's [feed NAME] rules from c (config_feed_rules; pl's feeds are c's, in
 * its order) for show_playlist_rebuild; c must outlive their use. */
void show_playlist_set_rules(struct playlist *pl, const struct config *c);

/* Whether a feed's days or hours began or ended since the last rebuild, at now_unix (local
 * time): the rotation is to be built again. Cheap: the slideshow asks at each slide change. */
bool show_playlist_schedule_moved(const struct playlist *pl, int64_t now_unix);

/* Builds the rotation again from the feeds' stories (show_rotation_build) under the feeds'
 * rules at now_unix (words, own limits, weight; a feed off its days or hours gives none);
 * when every story is older than max_age_s, builds it without the age limits: old news
 * beats an empty screen. */
void show_playlist_rebuild(struct playlist *pl, size_t max_stories, int64_t max_age_s,
                           int64_t now_unix);

/* The order in which the rotation shows one feed's stories (as show_playlist_rebuild builds it,
 * that feed alone): indices into l written to out (room for cap), first shown first;
 * returns how many. Pure: the worker calls it from its thread to read articles in that
 * order (a worker_order_fn). */
size_t show_playlist_feed_order(const struct story_list *l, size_t max_stories, int64_t max_age_s,
                                int64_t now_unix, size_t *out, size_t cap);

/* The story at rotation position pos (< n_order); borrowed until the next change. */
const struct story *show_playlist_story(const struct playlist *pl, size_t pos);
/* The name the story at pos (< n_order) is shown under: its feed's label ([feed NAME]
 * label), else its own source. Borrowed until the next change. */
const char *show_playlist_source(const struct playlist *pl, size_t pos);
/* The feed of the story at pos (< n_order). */
size_t show_playlist_feed_of(const struct playlist *pl, size_t pos);
/* The position of the story with this id, or n_order when it is not in the rotation. */
size_t show_playlist_find(const struct playlist *pl, const char *id);

/* What comes after the slide at cur_pos (PLAYLIST_NONE: the idle slide or none): the oldest
 * queued breaking story still in the rotation and not on screen (the queue is consumed as
 * it is looked at), else the next position round the rotation; PLAYLIST_NONE when the
 * rotation is empty. */
size_t show_playlist_next(struct playlist *pl, size_t cur_pos);

/* A refresh (or the disk cache) brought stories for feed `feed`: they replace what it held
 * (stories and title are taken; title may be NULL to keep the old). Stories that the feed
 * did not hold before and that were published within breaking_s of now_unix join the
 * breaking queue, unless from_cache or the feed held nothing yet (a first load is not
 * news). The caller rebuilds the order. */
void show_playlist_take_stories(struct playlist *pl, size_t feed, struct story_list *stories,
                                char *title, bool from_cache, int64_t now_unix, int64_t breaking_s);

#endif
