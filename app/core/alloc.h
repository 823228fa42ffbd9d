/* alloc.h: checked allocation for small internal needs; aborts with the size on OOM.
 * Never use these for sizes that come from input without capping them first (nr_limits.h). */
#ifndef NR_ALLOC_H
#define NR_ALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);            /* NULL in, NULL out */
char *xstrndup(const char *s, size_t n); /* copies at most n bytes, always terminated */
/* Grows *p (of *cap elements of elem bytes) so it holds at least need elements. */
void xgrow(void **p, size_t *cap, size_t need, size_t elem);

#endif
