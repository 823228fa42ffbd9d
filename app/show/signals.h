/* signals.h: SIGTERM, SIGINT and SIGHUP become SDL events. The signals are blocked in every
 * thread and taken by one thread in sigwait(), so a program started in the background
 * (SIGINT ignored) or with SDL's handlers off still sees every one. */
#ifndef NR_SIGNALS_H
#define NR_SIGNALS_H

#include "nr.h"

#include <stdint.h>

/* Blocks SIGTERM, SIGINT, SIGHUP and SIGPIPE in the calling thread. Call from the main
 * thread before any thread exists (SDL_Init, curl, the workers): threads inherit it. */
void signals_block(void);
/* Undoes signals_block() for the one-shot modes (--render, --dump), which stop on a signal
 * the ordinary way; a signal that came meanwhile then acts at once. */
void signals_unblock(void);

/* Starts the thread that waits for the signals and pushes an SDL event of event_type with
 * user.code = the signal number. SDL's event queue must be initialised. */
enum nr_result signals_start(uint32_t event_type, struct nr_err *err);

/* Stops and joins that thread (accepts not started). */
void signals_stop(void);

#endif
