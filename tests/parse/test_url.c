/* test_url.c: feed_resolve_url() against bases of every shape. */
#include "parse_fixture.h"

static void expect(const char *base, const char *ref, const char *want)
{
    char *got = feed_resolve_url(base, ref);
    const char *b = base ? base : "(null)", *r = ref ? ref : "(null)";
    if (want == NULL && got != NULL)
        fail_msg("'%s' + '%s' gave '%s', want nothing", b, r, got);
    if (want && (!got || strcmp(got, want) != 0))
        fail_msg("'%s' + '%s' gave '%s', want '%s'", b, r, got ? got : "(null)", want);
    free(got);
}

static void test_relative(void **state)
{
    (void)state;
    expect("https://a.example/feeds/rss.xml", "photos/p.jpg",
           "https://a.example/feeds/photos/p.jpg");
    expect("https://a.example/feeds/rss.xml", "/img/p.jpg", "https://a.example/img/p.jpg");
    expect("https://a.example/feeds/rss.xml", "../p.jpg", "https://a.example/p.jpg");
    expect("https://a.example/feeds/rss.xml", "//cdn.example/p.jpg", "https://cdn.example/p.jpg");
    expect("http://127.0.0.1:8080/seed/rss2-media.xml", "photos/x.jpg",
           "http://127.0.0.1:8080/seed/photos/x.jpg");
    expect("file:///srv/feeds/a.xml", "photos/x.jpg", "file:///srv/feeds/photos/x.jpg");
    expect("https://a.example/x/", "?q=1", "https://a.example/x/?q=1");
}

static void test_absolute_and_odd(void **state)
{
    (void)state;
    expect("https://a.example/", "https://b.example/p?a=1&b=2", "https://b.example/p?a=1&b=2");
    expect(NULL, "https://b.example/p", "https://b.example/p");
    expect(NULL, "//cdn.example/p.jpg", "https://cdn.example/p.jpg");
    expect(NULL, "relative/p.jpg", NULL); /* nothing to resolve against */
    expect("https://a.example/", "  photos/a b.jpg \n", "https://a.example/photos/a%20b.jpg");
    expect("https://a.example/", "", NULL);
    expect("https://a.example/", NULL, NULL);
    expect("https://a.example/", "caf\xC3\xA9.jpg", "https://a.example/caf%C3%A9.jpg");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_relative),
        cmocka_unit_test(test_absolute_and_odd),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
