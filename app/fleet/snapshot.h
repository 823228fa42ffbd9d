/* snapshot.h: `newsreel --snapshot FILE` asks the running slideshow what is on screen. The
 * slideshow keeps the recipe of the slide it shows (story, slide info, photo, badge) and
 * hands it out over a local socket that only the service user (and root) may open; the
 * asking process paints it exactly as --render paints a slide, at the size asked. So the
 * slideshow's main loop is never woken for it. */
#ifndef NR_SNAPSHOT_H
#define NR_SNAPSHOT_H

#include "buf.h"
#include "config.h"
#include "draw.h"
#include "nr.h"
#include "story.h"

#include <stdbool.h>

/* Caps on what a snapshot client reads: every field, and the whole header. */
#define SNAPSHOT_MAX_FIELD 65536
#define SNAPSHOT_MAX_HEADER (16u * 65536)

struct snapshot_recipe {
    struct story story; /* owned */
    struct slide_info info;
    int slide_w, slide_h; /* the size on screen */
    char *badge;          /* stale-feed label painted on it; NULL: none; owned */
    bool has_photo;       /* the screen shows a photo */
    bool idle;            /* the "waiting for news" slide */
    struct nr_buf photo;  /* its encoded bytes; empty when not at hand; owned */
};
void fleet_snapshot_recipe_release(struct snapshot_recipe *r); /* accepts a zeroed struct */

/* The socket: "snapshot.sock" beside the status file. New string, or NULL without a status
 * file. */
char *fleet_snapshot_socket_path(const struct config *c);

/* Wire format: "NEWSREEL-SNAPSHOT 1\n", "key=value\n" lines (value with '\\', '\n' escaped),
 * an empty line, then photo_bytes bytes of photo. NR_OK, or NR_ERR_TOO_BIG when out's cap
 * cut it short (out is then full: send none of it). */
enum nr_result fleet_snapshot_encode(struct nr_buf *out, const struct snapshot_recipe *r);
/* Parses data (len bytes) into *r (zeroed first; release it in every case). Caps every
 * field; NR_ERR_PARSE naming what is wrong. */
enum nr_result fleet_snapshot_decode(const char *data, size_t len, struct snapshot_recipe *r,
                                     struct nr_err *err);

/* Slideshow side. The slide now on screen (copied); photo_url of story is read from the
 * photo cache given to fleet_snapshot_serve_start when has_photo. Main thread. */
void fleet_snapshot_publish(const struct story *story, const struct slide_info *info, int w, int h,
                            const char *badge, bool has_photo, bool idle);
/* Listens on path (a stale socket is replaced; mode 0600) in a thread of its own;
 * photo_dir: the worker's photo cache (NULL: none). Logged and left off on failure. */
void fleet_snapshot_serve_start(const char *path, const char *photo_dir);
void fleet_snapshot_serve_stop(void); /* removes the socket */

/* Client side: connects to path and reads the recipe into *r (release it in every case).
 * NR_ERR_IO naming the socket ("is newsreel running? ...") or NR_ERR_PARSE. */
enum nr_result fleet_snapshot_request(const char *path, struct snapshot_recipe *r,
                                      struct nr_err *err);

#endif
