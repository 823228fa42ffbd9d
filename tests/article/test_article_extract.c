/* test_article_extract.c: one rule of article reading per test, on small pages written for
 * the purpose: body text without the chrome, JSON-LD, the lead photo and its caption and
 * credit, site-name suffixes, walls and pages that are no article. */
#include "article.h"
#include "testsupport.h"

#include "alloc.h"
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define URL "https://news.example.org/2024/05/harbour-ferry.html"

/* Prose paragraphs long enough to be an article. */
#define P1                                                                                         \
    "<p>The harbour ferry returned to service on Monday after a winter in dry dock, "              \
    "carrying its first passengers across the bay before seven in the morning.</p>"
#define P2                                                                                         \
    "<p>Engineers replaced the propeller shafts, rewired the bridge and fitted new "               \
    "seats, a job the port authority said had taken longer than planned, as parts "                \
    "arrived late from the yard in the north.</p>"
#define P3                                                                                         \
    "<p>\"We are very glad to have the boat back on the water where it belongs,\" said "           \
    "Maria Jensen, the head of the port authority, standing on the pier.</p>"
#define P4                                                                                         \
    "<p>Jensen said the timetable would return to normal by the end of the month, with "           \
    "sailings every twenty minutes at peak hours, weather permitting.</p>"
#define BODY P1 P2 P3 P4

static void extract(const char *html, struct article *a, enum nr_result want)
{
    struct extract_options eo = { .screen_w = 1920, .screen_h = 1080 };
    struct nr_err err = { 0 };
    enum nr_result rc = article_extract(html, strlen(html), URL, NULL, &eo, a, &err);
    if (rc != want)
        fail_msg("article_extract: %d (%s), wanted %d", rc, err.msg, want);
}

static void test_body_leaves_chrome_out(void **state)
{
    (void)state;
    struct article a;
    extract("<html><body><nav><a href=/>Home</a> <a href=/w>World</a></nav>"
            "<div class=cookie-banner><p>We use cookies to improve your experience, accept "
            "them all or choose which ones.</p></div>"
            "<article><h1>Harbour ferry returns</h1><div class=story-body>" BODY
            "<div class=newsletter-signup><p>Sign up for our morning newsletter, the news you "
            "need, delivered every day.</p></div></div>"
            "<ul class=related><li><a href=/a>Bridge to close for repairs, city says</a></li>"
            "<li><a href=/b>New buses for the harbour line next spring</a></li></ul>"
            "<section id=comments><p>Great news, I have missed the ferry so much this "
            "winter, thank you.</p></section></article>"
            "<footer><p>Copyright News Example, all rights reserved, since 1901.</p></footer>"
            "</body></html>",
            &a, NR_OK);
    assert_non_null(a.body);
    assert_non_null(strstr(a.body, "propeller shafts"));
    assert_non_null(strstr(a.body, "every twenty minutes"));
    assert_null(strstr(a.body, "cookies"));
    assert_null(strstr(a.body, "newsletter"));
    assert_null(strstr(a.body, "Bridge to close"));
    assert_null(strstr(a.body, "missed the ferry"));
    assert_null(strstr(a.body, "Copyright"));
    assert_null(strstr(a.body, "Home"));
    article_release(&a);
}

static void test_quote_with_full_name(void **state)
{
    (void)state;
    struct article a;
    extract("<html><body><article><h1>Harbour ferry returns</h1>" BODY "</article></body>"
            "</html>",
            &a, NR_OK);
    assert_non_null(a.quote);
    assert_non_null(strstr(a.quote, "glad to have the boat back"));
    assert_string_equal(a.speaker, "Maria Jensen");
    article_release(&a);
}

static void test_spokesperson_statement_not_quoted(void **state)
{
    (void)state;
    struct article a;
    extract("<html><body><article><h1>Harbour ferry returns</h1>" P1 P2
            "<p>\"The vessel meets every safety requirement and has been certified for "
            "service,\" said Lena Berg, a spokeswoman for the port authority.</p>" P3 P4
            "</article></body></html>",
            &a, NR_OK);
    assert_non_null(a.quote);
    assert_string_equal(a.speaker, "Maria Jensen");
    article_release(&a);
    extract("<html><body><article><h1>Harbour ferry returns</h1>" P1 P2
            "<p>\"The vessel meets every safety requirement and has been certified for "
            "service,\" said Lena Berg, a spokeswoman for the port authority.</p>" P4
            "</article></body></html>",
            &a, NR_OK);
    assert_null(a.quote); /* a statement is no pull quote, even when it is the only one */
    article_release(&a);
}

static void test_compound_past_attribution(void **state)
{
    (void)state;
    struct article a;
    extract("<html><body><article><h1>Fin des trottinettes</h1>"
            "<p>La ville a annoncé mardi la fin du projet pilote de trottinettes dans "
            "les rues, après une saison difficile et de nombreuses plaintes.</p>"
            "<p>Le responsable du dossier, Éric Alan Caldwell, a présenté "
            "le bilan devant les élus, en soulignant les problèmes de "
            "stationnement et de sécurité sur les trottoirs.</p>"
            "<p>« Nous avons essayé de bonne foi avec les entreprises cette "
            "année. », a déclaré Caldwell.</p>" P1 P2 "</article></body></html>",
            &a, NR_OK);
    assert_non_null(a.quote);
    assert_string_equal(a.speaker, "Éric Alan Caldwell");
    article_release(&a);
}

static void test_jsonld_caption_and_credit(void **state)
{
    (void)state;
    struct article a;
    extract("<html><head><script type=\"application/ld+json\">"
            "{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"WebSite\"},"
            "{\"@type\":\"NewsArticle\",\"headline\":\"Harbour ferry returns\","
            "\"image\":{\"@type\":\"ImageObject\",\"url\":\"https://img.example.org/ferry.jpg\","
            "\"width\":2000,\"height\":1200,\"caption\":\"The ferry leaves the pier on Monday\","
            "\"creditText\":\"Ana Ruiz/Example Press\"}}]}</script></head>"
            "<body><article>" BODY "</article></body></html>",
            &a, NR_OK);
    assert_string_equal(a.photo_url, "https://img.example.org/ferry.jpg");
    assert_int_equal(a.photo_w, 2000);
    assert_string_equal(a.caption, "The ferry leaves the pier on Monday");
    assert_string_equal(a.credit, "Ana Ruiz/Example Press");
    assert_int_equal(a.caption_src, ARTICLE_SRC_JSONLD);
    article_release(&a);
}

static void test_figure_caption_and_credit_apart(void **state)
{
    (void)state;
    struct article a;
    extract("<html><head><meta property=og:image content=\"https://img.example.org/ferry-"
            "1200x630.jpg\"><meta property=og:title content=\"Harbour ferry returns | News "
            "Example\"><meta property=og:site_name content=\"News Example\"></head><body>"
            "<article><figure><img src=\"https://img.example.org/ferry-800x450.jpg\" "
            "alt=\"A white boat\"><figcaption>The ferry at the pier on Monday. "
            "<span class=credit>Photo: Ana Ruiz</span></figcaption></figure>" BODY
            "<figure><img src=\"https://img.example.org/map.png\"><figcaption>The route "
            "across the bay</figcaption></figure></article></body></html>",
            &a, NR_OK);
    assert_string_equal(a.photo_url, "https://img.example.org/ferry-1200x630.jpg");
    assert_string_equal(a.caption, "The ferry at the pier on Monday.");
    assert_string_equal(a.credit, "Ana Ruiz");
    assert_string_equal(a.headline, "Harbour ferry returns");
    article_release(&a);
}

static void test_alt_is_never_a_caption(void **state)
{
    (void)state;
    struct article a;
    extract("<html><head><meta property=og:image content=\"https://img.example.org/ferry.jpg\">"
            "</head><body><article><figure><img src=\"https://img.example.org/ferry.jpg\" "
            "alt=\"Passengers wave from the deck of the ferry\"></figure>" BODY
            "</article></body></html>",
            &a, NR_OK);
    assert_string_equal(a.photo_url, "https://img.example.org/ferry.jpg");
    assert_null(a.caption);
    article_release(&a);
}

static void test_bracketed_agency_credit(void **state)
{
    (void)state;
    struct article a;
    extract("<html><head><meta property=og:image content=\"https://img.example.org/pier.jpg\">"
            "</head><body><article><figure><img src=\"https://img.example.org/pier.jpg\">"
            "<figcaption>Passengers board the ferry in the harbour, Monday, May 6, 2024. "
            "(AP Photo/Ana Ruiz)</figcaption></figure>" BODY "</article></body></html>",
            &a, NR_OK);
    assert_string_equal(a.caption, "Passengers board the ferry in the harbour, Monday, May 6, "
                                   "2024.");
    assert_string_equal(a.credit, "AP Photo/Ana Ruiz");
    article_release(&a);
}

static void test_other_photos_caption_not_taken(void **state)
{
    (void)state;
    struct article a;
    extract("<html><head><meta property=og:image content=\"https://img.example.org/social-"
            "card-ferry.jpg\"></head><body><article>" BODY
            "<figure><img src=\"https://img.example.org/timetable.jpg\"><figcaption>The new "
            "timetable at the terminal</figcaption></figure></article></body></html>",
            &a, NR_OK);
    assert_string_equal(a.photo_url, "https://img.example.org/social-card-ferry.jpg");
    assert_null(a.caption);
    article_release(&a);
}

static void test_logo_share_image_refused(void **state)
{
    (void)state;
    struct article a;
    extract("<html><head><meta property=og:image content=\"https://news.example.org/static/"
            "logo-share.png\"></head><body><article>" P1
            "<figure><img src=\"https://img.example.org/ferry-wide.jpg\" width=1600 "
            "height=900></figure>" P2 P3 P4 "</article></body></html>",
            &a, NR_OK);
    assert_string_equal(a.photo_url, "https://img.example.org/ferry-wide.jpg");
    article_release(&a);
}

static void test_srcset_widest_not_wasteful(void **state)
{
    (void)state;
    struct article a;
    extract("<html><head><meta property=og:image content=\"https://img.example.org/ferry-"
            "640.jpg\"><meta property=og:image:width content=640></head><body><article>"
            "<figure><img src=\"https://img.example.org/ferry-640.jpg\" srcset=\""
            "https://img.example.org/ferry-640.jpg 640w, https://img.example.org/ferry-1024.jpg "
            "1024w, https://img.example.org/ferry-2048.jpg 2048w, "
            "https://img.example.org/ferry-4096.jpg 4096w\"></figure>" BODY
            "</article></body></html>",
            &a, NR_OK);
    assert_string_equal(a.photo_url, "https://img.example.org/ferry-2048.jpg");
    assert_int_equal(a.photo_w, 2048);
    article_release(&a);
}

static void test_site_suffix_dropped(void **state)
{
    (void)state;
    char *t =
        article_strip_site_suffix("Harbour ferry returns - News Example", "News Example", URL);
    assert_string_equal(t, "Harbour ferry returns");
    free(t);
    t = article_strip_site_suffix("Harbour ferry returns | Example", NULL,
                                  "https://www.example.org/x");
    assert_string_equal(t, "Harbour ferry returns");
    free(t);
    /* a dash inside the headline stays */
    t = article_strip_site_suffix("Ferry back - and on time - after a long winter away", NULL, URL);
    assert_string_equal(t, "Ferry back - and on time - after a long winter away");
    free(t);
}

static void test_walls_give_nothing(void **state)
{
    (void)state;
    struct article a;
    extract("<html><body><div class=consent-dialog><p>We and our partners use cookies. "
            "Accept all or manage your choices.</p><button>Accept</button></div></body></html>",
            &a, NR_ERR_PARSE);
    extract("<html><body><h1>Sign in</h1><form><input name=user><input type=password "
            "name=pw><button>Log in</button></form></body></html>",
            &a, NR_ERR_PARSE);
    extract("<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
            "\"isAccessibleForFree\":false}</script></head><body><article>" P1
            "<p>Subscribe to read the rest...</p></article></body></html>",
            &a, NR_ERR_PARSE);
    extract("{\"error\":\"not found\",\"status\":404}", &a, NR_ERR_PARSE);
    extract("<html><body><ul><li><a href=/1>One story</a></li><li><a href=/2>Another</a>"
            "</li></ul></body></html>",
            &a, NR_ERR_PARSE);
    assert_null(a.headline);
}

static void test_declared_charset(void **state)
{
    (void)state;
    /* "Gr\xfc\xdfe" in ISO-8859-1, declared in a meta tag */
    const char *html = "<html><head><meta charset=iso-8859-1></head><body><article>"
                       "<p>Gr\xfc\xdf"
                       "e aus dem Hafen: die F\xe4hre f\xe4hrt wieder, sagte "
                       "die Beh\xf6rde am Montag, und zwar jeden Tag ab sieben Uhr.</p>" BODY
                       "</article></body></html>";
    struct article a;
    extract(html, &a, NR_OK);
    assert_non_null(strstr(a.body, "Gr\xc3\xbc\xc3\x9f"
                                   "e aus dem Hafen"));
    article_release(&a);
}

static void test_same_picture(void **state)
{
    (void)state;
    assert_true(article_same_picture("https://a.example/x/ferry-1024x512.jpg?w=10",
                                     "https://b.example/y/ferry.jpg"));
    assert_true(article_same_picture("https://a.example/ferry_800.jpg",
                                     "https://a.example/ferry-large.jpg"));
    assert_false(article_same_picture("https://a.example/ferry.jpg", "https://a.example/map.jpg"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_body_leaves_chrome_out),
        cmocka_unit_test(test_quote_with_full_name),
        cmocka_unit_test(test_spokesperson_statement_not_quoted),
        cmocka_unit_test(test_compound_past_attribution),
        cmocka_unit_test(test_jsonld_caption_and_credit),
        cmocka_unit_test(test_figure_caption_and_credit_apart),
        cmocka_unit_test(test_alt_is_never_a_caption),
        cmocka_unit_test(test_bracketed_agency_credit),
        cmocka_unit_test(test_other_photos_caption_not_taken),
        cmocka_unit_test(test_logo_share_image_refused),
        cmocka_unit_test(test_srcset_widest_not_wasteful),
        cmocka_unit_test(test_site_suffix_dropped),
        cmocka_unit_test(test_walls_give_nothing),
        cmocka_unit_test(test_declared_charset),
        cmocka_unit_test(test_same_picture),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
