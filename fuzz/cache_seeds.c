/* cache_seeds.c: writes real cache entries, made by cache_store(), as seeds for fuzz_cache.
 *
 *   fuzz_cache_seeds OUT_DIR FEED_FILE...
 *
 * Each feed file becomes one entry for fuzz_cache's URL, with a different set of HTTP
 * metadata, saved as OUT_DIR/entry-N. */
#include "alloc.h"
#include "buf.h"
#include "cache.h"
#include "fetch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FUZZ_CACHE_URL "https://news.example.org/feed.xml" /* as in fuzz_cache.c */

static int read_file(const char *path, struct nr_buf *b)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (nr_buf_append(b, chunk, n) != NR_OK)
            break;
    fclose(f);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s OUT_DIR FEED_FILE...\n", argv[0]);
        return 2;
    }
    /* a scratch folder inside OUT_DIR, so the entries are renamed, never copied */
    mkdir(argv[1], 0755);
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s/.scratch-XXXXXX", argv[1]);
    if (!mkdtemp(tmp)) {
        perror(tmp);
        return 1;
    }
    int status = 0;
    for (int i = 2; i < argc; i++) {
        struct fetch_result r;
        memset(&r, 0, sizeof r);
        nr_buf_init(&r.body, CACHE_MAX_BODY_BYTES);
        if (read_file(argv[i], &r.body) != 0) {
            fprintf(stderr, "cannot read '%s'\n", argv[i]);
            status = 1;
            continue;
        }
        r.http_status = i % 2 ? 200 : 0;
        r.final_url = xstrdup(i % 2 ? "https://news.example.org/feed.xml?redirected=1"
                                    : "file:///var/lib/newsreel/feed.xml");
        if (i % 3 != 0) {
            r.content_type = xstrdup("application/rss+xml; charset=utf-8");
            r.etag = xstrdup("W/\"5e8-1643737320\"");
            r.last_modified = xstrdup("Tue, 01 Feb 2022 17:42:00 GMT");
        }
        struct nr_err err = { 0 };
        if (cache_store(tmp, FUZZ_CACHE_URL, &r, 1643737320 + i, &err) != NR_OK) {
            fprintf(stderr, "%s\n", err.msg);
            status = 1;
        } else {
            char *from = cache_path(tmp, FUZZ_CACHE_URL);
            char to[4096];
            snprintf(to, sizeof to, "%s/entry-%d", argv[1], i - 1);
            if (rename(from, to) != 0) {
                perror(to);
                status = 1;
            } else {
                printf("%s\n", to);
            }
            free(from);
        }
        fetch_result_release(&r);
    }
    rmdir(tmp);
    return status;
}
