/* alert.h: urgent messages: CAP 1.2 (Common Alerting Protocol) documents and Atom feeds of
 * them, or a plain text file, read into the alerts that should be on screen now. Parsing and
 * choosing are pure; watch.h polls the sources. */
#ifndef NR_ALERT_H
#define NR_ALERT_H

#include "nr.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ALERT_MAX_BYTES (1024u * 1024) /* one CAP document or feed of alerts */
#define ALERT_MAX_ALERTS 64            /* alerts kept from one poll */
#define ALERT_MAX_LINKS 16             /* CAP documents an Atom feed may point to */
#define ALERT_MAX_REFS 32              /* references kept per alert */
#define ALERT_MAX_HEADLINE_BYTES 400   /* longer text is cut at a character boundary */
#define ALERT_MAX_TEXT_BYTES 4000      /* description, instruction */
#define ALERT_MAX_NAME_BYTES 200       /* sender name, event, language, ids */

/* CAP severity, in rising order. Extreme and Severe take the whole screen, Moderate and
 * Minor a band over the slides. Unknown counts as Minor. */
enum alert_severity { ALERT_UNKNOWN, ALERT_MINOR, ALERT_MODERATE, ALERT_SEVERE, ALERT_EXTREME };

enum alert_msg_type { ALERT_MSG_ALERT, ALERT_MSG_UPDATE, ALERT_MSG_CANCEL };

/* One alert, as the info block chosen for the language says it. Strings are owned (NULL
 * when the document has none), whitespace collapsed and capped. */
struct alert {
    char *key; /* "sender,identifier,sent", the form CAP's <references> uses */
    enum alert_msg_type msg_type;
    char **refs; /* keys of earlier alerts this one updates or cancels (owned) */
    size_t n_refs;
    enum alert_severity severity;
    char *urgency, *event, *headline, *description, *instruction, *sender_name, *language;
    int64_t sent_unix;      /* 0: unknown */
    int64_t effective_unix; /* from <onset>, else <effective>, else sent; 0: at once */
    int64_t expires_unix;   /* 0: until withdrawn */
};

struct alert_list {
    struct alert *items; /* owned */
    size_t n;
};

/* Sets up libxml2's global state. libxml2 does it lazily on first use, which races when two
 * threads (the feed worker and the alert watch) parse at once: call from the main thread
 * before those threads start. Idempotent. */
void alert_global_init(void);

void alert_list_release(struct alert_list *l); /* accepts NULL or a zeroed list */
/* Appends a deep copy of a (at most ALERT_MAX_ALERTS: false when full). */
bool alert_list_add_copy(struct alert_list *l, const struct alert *a);

/* Reads a CAP 1.2 <alert> document, or an Atom (or RSS) feed whose entries embed <alert>
 * elements or link to CAP documents (links: the first ALERT_MAX_LINKS are appended to
 * *links, new strings, when links is not NULL). Alerts whose <status> is not Actual are
 * left out with a log line. language (may be NULL or ""): the info block whose <language>
 * matches it (by primary subtag, case-insensitive) is chosen, else the first. Appends to out.
 * NR_ERR_PARSE with err when the XML is malformed or holds no CAP alert nor feed. */
enum nr_result alert_parse_cap(const char *data, size_t len, const char *language,
                               struct alert_list *out, char ***links, size_t *n_links,
                               struct nr_err *err);

/* A plain text alert file: the first non-empty line is the headline, the rest the
 * description; it takes the whole screen (Severe) and stays while the file says it. An
 * empty file is no alert. key_hint names it in the key. Appends to out. */
void alert_parse_text(const char *data, size_t len, const char *key_hint, struct alert_list *out);

/* Whether data looks like XML (CAP or a feed) rather than plain text. */
bool alert_looks_like_xml(const char *data, size_t len);

/* Withdraws what the list itself withdraws: alerts named by the references of an Update or
 * Cancel are dropped, and the Cancels with them. In place. */
void alert_list_resolve(struct alert_list *l);

/* The alert to show at now_unix: in force (effective <= now < expires), the most severe,
 * then the newest sent; NULL when none. *next_change_unix (may be NULL) gets the next time
 * the answer may change (an alert taking effect or expiring), or 0 when none will. */
const struct alert *alert_pick(const struct alert_list *l, int64_t now_unix,
                               int64_t *next_change_unix);

/* Whether the alert takes the whole screen (Extreme, Severe) rather than a band. */
bool alert_is_full_screen(const struct alert *a);

/* Whether a and b would look the same on screen (same key, text, severity and expiry). */
bool alert_same(const struct alert *a, const struct alert *b);

const char *alert_severity_name(enum alert_severity s); /* "Extreme", ... "Unknown" */

#endif
