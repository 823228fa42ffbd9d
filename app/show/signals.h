/* signals.h: what the slideshow does with each signal it may receive.
 *
 * Acted on: SIGTERM and SIGINT end the show cleanly (exit 0), SIGHUP reloads the settings;
 * each becomes an SDL event for the main thread.
 * Ignored on purpose, with a log line: SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGIO,
 * SIGPWR, SIGSTKFLT and the real-time signals. Newsreel gives them no meaning, and their
 * default action (ending the process) would take a kiosk down for a stray `kill -USR1`.
 * SIGPIPE is ignored silently: a peer closing a socket is reported by the write itself.
 * Left at their defaults on purpose: the faults (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT,
 * SIGTRAP, SIGSYS: the process is broken, systemd restarts it; SIGABRT is also what
 * systemd sends when the watchdog is not pinged), SIGQUIT (a core for debugging), SIGXCPU
 * and SIGXFSZ (limits an administrator set), job control (SIGTSTP, SIGTTIN, SIGTTOU,
 * SIGCONT), SIGKILL and SIGSTOP, and those ignored by default (SIGCHLD, SIGWINCH, SIGURG).
 *
 * All of the first two groups are blocked in every thread and read by one thread from a
 * signalfd, so a program started in the background (SIGINT ignored) or with SDL's handlers
 * off still sees every one. That thread also polls an eventfd that only show_signals_stop()
 * writes: the way to stop it is not a signal, so nothing another process sends can. */
#ifndef NR_SIGNALS_H
#define NR_SIGNALS_H

#include "nr.h"

#include <stdint.h>

/* Blocks the signals above in the calling thread and ignores SIGPIPE. Call from the main
 * thread before any thread exists (SDL_Init, curl, the workers): threads inherit it. */
void show_signals_block(void);
/* Undoes show_signals_block() for the one-shot modes (--render, --dump), which stop on a signal
 * the ordinary way; a signal that came meanwhile then acts at once. SIGPIPE stays ignored. */
void show_signals_unblock(void);

/* Starts the thread that reads the signals and pushes an SDL event of event_type with
 * user.code = the signal number for SIGTERM, SIGINT and SIGHUP. SDL's event queue must be
 * initialised, and show_signals_block() called first. Fails (and nothing runs) when the
 * signalfd, the eventfd or the thread cannot be made. */
enum nr_result show_signals_start(uint32_t event_type, struct nr_err *err);

/* Stops and joins that thread (accepts not started); signals that came meanwhile stay
 * blocked and pending. */
void show_signals_stop(void);

#endif
