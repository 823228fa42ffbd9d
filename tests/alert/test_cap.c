/* test_cap.c: CAP 1.2 documents written for these tests: an Alert, an Update and a Cancel
 * that withdraw it, expiry and onset, Test and Exercise status, info blocks in several
 * languages, a feed of alerts, a plain text file, and malformed XML. */
#include "testsupport.h"

#include "alert.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CAP_HEAD                                                                                   \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                                 \
    "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">"

/* A CAP document: identifier, status, msgType, references (or "") and the info blocks. */
static char *cap_doc(const char *id, const char *status, const char *type, const char *refs,
                     const char *infos)
{
    size_t n = strlen(CAP_HEAD) + strlen(infos) + strlen(refs) + 1024;
    char *d = malloc(n);
    assert_non_null(d);
    snprintf(d, n,
             CAP_HEAD "<identifier>%s</identifier><sender>warn@example.org</sender>"
                      "<sent>2026-12-02T10:00:00+00:00</sent><status>%s</status>"
                      "<msgType>%s</msgType><scope>Public</scope>%s%s%s%s</alert>",
             id, status, type, refs[0] ? "<references>" : "", refs, refs[0] ? "</references>" : "",
             infos);
    return d;
}

#define INFO_EN_SEV(sev)                                                                           \
    "<info><language>en-GB</language><category>Met</category><event>Flood</event>"                 \
    "<urgency>Immediate</urgency><severity>" sev "</severity><certainty>Observed</certainty>"      \
    "<onset>2026-12-02T10:05:00+00:00</onset><expires>2026-12-02T14:30:00+00:00</expires>"         \
    "<senderName>River Authority</senderName><headline>Flood warning for the lower town"           \
    "</headline><description>The river  is\n rising fast.</description>"                           \
    "<instruction>Move to higher ground.</instruction></info>"
static const char *info_en = INFO_EN_SEV("Severe");
static const char *info_de =
    "<info><language>de-DE</language><event>Hochwasser</event><urgency>Immediate</urgency>"
    "<severity>Severe</severity><certainty>Observed</certainty>"
    "<expires>2026-12-02T14:30:00+00:00</expires><headline>Hochwasserwarnung Unterstadt"
    "</headline></info>";

#define T_BEFORE 1796205600 /* 2026-12-02T10:00:00Z: sent */
#define T_DURING 1796206000 /* 10:06:40, after the onset */
#define T_AFTER 1796222000  /* 14:33:20, after the expiry */

static void parse_ok(const char *doc, const char *lang, struct alert_list *out)
{
    struct nr_err err = { 0 };
    assert_int_equal(alert_parse_cap(doc, strlen(doc), lang, out, NULL, NULL, &err), NR_OK);
}

static void test_alert_fields_times_and_text(void **state)
{
    (void)state;
    char *doc = cap_doc("A1", "Actual", "Alert", "", info_en);
    struct alert_list l = { 0 };
    parse_ok(doc, NULL, &l);
    assert_int_equal(l.n, 1);
    const struct alert *a = &l.items[0];
    assert_string_equal(a->key, "warn@example.org,A1,2026-12-02T10:00:00+00:00");
    assert_int_equal(a->severity, ALERT_SEVERE);
    assert_true(alert_is_full_screen(a));
    assert_string_equal(a->headline, "Flood warning for the lower town");
    assert_string_equal(a->description, "The river is rising fast."); /* spaces collapsed */
    assert_string_equal(a->instruction, "Move to higher ground.");
    assert_string_equal(a->sender_name, "River Authority");
    assert_string_equal(a->urgency, "Immediate");
    assert_int_equal(a->effective_unix, T_BEFORE + 300); /* the onset */
    assert_int_equal(a->expires_unix, 1796221800);
    /* not yet in force; in force; expired */
    int64_t next = 0;
    assert_null(alert_pick(&l, T_BEFORE, &next));
    assert_int_equal(next, T_BEFORE + 300);
    assert_ptr_equal(alert_pick(&l, T_DURING, &next), a);
    assert_int_equal(next, 1796221800);
    assert_null(alert_pick(&l, T_AFTER, &next));
    assert_int_equal(next, 0);
    alert_list_release(&l);
    free(doc);
}

static void test_language_picks_the_info_block(void **state)
{
    (void)state;
    size_t n = strlen(info_en) + strlen(info_de) + 1;
    char *infos = malloc(n);
    assert_non_null(infos);
    snprintf(infos, n, "%s%s", info_en, info_de);
    char *doc = cap_doc("A2", "Actual", "Alert", "", infos);
    struct alert_list l = { 0 };
    parse_ok(doc, "de", &l);
    parse_ok(doc, "de-CH", &l); /* the primary subtag decides */
    parse_ok(doc, "fr", &l);    /* none in French: the first */
    parse_ok(doc, NULL, &l);
    assert_int_equal(l.n, 4);
    assert_string_equal(l.items[0].headline, "Hochwasserwarnung Unterstadt");
    assert_string_equal(l.items[0].language, "de-DE");
    assert_string_equal(l.items[1].headline, "Hochwasserwarnung Unterstadt");
    assert_string_equal(l.items[2].headline, "Flood warning for the lower town");
    assert_string_equal(l.items[3].headline, "Flood warning for the lower town");
    alert_list_release(&l);
    free(doc);
    free(infos);
}

static void test_test_exercise_and_draft_are_ignored(void **state)
{
    (void)state;
    static const char *const statuses[] = { "Test", "Exercise", "System", "Draft", "" };
    struct alert_list l = { 0 };
    for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++) {
        char *doc = cap_doc("T1", statuses[i], "Alert", "", info_en);
        parse_ok(doc, NULL, &l);
        free(doc);
    }
    assert_int_equal(l.n, 0);
    alert_list_release(&l);
}

static void test_update_replaces_and_cancel_withdraws(void **state)
{
    (void)state;
    char *first = cap_doc("A1", "Actual", "Alert", "", info_en);
    /* the update is Minor now: a band, not the whole screen */
    char *update = cap_doc("A1u", "Actual", "Update",
                           "warn@example.org,A1,2026-12-02T10:00:00+00:00", INFO_EN_SEV("Minor"));
    struct alert_list l = { 0 };
    parse_ok(first, NULL, &l);
    parse_ok(update, NULL, &l);
    alert_list_resolve(&l);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.items[0].msg_type, ALERT_MSG_UPDATE);
    assert_int_equal(l.items[0].severity, ALERT_MINOR);
    assert_false(alert_is_full_screen(&l.items[0]));
    alert_list_release(&l);

    /* a Cancel (no info block needed) withdraws the alert and goes itself */
    char *cancel =
        cap_doc("A1c", "Actual", "Cancel", "warn@example.org,A1,2026-12-02T10:00:00+00:00", "");
    parse_ok(first, NULL, &l);
    parse_ok(cancel, NULL, &l);
    assert_int_equal(l.n, 2);
    alert_list_resolve(&l);
    assert_int_equal(l.n, 0);
    assert_null(alert_pick(&l, T_DURING, NULL));
    alert_list_release(&l);
    free(first);
    free(update);
    free(cancel);
}

static void test_most_severe_then_newest_wins(void **state)
{
    (void)state;
    char *severe = cap_doc("S", "Actual", "Alert", "", info_en);
    char *extreme = cap_doc("E", "Actual", "Alert", "", INFO_EN_SEV("Extreme"));
    struct alert_list l = { 0 };
    parse_ok(severe, NULL, &l);
    parse_ok(extreme, NULL, &l);
    const struct alert *a = alert_pick(&l, T_DURING, NULL);
    assert_non_null(a);
    assert_int_equal(a->severity, ALERT_EXTREME);
    alert_list_release(&l);
    free(severe);
    free(extreme);
}

static void test_malformed_xml_is_an_error(void **state)
{
    (void)state;
    static const char *const bad[] = {
        CAP_HEAD "<identifier>X</identifier><status>Actual</status>", /* cut short */
        "<alert><info><headline>a & b</headline></info></alert>",     /* bare & */
        "",
        "<html><body>not an alert</body></html>",
        "<!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><alert><identifier>&e;"
        "</identifier><status>Actual</status><info><headline>&e;</headline></info></alert>",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct alert_list l = { 0 };
        struct nr_err err = { 0 };
        enum nr_result r = alert_parse_cap(bad[i], strlen(bad[i]), NULL, &l, NULL, NULL, &err);
        /* never an alert with a file's contents in it */
        for (size_t k = 0; k < l.n; k++)
            assert_null(strstr(l.items[k].headline ? l.items[k].headline : "", "root:"));
        if (i < 4) {
            assert_int_equal(r, NR_ERR_PARSE);
            assert_true(err.msg[0] != '\0');
            assert_int_equal(l.n, 0);
        }
        alert_list_release(&l);
    }
}

static void test_atom_feed_of_alerts(void **state)
{
    (void)state;
    char *embedded = cap_doc("F1", "Actual", "Alert", "", info_en);
    size_t n = strlen(embedded) + 4096;
    char *feed = malloc(n);
    assert_non_null(feed);
    /* one entry embeds its alert, one links to it, one carries cap: fields, one is a test */
    snprintf(feed, n,
             "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\" "
             "xmlns:cap=\"urn:oasis:names:tc:emergency:cap:1.2\"><title>Warnings</title>"
             "<entry><id>e1</id><title>x</title><content type=\"text/xml\">%s</content></entry>"
             "<entry><id>e2</id><title>Linked</title><link rel=\"alternate\" "
             "type=\"application/cap+xml\" href=\"https://example.org/cap/2.xml\"/></entry>"
             "<entry><id>urn:e3</id><title>Wind advisory for the coast</title>"
             "<updated>2026-12-02T09:00:00Z</updated><summary>Gusts to 90 km/h.</summary>"
             "<cap:status>Actual</cap:status><cap:msgType>Alert</cap:msgType>"
             "<cap:event>Wind</cap:event><cap:severity>Moderate</cap:severity>"
             "<cap:expires>2026-12-02T18:00:00Z</cap:expires></entry>"
             "<entry><id>e4</id><title>Test</title><cap:status>Test</cap:status>"
             "<cap:severity>Extreme</cap:severity></entry></feed>",
             strstr(embedded, "<alert"));
    struct alert_list l = { 0 };
    char **links = NULL;
    size_t n_links = 0;
    struct nr_err err = { 0 };
    assert_int_equal(alert_parse_cap(feed, strlen(feed), NULL, &l, &links, &n_links, &err), NR_OK);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.items[0].headline, "Flood warning for the lower town");
    assert_string_equal(l.items[1].headline, "Wind advisory for the coast");
    assert_string_equal(l.items[1].description, "Gusts to 90 km/h.");
    assert_int_equal(l.items[1].severity, ALERT_MODERATE);
    assert_int_equal(n_links, 1);
    assert_string_equal(links[0], "https://example.org/cap/2.xml");
    free(links[0]);
    free(links);
    alert_list_release(&l);
    free(feed);
    free(embedded);
}

static void test_plain_text_file(void **state)
{
    (void)state;
    struct alert_list l = { 0 };
    static const char text[] = "\n  Building evacuation drill at 15:00  \nUse the east stairs.\n"
                               "Do not use the lifts.\n";
    assert_false(alert_looks_like_xml(text, strlen(text)));
    alert_parse_text(text, strlen(text), "notice.txt", &l);
    alert_parse_text(" \n\t\n", 4, "empty.txt", &l); /* nothing to say: no alert */
    assert_int_equal(l.n, 1);
    assert_string_equal(l.items[0].headline, "Building evacuation drill at 15:00");
    assert_string_equal(l.items[0].description, "Use the east stairs. Do not use the lifts.");
    assert_true(alert_is_full_screen(&l.items[0]));
    assert_non_null(alert_pick(&l, T_DURING, NULL)); /* no expiry: while the file says it */
    alert_list_release(&l);
}

static void test_long_text_is_capped_at_a_character(void **state)
{
    (void)state;
    size_t n = ALERT_MAX_HEADLINE_BYTES * 3;
    char *head = malloc(n + 1);
    assert_non_null(head);
    for (size_t i = 0; i + 2 <= n; i += 2)
        memcpy(head + i, "\xC3\xA9", 2); /* é */
    head[n - n % 2] = '\0';
    struct alert_list l = { 0 };
    alert_parse_text(head, strlen(head), "long", &l);
    assert_int_equal(l.n, 1);
    assert_true(strlen(l.items[0].headline) <= ALERT_MAX_HEADLINE_BYTES);
    assert_true(strstr(l.items[0].headline, "\xE2\x80\xA6") != NULL);
    alert_list_release(&l);
    free(head);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alert_fields_times_and_text),
        cmocka_unit_test(test_language_picks_the_info_block),
        cmocka_unit_test(test_test_exercise_and_draft_are_ignored),
        cmocka_unit_test(test_update_replaces_and_cancel_withdraws),
        cmocka_unit_test(test_most_severe_then_newest_wins),
        cmocka_unit_test(test_malformed_xml_is_an_error),
        cmocka_unit_test(test_atom_feed_of_alerts),
        cmocka_unit_test(test_plain_text_file),
        cmocka_unit_test(test_long_text_is_capped_at_a_character),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
