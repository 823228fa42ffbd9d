/* photometa.h: a photo's own caption and credit, from the IPTC (IIM) and XMP metadata that
 * agencies embed in JPEG files. Pure: bytes in, strings out. */
#ifndef NR_PHOTOMETA_H
#define NR_PHOTOMETA_H

#include <stddef.h>

/* Valid UTF-8, white space collapsed, owned; NULL when the file does not say. */
struct photometa {
    char *byline;    /* IPTC 2:80 By-line, XMP dc:creator */
    char *credit;    /* IPTC 2:110 Credit, XMP photoshop:Credit */
    char *copyright; /* IPTC 2:116 Copyright Notice, XMP dc:rights */
    char *caption;   /* IPTC 2:120 Caption/Abstract, XMP dc:description */
};

/* Reads the metadata of a JPEG's APP1 (XMP) and APP13 (IPTC) segments in data[0..len); other
 * formats, or a file without them, give an empty *out (zeroed first). Reads at most the first
 * 512 KiB; never allocates more than what it returns. */
void photometa_read(const void *data, size_t len, struct photometa *out);
void photometa_release(struct photometa *m); /* accepts NULL / zeroed */

/* The credit line a caption would carry: "By-line/Credit" ("Ana Ruiz/Reuters"), either one
 * alone, else the copyright notice without its "©"; NULL when there is none. New string. */
char *photometa_credit_line(const struct photometa *m);

#endif
