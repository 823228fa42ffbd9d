/* log.c: formats the whole line first so lines from two threads never interleave. */
#include "log.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <unistd.h>

/* A reload sets it on the main thread while the worker threads log: atomic, and relaxed,
 * since a line logged at the old level for a moment is harmless. */
static atomic_int min_level = NR_LOG_INFO;

void nr_log_set_level(enum nr_log_level min)
{
    atomic_store_explicit(&min_level, (int)min, memory_order_relaxed);
}

void nr_log(enum nr_log_level lvl, const char *fmt, ...)
{
    static const char *const names[] = { "debug: ", "", "warning: ", "error: " };
    if ((int)lvl < atomic_load_explicit(&min_level, memory_order_relaxed))
        return;
    char line[1024];
    int n = snprintf(line, sizeof line, "newsreel: %s", names[lvl]);
    va_list ap;
    va_start(ap, fmt);
    int m = vsnprintf(line + n, sizeof line - (size_t)n - 1, fmt, ap);
    va_end(ap);
    size_t len = (size_t)n + (m < 0 ? 0 : (size_t)m);
    if (len > sizeof line - 2)
        len = sizeof line - 2;
    line[len++] = '\n';
    /* one write(2) per line: atomic for lines this short */
    ssize_t w = write(STDERR_FILENO, line, len);
    (void)w;
}
