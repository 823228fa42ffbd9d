/* test_signals.c: the real newsreel binary, running a slideshow, under every signal a
 * service may be sent: the ignored ones are logged and change nothing (SIGHUP still reloads,
 * SIGTERM still ends it with exit 0), and no signal stops the thread that reads them. */
#include "testsupport.h"

#include "alloc.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct fixture {
    char *dir;
    char *home;
    char *feed;
    char *err_log;
    pid_t pid;
};

static int setup(void **state)
{
    struct fixture *f = xcalloc(1, sizeof *f);
    f->dir = ts_mkdtemp();
    f->home = ts_path(f->dir, "home");
    f->feed = ts_path(f->dir, "feed.xml");
    f->err_log = ts_path(f->dir, "err.log");
    mkdir(f->home, 0700);
    static const char feed[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
        "<title>Quayside</title><link>https://example.org/</link>"
        "<item><title>Ferry timetable changes for the winter season</title>"
        "<link>https://example.org/1</link><guid>q-1</guid></item>"
        "<item><title>Library opens on Sundays from next month</title>"
        "<link>https://example.org/2</link><guid>q-2</guid></item>"
        "</channel></rss>\n";
    ts_write_file(f->feed, feed, sizeof feed - 1);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    if (f->pid > 0) {
        kill(f->pid, SIGKILL);
        waitpid(f->pid, NULL, 0);
    }
    ts_rmtree(f->dir);
    free(f->dir);
    free(f->home);
    free(f->feed);
    free(f->err_log);
    free(f);
    return 0;
}

static void start(struct fixture *f)
{
    char *argv[] = { xstrdup(ts_newsreel()), xstrdup("--window"),
                     xstrdup("--size"),      xstrdup("320x180"),
                     xstrdup("--set"),       xstrdup("show.log_level=debug"),
                     xstrdup(f->feed),       NULL };
    f->pid = fork();
    assert_true(f->pid >= 0);
    if (f->pid == 0) {
        int fd = open(f->err_log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int devnull = open("/dev/null", O_RDWR);
        if (fd < 0 || devnull < 0)
            _exit(126);
        dup2(devnull, 0);
        dup2(devnull, 1);
        dup2(fd, 2);
        setenv("HOME", f->home, 1);
        unsetenv("NOTIFY_SOCKET");
        execv(argv[0], argv);
        _exit(127);
    }
    for (size_t i = 0; argv[i]; i++)
        free(argv[i]);
}

static char *read_log(struct fixture *f)
{
    struct nr_buf b;
    nr_buf_init(&b, TS_MAX_FILE_BYTES);
    if (ts_read_file(f->err_log, &b) != 0)
        return xstrdup("");
    return nr_buf_detach(&b);
}

/* Exit status or 128+signal; -1 while it runs. */
static int exited(struct fixture *f)
{
    int st;
    if (waitpid(f->pid, &st, WNOHANG) != f->pid)
        return -1;
    f->pid = 0;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Waits for needle in the log; fails (printing the log) at timeout or when the program
 * ended. */
static void expect_log(struct fixture *f, const char *needle, int timeout_ms)
{
    int64_t end = ts_mono_ms() + timeout_ms;
    int st = -1;
    while (ts_mono_ms() < end) {
        char *log = read_log(f);
        bool seen = strstr(log, needle) != NULL;
        free(log);
        if (seen)
            return;
        if ((st = exited(f)) >= 0)
            break;
        ts_sleep_ms(50);
    }
    char *log = read_log(f);
    print_message("--- newsreel's log ---\n%s--- end ---\n", log);
    free(log);
    fail_msg("'%s' not seen in the log (exit status %d)", needle, st);
}

static int wait_exit(struct fixture *f, int timeout_ms)
{
    int64_t end = ts_mono_ms() + timeout_ms;
    int st;
    while ((st = exited(f)) < 0 && ts_mono_ms() < end)
        ts_sleep_ms(20);
    return st;
}

static void test_stray_signals_are_logged_and_change_nothing(void **state)
{
    struct fixture *f = *state;
    start(f);
    expect_log(f, "slide 1:", 20000);

    static const struct {
        int sig;
        const char *logged;
    } stray[] = {
        { SIGUSR1, "SIGUSR1 from pid" },
        { SIGUSR2, "SIGUSR2 from pid" },
        { SIGALRM, "SIGALRM from pid" },
        { SIGVTALRM, "SIGVTALRM from pid" },
        { SIGPROF, "SIGPROF from pid" },
        { SIGIO, "SIGIO from pid" },
        { SIGPIPE, NULL },
    };
    for (size_t i = 0; i < sizeof stray / sizeof stray[0]; i++) {
        assert_int_equal(kill(f->pid, stray[i].sig), 0);
        if (stray[i].logged)
            expect_log(f, stray[i].logged, 10000);
    }
    assert_int_equal(kill(f->pid, SIGRTMIN + 3), 0);
    expect_log(f, "SIGRTMIN+3 from pid", 10000);

    /* a second arrival is counted, not logged again; the tenth is (real-time signals
     * queue, so all ten arrive) */
    for (int i = 0; i < 9; i++)
        assert_int_equal(kill(f->pid, SIGRTMIN + 3), 0);
    expect_log(f, "SIGRTMIN+3 ignored (10 times so far)", 10000);

    /* the thread that reads signals still runs: SIGHUP reloads, SIGTERM ends with 0 */
    assert_int_equal(kill(f->pid, SIGHUP), 0);
    expect_log(f, "SIGHUP: reloading the settings", 10000);
    assert_int_equal(exited(f), -1);
    assert_int_equal(kill(f->pid, SIGTERM), 0);
    int st = wait_exit(f, 10000);
    if (st != 0) {
        char *log = read_log(f);
        print_message("--- newsreel's log ---\n%s--- end ---\n", log);
        free(log);
    }
    assert_int_equal(st, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_stray_signals_are_logged_and_change_nothing, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
