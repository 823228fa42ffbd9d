/* testsupport.c: paths, files, a loopback HTTP server and process runs for the tests. */
#include "testsupport.h"

#include "alloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static const char *env_dir(const char *name)
{
    const char *v = getenv(name);
    if (!v || !*v) {
        fprintf(stderr, "test environment: %s is not set (run the tests through ctest)\n", name);
        abort();
    }
    return v;
}

const char *ts_shared_dir(void)
{
    return env_dir("NR_SHARED_DIR");
}

bool ts_have_shared(void)
{
    static bool said;
    struct stat st;
    char *feeds = ts_path(ts_shared_dir(), "feeds");
    bool have = stat(feeds, &st) == 0 && S_ISDIR(st.st_mode);
    free(feeds);
    if (!have && !said) {
        said = true;
        print_message("skipping the cases that read the shared corpus: '%s' is absent\n",
                      ts_shared_dir());
    }
    return have;
}

const char *ts_source_dir(void)
{
    return env_dir("NR_SOURCE_DIR");
}

const char *ts_binary_dir(void)
{
    return env_dir("NR_BINARY_DIR");
}

const char *ts_newsreel(void)
{
    return env_dir("NR_NEWSREEL");
}

char *ts_path(const char *dir, const char *rel)
{
    size_t n = strlen(dir) + strlen(rel) + 2;
    char *p = xmalloc(n);
    snprintf(p, n, "%s/%s", dir, rel);
    return p;
}

int ts_read_file(const char *path, struct nr_buf *out)
{
    nr_buf_init(out, TS_MAX_FILE_BYTES);
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char chunk[65536];
    size_t n;
    enum nr_result r = NR_OK;
    while (r == NR_OK && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        r = nr_buf_append(out, chunk, n);
    fclose(f);
    return r == NR_OK ? 0 : -1;
}

void ts_write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

char *ts_mkdtemp(void)
{
    const char *tmp = getenv("TMPDIR");
    char *p = ts_path(tmp && *tmp ? tmp : "/tmp", "newsreel-test-XXXXXX");
    assert_non_null(mkdtemp(p));
    return p;
}

void ts_rmtree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        if (d) {
            struct dirent *e;
            while ((e = readdir(d))) {
                if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                    continue;
                char *child = ts_path(path, e->d_name);
                ts_rmtree(child);
                free(child);
            }
            closedir(d);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void ts_server_start(struct ts_server *s, const char *docroot)
{
    ts_server_start_with(s, docroot, NULL);
}

void ts_server_start_with(struct ts_server *s, const char *docroot, char *const extra_args[])
{
    char *dir = ts_mkdtemp();
    char *portfile = ts_path(dir, "port");
    char *script = ts_path(ts_source_dir(), "tests/support/httpd.py");
    char *root = xstrdup(docroot);
    char *argv[32] = { "python3", script, "--root", root, "--port-file", portfile };
    size_t argc = 6;
    bool tls = false;
    for (size_t i = 0; extra_args && extra_args[i]; i++) {
        assert_true(argc < sizeof argv / sizeof argv[0] - 1);
        tls = tls || strcmp(extra_args[i], "--tls-cert") == 0;
        argv[argc++] = extra_args[i];
    }
    argv[argc] = NULL;
    pid_t pid;
    assert_int_equal(posix_spawnp(&pid, "python3", NULL, NULL, argv, environ), 0);
    memset(s, 0, sizeof *s);
    s->pid = (int)pid;
    int64_t deadline = now_ms() + 15000;
    while (now_ms() < deadline) {
        struct nr_buf b;
        if (ts_read_file(portfile, &b) == 0 && b.len > 0 && b.data[b.len - 1] == '\n') {
            s->port = (int)strtol(b.data, NULL, 10);
            nr_buf_release(&b);
            break;
        }
        nr_buf_release(&b);
        int status;
        if (waitpid(pid, &status, WNOHANG) == pid)
            fail_msg("tests/support/httpd.py exited before listening");
        usleep(20000);
    }
    if (s->port <= 0) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        fail_msg("tests/support/httpd.py did not start within 15 s");
    }
    snprintf(s->base, sizeof s->base, "%s://127.0.0.1:%d", tls ? "https" : "http", s->port);
    ts_rmtree(dir);
    free(dir);
    free(portfile);
    free(script);
    free(root);
}

void ts_server_stop(struct ts_server *s)
{
    if (s->pid <= 0)
        return;
    kill((pid_t)s->pid, SIGTERM);
    int64_t deadline = now_ms() + 3000;
    while (now_ms() < deadline) {
        if (waitpid((pid_t)s->pid, NULL, WNOHANG) == (pid_t)s->pid) {
            s->pid = 0;
            return;
        }
        usleep(10000);
    }
    kill((pid_t)s->pid, SIGKILL);
    waitpid((pid_t)s->pid, NULL, 0);
    s->pid = 0;
}

static char **merged_env(char *const extra[])
{
    size_t n = 0, m = 0;
    while (environ[n])
        n++;
    while (extra && extra[m])
        m++;
    char **env = xcalloc(n + m + 1, sizeof *env);
    size_t k = 0;
    for (size_t i = 0; i < m; i++)
        env[k++] = extra[i];
    for (size_t i = 0; i < n; i++) {
        bool overridden = false;
        size_t len = strcspn(environ[i], "=");
        for (size_t j = 0; j < m; j++)
            if (strncmp(extra[j], environ[i], len + 1) == 0)
                overridden = true;
        if (!overridden)
            env[k++] = environ[i];
    }
    env[k] = NULL;
    return env;
}

int ts_run(char *const argv[], char *const extra_env[], int timeout_ms, struct nr_buf *out,
           struct nr_buf *err)
{
    int po[2], pe[2];
    assert_int_equal(pipe(po), 0);
    assert_int_equal(pipe(pe), 0);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, po[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&fa, pe[1], STDERR_FILENO);
    posix_spawn_file_actions_addclose(&fa, po[0]);
    posix_spawn_file_actions_addclose(&fa, pe[0]);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    char **env = merged_env(extra_env);
    pid_t pid;
    int rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, env);
    posix_spawn_file_actions_destroy(&fa);
    free(env);
    close(po[1]);
    close(pe[1]);
    assert_int_equal(rc, 0);

    struct nr_buf *bufs[2] = { out, err };
    for (int i = 0; i < 2; i++)
        nr_buf_init(bufs[i], 16u * 1024 * 1024);
    struct pollfd fds[2] = { { .fd = po[0], .events = POLLIN }, { .fd = pe[0], .events = POLLIN } };
    int open_fds = 2;
    int64_t deadline = now_ms() + timeout_ms;
    bool timed_out = false;
    while (open_fds > 0) {
        int64_t left = deadline - now_ms();
        if (left <= 0) {
            timed_out = true;
            break;
        }
        if (poll(fds, 2, (int)left) < 0 && errno != EINTR)
            break;
        for (int i = 0; i < 2; i++) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            char chunk[65536];
            ssize_t n = read(fds[i].fd, chunk, sizeof chunk);
            if (n > 0) {
                /* past the cap the output is cut, and the test that reads it fails */
                assert_int_equal(nr_buf_append(bufs[i], chunk, (size_t)n), NR_OK);
            } else {
                close(fds[i].fd);
                fds[i].fd = -1;
                open_fds--;
            }
        }
    }
    if (timed_out)
        kill(pid, SIGKILL);
    for (int i = 0; i < 2; i++) {
        if (fds[i].fd >= 0)
            close(fds[i].fd);
    }
    int status;
    /* the pipes may close before the process ends: wait for it, bounded by the deadline */
    while (waitpid(pid, &status, timed_out ? 0 : WNOHANG) == 0) {
        if (now_ms() > deadline) {
            kill(pid, SIGKILL);
            timed_out = true;
        }
        usleep(5000);
    }
    if (timed_out)
        return -1;
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}
