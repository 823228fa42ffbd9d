/* buf.h: a growable byte buffer with a hard cap, always NUL-terminated. */
#ifndef NR_BUF_H
#define NR_BUF_H

#include "nr.h"

struct nr_buf {
    char *data;       /* NULL until the first append; then data[len] == '\0' */
    size_t len;
    size_t cap;       /* bytes allocated */
    size_t max_len;   /* appends past this fail with NR_ERR_TOO_BIG; 0 means no cap */
    bool full; /* an append failed: every later one fails too (until reset), so
                  the text never goes on past a hole */
};

void nr_buf_init(struct nr_buf *b, size_t max_len);
void nr_buf_release(struct nr_buf *b);             /* frees data; accepts a zeroed struct */
/* Appends n bytes. NR_ERR_TOO_BIG when they do not fit under max_len, or when the buffer
 * is full from an earlier failure: the text is then unchanged and the buffer full. */
enum nr_result nr_buf_append(struct nr_buf *b, const void *p, size_t n);
/* Appends as much of the n bytes of UTF-8 text at p as fits, never half a character; when
 * that is not all of it, the buffer is full and the result NR_ERR_TOO_BIG. For text whose
 * beginning is worth keeping (a dek's first sentences) where all-or-nothing would lose it. */
enum nr_result nr_buf_append_prefix(struct nr_buf *b, const char *p, size_t n);
enum nr_result nr_buf_puts(struct nr_buf *b, const char *s);
enum nr_result nr_buf_putc(struct nr_buf *b, char c);
enum nr_result nr_buf_printf(struct nr_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Returns the string (never NULL: "" for an empty buffer) and leaves b empty; free with free(). */
char *nr_buf_detach(struct nr_buf *b);
void nr_buf_reset(struct nr_buf *b); /* len = 0, not full; keeps memory */

#endif
