/* test_html.c: HTML to text, and the paragraph kinds quotes are kept away from. */
#include "testsupport.h"

#include "extract_int.h"

#include <stdlib.h>
#include <string.h>

static void test_text_blocks_and_entities(void **state)
{
    (void)state;
    char *t = story_html_to_text("<p>Tom &amp; Jerry&#x27;s <b>show</b></p><div>Second\n"
                                 "   block&nbsp;here</div><script>var x = 1;</script>");
    assert_string_equal(t, "Tom & Jerry's show\n\nSecond block here");
    free(t);
    t = story_html_to_text(NULL);
    assert_string_equal(t, "");
    free(t);
    t = story_html_to_text("plain text, no tags");
    assert_string_equal(t, "plain text, no tags");
    free(t);
    /* ruby readings are not part of the text */
    t = story_html_to_text("<p><ruby>\xe6\x9d\xb1\xe4\xba\xac<rp>(</rp><rt>\xe3\x81\xa8"
                           "</rt><rp>)</rp></ruby>\xe9\x83\xbd</p>");
    assert_string_equal(t, "\xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd");
    free(t);
}

static void test_chrome_and_signoff_dropped(void **state)
{
    (void)state;
    char *t = story_html_to_text(
        "<nav><a href=\"#c\">Skip to content</a></nav><p>Body text.</p>"
        "<p class=\"byline\">By A. Writer</p><p>jsi, kb/nm (AFP, dpa, Reuters, AP)</p>"
        "<footer>Copyright</footer>");
    assert_string_equal(t, "Body text.");
    free(t);
    assert_true(extract_text_is_signoff("jsi, kb/nm (AFP, dpa, Reuters, AP)"));
    assert_false(extract_text_is_signoff("The match ended (2-1)"));
}

static void test_kinds(void **state)
{
    (void)state;
    struct xdoc d;
    extract_doc_parse(
        "<h2>Subhead</h2><p><strong>Bold subhead</strong></p><p>Body <b>with</b> bold."
        "</p><figure><img src=\"a.jpg\"><figcaption>Caption</figcaption></figure>"
        "<p>(Image credit: Someone)</p>",
        "https://example.org/x/", 0, &d);
    assert_int_equal(d.n_paras, 4);
    assert_int_equal(d.paras[0].kind, XPARA_HEADING);
    assert_int_equal(d.paras[1].kind, XPARA_HEADING);
    assert_int_equal(d.paras[2].kind, XPARA_BODY);
    assert_string_equal(d.paras[2].text, "Body with bold.");
    assert_int_equal(d.paras[3].kind, XPARA_CHROME);
    assert_int_equal(d.n_imgs, 1);
    assert_string_equal(d.imgs[0].src, "https://example.org/x/a.jpg");
    assert_string_equal(d.imgs[0].caption, "Caption");
    assert_true(d.imgs[0].in_figure);
    extract_doc_release(&d);
    extract_doc_release(&d); /* a released doc releases again harmlessly */
}

static void test_hidden_and_malformed(void **state)
{
    (void)state;
    struct xdoc d;
    extract_doc_parse("<div style=\"display:none\"><img src=\"hidden.jpg\"></div><p>Open <b>never "
                      "closed <i>tags<p>Next</table></div></span>",
                      NULL, 0, &d);
    assert_int_equal(d.n_imgs, 0);
    assert_true(d.n_paras >= 1);
    extract_doc_release(&d);
}

static void test_deep_nesting_bounded(void **state)
{
    (void)state;
    size_t n = 20000;
    char *html = malloc(n * 5 + 16);
    assert_non_null(html);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        memcpy(html + o, "<div>", 5);
        o += 5;
    }
    memcpy(html + o, "deep", 5);
    char *t = story_html_to_text(html);
    assert_non_null(t);
    free(t);
    free(html);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_blocks_and_entities),
        cmocka_unit_test(test_chrome_and_signoff_dropped),
        cmocka_unit_test(test_kinds),
        cmocka_unit_test(test_hidden_and_malformed),
        cmocka_unit_test(test_deep_nesting_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
