/* bench_parse.c: parse throughput and memory over the shared corpus and a generated 50 MB
 * feed, beside python3-feedparser on the same files in the same run.
 *   bench_parse [--corpus DIR] [--mb N] [--rounds N] [--no-feedparser]
 * DIR defaults to ../shared/feeds/real beside the source tree. Each round parses every file
 * once; the best round (and the mean) is reported for both parsers. Memory is the peak resident
 * size of the parse above the process's size with the input already loaded (clear_refs). */
#include "feed.h"

#include "alloc.h"
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The most a benchmark buffer holds: its feeds, photos and command lines are far smaller. */
#define BENCH_MAX_BYTES (256u * 1024 * 1024)

static void buf_ok(enum nr_result r)
{
    if (r != NR_OK) {
        fprintf(stderr, "%s: a buffer went past %u bytes\n", "bench_parse", BENCH_MAX_BYTES);
        exit(1);
    }
}

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
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        buf_ok(nr_buf_append(b, chunk, n));
    fclose(fp);
    return true;
}

/* Peak KiB above baseline while parsing path once, measured in a child process so that
 * each file starts from a clean heap. */
static long parse_peak_kib(const char *path)
{
    int fd[2];
    if (pipe(fd) != 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        struct nr_buf b;
        nr_buf_init(&b, BENCH_MAX_BYTES);
        read_file(path, &b);
        reset_peak();
        long base = status_kib("VmHWM:");
        struct feed f;
        struct parse_options po = { .base_url = "https://bench.invalid/feed" };
        feed_parse(b.data, b.len, &po, &f, NULL);
        feed_release(&f);
        long delta = status_kib("VmHWM:") - base;
        if (write(fd[1], &delta, sizeof delta) != (ssize_t)sizeof delta)
            _exit(1);
        _exit(0);
    }
    close(fd[1]);
    long delta = -1;
    if (read(fd[0], &delta, sizeof delta) != (ssize_t)sizeof delta)
        delta = -1;
    close(fd[0]);
    waitpid(pid, NULL, 0);
    return delta;
}

struct files {
    char **paths;
    size_t n, cap;
    size_t bytes;
};

static void add_file(struct files *fs, const char *path)
{
    xgrow((void **)&fs->paths, &fs->cap, fs->n + 1, sizeof *fs->paths);
    fs->paths[fs->n++] = xstrdup(path);
}

static void load_manifest(struct files *fs, const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/MANIFEST.tsv", dir);
    FILE *fp = fopen(path, "r");
    char line[8192];
    while (fp && fgets(line, sizeof line, fp)) {
        char *tab = strchr(line, '\t');
        if (!tab || strncmp(line, "file\t", 5) == 0 || strstr(line, "\tother\t"))
            continue;
        *tab = '\0';
        struct nr_buf full;
        nr_buf_init(&full, BENCH_MAX_BYTES);
        buf_ok(nr_buf_printf(&full, "%s/%s", dir, line));
        add_file(fs, full.data);
        nr_buf_release(&full);
    }
    if (fp)
        fclose(fp);
}

/* An RSS 2.0 feed of about mb megabytes: items with dates, media and HTML content. */
static void generate(const char *path, size_t mb)
{
    FILE *fp = fopen(path, "w");
    if (!fp) {
        perror(path);
        exit(1);
    }
    fputs(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" "
        "xmlns:media=\"http://search.yahoo.com/mrss/\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
        "<channel><title>Generated</title><link>https://gen.invalid/</link>\n",
        fp);
    size_t target = mb * 1024 * 1024;
    for (long i = 0; ftell(fp) < (long)target; i++) {
        fprintf(
            fp,
            "<item><title>Item %ld: harbour &amp; city council agree on the new ferry timetable</title>"
            "<link>https://gen.invalid/news/%ld</link><guid>gen-%ld</guid>"
            "<pubDate>%s, %02ld Feb 2022 %02ld:%02ld:00 GMT</pubDate>"
            "<description>&lt;p&gt;A short summary of item %ld, with an &lt;a href=\"/x\"&gt;inline link&lt;/a&gt;.&lt;/p&gt;</description>"
            "<content:encoded><![CDATA[<p>Paragraph one of the story, long enough to look like news text. "
            "It goes on about the ferry, the council and the people who wait at the quay every morning.</p>"
            "<figure><img src=\"/img/%ld.jpg\" alt=\"The quay\"><figcaption>The quay at dawn</figcaption></figure>]]></content:encoded>"
            "<media:content url=\"https://gen.invalid/img/%ld.jpg\" medium=\"image\" width=\"1200\" height=\"800\">"
            "<media:description>The quay at dawn</media:description><media:credit>Staff</media:credit></media:content>"
            "</item>\n",
            i, i, i, (const char *[]){ "Mon", "Tue", "Wed" }[i % 3], 1 + i % 28, i % 24, i % 60, i,
            i, i);
    }
    fputs("</channel></rss>\n", fp);
    fclose(fp);
}

/* Each round parses every file once; the best round is reported beside the mean, for both
 * parsers, so that a busy machine's noise does not decide the comparison. */
static double run_ours(const char *label, struct files *fs, int rounds)
{
    struct nr_buf *data = xcalloc(fs->n, sizeof *data);
    double bytes = 0, best = 0, sum = 0;
    long worst_kib = 0;
    for (size_t i = 0; i < fs->n; i++) {
        nr_buf_init(&data[i], BENCH_MAX_BYTES);
        if (read_file(fs->paths[i], &data[i]))
            bytes += (double)data[i].len;
    }
    for (int r = 0; r < rounds; r++) {
        double t0 = now_s();
        for (size_t i = 0; i < fs->n; i++) {
            struct feed f;
            struct parse_options po = { .base_url = "https://bench.invalid/feed" };
            feed_parse(data[i].data, data[i].len, &po, &f, NULL);
            feed_release(&f);
        }
        double secs = now_s() - t0;
        sum += secs;
        if (r == 0 || secs < best)
            best = secs;
    }
    for (size_t i = 0; i < fs->n; i++)
        nr_buf_release(&data[i]);
    free(data);
    /* Peak memory is measured in forked children, after all the timing: a fork leaves the
     * parent's pages copy-on-write, and the page faults would be billed to the next parse. */
    for (size_t i = 0; i < fs->n; i++) {
        long kib = parse_peak_kib(fs->paths[i]);
        if (kib > worst_kib)
            worst_kib = kib;
    }
    printf("%-22s newsreel     %8.1f MB/s best, %8.1f mean  %7.3f s/round  peak parse memory above "
           "baseline: %.1f MiB (worst file)\n",
           label, bytes / 1e6 / best, bytes / 1e6 / (sum / rounds), best, worst_kib / 1024.0);
    return bytes / 1e6 / best;
}

/* One line of Python a line. */
/* clang-format off */
static const char *py_script =
    "import sys, time, resource, feedparser\n"
    "paths = sys.argv[2:]; rounds = int(sys.argv[1])\n"
    "datas = [open(p, 'rb').read() for p in paths]\n"
    "total = sum(len(d) for d in datas)\n"
    "base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "times = []\n"
    "for r in range(rounds):\n"
    "    t0 = time.monotonic()\n"
    "    for d in datas:\n"
    "        feedparser.parse(d)\n"
    "    times.append(time.monotonic() - t0)\n"
    "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base\n"
    "best = min(times); mean = sum(times) / len(times)\n"
    "print('%.3f %.3f %.3f %.1f' % (total / 1e6 / best, total / 1e6 / mean, best, peak / 1024.0))\n";
/* clang-format on */

static double run_feedparser(const char *label, struct files *fs, int rounds)
{
    char script[] = "/tmp/nr-bench-XXXXXX";
    int fd = mkstemp(script);
    if (fd < 0 || write(fd, py_script, strlen(py_script)) < 0) {
        perror("mkstemp");
        return 0;
    }
    close(fd);
    struct nr_buf cmd;
    nr_buf_init(&cmd, BENCH_MAX_BYTES);
    buf_ok(nr_buf_printf(&cmd, "/usr/bin/python3 %s %d", script, rounds));
    for (size_t i = 0; i < fs->n; i++)
        buf_ok(nr_buf_printf(&cmd, " '%s'", fs->paths[i]));
    FILE *p = popen(cmd.data, "r");
    double best = 0, mean = 0, secs = 0, peak = 0;
    if (!p || fscanf(p, "%lf %lf %lf %lf", &best, &mean, &secs, &peak) != 4)
        printf("%-22s feedparser   (not available: python3-feedparser)\n", label);
    else
        printf("%-22s feedparser   %8.1f MB/s best, %8.1f mean  %7.3f s/round  peak memory growth: "
               "%.1f MiB (whole run)\n",
               label, best, mean, secs, peak);
    if (p)
        pclose(p);
    unlink(script);
    nr_buf_release(&cmd);
    return best;
}

static void print_ratio(const char *label, double ours, double theirs)
{
    if (ours > 0 && theirs > 0)
        printf("%-22s newsreel is %.0fx feedparser's throughput (best rounds)\n", label,
               ours / theirs);
}

int main(int argc, char **argv)
{
    const char *corpus = NR_SOURCE_DIR "/../shared/feeds/real";
    size_t mb = 50;
    int rounds = 5;
    bool fp = true;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--corpus") == 0 && i + 1 < argc)
            corpus = argv[++i];
        else if (strcmp(argv[i], "--mb") == 0 && i + 1 < argc)
            mb = strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc)
            rounds = (int)strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--no-feedparser") == 0)
            fp = false;
        else {
            fprintf(stderr, "usage: %s [--corpus DIR] [--mb N] [--rounds N] [--no-feedparser]\n",
                    argv[0]);
            return 2;
        }
    }
    /* Both parsers run on one core: the cores of a virtual machine can differ in speed by
     * half, which would otherwise decide the comparison. feedparser inherits the mask. */
    int cpu = sched_getcpu();
    if (cpu >= 0) {
        cpu_set_t set;
        CPU_ZERO(&set);
        CPU_SET(cpu, &set);
        if (sched_setaffinity(0, sizeof set, &set) != 0)
            cpu = -1;
    }
    printf("# %s --corpus %s --mb %zu --rounds %d%s\n", argv[0], corpus, mb, rounds,
           fp ? "" : " --no-feedparser");
    printf("# pinned to cpu %d\n", cpu);
    struct files corpus_files = { 0 }, big = { 0 };
    load_manifest(&corpus_files, corpus);
    if (corpus_files.n == 0)
        fprintf(stderr, "bench_parse: no feeds under '%s'\n", corpus);
    else {
        double ours = run_ours("corpus", &corpus_files, rounds);
        if (fp)
            print_ratio("corpus", ours, run_feedparser("corpus", &corpus_files, rounds));
    }
    char gen[] = "/tmp/nr-bench-feed-XXXXXX";
    int fd = mkstemp(gen);
    if (fd < 0)
        return 1;
    close(fd);
    generate(gen, mb);
    add_file(&big, gen);
    char label[64];
    snprintf(label, sizeof label, "generated %zu MB", mb);
    /* feedparser takes half a minute over this file: one round for it, three for us. */
    double ours = run_ours(label, &big, 3);
    if (fp)
        print_ratio(label, ours, run_feedparser(label, &big, 1));
    unlink(gen);
    for (size_t i = 0; i < corpus_files.n; i++)
        free(corpus_files.paths[i]);
    free(corpus_files.paths);
    free(big.paths[0]);
    free(big.paths);
    return 0;
}
