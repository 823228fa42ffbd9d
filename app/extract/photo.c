/* photo.c: the lead photo of an item, with its caption and credit kept apart. */
#include "extract_int.h"

#include "alloc.h"
#include "strutil.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* Whether word[0..n) is one of words, ignoring case. */
static bool word_in(const char *word, size_t n, const char *const *words)
{
    for (size_t i = 0; words[i]; i++)
        if (strlen(words[i]) == n && strncasecmp(word, words[i], n) == 0)
            return true;
    return false;
}

/* Whether host[0..n) is domain or one of its subdomains. */
static bool host_is(const char *host, size_t n, const char *domain)
{
    size_t d = strlen(domain);
    return n >= d && strncasecmp(host + n - d, domain, d) == 0 &&
           (n == d || host[n - d - 1] == '.');
}

/* Hosts that serve web analytics, ad impressions, avatars and share buttons, never a news
 * photo; a subdomain counts as its domain. */
static bool tracker_host(const char *host, size_t n)
{
    static const char *const hosts[] = {
        "feedburner.com",       "feedsportal.com",       "doubleclick.net",
        "gravatar.com",         "stats.wordpress.com",   "pixel.wp.com",
        "google-analytics.com", "googletagmanager.com",  "googlesyndication.com",
        "googleadservices.com", "scorecardresearch.com", "quantserve.com",
        "addtoany.com",         "addthis.com",           "sharethis.com",
        "chartbeat.net",        "parsely.com",           "hotjar.com",
        "bat.bing.com",         "analytics.twitter.com", "outbrain.com",
        "taboola.com",          "amazon-adsystem.com",   "adnxs.com",
        "criteo.com",           "moatads.com",           NULL,
    };
    for (size_t i = 0; hosts[i]; i++)
        if (host_is(host, n, hosts[i]))
            return true;
    /* a host named for the job: pixel.example.com, ads.example.com, tracking.example.org */
    static const char *const first[] = { "pixel",     "pixels",  "beacon", "tracking", "tracker",
                                         "track",     "ads",     "ad",     "adserver", "adservice",
                                         "analytics", "metrics", "piwik",  "matomo",   NULL };
    size_t l = strcspn(host, ".");
    return l < n && word_in(host, l, first);
}

/* Folders of site furniture and tracking, as whole path segments. */
static bool tracker_folder(const char *seg, size_t n)
{
    static const char *const folders[] = {
        "tracking",  "tracker", "pixel",   "pixels",    "beacon",      "beacons",      "icons",
        "icon",      "share",   "ads",     "ad",        "buttons",     "badges",       "badge",
        "smilies",   "smileys", "emoji",   "emoticons", "wp-includes", "style_images", "skins",
        "analytics", "spacer",  "spacers", NULL,
    };
    return word_in(seg, n, folders);
}

/* A file named for tracking or layout rather than for a picture: "pixel.gif", "1x1.png",
 * "spacer.gif", "blank.gif", "favicon.ico", "cpx.php", "piwik.php". */
static bool tracker_file(const char *name, size_t n)
{
    static const char *const files[] = { "pixel",       "1x1",      "spacer",    "blank",
                                         "transparent", "clear",    "favicon",   "beacon",
                                         "track",       "tracking", "tracker",   "cpx",
                                         "piwik",       "matomo",   "undefined", NULL };
    size_t stem = n;
    for (size_t i = 0; i < n; i++)
        if (name[i] == '.') {
            stem = i;
            break;
        }
    return word_in(name, stem, files);
}

/* A share button named after a network and nothing more: "facebook.gif", "twitter-16.png",
 * "email_icon.png", "print-button-32x32.gif"; not "facebook-headquarters.jpg". */
static bool share_button_file(const char *name, size_t n)
{
    static const char *const networks[] = {
        "facebook",  "twitter",     "linkedin",   "pinterest", "reddit",  "digg",
        "delicious", "stumbleupon", "stumble",    "email",     "mail",    "print",
        "rss",       "feed",        "googleplus", "whatsapp",  "addthis", "x",
        "bluesky",   "mastodon",    "threads",    "telegram",  NULL,
    };
    static const char *const furniture[] = {
        "icon",  "button", "btn",     "logo",   "share",  "small", "large",  "sm",   "lg",
        "white", "black",  "round",   "square", "circle", "color", "colour", "grey", "gray",
        "mono",  "badge",  "default", "hover",  "on",     "off",   "active", NULL,
    };
    size_t stem = n;
    for (size_t i = 0; i < n; i++)
        if (name[i] == '.') {
            stem = i;
            break;
        }
    /* the words of the name, split at - _ and digits-with-x (16, 32x32) */
    size_t i = 0, words = 0;
    bool network = false;
    while (i < stem) {
        while (i < stem && (name[i] == '-' || name[i] == '_' || name[i] == '@'))
            i++;
        size_t j = i;
        while (j < stem && name[j] != '-' && name[j] != '_' && name[j] != '@')
            j++;
        if (j == i)
            break;
        bool size = true; /* 16, 32x32, 2x */
        for (size_t k = i; k < j; k++)
            if (!isdigit((unsigned char)name[k]) && name[k] != 'x' && name[k] != 'X')
                size = false;
        if (words == 0) {
            if (!word_in(name + i, j - i, networks))
                return false;
            network = true;
        } else if (!size && !word_in(name + i, j - i, furniture)) {
            return false;
        }
        words++;
        i = j;
    }
    return network;
}

const char *extract_photo_junk_why(const char *url, int width, int height)
{
    if (nr_str_empty(url))
        return "no address";
    if ((width > 0 && width <= 2) || (height > 0 && height <= 2))
        return "a tracking pixel (by its size)";
    if (width > 0 && height > 0 && width <= 32 && height <= 32)
        return "an icon (by its size)";
    if (nr_starts_with_ci(url, "data:") || nr_starts_with_ci(url, "javascript:"))
        return "not a photo's address";
    size_t pl = path_len(url);
    if (ends_with_ci(url, pl, ".svg") || ends_with_ci(url, pl, ".ico"))
        return "a drawing or a site icon";
    /* A local file's folders are the installer's ("/usr/share/newsreel/..."), so only web
     * addresses are read for trackers. Hosts, folders and file names are matched whole:
     * words in a photo's name ("google-pixel-10-review.jpg", "beacon-hill-fire.jpg") are
     * the story's, not a tracker's. */
    if (nr_starts_with_ci(url, "file:"))
        return NULL;
    const char *host = strstr(url, "://");
    host = host && host < url + pl ? host + 3 : url;
    size_t hl = strcspn(host, "/?#:");
    if (tracker_host(host, hl))
        return "a tracker's or an avatar's host";
    const char *path = host + hl + strcspn(host + hl, "/?#");
    const char *end = url + pl;
    if (host_is(host, hl, "facebook.com") && path < end && strncasecmp(path, "/tr", 3) == 0 &&
        (path + 3 == end || path[3] == '/' || path[3] == '?'))
        return "a tracking pixel (the Facebook pixel)";
    const char *seg = path;
    while (seg < end) {
        while (seg < end && *seg == '/')
            seg++;
        const char *e = seg;
        while (e < end && *e != '/')
            e++;
        if (e == seg)
            break;
        bool last = e == end;
        if (last && tracker_file(seg, (size_t)(e - seg)))
            return "a tracking pixel or spacer (by its file name)";
        if (last && share_button_file(seg, (size_t)(e - seg)))
            return "a share button or logo (by its file name)";
        if (!last && tracker_folder(seg, (size_t)(e - seg)))
            return "site furniture or tracking (by its folder)";
        seg = e;
    }
    /* analytics by their query: Matomo's site id */
    const char *q = url + pl;
    if (*q == '?' && (strcasestr(q, "idsite=") || strcasestr(q, "utm_pixel")))
        return "a tracking pixel (by its query)";
    return NULL;
}

bool extract_photo_is_junk(const char *url, int width, int height)
{
    return extract_photo_junk_why(url, width, height) != NULL;
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
    static const char *const exts[] = { ".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif", NULL };
    size_t pl = path_len(url);
    for (size_t i = 0; exts[i]; i++)
        if (ends_with_ci(url, pl, exts[i]))
            return true;
    return false;
}

static bool media_is_image(const struct feed_media *m)
{
    if (!m->url || extract_photo_is_junk(m->url, m->width, m->height))
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

/* The first image left out as junk, for the log when the story ends up with no photo. */
static void note_junk(struct xphoto *out, const char *url, const char *why)
{
    if (out->left_out || !url || !why)
        return;
    out->left_out = xstrndup(url, 300); /* a data: address can be a whole picture */
    out->left_out_why = why;
}

static const struct feed_media *best_media(const struct feed_item *item, struct xphoto *out)
{
    const struct feed_media *best = NULL;
    int best_rank = 99;
    for (size_t i = 0; i < item->n_media; i++) {
        const struct feed_media *m = &item->media[i];
        if (m->url && (!m->medium || strcasecmp(m->medium, "image") == 0) &&
            (!m->type || nr_starts_with_ci(m->type, "image/")))
            note_junk(out, m->url, extract_photo_junk_why(m->url, m->width, m->height));
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
    static const char *const ui[] = { "add to ", "share ",    "follow ",  "click ",  "subscribe",
                                      "tap ",    "read more", "download", "sign up", "watch ",
                                      "view ",   "open ",     NULL };
    for (size_t i = 0; ui[i]; i++)
        if (nr_starts_with_ci(s, ui[i]))
            return true;
    return false;
}

static bool good_caption(const char *s, const char *headline, size_t min_words)
{
    return !nr_str_empty(s) && !extract_text_is_slug(s) && extract_word_count(s) >= min_words &&
           !title_case(s) && !ui_text(s) && !extract_text_repeats(s, headline);
}

/* A credit line in the paragraphs that follow image `index` ("(Image credit: X)"). */
static char *credit_after(const struct xdoc *doc, size_t index)
{
    size_t seen = 0;
    for (size_t i = 0; i < doc->n_paras && seen < 4; i++) {
        if (doc->paras[i].imgs_before != index + 1)
            continue;
        seen++;
        char *c = extract_credit_from_line(doc->paras[i].text);
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
    char *plain = extract_plain(raw);
    char *cap = NULL, *cred = NULL;
    extract_credit_split(plain, &cap, &cred);
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

void extract_photo_pick(const struct feed_item *item, const struct xdoc *doc, const char *headline,
                        const struct extract_options *opt, struct xphoto *out)
{
    (void)opt; /* srcset entries were chosen when doc was read */
    memset(out, 0, sizeof *out);
    const struct feed_media *m = best_media(item, out);
    const struct ximg *img = NULL;
    size_t index = 0;
    if (m) {
        out->url = xstrdup(m->url);
        if (m->credit && !nr_str_empty(m->credit)) {
            char *plain = extract_plain(m->credit);
            out->credit = extract_credit_clean(plain);
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
            const char *why = extract_photo_junk_why(c->src, c->width, c->height);
            if (why || url_is_media_file(c->src)) {
                note_junk(out, c->src, why);
                continue;
            }
            img = c;
            index = i;
            out->url = xstrdup(c->src);
            break;
        }
    }
    if (out->url) {
        free(out->left_out); /* the story has its photo: what was left out beside it is not news */
        out->left_out = NULL;
        out->left_out_why = NULL;
    }
    if (img)
        from_img(doc, img, index, headline, out);
    if (out->caption && out->credit && extract_text_repeats(out->caption, out->credit)) {
        free(out->caption);
        out->caption = NULL;
    }
}
