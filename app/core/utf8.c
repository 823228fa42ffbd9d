/* utf8.c: strict UTF-8 (no overlongs, no surrogates, max U+10FFFF). */
#include "utf8.h"

#include "alloc.h"

#include <string.h>

size_t nr_utf8_decode(const char *str, size_t len, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    if (len == 0) {
        *cp = 0xFFFD;
        return 0;
    }
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        v = c & 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        v = c & 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        v = c & 0x07;
        min = 0x10000;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if (len < n) {
        *cp = 0xFFFD;
        return 1;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = v;
    return n;
}

size_t nr_utf8_encode(uint32_t cp, char out[4])
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t nr_utf8_plain_run(const char *s, size_t len)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    size_t i = 0;
    for (; len - i >= 8; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, sizeof w);
        /* a high bit set, or a byte below 0x20 (the "has a byte less than" trick) */
        if (((w | ((w - 0x20 * ones) & ~w)) & highs) != 0)
            break;
    }
    while (i < len && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x80)
        i++;
    return i;
}

bool nr_utf8_valid(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        i += nr_utf8_plain_run(s + i, len - i);
        if (i == len)
            break;
        uint32_t cp;
        size_t n = nr_utf8_decode(s + i, len - i, &cp);
        if (cp == 0xFFFD && !(n == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0))
            return false;
        if (cp == 0)
            return false;
        i += n;
    }
    return true;
}

char *nr_utf8_sanitize(const char *s, size_t len)
{
    /* worst case: every byte becomes 3 bytes of U+FFFD */
    char *out = xmalloc(len * 3 + 1);
    size_t o = 0, i = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = nr_utf8_decode(s + i, len - i, &cp);
        if (cp == 0)
            cp = 0xFFFD;
        o += nr_utf8_encode(cp, out + o);
        i += n;
    }
    out[o] = '\0';
    return xrealloc(out, o + 1);
}

size_t nr_utf8_length(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

/* A code point that takes room or ink on a slide; see nr_utf8_blank. */
static bool cp_shows(uint32_t cp)
{
    if (cp <= 0x20 || (cp >= 0x7F && cp <= 0xA0))
        return false; /* C0, space, DEL, C1, no-break space */
    switch (cp) {
    case 0xAD:   /* soft hyphen */
    case 0x34F:  /* combining grapheme joiner */
    case 0x61C:  /* Arabic letter mark */
    case 0x115F: /* Hangul fillers */
    case 0x1160:
    case 0x1680: /* Ogham space mark */
    case 0x180E: /* Mongolian vowel separator */
    case 0x202F: /* narrow no-break space */
    case 0x205F: /* medium mathematical space */
    case 0x2800: /* braille blank */
    case 0x3000: /* ideographic space */
    case 0x3164: /* Hangul filler */
    case 0xFEFF: /* zero-width no-break space (BOM) */
    case 0xFFA0: /* halfwidth Hangul filler */ return false;
    default: break;
    }
    if (cp >= 0x180B && cp <= 0x180F) /* Mongolian variation selectors */
        return false;
    if (cp >= 0x2000 && cp <= 0x200F) /* spaces, zero-width space and joiners, LRM/RLM */
        return false;
    if (cp >= 0x2028 && cp <= 0x202E) /* line/paragraph separators, bidi embeddings */
        return false;
    if (cp >= 0x2060 && cp <= 0x206F) /* word joiner, invisible operators, bidi isolates */
        return false;
    if (cp >= 0xFE00 && cp <= 0xFE0F) /* variation selectors */
        return false;
    if (cp >= 0xFFF0 && cp <= 0xFFF8)
        return false;
    if (cp >= 0x1BCA0 && cp <= 0x1BCA3) /* shorthand format controls */
        return false;
    if (cp >= 0xE0000 && cp <= 0xE0FFF) /* tags, variation selectors supplement */
        return false;
    return true;
}

bool nr_utf8_blank(const char *s)
{
    if (!s)
        return true;
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += nr_utf8_decode(s + i, len - i, &cp);
        if (cp_shows(cp))
            return false;
    }
    return true;
}
