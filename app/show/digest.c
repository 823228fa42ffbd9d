/* digest.c: the digest slide in the slideshow: after every show.digest_every story slides,
 * a slide listing the stories that come next; the rotation then goes on where it was. */
#include "show_int.h"

#include "alloc.h"
#include "draw.h"

#include <string.h>

void show_digest_count(struct show *s)
{
    if (s->sl.cur.digest)
        s->stats.digest_slides++;
    else if (!s->sl.cur.idle)
        s->since_digest++;
}

bool show_digest_take(struct show *s, size_t pos)
{
    if (s->cfg->digest_every <= 0 || pos >= s->pl.n_order || s->pl.n_order < 2 ||
        s->since_digest < (unsigned)s->cfg->digest_every)
        return false;
    s->since_digest = 0;
    return true;
}

void show_digest_job(struct show *s, struct slide_job *j, size_t pos)
{
    /* it stands where the slide before pos stands, so that pos comes after it */
    j->digest = true;
    j->pos = (pos + s->pl.n_order - 1) % s->pl.n_order;
    j->feed = SIZE_MAX;
    memset(&j->story, 0, sizeof j->story);
    j->story.id = xstrdup("newsreel:digest");
    j->story.headline = xstrdup(layout_digest_title());
    j->story.source = xstrdup("Newsreel");
}

SDL_Surface *show_digest_paint(struct show *s, const struct slide_job *j, size_t *last_pos,
                               const struct slide_info *info, int w, int h, struct nr_err *err)
{
    size_t at[LAYOUT_DIGEST_MAX_ROWS];
    struct digest_entry e[LAYOUT_DIGEST_MAX_ROWS];
    /* the stories that come next, announcements left out */
    size_t n = show_playlist_next_stories(&s->pl, j->pos, LAYOUT_DIGEST_MAX_ROWS, at);
    for (size_t k = 0; k < n; k++) {
        const struct story *st = show_playlist_story(&s->pl, at[k]);
        e[k] = (struct digest_entry){ show_playlist_source(&s->pl, at[k]), st->headline,
                                      st->has_published, st->published_unix };
    }
    *last_pos = n ? at[n - 1] : j->pos;
    return s->drawer ? drawer_render_digest(s->drawer, e, n, info, w, h, err) : NULL;
}
