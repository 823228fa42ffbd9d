/* err.c: filling struct nr_err. */
#include "nr.h"

#include <stdarg.h>
#include <stdio.h>

enum nr_result nr_fail(struct nr_err *err, enum nr_result code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
        err->code = code;
    }
    return code;
}

const char *nr_result_str(enum nr_result r)
{
    switch (r) {
    case NR_OK: return "ok";
    case NR_ERR_USAGE: return "usage error";
    case NR_ERR_IO: return "file error";
    case NR_ERR_NET: return "network error";
    case NR_ERR_HTTP: return "http error";
    case NR_ERR_TOO_BIG: return "too big";
    case NR_ERR_NOT_FEED: return "not a feed";
    case NR_ERR_PARSE: return "parse error";
    case NR_ERR_IMAGE: return "image error";
    case NR_ERR_UNSUPPORTED: return "unsupported";
    case NR_ERR_INTERNAL: return "internal error";
    }
    return "unknown error";
}
