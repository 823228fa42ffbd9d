/* text.c: text made ready for setting: cleaned, quoted typographically, upper-cased. */
#include "layout_int.h"

#include "alloc.h"
#include "buf.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

/* Bidi embeddings, overrides, isolates and marks: a feed must not be able to flip the slide,
 * so the direction comes from the letters alone. */
static bool is_bidi_control(uint32_t cp)
{
    return cp == 0x200e || cp == 0x200f || cp == 0x061c || (cp >= 0x202a && cp <= 0x202e) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

static bool is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
           cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 ||
           cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000;
}

/* Marks kept on one letter: Vietnamese needs two, pointed Hebrew with cantillation five; a
 * stack of thousands (a feed's "zalgo" text) would draw a column of accents. */
#define MAX_MARKS_PER_LETTER 8

static bool is_combining_mark(uint32_t cp)
{
    int8_t t = u_charType((UChar32)cp);
    return t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK;
}

/* Code points that are never drawn as glyphs but shape their neighbours. */
static bool is_format(uint32_t cp)
{
    return cp == 0x200c || cp == 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f) ||
           (cp >= 0xe0100 && cp <= 0xe01ef) || (cp >= 0xe0020 && cp <= 0xe007f);
}

static uint32_t to_upper(uint32_t cp)
{
    if (cp >= 'a' && cp <= 'z')
        return cp - 32;
    if ((cp >= 0xe0 && cp <= 0xfe && cp != 0xf7))
        return cp - 32;
    if (cp >= 0x100 && cp <= 0x17f && cp != 0x131 && cp != 0x138 && cp != 0x149 && cp != 0x17f) {
        /* Latin Extended-A pairs: even upper, odd lower, except 0x139..0x148 and
         * 0x179..0x17e where odd is upper */
        bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17e);
        if (odd_upper ? (cp % 2 == 0) : (cp % 2 == 1))
            return cp - 1;
        return cp;
    }
    if (cp >= 0x3b1 && cp <= 0x3c9 && cp != 0x3c2)
        return cp - 32;
    if (cp >= 0x430 && cp <= 0x44f)
        return cp - 32;
    if (cp >= 0x450 && cp <= 0x45f)
        return cp - 80;
    return cp;
}

static bool opens_quote(uint32_t prev)
{
    return prev == 0 || is_space(prev) || prev == '(' || prev == '[' || prev == '{' ||
           prev == 0x2014 || prev == 0x2013 || prev == '-' || prev == '/' || prev == 0x201c ||
           prev == 0x2018;
}

static enum nr_result put_cp(struct nr_buf *b, uint32_t cp)
{
    char enc[4];
    size_t n = nr_utf8_encode(cp, enc);
    return nr_buf_append(b, enc, n);
}

char *layout_smart_quotes(const char *utf8)
{
    struct nr_buf b;
    uint32_t prev = 0;
    size_t len = strlen(utf8);
    nr_buf_init(&b, 3 * len + 1);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += nr_utf8_decode(utf8 + i, len - i, &cp);
        if (cp == '"')
            cp = opens_quote(prev) ? 0x201c : 0x201d;
        else if (cp == '\'')
            cp = opens_quote(prev) ? 0x2018 : 0x2019;
        /* cannot fail: the cap allows every byte to become three (U+FFFD, a curly quote) */
        if (put_cp(&b, cp) != NR_OK)
            break;
        prev = cp;
    }
    return nr_buf_detach(&b);
}

bool layout_text_stacks_tall(const char *text)
{
    size_t len = strlen(text);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += nr_utf8_decode(text + i, len - i, &cp);
        if ((cp >= 0x1000 && cp <= 0x109f) || (cp >= 0x1780 && cp <= 0x17ff) ||
            (cp >= 0x0f00 && cp <= 0x0fff) || (cp >= 0xa9e0 && cp <= 0xa9ff) ||
            (cp >= 0xaa60 && cp <= 0xaa7f))
            return true;
    }
    return false;
}

char *layout_text_prepare(const struct text_measurer *m, enum face f, const char *s, bool upper,
                          bool smart_quotes, size_t max_bytes)
{
    struct nr_buf b;
    uint32_t prev = 0;
    bool pending_space = false;
    int marks = 0; /* combining marks on the current letter */
    size_t len = s ? strlen(s) : 0;
    /* the loop stops at max_bytes; the last step may add a space and one code point */
    nr_buf_init(&b, max_bytes + 1 + 4);
    for (size_t i = 0; i < len && b.len < max_bytes;) {
        uint32_t cp;
        i += nr_utf8_decode(s + i, len - i, &cp);
        if (is_space(cp)) {
            pending_space = b.len > 0;
            continue;
        }
        if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || is_bidi_control(cp) || cp == 0xfeff ||
            cp == 0xfffd || (cp >= 0xd800 && cp <= 0xdfff))
            continue;
        if (smart_quotes && cp == '"')
            cp = opens_quote(pending_space ? ' ' : prev) ? 0x201c : 0x201d;
        else if (smart_quotes && cp == '\'')
            cp = opens_quote(pending_space ? ' ' : prev) ? 0x2018 : 0x2019;
        if (is_combining_mark(cp) && !is_format(cp)) {
            if (++marks > MAX_MARKS_PER_LETTER)
                continue;
        } else {
            marks = 0;
        }
        if (upper)
            cp = to_upper(cp);
        /* a code point no font can show is left out rather than drawn as a box */
        if (!is_format(cp) && m->has_glyph && !m->has_glyph(m->ctx, f, cp))
            continue;
        if (pending_space) {
            if (put_cp(&b, ' ') != NR_OK)
                break;
            pending_space = false;
        }
        if (put_cp(&b, cp) != NR_OK)
            break;
        prev = cp;
    }
    return nr_buf_detach(&b);
}
