/* fuzz_checks.c: what feed.h and story.h promise, as checks that abort when broken. */
#include "fuzz_checks.h"

#include "fuzz.h"
#include "nr_limits.h"

#include <ctype.h>
#include <string.h>

bool fuzz_url_is_absolute(const char *s)
{
    if (!s || !isalpha((unsigned char)*s))
        return false;
    for (s++; *s; s++) {
        if (*s == ':')
            return true;
        if (!isalnum((unsigned char)*s) && *s != '+' && *s != '-' && *s != '.')
            return false;
    }
    return false;
}

static void check_url(const char *field, const char *url)
{
    fuzz_check_text(field, url, NR_MAX_CONTENT_BYTES);
    if (url && !fuzz_url_is_absolute(url))
        fuzz_violation_at(__FILE__, __LINE__, field, "absolute URL", url);
}

void fuzz_check_item(const struct feed_item *it)
{
    /* feed.h: "Text fields are valid UTF-8, capped (nr_limits.h)". Resolved URLs may grow
     * by percent-encoding, so the loose cap there; the point is that nothing is unbounded. */
    fuzz_check_text("item title", it->title, NR_MAX_FIELD_BYTES);
    check_url("item link", it->link);
    fuzz_check_text("item guid", it->guid, NR_MAX_FIELD_BYTES);
    fuzz_check_text("item summary_html", it->summary_html, NR_MAX_CONTENT_BYTES);
    fuzz_check_text("item content_html", it->content_html, NR_MAX_CONTENT_BYTES);
    fuzz_check_text("item author", it->author, NR_MAX_FIELD_BYTES);
    fuzz_check_text("item base_url", it->base_url, NR_MAX_CONTENT_BYTES);
    FUZZ_CHECK(it->n_categories == 0 || it->categories, "item categories");
    for (size_t i = 0; i < it->n_categories; i++) {
        FUZZ_CHECK(it->categories[i], "item category");
        fuzz_check_text("item category", it->categories[i], NR_MAX_FIELD_BYTES);
    }
    FUZZ_CHECK(it->n_media <= NR_MAX_MEDIA, "item media count");
    FUZZ_CHECK(it->n_media == 0 || it->media, "item media");
    for (size_t i = 0; i < it->n_media; i++) {
        const struct feed_media *m = &it->media[i];
        check_url("media url", m->url);
        fuzz_check_text("media type", m->type, NR_MAX_FIELD_BYTES);
        fuzz_check_text("media medium", m->medium, NR_MAX_FIELD_BYTES);
        fuzz_check_text("media title", m->title, NR_MAX_FIELD_BYTES);
        fuzz_check_text("media description", m->description, NR_MAX_CONTENT_BYTES);
        fuzz_check_text("media credit", m->credit, NR_MAX_FIELD_BYTES);
    }
}

void fuzz_check_feed(const struct feed *f, size_t max_items)
{
    size_t cap = max_items && max_items < NR_MAX_ITEMS ? max_items : NR_MAX_ITEMS;
    FUZZ_CHECK(f->format != FEED_UNKNOWN, "format of a parsed feed");
    FUZZ_CHECK(f->n_items <= cap, "item count within max_items");
    FUZZ_CHECK(f->n_items == 0 || f->items, "items");
    FUZZ_CHECK(f->ttl_minutes >= 0, "ttl_minutes");
    fuzz_check_text("feed title", f->title, NR_MAX_FIELD_BYTES);
    fuzz_check_text("feed link", f->link, NR_MAX_CONTENT_BYTES);
    fuzz_check_text("feed language", f->language, NR_MAX_FIELD_BYTES);
    check_url("discovered_feed_url", f->discovered_feed_url);
    for (size_t i = 0; i < f->n_items; i++)
        fuzz_check_item(&f->items[i]);
}

void fuzz_check_story(const struct story *s)
{
    /* story.h: headline never NULL after NR_OK; speaker whenever quote; strings UTF-8 */
    FUZZ_CHECK(s->headline, "story headline");
    FUZZ_CHECK(!s->quote || s->speaker, "speaker of a quote");
    fuzz_check_text("story id", s->id, 0);
    fuzz_check_text("story headline", s->headline, 0);
    fuzz_check_text("story dek", s->dek, 0);
    fuzz_check_text("story quote", s->quote, 0);
    fuzz_check_text("story speaker", s->speaker, 0);
    check_url("story photo_url", s->photo_url);
    fuzz_check_text("story caption", s->caption, 0);
    fuzz_check_text("story credit", s->credit, 0);
    fuzz_check_text("story source", s->source, 0);
    fuzz_check_text("story link", s->link, 0);
}

void fuzz_extract_item(const struct feed *f, const struct feed_item *it,
                       const struct extract_options *opt)
{
    struct story s, copy;
    struct nr_err err = { 0 };
    memset(&copy, 0, sizeof copy);
    if (story_extract(f, it, opt, &s, &err) == NR_OK) {
        fuzz_check_story(&s);
        story_copy(&copy, &s);
        FUZZ_CHECK(copy.headline && strcmp(copy.headline, s.headline) == 0, "story_copy");
        FUZZ_CHECK(copy.headline != s.headline, "story_copy is deep");
        story_release(&copy);
        story_release(&s);
    }
    /* on failure nothing is released, as the pipeline does: LeakSanitizer sees any leak */
}
