/* test_article_corpus.c: article reading over the shared corpus of real article pages
 * (../shared/articles): body-text F1 against the published ground truth, and quote, photo,
 * caption and credit against the hand labels, scored as the corpus README says. Prints the
 * figures and fails below the targets. Skips with one line when the corpus is absent. */
#include "article.h"
#include "testsupport.h"

#include "bodyf1.h"

#include "alloc.h"
#include "buf.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_WORDS 512

/* The README's folding: lower case, apostrophes dropped, other punctuation a space. */
static char *fold(const char *s)
{
    size_t len = strlen(s);
    char *out = xmalloc(len + 1);
    size_t o = 0;
    bool space = false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\'')
            continue;
        if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80) {
            unsigned char d = (unsigned char)s[i + 2];
            i += 2;
            if (d != 0x98 && d != 0x99)
                space = true;
            continue;
        }
        if (c == 0xC2 && i + 1 < len &&
            ((unsigned char)s[i + 1] == 0xAB || (unsigned char)s[i + 1] == 0xBB ||
             (unsigned char)s[i + 1] == 0xA0)) {
            i++;
            space = true;
            continue;
        }
        if (c < 0x80 && !isalnum(c)) {
            space = true;
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

struct score {
    int produced, correct, labelled;
};

static void tally(struct score *s, const char *out, const char *want, bool match)
{
    bool any = want && strcmp(want, "ANY") == 0;
    if (!none(want) && !any)
        s->labelled++;
    if (out) {
        s->produced++;
        if (any || (!none(want) && match))
            s->correct++;
    }
}

static double prec(const struct score *s)
{
    return s->produced ? (double)s->correct / s->produced : 1.0;
}

static double rec(const struct score *s)
{
    return s->labelled ? (double)s->correct / s->labelled : 1.0;
}

static bool read_page(const char *dir, const char *name, struct nr_buf *b)
{
    char *path = ts_path(dir, name);
    nr_buf_init(b, TS_MAX_FILE_BYTES);
    bool ok = ts_read_file(path, b) == 0;
    free(path);
    return ok;
}

static void extract(const char *pages, const char *name, struct article *a)
{
    struct nr_buf b;
    struct extract_options eo = { .screen_w = 1920, .screen_h = 1080 };
    char url[512];
    memset(a, 0, sizeof *a);
    if (!read_page(pages, name, &b)) {
        nr_buf_release(&b);
        return;
    }
    /* served as make-feed.py's feed links them: the page is its own base URL */
    snprintf(url, sizeof url, "http://127.0.0.1/pages/%s", name);
    article_extract(b.data, b.len, url, NULL, &eo, a, NULL);
    nr_buf_release(&b);
}

static void test_body_text(void **state)
{
    (void)state;
    char *pages = ts_path(ts_shared_dir(), "articles/pages");
    char *truth_path = ts_path(ts_shared_dir(), "articles/ground-truth.json");
    struct nr_buf tb;
    nr_buf_init(&tb, TS_MAX_FILE_BYTES);
    assert_int_equal(ts_read_file(truth_path, &tb), 0);
    cJSON *truth = cJSON_Parse(tb.data);
    assert_non_null(truth);
    struct f1acc acc = { 0 };
    size_t n = 0;
    cJSON *page;
    cJSON_ArrayForEach(page, truth)
    {
        cJSON *body = cJSON_GetObjectItem(page, "articleBody");
        if (!cJSON_IsString(body))
            continue;
        struct article a;
        extract(pages, page->string, &a);
        f1_add(&acc, body->valuestring, a.body ? a.body : "");
        article_release(&a);
        n++;
    }
    double p, r, f1 = f1_of(&acc, &p, &r);
    printf("body text, %zu pages: precision %.3f recall %.3f F1 %.3f (target F1 >= 0.95)\n", n, p,
           r, f1);
    assert_true(n >= 50);
    assert_true(f1 >= 0.95);
    cJSON_Delete(truth);
    nr_buf_release(&tb);
    free(truth_path);
    free(pages);
}

enum { C_FEED, C_KEY, C_HEADLINE, C_QUOTE, C_SPEAKER, C_ALTS, C_PHOTO, C_CAPTION, C_CREDIT };

/* The quotation matches the label's or one of its alternatives, by the right speaker. */
static bool quote_ok(const struct article *a, char **col)
{
    if (!a->quote || !a->speaker || none(col[C_QUOTE]))
        return false;
    if (same_speaker(a->speaker, col[C_SPEAKER]) && quote_matches(a->quote, col[C_QUOTE]))
        return true;
    char *alts = xstrdup(col[C_ALTS]);
    bool ok = false;
    for (char *p = alts; !ok && p && *p;) {
        char *sep = strstr(p, " || ");
        if (sep)
            *sep = '\0';
        char *bar = strrchr(p, '|');
        const char *who = col[C_SPEAKER];
        if (bar) {
            *bar = '\0';
            who = bar + 1;
        }
        ok = same_speaker(a->speaker, who) && quote_matches(a->quote, p);
        p = sep ? sep + 4 : NULL;
    }
    free(alts);
    return ok;
}

static void test_labels(void **state)
{
    (void)state;
    char *pages = ts_path(ts_shared_dir(), "articles/pages");
    char *labels_path = ts_path(ts_shared_dir(), "articles/labels.tsv");
    struct nr_buf labels;
    nr_buf_init(&labels, TS_MAX_FILE_BYTES);
    assert_int_equal(ts_read_file(labels_path, &labels), 0);
    struct score q = { 0 }, cap = { 0 }, cr = { 0 }, exact = { 0 };
    int with_photo = 0, found = 0, sized = 0, wide = 0, rows = 0;
    char *save = NULL;
    char *line = strtok_r(labels.data, "\n", &save); /* header */
    while ((line = strtok_r(NULL, "\n", &save))) {
        char *col[10] = { 0 };
        size_t nc = 0;
        for (char *p = line; nc < 10;) {
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
        struct article a;
        extract(pages, col[C_KEY], &a);
        tally(&q, a.quote, col[C_QUOTE], quote_ok(&a, col));
        tally(&cap, a.caption, col[C_CAPTION], a.caption && same_folded(a.caption, col[C_CAPTION]));
        tally(&cr, a.credit, col[C_CREDIT], a.credit && same_folded(a.credit, col[C_CREDIT]));
        tally(&exact, a.photo_url, col[C_PHOTO],
              a.photo_url && strcmp(a.photo_url, col[C_PHOTO]) == 0);
        if (!none(col[C_PHOTO])) {
            with_photo++;
            bool same = a.photo_url && article_same_picture(a.photo_url, col[C_PHOTO]);
            found += same;
            if (same && a.photo_w > 0) {
                sized++;
                wide += a.photo_w >= 1000;
            }
        }
        article_release(&a);
    }
    double found_rate = with_photo ? (double)found / with_photo : 1;
    printf("labels, %d pages:\n", rows);
    printf("  quote    precision %.3f recall %.3f (%d of %d labelled; target 0.9 / 0.7)\n",
           prec(&q), rec(&q), q.correct, q.labelled);
    printf("  caption  precision %.3f recall %.3f (target precision 0.95)\n", prec(&cap),
           rec(&cap));
    printf("  credit   precision %.3f recall %.3f (target precision 0.95)\n", prec(&cr), rec(&cr));
    printf("  photo    the labelled picture found on %d of %d pages (%.3f; target 0.95); the "
           "labelled URL exactly on %d; %d of %d with a known width are >= 1000 px\n",
           found, with_photo, found_rate, exact.correct, wide, sized);
    assert_true(rows >= 30);
    assert_true(prec(&cap) >= 0.95);
    assert_true(prec(&cr) >= 0.95);
    assert_true(found_rate >= 0.95);
    assert_true(prec(&q) >= 0.9);
    assert_true(rec(&q) >= 0.7);
    nr_buf_release(&labels);
    free(labels_path);
    free(pages);
}

int main(void)
{
    char *dir = ts_path(ts_shared_dir(), "articles/labels.tsv");
    FILE *f = fopen(dir, "r");
    free(dir);
    if (!f) {
        printf("skipped: the shared article corpus (../shared/articles) is not here\n");
        return 0;
    }
    fclose(f);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_body_text),
        cmocka_unit_test(test_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
