/* announce_mix.c: where announcements come between the stories of the rotation. */
#include "playlist.h"

#include <string.h>

void show_playlist_take_announcements(struct playlist *pl, struct story_list *stories)
{
    struct playlist_feed *a = PLAYLIST_ANNOUNCE(pl);
    story_list_release(&a->stories);
    a->stories = *stories;
    memset(stories, 0, sizeof *stories);
}

/* Whether an announcement comes after story position p (< n_news). */
static bool slot_after(const struct playlist *pl, size_t p)
{
    size_t n = pl->n_news;
    if (pl->announce_position > 0) {
        /* before story `position` of each round: after the one before it (the last story
         * of the round for position 1, or for a position past the round's end) */
        size_t before = (size_t)pl->announce_position - 1;
        return before == 0 || before >= n ? p == n - 1 : p == before - 1;
    }
    size_t every = pl->announce_every > 0 ? (size_t)pl->announce_every : 1;
    /* a round shorter than the share still has one */
    return (p + 1) % every == 0 || (n < every && p == n - 1);
}

size_t show_playlist_mix_next(struct playlist *pl, size_t cur_pos)
{
    size_t n_news = pl->n_news, n_ann = pl->n_order - pl->n_news;
    if (n_ann == 0)
        return cur_pos < pl->n_order ? (cur_pos + 1) % pl->n_order : 0;
    if (cur_pos >= n_news && cur_pos < pl->n_order) {
        /* on an announcement: the one after it is next in turn, and the stories go on
         * after the one it followed */
        pl->announce_cursor = (cur_pos - n_news + 1) % n_ann;
        if (n_news == 0)
            return n_news + pl->announce_cursor;
        return pl->last_news_pos < n_news ? (pl->last_news_pos + 1) % n_news : 0;
    }
    if (n_news == 0) /* announcements alone (no stories yet): each in turn */
        return n_news + pl->announce_cursor % n_ann;
    if (cur_pos >= n_news) /* the idle slide or none yet */
        return 0;
    pl->last_news_pos = cur_pos;
    if (slot_after(pl, cur_pos))
        return n_news + pl->announce_cursor % n_ann;
    return (cur_pos + 1) % n_news;
}

size_t show_playlist_next_stories(const struct playlist *pl, size_t cur, size_t max, size_t *out)
{
    size_t n = pl->n_order, k = 0;
    if (cur >= pl->n_news && cur < n) /* an announcement: the stories go on after its story */
        cur = pl->last_news_pos < pl->n_news ? pl->last_news_pos : PLAYLIST_NONE;
    for (size_t i = 1; i <= n && k < max; i++) {
        size_t pos = cur < n ? (cur + i) % n : i - 1;
        if (pos == cur)
            break; /* round the rotation and back to the slide on screen */
        if (pos < pl->n_news)
            out[k++] = pos;
    }
    return k;
}
