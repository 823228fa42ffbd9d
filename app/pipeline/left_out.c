/* left_out.c: a feed's image left out as no photo (a tracking pixel, an icon, a share
 * button) is logged once, as a photo the decoder refuses is: a feed is read again on every
 * refresh, and its furniture must not fill the log. Thread-safe: one lock. */
#include "pipeline_int.h"

#include "log.h"

#include <pthread.h>
#include <stdint.h>

#define LEFT_OUT_MAX 256 /* addresses remembered, the oldest forgotten first */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t seen[LEFT_OUT_MAX];
static size_t n_seen, next_seen;

static uint64_t url_hash(const char *url)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)url; *p; p++)
        h = (h ^ *p) * 1099511628211ull;
    return h;
}

void pipeline_log_left_out(const char *base_url, const struct story *s)
{
    if (!s->photo_left_out)
        return;
    uint64_t h = url_hash(s->photo_left_out);
    bool known = false;
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < n_seen && !known; i++)
        known = seen[i] == h;
    if (!known) {
        seen[next_seen] = h;
        next_seen = (next_seen + 1) % LEFT_OUT_MAX;
        if (n_seen < LEFT_OUT_MAX)
            n_seen++;
    }
    pthread_mutex_unlock(&lock);
    if (!known)
        nr_info("'%s': image '%s' of '%s' left out: %s", base_url ? base_url : "feed",
                s->photo_left_out, s->headline ? s->headline : "",
                s->photo_left_out_why ? s->photo_left_out_why : "not a photo");
}
