/* extract_report.c: per feed of a corpus, how many stories got a photo, caption, credit and
 * quote, and how long extraction took; --items prints every story, --big times 100 KB of
 * text without punctuation (the linear-time check).
 * Usage: extract_report [--items] [--big] FEED_FILE...   (e.g. ../shared/feeds/real/ **) */
#include "story.h"

#include "alloc.h"
#include "buf.h"
#include "nr_limits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int read_file(const char *path, struct nr_buf *out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char chunk[65536];
    size_t n;
    int rc = 0;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (nr_buf_append(out, chunk, n) != NR_OK) {
            rc = -1;
            break;
        }
    fclose(f);
    return rc;
}

static void show(const char *label, const char *v)
{
    if (v)
        printf("    %-9s %s\n", label, v);
}

/* Times extraction of one item whose content is n bytes of words with no punctuation. */
static void big_text(size_t n)
{
    char *html = xmalloc(n + 16);
    memcpy(html, "<p>", 3);
    for (size_t i = 0; i < n; i++)
        html[3 + i] = (i % 7 == 6) ? ' ' : (char)('a' + (int)(i % 26));
    html[3 + n] = '\0';
    char *quotes = xmalloc(n + 16); /* and n bytes of opening marks that never close */
    for (size_t i = 0; i + 3 <= n; i += 3)
        memcpy(quotes + i, "\xe2\x80\x9c", 3);
    quotes[n - n % 3] = '\0';
    char *far = xmalloc(n + 16); /* n bytes of opening marks, one closer at the end */
    memcpy(far, quotes, n - n % 3);
    memcpy(far + n - n % 3 - 3, "\xe2\x80\x9d", 4);
    char *contents[] = { html, quotes, far };
    const char *names[] = { "no punctuation", "unclosed marks", "one far closer" };
    for (int k = 0; k < 3; k++) {
        char title[] = "Big", source[] = "bench";
        struct feed_item item = { .title = title, .content_html = contents[k] };
        struct feed feed = { .title = source, .items = &item, .n_items = 1 };
        struct story s;
        double t0 = now_ms();
        enum nr_result rc = story_extract(&feed, &item, NULL, &s, NULL);
        double t1 = now_ms();
        printf("%zu bytes, %s: %.2f ms (rc %d)\n", n, names[k], t1 - t0, (int)rc);
        story_release(&s);
    }
    free(html);
    free(quotes);
    free(far);
}

int main(int argc, char **argv)
{
    bool items = false;
    size_t tot[5] = { 0 };
    double total_ms = 0;
    printf("# reproduce: %s", argv[0]);
    for (int i = 1; i < argc; i++)
        printf(" %s", argv[i]);
    printf("\n");
    printf("%-6s %-6s %-6s %-6s %-6s %8s  %s\n", "items", "photo", "capt", "credit", "quote", "ms",
           "feed");
    for (int a = 1; a < argc; a++) {
        if (strcmp(argv[a], "--items") == 0) {
            items = true;
            continue;
        }
        if (strcmp(argv[a], "--big") == 0) {
            big_text(100 * 1024);
            big_text(400 * 1024);
            continue;
        }
        struct nr_buf body;
        nr_buf_init(&body, NR_MAX_FEED_BYTES);
        if (read_file(argv[a], &body) != 0) {
            nr_buf_release(&body);
            continue;
        }
        struct feed feed;
        struct nr_err err = { 0 };
        char base[4200];
        snprintf(base, sizeof base, "file://%s", argv[a]);
        struct parse_options po = { .base_url = base };
        if (feed_parse(body.data ? body.data : "", body.len, &po, &feed, &err) != NR_OK) {
            nr_buf_release(&body);
            continue;
        }
        size_t c[5] = { 0 };
        double t0 = now_ms();
        for (size_t i = 0; i < feed.n_items; i++) {
            struct story s;
            struct extract_options eo = { .screen_w = 1920, .screen_h = 1080 };
            if (story_extract(&feed, &feed.items[i], &eo, &s, NULL) != NR_OK)
                continue;
            c[0]++;
            c[1] += s.photo_url != NULL;
            c[2] += s.caption != NULL;
            c[3] += s.credit != NULL;
            c[4] += s.quote != NULL;
            if (items) {
                printf("  * %s\n", s.headline);
                show("dek", s.dek);
                show("quote", s.quote);
                show("speaker", s.speaker);
                show("photo", s.photo_url);
                show("caption", s.caption);
                show("credit", s.credit);
            }
            story_release(&s);
        }
        double ms = now_ms() - t0;
        total_ms += ms;
        printf("%-6zu %-6zu %-6zu %-6zu %-6zu %8.2f  %s\n", c[0], c[1], c[2], c[3], c[4], ms,
               argv[a]);
        for (int k = 0; k < 5; k++)
            tot[k] += c[k];
        feed_release(&feed);
        nr_buf_release(&body);
    }
    printf("%-6zu %-6zu %-6zu %-6zu %-6zu %8.2f  total\n", tot[0], tot[1], tot[2], tot[3], tot[4],
           total_ms);
    return 0;
}
