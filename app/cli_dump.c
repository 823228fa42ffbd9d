/* cli_dump.c: `newsreel --dump`: every story as JSON, for checking what a feed gives. */
#include "cli.h"

#include "log.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "banned.h"

size_t cli_load_all(const struct config *cfg, struct fetcher *f, struct story_list *out)
{
    size_t failed = 0;
    struct pipeline_options opt = {
        .allow_files = true,   /* the user named these inputs */
        .screen_w = cfg->width ? cfg->width : 1920,
        .screen_h = cfg->height ? cfg->height : 1080,
        .timeout_ms = (long)cfg->timeout_seconds * 1000,
        .article_images = cfg->article_images,
    };
    for (size_t i = 0; i < cfg->n_feeds; i++) {
        struct nr_err err = { 0 };
        size_t before = out->n;
        if (pipeline_load(f, cfg->feeds[i], &opt, out, NULL, &err) != NR_OK) {
            nr_error("%s", err.msg);
            failed++;
        } else if (out->n == before) {
            nr_warn("'%s': the feed has no stories", cfg->feeds[i]);
        }
    }
    size_t dups = story_list_dedup(out);
    if (dups)
        nr_info("%zu duplicate stor%s left out (the same story in more than one feed)", dups,
                dups == 1 ? "y" : "ies");
    return failed;
}

static void add_str(cJSON *o, const char *key, const char *val)
{
    if (val)
        cJSON_AddStringToObject(o, key, val);
    else
        cJSON_AddNullToObject(o, key);
}

int cli_dump(const struct config *cfg)
{
    struct fetcher *f = fetcher_new();
    struct story_list stories = { 0 };
    size_t failed = cli_load_all(cfg, f, &stories);
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
        cJSON_AddItemToArray(arr, o);
    }
    char *text = cJSON_Print(root);
    if (text) {
        fputs(text, stdout);
        fputc('\n', stdout);
    }
    free(text);
    cJSON_Delete(root);
    size_t n = stories.n;
    story_list_release(&stories);
    if (n == 0) {
        nr_error("nothing to show: %s", failed ? "every feed failed" : "the feeds have no stories");
        return 1;
    }
    return 0;
}
