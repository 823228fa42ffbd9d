/* cli_render.c: `newsreel --render DIR`: every slide to a PNG file, no display needed. */
#include "cli.h"

#include "alloc.h"
#include "draw.h"
#include "log.h"
#include "photometa.h"
#include "strutil.h"
#include "utf8.h"

#include <SDL.h>
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* ASCII letter for U+00C0..U+00FF (Latin-1 letters), '-' where there is none. */
static const char latin1_ascii[] =
    "AAAAAAACEEEEIIIIDNOOOOO-OUUUUYTsaaaaaaaceeeeiiiidnooooo-ouuuuyty";

/* "Library opens a repair café" -> "library-opens-a-repair-cafe": lower-case ASCII words
 * joined by '-', cut at a word boundary to fit max (including the NUL). */
static void slugify(const char *s, char *out, size_t max)
{
    size_t o = 0, n = s ? strlen(s) : 0;
    bool dash = false;
    for (size_t i = 0; i < n && o + 1 < max;) {
        uint32_t cp;
        i += nr_utf8_decode(s + i, n - i, &cp);
        char c = 0;
        if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
            c = (char)cp;
        else if (cp >= 'A' && cp <= 'Z')
            c = (char)(cp - 'A' + 'a');
        else if (cp >= 0xC0 && cp <= 0xFF && latin1_ascii[cp - 0xC0] != '-')
            c = latin1_ascii[cp - 0xC0] | 0x20; /* lower case */
        if (!c) {
            dash = dash || (cp != '\'' && cp != 0x2019); /* "Russia's" -> "russias" */
            continue;
        }
        if (dash && o > 0) {
            if (o + 2 >= max)
                break;
            out[o++] = '-';
        }
        out[o++] = c;
        dash = false;
    }
    out[o] = '\0';
    /* a word cut by the limit is left out */
    if (o + 1 >= max) {
        char *last = strrchr(out, '-');
        if (last && last > out)
            *last = '\0';
    }
    if (!out[0])
        snprintf(out, max, "story");
}

/* mkdir -p: the user may name a folder several levels deep. */
static int make_dirs(const char *path)
{
    char tmp[4096];
    size_t len = strlen(path);
    if (len == 0 || len >= sizeof tmp)
        return errno = ENAMETOOLONG, -1;
    memcpy(tmp, path, len + 1);
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return mkdir(tmp, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

static bool story_is_local(const struct story *s)
{
    return s->photo_url && nr_starts_with_ci(s->photo_url, "file:");
}

/* When the feed and the page say nothing, the photo's own IPTC/XMP metadata gives the credit
 * (By-line/Credit) and the caption. */
static void caption_from_metadata(struct story *s, const struct fetch_result *r)
{
    if (s->credit && s->caption)
        return;
    struct photometa m;
    photometa_read(r->body.data, r->body.len, &m);
    if (!s->credit)
        s->credit = photometa_credit_line(&m);
    if (!s->caption && m.caption && strlen(m.caption) <= 300) {
        s->caption = m.caption;
        m.caption = NULL;
    }
    photometa_release(&m);
}

/* The photo of s decoded for a w x h slide, or NULL (the slide then has no photo). */
static SDL_Surface *load_photo(struct fetcher *f, struct story *s, bool feeds_local, int w, int h)
{
    if (!s->photo_url)
        return NULL;
    struct fetch_result r = { 0 };
    struct nr_err err = { 0 };
    SDL_Surface *photo = NULL;
    /* photos of a local feed may be local files; a remote feed never reads the disk */
    if (pipeline_fetch_photo(f, s->photo_url, feeds_local && story_is_local(s), &r, &err) ==
        NR_OK) {
        photo = draw_photo_decode(r.body.data, r.body.len, w, h, &err);
        if (photo)
            caption_from_metadata(s, &r);
    }
    if (!photo)
        nr_warn("photo '%s' of '%s' not shown: %s", s->photo_url, s->headline, err.msg);
    fetch_result_release(&r);
    return photo;
}

/* Marks a feed whose logo was tried and failed (or that has none): not tried again. */
static SDL_Surface no_logo_mark;
#define NO_LOGO (&no_logo_mark)

/* Feed `feed`'s logo: its [feed NAME] logo file, else the feed's own picture (logo_url);
 * NO_LOGO when there is none or it failed (the log says why). */
static SDL_Surface *load_logo(struct fetcher *f, const struct config *cfg, size_t feed,
                              const char *logo_url)
{
    const struct config_feed_rules *r = config_feed_rules(cfg, feed);
    char *url = r && r->logo ? pipeline_input_url(r->logo) : logo_url ? xstrdup(logo_url) : NULL;
    if (!url)
        return NO_LOGO;
    /* a logo file the user named may be read; a feed's own logo only when the feed is a
     * file the user named */
    char *feed_url = pipeline_input_url(cfg->feeds[feed]);
    bool files =
        (r && r->logo) || (nr_starts_with_ci(feed_url, "file:") && nr_starts_with_ci(url, "file:"));
    free(feed_url);
    struct fetch_result res = { 0 };
    struct nr_err err = { 0 };
    SDL_Surface *logo = NULL;
    if (pipeline_fetch_photo(f, url, files, &res, &err) == NR_OK)
        logo = draw_logo_decode(res.body.data, res.body.len, &err);
    if (!logo)
        nr_warn("logo '%s' of '%s' not shown: %s", url, cfg->feeds[feed], err.msg);
    fetch_result_release(&res);
    free(url);
    return logo ? logo : NO_LOGO;
}

/* At log_level = debug, what the slide's chrome says (runs in visual order) and where: a
 * check of a catalogue or of a right-to-left screen without opening the PNGs. */
static void log_chrome(const struct display_list *dl, size_t slide)
{
    for (size_t i = 0; i < dl->n; i++) {
        const struct dl_item *it = &dl->items[i];
        if (it->kind != DL_TEXT || (it->role != ROLE_KICKER && it->role != ROLE_FOOTER))
            continue;
        char text[256] = "";
        size_t n = 0;
        for (size_t r = 0; r < it->n_runs && n < sizeof text - 1; r++) {
            size_t len =
                it->runs[r].len < sizeof text - 1 - n ? it->runs[r].len : sizeof text - 1 - n;
            memcpy(text + n, it->runs[r].utf8, len);
            n += len;
        }
        text[n] = '\0';
        nr_debug("slide %zu %s '%s' at x %d..%d of %d", slide,
                 it->role == ROLE_KICKER ? "kicker" : "footer", text, it->rect.x,
                 it->rect.x + it->rect.w, dl->safe.x * 2 + dl->safe.w);
    }
}

static bool any_local_feed(const struct config *cfg)
{
    for (size_t i = 0; i < cfg->n_feeds; i++) {
        char *u = pipeline_input_url(cfg->feeds[i]);
        bool local = nr_starts_with_ci(u, "file:");
        free(u);
        if (local)
            return true;
    }
    return false;
}

void cli_render_ticker(const struct config *cfg, struct drawer *d, const struct story_list *l,
                       size_t cur, SDL_Surface *slide)
{
    enum { MAX_ITEMS = 60 };
    size_t pos[MAX_ITEMS];
    struct ticker_item items[MAX_ITEMS];
    if (!cfg->ticker)
        return;
    size_t n = layout_ticker_select(l->n, cur, MAX_ITEMS, pos);
    for (size_t k = 0; k < n; k++)
        items[k] = (struct ticker_item){ l->items[pos[k]].source, l->items[pos[k]].headline };
    drawer_ticker_still(d, slide, items, n, cfg->reduced_motion);
}

/* After slide cur, the digest slide when it is due: "003a-digest.png" follows "003-....png".
 * Returns false when it was due and could not be written. */
static bool render_digest(const struct config *cfg, struct drawer *d, const struct story_list *l,
                          size_t cur, int w, int h)
{
    size_t pos[LAYOUT_DIGEST_MAX_ROWS];
    struct digest_entry e[LAYOUT_DIGEST_MAX_ROWS];
    struct nr_err err = { 0 };
    if (cfg->digest_every <= 0 || (cur + 1) % (size_t)cfg->digest_every != 0)
        return true;
    size_t n = layout_digest_select(l->n, cur, pos);
    if (n == 0)
        return true;
    for (size_t k = 0; k < n; k++) {
        const struct story *s = &l->items[pos[k]];
        e[k] = (struct digest_entry){ s->source, s->headline, s->has_published, s->published_unix };
    }
    struct slide_info info = { .now_unix = (int64_t)time(NULL) };
    SDL_Surface *slide = drawer_render_digest(d, e, n, &info, w, h, &err);
    if (!slide) {
        nr_error("digest slide: %s", err.msg);
        return false;
    }
    cli_render_ticker(cfg, d, l, pos[n - 1], slide); /* the stories after those it lists */
    char path[4096 + 80];
    snprintf(path, sizeof path, "%s/%03zua-digest.png", cfg->render_dir, cur + 1);
    bool ok = draw_save_png(slide, path, &err) == NR_OK;
    if (!ok)
        nr_error("%s", err.msg);
    SDL_FreeSurface(slide);
    return ok;
}

int cli_render(const struct config *cfg, const char *data_dir)
{
    int w = cfg->width ? cfg->width : 1920, h = cfg->height ? cfg->height : 1080;
    int status = 1;
    struct story_list stories = { 0 };
    struct drawer *d = NULL;
    struct fetcher *f = fetcher_new();
    struct nr_err err = { 0 };
    char fonts[4096];
    size_t *origin = NULL;
    char **logo_urls = NULL;
    SDL_Surface **logos = xcalloc(cfg->n_feeds ? cfg->n_feeds : 1, sizeof *logos);

    if (make_dirs(cfg->render_dir) != 0) {
        nr_error("cannot create folder '%s': %s", cfg->render_dir, strerror(errno));
        goto out;
    }
    size_t failed = cli_load_feeds(cfg, f, &stories, &origin, &logo_urls);
    cli_read_articles(cfg, f, &stories, NULL);
    if (stories.n == 0 && !cfg->announce_dir) {
        nr_error("nothing to show: %s", failed ? "every feed failed" : "the feeds have no stories");
        goto out;
    }
    snprintf(fonts, sizeof fonts, "%s/fonts", data_dir);
    d = drawer_new(fonts, &cfg->theme, &err);
    if (!d) {
        nr_error("%s", err.msg);
        goto out;
    }
    bool local = any_local_feed(cfg);
    /* the counter counts the announcements after the stories, as the last slides say */
    size_t slides = stories.n + cli_announcement_count(cfg);
    size_t written = 0;
    bool digests_ok = true;
    for (size_t i = 0; i < stories.n; i++) {
        struct story *s = &stories.items[i];
        struct slide_info info = {
            .index = (int)i,
            .count = (int)slides,
            .now_unix = (int64_t)time(NULL),
        };
        const struct config_feed_rules *rules = config_feed_rules(cfg, origin[i]);
        if (rules && rules->accent_set) {
            info.accent_set = true;
            info.accent = rules->accent;
        }
        if (!logos[origin[i]])
            logos[origin[i]] = load_logo(f, cfg, origin[i], logo_urls[origin[i]]);
        info.logo = logos[origin[i]] == NO_LOGO ? NULL : logos[origin[i]];
        SDL_Surface *photo = load_photo(f, s, local, w, h);
        struct display_list dl;
        SDL_Surface *slide = NULL;
        if (drawer_layout(d, s, photo, &info, w, h, &dl, &err) == NR_OK) {
            log_chrome(&dl, i + 1);
            slide = drawer_paint(d, &dl, photo, w, h, &err);
        }
        display_list_release(&dl);
        SDL_FreeSurface(photo);
        if (!slide) {
            nr_error("slide '%s': %s", s->headline, err.msg);
            continue;
        }
        cli_render_ticker(cfg, d, &stories, i, slide);
        char slug[56], path[4096 + 80];
        slugify(s->headline, slug, sizeof slug);
        snprintf(path, sizeof path, "%s/%03zu-%s.png", cfg->render_dir, i + 1, slug);
        if (draw_save_png(slide, path, &err) == NR_OK)
            written++;
        else
            nr_error("%s", err.msg);
        SDL_FreeSurface(slide);
        digests_ok = render_digest(cfg, d, &stories, i, w, h) && digests_ok;
    }
    size_t ann_failed = 0;
    size_t ann = cli_render_announcements(cfg, d, &stories, w, h, &ann_failed);
    nr_info("wrote %zu slide%s to '%s'", written + ann, written + ann == 1 ? "" : "s",
            cfg->render_dir);
    status = written == stories.n && digests_ok && !ann_failed && written + ann > 0 ? 0 : 1;
out:
    drawer_free(d);
    fetcher_free(f);
    story_list_release(&stories);
    for (size_t i = 0; i < cfg->n_feeds; i++) {
        if (logos[i] != NO_LOGO)
            SDL_FreeSurface(logos[i]);
        free(logo_urls ? logo_urls[i] : NULL);
    }
    free(logos);
    free(logo_urls);
    free(origin);
    return status;
}
