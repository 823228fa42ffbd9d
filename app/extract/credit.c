/* credit.c: photo credits: labels stripped, and split from captions that carry them. */
#include "extract_int.h"

#include "alloc.h"
#include "strutil.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Labels news sites put before a credit, longest first where one is a prefix of another. */
static const char *const labels[] = {
    "image credits:",
    "image credit:",
    "photo credits:",
    "photo credit:",
    "picture credit:",
    "image source,",
    "image source:",
    "photograph by",
    "photographs:",
    "photograph:",
    "photos by",
    "photo by",
    "photos:",
    "photo:",
    "images:",
    "image:",
    "pictures:",
    "picture:",
    "credits:",
    "credit:",
    "foto:",
    "fotos:",
    "bild:",
    "bildquelle:",
    "source:",
    "imagen:",
    "créditos:",
    "crédito:",
    "fotografía:",
    "photographer:",
    "photo courtesy of",
    "photo courtesy",
    "courtesy of",
    "copyright",
    "\xc2\xa9",
    "(c)",
    NULL,
};

static const char *label_at(const char *p)
{
    for (size_t i = 0; labels[i]; i++) {
        size_t n = strlen(labels[i]);
        if (strncasecmp(p, labels[i], n) == 0) {
            /* a word label must end at a word boundary ("Imagery" is no label) */
            unsigned char next = (unsigned char)p[n];
            if (isalpha((unsigned char)labels[i][n - 1]) && isalpha(next))
                continue;
            return p + n;
        }
    }
    return NULL;
}

static bool is_trim(unsigned char c)
{
    return isspace(c) || c == '-' || c == '|' || c == ',' || c == ';' || c == ':';
}

/* Length of an em/en dash at p (UTF-8), 0 when none. */
static size_t dash_at(const char *p)
{
    if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
        ((unsigned char)p[2] == 0x94 || (unsigned char)p[2] == 0x93))
        return 3;
    return 0;
}

static char *trimmed(const char *s, size_t len)
{
    size_t a = 0, b = len;
    for (;;) {
        if (a < b && is_trim((unsigned char)s[a]))
            a++;
        else if (a + 3 <= b && dash_at(s + a))
            a += 3;
        else
            break;
    }
    for (;;) {
        if (b > a && is_trim((unsigned char)s[b - 1]))
            b--;
        else if (b >= a + 3 && dash_at(s + b - 3))
            b -= 3;
        else
            break;
    }
    char *raw = xstrndup(s + a, b - a);
    char *out = nr_collapse_ws(raw);
    free(raw);
    return out;
}

char *extract_credit_clean(const char *s)
{
    if (nr_str_empty(s))
        return NULL;
    char *cur = trimmed(s, strlen(s));
    /* "(Image credit: X)" */
    size_t len = strlen(cur);
    if (len >= 2 && cur[0] == '(' && cur[len - 1] == ')') {
        char *in = trimmed(cur + 1, len - 2);
        free(cur);
        cur = in;
    }
    for (int round = 0; round < 3; round++) {
        const char *rest = label_at(cur);
        if (!rest)
            break;
        char *next = trimmed(rest, strlen(rest));
        free(cur);
        cur = next;
    }
    /* a label alone ("Photo:" trimmed to "Photo") credits nobody */
    size_t cl = strlen(cur);
    bool bare = false;
    for (size_t i = 0; labels[i] && cl; i++)
        bare |= strlen(labels[i]) == cl + 1 && strncasecmp(labels[i], cur, cl) == 0;
    if (!*cur || bare) {
        free(cur);
        return NULL;
    }
    return cur;
}

char *extract_credit_from_line(const char *para)
{
    if (nr_str_empty(para) || strlen(para) > 160)
        return NULL;
    const char *p = para;
    while (*p == ' ' || *p == '(' || *p == '[')
        p++;
    /* Only the explicit labels: "Source:" or "(c)" alone open too many body lines. */
    static const char *const line_labels[] = {
        "image credit", "photo credit", "image source", "photograph:", "photo:", "image:",
        "credit:",      "picture:",     "\xc2\xa9",     "foto:",       NULL
    };
    for (size_t i = 0; line_labels[i]; i++)
        if (strncasecmp(p, line_labels[i], strlen(line_labels[i])) == 0)
            return extract_credit_clean(para);
    return NULL;
}

/* Words that end a caption as the agency or photographer would ("... Bank.—Reuters"). */
static bool looks_like_credit_tail(const char *t)
{
    size_t words = extract_word_count(t);
    if (words == 0 || words > 7)
        return false;
    if (!isupper((unsigned char)t[0]) && (unsigned char)t[0] < 0x80)
        return false;
    size_t len = strlen(t);
    if (len && (t[len - 1] == '.' || t[len - 1] == '?' || t[len - 1] == '!'))
        return false;
    return true;
}

/* What a news agency or photographer puts in brackets after a caption: a slash
 * ("REUTERS/Denis Balibouse", "AP Photo/X") or a wire's name ("AFP", "Getty Images"). */
static bool looks_like_bracket_credit(const char *t)
{
    size_t words = extract_word_count(t);
    if (words == 0 || words > 8)
        return false;
    if (strchr(t, '/') && !strstr(t, "://"))
        return true;
    static const char *const wires[] = {
        "AP",    "AFP",      "Reuters", "REUTERS",   "Getty Images", "Getty",   "EPA",
        "dpa",   "Télam",    "Xinhua",  "Bloomberg", "ANSA",         "EFE",     "PA",
        "AAP",   "Kyodo",    "Yonhap",  "TASS",      "Anadolu",      "Handout", "Shutterstock",
        "Imago", "Keystone", "Sipa",    NULL,
    };
    if (label_at(t))
        return true;
    for (size_t i = 0; wires[i]; i++) {
        size_t n = strlen(wires[i]);
        const char *p = strstr(t, wires[i]);
        if (p && (p == t || !isalpha((unsigned char)p[-1])) && !isalpha((unsigned char)p[n]))
            return true;
    }
    return false;
}

void extract_credit_split(const char *text, char **caption, char **credit)
{
    *caption = NULL;
    *credit = NULL;
    if (nr_str_empty(text))
        return;
    size_t len = strlen(text);
    /* 1. a label inside the text: "...scenarios\"Image: Yuri Kochetkov/AP" */
    for (size_t i = 1; i < len; i++) {
        unsigned char prev = (unsigned char)text[i - 1];
        if (isalpha(prev)) /* labels start a word */
            continue;
        if (!label_at(text + i) || (unsigned char)text[i] == '(')
            continue;
        /* "(c)" and "copyright" inside prose are too common; take them only near the end */
        if ((text[i] == '(' || tolower((unsigned char)text[i]) == 'c') && len - i > 80)
            continue;
        size_t start = i;
        if (text[i - 1] == '(')
            start = i - 1;
        char *cap = trimmed(text, start);
        char *cred = extract_credit_clean(text + start);
        if (cred) {
            *caption = *cap ? cap : (free(cap), NULL);
            *credit = cred;
            return;
        }
        free(cap);
    }
    /* 2. a trailing dash and a name: "...West Bank.—Reuters", "... — photo courtesy X" */
    for (size_t i = len; i-- > 0;) {
        size_t d = (i + 3 <= len) ? dash_at(text + i) : 0;
        if (!d)
            continue;
        char *tail = trimmed(text + i + d, len - i - d);
        char *clean = extract_credit_clean(tail);
        if (clean && looks_like_credit_tail(clean) && i > 0) {
            free(tail);
            char *cap = trimmed(text, i);
            *caption = *cap ? cap : (free(cap), NULL);
            *credit = clean;
            return;
        }
        free(clean);
        free(tail);
        break; /* only the last dash counts */
    }
    /* 3. a credit in brackets at the end: "... in Olympia. (AP Photo/Ted S. Warren)",
     * "WikiLeaks founder Julian Assange (AFP)" */
    if (len > 2 && text[len - 1] == ')') {
        size_t depth = 0, i = len;
        while (i-- > 0) {
            if (text[i] == ')')
                depth++;
            else if (text[i] == '(' && --depth == 0)
                break;
        }
        if (i > 0 && i < len && text[i] == '(' && depth == 0) {
            char *in = trimmed(text + i + 1, len - i - 2);
            if (in && looks_like_bracket_credit(in)) {
                char *cap = trimmed(text, i);
                char *cred = extract_credit_clean(in);
                if (cap && *cap && cred) {
                    *caption = cap;
                    *credit = cred;
                    free(in);
                    return;
                }
                free(cap);
                free(cred);
            }
            free(in);
        }
    }
    *caption = nr_collapse_ws(text);
}
