/* fuzz_support.c: the byte reader and contract checks the harnesses share. */
#include "fuzz.h"

#include "alloc.h"
#include "log.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fuzz_in_init(struct fuzz_in *in, const uint8_t *data, size_t len)
{
    in->data = data;
    in->len = len;
    in->pos = 0;
}

uint8_t fuzz_byte(struct fuzz_in *in)
{
    return in->pos < in->len ? in->data[in->pos++] : 0;
}

size_t fuzz_pick(struct fuzz_in *in, size_t n)
{
    return fuzz_byte(in) % n;
}

char *fuzz_field(struct fuzz_in *in)
{
    if (in->pos >= in->len)
        return NULL;
    const uint8_t *start = in->data + in->pos;
    const uint8_t *nul = memchr(start, 0, in->len - in->pos);
    size_t n = nul ? (size_t)(nul - start) : in->len - in->pos;
    in->pos += n + (nul ? 1 : 0);
    return xstrndup((const char *)start, n);
}

char *fuzz_rest(struct fuzz_in *in)
{
    size_t n = in->len - in->pos;
    char *s = xstrndup((const char *)in->data + in->pos, n);
    in->pos = in->len;
    return s;
}

void fuzz_quiet_log(void)
{
    /* above NR_LOG_ERROR: nothing is printed, so crash reports stay readable */
    nr_log_set_level((enum nr_log_level)(NR_LOG_ERROR + 1));
}

void fuzz_violation(const char *file, int line, const char *what, const char *cond)
{
    fprintf(stderr, "%s:%d: contract broken: %s (%s)\n", file, line, what, cond);
    abort();
}

void fuzz_violation_at(const char *file, int line, const char *what, const char *cond,
                       const char *value)
{
    fprintf(stderr, "%s:%d: contract broken: %s (%s): \"", file, line, what, cond);
    for (size_t i = 0; value && value[i] && i < 300; i++) {
        unsigned char c = (unsigned char)value[i];
        if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\')
            fprintf(stderr, "\\x%02x", c);
        else
            fputc(c, stderr);
    }
    fprintf(stderr, "\"\n");
    abort();
}

void fuzz_check_text(const char *field, const char *s, size_t max_bytes)
{
    if (!s)
        return;
    size_t n = strlen(s);
    if (!nr_utf8_valid(s, n))
        fuzz_violation_at(__FILE__, __LINE__, field, "valid UTF-8", s);
    if (max_bytes && n > max_bytes)
        fuzz_violation_at(__FILE__, __LINE__, field, "within its cap", s);
}
