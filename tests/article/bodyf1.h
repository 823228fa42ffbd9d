/* bodyf1.h: body-text F1 the way article-extraction-benchmark's evaluate.py computes it:
 * tokens are runs of \w, each text the multiset of its 4-token shingles, per page tp/fp/fn
 * normalised to sum to 1, precision and recall the means over pages, F1 their harmonic mean.
 * Shared by the corpus test and bench_article; static functions, include once per program. */
#ifndef NR_BODYF1_H
#define NR_BODYF1_H

#include "alloc.h"
#include "utf8.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Tokens are runs of \w: ASCII letters, digits and '_' and every non-ASCII code point that
 * is not punctuation or a space (a close reading of Python's Unicode \w for news text). */
static bool word_cp(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
               cp == '_';
    if (cp <= 0xBF)
        return cp == 0xAA || cp == 0xB5 || cp == 0xBA || cp == 0xB2 || cp == 0xB3 || cp == 0xB9 ||
               cp == 0xBC || cp == 0xBD || cp == 0xBE;
    if (cp == 0xD7 || cp == 0xF7)
        return false;
    if (cp >= 0x2000 && cp <= 0x206F)
        return false; /* general punctuation */
    if (cp >= 0x3000 && cp <= 0x3003)
        return false;
    if (cp >= 0x3008 && cp <= 0x3011)
        return false;
    if (cp >= 0xFF01 && cp <= 0xFF0F)
        return false;
    if (cp >= 0xFF1A && cp <= 0xFF20)
        return false;
    if (cp == 0x30FB || cp == 0x060C || cp == 0x061F || cp == 0x066B || cp == 0x066C ||
        cp == 0x06D4 || cp == 0x0964 || cp == 0x00A0 || cp == 0xFEFF || cp == 0x3014 ||
        cp == 0x3015)
        return false;
    return true;
}

struct shingles {
    uint64_t *h;
    size_t n;
};

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void make_shingles(const char *t, struct shingles *s)
{
    uint64_t *tok = NULL;
    size_t nt = 0, ct = 0;
    size_t len = t ? strlen(t) : 0;
    uint64_t h = 1469598103934665603ull;
    bool in = false;
    for (size_t i = 0; i <= len;) {
        uint32_t cp = 0;
        size_t k = i < len ? nr_utf8_decode(t + i, len - i, &cp) : 1;
        bool w = i < len && word_cp(cp);
        if (w) {
            for (size_t j = 0; j < k; j++)
                h = (h ^ (unsigned char)t[i + j]) * 1099511628211ull;
            in = true;
        } else if (in) {
            xgrow((void **)&tok, &ct, nt + 1, sizeof *tok);
            tok[nt++] = h;
            h = 1469598103934665603ull;
            in = false;
        }
        i += k;
    }
    s->n = 0;
    s->h = NULL;
    size_t n = nt >= 4 ? nt - 3 : (nt ? 1 : 0);
    if (n)
        s->h = xmalloc(n * sizeof *s->h);
    for (size_t i = 0; i < n; i++) {
        uint64_t x = 0;
        for (size_t j = i; j < i + 4 && j < nt; j++)
            x = (x * 0x9E3779B97F4A7C15ull) ^ tok[j];
        s->h[s->n++] = x;
    }
    if (s->n)
        qsort(s->h, s->n, sizeof *s->h, cmp_u64);
    free(tok);
}

/* tp, fp, fn of pred against truth, normalised to sum to 1. */
static void tp_fp_fn(const char *truth, const char *pred, double r[3])
{
    struct shingles t, p;
    make_shingles(truth, &t);
    make_shingles(pred, &p);
    size_t i = 0, j = 0, tp = 0;
    while (i < t.n && j < p.n) {
        if (t.h[i] == p.h[j]) {
            tp++;
            i++;
            j++;
        } else if (t.h[i] < p.h[j]) {
            i++;
        } else {
            j++;
        }
    }
    double fp = (double)(p.n - tp), fn = (double)(t.n - tp), s = (double)tp + fp + fn;
    if (s == 0)
        s = 1;
    r[0] = tp / s;
    r[1] = fp / s;
    r[2] = fn / s;
    free(t.h);
    free(p.h);
}

struct f1acc {
    double p_sum, r_sum;
    size_t p_n, r_n;
};

static void f1_add(struct f1acc *a, const char *truth, const char *pred)
{
    double r[3];
    tp_fp_fn(truth, pred, r);
    bool same = r[1] == 0 && r[2] == 0;
    if (r[0] + r[1] > 0) {
        a->p_sum += same ? 1 : r[0] / (r[0] + r[1]);
        a->p_n++;
    }
    if (r[0] + r[2] > 0) {
        a->r_sum += same ? 1 : r[0] / (r[0] + r[2]);
        a->r_n++;
    }
}

static double f1_of(const struct f1acc *a, double *pp, double *rr)
{
    double p = a->p_n ? a->p_sum / (double)a->p_n : 0, r = a->r_n ? a->r_sum / (double)a->r_n : 0;
    if (pp)
        *pp = p;
    if (rr)
        *rr = r;
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

#endif
