/* fuzz_article.c: article_extract() on any bytes as an article page, and the robots.txt
 * rules and a photo's IPTC/XMP reader on the same bytes. Whatever the page, the call returns, every
 * string it gives is valid UTF-8, a quote always has a speaker, and a failure leaves the article
 * empty. */
#include "fuzz.h"

#include "article.h"
#include "photometa.h"
#include "robots.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_quiet_log();
    return 0;
}

static void check_str(const char *s)
{
    if (s && !nr_utf8_valid(s, strlen(s)))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct extract_options eo = { .screen_w = 1920, .screen_h = 1080 };
    struct article a;
    struct nr_err err = { 0 };
    enum nr_result rc =
        article_extract((const char *)data, size, "https://news.example.org/2024/05/story.html",
                        NULL, &eo, &a, &err);
    if (rc != NR_OK && (a.body || a.headline || a.photo_url))
        abort();
    if (a.quote && !a.speaker)
        abort();
    const char *all[] = { a.headline, a.body,   a.quote,  a.speaker,   a.photo_url,
                          a.caption,  a.credit, a.author, a.site_name, a.description };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        check_str(all[i]);
    article_release(&a);
    robots_allows((const char *)data, size, ROBOTS_AGENT, "/2024/05/story.html?x=1");
    /* the same bytes as a photo's metadata */
    struct photometa pm;
    photometa_read(data, size, &pm);
    check_str(pm.byline);
    check_str(pm.credit);
    check_str(pm.copyright);
    check_str(pm.caption);
    char *line = photometa_credit_line(&pm);
    check_str(line);
    free(line);
    photometa_release(&pm);
    return 0;
}
