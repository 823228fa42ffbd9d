/* logos.c: the feeds' logos, asked for as their slides come up and kept small. */
#include "logos.h"

#include "show_int.h"

#include "alloc.h"
#include "log.h"
#include "strutil.h"
#include "worker.h"

#include <SDL.h>
#include <stdlib.h>
#include <string.h>

#define LOGO_ASK_AGAIN_MS 60000 /* a request dropped from a full queue is asked again */

struct show_logo {
    char *url;        /* where the logo comes from; owned; NULL: none */
    bool from_file;   /* url is the [feed NAME] logo file (file://) */
    bool allow_files; /* the worker may read url from the disk */
    SDL_Surface *img; /* decoded; NULL until it came */
    uint64_t asked_ms;
    bool refused;
};

void show_logos_free(struct show *s)
{
    for (size_t i = 0; s->logos && i < s->n_logos; i++) {
        free(s->logos[i].url);
        SDL_FreeSurface(s->logos[i].img);
    }
    free(s->logos);
    s->logos = NULL;
    s->n_logos = 0;
}

void show_logos_reset(struct show *s)
{
    show_logos_free(s);
    s->n_logos = s->pl.n_feeds;
    s->logos = xcalloc(s->n_logos ? s->n_logos : 1, sizeof *s->logos);
    for (size_t i = 0; i < s->n_logos; i++) {
        const struct config_feed_rules *r = s->pl.feeds[i].rules;
        if (r && r->logo) {
            s->logos[i].url = pipeline_input_url(r->logo);
            s->logos[i].from_file = s->logos[i].allow_files = true; /* the user named it */
        }
    }
}

void show_logos_note_url(struct show *s, size_t feed, const char *url)
{
    if (feed >= s->n_logos || !url)
        return;
    struct show_logo *l = &s->logos[feed];
    if (l->from_file || (l->url && strcmp(l->url, url) == 0))
        return;
    free(l->url);
    SDL_FreeSurface(l->img);
    memset(l, 0, sizeof *l);
    l->url = xstrdup(url);
    /* a feed the user named as a file may name a logo beside it */
    l->allow_files = s->pl.feeds[feed].local && nr_starts_with_ci(url, "file:");
}

void show_logos_want(struct show *s, size_t feed)
{
    if (feed >= s->n_logos || !s->worker)
        return;
    struct show_logo *l = &s->logos[feed];
    uint64_t now = show_now_ms();
    if (!l->url || l->img || l->refused || (l->asked_ms && now - l->asked_ms < LOGO_ASK_AGAIN_MS))
        return;
    l->asked_ms = now;
    pipeline_worker_request_logo(s->worker, SHOW_LOGO_ID_BIT | feed, l->url, l->allow_files);
}

bool show_logos_take(struct show *s, struct worker_photo *p)
{
    if (!(p->id & SHOW_LOGO_ID_BIT))
        return false;
    size_t feed = (size_t)(p->id & ~SHOW_LOGO_ID_BIT);
    if (feed >= s->n_logos || s->logos[feed].img)
        return true; /* a feed that went, or an answer to a repeated request */
    struct show_logo *l = &s->logos[feed];
    if (!p->photo) {
        l->refused = true; /* the worker logged why; a new URL tries again */
        nr_info("logo '%s' of '%s' not shown: %s", l->url, s->pl.feeds[feed].input, p->error);
        return true;
    }
    l->img = p->photo;
    p->photo = NULL;
    nr_debug("logo of '%s': %dx%d", s->pl.feeds[feed].input, l->img->w, l->img->h);
    return true;
}

SDL_Surface *show_logos_get(const struct show *s, size_t feed)
{
    return feed < s->n_logos ? s->logos[feed].img : NULL;
}
