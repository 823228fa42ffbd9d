/* nr.h: result codes and the error record every fallible Newsreel call fills. */
#ifndef NR_NR_H
#define NR_NR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NEWSREEL_VERSION "0.1.0"

/* NR_OK is 0 so `if (rc)` reads as "failed". */
enum nr_result {
    NR_OK = 0,
    NR_ERR_USAGE,       /* bad argument or configuration: exit 2 */
    NR_ERR_IO,          /* file system */
    NR_ERR_NET,         /* connect, DNS, TLS, timeout */
    NR_ERR_HTTP,        /* a status that is not 2xx/304 */
    NR_ERR_TOO_BIG,     /* a cap from nr_limits.h was hit */
    NR_ERR_NOT_FEED,    /* bytes that are no feed format we know */
    NR_ERR_PARSE,       /* a feed we know, too broken to give any item */
    NR_ERR_IMAGE,       /* photo undecodable or refused */
    NR_ERR_UNSUPPORTED, /* e.g. a URL scheme we never fetch */
    NR_ERR_INTERNAL,
};

/* A message for the log line the deciding caller prints. Zero-initialise. */
struct nr_err {
    enum nr_result code;
    char msg[512];
};

/* Fills err (may be NULL) with code and the formatted message; returns code. */
enum nr_result nr_fail(struct nr_err *err, enum nr_result code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Short lower-case name of a result ("network error"). Static string. */
const char *nr_result_str(enum nr_result r);

#endif
