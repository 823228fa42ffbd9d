/* test_labels.c: scores the extractor against the hand labels (feeds/labels/dev.tsv) as its
 * README says, prints precision and recall per field, and fails below the targets. */
#include "testsupport.h"

#include "alloc.h"
#include "buf.h"
#include "feed.h"
#include "story.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COLS 10
#define MAX_WORDS 512

enum { C_FEED, C_KEY, C_HEADLINE, C_QUOTE, C_SPEAKER, C_ALTS, C_PHOTO, C_CAPTION, C_CREDIT };

struct score {
    int produced, correct, labelled;
};

/* The README's folding: lower case, punctuation (curly quotes, guillemets, dashes) dropped,
 * white space collapsed. Written apart from the extractor's own folding on purpose. */
static char *fold(const char *s)
{
    size_t len = strlen(s);
    char *out = xmalloc(len + 1);
    size_t o = 0;
    bool space = false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        bool punct = false;
        size_t skip = 0;
        if (c < 0x80) {
            punct = !isalnum(c) && c != '\'';
            if (c == '\'')
                continue; /* "don't" and "dont" alike */
        } else if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80) {
            unsigned char d = (unsigned char)s[i + 2];
            skip = 2;
            if (d == 0x98 || d == 0x99) {
                i += skip;
                continue; /* curly apostrophes as the straight one */
            }
            punct = true;
        } else if (c == 0xC2 && i + 1 < len) {
            unsigned char d = (unsigned char)s[i + 1];
            if (d == 0xAB || d == 0xBB || d == 0xA0 || d == 0xA9) {
                punct = true;
                skip = 1;
            }
        }
        if (punct) {
            space = true;
            i += skip;
            continue;
        }
        if (space && o)
            out[o++] = ' ';
        space = false;
        out[o++] = (char)(c < 0x80 ? tolower(c) : c);
    }
    out[o] = '\0';
    return out;
}

static size_t split_words(char *s, char **w, size_t max)
{
    size_t n = 0;
    for (char *p = s; *p && n < max;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        w[n++] = p;
        while (*p && *p != ' ')
            p++;
        if (*p)
            *p++ = '\0';
    }
    return n;
}

/* True when out equals want after folding, or covers 90% of want's words in order. */
static bool quote_matches(const char *out, const char *want)
{
    char *fo = fold(out), *fw = fold(want);
    bool ok = strcmp(fo, fw) == 0;
    if (!ok) {
        char *wo[MAX_WORDS], *ww[MAX_WORDS];
        size_t no = split_words(fo, wo, MAX_WORDS), nw = split_words(fw, ww, MAX_WORDS);
        size_t j = 0, hit = 0;
        for (size_t i = 0; i < nw; i++) {
            size_t k = j;
            while (k < no && strcmp(wo[k], ww[i]) != 0)
                k++;
            if (k < no) {
                hit++;
                j = k + 1;
            }
        }
        ok = nw > 0 && hit * 10 >= nw * 9;
    }
    free(fo);
    free(fw);
    return ok;
}

static bool same_folded(const char *a, const char *b)
{
    char *fa = fold(a), *fb = fold(b);
    bool ok = strcmp(fa, fb) == 0;
    free(fa);
    free(fb);
    return ok;
}

/* The speaker's surname (last word) appears among the other's words. */
static bool same_speaker(const char *out, const char *want)
{
    char *fo = fold(out), *fw = fold(want);
    char *wo[64], *ww[64];
    size_t no = split_words(fo, wo, 64), nw = split_words(fw, ww, 64);
    bool ok = false;
    for (size_t i = 0; nw && i < no; i++)
        ok |= strcmp(wo[i], ww[nw - 1]) == 0;
    free(fo);
    free(fw);
    return ok;
}

static bool none(const char *s)
{
    return !s || !*s || strcmp(s, "NONE") == 0;
}

/* The feed file a label names: a path under real/, or a bare file name MANIFEST.tsv has. */
static char *feed_path(const char *real_dir, const char *manifest, const char *name)
{
    char *direct = ts_path(real_dir, name);
    FILE *f = fopen(direct, "rb");
    if (f) {
        fclose(f);
        return direct;
    }
    free(direct);
    size_t nl = strlen(name);
    for (const char *line = manifest; line && *line;) {
        const char *tab = strchr(line, '\t');
        const char *eol = strchr(line, '\n');
        if (tab && (!eol || tab < eol)) {
            size_t pl = (size_t)(tab - line);
            if (pl > nl && line[pl - nl - 1] == '/' && strncmp(line + pl - nl, name, nl) == 0) {
                char *rel = xstrndup(line, pl);
                char *p = ts_path(real_dir, rel);
                free(rel);
                return p;
            }
        }
        line = eol ? eol + 1 : NULL;
    }
    return NULL;
}

static const struct feed_item *find_item(const struct feed *f, const char *key)
{
    for (size_t i = 0; i < f->n_items; i++) {
        const struct feed_item *it = &f->items[i];
        if ((it->guid && strcmp(it->guid, key) == 0) || (it->link && strcmp(it->link, key) == 0) ||
            (it->title && strcmp(it->title, key) == 0))
            return it;
    }
    return NULL;
}

static void tally(struct score *s, const char *out, const char *want, bool match)
{
    if (!none(want))
        s->labelled++;
    if (out) {
        s->produced++;
        if (!none(want) && match)
            s->correct++;
    }
}

static double precision(const struct score *s)
{
    return s->produced ? (double)s->correct / s->produced : 1.0;
}

static double recall(const struct score *s)
{
    return s->labelled ? (double)s->correct / s->labelled : 1.0;
}

static void test_labels(void **state)
{
    (void)state;
    if (!ts_have_shared())
        skip();
    char *labels_path = ts_path(ts_shared_dir(), "feeds/labels/dev.tsv");
    char *real_dir = ts_path(ts_shared_dir(), "feeds/real");
    char *manifest_path = ts_path(real_dir, "MANIFEST.tsv");
    struct nr_buf labels, manifest;
    nr_buf_init(&labels, TS_MAX_FILE_BYTES);
    nr_buf_init(&manifest, TS_MAX_FILE_BYTES);
    assert_int_equal(ts_read_file(labels_path, &labels), 0);
    assert_int_equal(ts_read_file(manifest_path, &manifest), 0);

    struct score q = { 0 }, ph = { 0 }, cap = { 0 }, cr = { 0 };
    int rows = 0, found = 0;
    char *save = NULL;
    char *line = strtok_r(labels.data, "\n", &save); /* header */
    while ((line = strtok_r(NULL, "\n", &save))) {
        char *col[MAX_COLS] = { 0 };
        size_t nc = 0;
        for (char *p = line; nc < MAX_COLS;) {
            col[nc++] = p;
            char *tab = strchr(p, '\t');
            if (!tab)
                break;
            *tab = '\0';
            p = tab + 1;
        }
        if (nc < 9)
            continue;
        rows++;
        char *path = feed_path(real_dir, manifest.data, col[C_FEED]);
        struct nr_buf body;
        nr_buf_init(&body, TS_MAX_FILE_BYTES);
        struct feed feed = { 0 };
        struct story s = { 0 };
        const struct feed_item *item = NULL;
        if (path && ts_read_file(path, &body) == 0 &&
            feed_parse(body.data, body.len, &(struct parse_options){ 0 }, &feed, NULL) == NR_OK)
            item = find_item(&feed, col[C_KEY]);
        struct extract_options eo = { .screen_w = 1920, .screen_h = 1080 };
        if (item && story_extract(&feed, item, &eo, &s, NULL) == NR_OK) {
            found++;
        } else {
            printf("  not found: %s | %s\n", col[C_FEED], col[C_KEY]);
        }

        bool qok = false;
        if (s.quote && !none(col[C_QUOTE]) && s.speaker &&
            same_speaker(s.speaker, col[C_SPEAKER])) {
            qok = quote_matches(s.quote, col[C_QUOTE]);
            char *alts = xstrdup(col[C_ALTS] ? col[C_ALTS] : "");
            for (char *a = alts; !qok && a && *a;) {
                char *sep = strstr(a, " || ");
                if (sep)
                    *sep = '\0';
                qok = quote_matches(s.quote, a);
                a = sep ? sep + 4 : NULL;
            }
            free(alts);
        }
        tally(&q, s.quote, col[C_QUOTE], qok);
        tally(&ph, s.photo_url, col[C_PHOTO],
              s.photo_url && strcmp(s.photo_url, col[C_PHOTO]) == 0);
        tally(&cap, s.caption, col[C_CAPTION], s.caption && same_folded(s.caption, col[C_CAPTION]));
        tally(&cr, s.credit, col[C_CREDIT], s.credit && same_folded(s.credit, col[C_CREDIT]));
        if ((s.quote || !none(col[C_QUOTE])) && !qok)
            printf("  quote  #%d got [%s] (%s) want [%s] (%s)\n", rows, s.quote ? s.quote : "-",
                   s.speaker ? s.speaker : "-", col[C_QUOTE], col[C_SPEAKER]);
        if ((s.photo_url || !none(col[C_PHOTO])) &&
            !(s.photo_url && strcmp(s.photo_url, col[C_PHOTO]) == 0))
            printf("  photo  #%d got [%s] want [%s]\n", rows, s.photo_url ? s.photo_url : "-",
                   col[C_PHOTO]);
        if ((s.caption || !none(col[C_CAPTION])) &&
            !(s.caption && same_folded(s.caption, col[C_CAPTION])))
            printf("  capt   #%d got [%s] want [%s]\n", rows, s.caption ? s.caption : "-",
                   col[C_CAPTION]);
        if ((s.credit || !none(col[C_CREDIT])) &&
            !(s.credit && same_folded(s.credit, col[C_CREDIT])))
            printf("  credit #%d got [%s] want [%s]\n", rows, s.credit ? s.credit : "-",
                   col[C_CREDIT]);
        story_release(&s);
        feed_release(&feed);
        nr_buf_release(&body);
        free(path);
    }
    printf("items %d, found %d\n", rows, found);
    printf("quote   precision %.3f recall %.3f (%d/%d produced, %d labelled)\n", precision(&q),
           recall(&q), q.correct, q.produced, q.labelled);
    printf("photo   precision %.3f recall %.3f (%d/%d produced, %d labelled)\n", precision(&ph),
           recall(&ph), ph.correct, ph.produced, ph.labelled);
    printf("caption precision %.3f recall %.3f (%d/%d produced, %d labelled)\n", precision(&cap),
           recall(&cap), cap.correct, cap.produced, cap.labelled);
    printf("credit  precision %.3f recall %.3f (%d/%d produced, %d labelled)\n", precision(&cr),
           recall(&cr), cr.correct, cr.produced, cr.labelled);
    fflush(stdout);
    assert_true(rows > 0);
    assert_int_equal(found, rows);
    assert_true(precision(&q) >= 0.9);
    assert_true(recall(&q) >= 0.7);
    assert_true(precision(&ph) >= 0.95);
    assert_true(precision(&cap) >= 0.95);
    assert_true(precision(&cr) >= 0.95);
    nr_buf_release(&labels);
    nr_buf_release(&manifest);
    free(labels_path);
    free(real_dir);
    free(manifest_path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
