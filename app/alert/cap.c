/* cap.c: CAP 1.2 alerts (an <alert> document, or a feed of them) read with libxml2 into
 * struct alert, and the rules that decide which alert is in force.
 *
 * Why a DOM: a CAP document is small (capped at ALERT_MAX_BYTES) and its parts refer to one
 * another (info blocks by language), so a tree is the plain way to read it. The parser never
 * loads a DTD, expands no external entity and touches no network (XML_PARSE_NONET, no
 * XML_PARSE_NOENT); malformed XML is an error, not a guess: an alert is not a place for a
 * lenient reading. Elements are matched by local name, so CAP 1.1 documents and the cap:
 * prefixed fields that warning services put in Atom entries read the same. */
#include "alert.h"

#include "alloc.h"
#include "feed.h"
#include "log.h"
#include "strutil.h"
#include "utf8.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CAP_XML_OPTS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT)

void alert_global_init(void)
{
    xmlInitParser();
}

static void alert_release(struct alert *a)
{
    free(a->key);
    for (size_t i = 0; i < a->n_refs; i++)
        free(a->refs[i]);
    free(a->refs);
    free(a->urgency);
    free(a->event);
    free(a->headline);
    free(a->description);
    free(a->instruction);
    free(a->sender_name);
    free(a->language);
    memset(a, 0, sizeof *a);
}

void alert_list_release(struct alert_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++)
        alert_release(&l->items[i]);
    free(l->items);
    l->items = NULL;
    l->n = 0;
}

bool alert_list_add_copy(struct alert_list *l, const struct alert *a)
{
    if (l->n >= ALERT_MAX_ALERTS)
        return false;
    l->items = xrealloc(l->items, (l->n + 1) * sizeof *l->items);
    struct alert *c = &l->items[l->n++];
    *c = *a;
    c->key = xstrdup(a->key);
    c->refs = a->n_refs ? xcalloc(a->n_refs, sizeof *c->refs) : NULL;
    for (size_t i = 0; i < a->n_refs; i++)
        c->refs[i] = xstrdup(a->refs[i]);
    c->urgency = xstrdup(a->urgency);
    c->event = xstrdup(a->event);
    c->headline = xstrdup(a->headline);
    c->description = xstrdup(a->description);
    c->instruction = xstrdup(a->instruction);
    c->sender_name = xstrdup(a->sender_name);
    c->language = xstrdup(a->language);
    return true;
}

/* Takes a (moved, not copied); false (and a released) when the list is full. */
static bool list_take(struct alert_list *l, struct alert *a)
{
    if (l->n >= ALERT_MAX_ALERTS) {
        alert_release(a);
        return false;
    }
    l->items = xrealloc(l->items, (l->n + 1) * sizeof *l->items);
    l->items[l->n++] = *a;
    memset(a, 0, sizeof *a);
    return true;
}

/* A new string: s with its white space collapsed, cut to at most max bytes at a character
 * boundary (an ellipsis marks the cut); NULL when s shows nothing. */
static char *clean_text(const char *s, size_t max)
{
    if (!s || nr_utf8_blank(s))
        return NULL;
    size_t len = strlen(s);
    char *safe = nr_utf8_sanitize(s, len < max * 2 + 8 ? len : max * 2 + 8);
    char *c = nr_collapse_ws(safe);
    free(safe);
    len = strlen(c);
    if (len > max) {
        size_t cut = max - 3; /* room for the ellipsis */
        while (cut > 0 && ((unsigned char)c[cut] & 0xC0) == 0x80)
            cut--;
        memcpy(c + cut, "\xE2\x80\xA6", 4);
    }
    return c;
}

static bool named(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static const xmlNode *child(const xmlNode *parent, const char *name)
{
    for (const xmlNode *n = parent ? parent->children : NULL; n; n = n->next)
        if (named(n, name))
            return n;
    return NULL;
}

/* A new cleaned string from the text of parent's first child element name; NULL if none. */
static char *child_text(const xmlNode *parent, const char *name, size_t max)
{
    const xmlNode *n = child(parent, name);
    if (!n)
        return NULL;
    xmlChar *t = xmlNodeGetContent(n);
    char *c = clean_text((const char *)t, max);
    xmlFree(t);
    return c;
}

static bool child_is(const xmlNode *parent, const char *name, const char *value)
{
    char *t = child_text(parent, name, ALERT_MAX_NAME_BYTES);
    bool yes = t && strcasecmp(t, value) == 0;
    free(t);
    return yes;
}

static int64_t child_time(const xmlNode *parent, const char *name)
{
    char *t = child_text(parent, name, ALERT_MAX_NAME_BYTES);
    int64_t v = 0;
    if (t && !feed_parse_date(t, &v))
        v = 0;
    free(t);
    return v;
}

static enum alert_severity severity_of(const char *s)
{
    static const char *const names[] = { "Unknown", "Minor", "Moderate", "Severe", "Extreme" };
    for (int i = 0; s && i < 5; i++)
        if (strcasecmp(s, names[i]) == 0)
            return (enum alert_severity)i;
    return ALERT_UNKNOWN;
}

const char *alert_severity_name(enum alert_severity s)
{
    static const char *const names[] = { "Unknown", "Minor", "Moderate", "Severe", "Extreme" };
    return (unsigned)s < 5 ? names[s] : "Unknown";
}

/* Whether an info block's language (CAP's default is en-US) is the one asked for: the
 * primary subtags agree ("de" and "de-CH"). */
static bool language_matches(const char *info_lang, const char *want)
{
    const char *have = info_lang ? info_lang : "en-US";
    size_t a = strcspn(have, "-_"), b = strcspn(want, "-_.");
    return a == b && strncasecmp(have, want, a) == 0;
}

/* CAP <references>: space-separated "sender,identifier,sent" triples. */
static void read_refs(const xmlNode *alert, struct alert *a)
{
    char *t = child_text(alert, "references", ALERT_MAX_TEXT_BYTES);
    for (char *p = t; p && *p && a->n_refs < ALERT_MAX_REFS;) {
        size_t n = strcspn(p, " ");
        if (n > 0) {
            a->refs = xrealloc(a->refs, (a->n_refs + 1) * sizeof *a->refs);
            a->refs[a->n_refs++] = xstrndup(p, n);
        }
        p += n;
        p += strspn(p, " ");
    }
    free(t);
}

/* The fields of an info block (or of an Atom entry's cap: fields) into a. */
static void read_info(const xmlNode *info, struct alert *a)
{
    char *sev = child_text(info, "severity", ALERT_MAX_NAME_BYTES);
    a->severity = severity_of(sev);
    free(sev);
    a->urgency = child_text(info, "urgency", ALERT_MAX_NAME_BYTES);
    a->event = child_text(info, "event", ALERT_MAX_NAME_BYTES);
    a->headline = child_text(info, "headline", ALERT_MAX_HEADLINE_BYTES);
    a->description = child_text(info, "description", ALERT_MAX_TEXT_BYTES);
    a->instruction = child_text(info, "instruction", ALERT_MAX_TEXT_BYTES);
    a->sender_name = child_text(info, "senderName", ALERT_MAX_NAME_BYTES);
    a->language = child_text(info, "language", ALERT_MAX_NAME_BYTES);
    int64_t onset = child_time(info, "onset"), effective = child_time(info, "effective");
    a->effective_unix = onset ? onset : effective ? effective : a->sent_unix;
    a->expires_unix = child_time(info, "expires");
}

/* The status, msgType, identity and references every CAP alert (or entry) carries. False
 * (logged) when its status is not Actual: exercises, tests and drafts never reach a screen. */
static bool read_head(const xmlNode *n, struct alert *a)
{
    char *status = child_text(n, "status", ALERT_MAX_NAME_BYTES);
    char *id = child_text(n, "identifier", ALERT_MAX_NAME_BYTES);
    if (!id)
        id = child_text(n, "id", ALERT_MAX_NAME_BYTES); /* an Atom entry's */
    bool actual = status && strcasecmp(status, "Actual") == 0;
    if (!actual)
        nr_info("alert '%s' ignored: status %s, not Actual", id ? id : "(no identifier)",
                status ? status : "missing");
    if (actual) {
        char *sender = child_text(n, "sender", ALERT_MAX_NAME_BYTES);
        char *sent = child_text(n, "sent", ALERT_MAX_NAME_BYTES);
        size_t len =
            (sender ? strlen(sender) : 0) + (id ? strlen(id) : 0) + (sent ? strlen(sent) : 0) + 3;
        a->key = xmalloc(len);
        snprintf(a->key, len, "%s,%s,%s", sender ? sender : "", id ? id : "", sent ? sent : "");
        a->sent_unix = child_time(n, "sent");
        if (!a->sent_unix)
            a->sent_unix = child_time(n, "updated");
        a->msg_type = child_is(n, "msgType", "Cancel")   ? ALERT_MSG_CANCEL
                      : child_is(n, "msgType", "Update") ? ALERT_MSG_UPDATE
                                                         : ALERT_MSG_ALERT;
        read_refs(n, a);
        free(sender);
        free(sent);
    }
    free(status);
    free(id);
    return actual;
}

/* One <alert> element into out; its info block chosen by language. */
static void read_alert(const xmlNode *alert, const char *language, struct alert_list *out)
{
    struct alert a = { 0 };
    if (!read_head(alert, &a)) {
        alert_release(&a);
        return;
    }
    const xmlNode *pick = NULL;
    for (const xmlNode *n = alert->children; n; n = n->next) {
        if (!named(n, "info"))
            continue;
        if (!pick)
            pick = n; /* the first, unless one is in the language asked for */
        if (language && *language) {
            char *lang = child_text(n, "language", ALERT_MAX_NAME_BYTES);
            bool match = language_matches(lang, language);
            free(lang);
            if (match) {
                pick = n;
                break;
            }
        }
    }
    if (pick)
        read_info(pick, &a);
    else
        a.effective_unix = a.sent_unix; /* a Cancel may carry no info at all */
    if (!pick && a.msg_type != ALERT_MSG_CANCEL) {
        nr_info("alert '%s' ignored: no <info> block", a.key);
        alert_release(&a);
        return;
    }
    if (!list_take(out, &a))
        nr_warn("alerts past the first %d ignored", ALERT_MAX_ALERTS);
}

static const xmlNode *find_alert(const xmlNode *n, int depth)
{
    for (; n && depth < 8; n = n->next) {
        if (named(n, "alert"))
            return n;
        const xmlNode *in = find_alert(n->children, depth + 1);
        if (in)
            return in;
    }
    return NULL;
}

/* The CAP document an entry links to (type application/cap+xml), as a new string. */
static char *cap_link(const xmlNode *entry)
{
    for (const xmlNode *n = entry->children; n; n = n->next) {
        if (!named(n, "link"))
            continue;
        xmlChar *type = xmlGetProp(n, (const xmlChar *)"type");
        xmlChar *href = xmlGetProp(n, (const xmlChar *)"href");
        bool cap = type && strstr((const char *)type, "cap+xml") != NULL;
        char *url = cap && href && strlen((const char *)href) < 4096 ? xstrdup((char *)href) : NULL;
        xmlFree(type);
        xmlFree(href);
        if (url)
            return url;
    }
    return NULL;
}

/* An entry (Atom) or item (RSS) of a feed of alerts: an embedded <alert>, else a link to a
 * CAP document, else the cap: fields the entry itself carries (title as the headline). */
static void read_entry(const xmlNode *entry, const char *language, struct alert_list *out,
                       char ***links, size_t *n_links)
{
    const xmlNode *embedded = find_alert(entry->children, 0);
    if (embedded) {
        read_alert(embedded, language, out);
        return;
    }
    char *url = cap_link(entry);
    if (url && links && *n_links < ALERT_MAX_LINKS) {
        *links = xrealloc(*links, (*n_links + 1) * sizeof **links);
        (*links)[(*n_links)++] = url;
        return;
    }
    free(url);
    if (!child(entry, "severity") || !child(entry, "status"))
        return; /* an entry that says nothing of an alert */
    struct alert a = { 0 };
    if (!read_head(entry, &a)) {
        alert_release(&a);
        return;
    }
    read_info(entry, &a);
    if (!a.headline)
        a.headline = child_text(entry, "title", ALERT_MAX_HEADLINE_BYTES);
    if (!a.description)
        a.description = child_text(entry, "summary", ALERT_MAX_TEXT_BYTES);
    list_take(out, &a);
}

enum nr_result alert_parse_cap(const char *data, size_t len, const char *language,
                               struct alert_list *out, char ***links, size_t *n_links,
                               struct nr_err *err)
{
    if (len > ALERT_MAX_BYTES)
        return nr_fail(err, NR_ERR_TOO_BIG, "alert document of %zu bytes exceeds %u", len,
                       ALERT_MAX_BYTES);
    xmlDocPtr doc = xmlReadMemory(data, (int)len, NULL, NULL, CAP_XML_OPTS);
    if (!doc)
        return nr_fail(err, NR_ERR_PARSE, "alert document is not well-formed XML");
    enum nr_result ret = NR_OK;
    const xmlNode *root = xmlDocGetRootElement(doc);
    size_t none = 0;
    if (named(root, "alert")) {
        read_alert(root, language, out);
    } else if (named(root, "feed") || named(root, "rss")) {
        const xmlNode *items = named(root, "rss") ? child(root, "channel") : root;
        for (const xmlNode *n = items ? items->children : NULL; n; n = n->next)
            if (named(n, "entry") || named(n, "item"))
                read_entry(n, language, out, links, n_links ? n_links : &none);
    } else {
        ret = nr_fail(err, NR_ERR_PARSE, "'%s' is neither a CAP alert nor a feed of alerts",
                      root ? (const char *)root->name : "(empty)");
    }
    xmlFreeDoc(doc);
    return ret;
}

bool alert_looks_like_xml(const char *data, size_t len)
{
    size_t i = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    return i < len && data[i] == '<';
}

void alert_parse_text(const char *data, size_t len, const char *key_hint, struct alert_list *out)
{
    char *text =
        nr_utf8_sanitize(data, len < ALERT_MAX_TEXT_BYTES * 2 ? len : ALERT_MAX_TEXT_BYTES * 2);
    char *p = text;
    while (*p && strchr(" \t\r\n", *p))
        p++;
    size_t line = strcspn(p, "\r\n");
    struct alert a = { .severity = ALERT_SEVERE, .msg_type = ALERT_MSG_ALERT };
    char *head = xstrndup(p, line);
    a.headline = clean_text(head, ALERT_MAX_HEADLINE_BYTES);
    free(head);
    if (a.headline) {
        a.description = clean_text(p + line, ALERT_MAX_TEXT_BYTES);
        size_t n = strlen(key_hint ? key_hint : "") + 8;
        a.key = xmalloc(n);
        snprintf(a.key, n, "text:%s", key_hint ? key_hint : "");
        list_take(out, &a);
    }
    free(text);
}

static bool is_referenced(const struct alert_list *l, const char *key)
{
    for (size_t i = 0; i < l->n; i++)
        for (size_t r = 0; key && r < l->items[i].n_refs; r++)
            if (l->items[i].msg_type != ALERT_MSG_ALERT && strcmp(l->items[i].refs[r], key) == 0)
                return true;
    return false;
}

void alert_list_resolve(struct alert_list *l)
{
    bool *drop = xcalloc(l->n ? l->n : 1, sizeof *drop);
    for (size_t i = 0; i < l->n; i++)
        drop[i] = l->items[i].msg_type == ALERT_MSG_CANCEL || is_referenced(l, l->items[i].key);
    size_t k = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (drop[i])
            alert_release(&l->items[i]);
        else
            l->items[k++] = l->items[i];
    }
    l->n = k;
    free(drop);
}

const struct alert *alert_pick(const struct alert_list *l, int64_t now_unix,
                               int64_t *next_change_unix)
{
    const struct alert *best = NULL;
    int64_t next = 0;
    for (size_t i = 0; l && i < l->n; i++) {
        const struct alert *a = &l->items[i];
        if (a->msg_type == ALERT_MSG_CANCEL)
            continue;
        if (a->effective_unix > now_unix) {
            next = next && next < a->effective_unix ? next : a->effective_unix;
            continue;
        }
        if (a->expires_unix && a->expires_unix <= now_unix)
            continue;
        if (a->expires_unix)
            next = next && next < a->expires_unix ? next : a->expires_unix;
        if (!best || a->severity > best->severity ||
            (a->severity == best->severity && a->sent_unix > best->sent_unix))
            best = a;
    }
    if (next_change_unix)
        *next_change_unix = next;
    return best;
}

bool alert_is_full_screen(const struct alert *a)
{
    return a->severity >= ALERT_SEVERE;
}

static bool same_str(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

bool alert_same(const struct alert *a, const struct alert *b)
{
    if (!a || !b)
        return a == b;
    return same_str(a->key, b->key) && a->severity == b->severity &&
           a->expires_unix == b->expires_unix && same_str(a->headline, b->headline) &&
           same_str(a->description, b->description) && same_str(a->instruction, b->instruction) &&
           same_str(a->sender_name, b->sender_name) && same_str(a->event, b->event);
}
