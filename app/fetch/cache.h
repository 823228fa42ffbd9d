/* cache.h: the last good body and HTTP metadata of each feed, kept on disk across restarts.
 *
 * One file per feed URL in the cache folder, named by a hash of the URL. A store writes a
 * temporary file, fsyncs it, renames it over the old one and fsyncs the folder, so after a
 * crash or power cut the file holds the old entry or the new one, whole. Each file ends with
 * an FNV-1a 64 checksum of everything before it; a torn, truncated or corrupt file (or one
 * written for another URL) is ignored with a log line, as if there were none.
 *
 * Thread: any, but one writer per URL at a time (the refresh worker). Readers never see a
 * half-written file. */
#ifndef NR_CACHE_H
#define NR_CACHE_H

#include "fetch.h"
#include "nr.h"
#include "nr_limits.h"

#include <stdint.h>

/* Largest body kept: a feed's cap. */
#define CACHE_MAX_BODY_BYTES NR_MAX_FEED_BYTES

/* Saves r's body, status, final URL, content type, ETag and Last-Modified for url, stamped
 * fetched_unix (wall-clock seconds, for "updated N min ago"). Creates dir (and its parents)
 * when missing. r is borrowed; a not_modified result has no body to store (NR_ERR_USAGE).
 * NR_ERR_TOO_BIG over CACHE_MAX_BODY_BYTES; NR_ERR_IO when the disk refuses (err names the
 * file); the previous entry is then still intact. */
enum nr_result cache_store(const char *dir, const char *url, const struct fetch_result *r,
                           int64_t fetched_unix, struct nr_err *err);

/* Loads the entry for url into *out (zeroed first; release with fetch_result_release()):
 * body, http_status, final_url, content_type, etag, last_modified; not_modified false.
 * fetched_unix (may be NULL) receives the store's stamp.
 * NR_OK when a whole, matching entry was read. NR_ERR_IO when there is none (no log line).
 * NR_ERR_PARSE when the file is torn or corrupt: it is logged once here and ignored; the next
 * store replaces it. *out is left empty on any failure. */
enum nr_result cache_load(const char *dir, const char *url, struct fetch_result *out,
                          int64_t *fetched_unix, struct nr_err *err);

/* Removes url's entry; NR_OK also when there was none. */
enum nr_result cache_remove(const char *dir, const char *url, struct nr_err *err);

/* Photos: entries of the same form in their own folder, up to the photo cap (a photo at a
 * URL does not change, so it is read from the disk before the network). The feed cap is
 * smaller: a photo between the two used to be refused here. */
#define CACHE_MAX_PHOTO_BYTES NR_MAX_PHOTO_BYTES
#define CACHE_PHOTO_KEEP_S (7 * 24 * 3600)        /* a photo unused this long is removed */
#define CACHE_PRUNE_EVERY_MS (24 * 3600 * 1000LL) /* a kiosk runs for months between starts */
enum nr_result cache_photo_store(const char *dir, const char *url, const struct fetch_result *r,
                                 int64_t fetched_unix, struct nr_err *err);
/* As cache_load, and marks the entry used now (its mtime), which cache_prune keeps by. */
enum nr_result cache_photo_load(const char *dir, const char *url, struct fetch_result *out,
                                struct nr_err *err);
/* Removes the regular files of dir not used (modified) within keep_s of now_unix, so the
 * folder holds about that long's photos however long the kiosk runs. Returns how many. */
size_t cache_prune(const char *dir, int64_t keep_s, int64_t now_unix);

/* Returns the new path of url's cache file in dir; free with free(). */
char *cache_path(const char *dir, const char *url);

#endif
