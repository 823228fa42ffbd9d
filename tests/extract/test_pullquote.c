/* test_pullquote.c: quotation styles, joining, rejection of fragments and misattribution,
 * speakers, and the bad inputs of the issue (unclosed, nested, 100 KB of no punctuation). */
#include "extract_fixture.h"

#include "buf.h"

#include <stdio.h>

/* Extracts an item with this body and headline; returns the story (release it). */
static struct story run(const char *title, const char *content)
{
    struct fx f;
    struct story s;
    fx_init(&f, title, NULL, content);
    fx_extract(&f, &s);
    fx_release(&f);
    return s;
}

static void expect(const char *title, const char *content, const char *quote, const char *speaker)
{
    struct story s = run(title, content);
    if (!quote) {
        if (s.quote)
            print_error("unexpected quote [%s] by [%s]\n", s.quote, s.speaker);
        assert_null(s.quote);
        assert_null(s.speaker);
    } else {
        if (!s.quote || strcmp(s.quote, quote) != 0)
            print_error("got [%s]\n", s.quote ? s.quote : "(none)");
        assert_non_null(s.quote);
        assert_string_equal(s.quote, quote);
        assert_non_null(s.speaker);
        assert_string_equal(s.speaker, speaker);
    }
    story_release(&s);
}

static void test_straight_quotes_full_name_and_comma(void **state)
{
    (void)state;
    expect("Minister outlines the budget",
           "<p>Finance Minister Anna Berg presented the plan on Monday.</p>"
           "<p>\"We will balance the books without cutting a single hospital bed,\" Berg said.</p>",
           "We will balance the books without cutting a single hospital bed.", "Anna Berg");
}

static void test_curly_quotes_said_first(void **state)
{
    (void)state;
    expect("Mayor opens bridge",
           "<p>Mayor Tom Reyes cut the ribbon.</p><p>“This bridge joins two halves of a city that "
           "has waited forty years for it,” said Tom Reyes at the ceremony.</p>",
           "This bridge joins two halves of a city that has waited forty years for it.",
           "Tom Reyes");
}

static void test_guillemets(void **state)
{
    (void)state;
    expect("Talks resume",
           "<p>Negotiator Claire Dubois spoke after the session.</p>"
           "<p>« We are closer to an agreement than at any time this year, » Dubois said.</p>",
           "We are closer to an agreement than at any time this year.", "Claire Dubois");
}

static void test_low_high_quotes(void **state)
{
    (void)state;
    expect(
        "Neue Regeln",
        "<p>Ministerin Petra Lang stellte das Gesetz vor.</p>"
        "<p>„Wir werden die Regeln für alle Unternehmen gleich streng anwenden“, sagte Lang.</p>",
        "Wir werden die Regeln für alle Unternehmen gleich streng anwenden", "Petra Lang");
}

static void test_corner_brackets(void **state)
{
    (void)state;
    expect("Festival returns",
           "<p>Organiser Kenji Sato welcomed the crowds.</p>"
           "<p>「We have waited three long years to see these streets full again,」 Sato said.</p>",
           "We have waited three long years to see these streets full again.", "Kenji Sato");
}

static void test_single_quotes_clear_quotation(void **state)
{
    (void)state;
    expect("Flood clean-up begins",
           "<p>Council leader Mary Jones visited the town.</p>"
           "<p>‘We will rebuild every house in this town before the winter comes,’ Jones said.</p>",
           "We will rebuild every house in this town before the winter comes.", "Mary Jones");
}

static void test_split_quotation_joined(void **state)
{
    (void)state;
    expect("Coach praises squad",
           "<p>Coach Lee Park spoke after the final.</p>"
           "<p>\"We never stopped believing in each other,\" Park said, \"even when we were two "
           "goals down at half time.\"</p>",
           "We never stopped believing in each other, even when we were two goals down at half "
           "time.",
           "Lee Park");
}

static void test_pronoun_resolves_to_subject(void **state)
{
    (void)state;
    expect("Shipping route reopens",
           "<p>Port director Sam Okafor met union leaders on Tuesday.</p>"
           "<p>\"The harbour will be open to all ships again by the end of next week,\" he "
           "said.</p>",
           "The harbour will be open to all ships again by the end of next week.", "Sam Okafor");
}

static void test_scare_quotes_and_fragments_rejected(void **state)
{
    (void)state;
    expect("Plan 'ignored', critics say",
           "<p>Opposition leader Ruth Ames said the plan was \"ignored\" and \"not simple\".</p>"
           "<p>The talks were \"professional and fairly candid\", Ames said.</p>",
           NULL, NULL);
}

static void test_headline_quotation_rejected(void **state)
{
    (void)state;
    expect("'We will never give up on this town,' says mayor",
           "<p>Mayor Ian Cole spoke on Friday.</p>"
           "<p>\"We will never give up on this town,\" Cole said.</p>",
           NULL, NULL);
}

static void test_unnamed_speaker_rejected(void **state)
{
    (void)state;
    expect("Talks continue",
           "<p>\"We continue to hear assurances that the troops are leaving the border,\" the "
           "official said.</p>",
           NULL, NULL);
}

static void test_caption_and_subhead_never_quoted(void **state)
{
    (void)state;
    expect("Summit ends",
           "<figure><img src=\"a.jpg\"><figcaption>\"We have reached a historic agreement "
           "today,\" President Ana Silva said</figcaption></figure>"
           "<h2>\"A gun to the head of the whole region,\" says Silva</h2>"
           "<p><strong>\"Nobody will be left behind in this new plan,\" Silva said</strong></p>"
           "<p>The summit ended on Sunday.</p>",
           NULL, NULL);
}

static void test_organisation_is_no_speaker(void **state)
{
    (void)state;
    expect("Polls tighten",
           "<p>\"Most independent polls show the challenger with a significant lead,\" The "
           "Associated Press said.</p>",
           NULL, NULL);
}

static void test_prefers_headline_subject_and_complete_sentence(void **state)
{
    (void)state;
    expect("Berg defends budget",
           "<p>Analyst Joe Hart and Finance Minister Anna Berg spoke.</p>"
           "<p>\"It is a budget of careful choices,\" Hart said.</p>"
           "<p>\"Every line of this budget protects the people who need help the most,\" Berg "
           "said.</p>",
           "Every line of this budget protects the people who need help the most.", "Anna Berg");
}

static void test_unclosed_quotation(void **state)
{
    (void)state;
    expect("Unclosed",
           "<p>Minister Anna Berg said: “We will balance the books and nothing will stop us from "
           "doing it this year</p><p>The plan passed.</p>",
           NULL, NULL);
}

static void test_nested_quotes(void **state)
{
    (void)state;
    expect("Nested",
           "<p>Judge Mark Stone ruled on Monday.</p>"
           "<p>“The law says ‘every citizen’ and it means every citizen in this country,” Stone "
           "said.</p>",
           "The law says ‘every citizen’ and it means every citizen in this country.",
           "Mark Stone");
}

static void test_summary_used_without_content(void **state)
{
    (void)state;
    struct fx f;
    struct story s;
    fx_init(&f, "Budget day",
            "<p>\"This budget protects the people who need help the most,\" Anna Berg said.</p>",
            NULL);
    fx_extract(&f, &s);
    assert_non_null(s.quote);
    assert_string_equal(s.speaker, "Anna Berg");
    story_release(&s);
    fx_release(&f);
}

/* 100 KB without punctuation, and 100 KB of opening marks that never close: no quote, no
 * crash; the time is measured by bench/extract_report --big, never asserted here. */
static void test_big_text_without_punctuation(void **state)
{
    (void)state;
    size_t n = 100 * 1024;
    char *html = xmalloc(n + 8);
    memcpy(html, "<p>", 3);
    for (size_t i = 0; i < n; i++)
        html[3 + i] = (i % 6 == 5) ? ' ' : (char)('a' + (int)(i % 26));
    html[3 + n] = '\0';
    struct story s = run("Big", html);
    assert_null(s.quote);
    assert_string_equal(s.headline, "Big");
    story_release(&s);

    for (size_t i = 0; i + 3 <= n; i += 3)
        memcpy(html + i, "\xe2\x80\x9c", 3);
    html[n - n % 3] = '\0';
    s = run("Marks", html);
    assert_null(s.quote);
    story_release(&s);

    for (size_t i = 0; i < n; i++)
        html[i] = "\"' "[i % 3];
    html[n] = '\0';
    s = run("Straight marks", html);
    assert_null(s.quote);
    story_release(&s);
    free(html);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_straight_quotes_full_name_and_comma),
        cmocka_unit_test(test_curly_quotes_said_first),
        cmocka_unit_test(test_guillemets),
        cmocka_unit_test(test_low_high_quotes),
        cmocka_unit_test(test_corner_brackets),
        cmocka_unit_test(test_single_quotes_clear_quotation),
        cmocka_unit_test(test_split_quotation_joined),
        cmocka_unit_test(test_pronoun_resolves_to_subject),
        cmocka_unit_test(test_scare_quotes_and_fragments_rejected),
        cmocka_unit_test(test_headline_quotation_rejected),
        cmocka_unit_test(test_unnamed_speaker_rejected),
        cmocka_unit_test(test_caption_and_subhead_never_quoted),
        cmocka_unit_test(test_organisation_is_no_speaker),
        cmocka_unit_test(test_prefers_headline_subject_and_complete_sentence),
        cmocka_unit_test(test_unclosed_quotation),
        cmocka_unit_test(test_nested_quotes),
        cmocka_unit_test(test_summary_used_without_content),
        cmocka_unit_test(test_big_text_without_punctuation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
