/* pullquote.c: find direct quotations in the article text and pick the one for the slide. */
#include "extract_int.h"

#include "alloc.h"
#include "buf.h"
#include "strutil.h"
#include "utf8.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MIN_WORDS 6
#define MAX_QUOTE_BYTES 600 /* longer "quotations" are mismatched marks */
#define MAX_CANDIDATES 400  /* per item: keeps a pathological text bounded */

enum mark {
    M_STRAIGHT,   /* " */
    M_CURLY,      /* “ ” */
    M_LOW,        /* „ “ */
    M_GUILLEMET,  /* « » */
    M_RGUILLEMET, /* » « */
    M_CORNER,     /* 「 」 */
    M_WCORNER,    /* 『 』 */
    M_SINGLE,     /* ‘ ’ */
    M_APOS,       /* ' */
    M_COUNT,
};

struct cand {
    char *text;
    char *speaker;
    double score;
};

struct scan {
    const char *t;
    size_t len;
    /* The last search for each mark's closer: from `from`, the next closer is at c0 (c1
     * past it), or none when c0 == len. A later search starting in [from, c0] has the same
     * answer, so each byte is searched once per mark and the scan stays linear. */
    bool cached[M_COUNT];
    size_t from[M_COUNT], c0[M_COUNT], c1[M_COUNT];
};

static uint32_t cp_at(const char *t, size_t len, size_t i, size_t *n)
{
    uint32_t cp;
    *n = nr_utf8_decode(t + i, len - i, &cp);
    return cp;
}

static uint32_t cp_before(const char *t, size_t i)
{
    if (i == 0)
        return 0;
    size_t s = i - 1;
    while (s > 0 && (t[s] & 0xC0) == 0x80)
        s--;
    uint32_t cp;
    nr_utf8_decode(t + s, i - s, &cp);
    return cp;
}

static bool is_letter(uint32_t cp)
{
    if (cp < 0x80)
        return isalnum((int)cp) != 0;
    return !(cp <= 0xBF || (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F));
}

static bool opens_here(uint32_t before)
{
    return before == 0 || before == ' ' || before == '(' || before == '[' || before == ':' ||
           before == 0xA0 || before == 0x2014 || before == 0x2013 || before == '\n' ||
           before == '-' || before == '>';
}

/* Which mark opens at i (or M_COUNT), and its byte length. */
static enum mark opener(const struct scan *s, size_t i, size_t *n)
{
    uint32_t cp = cp_at(s->t, s->len, i, n);
    uint32_t before = cp_before(s->t, i);
    switch (cp) {
    case '"': return opens_here(before) ? M_STRAIGHT : M_COUNT;
    case 0x201C: return M_CURLY;
    case 0x201E: return M_LOW;
    case 0xAB: return M_GUILLEMET;
    case 0xBB: return opens_here(before) ? M_RGUILLEMET : M_COUNT;
    case 0x300C: return M_CORNER;
    case 0x300E: return M_WCORNER;
    case 0x2018: return opens_here(before) ? M_SINGLE : M_COUNT;
    case '\'': {
        size_t k;
        uint32_t next = i + *n < s->len ? cp_at(s->t, s->len, i + *n, &k) : 0;
        /* a straight single quote opens only before a capital, after a space */
        return opens_here(before) && next < 0x80 && isupper((int)next) ? M_APOS : M_COUNT;
    }
    default: return M_COUNT;
    }
}

/* A single-quote closer must follow sentence punctuation and end a word. */
static bool single_closes(const struct scan *s, size_t i, size_t n)
{
    uint32_t before = cp_before(s->t, i);
    size_t k;
    uint32_t after = i + n < s->len ? cp_at(s->t, s->len, i + n, &k) : 0;
    return (before == ',' || before == '.' || before == '!' || before == '?') && !is_letter(after);
}

/* Finds the next closer of mark m from position i, however far; returns its start (len when
 * none) and sets *end past it. */
static size_t next_closer(struct scan *s, enum mark m, size_t i, size_t *end)
{
    if (s->cached[m] && i >= s->from[m] && i <= s->c0[m]) {
        *end = s->c1[m];
        return s->c0[m];
    }
    size_t start = i;
    size_t found = s->len, past = s->len;
    while (i < s->len) {
        size_t n;
        uint32_t cp = cp_at(s->t, s->len, i, &n);
        bool hit = false;
        switch (m) {
        case M_STRAIGHT:
            hit =
                cp == '"' || cp == 0x201D || (cp == '\'' && i + 1 < s->len && s->t[i + 1] == '\'');
            if (cp == '\'' && hit)
                n = 2;
            break;
        case M_CURLY: hit = cp == 0x201D || cp == '"'; break;
        case M_LOW: hit = cp == 0x201C || cp == 0x201D; break;
        case M_GUILLEMET: hit = cp == 0xBB; break;
        case M_RGUILLEMET: hit = cp == 0xAB; break;
        case M_CORNER: hit = cp == 0x300D; break;
        case M_WCORNER: hit = cp == 0x300F; break;
        case M_SINGLE: hit = cp == 0x2019 && single_closes(s, i, n); break;
        case M_APOS: hit = cp == '\'' && single_closes(s, i, n); break;
        case M_COUNT: break;
        }
        if (hit) {
            found = i;
            past = i + n;
            break;
        }
        i += n;
    }
    s->cached[m] = true;
    s->from[m] = start;
    s->c0[m] = found;
    s->c1[m] = past;
    *end = past;
    return found;
}

/* The closer of mark m for an opener ending at i, within the length a quotation can have. */
static bool find_closer(struct scan *s, enum mark m, size_t i, size_t *c0, size_t *c1)
{
    size_t end;
    size_t at = next_closer(s, m, i, &end);
    if (at >= s->len || at - i > MAX_QUOTE_BYTES)
        return false;
    *c0 = at;
    *c1 = end;
    return true;
}

/* The quotation's words as the slide shows them: trimmed, a closing comma made a full stop. */
static char *normalize(const char *t, size_t a, size_t b)
{
    char *raw = xstrndup(t + a, b - a);
    char *out = nr_collapse_ws(raw);
    free(raw);
    size_t len = strlen(out);
    while (len && (out[len - 1] == ',' || out[len - 1] == ';' || out[len - 1] == ':')) {
        out[--len] = '\0';
        if (len && out[len - 1] != '.' && out[len - 1] != '!' && out[len - 1] != '?') {
            out[len++] = '.';
            out[len] = '\0';
            break;
        }
    }
    return out;
}

static bool starts_upper(const char *q)
{
    uint32_t cp;
    nr_utf8_decode(q, strlen(q), &cp);
    if (cp < 0x80)
        return isupper((int)cp) != 0;
    return (cp >= 0xC0 && cp <= 0xDE) || (cp >= 0x391 && cp <= 0x3A9) ||
           (cp >= 0x410 && cp <= 0x42F) || cp > 0x2E80; /* CJK has no case */
}

static bool ends_sentence(const char *q)
{
    size_t len = strlen(q);
    if (!len)
        return false;
    char c = q[len - 1];
    return c == '.' || c == '!' || c == '?' ||
           (len >= 3 && strcmp(q + len - 3, "\xe2\x80\xa6") == 0);
}

/* text[a..b) is only an attribution ending with ',' ("Rubio told Orbán,"): a quotation
 * split by it continues after. */
static bool attribution_between(const char *t, size_t a, size_t b)
{
    if (b <= a || b - a > 80)
        return false;
    size_t e = b;
    while (e > a && t[e - 1] == ' ')
        e--;
    /* "... platform," Jack Buser tells The Hollywood Reporter. "You're going ..." */
    if (e == a || (t[e - 1] != ',' && t[e - 1] != '.'))
        return false;
    for (size_t i = a; i + 1 < e; i++)
        if (t[i] == '.' || t[i] == '!' || t[i] == '?' || t[i] == '"' || t[i] == ':')
            return false;
    return true;
}

/* The character before the opening mark, white space skipped (0 at the paragraph start). */
static char lead_char(const char *t, size_t q0)
{
    while (q0 > 0 && t[q0 - 1] == ' ')
        q0--;
    return q0 ? t[q0 - 1] : 0;
}

/* Lower-case words right after the closing mark: the quotation is part of a longer
 * sentence ("... lead" that "has held ..."). */
static bool follows_lower(const char *t, size_t len, size_t end)
{
    while (end < len && t[end] == ' ')
        end++;
    return end < len && islower((unsigned char)t[end]);
}

struct pick {
    struct xnames *names;
    char *headline_folded;
    const char *headline;
    struct cand best;
    size_t n_cands;
};

static double length_score(size_t len)
{
    double s = 0;
    if (len >= 60 && len <= 220)
        s = 2;
    else if ((len >= 40 && len < 60) || (len > 220 && len <= 320))
        s = 1;
    return s + (double)(len < 160 ? len : 160) / 160.0;
}

/* A speaker is a person's name: not "The Nobel laureate" ("El Nobel"), not a company written
 * as one word with a capital inside ("WeWork", "eBay"). */
static bool names_a_person(const char *speaker)
{
    static const char *const determiners[] = {
        "the", "a",   "an",  "el",  "la", "los", "las", "le",   "les",
        "l'",  "der", "die", "das", "il", "lo",  "gli", "o",    "os",
        "as",  "un",  "une", "uma", "um", "una", "ein", "eine", NULL,
    };
    size_t n = strcspn(speaker, " ");
    for (size_t i = 0; determiners[i]; i++)
        if (strlen(determiners[i]) == n && strncasecmp(speaker, determiners[i], n) == 0 &&
            speaker[n] == ' ')
            return false;
    if (!strchr(speaker, ' ')) {
        for (const char *c = speaker + 1; *c; c++)
            if (isupper((unsigned char)*c) && islower((unsigned char)c[-1]))
                return false;
        if (!isupper((unsigned char)speaker[0]) && (unsigned char)speaker[0] < 0x80)
            return false;
    }
    return true;
}

/* Words put in the speaker's mouth ("[Google]") or left out ("... when") mark a quotation
 * the reporter has cut to fit: not one to set large on its own. */
static bool edited(const char *q)
{
    if (strchr(q, '['))
        return true;
    size_t len = strlen(q);
    for (const char *e = strstr(q, "..."); e; e = strstr(e + 3, "..."))
        if ((size_t)(e - q) + 3 < len)
            return true;
    for (const char *e = strstr(q, "\xe2\x80\xa6"); e; e = strstr(e + 3, "\xe2\x80\xa6"))
        if ((size_t)(e - q) + 3 < len)
            return true;
    return false;
}

static void consider(struct pick *p, char *text, char *speaker, bool explicit_name, bool lower_ok,
                     bool two_sentences)
{
    size_t idx = p->n_cands++;
    bool keep = speaker && names_a_person(speaker) && !edited(text) &&
                extract_word_count(text) >= MIN_WORDS && strlen(text) <= MAX_QUOTE_BYTES &&
                (starts_upper(text) || lower_ok);
    char *f = keep ? extract_fold(text) : NULL;
    if (keep && (!*f || strstr(p->headline_folded, f)))
        keep = false; /* the headline's own words are not a pull quote */
    free(f);
    if (!keep) {
        free(text);
        free(speaker);
        return;
    }
    double score = length_score(strlen(text));
    score += explicit_name ? 1 : 0;
    score += starts_upper(text) ? 1 : 0;
    score += ends_sentence(text) ? 0.5 : 0;
    score += strchr(speaker, ' ') ? 0.5 : 0;
    /* the headline's subject speaking is what the slide is about */
    char *fs = extract_fold(speaker);
    const char *sur = strrchr(fs, ' ');
    sur = sur ? sur + 1 : fs;
    if (*sur && strstr(p->headline_folded, sur))
        score += 2;
    free(fs);
    /* the story's lead voice is quoted early: an editor reaches for it before a later one */
    score -= 0.1 * (double)idx;
    score -= two_sentences ? 0.5 : 0; /* joined across an attribution: one is neater */
    if (!p->best.text || score > p->best.score) {
        free(p->best.text);
        free(p->best.speaker);
        p->best = (struct cand){ .text = text, .speaker = speaker, .score = score };
    } else {
        free(text);
        free(speaker);
    }
}

/* The words around a quotation say it is a spokesperson's line ("a spokeswoman said",
 * "porta-voz", "Sprecher"): the story's people speak for themselves. */
static bool for_the_record(const char *t, size_t q0, size_t end)
{
    static const char *const words[] = { "spokes",   "porta-voz",    "portavoz",
                                         "Sprecher", "porte-parole", NULL };
    size_t a = q0 > 160 ? q0 - 160 : 0, b = end + 160;
    size_t len = strlen(t);
    if (b > len)
        b = len;
    /* only the clause before the quotation and the one after it */
    for (size_t i = q0; i > a; i--)
        if (t[i - 1] == '.' && i < q0 && t[i] == ' ') {
            a = i;
            break;
        }
    for (size_t i = end; i < b; i++)
        if ((t[i] == '.' || t[i] == '"') && i > end) {
            b = i;
            break;
        }
    for (size_t w = 0; words[w]; w++) {
        size_t n = strlen(words[w]);
        for (size_t i = a; i + n <= b; i++)
            if (strncasecmp(t + i, words[w], n) == 0 && (i < q0 || i >= end))
                return true;
    }
    return false;
}

static void scan_para(struct pick *p, const char *t)
{
    struct scan s = { .t = t, .len = strlen(t) };
    char *prev_speaker = NULL;
    size_t i = 0;
    while (i < s.len && p->n_cands < MAX_CANDIDATES) {
        size_t n, c0, c1;
        enum mark m = opener(&s, i, &n);
        if (m == M_COUNT || !find_closer(&s, m, i + n, &c0, &c1)) {
            i += n;
            continue;
        }
        size_t q0 = i, qa = i + n;
        struct nr_buf raw;
        nr_buf_init(&raw, MAX_QUOTE_BYTES * 2 + 8);
        if (nr_buf_append(&raw, t + qa, c0 - qa) != NR_OK) {
            nr_buf_release(&raw); /* longer than any pull quote */
            i += n;
            continue;
        }
        size_t end = c1;
        bool joined_stop = false;
        /* "We want this country to do well," Rubio told Orbán, "especially ..." */
        if (c0 > qa && t[c0 - 1] == ',') {
            size_t j = c1;
            while (j < s.len && j < c1 + 80) {
                size_t n2;
                enum mark m2 = opener(&s, j, &n2);
                if (m2 != M_COUNT) {
                    size_t d0, d1;
                    /* after "he said," the sentence goes on in lower case; after "he
                     * said." a new one starts */
                    size_t ae = j;
                    while (ae > c1 && t[ae - 1] == ' ')
                        ae--;
                    bool after_stop = ae > c1 && t[ae - 1] == '.';
                    unsigned char first = (unsigned char)t[j + n2];
                    if (attribution_between(t, c1, j) && find_closer(&s, m2, j + n2, &d0, &d1) &&
                        d0 > j + n2 && d0 - (j + n2) <= MAX_QUOTE_BYTES &&
                        (after_stop ? isupper(first) != 0 : islower(first) != 0)) {
                        size_t first_len = raw.len;
                        if (nr_buf_putc(&raw, ' ') == NR_OK &&
                            nr_buf_append(&raw, t + j + n2, d0 - (j + n2)) == NR_OK) {
                            if (after_stop && first_len && raw.data[first_len - 1] == ',')
                                raw.data[first_len - 1] = '.'; /* two sentences */
                            joined_stop = after_stop;
                            end = d1;
                        }
                    }
                    break;
                }
                j += n2;
            }
        }
        bool joined = end != c1;
        char lc = lead_char(t, q0);
        /* a quotation standing as its own sentence may continue the one before it */
        bool standalone = (lc == 0 || lc == '.' || lc == '!' || lc == '?' || lc == '"' ||
                           (unsigned char)lc == 0x9D) &&
                          !follows_lower(t, s.len, end);
        bool explicit_name = false;
        char *speaker = extract_speaker_find(p->names, t, q0, c1, standalone ? prev_speaker : NULL,
                                             &explicit_name);
        char *text = normalize(raw.data, 0, raw.len);
        nr_buf_release(&raw);
        /* a spokesperson's line is not what a slide quotes */
        if (speaker && (for_the_record(t, q0, end) || (joined && for_the_record(t, q0, c1)))) {
            free(speaker);
            speaker = NULL;
        }
        bool lower_ok = lc == 0 || lc == ':' || joined || extract_speaker_reported(t, q0);
        if (speaker) {
            free(prev_speaker);
            prev_speaker = xstrdup(speaker);
        }
        consider(p, text, speaker, explicit_name, lower_ok, joined_stop);
        i = end;
    }
    free(prev_speaker);
}

static void pick_from(struct pick *p, const struct xdoc *doc)
{
    for (size_t i = 0; doc && i < doc->n_paras; i++) {
        const struct xpara *para = &doc->paras[i];
        if (para->kind == XPARA_BODY)
            scan_para(p, para->text);
        extract_names_scan(p->names, para->text);
    }
}

void extract_quote_pick(const struct xdoc *doc, const struct xdoc *summary_doc,
                        const char *headline, const char *extra_names_text, char **quote,
                        char **speaker)
{
    *quote = NULL;
    *speaker = NULL;
    const struct xdoc *docs[2] = { doc, summary_doc };
    for (int d = 0; d < 2 && !*quote; d++) {
        if (!docs[d] || docs[d]->n_paras == 0)
            continue;
        struct pick p = { .names = extract_names_new(),
                          .headline = headline,
                          .headline_folded = extract_fold(headline) };
        /* full names from anywhere in the item: "Putin" is "Vladimir Putin" */
        extract_names_set_headline(p.names, headline);
        extract_names_scan(p.names, headline);
        extract_names_scan(p.names, extra_names_text);
        for (size_t i = 0; i < docs[d]->n_paras; i++)
            extract_names_scan(p.names, docs[d]->paras[i].text);
        extract_names_forget_last(p.names);
        pick_from(&p, docs[d]);
        *quote = p.best.text;
        *speaker = p.best.speaker;
        free(p.headline_folded);
        extract_names_free(p.names);
    }
}
