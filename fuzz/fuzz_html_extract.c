/* fuzz_html_extract.c: story_html_to_text() and story_extract() on an item the fuzzer builds.
 *
 * Input: NUL-separated fields, in this order: content_html, summary_html, title, link,
 * base_url, guid, author, media url, media description, media credit, media type, feed
 * title. Missing fields are absent (NULL), except a missing title, which gets a fixed
 * headline so extraction gets past its first check. A raw HTML file is thus a seed as it
 * is (all content). The last byte also sets flags: a publication date, the media kind and
 * size, the feed's format, a portrait screen. Fields are made what feed.h promises of an
 * item first: valid UTF-8, and links resolved with feed_resolve_url() as parse does. */
#include "fuzz.h"
#include "fuzz_checks.h"

#include "alloc.h"
#include "feed.h"
#include "story.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

enum {
    F_CONTENT,
    F_SUMMARY,
    F_TITLE,
    F_LINK,
    F_BASE,
    F_GUID,
    F_AUTHOR,
    F_MURL,
    F_MDESC,
    F_MCREDIT,
    F_MTYPE,
    F_FEED_TITLE,
    F_COUNT
};

static const enum media_kind kinds[] = { MEDIA_CONTENT, MEDIA_THUMBNAIL, MEDIA_ENCLOSURE,
                                         MEDIA_OG_IMAGE };

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_quiet_log();
    return 0;
}

static char *valid(char *s)
{
    if (!s)
        return NULL;
    char *v = nr_utf8_sanitize(s, strlen(s));
    free(s);
    return v;
}

#define DOC_URL "https://www.example.com/news/feed.xml"

/* Replaces url by its absolute form against base (NULL when it has none); frees url. */
static char *absolute(const char *base, char *url)
{
    if (!url)
        return NULL;
    char *abs = feed_resolve_url(base, url);
    free(url);
    return abs;
}

static void check_text_of(const char *html)
{
    char *text = story_html_to_text(html);
    fuzz_check_text("story_html_to_text", text, 0);
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t flags = size ? data[size - 1] : 0;
    struct fuzz_in in;
    char *fields[F_COUNT];
    fuzz_in_init(&in, data, size);
    for (int i = 0; i < F_COUNT; i++)
        fields[i] = valid(fuzz_field(&in));
    if (!fields[F_TITLE])
        fields[F_TITLE] = xstrdup("Minister says the plan \"will work\" after talks");
    /* feed.h: links and media URLs arrive resolved to absolute, as parse resolves them
     * against the document's URL; an unresolvable media element is dropped there */
    fields[F_BASE] = absolute(DOC_URL, fields[F_BASE]);
    const char *base = fields[F_BASE] ? fields[F_BASE] : DOC_URL;
    fields[F_LINK] = absolute(base, fields[F_LINK]);
    fields[F_MURL] = absolute(base, fields[F_MURL]);

    check_text_of(fields[F_CONTENT]);
    check_text_of(fields[F_SUMMARY]);

    struct feed_media media = {
        .kind = kinds[(flags >> 1) & 3],
        .url = fields[F_MURL],
        .description = fields[F_MDESC],
        .credit = fields[F_MCREDIT],
        .type = fields[F_MTYPE],
        .width = (flags & 8) ? 1200 : 0,
        .height = (flags & 8) ? 800 : 0,
    };
    struct feed_item item = {
        .content_html = fields[F_CONTENT],
        .summary_html = fields[F_SUMMARY],
        .title = fields[F_TITLE],
        .link = fields[F_LINK],
        .base_url = fields[F_BASE],
        .guid = fields[F_GUID],
        .author = fields[F_AUTHOR],
        .has_published = flags & 1,
        .published_unix = (flags & 1) ? 1643328000 : 0,
        .media = fields[F_MURL] ? &media : NULL,
        .n_media = fields[F_MURL] ? 1 : 0,
    };
    struct feed feed = {
        .format = (flags & 16) ? FEED_JSON : FEED_RSS,
        .title = fields[F_FEED_TITLE],
        .items = &item,
        .n_items = 1,
    };
    struct extract_options eo = { .screen_w = (flags & 32) ? 1080 : 1920,
                                  .screen_h = (flags & 32) ? 1920 : 1080 };
    fuzz_extract_item(&feed, &item, &eo);

    for (int i = 0; i < F_COUNT; i++)
        free(fields[i]);
    return 0;
}
