/* fold.c: comparing texts (folding), word counts, slugs, and plain text from feed strings. */
#include "extract_int.h"

#include "alloc.h"
#include "buf.h"
#include "nr_limits.h"
#include "strutil.h"
#include "utf8.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Letters and digits survive folding; punctuation and symbols become spaces. */
static bool cp_is_wordish(uint32_t cp)
{
    if (cp < 0x80)
        return isalnum((int)cp) != 0;
    if (cp >= 0x80 && cp <= 0xBF) /* Latin-1 punctuation, NBSP, symbols */
        return false;
    if (cp == 0xD7 || cp == 0xF7)
        return false;
    if (cp >= 0x2000 && cp <= 0x206F) /* general punctuation: quotes, dashes */
        return false;
    if (cp >= 0x3000 && cp <= 0x303F) /* CJK punctuation: 「」 */
        return false;
    if (cp >= 0xFE30 && cp <= 0xFE4F)
        return false;
    if (cp >= 0xFF00 && cp <= 0xFF0F)
        return false;
    if (cp == 0xFFFD)
        return false;
    return true;
}

char *extract_fold(const char *s)
{
    if (!s)
        return xstrdup("");
    size_t len = strlen(s);
    char *out = xmalloc(len + 1);
    size_t o = 0;
    bool space = false;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = nr_utf8_decode(s + i, len - i, &cp);
        if (cp_is_wordish(cp)) {
            if (space && o)
                out[o++] = ' ';
            space = false;
            if (cp < 0x80) {
                out[o++] = (char)tolower((int)cp);
            } else {
                if ((cp >= 0xC0 && cp <= 0xDE) || (cp >= 0x391 && cp <= 0x3A9) ||
                    (cp >= 0x410 && cp <= 0x42F))
                    cp += 0x20; /* Latin-1, Greek, Cyrillic capitals */
                char enc[4];
                size_t k = nr_utf8_encode(cp, enc);
                memcpy(out + o, enc, k); /* lower case never needs more bytes here */
                o += k;
            }
        } else if (cp == '\'' || cp == 0x2019 || cp == 0x2018) {
            /* apostrophes join a word ("don't" and "don’t" fold alike) */
        } else {
            space = true;
        }
        i += n;
    }
    out[o] = '\0';
    return out;
}

size_t extract_word_count(const char *s)
{
    size_t n = 0;
    bool in = false;
    for (; s && *s; s++) {
        bool ws = *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r';
        if (!ws && !in)
            n++;
        in = !ws;
    }
    return n;
}

bool extract_text_repeats(const char *a, const char *b)
{
    if (nr_str_empty(a) || nr_str_empty(b))
        return false;
    char *fa = extract_fold(a), *fb = extract_fold(b);
    size_t la = strlen(fa), lb = strlen(fb);
    bool rep = false;
    if (la && lb) {
        const char *lo = la >= lb ? fa : fb, *sh = la >= lb ? fb : fa;
        size_t llo = la >= lb ? la : lb, lsh = la >= lb ? lb : la;
        /* equal, or the shorter is most of the longer */
        rep = strcmp(fa, fb) == 0 || (strstr(lo, sh) && lsh * 10 >= llo * 7);
    }
    free(fa);
    free(fb);
    return rep;
}

bool extract_text_is_slug(const char *s)
{
    if (nr_str_empty(s))
        return true;
    size_t len = strlen(s), lower = 0, upper = 0, dash = 0, under = 0, digit = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        lower += islower(c) != 0;
        upper += isupper(c) != 0;
        dash += c == '-';
        under += c == '_';
        digit += isdigit(c) != 0;
    }
    size_t words = extract_word_count(s);
    static const char *const exts[] = { ".jpg", ".jpeg", ".png", ".gif", ".webp", NULL };
    for (size_t i = 0; exts[i]; i++) {
        size_t el = strlen(exts[i]);
        if (len >= el && strncasecmp(s + len - el, exts[i], el) == 0)
            return true;
    }
    if (dash >= 2 && lower == 0 && upper > 0) /* GERMANY-POLITICS-DEFENCE */
        return true;
    if (words <= 3 && (under > 0 || (digit > 0 && digit * 3 >= len))) /* screen_500 (1) */
        return true;
    if (words == 1 && (dash > 0 || digit > 0))
        return true;
    return false;
}

char *extract_plain(const char *s)
{
    if (!s)
        return NULL;
    bool markup = false;
    for (const char *p = s; *p && !markup; p++) {
        if (*p == '<' && (isalpha((unsigned char)p[1]) || p[1] == '/' || p[1] == '!'))
            markup = true;
        if (*p == '&') {
            const char *q = p + 1;
            if (*q == '#')
                q++;
            const char *start = q;
            while (isalnum((unsigned char)*q) && q - start < 10)
                q++;
            if (q > start && *q == ';')
                markup = true;
        }
    }
    if (!markup)
        return nr_collapse_ws(s);
    /* Feeds double-escape ("&amp;amp;") or put markup in text fields: read it as HTML. */
    struct xdoc d;
    extract_doc_parse(s, NULL, 0, &d);
    struct nr_buf b;
    nr_buf_init(&b, NR_MAX_CONTENT_BYTES);
    for (size_t i = 0; i < d.n_paras; i++) {
        const char *t = d.paras[i].text;
        /* past the cap the text ends on a whole character: its beginning is what shows */
        if ((b.len && nr_buf_putc(&b, ' ') != NR_OK) ||
            nr_buf_append_prefix(&b, t, strlen(t)) != NR_OK)
            break;
    }
    extract_doc_release(&d);
    char *raw = nr_buf_detach(&b);
    char *out = nr_collapse_ws(raw);
    free(raw);
    return out;
}

/* True for a word of an agency list: "AFP", "dpa", "Reuters"... */
static bool is_agency(const char *w, size_t n)
{
    static const char *const agencies[] = {
        "AFP",          "AP",   "dpa",  "Reuters",  "EFE",    "KNA", "epd", "Xinhua", "AAP",
        "ANSA",         "Lusa", "TASS", "Interfax", "IANS",   "PTI", "APA", "SID",    "sda",
        "Keystone-SDA", "UPI",  "ANI",  "Kyodo",    "Yonhap", "DW",  "BBC", "CNN",    NULL,
    };
    for (size_t i = 0; agencies[i]; i++)
        if (strlen(agencies[i]) == n && strncasecmp(w, agencies[i], n) == 0)
            return true;
    return false;
}

bool extract_text_is_signoff(const char *s)
{
    size_t len = s ? strlen(s) : 0;
    if (len < 4 || len > 100 || s[len - 1] != ')')
        return false;
    const char *open = strrchr(s, '(');
    if (!open)
        return false;
    /* before the list: editors' initials only ("jsi, kb/nm") */
    for (const char *p = s; p < open; p++) {
        unsigned char c = (unsigned char)*p;
        if (!(islower(c) || c == ',' || c == '/' || c == ' '))
            return false;
    }
    size_t words = 0;
    bool agency = false;
    for (const char *p = open + 1; p < s + len - 1;) {
        while (*p == ' ' || *p == ',' || *p == '/')
            p++;
        const char *w = p;
        while (p < s + len - 1 && *p != ',' && *p != ' ' && *p != '/')
            p++;
        if (p == w)
            break;
        if ((size_t)(p - w) > 14)
            return false;
        agency |= is_agency(w, (size_t)(p - w));
        words++;
    }
    return agency && words <= 8;
}
