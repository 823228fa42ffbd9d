/* testsupport.h: helpers the tests share: paths, files, a loopback HTTP server, running
 * the real newsreel binary. Include after <cmocka.h>'s prerequisites. */
#ifndef NR_TESTSUPPORT_H
#define NR_TESTSUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "buf.h"

/* Directories from the ctest environment (asserts they are set). */
const char *ts_shared_dir(void); /* ../shared: seed and real corpus */
const char *ts_source_dir(void); /* project root */
const char *ts_binary_dir(void); /* build root */
const char *ts_newsreel(void);   /* path of the newsreel executable */

/* Whether the shared corpus is there. A clone of the repository alone has none: the cases
 * that read it then skip (cmocka's skip()), and the first call that finds it absent prints
 * one line saying so. Use: if (!ts_have_shared()) skip(); */
bool ts_have_shared(void);

/* Returns a new path "<dir>/<rel>"; free with free(). */
char *ts_path(const char *dir, const char *rel);
/* Reads a whole file into *out (NUL-terminated); returns 0, or -1 when unreadable or over
 * TS_MAX_FILE_BYTES. */
#define TS_MAX_FILE_BYTES (64u * 1024 * 1024) /* the most ts_read_file reads */
int ts_read_file(const char *path, struct nr_buf *out);
/* Writes len bytes to path; asserts on failure. */
void ts_write_file(const char *path, const void *data, size_t len);
/* Makes a fresh empty temporary directory; returns a new path. */
char *ts_mkdtemp(void);
/* rm -r */
void ts_rmtree(const char *path);

/* A python3 HTTP server on 127.0.0.1 (tests/support/httpd.py) serving docroot, plus the
 * fault routes under /fault/ that httpd.py documents. Started on a free port. */
struct ts_server {
    int pid;
    int port;
    char base[64]; /* "http://127.0.0.1:PORT" */
};
void ts_server_start(struct ts_server *s, const char *docroot); /* asserts it came up */
void ts_server_stop(struct ts_server *s);                       /* kills and reaps */
/* The same with extra httpd.py arguments (NULL-terminated; "--proxy", "--tls-cert" FILE
 * "--tls-key" FILE); with --tls-cert, base is "https://127.0.0.1:PORT". */
void ts_server_start_with(struct ts_server *s, const char *docroot, char *const extra_args[]);

/* Runs argv (argv[0] a path) with a timeout; captures stdout and stderr (each capped at
 * 16 MiB). Returns the exit status, or 128+signal, or -1 on timeout (the child is killed).
 * extra_env: NULL or a NULL-terminated list of "NAME=value" added to the environment. */
int ts_run(char *const argv[], char *const extra_env[], int timeout_ms, struct nr_buf *out,
           struct nr_buf *err);

/* The monotonic clock in milliseconds, and a sleep of ms milliseconds. */
int64_t ts_mono_ms(void);
void ts_sleep_ms(int ms);
/* How many times needle occurs in hay (not overlapping); 0 for a NULL hay. */
size_t ts_count(const char *hay, const char *needle);

/* The running slideshow as a child process (kiosk.c): the real newsreel in a 320x180 window
 * at log level debug, with HOME and its stderr given, stdin and stdout on /dev/null. */
struct ts_kiosk {
    int pid;
    const char *home;    /* HOME for the child; not owned */
    const char *err_log; /* the child's stderr, truncated at each start; not owned */
};
/* Starts it with args after the fixed options (NULL-terminated, at most 30). ignore_sigint:
 * SIGINT ignored, as a shell starts a background job. */
void ts_kiosk_start(struct ts_kiosk *k, const char *home, const char *err_log,
                    const char *const *args, bool ignore_sigint);
/* Exit status, 128+signal, or -1 when it did not end within timeout_ms (then killed). */
int ts_kiosk_wait_exit(struct ts_kiosk *k, int timeout_ms);
bool ts_kiosk_running(const struct ts_kiosk *k);
/* The log so far, as a new string ("" when there is none yet). */
char *ts_read_log(const char *err_log);
/* Prints the log, for a failing test. */
void ts_dump_log(const char *err_log);
/* Waits until the log holds needle `times` times; false at timeout_ms or when the child
 * ended first. */
bool ts_kiosk_wait_log(struct ts_kiosk *k, const char *needle, size_t times, int timeout_ms);
/* SIGTERM, then fails the test unless it exits 0 within 5 s. */
void ts_kiosk_stop_ok(struct ts_kiosk *k);

#define TS_EXPECT_LOG(k, needle, times, ms)                                                        \
    do {                                                                                           \
        if (!ts_kiosk_wait_log(k, needle, times, ms)) {                                            \
            ts_dump_log((k)->err_log);                                                             \
            fail_msg("'%s' not seen %d times in the log", needle, (int)(times));                   \
        }                                                                                          \
    } while (0)

#endif
