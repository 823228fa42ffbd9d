/* config.c: built-in defaults, the command line, and the precedence chain of sources. */
#include "config.h"

#include "alloc.h"
#include "i18n.h"
#include "log.h"
#include "strutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void config_defaults(struct config *c)
{
    memset(c, 0, sizeof *c);
    c->mode = MODE_SHOW;
    theme_default(&c->theme);
    c->accent = c->theme.accent;
    config_apply_defaults(c); /* the settings table's defaults */
}

void config_release(struct config *c)
{
    if (!c)
        return;
    config_clear_feeds(c);
    free(c->render_dir);
    free(c->article_url);
    free(c->snapshot_out);
    free(c->snapshot_file);
    free(c->cache_dir);
    free(c->proxy);
    free(c->metrics_file);
    free(c->settings_url);
    free(c->remote_applied);
    free(c->heartbeat_url);
    free(c->ca_file);
    for (size_t i = 0; i < c->n_access; i++) {
        struct config_access *a = &c->access[i];
        free(a->name);
        free(a->url);
        for (size_t h = 0; h < a->n_headers; h++)
            free(a->headers[h]);
        free(a->headers);
        free(a->username);
        free(a->password);
        struct config_feed_rules *r = &a->rules;
        free(r->label);
        free(r->logo);
        for (size_t w = 0; w < r->n_include; w++)
            free(r->include[w]);
        free(r->include);
        for (size_t w = 0; w < r->n_exclude; w++)
            free(r->exclude[w]);
        free(r->exclude);
    }
    free(c->access);
    free(c->status_file);
    free(c->cec_device);
    free(c->announce_dir);
    free(c->alert_file);
    free(c->alert_url);
    free(c->alert_language);
    for (int f = 0; f < FACE_COUNT; f++) {
        free(c->fonts[f]);
        c->fonts[f] = NULL;
    }
    free(c->home);
    free(c->system_file);
    free(c->config_file);
    free(c->notify_socket);
    free(c->watchdog_usec);
    free(c->watchdog_pid);
    free(c->language);
    free(c->locale_language);
    memset(c, 0, sizeof *c);
}

/* The command-line options, for --help and newsreel(1). */
struct option_doc {
    const char *name, *doc;
};
static const struct option_doc options[] = {
    { "--render DIR", "write every slide to DIR/NNN-<slug>.png and exit" },
    { "--size WxH", "slide size for --render, window size otherwise (at least 200x120; portrait "
                    "from 200x201)" },
    { "--dump", "print the extracted stories as JSON and exit" },
    { "--article URL", "with --dump: what one article page gives, body text included" },
    { "--window", "show in a desktop window" },
    { "--fullscreen", "show full screen" },
    { "--seconds N", NULL }, /* from show.slide_seconds */
    { "-c, --config FILE", "read settings from FILE after the system and user files" },
    { "--set SECTION.KEY=VALUE", "one setting as in the config file: --set show.transition=cut" },
    { "--status", "show the running slideshow's feed status and exit" },
    { "--snapshot FILE", "save what the running slideshow shows as a PNG (at --size)" },
    { "--help", "show this help and exit" },
    { "--version", "show the version and exit" },
};
#define N_OPTIONS (sizeof options / sizeof options[0])

static void option_text(const struct option_doc *o, char *out, size_t len)
{
    struct config_setting_info si;
    if (o->doc || !config_setting_find("show", "slide_seconds", &si))
        snprintf(out, len, "%s", o->doc ? o->doc : "");
    else
        snprintf(out, len, "seconds per slide (%s)", si.allowed);
}

size_t config_option_count(void)
{
    return N_OPTIONS;
}

const char *config_option_text(size_t i, char *doc, size_t len)
{
    option_text(&options[i], doc, len);
    return options[i].name;
}

void config_print_usage(FILE *to)
{
    char text[256];
    fputs("usage: newsreel [OPTION]... [FEED]...\n"
          "Show news feeds (RSS, Atom, JSON Feed URLs or files) as full-screen slides.\n"
          "With no FEED, shows the bundled sample feed.\n"
          "\n",
          to);
    for (size_t i = 0; i < N_OPTIONS; i++) {
        option_text(&options[i], text, sizeof text);
        if (strlen(options[i].name) < 18)
            fprintf(to, "  %-18s%s\n", options[i].name, text);
        else
            fprintf(to, "  %s\n  %-18s%s\n", options[i].name, "", text);
    }
    fputs("\nSettings (SECTION.KEY for --set; newsreel.conf(5) says more):\n", to);
    for (size_t i = 0; i < config_setting_count(); i++) {
        struct config_setting_info si;
        config_setting_info(i, &si);
        if (!si.key || strcmp(si.section, "debug") == 0)
            continue;
        snprintf(text, sizeof text, "%s.%s", si.section, si.key);
        fprintf(to, "  %-26s%s (default %s)\n", text, si.allowed, si.def);
    }
    fputs("\nSettings: /etc/newsreel/newsreel.conf, then ~/.config/newsreel/newsreel.conf,\n"
          "then -c FILE, then the options above (later wins).\n"
          "Keys: Right or Space next, Left previous, P pause, F full screen, Q or Esc quit.\n",
          to);
}

/* WIDTHxHEIGHT, each 1..CONFIG_MAX_SIDE; false when malformed. */
static bool parse_size(const char *s, int *w, int *h)
{
    char wbuf[16];
    const char *x = strchr(s, 'x');
    if (!x || (size_t)(x - s) >= sizeof wbuf)
        return false;
    memcpy(wbuf, s, (size_t)(x - s));
    wbuf[x - s] = '\0';
    long lw, lh;
    if (!nr_parse_int(wbuf, 1, CONFIG_MAX_SIDE, &lw) ||
        !nr_parse_int(x + 1, 1, CONFIG_MAX_SIDE, &lh))
        return false;
    *w = (int)lw;
    *h = (int)lh;
    return true;
}

void config_clear_feeds(struct config *c)
{
    for (size_t i = 0; i < c->n_feeds; i++)
        free(c->feeds[i]);
    free(c->feeds);
    c->feeds = NULL;
    c->n_feeds = 0;
}

void config_add_feed(struct config *c, const char *feed)
{
    c->feeds = xrealloc(c->feeds, (c->n_feeds + 1) * sizeof *c->feeds);
    c->feeds[c->n_feeds++] = xstrdup(feed);
}

/* Feeds named on the command line replace the ones from the config files. */
static enum nr_result add_arg_feed(struct config *c, const char *feed, struct nr_err *err)
{
    if (!c->feeds_from_args)
        config_clear_feeds(c);
    c->feeds_from_args = true;
    if (c->n_feeds >= CONFIG_MAX_FEEDS)
        return nr_fail(err, NR_ERR_USAGE,
                       "the command line names more than %d feeds, the most one show takes "
                       "(from '%s' on)",
                       CONFIG_MAX_FEEDS, feed);
    config_add_feed(c, feed);
    return NR_OK;
}

/* "--set show.transition=cut" */
static enum nr_result apply_set(struct config *c, const char *arg, struct nr_err *err)
{
    char sect[64];
    const char *dot = strchr(arg, '.'), *eq = strchr(arg, '=');
    if (!dot || !eq || dot > eq || (size_t)(dot - arg) >= sizeof sect || dot == arg)
        return nr_fail(err, NR_ERR_USAGE, "option '--set' needs SECTION.KEY=VALUE (got '%s')", arg);
    memcpy(sect, arg, (size_t)(dot - arg));
    sect[dot - arg] = '\0';
    char *key = xstrndup(dot + 1, (size_t)(eq - dot - 1));
    enum nr_result rc = config_set(c, sect, key, eq + 1, "--set", err);
    free(key);
    return rc;
}

enum nr_result config_parse_args(struct config *c, int argc, char **argv, struct nr_err *err)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            c->mode = MODE_HELP;
        } else if (strcmp(a, "--version") == 0) {
            c->mode = MODE_VERSION;
        } else if (strcmp(a, "--status") == 0) {
            c->mode = MODE_STATUS;
        } else if (strcmp(a, "-c") == 0 || strcmp(a, "--config") == 0) {
            /* read by config_load before the other options; here only checked */
            if (!val)
                return nr_fail(err, NR_ERR_USAGE, "option '%s' needs a file", a);
            i++;
        } else if (strcmp(a, "--set") == 0) {
            if (!val)
                return nr_fail(err, NR_ERR_USAGE, "option '--set' needs SECTION.KEY=VALUE");
            enum nr_result rc = apply_set(c, val, err);
            if (rc != NR_OK)
                return rc;
            i++;
        } else if (strcmp(a, "--dump") == 0) {
            c->mode = MODE_DUMP;
        } else if (strcmp(a, "--article") == 0) {
            if (!val)
                return nr_fail(err, NR_ERR_USAGE, "option '--article' needs a page URL or file");
            c->mode = MODE_DUMP;
            free(c->article_url);
            c->article_url = xstrdup(val);
            i++;
        } else if (strcmp(a, "--window") == 0) {
            c->fullscreen = false;
            c->fullscreen_set = true;
        } else if (strcmp(a, "--fullscreen") == 0) {
            c->fullscreen = true;
            c->fullscreen_set = true;
        } else if (strcmp(a, "--snapshot") == 0) {
            if (!val)
                return nr_fail(err, NR_ERR_USAGE, "option '--snapshot' needs a file");
            c->mode = MODE_SNAPSHOT;
            free(c->snapshot_out);
            c->snapshot_out = xstrdup(val);
            i++;
        } else if (strcmp(a, "--render") == 0) {
            if (!val)
                return nr_fail(err, NR_ERR_USAGE, "option '--render' needs a folder");
            c->mode = MODE_RENDER;
            free(c->render_dir);
            c->render_dir = xstrdup(val);
            i++;
        } else if (strcmp(a, "--size") == 0) {
            int w, h;
            if (!val || !parse_size(val, &w, &h))
                return nr_fail(err, NR_ERR_USAGE,
                               "option '--size' needs WIDTHxHEIGHT, at least %dx%d and each at "
                               "most %d (got '%s')",
                               CONFIG_MIN_WIDTH, CONFIG_MIN_HEIGHT, CONFIG_MAX_SIDE,
                               val ? val : "");
            if (w < CONFIG_MIN_WIDTH || h < CONFIG_MIN_HEIGHT)
                return nr_fail(err, NR_ERR_USAGE,
                               "option '--size' %s is smaller than a slide can be laid out: the "
                               "smallest is %dx%d (%d wide, %d high; portrait %dx%d)",
                               val, CONFIG_MIN_WIDTH, CONFIG_MIN_HEIGHT, CONFIG_MIN_WIDTH,
                               CONFIG_MIN_HEIGHT, CONFIG_MIN_WIDTH, CONFIG_MIN_WIDTH + 1);
            c->width = w;
            c->height = h;
            i++;
        } else if (strcmp(a, "--seconds") == 0) {
            long v;
            struct config_setting_info si; /* the range is show.slide_seconds' */
            config_setting_find("show", "slide_seconds", &si);
            if (!val || !nr_parse_int(val, si.min, si.max, &v))
                return nr_fail(err, NR_ERR_USAGE,
                               "option '--seconds' needs a whole number %s (got '%s')", si.allowed,
                               val ? val : "");
            c->slide_seconds = c->max_slide_seconds = (int)v; /* a fixed dwell */
            i++;
        } else if (strcmp(a, "--") == 0) {
            for (i++; i < argc; i++)
                if (add_arg_feed(c, argv[i], err) != NR_OK)
                    return NR_ERR_USAGE;
        } else if (a[0] == '-' && a[1] != '\0') {
            return nr_fail(err, NR_ERR_USAGE, "unknown option '%s' (see 'newsreel --help')", a);
        } else if (add_arg_feed(c, a, err) != NR_OK) {
            return NR_ERR_USAGE;
        }
    }
    return NR_OK;
}

static char *path_join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *p = xmalloc(n);
    snprintf(p, n, "%s/%s", a, b);
    return p;
}

void config_finish(struct config *c)
{
    if (c->max_slide_seconds < c->slide_seconds)
        c->max_slide_seconds = c->slide_seconds;
    if (!c->cache_dir) {
        if (c->system_user || !c->home)
            c->cache_dir = xstrdup("/var/cache/newsreel");
        else
            c->cache_dir = path_join(c->home, ".cache/newsreel");
    }
    if (!c->status_file)
        c->status_file = path_join(c->cache_dir, "status");
    bool show_qr = c->theme.show_qr, show_clock = c->theme.show_clock;
    int safe = c->theme.safe_area_pct;
    if (c->theme_light)
        theme_light(&c->theme);
    else
        theme_default(&c->theme);
    /* the table wrote these into c->theme before the base theme was chosen: keep them */
    c->theme.show_qr = show_qr;
    c->theme.show_clock = show_clock;
    c->theme.safe_area_pct = safe;
    c->theme.ticker = c->ticker;
    if (c->accent_set)
        c->theme.accent = c->accent;
    for (int f = 0; f < FACE_COUNT; f++)
        c->theme.font_files[f] = c->fonts[f];
}

const char *config_status_path(const struct config *c)
{
    return c->status_file;
}

/* -c FILE is read before the other options so that they win over it. */
static enum nr_result find_config_arg(int argc, char **argv, const char **file, struct nr_err *err)
{
    *file = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (strcmp(argv[i], "-c") == 0 || strcmp(argv[i], "--config") == 0) {
            if (i + 1 >= argc)
                return nr_fail(err, NR_ERR_USAGE, "option '%s' needs a file", argv[i]);
            *file = argv[++i];
        } else if (strcmp(argv[i], "--render") == 0 || strcmp(argv[i], "--size") == 0 ||
                   strcmp(argv[i], "--snapshot") == 0 || strcmp(argv[i], "--seconds") == 0 ||
                   strcmp(argv[i], "--set") == 0) {
            i++; /* their values are never options */
        }
    }
    return NR_OK;
}

static char *cache_dir_of(const struct config *c)
{
    if (c->cache_dir)
        return xstrdup(c->cache_dir);
    if (c->system_user || !c->home)
        return xstrdup("/var/cache/newsreel");
    return path_join(c->home, ".cache/newsreel");
}

enum nr_result config_check(const struct config *c, struct nr_err *err)
{
    for (size_t i = 0; i < c->n_access; i++)
        if (!c->access[i].url)
            return nr_fail(err, NR_ERR_USAGE, "[feed %s] has no url", c->access[i].name);
    char tag[NR_LANG_MAX];
    if (c->language && !nr_i18n_tag(c->language, tag, sizeof tag))
        return nr_fail(err, NR_ERR_USAGE,
                       "language = '%s' is not a language tag (like de, fr_CA or ar)", c->language);
    return NR_OK;
}

const struct config_feed_rules *config_feed_rules(const struct config *c, size_t feed)
{
    if (feed >= c->n_feeds)
        return NULL;
    for (size_t i = 0; i < c->n_access; i++)
        if (c->access[i].url && strcmp(c->access[i].url, c->feeds[feed]) == 0)
            return &c->access[i].rules;
    return NULL;
}

char *config_remote_cache_path(const struct config *c)
{
    if (!c->settings_url)
        return NULL;
    char *dir = cache_dir_of(c);
    char *p = path_join(dir, "remote.conf");
    free(dir);
    return p;
}

/* The cached remote settings, once, right after the file that named settings_url. It was
 * checked before it was cached; should it fail now (a feed it names twice), the kiosk
 * still starts, with a warning. */
static void load_remote_copy(struct config *c)
{
    struct stat st;
    struct nr_err err = { 0 };
    if (!c->settings_url || c->remote_applied)
        return;
    char *path = config_remote_cache_path(c);
    c->remote_applied = path;
    if (stat(path, &st) != 0)
        return; /* never fetched yet */
    if (config_load_file(c, path, &err) != NR_OK)
        nr_warn("remote settings: %s; the rest of the settings apply", err.msg);
}

static enum nr_result load_optional(struct config *c, const char *path, struct nr_err *err)
{
    struct stat st;
    if (!path || stat(path, &st) != 0)
        return NR_OK; /* no such file: nothing to apply */
    return config_load_file(c, path, err);
}

enum nr_result config_load(struct config *c, int argc, char **argv, const struct config_env *env,
                           struct nr_err *err)
{
    const char *extra;
    enum nr_result rc;

    config_defaults(c);
    c->argc = argc;
    c->argv = argv;
    c->home = xstrdup(env->home);
    c->system_file = xstrdup(env->system_file);
    c->system_user = env->system_user;
    if ((rc = find_config_arg(argc, argv, &extra, err)) != NR_OK)
        return rc;
    c->config_file = xstrdup(extra);
    if ((rc = load_optional(c, c->system_file, err)) != NR_OK)
        return rc;
    load_remote_copy(c);
    if (c->home) {
        char *user = path_join(c->home, ".config/newsreel/newsreel.conf");
        rc = load_optional(c, user, err);
        free(user);
        if (rc != NR_OK)
            return rc;
    }
    load_remote_copy(c);
    if (extra && (rc = config_load_file(c, extra, err)) != NR_OK)
        return rc == NR_ERR_IO ? NR_ERR_USAGE : rc;
    load_remote_copy(c);
    if ((rc = config_parse_args(c, argc, argv, err)) != NR_OK)
        return rc;
    if ((rc = config_check(c, err)) != NR_OK)
        return rc;
    config_finish(c);
    return NR_OK;
}

enum nr_result config_reload(const struct config *old, struct config *fresh, struct nr_err *err)
{
    struct config_env env = {
        .home = old->home,
        .system_file = old->system_file,
        .system_user = old->system_user,
    };
    enum nr_result rc = config_load(fresh, old->argc, old->argv, &env, err);
    if (rc != NR_OK) {
        config_release(fresh);
        return rc;
    }
    fresh->notify_socket = xstrdup(old->notify_socket);
    fresh->watchdog_usec = xstrdup(old->watchdog_usec);
    fresh->watchdog_pid = xstrdup(old->watchdog_pid);
    fresh->locale_language = xstrdup(old->locale_language);
    return rc;
}
