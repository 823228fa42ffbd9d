/* fuzz_announce.c: announce_parse() on any bytes as an announcement file. Checks the
 * contract: a file that parses has a title and texts within their caps, in UTF-8; one that
 * does not names the file in its message; either way the item releases cleanly and its
 * schedule can be asked about at any instant. */
#include "fuzz.h"

#include "announce.h"
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct announce_item it;
    struct nr_err err = { 0 };
    if (announce_parse((const char *)data, size, "fuzz.txt", &it, &err) == NR_OK) {
        FUZZ_CHECK(it.title && it.title[0], "a parsed file has a title");
        FUZZ_CHECK(strlen(it.title) <= ANNOUNCE_MAX_TITLE_BYTES, "the title within its cap");
        FUZZ_CHECK(nr_utf8_valid(it.title, strlen(it.title)), "the title is UTF-8");
        FUZZ_CHECK(!it.body || strlen(it.body) <= ANNOUNCE_MAX_BODY_BYTES,
                   "the body within its cap");
        FUZZ_CHECK(!it.body || nr_utf8_valid(it.body, strlen(it.body)), "the body is UTF-8");
        FUZZ_CHECK(!it.image_name || (!strchr(it.image_name, '/') && !strstr(it.image_name, "..")),
                   "an image is a name in the folder");
        FUZZ_CHECK(!it.has_hours || (it.hours_from_min >= 0 && it.hours_from_min <= 1440 &&
                                     it.hours_to_min >= 0 && it.hours_to_min <= 1440),
                   "hours are minutes of a day");
        /* the schedule at instants around the file's own times and the epoch's ends */
        static const int64_t at[] = { 0, 1796207400, -86400, INT64_C(253402300799) };
        for (size_t i = 0; i < sizeof at / sizeof at[0]; i++)
            (void)announce_active(&it, at[i], (int)(i * 3600) - 7200);
        if (it.from.set)
            (void)announce_active(&it, it.from.secs, 0);
    } else {
        FUZZ_CHECK(strncmp(err.msg, "fuzz.txt", 8) == 0, "a refusal names the file");
    }
    announce_item_release(&it);
    return 0;
}
