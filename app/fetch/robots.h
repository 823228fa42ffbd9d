/* robots.h: what a site's robots.txt allows Newsreel to fetch. Pure: text in, answers out. */
#ifndef NR_ROBOTS_H
#define NR_ROBOTS_H

#include <stdbool.h>
#include <stddef.h>

/* The product token Newsreel's rules are written for ("User-agent: Newsreel"). */
#define ROBOTS_AGENT "newsreel"

/* True when robots.txt text[0..len) lets agent (a product token, matched case-insensitively
 * as a User-agent line's value or its start) fetch path (path and query of the URL, "/" when
 * empty). The group naming agent applies, else the "*" group; within it the longest matching
 * Allow/Disallow wins, Allow on a tie ('*' and '$' patterns as in RFC 9309). No group, or
 * NULL text: allowed. */
bool robots_allows(const char *text, size_t len, const char *agent, const char *path);

/* Calls fn for each "Sitemap:" URL in text (at most max), in order. */
void robots_sitemaps(const char *text, size_t len, size_t max,
                     void (*fn)(void *ctx, const char *url), void *ctx);

#endif
