/* cli_announce.c: the announcements folder in `newsreel --render` and `--dump`. */
#include "cli.h"

#include "alloc.h"
#include "announce_watch.h"
#include "draw.h"
#include "log.h"

#include <SDL.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static int utc_offset_now(time_t t)
{
    struct tm tm;
    localtime_r(&t, &tm);
    return (int)tm.tm_gmtoff;
}

/* The folder's items, its problems logged (each with file and line). false: no folder. */
static bool scan(const struct config *cfg, struct announce_set *set)
{
    struct nr_err err = { 0 };
    memset(set, 0, sizeof *set);
    if (!cfg->announce_dir)
        return false;
    if (announce_scan(cfg->announce_dir, set, &err) != NR_OK)
        nr_error("%s", err.msg);
    for (size_t i = 0; i < set->n_errors; i++)
        nr_error("announcements: %s", set->errors[i]);
    if (set->more_errors)
        nr_error("announcements: %zu more problems", set->more_errors);
    return true;
}

size_t cli_announcement_count(const struct config *cfg)
{
    struct announce_set set = { 0 };
    struct nr_err err = { 0 };
    if (!cfg->announce_dir || announce_scan(cfg->announce_dir, &set, &err) != NR_OK) {
        announce_set_release(&set);
        return 0; /* cli_render_announcements says why */
    }
    size_t n = set.n;
    announce_set_release(&set);
    return n;
}

SDL_Surface *cli_announcement_slide(struct drawer *d, const struct config *cfg,
                                    const struct story *st, const struct slide_info *info, int w,
                                    int h, struct nr_err *err)
{
    SDL_Surface *photo = NULL, *slide = NULL;
    bool picture = announce_story_is_picture(st);
    char path[4096];
    if (announce_story_image_path(st, path, sizeof path)) {
        struct nr_err perr = { 0 };
        photo = announce_decode(path, picture, w, h, &perr);
        if (!photo)
            nr_error("announcements: picture '%s' not shown: %s", path, perr.msg);
    }
    if (picture && photo) {
        struct display_list dl;
        if (announce_picture_layout(photo->w, photo->h, &cfg->theme, (struct viewport){ w, h }, &dl,
                                    err) == NR_OK)
            slide = drawer_paint(d, &dl, photo, w, h, err);
        display_list_release(&dl);
    } else {
        slide = drawer_render(d, st, photo, info, w, h, err);
    }
    SDL_FreeSurface(photo);
    return slide;
}

size_t cli_render_announcements(const struct config *cfg, struct drawer *d,
                                const struct story_list *l, int w, int h, size_t *failed)
{
    size_t first = l->n;
    struct announce_set set;
    size_t written = 0;
    if (!scan(cfg, &set))
        return 0;
    time_t now = time(NULL);
    for (size_t i = 0; i < set.n; i++) {
        const struct announce_item *it = &set.items[i];
        struct nr_err err = { 0 };
        struct slide_info info = { .index = (int)(first + i),
                                   .count = (int)(first + set.n),
                                   .now_unix = (int64_t)now,
                                   .utc_offset_s = utc_offset_now(now) };
        if (!announce_active(it, (int64_t)now, info.utc_offset_s))
            nr_info("announcements: %s is not shown now (its dates, days or hours)", it->file);
        struct story st;
        announce_story(it, &st);
        SDL_Surface *slide = cli_announcement_slide(d, cfg, &st, &info, w, h, &err);
        story_release(&st);
        if (slide)
            cli_render_ticker(cfg, d, l, l->n, slide); /* the stories from the first */
        if (!slide) {
            nr_error("announcements: %s: %s", it->file, err.msg);
            (*failed)++;
            continue;
        }
        char name[256], path[4096 + 300];
        snprintf(name, sizeof name, "%s", it->file);
        for (char *p = name; *p; p++)
            if (*p == '.' || *p == ' ' || *p == '/')
                *p = '-';
        snprintf(path, sizeof path, "%s/%03zu-announcement-%s.png", cfg->render_dir, first + i + 1,
                 name);
        if (draw_save_png(slide, path, &err) == NR_OK)
            written++;
        else {
            nr_error("%s", err.msg);
            (*failed)++;
        }
        SDL_FreeSurface(slide);
    }
    announce_set_release(&set);
    return written;
}

static void add_str(cJSON *o, const char *key, const char *v)
{
    if (v)
        cJSON_AddStringToObject(o, key, v);
    else
        cJSON_AddNullToObject(o, key);
}

void cli_dump_announcements(const struct config *cfg, cJSON *root)
{
    struct announce_set set;
    if (!scan(cfg, &set))
        return;
    time_t now = time(NULL);
    int off = utc_offset_now(now);
    cJSON *arr = cJSON_AddArrayToObject(root, "announcements");
    for (size_t i = 0; i < set.n; i++) {
        const struct announce_item *it = &set.items[i];
        cJSON *o = cJSON_CreateObject();
        add_str(o, "file", it->file);
        add_str(o, "kind", it->kind == ANNOUNCE_PICTURE ? "picture" : "text");
        add_str(o, "title", it->kind == ANNOUNCE_PICTURE ? NULL : it->title);
        add_str(o, "body", it->body);
        add_str(o, "image", it->image);
        cJSON_AddBoolToObject(o, "showing_now", announce_active(it, (int64_t)now, off));
        cJSON_AddItemToArray(arr, o);
    }
    cJSON *errs = cJSON_AddArrayToObject(root, "announcement_errors");
    for (size_t i = 0; i < set.n_errors; i++)
        cJSON_AddItemToArray(errs, cJSON_CreateString(set.errors[i]));
    announce_set_release(&set);
}
