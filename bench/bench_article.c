/* bench_article.c: article reading throughput, memory and body-text F1 over a folder of
 * article pages, beside Mozilla Readability (node + jsdom) and python3-readability on the
 * same pages in the same run.
 *   bench_article [--pages DIR] [--truth FILE] [--rounds N] [--node-modules DIR]
 *                 [--no-others] [--json]
 * DIR defaults to ../shared/articles/pages beside the source tree, FILE to its
 * ground-truth.json. --node-modules names a folder holding @mozilla/readability and jsdom
 * (bench/readability-setup.sh installs them into the build tree). --json prints what Newsreel
 * reads from each page, one JSON object a line, and nothing else.
 * Memory: the peak resident size while reading one page, above the size before it
 * (clear_refs), the largest over the pages. */
#include "article.h"

#include "alloc.h"
#include "buf.h"
#include "strutil.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static long status_kib(const char *key)
{
    FILE *fp = fopen("/proc/self/status", "r");
    char line[256];
    long v = -1;
    while (fp && fgets(line, sizeof line, fp))
        if (strncmp(line, key, strlen(key)) == 0)
            v = strtol(line + strlen(key) + 1, NULL, 10);
    if (fp)
        fclose(fp);
    return v;
}

static void reset_peak(void)
{
    FILE *fp = fopen("/proc/self/clear_refs", "w");
    if (fp) {
        fputs("5", fp);
        fclose(fp);
    }
}

static bool read_file(const char *path, struct nr_buf *b)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return false;
    char chunk[65536];
    size_t n;
    bool ok = true;
    while (ok && (n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        ok = nr_buf_append(b, chunk, n) == NR_OK;
    fclose(fp);
    return ok;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

struct page {
    char *name;
    struct nr_buf html;
};

#include "../tests/article/bodyf1.h"

/* ---- the other extractors, in child processes ---- */

/* Runs cmd through the shell; its stdout (one JSON object {"file": text} per line) is read
 * into *out. Returns the wall seconds and the child's peak resident KiB in *kib. */
static double run_other(const char *cmd, cJSON **out, long *kib)
{
    double t0 = now_s();
    FILE *fp = popen(cmd, "r");
    struct nr_buf b;
    nr_buf_init(&b, 256u * 1024 * 1024);
    char chunk[65536];
    size_t n;
    while (fp && (n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        if (nr_buf_append(&b, chunk, n) != NR_OK)
            break;
    int st = fp ? pclose(fp) : -1;
    double dt = now_s() - t0;
    *out = st == 0 && b.data ? cJSON_Parse(b.data) : NULL;
    *kib = -1;
    cJSON *mem = *out ? cJSON_GetObjectItem(*out, "__peak_kib") : NULL;
    if (cJSON_IsNumber(mem))
        *kib = (long)mem->valuedouble;
    cJSON *sec = *out ? cJSON_GetObjectItem(*out, "__seconds") : NULL;
    if (cJSON_IsNumber(sec))
        dt = sec->valuedouble;
    nr_buf_release(&b);
    return dt;
}

int main(int argc, char **argv)
{
    const char *dir = NR_SOURCE_DIR "/../shared/articles/pages";
    const char *truth_path = NR_SOURCE_DIR "/../shared/articles/ground-truth.json";
    const char *node_modules = NULL;
    int rounds = 3;
    bool others = true, json = false;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--pages") && i + 1 < argc)
            dir = argv[++i];
        else if (!strcmp(argv[i], "--truth") && i + 1 < argc)
            truth_path = argv[++i];
        else if (!strcmp(argv[i], "--rounds") && i + 1 < argc)
            rounds = (int)strtol(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--node-modules") && i + 1 < argc)
            node_modules = argv[++i];
        else if (!strcmp(argv[i], "--no-others"))
            others = false;
        else if (!strcmp(argv[i], "--json"))
            json = true;
        else {
            fprintf(stderr, "usage: bench_article [--pages DIR] [--truth FILE] [--rounds N] "
                            "[--node-modules DIR] [--no-others] [--json]\n");
            return 2;
        }
    }
    if (rounds < 1)
        rounds = 1;

    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "bench_article: cannot open '%s'\n", dir);
        return 1;
    }
    char **names = NULL;
    size_t n_names = 0, cap_names = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        size_t l = strlen(de->d_name);
        if (l > 5 && strcmp(de->d_name + l - 5, ".html") == 0) {
            xgrow((void **)&names, &cap_names, n_names + 1, sizeof *names);
            names[n_names++] = xstrdup(de->d_name);
        }
    }
    closedir(d);
    qsort(names, n_names, sizeof *names, cmp_str);
    struct page *pages = xcalloc(n_names ? n_names : 1, sizeof *pages);
    size_t total_bytes = 0;
    for (size_t i = 0; i < n_names; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        pages[i].name = names[i];
        nr_buf_init(&pages[i].html, 64u * 1024 * 1024);
        read_file(path, &pages[i].html);
        total_bytes += pages[i].html.len;
    }
    struct nr_buf tb;
    nr_buf_init(&tb, 64u * 1024 * 1024);
    cJSON *truth = read_file(truth_path, &tb) && tb.data ? cJSON_Parse(tb.data) : NULL;
    nr_buf_release(&tb);

    struct extract_options eo = { .screen_w = 1920, .screen_h = 1080 };
    if (json) {
        for (size_t i = 0; i < n_names; i++) {
            struct article a;
            struct nr_err err = { 0 };
            char url[4096];
            snprintf(url, sizeof url, "http://127.0.0.1/pages/%s", names[i]);
            enum nr_result rc =
                article_extract(pages[i].html.data, pages[i].html.len, url, NULL, &eo, &a, &err);
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "file", names[i]);
            if (rc != NR_OK)
                cJSON_AddStringToObject(o, "error", err.msg);
            const char *keys[] = { "headline", "quote",  "speaker", "photo_url",
                                   "caption",  "credit", "body" };
            const char *vals[] = { a.headline, a.quote,  a.speaker, a.photo_url,
                                   a.caption,  a.credit, a.body };
            for (size_t k = 0; k < 7; k++)
                if (vals[k])
                    cJSON_AddStringToObject(o, keys[k], vals[k]);
                else
                    cJSON_AddNullToObject(o, keys[k]);
            cJSON_AddNumberToObject(o, "photo_w", a.photo_w);
            char *s = cJSON_PrintUnformatted(o);
            puts(s);
            free(s);
            cJSON_Delete(o);
            article_release(&a);
        }
        return 0;
    }

    /* Newsreel: best of the rounds, and the peak memory per page */
    double best = 1e9;
    long peak_kib = 0;
    struct f1acc acc = { 0 };
    size_t with_truth = 0;
    for (int r = 0; r < rounds; r++) {
        double t0 = now_s();
        for (size_t i = 0; i < n_names; i++) {
            long before = status_kib("VmRSS:");
            if (r == 0)
                reset_peak();
            struct article a;
            struct nr_err err = { 0 };
            article_extract(pages[i].html.data, pages[i].html.len, NULL, NULL, &eo, &a, &err);
            if (r == 0) {
                long peak = status_kib("VmHWM:") - before;
                if (peak > peak_kib)
                    peak_kib = peak;
                cJSON *t = truth ? cJSON_GetObjectItem(truth, names[i]) : NULL;
                cJSON *body = t ? cJSON_GetObjectItem(t, "articleBody") : NULL;
                if (cJSON_IsString(body)) {
                    f1_add(&acc, body->valuestring, a.body ? a.body : "");
                    with_truth++;
                }
            }
            article_release(&a);
        }
        double dt = now_s() - t0;
        if (dt < best)
            best = dt;
    }
    double p, rcl, f1 = f1_of(&acc, &p, &rcl);
    printf("bench_article: %zu pages, %.1f MiB of HTML, %d rounds (best round)\n", n_names,
           total_bytes / 1048576.0, rounds);
    printf("  %-28s %9s %10s %12s %7s %7s %7s\n", "extractor", "pages/s", "ms/page", "peak MiB",
           "P", "R", "F1");
    printf("  %-28s %9.1f %10.2f %12.2f %7.3f %7.3f %7.3f\n", "newsreel", n_names / best,
           1000 * best / (double)n_names, peak_kib / 1024.0, p, rcl, f1);
    printf("  (peak MiB: largest rise of the resident size while reading one page; F1 over "
           "the %zu pages with ground truth)\n",
           with_truth);

    if (others) {
        struct {
            const char *label;
            char cmd[8192];
        } o[2];
        o[0].label = "mozilla readability (jsdom)";
        o[1].label = "python3-readability";
        snprintf(o[0].cmd, sizeof o[0].cmd,
                 "NODE_PATH='%s' node '%s/bench/readability_run.js' '%s' 2>/dev/null",
                 node_modules ? node_modules : "", NR_SOURCE_DIR, dir);
        snprintf(o[1].cmd, sizeof o[1].cmd,
                 "/usr/bin/python3 '%s/bench/readability_run.py' '%s' 2>/dev/null", NR_SOURCE_DIR,
                 dir);
        for (int k = 0; k < 2; k++) {
            if (k == 0 && !node_modules) {
                printf("  %-28s skipped: no --node-modules (see bench/readability-setup.sh)\n",
                       o[k].label);
                continue;
            }
            cJSON *res = NULL;
            long kib = -1;
            double dt = run_other(o[k].cmd, &res, &kib);
            if (!res) {
                printf("  %-28s failed to run: %s\n", o[k].label, o[k].cmd);
                continue;
            }
            struct f1acc oa = { 0 };
            for (size_t i = 0; i < n_names; i++) {
                cJSON *t = truth ? cJSON_GetObjectItem(truth, names[i]) : NULL;
                cJSON *body = t ? cJSON_GetObjectItem(t, "articleBody") : NULL;
                cJSON *got = cJSON_GetObjectItem(res, names[i]);
                if (cJSON_IsString(body))
                    f1_add(&oa, body->valuestring, cJSON_IsString(got) ? got->valuestring : "");
            }
            double op, orc, of1 = f1_of(&oa, &op, &orc);
            printf("  %-28s %9.1f %10.2f %12.2f %7.3f %7.3f %7.3f   (newsreel %.1fx faster)\n",
                   o[k].label, n_names / dt, 1000 * dt / (double)n_names,
                   kib >= 0 ? kib / 1024.0 : -1.0, op, orc, of1, dt / best);
            cJSON_Delete(res);
        }
        printf("  (others: one pass each, timed inside the process, parsing only; their "
               "peak MiB is the whole process)\n");
    }
    printf("reproduce: %s%s%s\n", argv[0], node_modules ? " --node-modules " : "",
           node_modules ? node_modules : "");
    for (size_t i = 0; i < n_names; i++) {
        nr_buf_release(&pages[i].html);
        free(names[i]);
    }
    free(pages);
    free(names);
    cJSON_Delete(truth);
    return 0;
}
