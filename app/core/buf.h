/* buf.h: a growable byte buffer with a hard cap, always NUL-terminated. */
#ifndef NR_BUF_H
#define NR_BUF_H

#include "nr.h"

struct nr_buf {
    char *data;       /* NULL until the first append; then data[len] == '\0' */
    size_t len;
    size_t cap;       /* bytes allocated */
    size_t max_len;   /* appends past this fail with NR_ERR_TOO_BIG; 0 means no cap */
};

void nr_buf_init(struct nr_buf *b, size_t max_len);
void nr_buf_release(struct nr_buf *b);             /* frees data; accepts a zeroed struct */
/* Appends n bytes; on NR_ERR_TOO_BIG the buffer is unchanged. */
enum nr_result nr_buf_append(struct nr_buf *b, const void *p, size_t n);
enum nr_result nr_buf_puts(struct nr_buf *b, const char *s);
enum nr_result nr_buf_putc(struct nr_buf *b, char c);
enum nr_result nr_buf_printf(struct nr_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Returns the string (never NULL: "" for an empty buffer) and leaves b empty; free with free(). */
char *nr_buf_detach(struct nr_buf *b);
void nr_buf_reset(struct nr_buf *b);               /* len = 0, keeps memory */

#endif
