/* utf8.h: validating and repairing UTF-8; code point helpers. */
#ifndef NR_UTF8_H
#define NR_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

bool nr_utf8_valid(const char *s, size_t len);
/* Length of the run of plain ASCII (0x20..0x7F) that s starts with: bytes that need neither
 * decoding nor repair, nearly all of a feed. Counted eight at a time. */
size_t nr_utf8_plain_run(const char *s, size_t len);
/* Returns a new NUL-terminated copy of s[0..len) where every invalid sequence (and NUL)
 * is replaced by U+FFFD; free with free(). */
char *nr_utf8_sanitize(const char *s, size_t len);
/* Decodes one code point at s (at most len bytes); sets *cp (U+FFFD on an invalid sequence)
 * and returns the bytes consumed (>= 1 when len >= 1). */
size_t nr_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Writes cp as UTF-8 into out (4 bytes room); returns the byte count. */
size_t nr_utf8_encode(uint32_t cp, char out[4]);
/* True when s is NULL or shows nothing: only white space (NBSP, the U+2000 spaces,
 * ideographic space...) and characters that draw no ink (zero-width space and joiners,
 * bidi marks and controls, soft hyphen, word joiner, BOM, variation selectors, Hangul
 * fillers, tag characters, C0/C1 controls). */
bool nr_utf8_blank(const char *s);
/* Number of code points. */
size_t nr_utf8_length(const char *s);

#endif
