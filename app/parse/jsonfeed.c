/* jsonfeed.c: JSON Feed 1.0 and 1.1 through cJSON. */
#include "parse_internal.h"

#include "alloc.h"
#include "nr_limits.h"
#include "strutil.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* cJSON recurses once per nesting level; refuse documents deeper than our cap first. */
static bool too_deep(const char *s, size_t len)
{
    int depth = 0;
    bool in_str = false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (in_str) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_str = false;
        } else if (c == '"') {
            in_str = true;
        } else if (c == '{' || c == '[') {
            if (++depth > NR_MAX_DEPTH)
                return true;
        } else if (c == '}' || c == ']') {
            depth--;
        }
    }
    return false;
}

static const char *str(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static char *html_of_text(const char *text, size_t max)
{
    struct nr_buf b;
    nr_buf_init(&b, max);
    parse_text_escape(&b, text, strlen(text), false);
    return nr_buf_detach(&b);
}

static char *capped_html(const char *s, size_t max)
{
    if (nr_str_empty(s))
        return NULL;
    struct nr_buf b;
    nr_buf_init(&b, max);
    parse_text_append(&b, s, strlen(s));
    return nr_buf_detach(&b);
}

static void add_image(struct feed_item *it, const char *base, const char *url, enum media_kind k)
{
    struct feed_media m = { .kind = k };
    m.url = feed_resolve_url(base, url);
    parse_build_add_media(it, &m);
}

static void author_names(struct feed_item *it, const cJSON *o)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, "authors");
    const cJSON *one = cJSON_GetObjectItemCaseSensitive(o, "author");
    struct nr_buf b;
    nr_buf_init(&b, NR_MAX_TITLE_BYTES);
    const cJSON *e;
    if (cJSON_IsArray(a)) {
        cJSON_ArrayForEach(e, a)
        {
            const char *n = str(e, "name");
            if (!nr_str_empty(n)) {
                if (b.len)
                    parse_text_append(&b, ", ", 2);
                parse_text_append(&b, n, strlen(n));
            }
        }
    } else if (cJSON_IsObject(one) && !nr_str_empty(str(one, "name"))) {
        parse_text_append(&b, str(one, "name"), strlen(str(one, "name")));
    }
    if (b.len)
        it->author = parse_text_plain(b.data, false, NR_MAX_TITLE_BYTES);
    nr_buf_release(&b);
}

enum nr_result parse_json_feed(const char *utf8, size_t len, const struct parse_options *opt,
                               struct feed *f, struct nr_err *err)
{
    const char *name = opt->base_url ? opt->base_url : "feed";
    cJSON *root = NULL;
    enum nr_result ret = NR_OK;
    struct pbuild b;
    parse_build_init(&b, f, opt);

    if (too_deep(utf8, len)) {
        ret = nr_fail(err, NR_ERR_TOO_BIG, "'%s' nests deeper than %d levels", name, NR_MAX_DEPTH);
        goto out;
    }
    root = cJSON_ParseWithLength(utf8, len);
    if (!root) {
        ret = nr_fail(err, NR_ERR_PARSE, "'%s' is not valid JSON", name);
        goto out;
    }
    const char *version = str(root, "version");
    const cJSON *items = cJSON_GetObjectItemCaseSensitive(root, "items");
    if (!cJSON_IsObject(root) ||
        (!(version && strstr(version, "jsonfeed.org")) && !cJSON_IsArray(items))) {
        ret = nr_fail(err, NR_ERR_NOT_FEED, "'%s' is JSON but not a JSON Feed", name);
        goto out;
    }
    f->title = parse_text_plain(str(root, "title"), false, NR_MAX_TITLE_BYTES);
    f->link = feed_resolve_url(opt->base_url, str(root, "home_page_url"));
    f->language = parse_text_dup_capped(str(root, "language"), 64);
    f->logo_url = feed_resolve_url(opt->base_url,
                                   str(root, "icon") ? str(root, "icon") : str(root, "favicon"));
    const cJSON *jit;
    cJSON_ArrayForEach(jit, items)
    {
        if (!cJSON_IsObject(jit)) {
            f->n_skipped++;
            continue;
        }
        struct feed_item it = { 0 };
        const char *url = str(jit, "url") ? str(jit, "url") : str(jit, "external_url");
        it.link = feed_resolve_url(opt->base_url, url);
        const char *base = opt->base_url ? opt->base_url : it.link;
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(jit, "id");
        if (cJSON_IsString(id))
            it.guid = parse_text_dup_capped(id->valuestring, NR_MAX_FIELD_BYTES);
        else if (cJSON_IsNumber(id)) {
            char num[32];
            snprintf(num, sizeof num, "%.0f", id->valuedouble);
            it.guid = xstrdup(num);
        }
        it.title = parse_text_plain(str(jit, "title"), false, NR_MAX_TITLE_BYTES);
        if (str(jit, "summary"))
            it.summary_html = html_of_text(str(jit, "summary"), NR_MAX_FIELD_BYTES);
        it.content_html = capped_html(str(jit, "content_html"), NR_MAX_CONTENT_BYTES);
        if (!it.content_html && !nr_str_empty(str(jit, "content_text")))
            it.content_html = html_of_text(str(jit, "content_text"), NR_MAX_CONTENT_BYTES);
        int64_t t;
        if (feed_parse_date(str(jit, "date_published"), &t)) {
            it.published_unix = t;
            it.has_published = true;
        }
        if (feed_parse_date(str(jit, "date_modified"), &t)) {
            it.updated_unix = t;
            it.has_updated = true;
        }
        author_names(&it, jit);
        if (!it.author)
            author_names(&it, root);
        const cJSON *tags = cJSON_GetObjectItemCaseSensitive(jit, "tags"), *tag;
        cJSON_ArrayForEach(tag, tags)
        {
            if (cJSON_IsString(tag))
                parse_build_add_category(
                    &it, parse_text_dup_capped(tag->valuestring, NR_MAX_TITLE_BYTES));
        }
        if (str(jit, "image"))
            add_image(&it, base, str(jit, "image"), MEDIA_JSON_IMAGE);
        if (str(jit, "banner_image"))
            add_image(&it, base, str(jit, "banner_image"), MEDIA_JSON_IMAGE);
        const cJSON *atts = cJSON_GetObjectItemCaseSensitive(jit, "attachments"), *att;
        cJSON_ArrayForEach(att, atts)
        {
            struct feed_media m = { .kind = MEDIA_ENCLOSURE };
            m.url = feed_resolve_url(base, str(att, "url"));
            m.type = parse_text_dup_capped(str(att, "mime_type"), 128);
            m.title = parse_text_plain(str(att, "title"), false, NR_MAX_FIELD_BYTES);
            const cJSON *size = cJSON_GetObjectItemCaseSensitive(att, "size_in_bytes");
            if (cJSON_IsNumber(size) && size->valuedouble > 0 && size->valuedouble < 9e15)
                m.bytes = (int64_t)size->valuedouble;
            parse_build_add_media(&it, &m);
        }
        if (!it.title && !it.link && !it.content_html && !it.summary_html) {
            feed_item_release(&it);
            f->n_skipped++;
            continue;
        }
        parse_build_commit(&b, &it);
    }
out:
    cJSON_Delete(root);
    return ret;
}
