/* extract_int.h: what the extract stage's files share among themselves; not a contract for
 * other stages (use story.h). Everything here is pure and single-threaded per call. */
#ifndef NR_EXTRACT_INT_H
#define NR_EXTRACT_INT_H

#include "story.h"

#include <stdbool.h>
#include <stddef.h>

/* ---- html.c: an HTML fragment walked into classified paragraphs and images ---- */

enum xpara_kind {
    XPARA_BODY,    /* running text: the only kind quotes are taken from */
    XPARA_HEADING, /* h1-h6, or a short paragraph set wholly in bold (a subhead) */
    XPARA_CAPTION, /* figcaption text */
    XPARA_CHROME,  /* bylines, sign-offs, "Skip to content", credit lines */
};

struct xpara {
    char *text; /* owned; white space collapsed, never empty */
    enum xpara_kind kind;
    size_t imgs_before; /* how many images the document had before this paragraph */
};

struct ximg {
    char *src;         /* owned; absolute when a base was given; the chosen srcset entry */
    char *alt;         /* owned or NULL */
    char *caption;     /* figcaption / data-caption text, credit spans removed; or NULL */
    char *credit;      /* credit span / data-credit; or NULL */
    int width, height; /* attributes, 0 when absent */
    bool in_figure;
};

struct xdoc {
    struct xpara *paras;
    size_t n_paras, cap_paras;
    struct ximg *imgs;
    size_t n_imgs, cap_imgs;
};

/* Parses html (may be NULL) into *out (zeroed first). base_url resolves img URLs (may be
 * NULL); screen_w picks srcset entries (0: 1920). Linear in the input size. */
void extract_doc_parse(const char *html, const char *base_url, int screen_w, struct xdoc *out);
void extract_doc_release(struct xdoc *d);

/* ---- text helpers (fold.c) ---- */

/* New string: lower case (ASCII), curly quotes and guillemets straightened, punctuation
 * dropped, white space collapsed. For comparing texts. */
char *extract_fold(const char *s);
/* True when a (folded) mostly repeats b: equal, or one contains the other's words. */
bool extract_text_repeats(const char *a, const char *b);
size_t extract_word_count(const char *s);
/* Text that is an agency slug ("GERMANY-POLITICS-...") or a file name, not prose. */
bool extract_text_is_slug(const char *s);
/* An agency sign-off line: "jsi, kb/nm (AFP, dpa, Reuters, AP)". */
bool extract_text_is_signoff(const char *s);
/* s with HTML entities decoded and tags removed when it looks like markup or carries
 * entities (feeds double-escape); else a plain copy. New string, white space collapsed. */
char *extract_plain(const char *s);

/* ---- credit.c ---- */

/* Splits a caption that carries its credit ("...scenarios" + "Image: X", "... — Reuters",
 * "(Image credit: X)") into *caption and *credit (new strings or NULL). */
void extract_credit_split(const char *text, char **caption, char **credit);
/* Returns a new credit string with labels ("Photo:", "©", "(Image credit: ...)") removed,
 * or NULL when nothing is left. */
char *extract_credit_clean(const char *s);
/* Returns a new credit when the paragraph is a credit line ("(Image credit: X)",
 * "Photo: X"); NULL otherwise. */
char *extract_credit_from_line(const char *para);

/* ---- photo.c ---- */

struct xphoto {
    char *url, *caption, *credit; /* new strings or NULL */
    char *left_out;               /* no photo found: the first image left out as junk, or NULL */
    const char *left_out_why;     /* and why (static) */
};
/* Picks the lead photo of item among its media and the images of doc (its content). */
void extract_photo_pick(const struct feed_item *item, const struct xdoc *doc, const char *headline,
                        const struct extract_options *opt, struct xphoto *out);
/* True for tracking pixels, icons, spacers, avatars, share buttons. */
bool extract_photo_is_junk(const char *url, int width, int height);
/* Why url (with its width and height, 0 when unknown) is such junk, or NULL when it is
 * not: a static string ("a tracking pixel (by its size)"). */
const char *extract_photo_junk_why(const char *url, int width, int height);

/* ---- speaker.c ---- */

/* Names the text mentions, for resolving "Putin" to "Vladimir Putin" and pronouns. */
struct xnames;
struct xnames *extract_names_new(void);
void extract_names_free(struct xnames *n);
/* Records the names in text (in reading order). */
void extract_names_scan(struct xnames *n, const char *text);
/* The speaker of a quotation at text[q0..q1) (q0 at the opening mark, q1 just past the
 * closing one) inside paragraph text, or NULL. prev_speaker: the speaker of the quotation
 * just before in the same paragraph (a continued quotation), or NULL. *explicit_name is set
 * when a name (not a pronoun) was the attribution. Returns a new string. */
char *extract_speaker_find(struct xnames *n, const char *text, size_t q0, size_t q1,
                           const char *prev_speaker, bool *explicit_name);
/* True when the words before q0 report speech ("said on Sunday that"): a quotation opening
 * in lower case there is still a whole clause. */
bool extract_speaker_reported(const char *text, size_t q0);
/* Remembers the headline: a lone surname it uses is a person's. */
void extract_names_set_headline(struct xnames *n, const char *headline);
/* Forgets the person named last (names scanned ahead of reading keep their full forms). */
void extract_names_forget_last(struct xnames *n);

/* ---- pullquote.c ---- */

/* Picks the pull quote from body paragraphs of doc (and, when NULL there, summary_doc).
 * Sets *quote and *speaker (new strings) or leaves both NULL. */
void extract_quote_pick(const struct xdoc *doc, const struct xdoc *summary_doc,
                        const char *headline, const char *extra_names_text, char **quote,
                        char **speaker);

#endif
