/* fuzz_url.c: feed_resolve_url(base, ref) on any pair of strings.
 * Input: the first byte chooses NULL for the base (bit 0) or the reference (bit 1); the rest
 * is "base NUL ref" (no NUL: all of it is the reference, against a fixed base). */
#include "fuzz.h"
#include "fuzz_checks.h"

#include "alloc.h"
#include "feed.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_quiet_log();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_in in;
    fuzz_in_init(&in, data, size);
    uint8_t flags = fuzz_byte(&in);
    char *first = fuzz_field(&in);
    char *second = fuzz_field(&in);
    char *base, *ref;
    if (second) {
        base = first;
        ref = second;
    } else {
        base = xstrdup("https://www.example.com/news/2022/01/story.html?x=1#top");
        ref = first;
    }
    const char *b = (flags & 1) ? NULL : base;
    const char *r = (flags & 2) ? NULL : ref;

    char *out = feed_resolve_url(b, r);
    if (out) {
        /* feed.h: "a new absolute URL ... NULL when it cannot be resolved" */
        FUZZ_CHECK(fuzz_url_is_absolute(out), "resolved URL is absolute");
        /* it becomes an item's link, which feed.h promises is valid UTF-8 */
        fuzz_check_text("resolved URL", out, 0);
        /* what a feed puts in a URL is percent-encoded: no raw space or control character
         * may reach a fetch or a QR code */
        for (const char *p = out; *p; p++)
            if ((unsigned char)*p <= 0x20 || (unsigned char)*p == 0x7F)
                fuzz_violation_at(__FILE__, __LINE__, "resolved URL",
                                  "no space or control character", out);
        /* resolving an absolute URL again against any base changes nothing */
        char *again = feed_resolve_url(b, out);
        if (!again || strcmp(again, out) != 0)
            fuzz_violation_at(__FILE__, __LINE__, "an absolute URL resolves to itself", out,
                              again ? again : "(null)");
        free(again);
    }
    free(out);
    free(base);
    free(ref);
    return 0;
}
