/* fuzz_cache.c: cache_load() on a cache file holding any bytes: what a kiosk finds on its
 * disk after a power cut, a full disk, or a person editing the file.
 *
 * The input is the whole file. When it ends like an entry ("\nfnv1a64 " and 16 hex digits
 * and "\n"), the harness writes the right checksum over the digits (unless the input's
 * first digit is '0'), so mutations reach the header and body parser instead of dying on
 * the checksum; with '0' the checksum is kept as the fuzzer made it. The file is written
 * where cache_path() puts the entry of one fixed URL, in a private temporary folder. */
#include "fuzz.h"

#include "alloc.h"
#include "cache.h"
#include "fetch.h"
#include "nr_limits.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FUZZ_CACHE_URL "https://news.example.org/feed.xml"
#define TRAILER_PREFIX "\nfnv1a64 "
#define TRAILER_LEN 26 /* TRAILER_PREFIX, 16 hex digits, "\n" */

static char dir[64];
static char *entry_path;

static void remove_dir(void)
{
    if (entry_path)
        unlink(entry_path);
    free(entry_path);
    entry_path = NULL;
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_quiet_log();
    /* memory-backed when the system has it: one file write per input */
    snprintf(dir, sizeof dir, "%s",
             access("/dev/shm", W_OK) == 0 ? "/dev/shm/nr-fuzz-cache-XXXXXX"
                                           : "/tmp/nr-fuzz-cache-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("fuzz_cache: mkdtemp");
        abort();
    }
    entry_path = cache_path(dir, FUZZ_CACHE_URL);
    atexit(remove_dir);
    return 0;
}

static uint64_t fnv1a64(const uint8_t *p, size_t n)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}

static void write_entry(const uint8_t *data, size_t size)
{
    uint8_t *copy = xmalloc(size + 1);
    memcpy(copy, data, size);
    if (size >= TRAILER_LEN) {
        uint8_t *t = copy + size - TRAILER_LEN;
        if (memcmp(t, TRAILER_PREFIX, strlen(TRAILER_PREFIX)) == 0 && t[TRAILER_LEN - 1] == '\n' &&
            t[strlen(TRAILER_PREFIX)] != '0') {
            char hex[17];
            snprintf(hex, sizeof hex, "%016" PRIx64, fnv1a64(copy, size - TRAILER_LEN));
            memcpy(t + strlen(TRAILER_PREFIX), hex, 16);
        }
    }
    FILE *f = fopen(entry_path, "wb");
    if (!f || fwrite(copy, 1, size, f) != size || fclose(f) != 0) {
        perror("fuzz_cache: writing the entry");
        abort();
    }
    free(copy);
}

static void check_loaded(const struct fetch_result *r)
{
    FUZZ_CHECK(!r->not_modified, "a loaded entry is never a 304");
    FUZZ_CHECK(r->body.len <= CACHE_MAX_BODY_BYTES, "body within the cache's cap");
    FUZZ_CHECK(r->body.len == 0 || r->body.data, "body data");
    FUZZ_CHECK(r->body.data && r->body.data[r->body.len] == '\0', "body is NUL-terminated");
    const char *strings[] = { r->final_url, r->content_type, r->etag, r->last_modified };
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
        if (strings[i])
            for (const char *p = strings[i]; *p; p++)
                FUZZ_CHECK((unsigned char)*p >= 0x20 && *p != 0x7f,
                           "header values are one line (they go back into HTTP headers)");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    write_entry(data, size);
    struct fetch_result r;
    memset(&r, 0xA5, sizeof r); /* cache.h: *out is zeroed first, whatever it held */
    struct nr_err err = { 0 };
    int64_t fetched = 0;
    enum nr_result rc = cache_load(dir, FUZZ_CACHE_URL, &r, &fetched, &err);
    if (rc == NR_OK) {
        check_loaded(&r);
    } else {
        /* the file exists: it is whole and matching, or it is torn/corrupt */
        FUZZ_CHECK(rc == NR_ERR_PARSE, "cache_load result for a file that exists");
        FUZZ_CHECK(err.msg[0] != '\0', "cache_load failure message");
        FUZZ_CHECK(r.body.len == 0 && !r.body.data && !r.final_url && !r.content_type && !r.etag &&
                       !r.last_modified,
                   "*out is left empty on failure");
    }
    fetch_result_release(&r);
    return 0;
}
