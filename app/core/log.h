/* log.h: one-line log messages to stderr ("newsreel: warning: ..."); thread-safe. */
#ifndef NR_LOG_H
#define NR_LOG_H

enum nr_log_level { NR_LOG_DEBUG, NR_LOG_INFO, NR_LOG_WARN, NR_LOG_ERROR };

void nr_log_set_level(enum nr_log_level min); /* default NR_LOG_INFO; any thread */
void nr_log(enum nr_log_level lvl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define nr_debug(...) nr_log(NR_LOG_DEBUG, __VA_ARGS__)
#define nr_info(...) nr_log(NR_LOG_INFO, __VA_ARGS__)
#define nr_warn(...) nr_log(NR_LOG_WARN, __VA_ARGS__)
#define nr_error(...) nr_log(NR_LOG_ERROR, __VA_ARGS__)

#endif
