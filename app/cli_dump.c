/* cli_dump.c: `newsreel --dump`: every story as JSON, for checking what a feed gives. */
#include "cli.h"

#include "alloc.h"
#include "article.h"
#include "feedrules.h"
#include "log.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* One line per pair of feeds with repeats, naming them. */
static void log_repeats(const struct config *cfg, const struct dedup_report *r)
{
    for (size_t i = 0; i < r->n_notes; i++) {
        const struct dedup_note *n = &r->notes[i];
        const char *s = n->count == 1 ? "y" : "ies";
        if (n->kept == n->dropped)
            nr_info("'%s': %zu stor%s left out, repeated within the feed", cfg->feeds[n->dropped],
                    n->count, s);
        else
            nr_info("'%s': %zu stor%s left out, the same as in '%s'", cfg->feeds[n->dropped],
                    n->count, s, cfg->feeds[n->kept]);
    }
    if (r->unnoted)
        nr_info("%zu more repeated stor%s left out from other feeds", r->unnoted,
                r->unnoted == 1 ? "y" : "ies");
}

size_t cli_load_all(const struct config *cfg, struct fetcher *f, struct story_list *out)
{
    return cli_load_feeds(cfg, f, out, NULL, NULL);
}

size_t cli_load_feeds(const struct config *cfg, struct fetcher *f, struct story_list *out,
                      size_t **origin_out, char ***logos_out)
{
    char **logos = logos_out ? xcalloc(cfg->n_feeds ? cfg->n_feeds : 1, sizeof *logos) : NULL;
    size_t failed = 0;
    struct pipeline_options opt = {
        .allow_files = true, /* the user named these inputs */
        .screen_w = cfg->width ? cfg->width : 1920,
        .screen_h = cfg->height ? cfg->height : 1080,
        .timeout_ms = (long)cfg->timeout_seconds * 1000,
        .article_images = cfg->article_images,
    };
    size_t *origin = NULL, origin_cap = 0;
    int64_t now = (int64_t)time(NULL);
    for (size_t i = 0; i < cfg->n_feeds; i++) {
        struct nr_err err = { 0 };
        struct story_list part = { 0 };
        struct pipeline_meta meta = { 0 };
        size_t before = out->n;
        if (pipeline_load(f, cfg->feeds[i], &opt, &part, &meta, &err) != NR_OK) {
            nr_error("%s", err.msg);
            failed++;
        } else if (part.n == 0) {
            nr_warn("'%s': the feed has no stories", cfg->feeds[i]);
        }
        if (logos) {
            logos[i] = meta.logo_url;
            meta.logo_url = NULL;
        }
        pipeline_meta_release(&meta);
        /* the feed's own rules ([feed NAME]), at the time of the run */
        const struct config_feed_rules *rules = config_feed_rules(cfg, i);
        struct show_rules_counts counts;
        if (show_rules_filter(rules, &part, now, &counts)) {
            char why[256];
            show_rules_describe(&counts, why, sizeof why);
            nr_info("'%s': %s", cfg->feeds[i], why);
        }
        for (size_t k = 0; k < part.n; k++) {
            show_rules_dress(rules, &part.items[k]);
            story_list_push(out, &part.items[k]);
        }
        part.n = 0;
        story_list_release(&part);
        xgrow((void **)&origin, &origin_cap, out->n ? out->n : 1, sizeof *origin);
        for (size_t k = before; k < out->n; k++)
            origin[k] = i;
    }
    struct dedup_report rep;
    if (story_list_dedup(out, origin, &rep))
        log_repeats(cfg, &rep);
    if (origin_out)
        *origin_out = origin;
    else
        free(origin);
    if (logos_out)
        *logos_out = logos;
    return failed;
}

void cli_article_options(const struct config *cfg, struct article_reader_options *o,
                         char *cache_path, size_t cache_cap)
{
    memset(o, 0, sizeof *o);
    o->pages_per_refresh = cfg->article_pages;
    o->host_gap_ms = cfg->article_host_gap_ms;
    o->robots = cfg->article_robots;
    o->cache_max_entries = (size_t)cfg->article_cache_entries;
    o->cache_max_bytes = (size_t)cfg->article_cache_mb * 1024 * 1024;
    o->screen_w = cfg->width ? cfg->width : 1920;
    o->screen_h = cfg->height ? cfg->height : 1080;
    o->timeout_ms = (long)cfg->timeout_seconds * 1000;
    if (cfg->cache_dir && cache_cap) {
        snprintf(cache_path, cache_cap, "%s/articles", cfg->cache_dir);
        o->cache_dir = cache_path;
    }
}

void cli_read_articles(const struct config *cfg, struct fetcher *f, struct story_list *l,
                       struct article_origin *origins)
{
    for (size_t i = 0; origins && i < l->n; i++)
        article_origin_from_feed(&l->items[i], &origins[i]);
    if (!cfg->article_read)
        return;
    char cache[4096];
    struct article_reader_options o;
    cli_article_options(cfg, &o, cache, sizeof cache);
    struct article_reader *r = article_reader_new(&o);
    for (size_t i = 0; i < l->n; i++)
        article_read(r, f, &l->items[i], origins ? &origins[i] : NULL);
    article_reader_free(r);
}

static void add_str(cJSON *o, const char *key, const char *val)
{
    if (val)
        cJSON_AddStringToObject(o, key, val);
    else
        cJSON_AddNullToObject(o, key);
}

/* --dump --article URL: everything one page gives, with where each field came from. */
static int dump_article(const struct config *cfg)
{
    struct fetcher *f = fetcher_new();
    char *url = pipeline_input_url(cfg->article_url);
    struct fetch_limits lim;
    fetch_limits_default(&lim, ARTICLE_MAX_PAGE_BYTES);
    lim.allow_files = true; /* the user named it */
    lim.total_timeout_ms = (long)cfg->timeout_seconds * 1000;
    struct fetch_result r = { 0 };
    struct nr_err err = { 0 };
    int status = 1;
    if (fetcher_get(f, url, &lim, NULL, &r, &err) != NR_OK) {
        nr_error("%s", err.msg);
        goto out;
    }
    char charset[48] = "";
    const char *cs = r.content_type ? strstr(r.content_type, "charset=") : NULL;
    if (cs)
        snprintf(charset, sizeof charset, "%.*s", (int)strcspn(cs + 8, "; \t\""), cs + 8);
    struct extract_options eo = { .screen_w = cfg->width ? cfg->width : 1920,
                                  .screen_h = cfg->height ? cfg->height : 1080 };
    struct article a;
    cJSON *root = cJSON_CreateObject();
    add_str(root, "url", r.final_url ? r.final_url : url);
    if (article_extract(r.body.data, r.body.len, r.final_url ? r.final_url : url,
                        charset[0] ? charset : NULL, &eo, &a, &err) != NR_OK) {
        add_str(root, "nothing", err.msg);
    } else {
        status = 0;
        add_str(root, "headline", a.headline);
        add_str(root, "quote", a.quote);
        add_str(root, "speaker", a.speaker);
        add_str(root, "photo_url", a.photo_url);
        cJSON_AddNumberToObject(root, "photo_width", a.photo_w);
        add_str(root, "caption", a.caption);
        add_str(root, "credit", a.credit);
        add_str(root, "author", a.author);
        add_str(root, "site_name", a.site_name);
        add_str(root, "description", a.description);
        cJSON *src = cJSON_AddObjectToObject(root, "sources");
        cJSON_AddStringToObject(src, "headline", article_src_name(a.headline_src));
        cJSON_AddStringToObject(src, "body", article_src_name(a.body_src));
        cJSON_AddStringToObject(src, "photo", article_src_name(a.photo_src));
        cJSON_AddStringToObject(src, "caption", article_src_name(a.caption_src));
        cJSON_AddStringToObject(src, "credit", article_src_name(a.credit_src));
        add_str(root, "body", a.body);
        article_release(&a);
    }
    char *text = cJSON_Print(root);
    if (text) {
        fputs(text, stdout);
        fputc('\n', stdout);
    }
    free(text);
    cJSON_Delete(root);
    if (status)
        nr_error("'%s' gives nothing: %s", cfg->article_url, err.msg);
out:
    fetch_result_release(&r);
    free(url);
    fetcher_free(f);
    return status;
}

int cli_dump(const struct config *cfg)
{
    if (cfg->article_url)
        return dump_article(cfg);
    struct fetcher *f = fetcher_new();
    struct story_list stories = { 0 };
    size_t failed = cli_load_all(cfg, f, &stories);
    struct article_origin *origins = xcalloc(stories.n ? stories.n : 1, sizeof *origins);
    cli_read_articles(cfg, f, &stories, origins);
    fetcher_free(f);

    cJSON *root = cJSON_CreateObject();
    cJSON *arr = cJSON_AddArrayToObject(root, "stories");
    for (size_t i = 0; i < stories.n; i++) {
        const struct story *s = &stories.items[i];
        cJSON *o = cJSON_CreateObject();
        add_str(o, "id", s->id);
        add_str(o, "headline", s->headline);
        add_str(o, "dek", s->dek);
        add_str(o, "quote", s->quote);
        add_str(o, "speaker", s->speaker);
        add_str(o, "photo_url", s->photo_url);
        add_str(o, "caption", s->caption);
        add_str(o, "credit", s->credit);
        add_str(o, "source", s->source);
        add_str(o, "link", s->link);
        if (s->has_published) {
            char iso[32];
            time_t t = (time_t)s->published_unix;
            struct tm tm;
            gmtime_r(&t, &tm);
            strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
            cJSON_AddStringToObject(o, "published", iso);
            cJSON_AddNumberToObject(o, "published_unix", (double)s->published_unix);
        } else {
            cJSON_AddNullToObject(o, "published");
            cJSON_AddNullToObject(o, "published_unix");
        }
        cJSON *src = cJSON_AddObjectToObject(o, "sources");
        for (int k = 0; k < ARTICLE_F_COUNT; k++)
            add_str(src, article_field_name((enum article_field)k), origins[i].field[k]);
        add_str(o, "article", origins[i].article);
        cJSON_AddItemToArray(arr, o);
    }
    cli_dump_announcements(cfg, root);
    char *text = cJSON_Print(root);
    if (text) {
        fputs(text, stdout);
        fputc('\n', stdout);
    }
    free(text);
    cJSON_Delete(root);
    size_t n = stories.n;
    story_list_release(&stories);
    free(origins);
    if (n == 0) {
        nr_error("nothing to show: %s", failed ? "every feed failed" : "the feeds have no stories");
        return 1;
    }
    return 0;
}
