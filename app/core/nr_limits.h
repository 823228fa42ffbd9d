/* nr_limits.h: every cap Newsreel puts on untrusted input, in one place. */
#ifndef NR_NR_LIMITS_H
#define NR_NR_LIMITS_H

#define NR_MAX_FEED_BYTES (5u * 1024 * 1024)   /* decoded feed body */
#define NR_MAX_PHOTO_BYTES (15u * 1024 * 1024) /* decoded photo body */
#define NR_MAX_ITEMS 200                       /* newest N items kept per feed */
#define NR_MAX_FIELD_BYTES (64u * 1024)        /* title, link, summary... */
#define NR_MAX_CONTENT_BYTES (512u * 1024)     /* full article HTML per item */
#define NR_MAX_TITLE_BYTES 2048                /* a headline longer than this is cut */
#define NR_MAX_MEDIA 32                        /* media elements kept per item */
#define NR_MAX_DEPTH 256                       /* XML / JSON nesting */
#define NR_MAX_REDIRECTS 5
#define NR_MAX_PATH_BYTES 4096       /* a file name Newsreel builds or is given */
#define NR_MAX_URL_BYTES (8u * 1024) /* a URL Newsreel builds */
#define NR_MAX_PHOTO_SIDE 8192       /* px, checked from the header before decoding */
#define NR_MAX_PHOTO_PIXELS (40u * 1000 * 1000)
/* A feed's logo: refused past this side (from the header), then kept at most this tall and
 * wide (a kicker line is under 80 px even at 4K): a few hundred KiB a feed at most. */
#define NR_MAX_LOGO_SIDE 2048
#define NR_LOGO_KEEP_H 128
#define NR_LOGO_KEEP_W 512

#endif
