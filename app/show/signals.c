/* signals.c: one thread reads every signal the slideshow may receive from a signalfd and
 * either hands it to the main thread as an SDL event or logs that it is ignored. */
#include "signals.h"

#include "log.h"

#include <SDL.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <unistd.h>

/* Named here rather than by strsignal(), which gives "User defined signal 1". */
static const struct {
    int sig;
    const char *name;
} ignored[] = {
    { SIGUSR1, "SIGUSR1" },     { SIGUSR2, "SIGUSR2" }, { SIGALRM, "SIGALRM" },
    { SIGVTALRM, "SIGVTALRM" }, { SIGPROF, "SIGPROF" }, { SIGIO, "SIGIO" },
#ifdef SIGPWR
    { SIGPWR, "SIGPWR" },
#endif
#ifdef SIGSTKFLT
    { SIGSTKFLT, "SIGSTKFLT" },
#endif
};

#define N_IGNORED (sizeof ignored / sizeof ignored[0])

static pthread_t waiter;
static bool running;
static uint32_t signal_event;
static int sig_fd = -1, stop_fd = -1;

/* The signals the thread reads: those it acts on and those it ignores with a log line. */
static void fill_set(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGTERM);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGHUP);
    for (size_t i = 0; i < N_IGNORED; i++)
        sigaddset(set, ignored[i].sig);
    for (int s = SIGRTMIN; s <= SIGRTMAX; s++)
        sigaddset(set, s);
}

void show_signals_block(void)
{
    sigset_t set;
    fill_set(&set);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    /* a peer closing a socket must not kill us (curl sets MSG_NOSIGNAL, not every library):
     * the write that meets the closed socket fails with EPIPE, which is the report */
    signal(SIGPIPE, SIG_IGN);
    /* A shell starts background jobs with SIGINT ignored, and an ignored signal may be
     * dropped before the thread reads it. Blocked, the default action never runs, so the
     * default disposition is safe and makes sure the signal is queued for us. */
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
}

void show_signals_unblock(void)
{
    sigset_t set;
    fill_set(&set);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

static void name_of(int sig, char *out, size_t cap)
{
    for (size_t i = 0; i < N_IGNORED; i++) {
        if (ignored[i].sig == sig) {
            snprintf(out, cap, "%s", ignored[i].name);
            return;
        }
    }
    if (sig >= SIGRTMIN && sig <= SIGRTMAX)
        snprintf(out, cap, "SIGRTMIN+%d", sig - SIGRTMIN);
    else
        snprintf(out, cap, "signal %d", sig);
}

/* Logs an ignored signal: its first arrival, then the 10th, 100th... of the same signal, so
 * that a flood of them cannot fill the journal. */
static void log_ignored(const struct signalfd_siginfo *si, unsigned long *counts)
{
    int sig = (int)si->ssi_signo;
    unsigned long n = sig > 0 && sig < 65 ? ++counts[sig] : 1;
    unsigned long mark = 1;
    while (mark < n && mark <= 100000000UL)
        mark *= 10;
    if (n != mark)
        return;
    char name[32];
    name_of(sig, name, sizeof name);
    if (n == 1)
        nr_info("%s from pid %u ignored: Newsreel stops on SIGTERM or SIGINT and reloads its "
                "settings on SIGHUP",
                name, si->ssi_pid);
    else
        nr_info("%s ignored (%lu times so far)", name, n);
}

static void *wait_loop(void *arg)
{
    unsigned long counts[65] = { 0 };
    (void)arg;
    for (;;) {
        struct pollfd pf[2] = { { .fd = sig_fd, .events = POLLIN },
                                { .fd = stop_fd, .events = POLLIN } };
        if (poll(pf, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            nr_error("signal thread: poll failed: %s", strerror(errno));
            break;
        }
        if (pf[1].revents)
            break; /* show_signals_stop(): the only way out */
        if (!(pf[0].revents & POLLIN))
            continue;
        struct signalfd_siginfo si;
        ssize_t got = read(sig_fd, &si, sizeof si);
        if (got != (ssize_t)sizeof si)
            continue; /* EAGAIN (another reader won) or EINTR: poll again */
        int sig = (int)si.ssi_signo;
        if (sig != SIGTERM && sig != SIGINT && sig != SIGHUP) {
            log_ignored(&si, counts);
            continue;
        }
        SDL_Event ev = { .type = signal_event };
        ev.user.code = sig;
        if (SDL_PushEvent(&ev) != 1)
            nr_warn("signal %d lost: the event queue is full", sig);
    }
    return NULL;
}

enum nr_result show_signals_start(uint32_t event_type, struct nr_err *err)
{
    sigset_t set;
    enum nr_result ret = NR_OK;
    int rc;

    if (running)
        return NR_OK;
    signal_event = event_type;
    fill_set(&set);
    sig_fd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
    if (sig_fd < 0) {
        ret = nr_fail(err, NR_ERR_INTERNAL, "cannot read signals: signalfd: %s", strerror(errno));
        goto out;
    }
    stop_fd = eventfd(0, EFD_CLOEXEC);
    if (stop_fd < 0) {
        ret = nr_fail(err, NR_ERR_INTERNAL, "cannot read signals: eventfd: %s", strerror(errno));
        goto out;
    }
    if ((rc = pthread_create(&waiter, NULL, wait_loop, NULL)) != 0) {
        ret = nr_fail(err, NR_ERR_INTERNAL, "cannot start the signal thread: %s", strerror(rc));
        goto out;
    }
    running = true;
out:
    if (ret != NR_OK) {
        if (sig_fd >= 0)
            close(sig_fd);
        if (stop_fd >= 0)
            close(stop_fd);
        sig_fd = stop_fd = -1;
    }
    return ret;
}

void show_signals_stop(void)
{
    if (!running)
        return;
    uint64_t one = 1;
    while (write(stop_fd, &one, sizeof one) < 0 && errno == EINTR)
        ;
    pthread_join(waiter, NULL);
    close(sig_fd);
    close(stop_fd);
    sig_fd = stop_fd = -1;
    running = false;
}
