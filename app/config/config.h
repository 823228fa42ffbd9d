/* config.h: every setting of Newsreel in one struct, filled from built-in defaults,
 * the config files and the command line, and checked in one place. */
#ifndef NR_CONFIG_H
#define NR_CONFIG_H

#include "nr.h"
#include "theme.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The smallest slide the layout fills (layout_slide() refuses a smaller viewport): 200 x 120
 * in landscape, so 200 x 201 in portrait. --size and display.width/height below it are
 * configuration errors, not a show of refused slides. */
#define CONFIG_MIN_WIDTH 200
#define CONFIG_MIN_HEIGHT 120
#define CONFIG_MAX_SIDE 16384
/* Feeds one configuration may name (files and command line together): each is fetched,
 * parsed and held on every refresh. More is a configuration error naming [feeds]. */
#define CONFIG_MAX_FEEDS 200

/* A [feed NAME] section: a feed with the extra request settings it needs (fetch_access).
 * Its url is also in config.feeds, in the order the sections came. */
#define CONFIG_MAX_FEED_HEADERS 16
#define CONFIG_MAX_FEED_WORDS 64 /* include and exclude entries of one feed, each */
#define CONFIG_MAX_FEED_WEIGHT 10

/* What a [feed NAME] section says about the feed's slides (all optional). Days and hours are
 * local time; a range of hours that ends before it starts runs over midnight, and belongs to
 * the day it starts on. */
struct config_feed_rules {
    char *label;        /* kicker text instead of the site name; owned; NULL: the site's */
    bool accent_set;    /* accent below replaces the theme's on this feed's slides */
    struct rgba accent; /* kicker, quote mark, progress bar */
    char *logo;         /* image file; owned; NULL: the feed's own logo or icon */
    char **include;     /* words or phrases as written; a story must name one; owned */
    size_t n_include;
    char **exclude; /* a story that names one is left out; owned */
    size_t n_exclude;
    int max_stories;   /* this feed's stories in one rotation; 0: no limit of its own */
    int max_age_hours; /* this feed's age limit; 0: [show] max_age_hours */
    int weight;        /* share of the rotation (1..CONFIG_MAX_FEED_WEIGHT; 0 reads as 1) */
    unsigned days;     /* bit d: shown on weekday d (0 Sunday); 0 reads as every day */
    bool hours_set;    /* from_minute..to_minute below applies */
    int from_minute, to_minute; /* minutes of the day; to is exclusive; to < from: over midnight */
};

struct config_access {
    char *name;     /* NAME of [feed NAME]; owned */
    char *url;      /* owned; NULL until the section's url line */
    char **headers; /* "Name: value" lines; owned */
    size_t n_headers;
    char *username; /* basic auth; owned; NULL: none */
    char *password; /* owned; NULL: none */
    struct config_feed_rules rules;
};

enum transition { TRANSITION_CROSSFADE, TRANSITION_SLIDE, TRANSITION_CUT };

enum run_mode {
    MODE_SHOW,
    MODE_RENDER,
    MODE_DUMP,
    MODE_HELP,
    MODE_VERSION,
    MODE_STATUS,
    MODE_SNAPSHOT
};

enum window_mode { WINDOW_AUTO, WINDOW_WINDOWED, WINDOW_FULLSCREEN };

/* display.renderer: auto is the GPU on the console (KMS/DRM) and the CPU in a window; gpu
 * forces SDL's textured renderer on any video driver (the console's path, under test on a
 * desktop). Fixed at start: a reload does not change it. */
enum renderer_choice { RENDERER_AUTO, RENDERER_SOFTWARE, RENDERER_GPU };

struct config {
    enum run_mode mode;
    char **feeds; /* URLs or paths, owned */
    size_t n_feeds;
    bool feeds_from_args; /* the command line named feeds: they replace the files' */
    char *render_dir;     /* --render DIR */
    char *snapshot_out;   /* --snapshot FILE */
    int width, height;    /* --size WxH; window size; 0: the display's */
    bool fullscreen;      /* else a window */
    bool fullscreen_set;  /* --window / --fullscreen given, or display.mode not auto */

    /* [show] */
    int slide_seconds;     /* shortest dwell of a slide */
    int max_slide_seconds; /* longest dwell (long reads); never below slide_seconds */
    int reading_wpm;       /* words per minute the dwell assumes */
    int transition_ms;
    enum transition transition;
    int max_stories;      /* slides in one rotation */
    int max_age_hours;    /* older stories are left out */
    int breaking_minutes; /* a story newer than this goes next; 0: off */
    bool ticker;          /* a band of the other headlines along the bottom */
    int ticker_speed;     /* its speed in hundredths of the screen height a second */
    int digest_every;     /* a digest slide after this many slides; 0: none */
    bool reduced_motion;  /* cuts, a paging ticker, no drift animation */
    int log_level;        /* enum nr_log_level */
    char *language;       /* on-screen language tag; NULL: locale_language */

    /* [fetch] */
    int refresh_minutes;
    int timeout_seconds;          /* one feed or photo download, whole */
    int article_images;           /* per feed load: article pages fetched for a missing photo */
    char *cache_dir;              /* NULL: no disk cache */
    char *proxy;                  /* HTTP(S) proxy URL; NULL: none */
    char *ca_file;                /* PEM CA certificates trusted besides the system's; NULL: none */
    struct config_access *access; /* [feed NAME] sections; owned */
    size_t n_access;

    /* [article]: reading each story's linked page */
    bool article_read;       /* on by default */
    int article_pages;       /* pages read from the network per refresh */
    int article_host_gap_ms; /* least time between two requests to one site */
    bool article_robots;     /* honour robots.txt */
    int article_cache_entries;
    int article_cache_mb;
    char *article_url; /* --dump --article URL: what one page gives */

    /* [announcements]: slides the site writes itself (app/announce) */
    char *announce_dir;    /* the folder; NULL: none */
    int announce_every;    /* one announcement after this many stories */
    int announce_position; /* 1..: one announcement before this story of each round
                            * instead; 0: announce_every decides */

    /* [display] */
    int rotation_deg;  /* 0, 90, 180, 270 */
    int on_minute;     /* minute of the day the screen comes on (0..1439) */
    int off_minute;    /* ... and goes blank; equal to on_minute: always on */
    int drift_px;      /* burn-in care: static elements wander this far */
    char *status_file; /* NULL: <cache_dir>/status */
    char *cec_device;  /* HDMI-CEC adapter for the TV's power; NULL: none */

    /* [alert]: urgent messages (app/alert) */
    char *alert_file;       /* plain text or CAP file; NULL: none */
    char *alert_url;        /* CAP document or feed of alerts; NULL: none */
    int alert_poll_seconds; /* between reads of both */
    char *alert_language;   /* CAP info block wanted; NULL: the first */
    int alert_band_top;     /* 1: Moderate and Minor alerts in a band at the top; 0: bottom */

    /* [monitor] */
    char *metrics_file;    /* Prometheus text file; NULL: none */
    char *heartbeat_url;   /* pinged while the screen is meant to be on; NULL: none */
    int heartbeat_minutes; /* between pings */
    char *snapshot_file;   /* PNG of the slide on screen, rewritten every snapshot_minutes;
                            * NULL: none */
    int snapshot_minutes;

    /* [remote] */
    char *settings_url;   /* settings fetched from here; NULL: none */
    int settings_minutes; /* between checks */
    char *remote_applied; /* the cached remote copy read into this config; owned; NULL:
                           * none */
    int renderer;         /* enum renderer_choice; $NEWSREEL_RENDERER overrides */

    /* [debug]: hidden settings that squeeze time for tests and benchmarks */
    int time_scale; /* minute-based intervals are divided by this (60: minutes
                     * become seconds) */
    int slide_ms;   /* when non-zero, the dwell of every slide in ms */

    /* [theme] */
    struct theme theme;
    char *fonts[FACE_COUNT]; /* [theme] *_font files; NULL: bundled (theme.font_files) */
    bool theme_light;
    bool accent_set;
    struct rgba accent;

    /* systemd, filled by main from $NOTIFY_SOCKET, $WATCHDOG_USEC and $WATCHDOG_PID */
    char *notify_socket; /* owned; NULL: not under systemd's Type=notify */
    char *watchdog_usec; /* owned; NULL: no watchdog */
    char *watchdog_pid;  /* owned; NULL: none given */
    /* the locale's language, filled by main from $LC_ALL, $LC_MESSAGES or $LANG: the default
     * of show.language; owned; NULL: none set */
    char *locale_language;

    /* Where this config came from, for SIGHUP reload (see config_reload). */
    int argc; /* borrowed argv (main's lives as long as the process) */
    char **argv;
    char *home;        /* owned; NULL when unknown */
    char *system_file; /* owned */
    bool system_user;
    char *config_file; /* -c FILE; owned */
};

/* Where config_load looks; main fills it from the environment (no module calls getenv). */
struct config_env {
    const char *home;        /* $HOME; NULL when unset */
    const char *system_file; /* normally "/etc/newsreel/newsreel.conf"; NULL: none */
    bool system_user;        /* run as a system account: cache in /var/cache/newsreel */
};

/* Built-in defaults. */
void config_defaults(struct config *c);
void config_release(struct config *c); /* accepts a zeroed struct */

/* The whole precedence chain into c (c is reset first): built-in defaults <
 * env->system_file < ~/.config/newsreel/newsreel.conf < -c FILE < command-line flags; then
 * derived values (cache_dir default, theme). Missing system/user files are fine; a missing
 * -c FILE is not. NR_ERR_USAGE with "FILE:LINE: setting = value is out of range (a..b)"
 * or a message naming the argument; the caller exits 2. Borrows argv for c's life. */
enum nr_result config_load(struct config *c, int argc, char **argv, const struct config_env *env,
                           struct nr_err *err);

/* Loads again from the same sources as old (SIGHUP) into fresh. On failure fresh is
 * released and old stays valid. */
enum nr_result config_reload(const struct config *old, struct config *fresh, struct nr_err *err);

/* Reads one INI file on top of c. NR_ERR_IO when it cannot be opened (errno kept), or
 * NR_ERR_USAGE naming file, line and setting. */
enum nr_result config_load_file(struct config *c, const char *path, struct nr_err *err);

/* Sets one setting as a file line would ("show", "transition", "cut"). where names the
 * origin in messages ("newsreel.conf:12", "--set"). */
enum nr_result config_set(struct config *c, const char *section, const char *key, const char *value,
                          const char *where, struct nr_err *err);

/* Parses argv into c (on top of what c holds). NR_ERR_USAGE with a message naming the
 * argument on a bad one. */
enum nr_result config_parse_args(struct config *c, int argc, char **argv, struct nr_err *err);

/* Fills derived values: cache_dir default, status file, theme with accent, dwell order. */
void config_finish(struct config *c);

/* Appends a feed URL or path (copied). The callers that read the user's settings keep
 * to CONFIG_MAX_FEEDS before calling. */
void config_add_feed(struct config *c, const char *feed);
void config_clear_feeds(struct config *c);

/* The rules of feed `feed` (index into c->feeds): those of the [feed NAME] section with its
 * url, or NULL when the feed has none (a [feeds] line). Borrowed from c. */
const struct config_feed_rules *config_feed_rules(const struct config *c, size_t feed);

/* Path of the status file the running program keeps; NULL when there is none (no
 * cache_dir and no status_file). Borrowed from c. */
const char *config_status_path(const struct config *c);

/* The checks that need every file read (a [feed NAME] without a url). NR_ERR_USAGE. */
enum nr_result config_check(const struct config *c, struct nr_err *err);

/* Path of the last good copy of [remote] settings_url's file: "<cache_dir>/remote.conf".
 * config_load reads it right after the file that names settings_url (later files and the
 * command line still win). NULL when there is no settings_url or no cache_dir. New
 * string; free with free(). Call after config_finish(). */
char *config_remote_cache_path(const struct config *c);

/* The --help text: the options, then every setting with its range and default. */
void config_print_usage(FILE *to);

/* ---- the settings table (settings.c), for defaults, --help and the manual pages ---- */

/* One setting as people read it. */
struct config_setting_info {
    const char *section; /* "show" */
    const char *key;     /* "slide_seconds"; NULL for [feeds] (any key) */
    const char *doc;     /* what it does, one line */
    char def[96];        /* the default ("12", "crossfade", or words when derived) */
    char allowed[96];    /* "3..600", "crossfade, slide, cut", "yes/no", "path"... */
    bool is_int;
    long min, max; /* is_int: the range */
};
size_t config_setting_count(void);
void config_setting_info(size_t i, struct config_setting_info *out); /* i < count */
/* The setting section.key into out; NULL when there is none. */
const struct config_setting_info *config_setting_find(const char *section, const char *key,
                                                      struct config_setting_info *out);
/* Sets every setting that has a literal default to it (config_defaults does this). */
void config_apply_defaults(struct config *c);

/* The command-line options: count, and option i's name ("--seconds N"; returned) with its
 * text in doc. */
size_t config_option_count(void);
const char *config_option_text(size_t i, char *doc, size_t len);

/* The manual pages newsreel(1) and newsreel.conf(5), in roff, from the table above (the
 * package installs packaging/man/, which test_config_docs keeps equal to these). */
void config_write_man1(FILE *to);
void config_write_man5(FILE *to);

#endif
