/* decode.h: bytes in any charset -> valid UTF-8; the parse stage's decoder, which the extract
 * stage also reads article pages with. */
#ifndef NR_PARSE_DECODE_H
#define NR_PARSE_DECODE_H

#include "buf.h"
#include "nr.h"

#include <iconv.h>
#include <stdbool.h>
#include <stddef.h>

/* ---- encoding.c: bytes in any charset -> valid UTF-8, streamed in chunks ---- */

/* A decoder over data[0..len); owns an iconv handle when the source is not UTF-8. */
struct pdec {
    const unsigned char *src;
    size_t len, pos;
    iconv_t cd;   /* (iconv_t)-1 when the source is UTF-8 */
    size_t unit;  /* bytes skipped on an invalid sequence (2 for UTF-16) */
    char enc[32]; /* iconv name of the source charset, "UTF-8" for UTF-8 */
    bool clean;   /* UTF-8 that needs no repair: read without copying */
};

/* Decides the source charset (BOM, UTF-16 shape, http_charset, XML declaration or HTML meta,
 * the lies of the real world) and readies d. Never fails: unknown charsets read as
 * windows-1252, which maps every byte. */
void parse_dec_init(struct pdec *d, const char *data, size_t len, const char *http_charset);
void parse_dec_release(struct pdec *d);
/* Writes up to cap bytes (cap >= 64) of valid UTF-8 into out, never splitting a character;
 * NUL and other C0 controls but tab/LF/CR become spaces, invalid input U+FFFD.
 * Returns 0 at the end of the source. */
size_t parse_dec_read(struct pdec *d, char *out, size_t cap);
/* parse_dec_read without the copy where it can: returns up to cap bytes straight from the source
 * when the source is clean UTF-8, else decodes into out and returns out. *n = 0 at the end. */
const char *parse_dec_next(struct pdec *d, char *out, size_t cap, size_t *n);
/* Decodes everything into b (capped by b->max_len; TOO_BIG when over). */
enum nr_result parse_dec_read_all(struct pdec *d, struct nr_buf *b);

#endif
