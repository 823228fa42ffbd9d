/* photo.c: the lead photo of an item, with its caption and credit kept apart. */
#include "extract_int.h"

#include "alloc.h"
#include "strutil.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "banned.h"

static bool ends_with_ci(const char *s, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    return len >= n && strncasecmp(s + len - n, suffix, n) == 0;
}

/* Length of the URL's path (up to '?' or '#'). */
static size_t path_len(const char *url)
{
    return strcspn(url, "?#");
}

bool xphoto_is_junk(const char *url, int width, int height)
{
    if (nr_str_empty(url))
        return true;
    if ((width > 0 && width <= 2) || (height > 0 && height <= 2))
        return true;   /* tracking pixel */
    if (width > 0 && height > 0 && width <= 32 && height <= 32)
        return true;   /* icon */
    if (nr_starts_with_ci(url, "data:") || nr_starts_with_ci(url, "javascript:"))
        return true;
    static const char *const junk[] = {
        "pixel", "feedburner.com", "feedsportal", "cpx.php", "doubleclick", "gravatar.com",
        "spacer", "blank.gif", "1x1", "/tracking/", "tracker", "beacon", "/icons/",
        "favicon", "emoji", "smilies", "/share/", "sharebutton", "share-button", "share_button", "share-icon",
        "facebook.com/tr", "/ads/", "/ad/", "filetype", "/wp-includes/", "stats.wordpress",
        "pixel.wp.com", "/undefined", "addtoany", "/buttons/", "/badge", "/style_images/",
        "/skins/", "idsite=", "piwik", "matomo", "/analytics", NULL,
    };
    /* The words name web trackers and site furniture; a local file's folders are the
     * installer's ("/usr/share/newsreel/..."), so they are not held against it. */
    bool local = nr_starts_with_ci(url, "file:");
    for (size_t i = 0; junk[i] && !local; i++)
        if (strcasestr(url, junk[i]))
            return true;
    size_t pl = path_len(url);
    if (ends_with_ci(url, pl, ".svg") || ends_with_ci(url, pl, ".ico"))
        return true;
    /* share buttons: a file named after a network ("facebook.gif", "twitter-16.png") */
    static const char *const buttons[] = { "facebook", "twitter", "linkedin", "pinterest",
                                           "reddit", "digg", "delicious", "stumble",
                                           "email", "print", "rss", "feed-icon", "googleplus",
                                           "whatsapp", "addthis", NULL };
    const char *file = url + pl;
    while (file > url && file[-1] != '/')
        file--;
    for (size_t i = 0; buttons[i]; i++)
        if (strncasecmp(file, buttons[i], strlen(buttons[i])) == 0)
            return true;
    /* advertising hosts */
    const char *host = strstr(url, "://");
    host = host ? host + 3 : url;
    if (strncasecmp(host, "ads.", 4) == 0 || strncasecmp(host, "ad.", 3) == 0 ||
        strncasecmp(host, "adserver", 8) == 0)
        return true;
    return false;
}

static bool url_is_media_file(const char *url)
{
    static const char *const exts[] = { ".mp4", ".m4v", ".mov", ".webm", ".mp3", ".m4a",
                                        ".ogg", ".wav", ".pdf", ".m3u8", ".aac", NULL };
    size_t pl = path_len(url);
    for (size_t i = 0; exts[i]; i++)
        if (ends_with_ci(url, pl, exts[i]))
            return true;
    return false;
}

static bool url_is_image_file(const char *url)
{
    static const char *const exts[] = { ".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif",
                                        NULL };
    size_t pl = path_len(url);
    for (size_t i = 0; exts[i]; i++)
        if (ends_with_ci(url, pl, exts[i]))
            return true;
    return false;
}

static bool media_is_image(const struct feed_media *m)
{
    if (!m->url || xphoto_is_junk(m->url, m->width, m->height))
        return false;
    if (m->medium)
        return strcasecmp(m->medium, "image") == 0;
    if (m->type)
        return nr_starts_with_ci(m->type, "image/");
    if (url_is_media_file(m->url))
        return false;
    /* An enclosure with no type is as often a podcast as a photo: want an image name. */
    if (m->kind == MEDIA_ENCLOSURE)
        return url_is_image_file(m->url);
    return true;
}

/* Rank of a media kind: lower is better. */
static int kind_rank(const struct feed_media *m)
{
    switch (m->kind) {
    case MEDIA_CONTENT: return m->in_group ? 1 : 0;
    case MEDIA_THUMBNAIL: return 3;
    case MEDIA_ENCLOSURE: return 2;
    case MEDIA_JSON_IMAGE: return 2;
    case MEDIA_OG_IMAGE: return 2;
    case MEDIA_ITUNES: return 4;
    }
    return 5;
}

static const struct feed_media *best_media(const struct feed_item *item)
{
    const struct feed_media *best = NULL;
    int best_rank = 99;
    for (size_t i = 0; i < item->n_media; i++) {
        const struct feed_media *m = &item->media[i];
        if (!media_is_image(m))
            continue;
        int r = kind_rank(m);
        if (r < best_rank) {
            best = m, best_rank = r;
            continue;
        }
        if (r > best_rank)
            continue;
        /* same kind: the default crop, then the widest, then the first */
        if (best->is_default)
            continue;
        if (m->is_default || m->width > best->width)
            best = m;
    }
    return best;
}

/* Same picture: equal URLs, or equal up to the query string. */
static bool same_url(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    if (strcmp(a, b) == 0)
        return true;
    size_t la = path_len(a), lb = path_len(b);
    return la == lb && la > 12 && strncmp(a, b, la) == 0;
}

static const struct ximg *find_img(const struct xdoc *doc, const char *url, size_t *index)
{
    for (size_t i = 0; doc && i < doc->n_imgs; i++)
        if (same_url(doc->imgs[i].src, url)) {
            *index = i;
            return &doc->imgs[i];
        }
    return NULL;
}

/* Text In Title Case is some story's headline, not a caption of this photo. */
static bool title_case(const char *s)
{
    size_t words = 0, caps = 0;
    bool start = true;
    for (const char *p = s; *p; p++) {
        if (*p == ' ') {
            start = true;
            continue;
        }
        if (start) {
            words++;
            caps += isupper((unsigned char)*p) != 0;
        }
        start = false;
    }
    return words >= 4 && caps * 100 >= words * 85;
}

/* A caption worth showing: prose, not a slug, file name or the headline again. */
/* Button and link text that reached an alt attribute ("Add to Facebook", "Click here"). */
static bool ui_text(const char *s)
{
    static const char *const ui[] = { "add to ", "share ", "follow ", "click ", "subscribe",
                                      "tap ", "read more", "download", "sign up", "watch ",
                                      "view ", "open ", NULL };
    for (size_t i = 0; ui[i]; i++)
        if (nr_starts_with_ci(s, ui[i]))
            return true;
    return false;
}

static bool good_caption(const char *s, const char *headline, size_t min_words)
{
    return !nr_str_empty(s) && !xtext_is_slug(s) && xword_count(s) >= min_words &&
           !title_case(s) && !ui_text(s) && !xtext_repeats(s, headline);
}

/* A credit line in the paragraphs that follow image `index` ("(Image credit: X)"). */
static char *credit_after(const struct xdoc *doc, size_t index)
{
    size_t seen = 0;
    for (size_t i = 0; i < doc->n_paras && seen < 4; i++) {
        if (doc->paras[i].imgs_before != index + 1)
            continue;
        seen++;
        char *c = xcredit_from_line(doc->paras[i].text);
        if (c)
            return c;
    }
    return NULL;
}

/* Fills caption / credit from an <img> of the content when still missing. */
static void from_img(const struct xdoc *doc, const struct ximg *img, size_t index,
                     const char *headline, struct xphoto *out)
{
    /* alt describes the picture for someone who cannot see it; it is never its caption */
    if (!out->caption && good_caption(img->caption, headline, 2))
        out->caption = xstrdup(img->caption);
    if (!out->credit && img->credit)
        out->credit = xstrdup(img->credit);
    if (!out->credit)
        out->credit = credit_after(doc, index);
}

/* Sets caption (and credit when the text carries one) from a media text field. */
static void take_caption(const char *raw, const char *headline, size_t min_words,
                         struct xphoto *out)
{
    if (out->caption || nr_str_empty(raw))
        return;
    char *plain = xplain(raw);
    char *cap = NULL, *cred = NULL;
    xcredit_split(plain, &cap, &cred);
    free(plain);
    if (good_caption(cap, headline, min_words)) {
        out->caption = cap;
        cap = NULL;
        if (!out->credit) {
            out->credit = cred;
            cred = NULL;
        }
    }
    free(cap);
    free(cred);
}

void xphoto_pick(const struct feed_item *item, const struct xdoc *doc, const char *headline,
                 const struct extract_options *opt, struct xphoto *out)
{
    (void)opt;   /* srcset entries were chosen when doc was read */
    memset(out, 0, sizeof *out);
    const struct feed_media *m = best_media(item);
    const struct ximg *img = NULL;
    size_t index = 0;
    if (m) {
        out->url = xstrdup(m->url);
        if (m->credit && !nr_str_empty(m->credit)) {
            char *plain = xplain(m->credit);
            out->credit = xcredit_clean(plain);
            free(plain);
        }
        /* media:text, where a feed gives it beside media:description, is the caption */
        take_caption(m->text, headline, 2, out);
        take_caption(m->description, headline, 2, out);
        take_caption(m->title, headline, 5, out);
        img = find_img(doc, m->url, &index);
    } else {
        for (size_t i = 0; doc && i < doc->n_imgs; i++) {
            const struct ximg *c = &doc->imgs[i];
            if (xphoto_is_junk(c->src, c->width, c->height) || url_is_media_file(c->src))
                continue;
            img = c;
            index = i;
            out->url = xstrdup(c->src);
            break;
        }
    }
    if (img)
        from_img(doc, img, index, headline, out);
    if (out->caption && out->credit && xtext_repeats(out->caption, out->credit)) {
        free(out->caption);
        out->caption = NULL;
    }
}
