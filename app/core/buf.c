/* buf.c: capped growable buffer. */
#include "buf.h"

#include "alloc.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What data points at while nothing is allocated (cap == 0), so that data is never NULL, as
 * git's strbuf_slopbuf. Nothing writes to it: every write first allocates. */
static char empty[1];

void nr_buf_init(struct nr_buf *b, size_t max_len)
{
    assert(max_len > 0);
    *b = (struct nr_buf){ .data = empty, .max_len = max_len };
}

void nr_buf_release(struct nr_buf *b)
{
    if (!b)
        return;
    if (b->cap)
        free(b->data);
    *b = (struct nr_buf){ .data = empty, .max_len = b->max_len };
}

enum nr_result nr_buf_append(struct nr_buf *b, const void *p, size_t n)
{
    /* a zeroed struct that missed nr_buf_init has max_len 0, so no room and no write */
    if (b->full || n > b->max_len || b->len > b->max_len - n) {
        b->full = true;
        return NR_ERR_TOO_BIG;
    }
    if (b->len + n + 1 > b->cap) {
        size_t ncap = b->cap ? b->cap : 64;
        while (ncap < b->len + n + 1)
            ncap *= 2;
        b->data = xrealloc(b->cap ? b->data : NULL, ncap);
        b->cap = ncap;
    }
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return NR_OK;
}

enum nr_result nr_buf_append_prefix(struct nr_buf *b, const char *p, size_t n)
{
    if (b->full || b->len > b->max_len || n <= b->max_len - b->len)
        return nr_buf_append(b, p, n);
    size_t room = b->max_len - b->len;
    /* back off to the start of a character: continuation bytes are 10xxxxxx */
    while (room > 0 && ((unsigned char)p[room] & 0xC0) == 0x80)
        room--;
    enum nr_result r = nr_buf_append(b, p, room);
    b->full = true;
    return r == NR_OK ? NR_ERR_TOO_BIG : r;
}

enum nr_result nr_buf_puts(struct nr_buf *b, const char *s)
{
    return nr_buf_append(b, s, strlen(s));
}

enum nr_result nr_buf_putc(struct nr_buf *b, char c)
{
    return nr_buf_append(b, &c, 1);
}

enum nr_result nr_buf_printf(struct nr_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->full = true; /* the text would go on past a hole */
        return NR_ERR_INTERNAL;
    }
    if ((size_t)n < sizeof small)
        return nr_buf_append(b, small, (size_t)n);
    char *big = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    enum nr_result r = nr_buf_append(b, big, (size_t)n);
    free(big);
    return r;
}

char *nr_buf_detach(struct nr_buf *b)
{
    char *s = b->cap ? b->data : xstrdup("");
    *b = (struct nr_buf){ .data = empty, .max_len = b->max_len };
    return s;
}

void nr_buf_reset(struct nr_buf *b)
{
    b->len = 0;
    b->full = false;
    if (b->cap)
        b->data[0] = '\0';
}
