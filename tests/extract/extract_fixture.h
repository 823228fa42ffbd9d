/* extract_fixture.h: raw feed items built in C for the extract tests. */
#ifndef NR_EXTRACT_FIXTURE_H
#define NR_EXTRACT_FIXTURE_H

#include "testsupport.h"

#include "alloc.h"
#include "feed.h"
#include "story.h"

#include <stdlib.h>
#include <string.h>

#define FX_MAX_MEDIA 8

struct fx {
    struct feed feed;
    struct feed_item item;
    struct feed_media media[FX_MAX_MEDIA];
};

static inline void fx_init(struct fx *f, const char *title, const char *summary,
                           const char *content)
{
    memset(f, 0, sizeof *f);
    f->feed.title = xstrdup("Test Wire");
    f->feed.link = xstrdup("https://news.example.org/");
    f->item.title = xstrdup(title);
    f->item.summary_html = xstrdup(summary);
    f->item.content_html = xstrdup(content);
    f->item.link = xstrdup("https://news.example.org/a/1");
    f->item.base_url = xstrdup("https://news.example.org/a/1");
    f->item.media = f->media;
    f->feed.items = &f->item;
    f->feed.n_items = 1;
}

/* Adds a media element; strings may be NULL. Returns it for further fields. */
static inline struct feed_media *fx_media(struct fx *f, enum media_kind kind, const char *url,
                                          const char *type, int w, int h)
{
    assert_true(f->item.n_media < FX_MAX_MEDIA);
    struct feed_media *m = &f->media[f->item.n_media++];
    m->kind = kind;
    m->url = xstrdup(url);
    m->type = xstrdup(type);
    m->width = w;
    m->height = h;
    return m;
}

static inline void fx_release(struct fx *f)
{
    for (size_t i = 0; i < f->item.n_media; i++) {
        struct feed_media *m = &f->media[i];
        free(m->url);
        free(m->type);
        free(m->medium);
        free(m->title);
        free(m->description);
        free(m->credit);
    }
    free(f->feed.title);
    free(f->feed.link);
    free(f->item.title);
    free(f->item.summary_html);
    free(f->item.content_html);
    free(f->item.link);
    free(f->item.base_url);
    free(f->item.guid);
}

/* Extracts the item; asserts success. */
static inline void fx_extract(struct fx *f, struct story *s)
{
    struct nr_err err = { 0 };
    struct extract_options eo = { .screen_w = 1920, .screen_h = 1080 };
    assert_int_equal(story_extract(&f->feed, &f->item, &eo, s, &err), NR_OK);
}

#endif
