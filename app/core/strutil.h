/* strutil.h: small string helpers shared by the stages. */
#ifndef NR_STRUTIL_H
#define NR_STRUTIL_H

#include <stdbool.h>
#include <stddef.h>

/* Returns a new string: runs of white space (ASCII and U+00A0) collapsed to one space,
 * trimmed at both ends. NULL in, NULL out; free with free(). */
char *nr_collapse_ws(const char *s);
bool nr_starts_with(const char *s, const char *prefix);
bool nr_starts_with_ci(const char *s, const char *prefix); /* ASCII case-insensitive */
bool nr_str_empty(const char *s);                          /* NULL, "" or only white space */
/* Parses a base-10 int in [min, max] with nothing after it; false otherwise. */
bool nr_parse_int(const char *s, long min, long max, long *out);

#endif
