/* bench_show.c: the slideshow's speed and memory: start to first slide (empty cache with a
 * local server; from the cache with the network down), peak PSS with 50 stories each with a
 * 1920x1080 photo, CPU on a static slide, CPU over hold-and-fade cycles, crossfade frame
 * times; then the same cycles with 50 agency-size originals (6000x4000 JPEGs, baseline and
 * progressive, 8192x4882 RGBA PNGs and 6000x4000 interlaced GIFs) for their peak PSS, and
 * the time draw_photo_decode() takes for each kind beside a 1920x1080 JPEG's; and the first slide and the cycles again
 * with a summary-only feed whose article pages (served beside it) are read in the
 * background. Run from the build tree, under a display
 * for real numbers:
 *
 *   xvfb-run -a -s "-screen 0 1920x1080x24" ./bench/bench_show [--static-seconds 60]
 *       [--cycle-seconds 60] [--frames-slides 12] [--newsreel PATH] [--announcements]
 *
 * --announcements runs only the still slide and the cycles without and with an
 * announcements folder, side by side.
 *
 * The first slide is timed from fork() to the program's systemd READY=1 (sent after the
 * first slide is presented), received on a socket given as $NOTIFY_SOCKET. CPU and PSS
 * come from /proc of the running program. Frame times are measured in this process through
 * show_run_stats(). --ticker-only measures the still slide alone, without and with the
 * ticker (moving, and paging with reduced motion). Needs python3 (the test server) and ImageMagick's convert (to make the
 * 1920x1080 photos). Prints the numbers and the command line that reproduces them. */
#include "alloc.h"
#include "buf.h"
#include "config.h"
#include "draw.h"
#include "fetch.h"
#include "show.h"

#include <SDL.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define N_STORIES 50

/* The most a benchmark buffer holds: its feeds, photos and command lines are far smaller. */
#define BENCH_MAX_BYTES (256u * 1024 * 1024)

static void buf_ok(enum nr_result r)
{
    if (r != NR_OK) {
        fprintf(stderr, "%s: a buffer went past %u bytes\n", "bench_show", BENCH_MAX_BYTES);
        exit(1);
    }
}

static char tmp[PATH_MAX];
static char newsreel[PATH_MAX];

static double mono_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_s(double s)
{
    struct timespec ts = { (time_t)s, (long)((s - (double)(time_t)s) * 1e9) };
    nanosleep(&ts, NULL);
}

/* Each first-slide time is the median of this many starts: one start is at the mercy of
 * whatever else the machine is doing. */
#define FIRST_RUNS 5

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void die(const char *what)
{
    fprintf(stderr, "bench_show: %s\n", what);
    exit(1);
}

static void write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0)
        die("cannot write a fixture file");
}

static bool read_file(const char *path, struct nr_buf *out)
{
    FILE *f = fopen(path, "rb");
    char chunk[65536];
    size_t n;
    if (!f)
        return false;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_ok(nr_buf_append(out, chunk, n));
    fclose(f);
    return true;
}

/* www/feed.xml: 50 stories dated minutes ago, each with its own 1920x1080 JPEG. */
/* The same stories as a summary-only feed (title, one sentence, link; no media) whose
 * links lead to article pages on the same server: a quote said by a named person, the lead
 * photo (1920x1080) with caption and credit, four paragraphs of body and site chrome. */
static void make_articles(void)
{
    char path[PATH_MAX + 64];
    struct nr_buf feed, page;
    snprintf(path, sizeof path, "%s/www/articles", tmp);
    mkdir(path, 0755);
    nr_buf_init(&feed, BENCH_MAX_BYTES);
    nr_buf_init(&page, BENCH_MAX_BYTES);
    buf_ok(nr_buf_puts(&feed,
                       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">"
                       "<channel><title>Bench Herald</title><link>https://example.org/</link>\n"));
    for (int i = 0; i < N_STORIES; i++) {
        char date[64];
        time_t t = time(NULL) - 600 * (i + 1);
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
        buf_ok(nr_buf_printf(&feed,
                             "<item><title>Story %d: the harbour council votes on a night ferry "
                             "for shift workers</title><link>articles/%02d.html</link>"
                             "<guid>bench-article-%d</guid><pubDate>%s</pubDate><description>The "
                             "council voted 9 to 2 for a late crossing.</description></item>\n",
                             i, i, i, date));
        nr_buf_reset(&page);
        buf_ok(nr_buf_printf(
            &page,
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>Story %d: the harbour council votes on a night ferry - Bench "
            "Herald</title><meta property=\"og:image\" content=\"../photos/p%02d.jpg"
            "\"></head><body><header><nav><a href=\"/\">Home</a> <a href=\"/local\">"
            "Local</a> <a href=\"/sport\">Sport</a></nav></header><main><article>"
            "<h1>Story %d: the harbour council votes on a night ferry</h1>"
            "<p class=\"byline\">By Tom Field</p><figure><img src=\"../photos/"
            "p%02d.jpg\" width=\"1920\" height=\"1080\" alt=\"A ferry\">"
            "<figcaption>The ferry leaves the north pier at dusk. <span class=\""
            "credit\">Photo: Ana Ruiz/Bench Press</span></figcaption></figure>"
            "<p>The harbour council voted 9 to 2 on Tuesday for a late crossing every "
            "half hour, the first night service since 1998.</p><p>Council leader "
            "Jane Okafor said shift workers had waited long enough. \"Nurses and "
            "dock workers finish at midnight and have had no way home. From May "
            "they will,\" Okafor said.</p><p>The service will cost about 400,000 "
            "euros a year, according to the council's own figures, paid from the "
            "harbour fund.</p><p>Two councillors voted against, saying the money "
            "would be better spent on the day service, which runs late most "
            "mornings.</p></article><aside><h2>Most read</h2><ul><li><a href=\"/1\">"
            "Market hall</a></li><li><a href=\"/2\">Tides</a></li></ul></aside>"
            "</main><footer>Copyright Bench Herald</footer></body></html>\n",
            i, i, i, i));
        snprintf(path, sizeof path, "%s/www/articles/%02d.html", tmp, i);
        write_file(path, page.data, page.len);
    }
    buf_ok(nr_buf_puts(&feed, "</channel></rss>\n"));
    snprintf(path, sizeof path, "%s/www/articles.xml", tmp);
    write_file(path, feed.data, feed.len);
    nr_buf_release(&feed);
    nr_buf_release(&page);
}

static void make_fixtures(void)
{
    char path[PATH_MAX + 64], cmd[3 * PATH_MAX];
    struct nr_buf feed, photo;
    snprintf(path, sizeof path, "%s/www/photos", tmp);
    snprintf(cmd, sizeof cmd,
             "mkdir -p '%s' && convert '%s/assets/sample/photos/"
             "harbour-ferry-dusk.jpg' -resize '1920x1080!' -quality 85 '%s/p.jpg'",
             path, NR_SOURCE_DIR, path);
    if (system(cmd) != 0)
        die("cannot make the 1920x1080 photo (is ImageMagick's convert installed?)");
    nr_buf_init(&photo, BENCH_MAX_BYTES);
    snprintf(path, sizeof path, "%s/www/photos/p.jpg", tmp);
    if (!read_file(path, &photo))
        die("no photo");
    nr_buf_init(&feed, BENCH_MAX_BYTES);
    buf_ok(nr_buf_puts(&feed, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
                              "xmlns:media=\"http://search.yahoo.com/mrss/\"><channel>"
                              "<title>Bench Herald</title><link>https://example.org/</link>\n"));
    for (int i = 0; i < N_STORIES; i++) {
        char date[64];
        time_t t = time(NULL) - 600 * (i + 1);
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
        snprintf(path, sizeof path, "%s/www/photos/p%02d.jpg", tmp, i);
        write_file(path, photo.data, photo.len); /* one file each: no sharing */
        buf_ok(nr_buf_printf(&feed,
                             "<item><title>Story %d: the harbour council votes on a night ferry "
                             "for shift workers</title><link>https://example.org/%d</link>"
                             "<guid>bench-%d</guid><pubDate>%s</pubDate><description>The council "
                             "voted 9 to 2 for a late crossing every half hour, the first since "
                             "1998.</description><media:content url=\"photos/p%02d.jpg\" "
                             "medium=\"image\"><media:description>The ferry at dusk"
                             "</media:description><media:credit>Bench</media:credit>"
                             "</media:content></item>\n",
                             i, i, i, date, i));
    }
    buf_ok(nr_buf_puts(&feed, "</channel></rss>\n"));
    snprintf(path, sizeof path, "%s/www/feed.xml", tmp);
    write_file(path, feed.data, feed.len);
    nr_buf_release(&feed);
    nr_buf_release(&photo);
    make_articles();
}

/* The originals, made once and hard-linked under 50 names. */
static const struct original {
    const char *file, *what, *convert; /* convert's arguments after the sample photo */
} originals[] = {
    { "o-base.jpg", "6000x4000 JPEG, baseline", "-resize '6000x4000!' -quality 90" },
    { "o-prog.jpg", "6000x4000 JPEG, progressive 4:2:0",
      "-resize '6000x4000!' -quality 90 -sampling-factor 2x2 -interlace JPEG" },
    /* a flat graphic at 8192 px: a few hundred KB of PNG, 160 MB of pixels */
    { "o-rgba.png", "8192x4882 RGBA PNG",
      "-resize '64x39!' -filter triangle -resize '8192x4882!' -alpha set -channel A "
      "-evaluate set 90% +channel" },
    /* read a band of rows at a time: its rows come in four sweeps */
    { "o-inter.gif", "6000x4000 GIF, interlaced",
      "-resize '6000x4000!' +dither -colors 128 -interlace GIF" },
};
#define N_ORIGINALS (sizeof originals / sizeof originals[0])

/* A headline of its own for story i: words drawn so that no two stories share most of
 * them (stories with nearly the same headline are one story to the show). */
static void distinct_headline(int i, char *out, size_t size)
{
    static const char *const words[] = {
        "harbour", "council", "ferry",   "orchard", "library", "bridge",   "festival",   "school",
        "market",  "railway", "museum",  "quarry",  "stadium", "hospital", "lighthouse", "canal",
        "theatre", "brewery", "airport", "garden",  "tram",    "foundry",  "chapel",     "pier",
        "mill",    "meadow",  "archive", "bakery",  "cinema",  "dairy",    "harvest",    "glacier",
        "volcano", "river",   "forest",  "island",  "valley",  "summit",   "delta",      "reef",
        "plateau", "canyon",  "lagoon",  "marsh",   "prairie", "tundra",   "fjord",      "oasis",
        "atoll",   "steppe",  "moor",    "heath",   "dune",
    };
    const size_t n = sizeof words / sizeof words[0];
    unsigned x = (unsigned)i * 2654435761u + 12345u;
    size_t len = (size_t)snprintf(out, size, "Original %d:", i);
    for (int k = 0; k < 6 && len < size; k++) {
        x = x * 1103515245u + 12345u;
        len += (size_t)snprintf(out + len, size - len, " %s", words[(x >> 16) % n]);
    }
}

/* www/originals.xml: 50 stories whose photos are the originals, in turn. */
static void make_originals(void)
{
    char path[PATH_MAX + 64], link_path[PATH_MAX + 64], cmd[4 * PATH_MAX];
    struct nr_buf feed;
    for (size_t k = 0; k < N_ORIGINALS; k++) {
        snprintf(cmd, sizeof cmd,
                 "convert '%s/assets/sample/photos/harbour-ferry-dusk.jpg' %s "
                 "'%s/www/photos/%s'",
                 NR_SOURCE_DIR, originals[k].convert, tmp, originals[k].file);
        if (system(cmd) != 0)
            die("cannot make the originals (is ImageMagick's convert installed?)");
    }
    nr_buf_init(&feed, BENCH_MAX_BYTES);
    buf_ok(nr_buf_puts(&feed, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
                              "xmlns:media=\"http://search.yahoo.com/mrss/\"><channel>"
                              "<title>Bench Herald</title><link>https://example.org/</link>\n"));
    for (int i = 0; i < N_STORIES; i++) {
        const struct original *o = &originals[(size_t)i % N_ORIGINALS];
        const char *ext = strrchr(o->file, '.');
        snprintf(path, sizeof path, "%s/www/photos/%s", tmp, o->file);
        snprintf(link_path, sizeof link_path, "%s/www/photos/o%02d%s", tmp, i, ext);
        if (link(path, link_path) != 0)
            die("cannot link an original");
        char title[256];
        distinct_headline(i, title, sizeof title);
        buf_ok(nr_buf_printf(&feed,
                             "<item><title>%s</title><link>https://example.org/o%d</link>"
                             "<guid>bench-o%d</guid><description>The council voted 9 to 2 for a "
                             "late crossing every half hour.</description><media:content "
                             "url=\"photos/o%02d%s\" medium=\"image\"/></item>\n",
                             title, i, i, i, ext));
    }
    buf_ok(nr_buf_puts(&feed, "</channel></rss>\n"));
    snprintf(path, sizeof path, "%s/www/originals.xml", tmp);
    write_file(path, feed.data, feed.len);
    nr_buf_release(&feed);
}

/* Median seconds draw_photo_decode() takes for the file at www/photos/name, for a 1080p slide. */
static double decode_s(const char *name)
{
    char path[PATH_MAX + 64];
    struct nr_buf b;
    double t[5];
    snprintf(path, sizeof path, "%s/www/photos/%s", tmp, name);
    nr_buf_init(&b, BENCH_MAX_BYTES);
    if (!read_file(path, &b))
        die("no photo to decode");
    for (int i = 0; i < 5; i++) {
        struct nr_err err = { 0 };
        double t0 = mono_s();
        SDL_Surface *s = draw_photo_decode(b.data, b.len, 1920, 1080, &err);
        t[i] = mono_s() - t0;
        if (!s) {
            fprintf(stderr, "bench_show: %s: %s\n", name, err.msg);
            die("a photo did not decode");
        }
        SDL_FreeSurface(s);
    }
    nr_buf_release(&b);
    qsort(t, 5, sizeof t[0], cmp_double);
    return t[2];
}

static pid_t server_pid;
static int server_port;

static void server_start(void)
{
    char root[PATH_MAX + 8], portfile[PATH_MAX + 8], script[PATH_MAX];
    snprintf(root, sizeof root, "%s/www", tmp);
    snprintf(portfile, sizeof portfile, "%s/port", tmp);
    snprintf(script, sizeof script, "%s/tests/support/httpd.py", NR_SOURCE_DIR);
    unlink(portfile);
    server_pid = fork();
    if (server_pid == 0) {
        execlp("python3", "python3", script, "--root", root, "--port-file", portfile, (char *)NULL);
        _exit(127);
    }
    for (int i = 0; i < 200; i++) {
        struct nr_buf b;
        nr_buf_init(&b, BENCH_MAX_BYTES);
        if (read_file(portfile, &b) && b.len > 0) {
            server_port = (int)strtol(b.data, NULL, 10);
            nr_buf_release(&b);
            return;
        }
        nr_buf_release(&b);
        sleep_s(0.05);
    }
    die("the test server did not start");
}

static void server_stop(void)
{
    int st;
    kill(server_pid, SIGTERM);
    waitpid(server_pid, &st, 0);
}

struct child {
    pid_t pid;
    int notify_fd;
};

/* An empty cache for the next start: "first slide, empty cache" means just that. */
/* Entries in the article cache folder tmp/rel: one per page read. */
static int count_files(const char *rel)
{
    char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/%s", tmp, rel);
    DIR *d = opendir(path);
    int n = 0;
    if (!d)
        return 0;
    for (struct dirent *e; (e = readdir(d));)
        n += strstr(e->d_name, ".art") != NULL;
    closedir(d);
    return n;
}

static void clear_cache(void)
{
    char cmd[PATH_MAX + 32];
    snprintf(cmd, sizeof cmd, "rm -rf '%s/cache'", tmp);
    if (system(cmd) != 0)
        die("cannot empty the cache");
}

/* The feed the next child_start shows (in www/). */
static const char *feed_name = "feed.xml";

/* Starts newsreel with HOME and cache in tmp, NOTIFY_SOCKET on a fresh socket. */
static void child_start(struct child *c, const char *const *extra)
{
    char sock[PATH_MAX + 16], home[PATH_MAX + 8], cache[PATH_MAX + 32], feed[160];
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    static int n;
    snprintf(sock, sizeof sock, "%s/notify%d", tmp, n++);
    snprintf(home, sizeof home, "%s/home", tmp);
    snprintf(cache, sizeof cache, "fetch.cache_dir=%s/cache", tmp);
    snprintf(feed, sizeof feed, "http://127.0.0.1:%d/%s", server_port, feed_name);
    mkdir(home, 0700);
    if (strlen(sock) >= sizeof sa.sun_path)
        die("temporary path too long for a socket");
    memcpy(sa.sun_path, sock, strlen(sock) + 1);
    c->notify_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (c->notify_fd < 0 || bind(c->notify_fd, (struct sockaddr *)&sa, sizeof sa) != 0)
        die("cannot make the notify socket");
    c->pid = fork();
    if (c->pid == 0) {
        char *argv[32];
        int a = 0;
        argv[a++] = newsreel;
        argv[a++] = xstrdup("--fullscreen");
        argv[a++] = xstrdup("--set");
        argv[a++] = xstrdup(cache);
        for (; *extra && a < 30; extra++)
            argv[a++] = xstrdup(*extra);
        argv[a++] = feed;
        argv[a] = NULL;
        setenv("HOME", home, 1);
        setenv("NOTIFY_SOCKET", sock, 1);
        int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, 1);
        execv(newsreel, argv);
        _exit(127);
    }
}

/* Seconds from start until READY=1 arrives (or -1 after 30 s). */
static double child_wait_ready(struct child *c, double started)
{
    char buf[512];
    struct timeval tv = { 30, 0 };
    setsockopt(c->notify_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    for (;;) {
        ssize_t r = recv(c->notify_fd, buf, sizeof buf - 1, 0);
        if (r < 0)
            return -1;
        buf[r] = '\0';
        if (strstr(buf, "READY=1"))
            return mono_s() - started;
    }
}

static int child_stop(struct child *c)
{
    int st;
    kill(c->pid, SIGTERM);
    waitpid(c->pid, &st, 0);
    close(c->notify_fd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static double cpu_seconds(pid_t pid)
{
    char path[64], line[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    if (!fgets(line, sizeof line, f))
        line[0] = '\0';
    fclose(f);
    char *p = strrchr(line, ')'); /* the name may hold spaces */
    unsigned long ut = 0, st = 0;
    if (p && sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2)
        ut = st = 0;
    return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

/* The KiB figure of the line starting with key in /proc/PID/file; 0 when there is none. */
static long proc_kib(pid_t pid, const char *file, const char *key)
{
    char path[64], line[256];
    long kib = 0;
    size_t n = strlen(key);
    snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, file);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, key, n) == 0)
            kib = strtol(line + n, NULL, 10);
    fclose(f);
    return kib;
}

static long pss_kib(pid_t pid)
{
    return proc_kib(pid, "smaps_rollup", "Pss:");
}

/* The program's peak resident set so far (VmHWM): it catches a photo decode's peak, which
 * lasts a fraction of a second and can fall between two PSS samples. */
static long hwm_kib(pid_t pid)
{
    return proc_kib(pid, "status", "VmHWM:");
}

/* CPU share of one core over seconds, with the peak PSS seen meanwhile (sampled 4x/s). */
static double measure(struct child *c, double seconds, long *peak_pss)
{
    double cpu0 = cpu_seconds(c->pid), t0 = mono_s();
    while (mono_s() - t0 < seconds) {
        long p = pss_kib(c->pid);
        if (p > *peak_pss)
            *peak_pss = p;
        sleep_s(0.25);
    }
    return 100.0 * (cpu_seconds(c->pid) - cpu0) / (mono_s() - t0);
}

/* Context switches of every thread of the program so far: each is a wake-up (a thread that
 * sleeps in poll or a condition variable and is woken counts one). */
static long wakeups(pid_t pid)
{
    char path[96], line[256];
    long n = 0;
    snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
    DIR *d = opendir(path);
    if (!d)
        return 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "/proc/%d/task/%.16s/status", (int)pid, e->d_name);
        FILE *f = fopen(path, "r");
        if (!f)
            continue;
        while (fgets(line, sizeof line, f))
            if (strncmp(line, "voluntary_ctxt_switches:", 24) == 0 ||
                strncmp(line, "nonvoluntary_ctxt_switches:", 27) == 0)
                n += strtol(strchr(line, ':') + 1, NULL, 10);
        fclose(f);
    }
    closedir(d);
    return n;
}

/* An announcements folder as a site keeps one: two text files (one with a picture in its
 * photo box) and a poster shown alone. */
static void make_announcements(char dir[PATH_MAX + 32])
{
    char cmd[8 * PATH_MAX];
    snprintf(dir, PATH_MAX + 32, "%s/announcements", tmp);
    snprintf(cmd, sizeof cmd,
             "mkdir -p '%s' && cp '%s/www/photos/p.jpg' '%s/drill.jpg' && "
             "convert '%s/assets/sample/photos/regatta-sails.jpg' -resize '1200x1800!' "
             "'%s/poster.jpg'",
             dir, tmp, dir, NR_SOURCE_DIR, dir);
    if (system(cmd) != 0)
        die("cannot make the announcements folder");
    char path[PATH_MAX + 64];
    static const char drill[] = "title: Fire drill on Thursday at 10:00\nimage: drill.jpg\n\n"
                                "Leave by the nearest exit and gather on the lawn.\n";
    static const char canteen[] = "title: Canteen closed Friday\nbody: The cafe stays open.\n";
    snprintf(path, sizeof path, "%s/10-drill.txt", dir);
    write_file(path, drill, strlen(drill));
    snprintf(path, sizeof path, "%s/20-canteen.txt", dir);
    write_file(path, canteen, strlen(canteen));
}

/* --announcements: the still slide and the hold-and-fade cycles without and with an
 * announcements folder (one announcement after every story), in one run: CPU, wake-ups of
 * the program's threads on the still slide, peak PSS. */
static void bench_announcements(double static_s, double cycle_s)
{
    char dir[PATH_MAX + 32], folder[PATH_MAX + 64];
    make_announcements(dir);
    snprintf(folder, sizeof folder, "announcements.folder=%s", dir);
    const char *const still[] = { "--set", "show.slide_seconds=600", "--set",
                                  "show.max_slide_seconds=600", NULL };
    const char *const still_ann[] = { "--set", "show.slide_seconds=600",
                                      "--set", "show.max_slide_seconds=600",
                                      "--set", folder,
                                      NULL };
    const char *const cycles[] = { "--set", "debug.slide_ms=3000", NULL };
    const char *const cycles_ann[] = { "--set", "debug.slide_ms=3000",   "--set", folder,
                                       "--set", "announcements.every=1", NULL };
    const char *const *runs[] = { still, still_ann, cycles, cycles_ann };
    double cpu[4];
    long peak[4] = { 0 }, wake[4] = { 0 }, hwm[4];
    for (int r = 0; r < 4; r++) {
        struct child c;
        double t = mono_s();
        child_start(&c, runs[r]);
        child_wait_ready(&c, t);
        sleep_s(2); /* the first refresh, photo and folder look settle */
        long w0 = wakeups(c.pid);
        cpu[r] = measure(&c, r < 2 ? static_s : cycle_s, &peak[r]);
        wake[r] = wakeups(c.pid) - w0;
        hwm[r] = hwm_kib(c.pid);
        child_stop(&c);
    }
    printf("newsreel slideshow benchmark: announcements (%d stories with 1920x1080 photos; a "
           "folder of two text files, one with a picture, and a poster)\n",
           N_STORIES);
    printf("  still slide over %.0f s, without: CPU %.2f %% of a core, %ld thread wake-ups, "
           "peak PSS %.1f MiB\n",
           static_s, cpu[0], wake[0], peak[0] / 1024.0);
    printf("  still slide over %.0f s, with:    CPU %.2f %% of a core, %ld thread wake-ups, "
           "peak PSS %.1f MiB\n",
           static_s, cpu[1], wake[1], peak[1] / 1024.0);
    printf("  3 s hold + 0.8 s crossfade over %.0f s, without: CPU %.2f %%, peak PSS %.1f MiB, "
           "VmHWM %.1f MiB\n",
           cycle_s, cpu[2], peak[2] / 1024.0, hwm[2] / 1024.0);
    printf("  the same, an announcement after every story:   CPU %.2f %%, peak PSS %.1f MiB, "
           "VmHWM %.1f MiB\n",
           cpu[3], peak[3] / 1024.0, hwm[3] / 1024.0);
}

/* The still slide (600 s dwell) with the ticker moving and with it paging (reduced
 * motion), beside the same still slide without it: CPU and peak PSS of each. */
struct ticker_cpu {
    double off, moving, paging;
    long pss_off, pss_moving, pss_paging;
};

static void ticker_runs(double seconds, struct ticker_cpu *out)
{
    const char *const off[] = { "--set", "show.slide_seconds=600", "--set",
                                "show.max_slide_seconds=600", NULL };
    const char *const moving[] = { "--set", "show.slide_seconds=600",
                                   "--set", "show.max_slide_seconds=600",
                                   "--set", "show.ticker=yes",
                                   NULL };
    const char *const paging[] = { "--set", "show.slide_seconds=600",
                                   "--set", "show.max_slide_seconds=600",
                                   "--set", "show.ticker=yes",
                                   "--set", "show.reduced_motion=yes",
                                   NULL };
    const char *const *runs[3] = { off, moving, paging };
    double *cpu[3] = { &out->off, &out->moving, &out->paging };
    long *pss[3] = { &out->pss_off, &out->pss_moving, &out->pss_paging };
    for (int i = 0; i < 3; i++) {
        struct child c;
        double t = mono_s();
        child_start(&c, runs[i]);
        child_wait_ready(&c, t);
        sleep_s(2); /* the first refresh and photo settle */
        *cpu[i] = measure(&c, seconds, pss[i]);
        child_stop(&c);
    }
}

static void print_ticker(double seconds, const struct ticker_cpu *tc)
{
    printf("  CPU, still slide over %.0f s: no ticker %.2f %% of a core (PSS %.1f MiB); ticker "
           "moving %.2f %% (PSS %.1f MiB); ticker paging (reduced motion) %.2f %% (PSS %.1f "
           "MiB)\n",
           seconds, tc->off, tc->pss_off / 1024.0, tc->moving, tc->pss_moving / 1024.0, tc->paging,
           tc->pss_paging / 1024.0);
}

int main(int argc, char **argv)
{
    draw_pixmem_install(); /* as newsreel's main does: the frame times are measured in here */
    double static_s = 60, cycle_s = 60;
    long frames_slides = 12;
    bool announcements = false;
    bool ticker_only = false;
    const char *driver;

    /* beside the bench in the build tree: <build>/bench/bench_show -> <build>/app/newsreel */
    const char *slash = strrchr(argv[0], '/');
    snprintf(newsreel, sizeof newsreel, "%.*s%s../app/newsreel", slash ? (int)(slash - argv[0]) : 0,
             argv[0], slash ? "/" : "");
    for (int i = 1; i < argc; i += 2) {
        if (strcmp(argv[i], "--announcements") == 0) {
            announcements = true;
            i--; /* a flag: no value */
        } else if (strcmp(argv[i], "--ticker-only") == 0) {
            ticker_only = true;
            i--;
        } else if (i + 1 >= argc) {
            die("usage: bench_show [--static-seconds S] [--cycle-seconds S] "
                "[--frames-slides N] [--newsreel PATH] [--ticker-only] [--announcements]");
        } else if (strcmp(argv[i], "--static-seconds") == 0)
            static_s = strtod(argv[i + 1], NULL);
        else if (strcmp(argv[i], "--cycle-seconds") == 0)
            cycle_s = strtod(argv[i + 1], NULL);
        else if (strcmp(argv[i], "--frames-slides") == 0)
            frames_slides = strtol(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--newsreel") == 0)
            snprintf(newsreel, sizeof newsreel, "%s", argv[i + 1]);
        else
            die("usage: bench_show [--static-seconds S] [--cycle-seconds S] "
                "[--frames-slides N] [--newsreel PATH] [--ticker-only] [--announcements]");
    }
    if (access(newsreel, X_OK) != 0)
        die("newsreel not found: build it, or give --newsreel PATH");
    snprintf(tmp, sizeof tmp, "/tmp/newsreel-bench-XXXXXX");
    if (!mkdtemp(tmp))
        die("cannot make a temporary folder");
    signal(SIGPIPE, SIG_IGN);
    make_fixtures();
    server_start();
    if (announcements) { /* that comparison alone */
        bench_announcements(static_s, cycle_s);
        server_stop();
        printf("reproduce: xvfb-run -a -s \"-screen 0 1920x1080x24\" %s --announcements "
               "--static-seconds %.0f --cycle-seconds %.0f\n",
               argv[0], static_s, cycle_s);
        char cmd[PATH_MAX + 16];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
        if (system(cmd) != 0)
            fprintf(stderr, "bench_show: could not remove %s\n", tmp);
        return 0;
    }
    struct ticker_cpu tc;
    if (ticker_only) { /* the still slide with and without the ticker, nothing else */
        ticker_runs(static_s, &tc);
        server_stop();
        printf("bench_show (%s):\n", newsreel);
        print_ticker(static_s, &tc);
        printf("reproduce: xvfb-run -a -s \"-screen 0 1920x1080x24\" %s --ticker-only "
               "--static-seconds %.0f\n",
               argv[0], static_s);
        char cmd[PATH_MAX + 16];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
        if (system(cmd) != 0)
            fprintf(stderr, "bench_show: could not remove %s\n", tmp);
        return 0;
    }

    struct child c;
    long peak_static = 0, peak_cycle = 0;
    const char *const plain[] = { NULL };
    double first_net[FIRST_RUNS], first_cache[FIRST_RUNS];
    double t;
    for (int i = 0; i < FIRST_RUNS; i++) {
        clear_cache();
        t = mono_s();
        child_start(&c, plain);
        first_net[i] = child_wait_ready(&c, t);
        child_stop(&c);
    }
    server_stop(); /* the network is down: the cache must carry the first slide */
    for (int i = 0; i < FIRST_RUNS; i++) {
        t = mono_s();
        child_start(&c, plain);
        first_cache[i] = child_wait_ready(&c, t);
        child_stop(&c);
    }
    server_start();

    /* the same first slide from a summary-only feed whose articles are read (in the
     * background: the first slide must not wait for them) */
    double first_art[FIRST_RUNS];
    feed_name = "articles.xml";
    for (int i = 0; i < FIRST_RUNS; i++) {
        clear_cache();
        t = mono_s();
        child_start(&c, plain);
        first_art[i] = child_wait_ready(&c, t);
        child_stop(&c);
    }
    feed_name = "feed.xml";

    const char *const still[] = { "--set", "show.slide_seconds=600", "--set",
                                  "show.max_slide_seconds=600", NULL };
    t = mono_s();
    child_start(&c, still);
    child_wait_ready(&c, t);
    sleep_s(2); /* the first refresh and photo settle */
    double cpu_static = measure(&c, static_s, &peak_static);
    child_stop(&c);
    ticker_runs(static_s, &tc);

    /* the same still slide with every [feed NAME] rule at work: label, accent, logo (a
     * 1920x1080 JPEG, kept 128 px tall), words matched, weight, days and all-day hours;
     * the slides that follow are painted with the logo */
    char rule_url[160], rule_logo[PATH_MAX + 64];
    snprintf(rule_url, sizeof rule_url, "feed bench.url=http://127.0.0.1:%d/feed.xml", server_port);
    snprintf(rule_logo, sizeof rule_logo, "feed bench.logo=%s/www/photos/p.jpg", tmp);
    const char *const still_rules[] = { "--set", "show.slide_seconds=600",
                                        "--set", "show.max_slide_seconds=600",
                                        "--set", rule_url,
                                        "--set", "feed bench.label=Bench Desk",
                                        "--set", "feed bench.accent=#20c060",
                                        "--set", rule_logo,
                                        "--set", "feed bench.exclude=football, cafe",
                                        "--set", "feed bench.weight=2",
                                        "--set", "feed bench.days=sun-sat",
                                        "--set", "feed bench.hours=00:00-24:00",
                                        NULL };
    long peak_rules = 0;
    t = mono_s();
    child_start(&c, still_rules);
    child_wait_ready(&c, t);
    sleep_s(2);
    double cpu_rules = measure(&c, static_s, &peak_rules);
    child_stop(&c);

    /* the same still slide, with a refresh every minute, then with everything a screen
     * among many adds: metrics file, heartbeat and remote settings checked every minute */
    char prom[PATH_MAX + 48], ping[96], remote[96], settings[PATH_MAX + 32];
    snprintf(prom, sizeof prom, "monitor.metrics_file=%s/newsreel.prom", tmp);
    snprintf(ping, sizeof ping, "monitor.heartbeat_url=http://127.0.0.1:%d/feed.xml", server_port);
    snprintf(remote, sizeof remote, "remote.settings_url=http://127.0.0.1:%d/settings.conf",
             server_port);
    snprintf(settings, sizeof settings, "%s/www/settings.conf", tmp);
    FILE *sf = fopen(settings, "w");
    if (!sf || fputs("[show]\nslide_seconds = 600\nmax_slide_seconds = 600\n", sf) < 0 ||
        fclose(sf) != 0)
        die("cannot write the remote settings file");
    const char *const still_refresh[] = { "--set", "show.slide_seconds=600",
                                          "--set", "show.max_slide_seconds=600",
                                          "--set", "fetch.refresh_minutes=1",
                                          NULL };
    const char *const still_fleet[] = { "--set", "show.slide_seconds=600",
                                        "--set", "show.max_slide_seconds=600",
                                        "--set", "fetch.refresh_minutes=1",
                                        "--set", prom,
                                        "--set", ping,
                                        "--set", "monitor.heartbeat_minutes=1",
                                        "--set", remote,
                                        "--set", "remote.settings_minutes=1",
                                        NULL };
    long peak_refresh = 0, peak_fleet = 0;
    t = mono_s();
    child_start(&c, still_refresh);
    child_wait_ready(&c, t);
    sleep_s(2);
    double cpu_refresh = measure(&c, static_s, &peak_refresh);
    child_stop(&c);
    t = mono_s();
    child_start(&c, still_fleet);
    child_wait_ready(&c, t);
    sleep_s(2); /* the remote settings arrive and are applied once */
    double cpu_fleet = measure(&c, static_s, &peak_fleet);
    child_stop(&c);
    snprintf(settings, sizeof settings, "%s/newsreel.prom", tmp);
    if (access(settings, R_OK) != 0)
        die("the metrics file was not written: the fleet run measured nothing");

    /* the same still slide with a Moderate alert's band from a CAP URL read every second
     * (the busiest poll allowed), then under a Severe alert that takes the screen */
    char cap_url[96], cap_path[PATH_MAX + 32];
    snprintf(cap_url, sizeof cap_url, "alert.url=http://127.0.0.1:%d/cap.xml", server_port);
    snprintf(cap_path, sizeof cap_path, "%s/www/cap.xml", tmp);
    const char *const still_alert[] = {
        "--set", "show.slide_seconds=600", "--set", "show.max_slide_seconds=600", "--set", cap_url,
        "--set", "alert.poll_seconds=1",   NULL
    };
    double cpu_alert[2];
    long peak_alert[2] = { 0, 0 };
    for (int k = 0; k < 2; k++) {
        FILE *cf = fopen(cap_path, "w");
        if (!cf ||
            fprintf(cf,
                    "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>B%d"
                    "</identifier><sender>bench</sender><sent>2020-01-01T00:00:00Z</sent>"
                    "<status>Actual</status><msgType>Alert</msgType><info><event>Wind</event>"
                    "<severity>%s</severity><headline>Strong wind on the coast this afternoon"
                    "</headline><description>Gusts of 90 km/h.</description></info></alert>\n",
                    k, k ? "Severe" : "Moderate") < 0 ||
            fclose(cf) != 0)
            die("cannot write the CAP file");
        t = mono_s();
        child_start(&c, still_alert);
        child_wait_ready(&c, t);
        sleep_s(2); /* the alert arrives and is painted */
        cpu_alert[k] = measure(&c, static_s, &peak_alert[k]);
        child_stop(&c);
    }

    const char *const cycles[] = { "--set", "debug.slide_ms=3000", NULL };
    t = mono_s();
    child_start(&c, cycles);
    child_wait_ready(&c, t);
    double cpu_cycle = measure(&c, cycle_s, &peak_cycle);
    long hwm_cycle = hwm_kib(c.pid);
    child_stop(&c);

    /* the same cycles with the articles of a summary-only feed read meanwhile (30 pages a
     * refresh, a second apart: the defaults), each photo coming from its page */
    long peak_art = 0;
    feed_name = "articles.xml";
    clear_cache();
    t = mono_s();
    child_start(&c, cycles);
    child_wait_ready(&c, t);
    double cpu_art = measure(&c, cycle_s, &peak_art);
    long hwm_art = hwm_kib(c.pid);
    child_stop(&c);
    int pages_art = count_files("cache/articles");
    feed_name = "feed.xml";

    /* the same cycles, each photo an agency original */
    long peak_orig = 0;
    make_originals();
    feed_name = "originals.xml";
    clear_cache();
    t = mono_s();
    child_start(&c, cycles);
    child_wait_ready(&c, t);
    measure(&c, cycle_s, &peak_orig);
    long hwm_orig = hwm_kib(c.pid);
    child_stop(&c);
    feed_name = "feed.xml";
    server_stop();
    double dec_1080 = decode_s("p.jpg"), dec_orig[N_ORIGINALS];
    for (size_t k = 0; k < N_ORIGINALS; k++)
        dec_orig[k] = decode_s(originals[k].file);

    /* crossfade frames, in this process, on the same kind of window */
    struct config cfg;
    struct show_stats st = { 0 };
    char feed[PATH_MAX + 16], cache[PATH_MAX + 16];
    snprintf(feed, sizeof feed, "%s/www/feed.xml", tmp);
    snprintf(cache, sizeof cache, "%s/cache-frames", tmp);
    config_defaults(&cfg);
    config_add_feed(&cfg, feed);
    cfg.fullscreen = cfg.fullscreen_set = true;
    cfg.slide_ms = 1500;
    cfg.log_level = 2;
    cfg.cache_dir = xstrdup(cache);
    config_finish(&cfg);
    fetch_global_init();
    show_run_stats(&cfg, NR_SOURCE_DIR, (uint64_t)frames_slides, &st);
    fetch_global_cleanup();
    config_release(&cfg);
    driver = getenv("SDL_VIDEODRIVER");

    printf("newsreel slideshow benchmark (software renderer, video driver %s, %d stories with "
           "1920x1080 photos)\n",
           driver ? driver : "default", N_STORIES);
    qsort(first_net, FIRST_RUNS, sizeof first_net[0], cmp_double);
    qsort(first_cache, FIRST_RUNS, sizeof first_cache[0], cmp_double);
    printf("  first slide, empty cache, local server:   %.3f s median of %d (%.3f..%.3f)\n",
           first_net[FIRST_RUNS / 2], FIRST_RUNS, first_net[0], first_net[FIRST_RUNS - 1]);
    printf("  first slide, from cache, network down:    %.3f s median of %d (%.3f..%.3f)\n",
           first_cache[FIRST_RUNS / 2], FIRST_RUNS, first_cache[0], first_cache[FIRST_RUNS - 1]);
    qsort(first_art, FIRST_RUNS, sizeof first_art[0], cmp_double);
    printf("  first slide, empty cache, articles read:  %.3f s median of %d (%.3f..%.3f)\n",
           first_art[FIRST_RUNS / 2], FIRST_RUNS, first_art[0], first_art[FIRST_RUNS - 1]);
    printf("  peak PSS, static slide:                   %.1f MiB\n", peak_static / 1024.0);
    printf("  peak PSS, hold-and-fade cycles:           %.1f MiB\n", peak_cycle / 1024.0);
    printf("  peak PSS, cycles, %d agency originals:   %.1f MiB\n", N_STORIES, peak_orig / 1024.0);
    printf("  peak RSS (VmHWM), cycles: 1920x1080 photos %.1f MiB; agency originals %.1f MiB\n",
           hwm_cycle / 1024.0, hwm_orig / 1024.0);
    printf("  draw_photo_decode for 1080p, median of 5: 1920x1080 JPEG %.1f ms", dec_1080 * 1e3);
    for (size_t k = 0; k < N_ORIGINALS; k++)
        printf("; %s %.1f ms", originals[k].what, dec_orig[k] * 1e3);
    printf("\n");
    printf("  CPU, static slide over %.0f s:             %.2f %% of a core\n", static_s,
           cpu_static);
    print_ticker(static_s, &tc);
    printf("  CPU, static slide with feed rules (label, accent, logo, words, weight, hours): "
           "%.2f %% of a core (PSS %.1f MiB)\n",
           cpu_rules, peak_rules / 1024.0);
    printf("  CPU, static slide, refresh every minute:  %.2f %% of a core (PSS %.1f MiB)\n",
           cpu_refresh, peak_refresh / 1024.0);
    printf("  CPU, the same + metrics file, heartbeat and remote settings every minute: "
           "%.2f %% of a core (PSS %.1f MiB)\n",
           cpu_fleet, peak_fleet / 1024.0);
    printf("  CPU, static slide with an alert band, CAP read every second: %.2f %% of a core "
           "(PSS %.1f MiB); under a full-screen alert: %.2f %% (PSS %.1f MiB)\n",
           cpu_alert[0], peak_alert[0] / 1024.0, cpu_alert[1], peak_alert[1] / 1024.0);
    printf("  CPU, 3 s hold + 0.8 s crossfade over %.0f s: %.2f %% of a core\n", cycle_s,
           cpu_cycle);
    printf("  the same cycles, articles read meanwhile: %.2f %% of a core; peak PSS %.1f MiB; "
           "peak RSS %.1f MiB; %d pages in the article cache\n",
           cpu_art, peak_art / 1024.0, hwm_art / 1024.0, pages_art);
    printf("  crossfade frames: %llu, mean %.2f ms, max %.2f ms; slide paint mean %.1f ms\n",
           (unsigned long long)st.fade_frames,
           st.fade_frames ? st.fade_frame_ms_sum / (double)st.fade_frames : 0.0,
           st.fade_frame_ms_max, st.renders ? st.render_ms_sum / (double)st.renders : 0.0);
    printf("reproduce: xvfb-run -a -s \"-screen 0 1920x1080x24\" %s --static-seconds %.0f "
           "--cycle-seconds %.0f --frames-slides %ld\n",
           argv[0], static_s, cycle_s, frames_slides);
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    if (system(cmd) != 0)
        fprintf(stderr, "bench_show: could not remove %s\n", tmp);
    return 0;
}
