/* story.c: one raw feed item to the story a slide shows: headline, dek, quote, photo, source. */
#include "extract_int.h"

#include "alloc.h"
#include "buf.h"
#include "nr_limits.h"
#include "strutil.h"
#include "utf8.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEK_SOFT_BYTES 220 /* a second sentence joins the first only below this */
#define DEK_MAX_BYTES 320  /* a longer first sentence is cut at a word */

/* Cuts s in place to at most max bytes, at a UTF-8 boundary. */
static void cut_utf8(char *s, size_t max)
{
    size_t len = strlen(s);
    if (len <= max)
        return;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    s[max] = '\0';
}

static bool looks_like_markup(const char *s)
{
    for (const char *p = s; *p; p++)
        if (*p == '<' && (isalpha((unsigned char)p[1]) || p[1] == '/' || p[1] == '!'))
            return true;
    return false;
}

/* "https://example.org/" names a site, not a story: some feeds give it as every item's
 * guid or link. */
static bool is_site_root(const char *url)
{
    const char *p = strstr(url, "://");
    if (!p)
        return false;
    p += 3;
    p += strcspn(p, "/?#");
    return *p == '\0' || strcmp(p, "/") == 0;
}

/* NULL when the title shows nothing (blank or invisible characters only): the item then
 * falls back as for no title. */
static char *clean_headline(const char *title)
{
    if (nr_utf8_blank(title))
        return NULL;
    char *h = looks_like_markup(title) ? extract_plain(title) : nr_collapse_ws(title);
    cut_utf8(h, NR_MAX_TITLE_BYTES);
    if (nr_utf8_blank(h)) {
        free(h);
        return NULL;
    }
    return h;
}

/* "U.S", "Mr", "V": a word before a dot that ends no sentence. */
static bool is_abbreviation(const char *w, size_t n)
{
    static const char *const abbr[] = { "Mr",   "Mrs",  "Ms",  "Dr",  "St",     "Jr",   "Sr",
                                        "Gen",  "Col",  "Lt",  "Sgt", "Rev",    "Gov",  "Sen",
                                        "Rep",  "Prof", "No",  "vs",  "Mt",     "Capt", "Maj",
                                        "Corp", "Inc",  "Ltd", "Co",  "approx", "etc",  NULL };
    if (n <= 1)
        return true;
    if (memchr(w, '.', n))
        return true; /* "U.S" of "U.S." */
    for (size_t i = 0; abbr[i]; i++)
        if (strlen(abbr[i]) == n && strncmp(w, abbr[i], n) == 0)
            return true;
    return false;
}

/* Length of the sentence starting at s (through its end mark), or strlen(s). */
static size_t sentence_len(const char *s)
{
    size_t len = strlen(s);
    for (size_t i = 0; i + 1 < len; i++) {
        char c = s[i];
        if (c != '.' && c != '!' && c != '?')
            continue;
        size_t j = i + 1;
        /* the closing quotation mark belongs to the sentence */
        while (j < len && (s[j] == '"' || s[j] == '\'' || s[j] == ')'))
            j++;
        if (j + 2 < len && (unsigned char)s[j] == 0xE2 && (unsigned char)s[j + 1] == 0x80 &&
            ((unsigned char)s[j + 2] == 0x9D || (unsigned char)s[j + 2] == 0x99))
            j += 3;
        if (j >= len || s[j] != ' ')
            continue;
        if (c == '.') {
            /* "U.S. officials", "Mr. Putin": an initial or title, no sentence end */
            size_t w = i;
            while (w > 0 && s[w - 1] != ' ')
                w--;
            if (is_abbreviation(s + w, i - w))
                continue;
        }
        return j;
    }
    return len;
}

static char *make_dek(const struct xdoc *summary, const struct xdoc *content, const char *headline)
{
    const struct xdoc *src = summary && summary->n_paras ? summary : content;
    if (!src)
        return NULL;
    struct nr_buf text;
    nr_buf_init(&text, 4096);
    /* a first paragraph longer than the buffer still gives its first sentences */
    for (size_t i = 0; i < src->n_paras && text.len < 2048; i++) {
        if (src->paras[i].kind != XPARA_BODY)
            continue;
        if ((text.len && nr_buf_putc(&text, ' ') != NR_OK) ||
            nr_buf_append_prefix(&text, src->paras[i].text, strlen(src->paras[i].text)) != NR_OK)
            break;
    }
    if (!text.len) {
        nr_buf_release(&text);
        return NULL;
    }
    struct nr_buf out;
    nr_buf_init(&out, text.len + 1); /* sentences of text, a space between */
    const char *p = text.data;
    int taken = 0;
    while (*p && taken < 2) {
        while (*p == ' ')
            p++;
        size_t n = sentence_len(p);
        if (n == 0)
            break;
        char *sent = xstrndup(p, n);
        p += n;
        if (headline && extract_text_repeats(sent, headline)) {
            free(sent);
            continue;
        }
        if (taken == 1 && out.len + 1 + strlen(sent) > DEK_SOFT_BYTES) {
            free(sent);
            break;
        }
        /* cannot fail: out holds at most what text holds */
        enum nr_result r = out.len ? nr_buf_putc(&out, ' ') : NR_OK;
        if (r == NR_OK)
            r = nr_buf_puts(&out, sent);
        free(sent);
        if (r != NR_OK)
            break;
        taken++;
        if (out.len > DEK_SOFT_BYTES)
            break;
    }
    nr_buf_release(&text);
    char *dek = nr_buf_detach(&out);
    if (strlen(dek) > DEK_MAX_BYTES) {
        /* cut at the last word that fits, and say so */
        size_t cut = DEK_MAX_BYTES - 4;
        while (cut > 0 && dek[cut] != ' ')
            cut--;
        if (cut == 0)
            cut = DEK_MAX_BYTES - 4;
        cut_utf8(dek, cut); /* ends the string at cut, or before a character cut there */
        size_t l = strlen(dek);
        while (l && (dek[l - 1] == ',' || dek[l - 1] == ' ' || dek[l - 1] == ';'))
            dek[--l] = '\0';
        char *e = xmalloc(l + 4);
        memcpy(e, dek, l);
        memcpy(e + l, "\xe2\x80\xa6", 4);
        free(dek);
        dek = e;
    }
    if (!*dek) {
        free(dek);
        return NULL;
    }
    return dek;
}

/* The first sentence of the dek, for an item whose title is empty or markup only. */
static char *headline_from_dek(const char *dek)
{
    if (nr_str_empty(dek))
        return NULL;
    char *h = xstrndup(dek, sentence_len(dek));
    cut_utf8(h, NR_MAX_TITLE_BYTES);
    return h;
}

static char *host_of(const char *url)
{
    if (nr_str_empty(url))
        return NULL;
    const char *p = strstr(url, "://");
    if (!p)
        return NULL;
    p += 3;
    if (strncmp(p, "www.", 4) == 0)
        p += 4;
    size_t n = strcspn(p, "/:?#");
    return n ? xstrndup(p, n) : NULL;
}

/* The item's categories, one a line, up to 1 KiB (whole ones only); NULL when none. */
static char *categories_text(const struct feed_item *item)
{
    struct nr_buf b;
    if (!item->n_categories)
        return NULL;
    nr_buf_init(&b, 1024);
    for (size_t i = 0; i < item->n_categories; i++) {
        const char *c = item->categories[i];
        if (nr_str_empty(c) || b.len + strlen(c) + 1 >= 1024)
            continue;
        if (nr_buf_printf(&b, "%s%s", b.len ? "\n" : "", c) != NR_OK)
            break;
    }
    return b.len ? nr_buf_detach(&b) : (nr_buf_release(&b), NULL);
}

static char *source_name(const struct feed *feed, const struct feed_item *item)
{
    if (feed && !nr_str_empty(feed->title)) {
        char *s = extract_plain(feed->title);
        cut_utf8(s, 200);
        return s;
    }
    char *h = feed ? host_of(feed->link) : NULL;
    return h ? h : host_of(item->link);
}

/* Caption, media text and such: where a full name may be given when the body has only
 * the surname. New string. */
static char *names_text(const struct feed_item *item, const char *caption)
{
    struct nr_buf b;
    nr_buf_init(&b, NR_MAX_FIELD_BYTES);
    /* past the cap the later lines are left out; a failed append sticks */
    enum nr_result r = caption ? nr_buf_printf(&b, "%s\n", caption) : NR_OK;
    for (size_t i = 0; i < item->n_media && r == NR_OK; i++) {
        if (item->media[i].description)
            r = nr_buf_printf(&b, "%s\n", item->media[i].description);
        if (item->media[i].text)
            r = nr_buf_printf(&b, "%s\n", item->media[i].text);
        if (item->media[i].title)
            r = nr_buf_printf(&b, "%s\n", item->media[i].title);
    }
    return nr_buf_detach(&b);
}

static char *dup_or_null(const char *s)
{
    return nr_str_empty(s) ? NULL : xstrdup(s);
}

enum nr_result story_extract(const struct feed *feed, const struct feed_item *item,
                             const struct extract_options *opt, struct story *out,
                             struct nr_err *err)
{
    static const struct extract_options no_opt = { 0 };
    enum nr_result ret = NR_OK;
    struct xdoc content = { 0 }, summary = { 0 };
    memset(out, 0, sizeof *out);
    if (!opt)
        opt = &no_opt;
    if (!item)
        return nr_fail(err, NR_ERR_INTERNAL, "'item' is missing");

    extract_doc_parse(item->content_html, item->base_url, opt->screen_w, &content);
    extract_doc_parse(item->summary_html, item->base_url, opt->screen_w, &summary);

    out->headline = clean_headline(item->title);
    out->dek = make_dek(&summary, &content, out->headline);
    if (!out->headline) {
        out->headline = headline_from_dek(out->dek);
        if (!out->headline) {
            ret = nr_fail(err, NR_ERR_PARSE, "item '%s' has no headline and no text",
                          item->link   ? item->link
                          : item->guid ? item->guid
                                       : "?");
            goto out;
        }
        /* the dek's first sentence became the headline: the dek keeps the rest */
        char *rest = make_dek(&summary, &content, out->headline);
        free(out->dek);
        out->dek = rest;
    }
    if (out->dek && extract_text_repeats(out->dek, out->headline)) {
        free(out->dek);
        out->dek = NULL;
    }

    struct xphoto ph;
    const struct xdoc *photo_doc = content.n_imgs ? &content : &summary;
    extract_photo_pick(item, photo_doc, out->headline, opt, &ph);
    out->photo_url = ph.url;
    out->photo_left_out = ph.left_out;
    out->photo_left_out_why = ph.left_out_why;
    out->caption = ph.caption;
    out->credit = ph.credit;

    char *extra = names_text(item, out->caption);
    if (content.n_paras)
        extract_quote_pick(&content, &summary, out->headline, extra, &out->quote, &out->speaker);
    else
        extract_quote_pick(&summary, NULL, out->headline, extra, &out->quote, &out->speaker);
    free(extra);

    out->source = source_name(feed, item);
    out->link = dup_or_null(item->link);
    out->categories = categories_text(item);
    out->has_guid = !nr_str_empty(item->guid) && !is_site_root(item->guid);
    if (out->has_guid) {
        out->id = xstrdup(item->guid);
    } else if (!nr_str_empty(item->link)) {
        size_t n = strlen(item->link) + strlen(out->headline) + 2;
        out->id = xmalloc(n);
        snprintf(out->id, n, "%s %s", item->link, out->headline);
    } else {
        out->id = xstrdup(out->headline);
    }
    if (item->has_published) {
        out->published_unix = item->published_unix;
        out->has_published = true;
    } else if (item->has_updated) {
        out->published_unix = item->updated_unix;
        out->has_published = true;
    }
out:
    if (ret != NR_OK)
        story_release(out);
    extract_doc_release(&content);
    extract_doc_release(&summary);
    return ret;
}

void story_release(struct story *s)
{
    if (!s)
        return;
    free(s->id);
    free(s->headline);
    free(s->dek);
    free(s->quote);
    free(s->speaker);
    free(s->photo_url);
    free(s->photo_left_out);
    free(s->caption);
    free(s->credit);
    free(s->source);
    free(s->link);
    free(s->categories);
    memset(s, 0, sizeof *s);
}

void story_copy(struct story *dst, const struct story *src)
{
    *dst = (struct story){
        .id = xstrdup(src->id),
        .headline = xstrdup(src->headline),
        .dek = xstrdup(src->dek),
        .quote = xstrdup(src->quote),
        .speaker = xstrdup(src->speaker),
        .photo_url = xstrdup(src->photo_url),
        .photo_left_out = xstrdup(src->photo_left_out),
        .photo_left_out_why = src->photo_left_out_why,
        .caption = xstrdup(src->caption),
        .credit = xstrdup(src->credit),
        .source = xstrdup(src->source),
        .link = xstrdup(src->link),
        .categories = xstrdup(src->categories),
        .published_unix = src->published_unix,
        .has_published = src->has_published,
        .has_guid = src->has_guid,
        .message = src->message,
    };
}
