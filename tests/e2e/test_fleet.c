/* test_fleet.c: screens of one site behind company networks, end to end with the real
 * binary: feeds through a forward proxy with per-feed credentials, and three instances
 * sharing Debian's squid as a cache, the origin answering one request per refresh. */
#include "alloc.h"
#include "testsupport.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define RUN_MS 60000
#define SQUID "/usr/sbin/squid"

static struct ts_server origin, proxy;
static char *workdir, *docroot;
static pid_t squid_pid; /* stopped by teardown too, when a test fails half way */

static void stop_squid(pid_t pid);

static int setup(void **state)
{
    (void)state;
    docroot = ts_path(ts_source_dir(), "tests/fetch/fixtures");
    ts_server_start(&origin, docroot);
    char *proxy_args[] = { "--proxy", NULL };
    ts_server_start_with(&proxy, docroot, proxy_args);
    workdir = ts_mkdtemp();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    if (squid_pid > 0)
        stop_squid(squid_pid);
    squid_pid = 0;
    ts_server_stop(&origin);
    ts_server_stop(&proxy);
    ts_rmtree(workdir);
    free(workdir);
    free(docroot);
    return 0;
}

static void write_text(const char *path, const char *text)
{
    ts_write_file(path, text, strlen(text));
}

/* How many requests the server counted under key (httpd.py /fault/hits). */
static long hits(const struct ts_server *s, const char *key)
{
    char url[256];
    snprintf(url, sizeof url, "%s/fault/hits?key=%s", s->base, key);
    char *argv[] = { "/usr/bin/python3", "-c",
                     "import sys,urllib.request as u;"
                     "o=u.build_opener(u.ProxyHandler({}));"
                     "print(o.open(sys.argv[1]).read().decode().strip())",
                     url, NULL };
    struct nr_buf out, err;
    assert_int_equal(ts_run(argv, NULL, 20000, &out, &err), 0);
    long n = strtol(out.data, NULL, 10);
    nr_buf_release(&out);
    nr_buf_release(&err);
    return n;
}

/* Runs newsreel --dump -c conf with HOME in workdir (no user settings of this machine). */
static int dump(const char *conf, struct nr_buf *out, struct nr_buf *err)
{
    char *home = ts_path(workdir, "home");
    mkdir(home, 0700);
    char env_home[4200];
    snprintf(env_home, sizeof env_home, "HOME=%s", home);
    char *env[] = { env_home, "http_proxy=", "HTTP_PROXY=", "no_proxy=", NULL };
    char *exe = xstrdup(ts_newsreel()), *file = xstrdup(conf);
    char *argv[] = { exe, "--dump", "-c", file, NULL };
    int rc = ts_run(argv, env, RUN_MS, out, err);
    free(exe);
    free(file);
    free(home);
    return rc;
}

static void test_proxy_and_feed_credentials_from_the_config(void **state)
{
    (void)state;
    char *conf = ts_path(workdir, "proxy.conf");
    char text[2048];
    /* article reading is off: the proxy's count below is of the two feeds' requests */
    snprintf(text, sizeof text,
             "[fetch]\nproxy = %s\narticle_images = 0\n[article]\nread = no\n"
             "[feeds]\nurl = %s/feed.xml\n"
             "[feed wire]\nurl = %s/fault/auth?user=desk&password=s3cret&key=wire\n"
             "username = desk\npassword = s3cret\nheader = X-Api-Key: k-1\n",
             proxy.base, origin.base, origin.base);
    write_text(conf, text);
    long via_proxy = hits(&proxy, "proxied");

    struct nr_buf out, err;
    int rc = dump(conf, &out, &err);
    if (rc != 0)
        fail_msg("newsreel --dump exited %d: %s", rc, err.data);
    /* the stories of both feeds: the plain one and the one behind basic auth */
    assert_non_null(strstr(out.data, "First story from the fault server"));
    assert_non_null(strstr(out.data, "\"source\""));
    assert_int_equal(hits(&origin, "wire"), 1); /* credentials sent the first time */
    assert_int_equal(hits(&proxy, "proxied"), via_proxy + 2);
    nr_buf_release(&out);
    nr_buf_release(&err);

    /* a wrong password: that feed fails with a line naming it, the other one still shows */
    snprintf(text, sizeof text,
             "[fetch]\nproxy = %s\narticle_images = 0\n[article]\nread = no\n"
             "[feeds]\nurl = %s/feed.xml\n"
             "[feed wire]\nurl = %s/fault/auth?user=desk&password=s3cret&key=wire\n"
             "username = desk\npassword = wrong\n",
             proxy.base, origin.base, origin.base);
    write_text(conf, text);
    rc = dump(conf, &out, &err);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(err.data, "HTTP 401"));
    assert_non_null(strstr(out.data, "\"source\""));
    nr_buf_release(&out);
    nr_buf_release(&err);
    free(conf);
}

/* ---- squid ---- */

static int free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof a;
    assert_true(fd >= 0);
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    close(fd);
    return ntohs(a.sin_port);
}

static bool port_open(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET,
                             .sin_port = htons((uint16_t)port),
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    bool ok = fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) == 0;
    if (fd >= 0)
        close(fd);
    return ok;
}

static pid_t start_squid(const char *dir, int port)
{
    char *conf = ts_path(dir, "squid.conf");
    char text[4096];
    /* memory cache only; every file in dir (squid drops to its own user when started
     * as root) */
    snprintf(text, sizeof text,
             "http_port 127.0.0.1:%d\n"
             "http_access allow localhost\nhttp_access deny all\n"
             "cache_mem 16 MB\nmaximum_object_size_in_memory 2 MB\n"
             "pid_filename %s/squid.pid\ncache_log %s/cache.log\n"
             "access_log stdio:%s/access.log\ncoredump_dir %s\nnetdb_filename none\n"
             "pinger_enable off\nshutdown_lifetime 0 seconds\nvisible_hostname newsreel-test\n",
             port, dir, dir, dir, dir);
    write_text(conf, text);
    char *argv[] = { SQUID, "-N", "-f", conf, NULL };
    pid_t pid;
    assert_int_equal(posix_spawn(&pid, SQUID, NULL, NULL, argv, environ), 0);
    for (int i = 0; i < 300 && !port_open(port); i++) {
        if (waitpid(pid, NULL, WNOHANG) == pid)
            fail_msg("squid exited at start; see its log in %s", dir);
        usleep(50000);
    }
    if (!port_open(port)) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        fail_msg("squid did not listen within 15 s");
    }
    free(conf);
    return pid;
}

static void stop_squid(pid_t pid)
{
    kill(pid, SIGTERM);
    for (int i = 0; i < 200; i++) {
        if (waitpid(pid, NULL, WNOHANG) == pid)
            return;
        usleep(25000);
    }
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
}

static void test_three_screens_share_squid(void **state)
{
    (void)state;
    if (access(SQUID, X_OK) != 0) {
        printf("squid is not installed (apt-get install squid): the shared-cache test is "
               "skipped\n");
        skip();
    }
    char *dir = ts_path(workdir, "squid");
    mkdir(dir, 0777);
    chmod(dir, 0777);
    chmod(workdir, 0755);
    int port = free_port();
    squid_pid = start_squid(dir, port);

    /* three screens with the same settings; the feed may be cached for 2 s */
    char *conf = ts_path(workdir, "screen.conf");
    char text[1024];
    snprintf(text, sizeof text,
             "[fetch]\nproxy = http://127.0.0.1:%d\narticle_images = 0\n"
             "[feeds]\nurl = %s/fault/cacheable?key=fleet&max_age=2\n",
             port, origin.base);
    write_text(conf, text);

    for (int refresh = 1; refresh <= 2; refresh++) {
        for (int screen = 0; screen < 3; screen++) {
            struct nr_buf out, err;
            int rc = dump(conf, &out, &err);
            if (rc != 0)
                fail_msg("screen %d, refresh %d: newsreel exited %d: %s", screen, refresh, rc,
                         err.data);
            assert_non_null(strstr(out.data, "First story from the fault server"));
            nr_buf_release(&out);
            nr_buf_release(&err);
        }
        /* one request reached the origin for the three screens */
        assert_int_equal(hits(&origin, "fleet"), refresh);
        if (refresh == 1)
            sleep(3); /* past max-age: the next refresh goes to the origin once more */
    }
    stop_squid(squid_pid);
    squid_pid = 0;
    free(conf);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_proxy_and_feed_credentials_from_the_config),
        cmocka_unit_test(test_three_screens_share_squid),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
