/* test_conformance.c: every feed of the shared real-world corpus (feeds/real/MANIFEST.tsv)
 * parses without a crash into valid UTF-8; where another parser's expected output sits
 * beside a feed (gofeed / fastfeedparser / rss-parser / feed-rs JSON, KDE syndication
 * .expected dumps, rubycocos inline assertions), item count, titles, links and dates are
 * compared and a scoreboard printed. Every disagreement must be explained in
 * tests/parse/disagreements.tsv; a new one, or title/link agreement under 98%, fails. */
#include "parse_fixture.h"

#include "alloc.h"
#include "parse_internal.h"
#include "strutil.h"

#include <cjson/cJSON.h>
#include <ctype.h>

#define MAX_EXPECT 400

struct expect_item {
    char *title, *link;
    bool has_date;
    int64_t date;
};

struct expect {
    struct expect_item items[MAX_EXPECT];
    size_t n;
    bool count_known; /* the peer lists every item (not just a few assertions) */
};

struct score {
    size_t compared, agreed;
};

static struct score sc_count, sc_title, sc_link, sc_date;
static struct nr_buf known; /* disagreements.tsv */
static struct nr_buf found; /* this run's disagreements, same format */
static size_t n_new;

static char *norm(const char *s)
{
    return s ? nr_collapse_ws(s) : NULL;
}

static void expect_release(struct expect *e)
{
    for (size_t i = 0; i < e->n; i++) {
        free(e->items[i].title);
        free(e->items[i].link);
    }
    memset(e, 0, sizeof *e);
}

static const char *jstr(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (cJSON_IsString(v))
        return v->valuestring;
    if (cJSON_IsObject(v) && cJSON_IsString(cJSON_GetObjectItemCaseSensitive(v, "content")))
        return cJSON_GetObjectItemCaseSensitive(v, "content")->valuestring; /* feed-rs Text */
    return NULL;
}

/* One loader for the JSON shapes of the peers: items under entries, items or feed.items;
 * title a string or {content}; link a string, url, or links[0].href. */
static bool load_json(const char *path, struct expect *e)
{
    struct nr_buf b;
    nr_buf_init(&b, TS_MAX_FILE_BYTES);
    if (ts_read_file(path, &b) != 0)
        return false;
    cJSON *root = cJSON_Parse(b.data);
    nr_buf_release(&b);
    if (!root)
        return false;
    const cJSON *items = cJSON_GetObjectItemCaseSensitive(root, "entries");
    if (!cJSON_IsArray(items))
        items = cJSON_GetObjectItemCaseSensitive(root, "items");
    if (!cJSON_IsArray(items))
        items = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "feed"),
                                                 "items");
    const cJSON *it;
    cJSON_ArrayForEach(it, items)
    {
        if (e->n >= MAX_EXPECT)
            break;
        struct expect_item *x = &e->items[e->n++];
        x->title = norm(jstr(it, "title"));
        const char *link = jstr(it, "link");
        if (!link)
            link = jstr(it, "url");
        const cJSON *links = cJSON_GetObjectItemCaseSensitive(it, "links");
        if (!link && cJSON_IsArray(links) && cJSON_GetArraySize(links) > 0) {
            const cJSON *l0 = cJSON_GetArrayItem(links, 0);
            link = cJSON_IsString(l0) ? l0->valuestring : jstr(l0, "href");
        }
        x->link = norm(link);
        const char *keys[] = { "isoDate", "publishedParsed", "published", "date_published",
                               "pubDate", "updated",         NULL };
        for (int k = 0; keys[k] && !x->has_date; k++)
            x->has_date = feed_parse_date(jstr(it, keys[k]), &x->date);
    }
    e->count_known = true;
    cJSON_Delete(root);
    return true;
}

/* KDE syndication dumps: "# Item begin", then "key: #value#" lines (values may span lines). */
static bool load_kde(const char *path, struct expect *e)
{
    struct nr_buf b;
    nr_buf_init(&b, TS_MAX_FILE_BYTES);
    if (ts_read_file(path, &b) != 0)
        return false;
    struct expect_item *cur = NULL;
    for (char *p = b.data; p && *p;) {
        char *eol = strchr(p, '\n');
        if (strncmp(p, "# Item begin", 12) == 0 && e->n < MAX_EXPECT) {
            cur = &e->items[e->n++];
        } else if (strncmp(p, "# Item end", 10) == 0) {
            cur = NULL;
        } else if (cur && (strncmp(p, "title: #", 8) == 0 || strncmp(p, "link: #", 7) == 0 ||
                           strncmp(p, "datePublished: #", 16) == 0)) {
            char *v = strchr(p, '#') + 1;
            char *end = strstr(v, "#\n");
            if (!end)
                end = v + strlen(v);
            char *val = xstrndup(v, (size_t)(end - v));
            if (p[0] == 't') /* KDE dumps titles as HTML: compare their text */
                cur->title = parse_text_plain(val, false, 1u << 20);
            else if (p[0] == 'l')
                cur->link = norm(val);
            else
                cur->has_date = feed_parse_date(val, &cur->date);
            free(val);
            eol = strchr(end, '\n');
        }
        p = eol ? eol + 1 : NULL;
    }
    nr_buf_release(&b);
    e->count_known = true;
    return true;
}

/* rubycocos: "feed.items[N].title: X" / ".url: X" lines after the feed. */
static bool load_inline(const char *path, struct expect *e)
{
    struct nr_buf b;
    nr_buf_init(&b, TS_MAX_FILE_BYTES);
    if (ts_read_file(path, &b) != 0)
        return false;
    for (char *p = strstr(b.data, "\nfeed.items["); p; p = strstr(p + 1, "\nfeed.items[")) {
        char *q = p + 12;
        long idx = strtol(q, &q, 10);
        if (idx < 0 || idx >= MAX_EXPECT || strncmp(q, "].", 2) != 0)
            continue;
        q += 2;
        bool title = strncmp(q, "title:", 6) == 0, url = strncmp(q, "url:", 4) == 0;
        if (!title && !url)
            continue;
        q = strchr(q, ':') + 1;
        char *eol = strchr(q, '\n');
        char *val = xstrndup(q, eol ? (size_t)(eol - q) : strlen(q));
        if ((size_t)idx >= e->n)
            e->n = (size_t)idx + 1;
        char **dst = title ? &e->items[idx].title : &e->items[idx].link;
        free(*dst);
        *dst = norm(val);
        free(val);
    }
    nr_buf_release(&b);
    return e->n > 0;
}

/* 0: not listed; 'p': listed, the peer is wrong; 'o': listed, we are wrong. */
static char listed(const char *key)
{
    for (const char *p = known.data; p && (p = strstr(p, key)); p++)
        if ((p == known.data || p[-1] == '\n') && p[strlen(key)] == '\t')
            return strncmp(p + strlen(key) + 1, "peer", 4) == 0 ? 'p' : 'o';
    return 0;
}

static size_t n_peer_wrong_titles, n_peer_wrong_links;

static void disagree(const char *feed, const char *field, long idx, const char *ours,
                     const char *theirs)
{
    char key[1024];
    snprintf(key, sizeof key, "%s\t%s\t%ld", feed, field, idx);
    assert_int_equal(nr_buf_printf(&found, "%s\tours=%.80s\ttheirs=%.80s\n", key, ours ? ours : "-",
                                   theirs ? theirs : "-"),
                     NR_OK);
    char verdict = listed(key);
    if (verdict == 'p' && strcmp(field, "title") == 0)
        n_peer_wrong_titles++;
    if (verdict == 'p' && strcmp(field, "link") == 0)
        n_peer_wrong_links++;
    if (!verdict) {
        n_new++;
        printf("NEW DISAGREEMENT %s: ours '%.120s' theirs '%.120s'\n", key, ours ? ours : "-",
               theirs ? theirs : "-");
    }
}

static void tally(struct score *s, bool ok)
{
    s->compared++;
    s->agreed += ok;
}

static void compare(const char *feed, const struct feed *f, const struct expect *e)
{
    char num[32];
    if (e->count_known) {
        bool ok = f->n_items == e->n;
        tally(&sc_count, ok);
        if (!ok) {
            char theirs[32];
            snprintf(num, sizeof num, "%zu", f->n_items);
            snprintf(theirs, sizeof theirs, "%zu", e->n);
            disagree(feed, "count", -1, num, theirs);
        }
    }
    for (size_t i = 0; i < e->n; i++) {
        const struct expect_item *x = &e->items[i];
        const struct feed_item *it = i < f->n_items ? &f->items[i] : NULL;
        if (x->title) {
            bool ok = it && it->title && strcmp(it->title, x->title) == 0;
            tally(&sc_title, ok);
            if (!ok)
                disagree(feed, "title", (long)i, it ? it->title : NULL, x->title);
        }
        if (x->link) {
            bool ok = it && it->link && strcmp(it->link, x->link) == 0;
            tally(&sc_link, ok);
            if (!ok)
                disagree(feed, "link", (long)i, it ? it->link : NULL, x->link);
        }
        if (x->has_date) {
            bool ok = it && it->has_published && it->published_unix == x->date;
            tally(&sc_date, ok);
            if (!ok) {
                char ours[32], theirs[32];
                snprintf(ours, sizeof ours, "%lld",
                         it && it->has_published ? (long long)it->published_unix : -1LL);
                snprintf(theirs, sizeof theirs, "%lld", (long long)x->date);
                disagree(feed, "date", (long)i, ours, theirs);
            }
        }
    }
}

/* The manifest's notes name the expected file relative to the peer's repository. */
static char *expected_path(const char *real, const char *file, const char *notes,
                           const char *features)
{
    const char *ex = strstr(notes, "expected: ");
    char rel[1024];
    if (ex) {
        ex += 10;
        size_t n = strcspn(ex, " ;,\t");
        const char *slash = strchr(file, '/');
        snprintf(rel, sizeof rel, "%.*s/%.*s", (int)(slash - file), file, (int)n, ex);
        return ts_path(real, rel);
    }
    if (strstr(features, "expected_inline") && strncmp(file, "rubycocos", 9) == 0)
        return ts_path(real, file);
    return NULL;
}

static void check_utf8_all(const char *file, const struct feed *f)
{
    const char *fs[] = { f->title, f->link, f->language, f->discovered_feed_url };
    for (size_t i = 0; i < 4; i++)
        if (fs[i] && !nr_utf8_valid(fs[i], strlen(fs[i])))
            fail_msg("%s: feed text is not UTF-8", file);
    fx_assert_feed_utf8(f);
    for (size_t i = 0; i < f->n_items; i++)
        for (size_t c = 0; c < f->items[i].n_categories; c++)
            fx_assert_utf8(f->items[i].categories[c]);
}

static void test_corpus(void **state)
{
    (void)state;
    if (!ts_have_shared())
        skip();
    char *real = ts_path(ts_shared_dir(), "feeds/real");
    char *manifest = ts_path(real, "MANIFEST.tsv");
    char *dis = ts_path(ts_source_dir(), "tests/parse/disagreements.tsv");
    struct nr_buf m;
    nr_buf_init(&m, TS_MAX_FILE_BYTES);
    nr_buf_init(&known, TS_MAX_FILE_BYTES);
    nr_buf_init(&found, TS_MAX_FILE_BYTES);
    assert_int_equal(ts_read_file(manifest, &m), 0);
    if (ts_read_file(dis, &known) != 0)
        assert_int_equal(nr_buf_puts(&known, ""), NR_OK);
    size_t n_feeds = 0, n_ok = 0, n_compared = 0;
    char *save = NULL;
    for (char *line = strtok_r(m.data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *col[10] = { 0 };
        int nc = 0;
        for (char *p = line; nc < 10; nc++) {
            col[nc] = p;
            char *tab = strchr(p, '\t');
            if (!tab)
                break;
            *tab = '\0';
            p = tab + 1;
        }
        if (nc < 8 || strcmp(col[0], "file") == 0 || strcmp(col[5], "other") == 0)
            continue;
        const char *file = col[0], *features = col[7], *notes = col[8] ? col[8] : "";
        char *path = ts_path(real, file);
        struct nr_buf body;
        nr_buf_init(&body, TS_MAX_FILE_BYTES);
        assert_int_equal(ts_read_file(path, &body), 0);
        struct feed f;
        struct nr_err err = { 0 };
        n_feeds++;
        /* Each file gets a made-up URL, as a fetched feed would have one. */
        char url[1200];
        snprintf(url, sizeof url, "https://corpus.invalid/%s", file);
        struct parse_options po = { .base_url = url };
        enum nr_result rc = feed_parse(body.data, body.len, &po, &f, &err);
        if (rc == NR_OK) {
            n_ok++;
            check_utf8_all(file, &f);
        } else {
            printf("# %s: %s (%s)\n", file, nr_result_str(rc), err.msg);
        }
        char *exp = expected_path(real, file, notes, features);
        struct expect *e = xcalloc(1, sizeof *e);
        bool loaded = false;
        if (exp) {
            if (strstr(exp, ".expected") && !strstr(exp, ".expected.json"))
                loaded = load_kde(exp, e);
            else if (strncmp(file, "rubycocos", 9) == 0)
                loaded = load_inline(exp, e);
            else
                loaded = load_json(exp, e);
        }
        if (loaded) {
            n_compared++;
            if (rc != NR_OK)
                memset(&f, 0, sizeof f);
            compare(file, &f, e);
        }
        expect_release(e);
        free(e);
        free(exp);
        feed_release(&f);
        nr_buf_release(&body);
        free(path);
    }
    printf("\nconformance scoreboard: %zu feeds, %zu parsed, %zu with a peer's expected output\n",
           n_feeds, n_ok, n_compared);
    struct {
        const char *name;
        struct score *s;
    } rows[] = {
        { "item count", &sc_count },
        { "titles", &sc_title },
        { "links", &sc_link },
        { "dates", &sc_date },
    };
    for (size_t i = 0; i < 4; i++)
        printf("  %-10s %4zu / %4zu agree (%.1f%%)\n", rows[i].name, rows[i].s->agreed,
               rows[i].s->compared,
               rows[i].s->compared ? 100.0 * rows[i].s->agreed / rows[i].s->compared : 100.0);
    printf(
        "  unexplained disagreements: %zu (explained ones live in tests/parse/disagreements.tsv)\n",
        n_new);
    char *out = ts_path(ts_binary_dir(), "parse-disagreements.tsv");
    ts_write_file(out, found.data ? found.data : "", found.len);
    printf("  this run's disagreements: %s\n", out);
    free(out);

    assert_true(n_ok >= n_feeds - 6); /* the few non-feeds of the corpus */
    /* Agreement with the truth: where the peer is shown wrong, we count as agreeing. */
    size_t t_ok = sc_title.agreed + n_peer_wrong_titles, l_ok = sc_link.agreed + n_peer_wrong_links;
    printf("  titles right (peer errors excused): %zu / %zu (%.1f%%)\n", t_ok, sc_title.compared,
           sc_title.compared ? 100.0 * t_ok / sc_title.compared : 100.0);
    printf("  links right (peer errors excused):  %zu / %zu (%.1f%%)\n", l_ok, sc_link.compared,
           sc_link.compared ? 100.0 * l_ok / sc_link.compared : 100.0);
    assert_true(t_ok * 100 >= sc_title.compared * 98);
    assert_true(l_ok * 100 >= sc_link.compared * 98);
    assert_int_equal(n_new, 0);
    nr_buf_release(&m);
    nr_buf_release(&known);
    nr_buf_release(&found);
    free(real);
    free(manifest);
    free(dis);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
