/* story.c: an announcement as the story its slide is painted from. */
#include "announce.h"

#include "alloc.h"
#include "strutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ID_TEXT "announce:"
#define ID_PICTURE "announce-picture:"

void announce_story(const struct announce_item *it, struct story *out)
{
    memset(out, 0, sizeof *out);
    bool picture = it->kind == ANNOUNCE_PICTURE;
    size_t n = strlen(ID_PICTURE) + strlen(it->file) + 1;
    out->id = xmalloc(n);
    snprintf(out->id, n, "%s%s", picture ? ID_PICTURE : ID_TEXT, it->file);
    out->has_guid = true;
    out->message = true;
    out->headline = xstrdup(it->title);
    out->dek = xstrdup(it->body);
    out->source = xstrdup(announce_kicker());
    if (it->image) {
        /* the version makes a changed picture a new photo: the slide is painted again */
        n = strlen(it->image) + 48;
        out->photo_url = xmalloc(n);
        snprintf(out->photo_url, n, "file://%s#%llx", it->image, (unsigned long long)it->version);
    }
}

bool announce_story_is(const struct story *s)
{
    return s && s->id && (nr_starts_with(s->id, ID_TEXT) || nr_starts_with(s->id, ID_PICTURE));
}

bool announce_story_is_picture(const struct story *s)
{
    return s && s->id && nr_starts_with(s->id, ID_PICTURE);
}

bool announce_story_image_path(const struct story *s, char *out, size_t cap)
{
    if (!announce_story_is(s) || !s->photo_url || !nr_starts_with(s->photo_url, "file://"))
        return false;
    const char *p = s->photo_url + strlen("file://");
    const char *hash = strrchr(p, '#');
    size_t n = hash ? (size_t)(hash - p) : strlen(p);
    if (n == 0 || n >= cap)
        return false;
    memcpy(out, p, n);
    out[n] = '\0';
    return true;
}
