/* test_feed_rules.c: [feed NAME] rules with the real binary and feeds served from
 * 127.0.0.1: a story left out by an exclude word, a feed outside its hours, a bad rule
 * refused with its line, and the label, accent and logo seen in rendered slides. */
#include "alloc.h"
#include "testsupport.h"

#include <SDL.h>
#include <SDL_image.h>
#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RUN_MS 120000

static struct ts_server server;
static char *docroot;

struct run {
    int status;
    struct nr_buf out, err;
};

static void run_release(struct run *r)
{
    nr_buf_release(&r->out);
    nr_buf_release(&r->err);
}

/* newsreel -c CONF and up to 6 more arguments (NULL-terminated). */
static void run_with(struct run *r, const char *conf, const char *a1, ...)
{
    char *argv[12] = { xstrdup(ts_newsreel()), xstrdup("-c"), xstrdup(conf) };
    int n = 3;
    va_list ap;
    va_start(ap, a1);
    for (const char *a = a1; a && n < 11; a = va_arg(ap, const char *))
        argv[n++] = xstrdup(a);
    va_end(ap);
    argv[n] = NULL;
    char home[4200];
    snprintf(home, sizeof home, "HOME=%s", docroot); /* no user settings of this machine */
    char *env[] = { home, NULL };
    r->status = ts_run(argv, env, RUN_MS, &r->out, &r->err);
    for (int i = 0; i < n; i++)
        free(argv[i]);
}

static void write_text(const char *name, const char *text)
{
    char *path = ts_path(docroot, name);
    ts_write_file(path, text, strlen(text));
    free(path);
}

/* A PNG of one colour, w x h, into the docroot. */
static void write_png(const char *name, int w, int h, Uint8 r, Uint8 g, Uint8 b)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(s);
    SDL_FillRect(s, NULL, SDL_MapRGB(s->format, r, g, b));
    char *path = ts_path(docroot, name);
    assert_int_equal(IMG_SavePNG(s, path), 0);
    free(path);
    SDL_FreeSurface(s);
}

/* An RSS feed of the given items ("headline|summary|category" each), dated now, with
 * the channel's <image> when logo is set. */
static void write_feed(const char *name, const char *title, const char *logo, const char *items[],
                       int n)
{
    struct nr_buf b;
    char date[64];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    nr_buf_init(&b, 1 << 20);
    assert_int_equal(nr_buf_printf(&b,
                                   "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
                                   "<title>%s</title><link>%s/</link>",
                                   title, server.base),
                     NR_OK);
    if (logo)
        assert_int_equal(nr_buf_printf(&b,
                                       "<image><url>%s/%s</url><title>%s</title>"
                                       "<link>%s/</link></image>",
                                       server.base, logo, title, server.base),
                         NR_OK);
    for (int i = 0; i < n; i++) {
        char f[3][200] = { "", "", "" };
        sscanf(items[i], "%199[^|]|%199[^|]|%199[^|]", f[0], f[1], f[2]);
        assert_int_equal(nr_buf_printf(&b,
                                       "<item><title>%s</title><link>%s/%s/%d</link>"
                                       "<guid>%s-%d</guid><pubDate>%s</pubDate>"
                                       "<description>%s</description>%s%s%s</item>",
                                       f[0], server.base, name, i, name, i, date, f[1],
                                       f[2][0] ? "<category>" : "", f[2],
                                       f[2][0] ? "</category>" : ""),
                         NR_OK);
    }
    assert_int_equal(nr_buf_puts(&b, "</channel></rss>"), NR_OK);
    write_text(name, b.data);
    nr_buf_release(&b);
}

/* The config file CONF in the docroot: cache in the docroot, no article reading, then
 * the given sections. Returns its path (free it). */
static char *write_conf(const char *name, const char *sections)
{
    char *path = ts_path(docroot, name);
    struct nr_buf b;
    nr_buf_init(&b, 1 << 16);
    assert_int_equal(nr_buf_printf(&b, "[fetch]\ncache_dir = %s/cache\n[article]\nread = no\n%s",
                                   docroot, sections),
                     NR_OK);
    ts_write_file(path, b.data, b.len);
    nr_buf_release(&b);
    return path;
}

static int setup(void **state)
{
    (void)state;
    docroot = ts_mkdtemp();
    ts_server_start(&server, docroot);
    assert_int_equal(SDL_Init(0), 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ts_server_stop(&server);
    ts_rmtree(docroot);
    free(docroot);
    SDL_Quit();
    return 0;
}

/* The headlines --dump printed, one a line, into out. */
static void dumped_headlines(const struct run *r, char *out, size_t cap)
{
    cJSON *root = cJSON_Parse(r->out.data);
    size_t o = 0;
    out[0] = '\0';
    assert_non_null(root);
    const cJSON *st;
    cJSON_ArrayForEach(st, cJSON_GetObjectItem(root, "stories"))
    {
        const char *h = cJSON_GetStringValue(cJSON_GetObjectItem(st, "headline"));
        o += (size_t)snprintf(out + o, cap - o, "%s\n", h ? h : "");
    }
    cJSON_Delete(root);
}

static void test_story_excluded_by_a_word(void **state)
{
    (void)state;
    const char *items[] = {
        "Council approves the tram line|The line opens next year.|",
        "City beat United in the derby|A late goal decided it.|Football",
        "FOOTBALL: the cup final moves|Kick-off at eight.|",
        "Library opens a repair café|Bring your toaster.|",
        "Trumpet festival returns|Brass in the park.|",
    };
    write_feed("words.xml", "Metro Gazette", NULL, items, 5);
    char sections[512];
    snprintf(sections, sizeof sections,
             "[feed metro]\nurl = %s/words.xml\nexclude = football, Cafe\nexclude = trump\n",
             server.base);
    char *conf = write_conf("words.conf", sections);
    struct run r;
    run_with(&r, conf, "--dump", NULL);
    if (r.status != 0)
        fail_msg("--dump exited %d: %s", r.status, r.err.data);
    char heads[2048];
    dumped_headlines(&r, heads, sizeof heads);
    /* by its category, its headline in capitals, an accent the rule does not write */
    assert_null(strstr(heads, "derby"));
    assert_null(strstr(heads, "cup final"));
    assert_null(strstr(heads, "repair"));
    /* whole words: "trump" leaves the trumpets alone */
    assert_non_null(strstr(heads, "Trumpet festival"));
    assert_non_null(strstr(heads, "Council approves"));
    assert_non_null(strstr(r.err.data, "words.xml': 3 stories left out by exclude"));
    run_release(&r);

    /* include: only what names a word */
    snprintf(sections, sizeof sections, "[feed metro]\nurl = %s/words.xml\ninclude = tram\n",
             server.base);
    free(conf);
    conf = write_conf("words.conf", sections);
    run_with(&r, conf, "--dump", NULL);
    assert_int_equal(r.status, 0);
    dumped_headlines(&r, heads, sizeof heads);
    assert_string_equal(heads, "Council approves the tram line\n");
    assert_non_null(strstr(r.err.data, "4 stories left out by include"));
    run_release(&r);
    free(conf);
}

/* "HH:MM-HH:MM" from now + from_h to now + to_h hours, local time (it may run over
 * midnight). */
static void hours_around_now(int from_h, int to_h, char *out, size_t cap)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    int m = tm.tm_hour * 60 + tm.tm_min;
    int a = ((m + from_h * 60) % 1440 + 1440) % 1440, b = ((m + to_h * 60) % 1440 + 1440) % 1440;
    snprintf(out, cap, "%02d:%02d-%02d:%02d", a / 60, a % 60, b / 60, b % 60);
}

static void test_feed_outside_its_hours(void **state)
{
    (void)state;
    const char *morning[] = { "Morning briefing: what to expect today|Rain later.|" };
    const char *all_day[] = { "Harbour ferry timetable changes|From Monday.|" };
    write_feed("morning.xml", "Morning Desk", NULL, morning, 1);
    write_feed("allday.xml", "Port News", NULL, all_day, 1);
    char off[16], on[16], sections[1024];
    hours_around_now(2, 3, off, sizeof off); /* later today or tomorrow: not now */
    hours_around_now(-1, 1, on, sizeof on);  /* now, over midnight when it is near */
    snprintf(sections, sizeof sections,
             "[feed morning]\nurl = %s/morning.xml\nhours = %s\n"
             "[feed port]\nurl = %s/allday.xml\nhours = %s\n",
             server.base, off, server.base, on);
    char *conf = write_conf("hours.conf", sections);
    struct run r;
    run_with(&r, conf, "--dump", NULL);
    if (r.status != 0)
        fail_msg("--dump exited %d: %s", r.status, r.err.data);
    char heads[1024];
    dumped_headlines(&r, heads, sizeof heads);
    assert_string_equal(heads, "Harbour ferry timetable changes\n");
    assert_non_null(strstr(r.err.data, "morning.xml': 1 story left out by its days or hours"));
    run_release(&r);

    /* the same feed on its hours is shown (and --render draws it) */
    snprintf(sections, sizeof sections, "[feed morning]\nurl = %s/morning.xml\nhours = %s\n",
             server.base, on);
    free(conf);
    conf = write_conf("hours.conf", sections);
    char *out = ts_path(docroot, "hours-out");
    run_with(&r, conf, "--render", out, "--size", "800x480", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err.data, "wrote 1 slide"));
    run_release(&r);
    ts_rmtree(out);
    free(out);
    free(conf);
}

static void test_bad_rule_is_refused_with_its_line(void **state)
{
    (void)state;
    char sections[512];
    snprintf(sections, sizeof sections, "[feed x]\nurl = %s/words.xml\ndays = mon-fry\n",
             server.base);
    char *conf = write_conf("bad.conf", sections);
    struct run r;
    run_with(&r, conf, "--dump", NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err.data, "bad.conf:7: [feed x] days = mon-fry"));
    run_release(&r);
    free(conf);
}

/* The single PNG rendered into dir, loaded. */
static SDL_Surface *rendered(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    SDL_Surface *s = NULL;
    while ((e = readdir(d)) && !s) {
        size_t len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".png") == 0) {
            char *p = ts_path(dir, e->d_name);
            s = IMG_Load(p);
            free(p);
        }
    }
    closedir(d);
    assert_non_null(s);
    SDL_Surface *rgb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_FreeSurface(s);
    return rgb;
}

/* Pixels within 12 levels of (r, g, b) in the rectangle, and their right-most x. */
static int count_colour(SDL_Surface *s, int x0, int y0, int x1, int y1, int r, int g, int b,
                        int *right)
{
    int n = 0;
    *right = -1;
    for (int y = y0; y < y1 && y < s->h; y++) {
        const Uint8 *row = (const Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch;
        for (int x = x0; x < x1 && x < s->w; x++) {
            const Uint8 *p = row + 4 * x;
            if (abs(p[0] - r) <= 12 && abs(p[1] - g) <= 12 && abs(p[2] - b) <= 12) {
                n++;
                if (x > *right)
                    *right = x;
            }
        }
    }
    return n;
}

/* Renders the feed under rules at w x h; returns the slide. */
static SDL_Surface *render_rules(const char *rules, const char *size)
{
    char sections[1024];
    snprintf(sections, sizeof sections, "[feed metro]\nurl = %s/look.xml\n%s", server.base, rules);
    char *conf = write_conf("look.conf", sections);
    char *out = ts_path(docroot, "look-out");
    ts_rmtree(out);
    struct run r;
    run_with(&r, conf, "--render", out, "--size", size, NULL);
    if (r.status != 0)
        fail_msg("--render exited %d: %s", r.status, r.err.data);
    SDL_Surface *s = rendered(out);
    run_release(&r);
    ts_rmtree(out);
    free(out);
    free(conf);
    return s;
}

static void test_label_accent_and_logo_in_the_slide(void **state)
{
    (void)state;
    /* no photo: a typographic slide, the kicker at the top of the text column */
    const char *items[] = { "Council approves the tram line to the harbour|Opens next year.|" };
    write_png("own-logo.png", 120, 40, 0x00, 0xc8, 0xff);     /* the feed's own: cyan */
    write_png("file-logo.png", 90, 30, 0xff, 0x00, 0xff);     /* the config's: magenta */
    write_png("huge-logo.png", 3000, 1000, 0xff, 0x00, 0xff); /* refused */
    write_feed("look.xml", "Metro Gazette", "own-logo.png", items, 1);
    char file_logo[4200], huge_logo[4200];
    snprintf(file_logo, sizeof file_logo, "%s/file-logo.png", docroot);
    snprintf(huge_logo, sizeof huge_logo, "%s/huge-logo.png", docroot);
    const char *sizes[] = { "1920x1080", "1080x1920" };
    for (int k = 0; k < 2; k++) {
        int w = k ? 1080 : 1920, h = k ? 1920 : 1080, right_short, right_long, ignored;
        int top = h / 4; /* the kicker lies in the top quarter on both shapes */
        /* the accent: the kicker's label and the progress bar at the bottom */
        SDL_Surface *s = render_rules("accent = #20c060\nlabel = M\n", sizes[k]);
        assert_true(count_colour(s, 0, 0, w, top, 0x20, 0xc0, 0x60, &right_short) > 20);
        assert_true(count_colour(s, 0, h - h / 10, w, h, 0x20, 0xc0, 0x60, &ignored) > 200);
        /* the theme's own accent is gone */
        assert_int_equal(count_colour(s, 0, 0, w, h, 0xe8, 0xa9, 0x5c, &ignored), 0);
        /* the feed's own logo (its channel <image>) sits in the kicker line */
        int cyan = count_colour(s, 0, 0, w, top, 0x00, 0xc8, 0xff, &ignored);
        assert_true(cyan > 200);
        SDL_FreeSurface(s);
        /* the label is the kicker's text: a longer one reaches further right */
        s = render_rules("accent = #20c060\nlabel = Metro Desk Evening Edition\n", sizes[k]);
        count_colour(s, 0, 0, w, top, 0x20, 0xc0, 0x60, &right_long);
        assert_true(right_long > right_short + 100);
        SDL_FreeSurface(s);
        /* the config's logo wins over the feed's, never blown up past 2x (30 px tall) */
        char rules[4400];
        snprintf(rules, sizeof rules, "logo = %s\n", file_logo);
        s = render_rules(rules, sizes[k]);
        int magenta = count_colour(s, 0, 0, w, top, 0xff, 0x00, 0xff, &ignored);
        assert_true(magenta > 200);
        assert_true(magenta <= 90 * 2 * 30 * 2);
        assert_int_equal(count_colour(s, 0, 0, w, h, 0x00, 0xc8, 0xff, &ignored), 0);
        SDL_FreeSurface(s);
        /* a logo too large to be one is left out; the slide still comes */
        snprintf(rules, sizeof rules, "logo = %s\n", huge_logo);
        s = render_rules(rules, sizes[k]);
        assert_int_equal(count_colour(s, 0, 0, w, h, 0xff, 0x00, 0xff, &ignored), 0);
        SDL_FreeSurface(s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_story_excluded_by_a_word),
        cmocka_unit_test(test_feed_outside_its_hours),
        cmocka_unit_test(test_bad_rule_is_refused_with_its_line),
        cmocka_unit_test(test_label_accent_and_logo_in_the_slide),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
