/* buf.h: a growable byte buffer with a hard cap, always NUL-terminated. */
#ifndef NR_BUF_H
#define NR_BUF_H

#include "nr.h"

/* An append whose result is dropped is a bug: the text may be cut short without a word. */
#define NR_BUF_MUST_USE __attribute__((warn_unused_result))

struct nr_buf {
    char *data; /* never NULL after nr_buf_init; data[len] == '\0'; "" when empty */
    size_t len;
    size_t cap;     /* bytes allocated; 0 while data points at the shared empty string */
    size_t max_len; /* appends past this fail with NR_ERR_TOO_BIG; always given, never 0 */
    bool full;      /* an append failed: every later one fails too (until reset), so
                  the text never goes on past a hole */
};

/* max_len is the most bytes the buffer may ever hold (not counting the NUL); it must be more
 * than 0: every buffer has a cap, chosen where the text comes from. */
void nr_buf_init(struct nr_buf *b, size_t max_len);
/* Frees data and leaves b empty, with its cap, as after nr_buf_init; accepts NULL or a zeroed
 * struct. */
void nr_buf_release(struct nr_buf *b);
/* Appends n bytes. NR_ERR_TOO_BIG when they do not fit under max_len, or when the buffer
 * is full from an earlier failure: the text is then unchanged and the buffer full. Because
 * a failure sticks, the result of the last of a run of appends speaks for all of them. */
NR_BUF_MUST_USE enum nr_result nr_buf_append(struct nr_buf *b, const void *p, size_t n);
/* Appends as much of the n bytes of UTF-8 text at p as fits, never half a character; when
 * that is not all of it, the buffer is full and the result NR_ERR_TOO_BIG. For text whose
 * beginning is worth keeping (a dek's first sentences) where all-or-nothing would lose it. */
NR_BUF_MUST_USE enum nr_result nr_buf_append_prefix(struct nr_buf *b, const char *p, size_t n);
NR_BUF_MUST_USE enum nr_result nr_buf_puts(struct nr_buf *b, const char *s);
NR_BUF_MUST_USE enum nr_result nr_buf_putc(struct nr_buf *b, char c);
NR_BUF_MUST_USE enum nr_result nr_buf_printf(struct nr_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Returns the string (never NULL: "" for an empty buffer) and leaves b empty, as after
 * nr_buf_init; free the string with free(). */
char *nr_buf_detach(struct nr_buf *b);
void nr_buf_reset(struct nr_buf *b); /* len = 0, not full; keeps memory */

#endif
