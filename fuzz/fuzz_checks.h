/* fuzz_checks.h: the contracts of feed.h and story.h, checked on whatever the fuzzer made
 * the stages return. Shared by fuzz_feed and fuzz_html_extract. */
#ifndef NR_FUZZ_CHECKS_H
#define NR_FUZZ_CHECKS_H

#include "feed.h"
#include "story.h"

#include <stdbool.h>

/* True when s starts with an RFC 3986 scheme ("https:"), i.e. the URL is absolute. */
bool fuzz_url_is_absolute(const char *s);
/* Checks a feed_parse() result; max_items is the option the parse was given (0: default). */
void fuzz_check_feed(const struct feed *f, size_t max_items);
void fuzz_check_item(const struct feed_item *it);
/* Checks a story that story_extract() returned NR_OK for. */
void fuzz_check_story(const struct story *s);
/* Extracts a story from item, checks it, deep-copies it, and frees both. */
void fuzz_extract_item(const struct feed *f, const struct feed_item *it,
                       const struct extract_options *opt);

#endif
