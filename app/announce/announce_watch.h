/* announce_watch.h: the announcements folder watched from a thread of its own (inotify):
 * a new, changed, moved-in or deleted file is read again after a short quiet time, and a
 * set that differs from the last is reported. The same thread decodes the announcements'
 * pictures on request, so that neither the main loop nor the feeds' worker waits for it.
 * The thread sleeps in poll() between changes: nothing wakes while the folder is still. */
#ifndef NR_ANNOUNCE_WATCH_H
#define NR_ANNOUNCE_WATCH_H

#include "announce.h"

#include <stdbool.h>
#include <stdint.h>

struct SDL_Surface;

enum announce_report_kind {
    ANNOUNCE_REPORT_SET,   /* payload: struct announce_set * (free with announce_set_free) */
    ANNOUNCE_REPORT_PHOTO, /* payload: struct announce_photo * (announce_photo_free) */
};

/* Called from the watch thread; the callee owns payload from then on. */
typedef void (*announce_report_fn)(void *ctx, enum announce_report_kind kind, void *payload);

struct announce_photo {
    uint64_t id;               /* as requested */
    uint32_t generation;       /* as requested */
    struct SDL_Surface *photo; /* owned; NULL when it failed */
    char error[512];           /* why it failed */
};
void announce_photo_free(struct announce_photo *p); /* accepts NULL */
void announce_set_free(struct announce_set *set);   /* release and free; accepts NULL */

struct announce_watch_params {
    const char *dir;           /* copied */
    int debounce_ms;           /* quiet time after the last change before the folder is read */
    int retry_ms;              /* a missing folder is looked for again this often */
    uint32_t tag;              /* stamped on every set reported: a caller that starts a new
                              * watch tells its sets from a stopped one's still queued */
    announce_report_fn report; /* required */
    void *ctx;
};

struct announce_watch;

/* Starts the thread, which reads the folder and reports the first set at once (an empty
 * set with the error when the folder cannot be read). Signals must already be blocked.
 * Never NULL. */
struct announce_watch *announce_watch_new(const struct announce_watch_params *p);

/* Stops the thread and waits for it (a picture being decoded is finished first: tens of
 * ms). No report comes after it returns. Accepts NULL. */
void announce_watch_free(struct announce_watch *w);

/* Queues a decode of the picture at path for a screen_w x screen_h slide: whole, to fit the
 * slide (picture), or for the slide's photo box (an announcement's image). Reported as
 * ANNOUNCE_REPORT_PHOTO with id and generation. Beyond the queue's room the oldest request
 * is dropped (its slide is painted without it at its deadline). */
void announce_watch_request(struct announce_watch *w, uint64_t id, uint32_t generation,
                            const char *path, bool picture, int screen_w, int screen_h);

/* Reads and decodes one picture as announce_watch_request does, on the caller's thread
 * (for --render). NULL with err on failure. */
struct SDL_Surface *announce_decode(const char *path, bool picture, int screen_w, int screen_h,
                                    struct nr_err *err);

#endif
