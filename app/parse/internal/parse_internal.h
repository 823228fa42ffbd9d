/* parse_internal.h: what the parse stage's files share; not part of the stage contract. */
#ifndef NR_PARSE_INTERNAL_H
#define NR_PARSE_INTERNAL_H

#include "buf.h"
#include "decode.h"
#include "feed.h"

#include <stdbool.h>
#include <stddef.h>

/* ---- sniff.c ---- */

/* Format of a document from its first decoded UTF-8 bytes (BOM and blank lines allowed). */
enum feed_format parse_sniff(const char *utf8, size_t len);

/* ---- text.c: normalizing text fields ---- */

/* Appends up to the buffer's cap, cutting at a UTF-8 boundary; returns false once full. */
bool parse_text_append(struct nr_buf *b, const char *s, size_t n);
/* Returns a new plain-text string: tags stripped when strip_tags, HTML entities decoded
 * (windows-1252 numeric references mapped), white space collapsed, cut at max_bytes on
 * a character boundary. NULL when s is NULL or ends up blank (nr_utf8_blank: nothing but
 * spaces and invisible characters). */
char *parse_text_plain(const char *s, bool strip_tags, size_t max_bytes);
/* Appends s[0..n) to b with &, <, > (and " when attr) escaped. */
void parse_text_escape(struct nr_buf *b, const char *s, size_t n, bool attr);
/* Decodes the entity (name without & and ;, or #123 / #x7B) into out; returns the byte
 * count, 0 when unknown. */
size_t parse_text_entity(const char *name, size_t n, char out[8]);
/* Returns a new copy of s, NULL when s is NULL or blank (nr_utf8_blank); cut at max_bytes. */
char *parse_text_dup_capped(const char *s, size_t max_bytes);
/* A field wrapped in CDATA twice (<![CDATA[<![CDATA[ x ]]>]]>, a feed generator adding its
 * own wrapper to text that had one) reaches us as "<![CDATA[ x]>" (libxml2's recovery):
 * when b holds an opening marker, removes every marker ("<![CDATA[", "]]>", "]>") from b
 * in place, for every level. escaped: the markers as parse_text_escape wrote them. */
void parse_text_unwrap_cdata(struct nr_buf *b, bool escaped);

/* ---- feed.c: building items, shared by every format ---- */

struct pbuild {
    struct feed *feed;
    size_t max_items;
    size_t cap_items;
    const char *doc_url; /* the document's URL, borrowed */
};

void parse_build_init(struct pbuild *b, struct feed *f, const struct parse_options *opt);
/* Takes ownership of *it (zeroes it): keeps it when under the item cap, else keeps the
 * newest max_items by date. Applies the publication-date fallback and trims strings. */
void parse_build_commit(struct pbuild *b, struct feed_item *it);
/* Appends a media element to it (copied shallowly: takes ownership of m's strings);
 * returns it's new element, or NULL when over NR_MAX_MEDIA (m's strings are freed). */
struct feed_media *parse_build_add_media(struct feed_item *it, struct feed_media *m);
void parse_build_add_category(struct feed_item *it, char *owned);
void feed_item_release(struct feed_item *it);
void feed_media_release(struct feed_media *m);

/* ---- the format readers; each fills f (already zeroed, format set) ---- */
enum nr_result parse_xml_feed(struct pdec *d, const char *first, size_t first_len,
                              const struct parse_options *opt, struct feed *f, struct nr_err *err);
enum nr_result parse_json_feed(const char *utf8, size_t len, const struct parse_options *opt,
                               struct feed *f, struct nr_err *err);
/* sitemap.c: a news sitemap's <url> entries with a <news:title> as items. */
enum nr_result parse_sitemap(const char *utf8, size_t len, const struct parse_options *opt,
                             struct feed *f, struct nr_err *err);
enum nr_result parse_html_page(const char *utf8, size_t len, const struct parse_options *opt,
                               struct feed *f, struct nr_err *err);

#define PARSE_MAX_CATEGORIES 32
#define PARSE_CHUNK_BYTES (64u * 1024)

#endif
