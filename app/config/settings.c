/* settings.c: the table of every file setting with its type and allowed range, and the INI
 * reader (inih) that applies a file on top of a config. */
#include "config.h"

#include "alloc.h"
#include "log.h"
#include "strutil.h"

#include <errno.h>
#include <ini.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <strings.h>

#include "banned.h"

enum setting_type {
    SET_INT,      /* int in [min, max] */
    SET_BOOL,     /* yes/no, true/false, on/off, 1/0 */
    SET_ENUM,     /* one of names[]; the field gets values[i] */
    SET_STRING,   /* owned char * */
    SET_FILE,     /* owned char *, a file that must be readable */
    SET_COLOR,    /* #rrggbb into struct rgba; sets accent_set */
    SET_TIME,     /* HH:MM into minutes of the day */
    SET_FEED,     /* appended to the feed list, at most CONFIG_MAX_FEEDS */
    SET_SIZE,     /* int: 0 (the display's), or in [min, max] */
};

struct setting {
    const char *section, *key;
    enum setting_type type;
    size_t field;
    long min, max;
    const char *const *names;   /* SET_ENUM: NULL-terminated */
    const int *values;          /* SET_ENUM: the value for each name */
};

static const char *const transition_names[] = { "crossfade", "slide", "cut", NULL };
static const int transition_values[] = { TRANSITION_CROSSFADE, TRANSITION_SLIDE, TRANSITION_CUT };
static const char *const rotation_names[] = { "0", "90", "180", "270", NULL };
static const int rotation_values[] = { 0, 90, 180, 270 };
static const char *const mode_names[] = { "auto", "window", "fullscreen", NULL };
static const int mode_values[] = { WINDOW_AUTO, WINDOW_WINDOWED, WINDOW_FULLSCREEN };
static const char *const renderer_names[] = { "auto", "software", "gpu", NULL };
static const int renderer_values[] = { RENDERER_AUTO, RENDERER_SOFTWARE, RENDERER_GPU };
static const char *const theme_names[] = { "dark", "light", NULL };
static const int theme_values[] = { 0, 1 };
static const char *const level_names[] = { "debug", "info", "warning", "error", NULL };
static const int level_values[] = { NR_LOG_DEBUG, NR_LOG_INFO, NR_LOG_WARN, NR_LOG_ERROR };

/* a pseudo-field for display.mode, which sets two bools */
#define FIELD_WINDOW_MODE ((size_t)-1)
#define FIELD_THEME_LIGHT offsetof(struct config, theme_light)
#define F(name) offsetof(struct config, name)
#define NO_NAMES NULL, NULL

static const struct setting settings[] = {
    /* section   key                type        field, min, max */
    { "feeds",   NULL,               SET_FEED,   0, 0,    0, NO_NAMES },
    { "show",    "slide_seconds",    SET_INT,    F(slide_seconds), 3,  600, NO_NAMES },
    { "show",    "max_slide_seconds", SET_INT,   F(max_slide_seconds), 3,  600, NO_NAMES },
    { "show",    "reading_wpm",      SET_INT,    F(reading_wpm), 60, 1000, NO_NAMES },
    { "show",    "transition",       SET_ENUM,   F(transition), 0, 0, transition_names,
      transition_values },
    { "show",    "transition_ms",    SET_INT,    F(transition_ms), 0, 5000, NO_NAMES },
    { "show",    "max_stories",      SET_INT,    F(max_stories), 1,  500, NO_NAMES },
    { "show",    "max_age_hours",    SET_INT,    F(max_age_hours), 1, 8760, NO_NAMES },
    { "show",    "breaking_minutes", SET_INT,    F(breaking_minutes), 0, 1440, NO_NAMES },
    { "show",    "log_level",        SET_ENUM,   F(log_level), 0, 0, level_names, level_values },
    { "fetch",   "refresh_minutes",  SET_INT,    F(refresh_minutes), 1, 1440, NO_NAMES },
    { "fetch",   "timeout_seconds",  SET_INT,    F(timeout_seconds), 2,  600, NO_NAMES },
    { "fetch",   "article_images",   SET_INT,    F(article_images), 0,  50, NO_NAMES },
    { "fetch",   "cache_dir",        SET_STRING, F(cache_dir), 0,    0, NO_NAMES },
    { "display", "mode",             SET_ENUM,   FIELD_WINDOW_MODE, 0, 0, mode_names, mode_values },
    { "display", "width",            SET_SIZE,   F(width), CONFIG_MIN_WIDTH, CONFIG_MAX_SIDE,
      NO_NAMES },
    { "display", "height",           SET_SIZE,   F(height), CONFIG_MIN_HEIGHT, CONFIG_MAX_SIDE,
      NO_NAMES },
    { "display", "rotation",         SET_ENUM,   F(rotation_deg), 0, 0, rotation_names,
      rotation_values },
    { "display", "on_time",          SET_TIME,   F(on_minute), 0, 1439, NO_NAMES },
    { "display", "off_time",         SET_TIME,   F(off_minute), 0, 1439, NO_NAMES },
    { "display", "drift_px",         SET_INT,    F(drift_px), 0,   32, NO_NAMES },
    { "display", "status_file",      SET_STRING, F(status_file), 0,    0, NO_NAMES },
    { "display", "renderer",         SET_ENUM,   F(renderer), 0, 0, renderer_names,
      renderer_values },
    { "theme",   "theme",            SET_ENUM,   FIELD_THEME_LIGHT, 0, 0, theme_names,
      theme_values },
    { "theme",   "accent",           SET_COLOR,  F(accent), 0,    0, NO_NAMES },
    { "theme",   "safe_area_pct",    SET_INT,    F(theme.safe_area_pct), 0,   20, NO_NAMES },
    { "theme",   "headline_font",    SET_FILE,   F(fonts[FACE_HEADLINE]), 0, 0, NO_NAMES },
    { "theme",   "quote_font",       SET_FILE,   F(fonts[FACE_QUOTE]), 0, 0, NO_NAMES },
    { "theme",   "body_font",        SET_FILE,   F(fonts[FACE_BODY]), 0, 0, NO_NAMES },
    { "theme",   "body_bold_font",   SET_FILE,   F(fonts[FACE_BODY_BOLD]), 0, 0, NO_NAMES },
    { "theme",   "qr",               SET_BOOL,   F(theme.show_qr), 0,    1, NO_NAMES },
    { "theme",   "clock",            SET_BOOL,   F(theme.show_clock), 0,    1, NO_NAMES },
    { "debug",   "time_scale",       SET_INT,    F(time_scale), 1, 3600, NO_NAMES },
    { "debug",   "slide_ms",         SET_INT,    F(slide_ms), 0, 600000, NO_NAMES },
};

static const struct setting *find_setting(const char *section, const char *key)
{
    for (size_t i = 0; i < sizeof settings / sizeof settings[0]; i++) {
        const struct setting *s = &settings[i];
        if (strcasecmp(s->section, section) != 0)
            continue;
        if (!s->key || strcasecmp(s->key, key) == 0)
            return s;
    }
    return NULL;
}

static bool known_section(const char *section)
{
    for (size_t i = 0; i < sizeof settings / sizeof settings[0]; i++)
        if (strcasecmp(settings[i].section, section) == 0)
            return true;
    return false;
}

static bool parse_bool(const char *v, bool *out)
{
    static const char *const yes[] = { "yes", "true", "on", "1" };
    static const char *const no[] = { "no", "false", "off", "0" };
    for (size_t i = 0; i < 4; i++) {
        if (strcasecmp(v, yes[i]) == 0)
            return *out = true, true;
        if (strcasecmp(v, no[i]) == 0)
            return *out = false, true;
    }
    return false;
}

static int hexval(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

static bool parse_color(const char *v, struct rgba *out)
{
    int d[6];
    if (v[0] != '#' || strlen(v) != 7)
        return false;
    for (int i = 0; i < 6; i++)
        if ((d[i] = hexval(v[1 + i])) < 0)
            return false;
    out->r = (uint8_t)(d[0] * 16 + d[1]);
    out->g = (uint8_t)(d[2] * 16 + d[3]);
    out->b = (uint8_t)(d[4] * 16 + d[5]);
    out->a = 255;
    return true;
}

static bool parse_time(const char *v, int *minutes)
{
    long h, m;
    char hb[3];
    const char *colon = strchr(v, ':');
    if (!colon || colon - v < 1 || colon - v > 2)
        return false;
    memcpy(hb, v, (size_t)(colon - v));
    hb[colon - v] = '\0';
    if (!nr_parse_int(hb, 0, 23, &h) || strlen(colon + 1) != 2 ||
        !nr_parse_int(colon + 1, 0, 59, &m))
        return false;
    *minutes = (int)(h * 60 + m);
    return true;
}

static void enum_list(const struct setting *s, char *out, size_t len)
{
    size_t o = 0;
    out[0] = '\0';
    for (size_t i = 0; s->names[i] && o < len; i++)
        o += (size_t)snprintf(out + o, len - o, "%s%s", i ? ", " : "", s->names[i]);
}

enum nr_result config_set(struct config *c, const char *section, const char *key,
                          const char *value, const char *where, struct nr_err *err)
{
    const struct setting *s = find_setting(section, key);
    char *base = (char *)c;
    if (!s) {
        if (!known_section(section))
            return nr_fail(err, NR_ERR_USAGE, "%s: unknown section '[%s]'", where, section);
        return nr_fail(err, NR_ERR_USAGE, "%s: unknown setting '%s' in [%s]", where, key,
                       section);
    }
    switch (s->type) {
    case SET_FEED:
        if (nr_str_empty(value))
            return nr_fail(err, NR_ERR_USAGE, "%s: %s = is an empty feed", where, key);
        if (c->n_feeds >= CONFIG_MAX_FEEDS)
            return nr_fail(err, NR_ERR_USAGE,
                           "%s: [feeds] %s = %s is one feed too many (at most %d)", where, key,
                           value, CONFIG_MAX_FEEDS);
        config_add_feed(c, value);
        return NR_OK;
    case SET_SIZE: {
        long v;
        if (!nr_parse_int(value, 0, s->max, &v) || (v > 0 && v < s->min))
            return nr_fail(err, NR_ERR_USAGE,
                           "%s: %s = %s is out of range (0 for the display's, or %ld..%ld: the "
                           "smallest slide is %dx%d)",
                           where, s->key, value, s->min, s->max, CONFIG_MIN_WIDTH,
                           CONFIG_MIN_HEIGHT);
        *(int *)(base + s->field) = (int)v;
        return NR_OK;
    }
    case SET_INT: {
        long v;
        if (!nr_parse_int(value, s->min, s->max, &v))
            return nr_fail(err, NR_ERR_USAGE, "%s: %s = %s is out of range (%ld..%ld)", where,
                           s->key, value, s->min, s->max);
        *(int *)(base + s->field) = (int)v;
        return NR_OK;
    }
    case SET_BOOL: {
        bool v;
        if (!parse_bool(value, &v))
            return nr_fail(err, NR_ERR_USAGE, "%s: %s = %s is out of range (yes, no)", where,
                           s->key, value);
        *(bool *)(base + s->field) = v;
        return NR_OK;
    }
    case SET_ENUM:
        for (size_t i = 0; s->names[i]; i++) {
            if (strcasecmp(value, s->names[i]) != 0)
                continue;
            if (s->field == FIELD_WINDOW_MODE) {
                c->fullscreen_set = s->values[i] != WINDOW_AUTO;
                c->fullscreen = s->values[i] == WINDOW_FULLSCREEN;
            } else if (s->field == FIELD_THEME_LIGHT) {
                c->theme_light = s->values[i] != 0;
            } else {
                *(int *)(base + s->field) = s->values[i];
            }
            return NR_OK;
        }
        {
            char names[128];
            enum_list(s, names, sizeof names);
            return nr_fail(err, NR_ERR_USAGE, "%s: %s = %s is out of range (%s)", where, s->key,
                           value, names);
        }
    case SET_FILE:
        if (!nr_str_empty(value) && access(value, R_OK) != 0)
            return nr_fail(err, NR_ERR_USAGE, "%s: %s = %s cannot be read: %s", where, s->key,
                           value, strerror(errno));
        /* fall through */
    case SET_STRING: {
        char **field = (char **)(base + s->field);
        if (nr_str_empty(value))
            return nr_fail(err, NR_ERR_USAGE, "%s: %s = is empty (a path)", where, s->key);
        if (strlen(value) >= 4096)
            return nr_fail(err, NR_ERR_USAGE, "%s: %s is longer than 4095 bytes", where, s->key);
        free(*field);
        *field = xstrdup(value);
        return NR_OK;
    }
    case SET_COLOR:
        if (!parse_color(value, (struct rgba *)(base + s->field)))
            return nr_fail(err, NR_ERR_USAGE, "%s: %s = %s is out of range (#000000..#ffffff)",
                           where, s->key, value);
        c->accent_set = true;
        return NR_OK;
    case SET_TIME:
        if (!parse_time(value, (int *)(base + s->field)))
            return nr_fail(err, NR_ERR_USAGE, "%s: %s = %s is out of range (00:00..23:59)", where,
                           s->key, value);
        return NR_OK;
    }
    return nr_fail(err, NR_ERR_INTERNAL, "%s: setting '%s' has no type", where, s->key);
}

struct ini_ctx {
    struct config *c;
    const char *path;
    FILE *f;
    struct nr_err err;     /* the first failure */
    bool failed;
    int line;              /* counted by read_line: inih reports the first failing line only
                            * as its return value, our messages carry it themselves */
    char *line_buf;        /* getline's buffer */
    size_t line_cap;
    char *long_value;      /* the value of the current line when it was too long for inih */
};

#define LONG_VALUE_MARK "\x01"
#define MAX_CONFIG_LINE 65536

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

/* inih (as Debian builds it) reads lines into a 200-byte buffer and would take the rest of
 * a long line (a long feed URL) for a line of its own. Long lines are read whole here: a
 * long comment is cut (it stays a comment); a long "key = value" reaches inih as
 * "key = <mark>" and on_setting takes the value from ctx->long_value. */
static char *read_line(char *str, int num, void *stream)
{
    struct ini_ctx *ctx = stream;
    ssize_t n = getline(&ctx->line_buf, &ctx->line_cap, ctx->f);
    if (n < 0 || num < 8)
        return NULL;
    ctx->line++;
    char *l = ctx->line_buf;
    if (n < num) {
        memcpy(str, l, (size_t)n + 1);
        return str;
    }
    free(ctx->long_value);
    ctx->long_value = NULL;
    char *t = trim(l);
    char *eq = strchr(t, '=');
    if (t[0] == ';' || t[0] == '#' || !eq || n > MAX_CONFIG_LINE || eq - t > num - 8) {
        /* a comment stays one; anything else is cut and reported by inih or the table */
        memcpy(str, t, (size_t)num - 2);
        str[num - 2] = '\n';
        str[num - 1] = '\0';
        return str;
    }
    *eq = '\0';
    char *value = trim(eq + 1);
    char *semi = strstr(value, " ;");
    if (semi)
        *semi = '\0';
    ctx->long_value = xstrdup(trim(value));
    snprintf(str, (size_t)num, "%s = %s\n", t, LONG_VALUE_MARK);
    return str;
}

static int on_setting(void *user, const char *section, const char *name, const char *value)
{
    struct ini_ctx *ctx = user;
    char where[4200];
    if (ctx->failed)
        return 1;   /* only the first error is reported */
    if (strcmp(value, LONG_VALUE_MARK) == 0 && ctx->long_value)
        value = ctx->long_value;
    snprintf(where, sizeof where, "%s:%d", ctx->path, ctx->line);
    if (config_set(ctx->c, section, name, value, where, &ctx->err) != NR_OK) {
        ctx->failed = true;
        return 0;
    }
    return 1;
}

enum nr_result config_load_file(struct config *c, const char *path, struct nr_err *err)
{
    struct ini_ctx ctx = { .c = c, .path = path };
    enum nr_result ret = NR_OK;
    ctx.f = fopen(path, "r");
    if (!ctx.f)
        return nr_fail(err, NR_ERR_IO, "cannot read config file '%s': %s", path, strerror(errno));
    int rc = ini_parse_stream(read_line, &ctx, on_setting, &ctx);
    if (ctx.failed) {
        if (err)
            *err = ctx.err;
        ret = NR_ERR_USAGE;
    } else if (rc > 0) {
        ret = nr_fail(err, NR_ERR_USAGE,
                      "%s:%d: not a setting (expected 'key = value' or '[section]')", path, rc);
    } else if (rc < 0 || ferror(ctx.f)) {
        ret = nr_fail(err, NR_ERR_IO, "cannot read config file '%s'", path);
    }
    fclose(ctx.f);
    free(ctx.line_buf);
    free(ctx.long_value);
    return ret;
}
