/* signals.c: one thread in sigwait() turns process signals into SDL events. */
#include "signals.h"

#include "log.h"

#include <SDL.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>

#include "banned.h"

/* SIGUSR2 is how signals_stop() wakes the thread; it is blocked like the others. */
#define STOP_SIGNAL SIGUSR2

static pthread_t waiter;
static bool running;
static uint32_t signal_event;

static void fill_set(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGTERM);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGHUP);
    sigaddset(set, STOP_SIGNAL);
}

void signals_block(void)
{
    sigset_t set;
    fill_set(&set);
    /* a peer closing a socket must not kill us (curl sets MSG_NOSIGNAL, not every library) */
    sigaddset(&set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    /* A shell starts background jobs with SIGINT ignored, and an ignored signal may be
     * dropped before sigwait() sees it. Blocked, the default action never runs, so the
     * default disposition is safe and makes sure the signal is queued for us. */
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
}

void signals_unblock(void)
{
    sigset_t set;
    fill_set(&set);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

static void *wait_loop(void *arg)
{
    sigset_t set;
    (void)arg;
    fill_set(&set);
    for (;;) {
        int sig;
        if (sigwait(&set, &sig) != 0)
            continue;
        if (sig == STOP_SIGNAL)
            break;
        SDL_Event ev = { .type = signal_event };
        ev.user.code = sig;
        if (SDL_PushEvent(&ev) != 1)
            nr_warn("signal %d lost: the event queue is full", sig);
    }
    return NULL;
}

enum nr_result signals_start(uint32_t event_type, struct nr_err *err)
{
    int rc;
    signal_event = event_type;
    if ((rc = pthread_create(&waiter, NULL, wait_loop, NULL)) != 0)
        return nr_fail(err, NR_ERR_INTERNAL, "cannot start the signal thread: %s", strerror(rc));
    running = true;
    return NR_OK;
}

void signals_stop(void)
{
    if (!running)
        return;
    pthread_kill(waiter, STOP_SIGNAL);
    pthread_join(waiter, NULL);
    running = false;
}
