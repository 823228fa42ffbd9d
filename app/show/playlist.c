/* playlist.c: the feeds' stories, the rotation built from them and the breaking queue. */
#include "playlist.h"

#include "alloc.h"
#include "feedrules.h"

#include <stdlib.h>
#include <string.h>

void show_playlist_init(struct playlist *pl, char *const *inputs, size_t n, int64_t refresh_ms,
                        bool (*is_local)(const char *input))
{
    memset(pl, 0, sizeof *pl);
    pl->feeds = xcalloc(n + 1, sizeof *pl->feeds); /* and the announcements' slot */
    pl->n_feeds = n;
    pl->refresh_ms = refresh_ms;
    pl->announce_every = 4;
    PLAYLIST_ANNOUNCE(pl)->input = xstrdup("announcements");
    PLAYLIST_ANNOUNCE(pl)->local = true;
    for (size_t i = 0; i < n; i++) {
        pl->feeds[i].input = xstrdup(inputs[i]);
        pl->feeds[i].local = is_local && is_local(inputs[i]);
    }
}

void show_playlist_release(struct playlist *pl)
{
    if (!pl)
        return;
    for (size_t i = 0; pl->feeds && i <= pl->n_feeds; i++) {
        free(pl->feeds[i].input);
        free(pl->feeds[i].title);
        story_list_release(&pl->feeds[i].stories);
    }
    free(pl->feeds);
    for (size_t i = 0; i < pl->n_breaking; i++)
        free(pl->breaking[i]);
    memset(pl, 0, sizeof *pl);
}

void show_playlist_adopt(struct playlist *pl, struct playlist *old, size_t *map)
{
    for (size_t k = 0; k < old->n_feeds; k++) {
        struct playlist_feed *o = &old->feeds[k];
        if (map)
            map[k] = PLAYLIST_NONE;
        for (size_t i = 0; o->input && i < pl->n_feeds; i++) {
            struct playlist_feed *f = &pl->feeds[i];
            if (!f->input || strcmp(f->input, o->input) != 0 || f->stories.items || f->title)
                continue; /* a feed named twice adopts once */
            f->stories = o->stories;
            memset(&o->stories, 0, sizeof o->stories);
            f->title = o->title;
            o->title = NULL;
            f->success_unix = o->success_unix;
            f->success_ms = o->success_ms;
            if (map)
                map[k] = i;
            break;
        }
    }
    /* breaking news still waiting stays queued (show_playlist_next drops ids that went) */
    for (size_t i = 0; i < old->n_breaking && pl->n_breaking < PLAYLIST_MAX_BREAKING; i++) {
        pl->breaking[pl->n_breaking++] = old->breaking[i];
        old->breaking[i] = NULL;
    }
    old->n_breaking = 0;
}

bool show_playlist_feed_stale(const struct playlist *pl, size_t feed, uint64_t now_ms)
{
    if (feed >= pl->n_feeds || !pl->feeds[feed].success_ms)
        return false; /* never succeeded: it has no stories to badge either */
    return now_ms - pl->feeds[feed].success_ms > 2 * (uint64_t)pl->refresh_ms;
}

/* The feeds' story lists side by side, as rotation.h takes them: shallow copies. */
static struct story_list *lists_of(const struct playlist *pl)
{
    struct story_list *lists = xcalloc(pl->n_feeds + 1, sizeof *lists);
    for (size_t i = 0; i <= pl->n_feeds; i++)
        lists[i] = pl->feeds[i].stories;
    return lists;
}

void show_playlist_set_rules(struct playlist *pl, const struct config *c)
{
    for (size_t i = 0; i < pl->n_feeds; i++)
        pl->feeds[i].rules = i < c->n_feeds ? config_feed_rules(c, i) : NULL;
}

bool show_playlist_schedule_moved(const struct playlist *pl, int64_t now_unix)
{
    for (size_t i = 0; i < pl->n_feeds; i++)
        if (pl->feeds[i].rules &&
            pl->feeds[i].off_air != !show_rules_on_air_at(pl->feeds[i].rules, now_unix))
            return true;
    return false;
}

/* Each feed's rules for show_rotation_build at now_unix; *skips holds every feed's skip
 * flags. Both owned by the caller. */
static struct rotation_feed *rotation_feeds(struct playlist *pl, int64_t now_unix, bool **skips)
{
    struct rotation_feed *rf = xcalloc(pl->n_feeds ? pl->n_feeds : 1, sizeof *rf);
    size_t total = 1, at = 0;
    for (size_t i = 0; i < pl->n_feeds; i++)
        total += pl->feeds[i].stories.n;
    *skips = xcalloc(total, sizeof **skips);
    for (size_t i = 0; i < pl->n_feeds; i++) {
        struct playlist_feed *f = &pl->feeds[i];
        const struct config_feed_rules *r = f->rules;
        f->off_air = r && !show_rules_on_air_at(r, now_unix);
        if (!r)
            continue;
        rf[i].off = f->off_air;
        rf[i].max_stories = r->max_stories > 0 ? (size_t)r->max_stories : 0;
        rf[i].max_age_s = (int64_t)r->max_age_hours * 3600;
        rf[i].weight = r->weight;
        if ((r->n_include || r->n_exclude) && f->stories.n && !f->off_air) {
            bool *skip = *skips + at;
            for (size_t k = 0; k < f->stories.n; k++)
                skip[k] = show_rules_judge(r, &f->stories.items[k]) != SHOW_RULES_KEEP;
            rf[i].skip = skip;
            at += f->stories.n;
        }
    }
    return rf;
}

void show_playlist_rebuild(struct playlist *pl, size_t max_stories, int64_t max_age_s,
                           int64_t now_unix)
{
    struct story_list *lists = lists_of(pl);
    bool *skips;
    struct rotation_feed *rf = rotation_feeds(pl, now_unix, &skips);
    struct rotation_params p = { .max_stories = max_stories, .max_age_s = max_age_s, .feeds = rf };
    pl->n_order =
        show_rotation_build(lists, pl->n_feeds, &p, now_unix, pl->order, PLAYLIST_MAX_ORDER);
    if (pl->n_order == 0) { /* old news beats none: no age limit at all */
        bool aged = p.max_age_s > 0;
        for (size_t i = 0; i < pl->n_feeds; i++) {
            aged = aged || rf[i].max_age_s > 0;
            rf[i].max_age_s = 0;
        }
        p.max_age_s = 0;
        if (aged)
            pl->n_order = show_rotation_build(lists, pl->n_feeds, &p, now_unix, pl->order,
                                              PLAYLIST_MAX_ORDER);
    }
    free(skips);
    free(rf);
    pl->n_news = pl->n_order;
    /* the announcements after the stories, each once: show_playlist_next mixes them in */
    const struct story_list *ann = &PLAYLIST_ANNOUNCE(pl)->stories;
    for (size_t i = 0; i < ann->n && pl->n_order < PLAYLIST_MAX_ORDER; i++)
        pl->order[pl->n_order++] = (struct rot_entry){ .feed = pl->n_feeds, .story = i };
    free(lists);
}

size_t show_playlist_feed_order(const struct story_list *l, size_t max_stories, int64_t max_age_s,
                                int64_t now_unix, size_t *out, size_t cap)
{
    struct rot_entry *order = xcalloc(cap ? cap : 1, sizeof *order);
    struct rotation_params p = { .max_stories = max_stories, .max_age_s = max_age_s };
    size_t n = show_rotation_build(l, 1, &p, now_unix, order, cap);
    if (n == 0 && p.max_age_s > 0) { /* as show_playlist_rebuild: old news beats none */
        p.max_age_s = 0;
        n = show_rotation_build(l, 1, &p, now_unix, order, cap);
    }
    for (size_t i = 0; i < n; i++)
        out[i] = order[i].story;
    free(order);
    return n;
}

const struct story *show_playlist_story(const struct playlist *pl, size_t pos)
{
    return &pl->feeds[pl->order[pos].feed].stories.items[pl->order[pos].story];
}

const char *show_playlist_source(const struct playlist *pl, size_t pos)
{
    const struct config_feed_rules *r = pl->feeds[pl->order[pos].feed].rules;
    return r && r->label ? r->label : show_playlist_story(pl, pos)->source;
}

size_t show_playlist_feed_of(const struct playlist *pl, size_t pos)
{
    return pl->order[pos].feed;
}

size_t show_playlist_find(const struct playlist *pl, const char *id)
{
    struct story_list *lists = lists_of(pl);
    size_t pos = show_rotation_find(pl->order, pl->n_order, lists, id);
    free(lists);
    return pos;
}

size_t show_playlist_next(struct playlist *pl, size_t cur_pos)
{
    while (pl->n_breaking > 0) {
        char *id = pl->breaking[0];
        memmove(&pl->breaking[0], &pl->breaking[1], --pl->n_breaking * sizeof pl->breaking[0]);
        size_t pos = show_playlist_find(pl, id);
        free(id);
        if (pos < pl->n_order && pos != cur_pos)
            return pos;
    }
    if (pl->n_order == 0)
        return PLAYLIST_NONE;
    if (pl->n_order > pl->n_news)
        return show_playlist_mix_next(pl, cur_pos);
    if (cur_pos >= pl->n_order)
        return 0;
    return (cur_pos + 1) % pl->n_order;
}

static bool story_known(const struct story_list *l, const char *id)
{
    for (size_t i = 0; id && i < l->n; i++)
        if (l->items[i].id && strcmp(l->items[i].id, id) == 0)
            return true;
    return false;
}

void show_playlist_take_stories(struct playlist *pl, size_t feed, struct story_list *stories,
                                char *title, bool from_cache, int64_t now_unix, int64_t breaking_s)
{
    struct playlist_feed *f = &pl->feeds[feed];
    /* news that arrived just now goes next, ahead of the rotation */
    for (size_t i = 0; !from_cache && f->stories.n && i < stories->n; i++) {
        const struct story *st = &stories->items[i];
        if (pl->n_breaking < PLAYLIST_MAX_BREAKING && st->id && !story_known(&f->stories, st->id) &&
            show_rotation_is_breaking(st, now_unix, breaking_s))
            pl->breaking[pl->n_breaking++] = xstrdup(st->id);
    }
    story_list_release(&f->stories);
    f->stories = *stories;
    memset(stories, 0, sizeof *stories);
    if (title) {
        free(f->title);
        f->title = title;
    }
}
