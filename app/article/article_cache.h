/* article_cache.h: what each article page gave, kept on disk across restarts, so that a page
 * is read once. The fields only (no HTML, no body text), keyed by the page's URL.
 *
 * One file per URL in the folder (named by a hash of the URL), written like the feed cache:
 * a temporary file, fsync, rename over the old one, fsync of the folder; each file ends with
 * an FNV-1a 64 checksum, and a torn or foreign file reads as no entry. After each store the
 * folder is trimmed, oldest first, to the limits. Thread: one writer (the reader's thread). */
#ifndef NR_ARTICLE_CACHE_H
#define NR_ARTICLE_CACHE_H

#include "article.h"
#include "nr.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct article_cache_entry {
    struct article a; /* body is never stored */
    bool nothing;     /* the page gave nothing: why says why */
    char *why;
    char *etag, *last_modified; /* for a conditional GET when the entry is old */
    int64_t stored_unix;
};
void article_cache_entry_release(struct article_cache_entry *e); /* accepts zeroed */

struct article_cache_limits {
    size_t max_entries; /* 0: no limit */
    size_t max_bytes;   /* all entries together; 0: no limit */
};

/* Stores e for url in dir (created when missing), then trims dir to lim. NR_ERR_IO naming
 * the file when the disk refuses; the old entry is then intact. */
enum nr_result article_cache_store(const char *dir, const char *url,
                                   const struct article_cache_entry *e,
                                   const struct article_cache_limits *lim, struct nr_err *err);

/* Loads url's entry into *out (zeroed first). NR_OK when a whole matching entry was read;
 * NR_ERR_IO when there is none; NR_ERR_PARSE for a torn or corrupt file (ignored). */
enum nr_result article_cache_load(const char *dir, const char *url, struct article_cache_entry *out,
                                  struct nr_err *err);

#endif
