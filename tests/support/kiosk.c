/* kiosk.c: the real newsreel started, watched through its log and stopped, for the tests of
 * the running slideshow; and the clock helpers those tests wait with. */
#include "testsupport.h"

#include "alloc.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int64_t ts_mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void ts_sleep_ms(int ms)
{
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

size_t ts_count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; p && (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

void ts_kiosk_start(struct ts_kiosk *k, const char *home, const char *err_log,
                    const char *const *args, bool ignore_sigint)
{
    char *argv[40];
    int n = 0;
    static const char *const fixed[] = { "--window", "--size", "320x180", "--set",
                                         "show.log_level=debug" };
    argv[n++] = xstrdup(ts_newsreel());
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        argv[n++] = xstrdup(fixed[i]);
    for (; *args && n < 39; args++)
        argv[n++] = xstrdup(*args); /* execv wants char * */
    argv[n] = NULL;
    k->home = home;
    k->err_log = err_log;
    /* the log of a previous run must not be read as this one's */
    unlink(err_log);
    k->pid = fork();
    assert_true(k->pid >= 0);
    if (k->pid == 0) {
        int fd = open(err_log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int devnull = open("/dev/null", O_RDWR);
        if (fd < 0 || devnull < 0)
            _exit(126);
        dup2(devnull, 0);
        dup2(devnull, 1);
        dup2(fd, 2);
        setenv("HOME", home, 1);
        unsetenv("NOTIFY_SOCKET");
        if (ignore_sigint)
            signal(SIGINT, SIG_IGN);
        execv(argv[0], argv);
        _exit(127);
    }
    for (int i = 0; i < n; i++)
        free(argv[i]); /* the parent's copies: the child has its own */
}

int ts_kiosk_wait_exit(struct ts_kiosk *k, int timeout_ms)
{
    int64_t end = ts_mono_ms() + timeout_ms;
    int st;
    for (;;) {
        pid_t r = waitpid(k->pid, &st, WNOHANG);
        if (r == k->pid)
            return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        if (ts_mono_ms() >= end) {
            kill(k->pid, SIGKILL);
            waitpid(k->pid, &st, 0);
            return -1;
        }
        ts_sleep_ms(10);
    }
}

bool ts_kiosk_running(const struct ts_kiosk *k)
{
    int st;
    return waitpid(k->pid, &st, WNOHANG) == 0;
}

char *ts_read_log(const char *err_log)
{
    struct nr_buf b;
    if (ts_read_file(err_log, &b) != 0) {
        nr_buf_release(&b);
        return xstrdup("");
    }
    return nr_buf_detach(&b);
}

void ts_dump_log(const char *err_log)
{
    char *log = ts_read_log(err_log);
    print_message("--- newsreel's log ---\n%s--- end ---\n", log);
    free(log);
}

bool ts_kiosk_wait_log(struct ts_kiosk *k, const char *needle, size_t times, int timeout_ms)
{
    int64_t end = ts_mono_ms() + timeout_ms;
    while (ts_mono_ms() < end) {
        char *log = ts_read_log(k->err_log);
        size_t n = ts_count(log, needle);
        free(log);
        if (n >= times)
            return true;
        if (!ts_kiosk_running(k))
            return false;
        ts_sleep_ms(50);
    }
    return false;
}

void ts_kiosk_stop_ok(struct ts_kiosk *k)
{
    kill(k->pid, SIGTERM);
    int st = ts_kiosk_wait_exit(k, 5000);
    if (st != 0) {
        ts_dump_log(k->err_log);
        fail_msg("exit status %d after SIGTERM", st);
    }
}
