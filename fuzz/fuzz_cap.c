/* fuzz_cap.c: alert_parse_cap (CAP documents and feeds of alerts) and alert_parse_text on any
 * bytes, then the rules that withdraw and choose alerts.
 * Input: the first byte picks the language asked for; the rest is the document. */
#include "fuzz.h"
#include "fuzz_checks.h"

#include "alert.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_quiet_log();
    return 0;
}

static void check_alert(const struct alert *a)
{
    FUZZ_CHECK(a->key != NULL, "every alert kept has a key");
    FUZZ_CHECK(a->n_refs <= ALERT_MAX_REFS, "references capped");
    FUZZ_CHECK(!a->headline || strlen(a->headline) <= ALERT_MAX_HEADLINE_BYTES, "headline capped");
    FUZZ_CHECK(!a->description || strlen(a->description) <= ALERT_MAX_TEXT_BYTES,
               "description capped");
    FUZZ_CHECK(!a->instruction || strlen(a->instruction) <= ALERT_MAX_TEXT_BYTES,
               "instruction capped");
    FUZZ_CHECK(a->severity <= ALERT_EXTREME, "a known severity");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const langs[] = { NULL, "", "en", "de-CH", "fr" };
    struct fuzz_in in;
    fuzz_in_init(&in, data, size);
    const char *lang = langs[fuzz_pick(&in, 5)];
    const char *doc = (const char *)data + in.pos;
    size_t len = size - in.pos;

    struct alert_list l = { 0 };
    char **links = NULL;
    size_t n_links = 0;
    struct nr_err err = { 0 };
    enum nr_result r = alert_parse_cap(doc, len, lang, &l, &links, &n_links, &err);
    FUZZ_CHECK(r == NR_OK || err.msg[0], "a failure says why");
    FUZZ_CHECK(l.n <= ALERT_MAX_ALERTS && n_links <= ALERT_MAX_LINKS, "counts capped");
    for (size_t i = 0; i < n_links; i++)
        free(links[i]);
    free(links);
    alert_parse_text(doc, len, "fuzz", &l);
    for (size_t i = 0; i < l.n; i++)
        check_alert(&l.items[i]);
    alert_list_resolve(&l);
    int64_t next = 0;
    const struct alert *a = alert_pick(&l, 1796206000, &next);
    FUZZ_CHECK(!a || (a >= l.items && a < l.items + l.n), "the pick is one of the list");
    alert_list_release(&l);
    return 0;
}
