/* pipeline_int.h: what the pipeline's files share. */
#ifndef NR_PIPELINE_INT_H
#define NR_PIPELINE_INT_H

#include "story.h"

/* Logs, once per address while the process runs (the last 256 remembered), the image of
 * a story that extraction left out as no photo (s->photo_left_out), with why and the feed
 * it came in (base_url, may be NULL). Nothing when s has none. Thread-safe. */
void pipeline_log_left_out(const char *base_url, const struct story *s);

#endif
