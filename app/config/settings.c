/* settings.c: the table of every file setting with its type and allowed range, and the INI
 * reader (inih) that applies a file on top of a config. */
#include "config.h"

#include "alloc.h"
#include "log.h"
#include "strutil.h"

#include <assert.h>
#include <errno.h>
#include <ini.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <strings.h>

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
    SET_FEED_KEY, /* a key of a [feed NAME] section: documented here, read by set_feed_section */
};

struct setting {
    const char *section, *key;
    enum setting_type type;
    size_t field;
    long min, max;
    const char *const *names; /* SET_ENUM: NULL-terminated */
    const int *values;        /* SET_ENUM: the value for each name */
    const char *def;          /* the default as a file would say it, applied by
                               * config_defaults; NULL: none, or derived (see def_doc) */
    const char *def_doc;      /* the default in words when it is derived; else NULL */
    const char *allowed_doc;  /* the allowed values in words; NULL: from type and range */
    const char *doc;          /* what it does, one line */
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
static const char *const band_names[] = { "bottom", "top", NULL };
static const int band_values[] = { 0, 1 };
static const char *const level_names[] = { "debug", "info", "warning", "error", NULL };
static const int level_values[] = { NR_LOG_DEBUG, NR_LOG_INFO, NR_LOG_WARN, NR_LOG_ERROR };

/* a pseudo-field for display.mode, which sets two bools */
#define FIELD_WINDOW_MODE ((size_t)-1)
#define FIELD_THEME_LIGHT offsetof(struct config, theme_light)
#define F(name) offsetof(struct config, name)
#define NO_NAMES NULL, NULL
#define ENUM(n) n##_names, n##_values

/* Every setting of the config file, and of --set: its range, its default and what it does.
 * config_defaults, the file reader, --set, --seconds, --help, the manual pages and the
 * README's settings table (checked by test_config_docs) all come from here. */
static const struct setting settings[] = {
    { "feeds", NULL, SET_FEED, 0, 0, 0, NO_NAMES, NULL, "none", "URL or path",
      "one feed a line (url = https://...); up to 200 feeds (files and command line alike)" },
    { "show", "slide_seconds", SET_INT, F(slide_seconds), 3, 600, NO_NAMES, "12", NULL, NULL,
      "shortest time a slide stays" },
    { "show", "max_slide_seconds", SET_INT, F(max_slide_seconds), 3, 600, NO_NAMES, "20", NULL,
      NULL, "longest; between the two, the time the slide's text takes to read" },
    { "show", "reading_wpm", SET_INT, F(reading_wpm), 60, 1000, NO_NAMES, "200", NULL, NULL,
      "reading speed for the dwell time" },
    { "show", "transition", SET_ENUM, F(transition), 0, 0, ENUM(transition), "crossfade", NULL,
      NULL, "how one slide gives way to the next" },
    { "show", "transition_ms", SET_INT, F(transition_ms), 0, 5000, NO_NAMES, "800", NULL, NULL,
      "length of the transition" },
    { "show", "max_stories", SET_INT, F(max_stories), 1, 500, NO_NAMES, "50", NULL, NULL,
      "slides in one rotation (newest first, feeds interleaved)" },
    { "show", "max_age_hours", SET_INT, F(max_age_hours), 1, 8760, NO_NAMES, "48", NULL, NULL,
      "older stories are left out (unless every story is older)" },
    { "show", "breaking_minutes", SET_INT, F(breaking_minutes), 0, 1440, NO_NAMES, "10", NULL, NULL,
      "a story newer than this goes next; 0 turns it off" },
    { "show", "language", SET_STRING, F(language), 0, 0, NO_NAMES, NULL,
      "from the locale ($LC_ALL, $LC_MESSAGES, $LANG), else en", "en, de, fr, es, ar",
      "language of the words on screen (times, dates, badge, counter); a right-to-left one "
      "mirrors the chrome (see \"Languages\")" },
    { "show", "ticker", SET_BOOL, F(ticker), 0, 1, NO_NAMES, "no", NULL, NULL,
      "a band along the bottom with the headlines of the stories not on screen" },
    { "show", "ticker_speed", SET_INT, F(ticker_speed), 1, 50, NO_NAMES, "8", NULL, NULL,
      "how fast the ticker moves, in hundredths of the screen height a second" },
    { "show", "digest_every", SET_INT, F(digest_every), 0, 100, NO_NAMES, "0", NULL, NULL,
      "a slide listing the next few headlines after this many slides; 0 turns it off" },
    { "show", "reduced_motion", SET_BOOL, F(reduced_motion), 0, 1, NO_NAMES, "no", NULL, NULL,
      "no movement: cuts instead of transitions, no drift of the picture, a ticker that pages "
      "at slide changes" },
    { "show", "log_level", SET_ENUM, F(log_level), 0, 0, ENUM(level), "info", NULL, NULL,
      "what goes to stderr / the journal" },
    { "fetch", "refresh_minutes", SET_INT, F(refresh_minutes), 1, 1440, NO_NAMES, "15", NULL, NULL,
      "time between refreshes of a feed; failures back off (30 s up to 1 h, with jitter) and "
      "obey Retry-After" },
    { "fetch", "timeout_seconds", SET_INT, F(timeout_seconds), 2, 600, NO_NAMES, "30", NULL, NULL,
      "longest one feed or photo download may take" },
    { "fetch", "article_images", SET_INT, F(article_images), 0, 50, NO_NAMES, "0", NULL, NULL,
      "article pages fetched per refresh to find a photo (og:image) for stories whose feed has "
      "none" },
    { "fetch", "cache_dir", SET_STRING, F(cache_dir), 0, 0, NO_NAMES, NULL,
      "~/.cache/newsreel (/var/cache/newsreel for a system user)", "path",
      "last good copy of every feed and its photos" },
    { "fetch", "proxy", SET_STRING, F(proxy), 0, 0, NO_NAMES, NULL, "none",
      "http://host:port (also https://, socks5h://; user:password@ allowed)",
      "the proxy every request goes through (a service does not see the shell's http_proxy)" },
    { "fetch", "ca_file", SET_FILE, F(ca_file), 0, 0, NO_NAMES, NULL, "none", "a readable PEM file",
      "certificates trusted besides the system's (a company CA, a TLS-inspecting proxy)" },
    { "feed NAME", "url", SET_FEED_KEY, 0, 0, 0, NO_NAMES, NULL, "none", "http(s) URL",
      "a feed that needs more than a URL; it joins the [feeds] list where the section stands" },
    { "feed NAME", "header", SET_FEED_KEY, 0, 0, 0, NO_NAMES, NULL, "none", "Name: value, up to 16",
      "an extra request header (an API key); one line each" },
    { "feed NAME", "username", SET_FEED_KEY, 0, 0, 0, NO_NAMES, NULL, "none", "text",
      "HTTP basic auth" },
    { "feed NAME", "password", SET_FEED_KEY, 0, 0, 0, NO_NAMES, NULL, "none", "text",
      "HTTP basic auth" },
    { "feed NAME", "label", SET_FEED_KEY, 0, 0, 0, NO_NAMES, NULL, "the site's name",
      "text, up to 200 bytes", "the kicker's text on this feed's slides" },
    { "feed NAME", "accent", SET_FEED_KEY, 0, 0, 0, NO_NAMES, NULL, "the theme's", "#rrggbb",
      "kicker, quote mark and progress bar colour on this feed's slides" },
    { "feed NAME", "logo", SET_FEED_KEY, 0, 0, 0, NO_NAMES, NULL, "the feed's own",
      "a readable PNG, JPEG, WebP or GIF file",
      "drawn small beside the kicker; without it, the feed's own image, logo or icon" },
    { "feed NAME", "include", SET_FEED_KEY, 0, 0, 0, NO_NAMES, NULL, "none",
      "words or phrases, comma-separated",
      "only stories that name one (headline, summary or category; whole words, case and "
      "accents aside)" },
    { "feed NAME", "exclude", SET_FEED_KEY, 0, 0, 0, NO_NAMES, NULL, "none",
      "words or phrases, comma-separated", "stories that name one are left out (as include)" },
    { "feed NAME", "max_stories", SET_FEED_KEY, 0, 1, 500, NO_NAMES, NULL, "no limit of its own",
      "1..500", "this feed's slides in one rotation at most" },
    { "feed NAME", "max_age_hours", SET_FEED_KEY, 0, 1, 8760, NO_NAMES, NULL, "[show]'s", "1..8760",
      "this feed's older stories are left out" },
    { "feed NAME", "weight", SET_FEED_KEY, 0, 1, CONFIG_MAX_FEED_WEIGHT, NO_NAMES, NULL, "1",
      "1..10", "share of the rotation: a feed of weight 2 gets twice the slides of weight 1" },
    { "feed NAME", "days", SET_FEED_KEY, 0, 0, 0, NO_NAMES, NULL, "every day",
      "mon-fri, sat,sun ... (ranges may wrap: fri-mon)",
      "weekdays the feed is shown (local time)" },
    { "feed NAME", "hours", SET_FEED_KEY, 0, 0, 0, NO_NAMES, NULL, "all day",
      "HH:MM-HH:MM (over midnight: 22:00-02:00)",
      "hours the feed is shown (local time); outside them its stories leave the rotation" },
    { "article", "read", SET_BOOL, F(article_read), 0, 1, NO_NAMES, "yes", NULL, NULL,
      "read each story's linked page for its quote, full-size photo, caption and credit (see "
      "\"Article reading\")" },
    { "article", "pages_per_refresh", SET_INT, F(article_pages), 0, 500, NO_NAMES, "30", NULL, NULL,
      "pages read from the network per refresh; pages already read come from the cache" },
    { "article", "host_gap_ms", SET_INT, F(article_host_gap_ms), 0, 60000, NO_NAMES, "1000", NULL,
      NULL, "least time between two requests to one site" },
    { "article", "robots", SET_BOOL, F(article_robots), 0, 1, NO_NAMES, "yes", NULL, NULL,
      "honour each site's robots.txt (rules for Newsreel, else *)" },
    { "article", "cache_entries", SET_INT, F(article_cache_entries), 10, 100000, NO_NAMES, "2000",
      NULL, NULL, "size of the article cache (<cache_dir>/articles), oldest dropped first" },
    { "article", "cache_mb", SET_INT, F(article_cache_mb), 1, 1024, NO_NAMES, "16", NULL, NULL,
      "size of the article cache in MiB" },
    { "announcements", "folder", SET_STRING, F(announce_dir), 0, 0, NO_NAMES, NULL, "none", "path",
      "slides the site writes itself: a text file or a picture each (see \"Announcements\")" },
    { "announcements", "every", SET_INT, F(announce_every), 1, 100, NO_NAMES, "4", NULL, NULL,
      "one announcement after this many stories" },
    { "announcements", "position", SET_INT, F(announce_position), 0, 500, NO_NAMES, "0", NULL, NULL,
      "when not 0, one announcement a round, before this story, instead of every" },
    { "display", "mode", SET_ENUM, FIELD_WINDOW_MODE, 0, 0, ENUM(mode), "auto", NULL, NULL,
      "auto: full screen on a console (KMS/DRM), a window on a desktop" },
    { "display", "width", SET_SIZE, F(width), CONFIG_MIN_WIDTH, CONFIG_MAX_SIDE, NO_NAMES, "0",
      NULL, NULL, "window width; 0: the display's" },
    { "display", "height", SET_SIZE, F(height), CONFIG_MIN_HEIGHT, CONFIG_MAX_SIDE, NO_NAMES, "0",
      NULL, NULL, "window height; 0: the display's" },
    { "display", "rotation", SET_ENUM, F(rotation_deg), 0, 0, ENUM(rotation), "0", NULL, NULL,
      "for a screen mounted on its side or upside down" },
    { "display", "on_time", SET_TIME, F(on_minute), 0, 1439, NO_NAMES, "00:00", NULL, NULL,
      "daily time the screen comes on; equal to off_time: always on" },
    { "display", "off_time", SET_TIME, F(off_minute), 0, 1439, NO_NAMES, "00:00", NULL, NULL,
      "daily time the screen goes blank" },
    { "display", "drift_px", SET_INT, F(drift_px), 0, 32, NO_NAMES, "4", NULL, NULL,
      "burn-in care: static elements wander by up to this many pixels" },
    { "display", "status_file", SET_STRING, F(status_file), 0, 0, NO_NAMES, NULL,
      "<cache_dir>/status", "path", "the file newsreel --status reads" },
    { "display", "cec_device", SET_STRING, F(cec_device), 0, 0, NO_NAMES, NULL, "none",
      "/dev/cec0 ...",
      "the TV's own power over HDMI-CEC outside the on hours (see \"Running many screens\")" },
    { "display", "renderer", SET_ENUM, F(renderer), 0, 0, ENUM(renderer), "auto", NULL, NULL,
      "how frames are drawn: auto (the GPU on the console, the CPU in a desktop window), gpu "
      "(SDL's textured renderer on any video driver) or software; read at start, "
      "NEWSREEL_RENDERER overrides it" },
    { "theme", "theme", SET_ENUM, FIELD_THEME_LIGHT, 0, 0, ENUM(theme), "dark", NULL, NULL,
      "near-black or light ground" },
    { "theme", "accent", SET_COLOR, F(accent), 0, 0, NO_NAMES, NULL,
      "#e8a95c (dark), #b04a12 (light)", NULL, "kicker, quote mark and progress bar colour" },
    { "theme", "safe_area_pct", SET_INT, F(theme.safe_area_pct), 0, 20, NO_NAMES, "0", NULL, NULL,
      "margin kept clear on every side for TV overscan" },
    { "theme", "headline_font", SET_FILE, F(fonts[FACE_HEADLINE]), 0, 0, NO_NAMES, NULL,
      "bundled Noto Serif Display Bold", "a readable font file",
      "the headline's face; glyphs a face lacks come from the system's fonts" },
    { "theme", "quote_font", SET_FILE, F(fonts[FACE_QUOTE]), 0, 0, NO_NAMES, NULL,
      "bundled Noto Serif Italic", "a readable font file", "the pull quote's face" },
    { "theme", "body_font", SET_FILE, F(fonts[FACE_BODY]), 0, 0, NO_NAMES, NULL,
      "bundled Noto Sans", "a readable font file", "the face of the other text" },
    { "theme", "body_bold_font", SET_FILE, F(fonts[FACE_BODY_BOLD]), 0, 0, NO_NAMES, NULL,
      "bundled Noto Sans Bold", "a readable font file", "the bold face of the other text" },
    { "theme", "qr", SET_BOOL, F(theme.show_qr), 0, 1, NO_NAMES, "yes", NULL, NULL,
      "QR code linking to the article" },
    { "theme", "clock", SET_BOOL, F(theme.show_clock), 0, 1, NO_NAMES, "yes", NULL, NULL,
      "the clock beside the slide counter" },
    { "alert", "file", SET_STRING, F(alert_file), 0, 0, NO_NAMES, NULL, "none",
      "path (plain text or CAP)",
      "an urgent message on disk, shown while the file is there (see \"Urgent alerts\")" },
    { "alert", "url", SET_STRING, F(alert_url), 0, 0, NO_NAMES, NULL, "none",
      "http(s) URL of a CAP 1.2 alert or an Atom feed of them",
      "alerts of a warning service; an active one breaks in at once" },
    { "alert", "poll_seconds", SET_INT, F(alert_poll_seconds), 1, 3600, NO_NAMES, "60", NULL, NULL,
      "time between reads of the alert file and URL" },
    { "alert", "language", SET_STRING, F(alert_language), 0, 0, NO_NAMES, NULL, "the alert's first",
      "language tag (de, fr-CA)", "which of an alert's languages is shown" },
    { "alert", "band", SET_ENUM, F(alert_band_top), 0, 0, ENUM(band), "bottom", NULL, NULL,
      "where a Moderate or Minor alert's band goes; Extreme and Severe take the whole screen" },
    { "monitor", "metrics_file", SET_STRING, F(metrics_file), 0, 0, NO_NAMES, NULL, "none",
      "path (*.prom in node_exporter's textfile folder)",
      "Prometheus metrics, written at each refresh (see \"Running many screens\")" },
    { "monitor", "heartbeat_url", SET_STRING, F(heartbeat_url), 0, 0, NO_NAMES, NULL, "none",
      "http(s) URL", "pinged while the screen is meant to be on" },
    { "monitor", "heartbeat_minutes", SET_INT, F(heartbeat_minutes), 1, 1440, NO_NAMES, "5", NULL,
      NULL, "time between pings" },
    { "monitor", "snapshot_file", SET_STRING, F(snapshot_file), 0, 0, NO_NAMES, NULL, "none",
      "path (.png)",
      "a picture of the slide on screen, rewritten every snapshot_minutes (on hours only)" },
    { "monitor", "snapshot_minutes", SET_INT, F(snapshot_minutes), 1, 1440, NO_NAMES, "5", NULL,
      NULL, "time between pictures" },
    { "remote", "settings_url", SET_STRING, F(settings_url), 0, 0, NO_NAMES, NULL, "none",
      "http(s) URL",
      "settings for this screen kept on a web server (see \"Running many screens\")" },
    { "remote", "settings_minutes", SET_INT, F(settings_minutes), 1, 1440, NO_NAMES, "5", NULL,
      NULL, "time between checks of settings_url" },
    { "debug", "time_scale", SET_INT, F(time_scale), 1, 3600, NO_NAMES, "1", NULL, NULL,
      "for tests: minute-based intervals are divided by this" },
    { "debug", "slide_ms", SET_INT, F(slide_ms), 0, 600000, NO_NAMES, "0", NULL, NULL,
      "for tests: when not 0, every slide stays this many ms" },
};

#define N_SETTINGS (sizeof settings / sizeof settings[0])

static const struct setting *find_setting(const char *section, const char *key)
{
    for (size_t i = 0; i < N_SETTINGS; i++) {
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
    for (size_t i = 0; i < N_SETTINGS; i++)
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

/* "Name: value" with a token for a name (RFC 9110) and no control bytes. */
static bool header_line_ok(const char *v)
{
    const char *colon = strchr(v, ':');
    if (!colon || colon == v || strlen(v) > 1024)
        return false;
    for (const char *p = v; p < colon; p++)
        if (!strchr("!#$%&'*+-.^_`|~", *p) &&
            !((*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')))
            return false;
    for (const char *p = colon; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            return false;
    return true;
}

static char *trim(char *s);

static const char *const day_names[] = { "sun", "mon", "tue", "wed", "thu", "fri", "sat" };
static const char *const day_full[] = { "sunday",   "monday", "tuesday", "wednesday",
                                        "thursday", "friday", "saturday" };

static int day_index(const char *w, size_t n)
{
    for (int d = 0; d < 7; d++)
        if ((n == 3 && strncasecmp(w, day_names[d], 3) == 0) ||
            (n == strlen(day_full[d]) && strncasecmp(w, day_full[d], n) == 0))
            return d;
    return -1;
}

/* "mon-fri", "sat,sun", "mon-wed, fri", "fri-mon" (a range may wrap past Sunday): a mask with
 * bit d for weekday d (0 Sunday). */
static bool parse_days(const char *v, unsigned *mask)
{
    unsigned m = 0;
    const char *p = v;
    while (*p) {
        while (*p == ' ' || *p == ',')
            p++;
        if (!*p)
            break;
        size_t n1 = strcspn(p, " ,-");
        int a = day_index(p, n1), b = a;
        p += n1;
        while (*p == ' ')
            p++;
        if (*p == '-') {
            p++;
            while (*p == ' ')
                p++;
            size_t n2 = strcspn(p, " ,-");
            b = day_index(p, n2);
            p += n2;
        }
        if (a < 0 || b < 0)
            return false;
        for (int d = a;; d = (d + 1) % 7) {
            m |= 1u << d;
            if (d == b)
                break;
        }
    }
    *mask = m;
    return m != 0;
}

/* "07:00-10:00"; the end may be 24:00; an end before the start runs over midnight. */
static bool parse_hours(const char *v, int *from, int *to)
{
    char a[8], b[8];
    const char *dash = strchr(v, '-');
    if (!dash || dash - v >= (long)sizeof a || strlen(dash + 1) >= sizeof b)
        return false;
    snprintf(a, sizeof a, "%.*s", (int)(dash - v), v);
    snprintf(b, sizeof b, "%s", dash + 1);
    char *ta = trim(a), *tb = trim(b);
    if (!parse_time(ta, from))
        return false;
    if (strcmp(tb, "24:00") == 0)
        *to = 24 * 60;
    else if (!parse_time(tb, to))
        return false;
    return *from != *to;
}

/* include/exclude: words or phrases separated by commas, added to list. */
static enum nr_result add_words(char ***list, size_t *n, const char *value, const char *where,
                                const char *name, const char *key, struct nr_err *err)
{
    const char *p = value;
    size_t added = 0;
    while (*p) {
        size_t len = strcspn(p, ",");
        char word[256];
        if (len >= sizeof word)
            return nr_fail(err, NR_ERR_USAGE, "%s: [feed %s] %s: a word is longer than %zu bytes",
                           where, name, key, sizeof word - 1);
        snprintf(word, sizeof word, "%.*s", (int)len, p);
        char *w = trim(word);
        p += len;
        if (*p == ',')
            p++;
        if (!w[0])
            continue;
        for (const char *q = w; *q; q++)
            if ((unsigned char)*q < 0x20 || *q == 0x7f)
                return nr_fail(err, NR_ERR_USAGE, "%s: [feed %s] %s = %s is not a valid value",
                               where, name, key, value);
        if (*n >= CONFIG_MAX_FEED_WORDS)
            return nr_fail(err, NR_ERR_USAGE, "%s: [feed %s] has more than %d %s words", where,
                           name, CONFIG_MAX_FEED_WORDS, key);
        *list = xrealloc(*list, (*n + 1) * sizeof **list);
        (*list)[(*n)++] = xstrdup(w);
        added++;
    }
    if (!added)
        return nr_fail(err, NR_ERR_USAGE,
                       "%s: [feed %s] %s = %s names no word (words or phrases, comma-separated)",
                       where, name, key, value);
    return NR_OK;
}

#define NOT_A_RULE ((enum nr_result) - 1)

/* The keys of a [feed NAME] section that say how its slides show (struct
 * config_feed_rules). NOT_A_RULE when key is none of them. */
static enum nr_result set_feed_rule(struct config_feed_rules *r, const char *name, const char *key,
                                    const char *value, const char *where, struct nr_err *err)
{
    const struct setting *s = find_setting("feed NAME", key);
    if (!s)
        return NOT_A_RULE;
    if (strcasecmp(key, "label") == 0) {
        bool ok = !nr_str_empty(value) && strlen(value) <= 200;
        for (const char *q = value; ok && *q; q++)
            ok = (unsigned char)*q >= 0x20 && *q != 0x7f;
        if (!ok)
            return nr_fail(err, NR_ERR_USAGE,
                           "%s: [feed %s] label = %s is not a valid value (text, up to 200 bytes)",
                           where, name, value);
        free(r->label);
        r->label = xstrdup(value);
        return NR_OK;
    }
    if (strcasecmp(key, "accent") == 0) {
        if (!parse_color(value, &r->accent))
            return nr_fail(err, NR_ERR_USAGE,
                           "%s: [feed %s] accent = %s is out of range (#000000..#ffffff)", where,
                           name, value);
        r->accent_set = true;
        return NR_OK;
    }
    if (strcasecmp(key, "logo") == 0) {
        if (nr_str_empty(value) || strlen(value) >= 4096 || access(value, R_OK) != 0)
            return nr_fail(err, NR_ERR_USAGE, "%s: [feed %s] logo = %s cannot be read: %s", where,
                           name, value, nr_str_empty(value) ? "empty" : strerror(errno));
        free(r->logo);
        r->logo = xstrdup(value);
        return NR_OK;
    }
    if (strcasecmp(key, "include") == 0)
        return add_words(&r->include, &r->n_include, value, where, name, "include", err);
    if (strcasecmp(key, "exclude") == 0)
        return add_words(&r->exclude, &r->n_exclude, value, where, name, "exclude", err);
    if (strcasecmp(key, "days") == 0) {
        if (!parse_days(value, &r->days))
            return nr_fail(err, NR_ERR_USAGE,
                           "%s: [feed %s] days = %s is not a list of weekdays (mon-fri, sat,sun, "
                           "fri-mon ...)",
                           where, name, value);
        return NR_OK;
    }
    if (strcasecmp(key, "hours") == 0) {
        if (!parse_hours(value, &r->from_minute, &r->to_minute))
            return nr_fail(err, NR_ERR_USAGE,
                           "%s: [feed %s] hours = %s is not a range of hours (HH:MM-HH:MM, 00:00 "
                           "to 24:00, start and end apart; 22:00-02:00 runs over midnight)",
                           where, name, value);
        r->hours_set = true;
        return NR_OK;
    }
    int *field = strcasecmp(key, "max_stories") == 0     ? &r->max_stories
                 : strcasecmp(key, "max_age_hours") == 0 ? &r->max_age_hours
                 : strcasecmp(key, "weight") == 0        ? &r->weight
                                                         : NULL;
    long v;
    if (!field)
        return NOT_A_RULE; /* url, header, username, password */
    if (!nr_parse_int(value, s->min, s->max, &v))
        return nr_fail(err, NR_ERR_USAGE, "%s: [feed %s] %s = %s is out of range (%ld..%ld)", where,
                       name, s->key, value, s->min, s->max);
    *field = (int)v;
    return NR_OK;
}

/* One line of a [feed NAME] section: url, header (repeatable), username, password, and the
 * rules of set_feed_rule. */
static enum nr_result set_feed_section(struct config *c, const char *name, const char *key,
                                       const char *value, const char *where, struct nr_err *err)
{
    struct config_access *a = NULL;
    for (size_t i = 0; i < c->n_access && !a; i++)
        if (strcmp(c->access[i].name, name) == 0)
            a = &c->access[i];
    if (!a) {
        if (nr_str_empty(name))
            return nr_fail(err, NR_ERR_USAGE, "%s: [feed] needs a name: [feed NAME]", where);
        if (c->n_access >= CONFIG_MAX_FEEDS)
            return nr_fail(err, NR_ERR_USAGE, "%s: [feed %s] is one feed too many (at most %d)",
                           where, name, CONFIG_MAX_FEEDS);
        c->access = xrealloc(c->access, (c->n_access + 1) * sizeof *c->access);
        a = &c->access[c->n_access++];
        memset(a, 0, sizeof *a);
        a->name = xstrdup(name);
    }
    if (strcasecmp(key, "url") == 0) {
        if (!nr_starts_with_ci(value, "http://") && !nr_starts_with_ci(value, "https://"))
            return nr_fail(err, NR_ERR_USAGE, "%s: [feed %s] url = %s is not an http(s) URL", where,
                           name, value);
        if (a->url)
            return nr_fail(err, NR_ERR_USAGE, "%s: [feed %s] has a url already (%s)", where, name,
                           a->url);
        if (c->n_feeds >= CONFIG_MAX_FEEDS)
            return nr_fail(err, NR_ERR_USAGE, "%s: [feed %s] is one feed too many (at most %d)",
                           where, name, CONFIG_MAX_FEEDS);
        a->url = xstrdup(value);
        /* command-line feeds replace the files' (config_parse_args), as for [feeds] */
        config_add_feed(c, value);
        return NR_OK;
    }
    if (strcasecmp(key, "header") == 0) {
        if (!header_line_ok(value))
            return nr_fail(err, NR_ERR_USAGE,
                           "%s: [feed %s] header = %s is not a 'Name: value' header", where, name,
                           value);
        if (a->n_headers >= CONFIG_MAX_FEED_HEADERS)
            return nr_fail(err, NR_ERR_USAGE, "%s: [feed %s] has more than %d headers", where, name,
                           CONFIG_MAX_FEED_HEADERS);
        a->headers = xrealloc(a->headers, (a->n_headers + 1) * sizeof *a->headers);
        a->headers[a->n_headers++] = xstrdup(value);
        return NR_OK;
    }
    enum nr_result rc = set_feed_rule(&a->rules, name, key, value, where, err);
    if (rc != NOT_A_RULE)
        return rc;
    char **field = strcasecmp(key, "username") == 0   ? &a->username
                   : strcasecmp(key, "password") == 0 ? &a->password
                                                      : NULL;
    if (!field)
        return nr_fail(err, NR_ERR_USAGE,
                       "%s: unknown setting '%s' in [feed %s] (url, header, username, "
                       "password, label, accent, logo, include, exclude, max_stories, "
                       "max_age_hours, weight, days, hours)",
                       where, key, name);
    if (strlen(value) > 1024 || strchr(value, '\x7f'))
        return nr_fail(err, NR_ERR_USAGE, "%s: [feed %s] %s is not a valid value", where, name,
                       key);
    free(*field);
    *field = xstrdup(value);
    return NR_OK;
}

enum nr_result config_set(struct config *c, const char *section, const char *key, const char *value,
                          const char *where, struct nr_err *err)
{
    if (strncasecmp(section, "feed ", 5) == 0 || strcasecmp(section, "feed") == 0)
        return set_feed_section(c, section[4] ? section + 5 : "", key, value, where, err);
    const struct setting *s = find_setting(section, key);
    char *base = (char *)c;
    if (!s) {
        if (!known_section(section))
            return nr_fail(err, NR_ERR_USAGE, "%s: unknown section '[%s]'", where, section);
        return nr_fail(err, NR_ERR_USAGE, "%s: unknown setting '%s' in [%s]", where, key, section);
    }
    switch (s->type) {
    case SET_FEED_KEY: break; /* [feed NAME] sections went to set_feed_section above */
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

void config_apply_defaults(struct config *c)
{
    for (size_t i = 0; i < N_SETTINGS; i++) {
        struct nr_err err = { 0 };
        const struct setting *s = &settings[i];
        if (!s->def)
            continue;
        enum nr_result rc = config_set(c, s->section, s->key, s->def, "default", &err);
        assert(rc == NR_OK); /* a default outside its own range is a bug in the table */
        (void)rc;
    }
    c->accent_set = false; /* a default, not the user's colour */
}

size_t config_setting_count(void)
{
    return N_SETTINGS;
}

void config_setting_info(size_t i, struct config_setting_info *out)
{
    const struct setting *s = &settings[i];
    memset(out, 0, sizeof *out);
    out->section = s->section;
    out->key = s->key;
    out->doc = s->doc;
    out->min = s->min;
    out->max = s->max;
    out->is_int = s->type == SET_INT;
    snprintf(out->def, sizeof out->def, "%s", s->def ? s->def : s->def_doc ? s->def_doc : "");
    if (s->allowed_doc)
        snprintf(out->allowed, sizeof out->allowed, "%s", s->allowed_doc);
    else if (s->type == SET_INT)
        snprintf(out->allowed, sizeof out->allowed, "%ld..%ld", s->min, s->max);
    else if (s->type == SET_SIZE)
        snprintf(out->allowed, sizeof out->allowed, "0 or %ld..%ld", s->min, s->max);
    else if (s->type == SET_ENUM)
        enum_list(s, out->allowed, sizeof out->allowed);
    else if (s->type == SET_BOOL)
        snprintf(out->allowed, sizeof out->allowed, "yes/no");
    else if (s->type == SET_COLOR)
        snprintf(out->allowed, sizeof out->allowed, "#rrggbb");
    else if (s->type == SET_TIME)
        snprintf(out->allowed, sizeof out->allowed, "HH:MM");
}

const struct config_setting_info *config_setting_find(const char *section, const char *key,
                                                      struct config_setting_info *out)
{
    for (size_t i = 0; i < N_SETTINGS; i++) {
        if (settings[i].key && strcmp(settings[i].section, section) == 0 &&
            strcmp(settings[i].key, key) == 0) {
            config_setting_info(i, out);
            return out;
        }
    }
    return NULL;
}

struct ini_ctx {
    struct config *c;
    const char *path;
    FILE *f;
    struct nr_err err; /* the first failure */
    bool failed;
    int line;       /* counted by read_line: inih reports the first failing line only
                     * as its return value, our messages carry it themselves */
    char *line_buf; /* getline's buffer */
    size_t line_cap;
    char *long_value; /* the value of the current line when it was too long for inih */
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
        return 1; /* only the first error is reported */
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
