/* cli_dump.c: `newsreel --dump`: every story as JSON, for checking what a feed gives. */
#include "cli.h"

#include "alloc.h"
#include "log.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "banned.h"

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
    size_t failed = 0;
    struct pipeline_options opt = {
        .allow_files = true,   /* the user named these inputs */
        .screen_w = cfg->width ? cfg->width : 1920,
        .screen_h = cfg->height ? cfg->height : 1080,
        .timeout_ms = (long)cfg->timeout_seconds * 1000,
        .article_images = cfg->article_images,
    };
    size_t *origin = NULL, origin_cap = 0;
    for (size_t i = 0; i < cfg->n_feeds; i++) {
        struct nr_err err = { 0 };
        size_t before = out->n;
        if (pipeline_load(f, cfg->feeds[i], &opt, out, NULL, &err) != NR_OK) {
            nr_error("%s", err.msg);
            failed++;
        } else if (out->n == before) {
            nr_warn("'%s': the feed has no stories", cfg->feeds[i]);
        }
        xgrow((void **)&origin, &origin_cap, out->n ? out->n : 1, sizeof *origin);
        for (size_t k = before; k < out->n; k++)
            origin[k] = i;
    }
    struct dedup_report rep;
    if (story_list_dedup(out, origin, &rep))
        log_repeats(cfg, &rep);
    free(origin);
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
