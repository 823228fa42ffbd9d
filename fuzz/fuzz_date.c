/* fuzz_date.c: feed_parse_date() on any string: RFC 822 and its variants, RFC 3339 / ISO
 * 8601. Checks that a refused date leaves the output untouched (feed.h) and that an
 * accepted one parses the same way twice. */
#include "fuzz.h"

#include "feed.h"

#include <stdlib.h>

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
    char *s = fuzz_rest(&in);
    const int64_t sentinel = INT64_C(0x5a5a5a5a5a5a5a5a);
    int64_t t = sentinel, t2 = sentinel;
    if (feed_parse_date(s, &t)) {
        FUZZ_CHECK(feed_parse_date(s, &t2) && t2 == t, "the same date twice");
    } else {
        FUZZ_CHECK(t == sentinel, "a refused date leaves *out untouched");
    }
    free(s);
    return 0;
}
