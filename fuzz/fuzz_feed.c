/* fuzz_feed.c: feed_parse() over every format (RSS, RDF, Atom, JSON Feed, HTML pages), then
 * story_extract() on each item, as the pipeline does, checking both stages' contracts.
 *
 * feed_parse() takes the whole document (no push API), so instead of chunk boundaries the
 * fuzzer chooses the context the bytes arrive in: when the first byte is below 0x08 (never
 * the start of a real document) the first three bytes pick max_items and screen size, the
 * document's base URL and the HTTP charset; otherwise the input is a plain document (so raw
 * feeds are seeds as they are) read with the defaults. */
#include "fuzz.h"
#include "fuzz_checks.h"

#include "feed.h"
#include "nr_limits.h"
#include "story.h"

#include <string.h>

static const char *const base_urls[] = {
    "https://www.example.com/news/feed.xml",
    NULL,
    "http://example.org/a/b/c/d;p?q#frag",
    "https://example.com",
    "feed.xml", /* not absolute: must not leak into links */
    "file:///var/cache/newsreel/feed.xml",
    "https://user:pass@[2001:db8::1]:8443/x/../y/./z?%41=%zz",
    "",
};

static const char *const charsets[] = {
    NULL,        "utf-8",  "ISO-8859-1", "windows-1252",      "utf-16", "UTF-16BE",
    "shift_jis", "koi8-r", "gb18030",    "x-no-such-charset", "",       "utf-32",
};

static const size_t max_items_choices[] = { 0, 1, 3, NR_MAX_ITEMS + 5 };

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_quiet_log();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct parse_options po = { .base_url = base_urls[0] };
    struct extract_options eo = { .screen_w = 1920, .screen_h = 1080 };
    if (size >= 3 && data[0] < 0x08) {
        po.max_items = max_items_choices[data[0] & 3];
        if (data[0] & 4) {
            eo.screen_w = 1080;
            eo.screen_h = 1920;
        }
        po.base_url = base_urls[data[1] % (sizeof base_urls / sizeof base_urls[0])];
        po.http_charset = charsets[data[2] % (sizeof charsets / sizeof charsets[0])];
        data += 3;
        size -= 3;
    }

    struct feed f;
    struct nr_err err = { 0 };
    enum nr_result rc = feed_parse((const char *)data, size, &po, &f, &err);
    if (rc != NR_OK) {
        FUZZ_CHECK(rc == NR_ERR_NOT_FEED || rc == NR_ERR_PARSE || rc == NR_ERR_TOO_BIG,
                   "feed_parse result code");
        FUZZ_CHECK(err.msg[0] != '\0', "feed_parse failure message");
        return 0; /* feed.h: on failure *out needs no release */
    }
    fuzz_check_feed(&f, po.max_items);
    for (size_t i = 0; i < f.n_items; i++)
        fuzz_extract_item(&f, &f.items[i], &eo);
    feed_release(&f);
    return 0;
}
