/* announce.h: announcements: slides the site writes itself, from a folder the config names.
 * One small text file per slide (a "key: value" header: title, body, image, valid_from,
 * valid_until, days, hours; the text after the first blank line is the body), and any plain
 * picture (JPEG, PNG, WebP, GIF) dropped into the folder as a full-screen picture slide.
 * The parser and the schedule are pure; announce_scan reads the folder; watch.c keeps it
 * watched from a thread of its own (announce_watch.h). */
#ifndef NR_ANNOUNCE_H
#define NR_ANNOUNCE_H

#include "layout.h"
#include "nr.h"
#include "story.h"
#include "theme.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ANNOUNCE_MAX_FILES 100               /* folder entries looked at; the rest left out */
#define ANNOUNCE_MAX_FILE_BYTES (16u * 1024) /* one text file */
#define ANNOUNCE_MAX_LINE_BYTES 1024         /* one header line */
#define ANNOUNCE_MAX_TITLE_BYTES 200
#define ANNOUNCE_MAX_BODY_BYTES 2000
#define ANNOUNCE_MAX_ERRORS 32 /* problems kept per scan; the rest are counted */

/* The word set above an announcement on screen, in the configured language: every
 * announcement's kicker comes from here. Static string. */
const char *announce_kicker(void);

enum announce_kind {
    ANNOUNCE_TEXT,    /* a text file: title, body, optional image */
    ANNOUNCE_PICTURE, /* a picture file shown alone, letterboxed */
};

/* One point in time from the file: with a UTC offset (Z, +02:00) it is absolute; without
 * one it is the screen's local time. */
struct announce_time {
    bool set;
    bool local;   /* no offset given: compared with the local wall clock */
    int64_t secs; /* local: seconds since 1970-01-01 00:00 local time; else unix time */
};

struct announce_item {
    enum announce_kind kind;
    char *file;       /* its name in the folder; owned */
    char *title;      /* owned; never NULL (a picture: its file name) */
    char *body;       /* owned; NULL when none */
    char *image_name; /* owned; TEXT: the image line as written (a name in the folder) */
    char *image;      /* owned; the image's path (announce_scan fills it); NULL: none */
    uint64_t version; /* changes when the file (or its image) changes */
    struct announce_time from, until; /* shown from `from`, until before `until` */
    uint8_t days;                     /* bit 0 Monday .. bit 6 Sunday; 0x7f: every day */
    bool has_hours;
    int hours_from_min, hours_to_min; /* minutes of the day; to < from: past midnight */
    int line_image;                   /* the image line, for messages about it; 0: none */
};

void announce_item_release(struct announce_item *it); /* accepts NULL or a zeroed item */

/* Parses one text file of len bytes named name (for messages). Fills *out (zeroed first;
 * release it even on failure). NR_ERR_PARSE with "name:LINE: why" in err for a malformed
 * file: an unknown key, a line without "key:", a bad date, day or hour, a title or body
 * over its cap, no title, text that is not UTF-8; NR_ERR_TOO_BIG over
 * ANNOUNCE_MAX_FILE_BYTES. Borrows text. */
enum nr_result announce_parse(const char *text, size_t len, const char *name,
                              struct announce_item *out, struct nr_err *err);

/* Whether it is shown at now_unix, on a screen whose local time is utc_offset_s ahead of
 * UTC: inside valid_from..valid_until, on one of its days and inside its hours. */
bool announce_active(const struct announce_item *it, int64_t now_unix, int utc_offset_s);

/* What one look at the folder found: the items in file-name order, and the problems. */
struct announce_set {
    struct announce_item *items; /* owned */
    size_t n;
    char *errors[ANNOUNCE_MAX_ERRORS]; /* "file:line: why", owned */
    size_t n_errors;
    size_t more_errors; /* problems beyond the ones kept */
    uint32_t tag;       /* the watch's (announce_watch_params.tag); 0 from announce_scan */
};

void announce_set_release(struct announce_set *set); /* accepts a zeroed set */

/* Reads the folder dir into *out (zeroed first; release it even on failure): *.txt files
 * are parsed, pictures (.jpg .jpeg .png .webp .gif) not named by a text file's image line
 * become picture slides; hidden files, editor leftovers (name~, .swp) and folders are
 * passed over. A text file whose image is missing is reported and shown without it.
 * NR_ERR_IO when the folder cannot be read (out is then empty). */
enum nr_result announce_scan(const char *dir, struct announce_set *out, struct nr_err *err);

/* Fills dst (its old contents not freed) with a deep copy of src. */
void announce_set_copy(struct announce_set *dst, const struct announce_set *src);

/* Whether a and b hold the same items (names, texts, times, versions) and problems. */
bool announce_set_equal(const struct announce_set *a, const struct announce_set *b);

/* The story that shows it: id "announce:NAME" (a picture: "announce-picture:NAME"),
 * headline the title, dek the body (message set: the layout gives it room), source
 * announce_kicker(), photo_url "file://PATH#V" with its image, V its version. Fills *out
 * (zeroed first); release with story_release. */
void announce_story(const struct announce_item *it, struct story *out);

/* Whether s is an announcement's story; a picture slide's. */
bool announce_story_is(const struct story *s);
bool announce_story_is_picture(const struct story *s);

/* The image path of an announcement's story (its photo_url without "file://" and the
 * version) into out (room for cap); false when it has none or it does not fit. */
bool announce_story_image_path(const struct story *s, char *out, size_t cap);

/* The picture slide: the picture of photo_w x photo_h px letterboxed on the theme's ground
 * inside the safe area (above the ticker's band when it runs), never stretched nor cut. *out is initialised here (release it after).
 * NR_ERR_USAGE for a viewport under 200 x 120 px or a picture without size. Pure. */
enum nr_result announce_picture_layout(int photo_w, int photo_h, const struct theme *t,
                                       struct viewport vp, struct display_list *out,
                                       struct nr_err *err);

#endif
