/* test_robots.c: robots.txt groups, longest match, wildcards, and Sitemap lines. */
#include "robots.h"
#include "testsupport.h"

#include <string.h>

static bool allows(const char *txt, const char *path)
{
    return robots_allows(txt, strlen(txt), ROBOTS_AGENT, path);
}

static void test_star_group(void **state)
{
    (void)state;
    const char *t = "User-agent: *\nDisallow: /private/\nAllow: /private/open\n";
    assert_true(allows(t, "/news/1.html"));
    assert_false(allows(t, "/private/x.html"));
    assert_true(allows(t, "/private/open/x.html")); /* the longer rule wins */
    assert_true(allows("", "/anything"));
    assert_true(robots_allows(NULL, 0, ROBOTS_AGENT, "/x"));
}

static void test_own_group_wins(void **state)
{
    (void)state;
    const char *t = "User-agent: *\nDisallow: /\n\n# us\nUser-agent: Newsreel\n"
                    "Disallow: /drafts\n";
    assert_true(allows(t, "/news/1.html"));
    assert_false(allows(t, "/drafts/1.html"));
    const char *shared = "User-agent: OtherBot\nUser-agent: newsreel/0.1\nDisallow: /x\n"
                         "User-agent: *\nDisallow: /\n";
    assert_false(allows(shared, "/x/1"));
    assert_true(allows(shared, "/y/1"));
}

static void test_wildcards(void **state)
{
    (void)state;
    const char *t = "User-agent: *\nDisallow: /*.pdf$\nDisallow: /*?print=\nAllow: /\n";
    assert_false(allows(t, "/files/report.pdf"));
    assert_true(allows(t, "/files/report.pdf.html"));
    assert_false(allows(t, "/story/1?print=1"));
    assert_true(allows(t, "/story/1"));
    /* a hostile pattern ends in time */
    const char *slow = "User-agent: *\nDisallow: /*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b\n";
    char path[1200];
    memset(path, 'a', sizeof path - 1);
    path[0] = '/';
    path[sizeof path - 1] = '\0';
    assert_true(allows(slow, path));
}

static void test_empty_disallow_and_comments(void **state)
{
    (void)state;
    assert_true(allows("User-agent: *  # all\nDisallow:   # nothing\n", "/a"));
    assert_false(allows("user-agent:*\r\ndisallow: /a # the a's\r\n", "/a/b"));
}

static int n_maps;
static void count_map(void *ctx, const char *url)
{
    (void)ctx;
    assert_non_null(strstr(url, "sitemap"));
    n_maps++;
}

static void test_sitemaps(void **state)
{
    (void)state;
    const char *t = "Sitemap: https://example.org/news-sitemap.xml\nUser-agent: *\n"
                    "Disallow:\nSitemap: https://example.org/sitemap2.xml\n";
    n_maps = 0;
    robots_sitemaps(t, strlen(t), 10, count_map, NULL);
    assert_int_equal(n_maps, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_star_group), cmocka_unit_test(test_own_group_wins),
        cmocka_unit_test(test_wildcards),  cmocka_unit_test(test_empty_disallow_and_comments),
        cmocka_unit_test(test_sitemaps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
