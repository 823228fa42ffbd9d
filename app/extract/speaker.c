/* speaker.c: who said a quotation: the subject of said/told/added/according to, a pronoun
 * resolved to the last person named, and the full name the article gave earlier. */
#include "extract_int.h"

#include "alloc.h"
#include "buf.h"
#include "strutil.h"
#include "utf8.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_NAMES 256
#define MAX_TOKS 48
#define WINDOW_BYTES 400 /* attribution is looked for this close to the quotation */

struct xnames {
    char *full[MAX_NAMES]; /* "Vladimir Putin": names of two or more words, first seen first */
    size_t n;
    char *last_person; /* the person named last in the text scanned so far */
    char *headline;    /* a surname the headline uses names the story's subject */
};

struct tok {
    size_t a, b;     /* bytes of the word in the text, possessive and dots trimmed */
    bool cap;        /* starts with a capital letter */
    bool brk_before; /* punctuation (not a space) between the previous word and this */
    bool possessive; /* "Iran's": a name never runs on past it */
};

static const char *const verbs[] = {
    "said",       "says",      "say",          "told",       "tells",      "added",
    "adds",       "explained", "explains",     "stated",     "states",     "warned",
    "warns",      "wrote",     "writes",       "tweeted",    "posted",     "noted",
    "notes",      "insisted",  "insists",      "argued",     "argues",     "asked",
    "asks",       "replied",   "continued",    "declared",   "recalled",   "urged",
    "concluded",  "announced", "acknowledged", "admitted",   "claimed",    "claims",
    "remarked",   "commented", "stressed",     "emphasised", "emphasized", "according",
    "quipped",    "joked",     "conceded",     "vowed",      "predicted",  "cautioned",
    "observed",   "suggested", "responded",    "recounted",  "comments",   "sagte",
    "sagt",       "erklärte",  "erklärt",      "betonte",    "betont",     "disse",
    "diz",        "afirmou",   "afirma",       "declarou",   "explicou",   "dijo",
    "dice",       "afirmó",    "explica",      "explicó",    "aseguró",    "asegura",
    "señaló",     "señala",    "añadió",       "a déclaré",  "déclare",    "explique",
    "a expliqué", "affirme",   "a affirmé",    "ajoute",     "a ajouté",   "estime",
    "a estimé",   "a dit",     "ha detto",     "indicó",     "agregó",     "sostuvo",
    "advirtió",   "alertó",    "dit",          "déclaré",    "affirmé",    "ajouté",
    "estimé",     "expliqué",  "souligné",     "précisé",    "indiqué",    "gesagt",
    "erklärt",    "dicho",     "afirmado",     "detto",      "dichiarato", "ha dichiarato",
    NULL,
};

/* Titles and capitalised descriptions in front of a name: they show a person follows. */
static const char *const titles[] = {
    "President",
    "Prime",
    "Minister",
    "Secretary",
    "State",
    "Foreign",
    "Chancellor",
    "King",
    "Queen",
    "Senator",
    "Sen",
    "Rep",
    "Representative",
    "Governor",
    "Gov",
    "Mayor",
    "Judge",
    "Justice",
    "Chief",
    "General",
    "Gen",
    "Col",
    "Capt",
    "Dr",
    "Mr",
    "Mrs",
    "Ms",
    "Rev",
    "Sir",
    "Lord",
    "Lady",
    "Pope",
    "Prince",
    "Princess",
    "Ayatollah",
    "Sheikh",
    "Director",
    "Commissioner",
    "Ambassador",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Leader",
    "Chairman",
    "Chairwoman",
    "Chair",
    "CEO",
    "Vice",
    "Deputy",
    "Defence",
    "Defense",
    "Interior",
    "Finance",
    "Health",
    "Supreme",
    "Former",
    "Senior",
    "Speaker",
    "Professor",
    "Prof",
    "Coach",
    "Captain",
    "Officer",
    "Agent",
    "Attorney",
    "Lawyer",
    "Analyst",
    "Founder",
    "Manager",
    "Product",
    "Executive",
    "Editor",
    "Historian",
    "Scientist",
    "Economist",
    "Author",
    "Writer",
    "Journalist",
    "Artist",
    "Actor",
    "Actress",
    "Singer",
    "Doctor",
    "Nurse",
    "Teacher",
    "Researcher",
    "Expert",
    "Activist",
    "Lawmaker",
    "Councillor",
    "Councilor",
    "Chairperson",
    "Premier",
    "Sergeant",
    "Lieutenant",
    "Colonel",
    "Admiral",
    "Bishop",
    "Cardinal",
    "Rabbi",
    "Imam",
    "Congressman",
    "Congresswoman",
    "Assemblyman",
    "Assemblywoman",
    "MP",
    "PM",
    "Minister-President",
    NULL,
};

/* Words that open sentences and clauses, and adjectives of nations: capitalised, no name. */
static const char *const stopwords[] = {
    "The",      "A",          "An",       "In",         "On",         "At",         "But",
    "And",      "However",    "When",     "After",      "Before",     "If",         "As",
    "While",    "Meanwhile",  "Last",     "This",       "That",       "It",         "He",
    "She",      "They",       "We",       "I",          "His",        "Her",        "Their",
    "Our",      "Separately", "Says",     "Said",       "Then",       "Now",        "Also",
    "Even",     "For",        "With",     "From",       "By",         "To",         "Of",
    "Since",    "Under",      "US",       "U.S",        "UN",         "EU",         "UK",
    "Federal",  "National",   "Party",    "Opposition", "Labour",     "Democratic", "Republican",
    "Democrat", "Sources",    "Source",   "Whether",    "During",     "What",       "Why",
    "How",      "Who",        "Where",    "Which",      "Although",   "Though",     "Because",
    "Until",    "Despite",    "Among",    "Amid",       "Following",  "According",  "Asked",
    "Speaking", "Writing",    "Like",     "Unlike",     "Some",       "Many",       "Most",
    "All",      "Both",       "Each",     "Every",      "Several",    "No",         "Yes",
    "So",       "Yet",        "Or",       "Nor",        "Once",       "Later",      "Earlier",
    "Today",    "Yesterday",  "Tomorrow", "Ancient",    "Modern",     "Western",    "Eastern",
    "Northern", "Southern",   "Chinese",  "Japanese",   "Russian",    "American",   "British",
    "French",   "German",     "Indian",   "Iranian",    "Israeli",    "Ukrainian",  "Palestinian",
    "European", "African",    "Asian",    "Canadian",   "Australian", "Mexican",    "Brazilian",
    "Spanish",  "Italian",    "Turkish",  "Korean",     "Pakistani",  "Afghan",     "Arab",
    "Saudi",    "Syrian",     "Iraqi",    "Egyptian",   "Hungarian",  "Polish",     "Danish",
    "Swedish",  "Norwegian",  "Dutch",    "Greek",      "Irish",      "Scottish",   "Welsh",
    "Atomic",   "Dear",       "Mrs.",     "Watch",      "Read",       "More",       "See",
    "Here",     "There",      "These",    "Those",      NULL,
};

/* Single capitalised words that are organisations or places, never a speaker. */
static const char *const not_people[] = {
    "Reuters",   "AFP",       "AP",           "Kremlin",   "Washington", "Moscow",     "Beijing",
    "Tehran",    "London",    "Paris",        "Berlin",    "Brussels",   "Kyiv",       "Kiev",
    "Pentagon",  "Congress",  "Parliament",   "Police",    "Government", "Ministry",   "Court",
    "Israel",    "Iran",      "China",        "Russia",    "Ukraine",    "India",      "Pakistan",
    "Germany",   "France",    "Britain",      "America",   "Europe",     "NATO",       "Hamas",
    "Hezbollah", "Google",    "Meta",         "Apple",     "Microsoft",  "Amazon",     "Twitter",
    "Facebook",  "Tesla",     "Statement",    "White",     "House",      "Department", "Office",
    "Company",   "Council",   "Commission",   "Committee", "Agency",     "Army",       "Navy",
    "Officials", "Official",  "Spokesperson", "Spokesman", "Analysts",   "Experts",    "BBC",
    "CNN",       "Bloomberg", "Politico",     "Times",     "Post",       "Journal",    NULL,
};

/* A name holding one of these words names an organisation, a place or a publication. */
static const char *const org_words[] = {
    "Press",      "Times",       "Post",         "News",
    "Journal",    "Agency",      "Ministry",     "Office",
    "Party",      "Council",     "Department",   "Commission",
    "Foundation", "Institute",   "University",   "Group",
    "Company",    "Inc",         "Ltd",          "Bank",
    "Court",      "Committee",   "Police",       "Government",
    "Union",      "Association", "Organization", "Organisation",
    "Network",    "Media",       "House",        "Forces",
    "Army",       "Authority",   "Secretariat",  "Club",
    "League",     "Federation",  "Corporation",  "Service",
    "Services",   "Center",      "Centre",       "Fund",
    "Watch",      "Initiative",  "Coalition",    "Alliance",
    "Assembly",   "Parliament",  "Congress",     "Senate",
    "Reuters",    "Bloomberg",   "Guardian",     "Telegraph",
    "Herald",     "Tribune",     "Gazette",      "Chronicle",
    "Daily",      "Weekly",      "Magazine",     "Airlines",
    "Airways",    "Motors",      "Games",        "Olympics",
    "Olympic",    "Street",      "Square",       "Bay",
    "River",      "Sea",         "Island",       "City",
    "County",     "States",      "Kingdom",      "Nations",
    "Republic",   "Emirates",    "Ocean",        "Strait",
    "Gulf",       "Valley",      "Mountains",    "Station",
    "Airport",    "Hospital",    "School",       "College",
    "Collegiate", "Museum",      "Board",        "Team",
    "FC",         "Times",       "Monday",       "Tuesday",
    "Wednesday",  "Thursday",    "Friday",       "Saturday",
    "Sunday",     "January",     "February",     "March",
    "April",      "June",        "July",         "August",
    "September",  "October",     "November",     "December",
    "X",          "TV",          "Palace",       "Action",
    "Ads",        "Protesters",  "Campaign",     "Movement",
    "Project",    "Program",     "Programme",    NULL,
};

/* Verbs that carry their subject in languages that drop it ("afirmou", "dijo"). */
static const char *const prodrop_verbs[] = { "disse",    "afirmou",  "declarou", "dijo",
                                             "afirmó",   "declaró",  "explicó",  "explicou",
                                             "escreveu", "escribió", "contou",   NULL };

static const char *const prepositions[] = { "of",   "for", "to",    "with", "at", "in", "on",
                                            "from", "by",  "about", "and",  "or", NULL };

static bool word_in(const char *text, const struct tok *t, const char *const *list)
{
    size_t n = t->b - t->a;
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && strncmp(text + t->a, list[i], n) == 0)
            return true;
    return false;
}

static bool word_in_ci(const char *text, const struct tok *t, const char *const *list)
{
    size_t n = t->b - t->a;
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && strncasecmp(text + t->a, list[i], n) == 0)
            return true;
    return false;
}

static bool word_is(const char *text, const struct tok *t, const char *w)
{
    size_t n = strlen(w);
    return t->b - t->a == n && strncasecmp(text + t->a, w, n) == 0;
}

static bool cp_upper(uint32_t cp)
{
    if (cp < 0x80)
        return isupper((int)cp) != 0;
    return (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || (cp >= 0x100 && cp <= 0x17F && !(cp & 1)) ||
           (cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x410 && cp <= 0x42F);
}

static bool cp_letter(uint32_t cp)
{
    if (cp < 0x80)
        return isalnum((int)cp) != 0;
    if (cp <= 0xBF || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x206F) ||
        (cp >= 0x3000 && cp <= 0x303F) || cp == 0xFFFD)
        return false;
    return true;
}

/* Splits text[a..b) into words. Returns the count (at most max). */
static size_t tokenize(const char *text, size_t a, size_t b, struct tok *out, size_t max)
{
    size_t n = 0;
    bool brk = false;
    size_t i = a;
    while (i < b && n < max) {
        uint32_t cp;
        size_t k = nr_utf8_decode(text + i, b - i, &cp);
        if (!cp_letter(cp)) {
            if (cp != ' ' && cp != 0xA0)
                brk = true;
            i += k;
            continue;
        }
        struct tok t = { .a = i, .cap = cp_upper(cp), .brk_before = brk };
        brk = false;
        while (i < b) {
            k = nr_utf8_decode(text + i, b - i, &cp);
            bool joiner = (cp == '\'' || cp == 0x2019 || cp == '-' || cp == '.') && i + k < b;
            if (joiner) {
                uint32_t nx;
                nr_utf8_decode(text + i + k, b - i - k, &nx);
                joiner = cp_letter(nx);
            }
            if (!cp_letter(cp) && !joiner)
                break;
            i += k;
        }
        t.b = i;
        /* trim a possessive: Putin's, Putin’s */
        if (t.b - t.a > 2 && text[t.b - 2] == '\'' && text[t.b - 1] == 's') {
            t.b -= 2;
            t.possessive = true;
        } else if (t.b - t.a > 4 && strncmp(text + t.b - 4, "\xe2\x80\x99s", 4) == 0) {
            t.b -= 4;
            t.possessive = true;
        }
        if (i < b && text[i] == '.' && t.b - t.a <= 3 && t.cap)
            brk = false; /* "Mr." / "V." keep the run going */
        out[n++] = t;
    }
    return n;
}

static bool is_particle(const char *text, const struct tok *t)
{
    static const char *const p[] = { "de", "da", "van", "von", "der", "den", "bin", "al",
                                     "el", "la", "le",  "du",  "dos", "di",  "ibn", NULL };
    return !t->cap && word_in(text, t, p);
}

static bool is_all_caps(const char *text, const struct tok *t)
{
    for (size_t i = t->a; i < t->b; i++)
        if (islower((unsigned char)text[i]))
            return false;
    return true;
}

/* The name in words [s..e) after titles are dropped, as a new string, or NULL. *titled is
 * set when a title stood before it (may be NULL). */
static char *name_of(const char *text, const struct tok *tk, size_t s, size_t e, bool *titled)
{
    size_t start = s;
    bool title = false;
    for (size_t i = s; i < e; i++) {
        bool t = word_in(text, &tk[i], titles);
        /* "Paying Gmail", "Speaking Monday": a word in -ing opens no name */
        size_t n = tk[i].b - tk[i].a;
        bool ing = i == s && n > 4 && strncmp(text + tk[i].b - 3, "ing", 3) == 0;
        if (t || ing || word_in(text, &tk[i], stopwords)) {
            start = i + 1;
            title = t;
        } else if (tk[i].possessive && i + 1 < e) {
            start = i + 1; /* "Bangladesh's Yunus" */
            title = false;
        }
    }
    while (start < e && (is_particle(text, &tk[start]) || !tk[start].cap))
        start++;
    while (e > start && !tk[e - 1].cap)
        e--;
    if (titled)
        *titled = title;
    size_t words = 0;
    for (size_t i = start; i < e; i++)
        words += !is_particle(text, &tk[i]);
    if (start >= e || words > 3)
        return NULL;
    if (tk[e - 1].b - tk[e - 1].a == 1)
        return NULL; /* "Area C", "Plan B" */
    for (size_t i = start; i < e; i++)
        if (word_in(text, &tk[i], org_words))
            return NULL;
    if (e - start == 1 && (word_in(text, &tk[start], not_people) ||
                           (is_all_caps(text, &tk[start]) && tk[start].b - tk[start].a > 1)))
        return NULL;
    struct nr_buf b;
    nr_buf_init(&b, 256);
    for (size_t i = start; i < e; i++) {
        if ((i > start && nr_buf_putc(&b, ' ') != NR_OK) ||
            nr_buf_append(&b, text + tk[i].a, tk[i].b - tk[i].a) != NR_OK) {
            nr_buf_release(&b); /* longer than a name */
            return NULL;
        }
    }
    return nr_buf_detach(&b);
}

static const char *surname(const char *name)
{
    const char *sp = strrchr(name, ' ');
    return sp ? sp + 1 : name;
}

/* The full form of name known from earlier text ("Putin" -> "Vladimir Putin"). */
static char *full_name(struct xnames *n, const char *name)
{
    if (strchr(name, ' '))
        return xstrdup(name);
    for (size_t i = 0; i < n->n; i++)
        if (strcmp(surname(n->full[i]), name) == 0)
            return xstrdup(n->full[i]);
    /* "Nusaybah" after "Nusaybah Mohamed" */
    size_t len = strlen(name);
    for (size_t i = 0; i < n->n; i++)
        if (strncmp(n->full[i], name, len) == 0 && n->full[i][len] == ' ')
            return xstrdup(n->full[i]);
    return xstrdup(name);
}

static bool known_person(struct xnames *n, const char *name)
{
    size_t len = strlen(name);
    for (size_t i = 0; i < n->n; i++)
        if (strcmp(surname(n->full[i]), surname(name)) == 0 ||
            (strncmp(n->full[i], name, len) == 0 && n->full[i][len] == ' '))
            return true;
    return false;
}

struct xnames *extract_names_new(void)
{
    return xcalloc(1, sizeof(struct xnames));
}

void extract_names_free(struct xnames *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->n; i++)
        free(n->full[i]);
    free(n->last_person);
    free(n->headline);
    free(n);
}

/* True when the word at s opens a sentence (or the text). */
static bool sentence_initial(const char *text, size_t a, size_t s)
{
    while (s > a && text[s - 1] == ' ')
        s--;
    if (s == 0)
        return true;
    unsigned char c = (unsigned char)text[s - 1];
    return c == '.' || c == '!' || c == '?' || c == '"' || c == 0x9D || c == '>';
}

/* True when text[s..e) stands between commas. */
static bool appositive(const char *text, size_t a, size_t b, size_t s, size_t e)
{
    while (s > a && text[s - 1] == ' ')
        s--;
    if (!(s > a && text[s - 1] == ',' && e < b && text[e] == ','))
        return false;
    /* "Separately, Planning Minister Ahsan Iqbal, who ...": after an opening word it is
     * the subject; "O filho, Saint West, foi ...": after a noun phrase, an apposition */
    size_t words = 0;
    bool in = false;
    for (size_t i = a; i < s - 1; i++) {
        bool sp = text[i] == ' ';
        words += !sp && !in;
        in = !sp;
    }
    return words >= 2;
}

/* Walks the name runs of text[a..b): records full names; returns the first (or last)
 * person named (new string) or NULL. */
static char *scan_runs(struct xnames *n, const char *text, size_t a, size_t b, bool record,
                       bool first)
{
    char *last = NULL;
    size_t pos = a;
    while (pos < b) {
        struct tok tk[MAX_TOKS];
        size_t nt = tokenize(text, pos, b, tk, MAX_TOKS);
        if (nt == 0)
            break;
        size_t i = 0;
        size_t stop =
            nt == MAX_TOKS ? nt - 4 : nt; /* leave a run cut at the end for the next pass */
        while (i < stop) {
            if (!tk[i].cap) {
                i++;
                continue;
            }
            size_t e = i + 1;
            while (e < nt && !tk[e].brk_before &&
                   (tk[e].cap || (is_particle(text, &tk[e]) && e + 1 < nt && tk[e + 1].cap)))
                e++;
            bool titled = false;
            /* "Negotiator Claire Dubois said": a capital opening a sentence proves no name */
            if (e - i >= 3 && sentence_initial(text, a, tk[i].a) && !is_particle(text, &tk[i + 1]))
                i++;
            char *name = name_of(text, tk, i, e, &titled);
            /* "Her son, Saint West, was ...": an apposition is seldom the subject */
            if (name && first && appositive(text, a, b, tk[i].a, tk[e - 1].b)) {
                free(name);
                name = NULL;
            }
            if (name) {
                bool multi = strchr(name, ' ') != NULL;
                if (record && multi && n->n < MAX_NAMES && !known_person(n, name))
                    n->full[n->n++] = xstrdup(name);
                if ((multi || titled || known_person(n, name)) && !(first && last)) {
                    free(last);
                    last = full_name(n, name);
                }
                free(name);
            }
            i = e;
        }
        if (nt < MAX_TOKS)
            break;
        pos = tk[stop].a;
    }
    return last;
}

/* True when the space at text[i] follows the end of a sentence ("." "!" "?", perhaps with
 * a closing mark). */
static bool sentence_ends_at(const char *text, size_t i)
{
    if (text[i] != ' ' || i == 0)
        return false;
    size_t j = i;
    while (j > 0 && (text[j - 1] == '"' || text[j - 1] == '\'' || text[j - 1] == ')' ||
                     (unsigned char)text[j - 1] == 0x9D || (unsigned char)text[j - 1] == 0x99)) {
        if ((unsigned char)text[j - 1] >= 0x80)
            j -= j >= 3 ? 3 : j;
        else
            j--;
    }
    if (j == 0)
        return false;
    char c = text[j - 1];
    if (c != '.' && c != '!' && c != '?')
        return false;
    /* "U.S. officials": a dot after a lone capital is no sentence end */
    if (c == '.' && j >= 2 && isupper((unsigned char)text[j - 2]) &&
        (j < 3 || !isalpha((unsigned char)text[j - 3])))
        return false;
    return true;
}

/* The subject of the nearest sentence before pos that names a person: the first person
 * it names. New string or NULL. */
static char *subject_before(struct xnames *n, const char *text, size_t a, size_t pos)
{
    size_t end = pos;
    for (size_t i = pos; i-- > a;) {
        if (i != a && !sentence_ends_at(text, i))
            continue;
        size_t start = i == a ? a : i + 1;
        if (start < end) {
            char *who = scan_runs(n, text, start, end, false, true);
            if (who)
                return who;
        }
        end = i;
    }
    return NULL;
}

void extract_names_scan(struct xnames *n, const char *text)
{
    if (!text)
        return;
    size_t len = strlen(text);
    free(scan_runs(n, text, 0, len, true, false));
    size_t a = len > WINDOW_BYTES * 2 ? len - WINDOW_BYTES * 2 : 0;
    while (a > 0 && a < len && (text[a] & 0xC0) == 0x80)
        a++;
    char *subj = subject_before(n, text, a, len);
    if (subj) {
        free(n->last_person);
        n->last_person = subj;
    }
}

void extract_names_set_headline(struct xnames *n, const char *headline)
{
    free(n->headline);
    n->headline = xstrdup(headline);
}

void extract_names_forget_last(struct xnames *n)
{
    free(n->last_person);
    n->last_person = NULL;
}

/* The person a pronoun before position pos refers to: named last before it. */
static char *pronoun_person(struct xnames *n, const char *text, size_t pos)
{
    size_t a = pos > WINDOW_BYTES * 2 ? pos - WINDOW_BYTES * 2 : 0;
    while (a > 0 && a < pos && (text[a] & 0xC0) == 0x80)
        a++;
    char *subj = subject_before(n, text, a, pos);
    if (subj)
        return subj;
    return n->last_person ? xstrdup(n->last_person) : NULL;
}

static bool is_pronoun(const char *text, const struct tok *t)
{
    return word_is(text, t, "he") || word_is(text, t, "she");
}

/* Takes name (a new string or NULL) and returns the speaker it names: its full form, or
 * NULL for a lone word the item never shows as a person (no title, no full name, not in
 * the headline): "according to Bankrate" names no one. */
static char *accept_speaker(struct xnames *n, char *name, bool titled)
{
    if (!name)
        return NULL;
    char *full = full_name(n, name);
    free(name);
    if (!strchr(full, ' ') && !titled && !(n->headline && strstr(n->headline, full))) {
        free(full);
        return NULL;
    }
    return full;
}

/* The name run that ends at word e (exclusive) going back, or NULL. */
static char *name_before(struct xnames *n, const char *text, const struct tok *tk, size_t e)
{
    size_t s = e;
    while (s > 0 && (tk[s - 1].cap || (is_particle(text, &tk[s - 1]) && s < e)) &&
           (s == e || !tk[s].brk_before))
        s--;
    if (s == e)
        return NULL;
    bool titled = false;
    char *name = name_of(text, tk, s, e, &titled);
    return accept_speaker(n, name, titled);
}

static const char *const courtesy[] = { "Mme",  "Mlle", "Sr",  "Sra", "Herr",
                                        "Frau", "Mr",   "Mrs", "Ms",  NULL };

/* The name run that starts at word s, or NULL. */
static char *name_after(struct xnames *n, const char *text, const struct tok *tk, size_t s,
                        size_t nt)
{
    /* "said the former US secretary of state Hillary Clinton": skip a short description */
    size_t i = s;
    while (i < nt && i < s + 6 && !tk[i].cap && !word_in(text, &tk[i], prepositions))
        i++;
    if (i < nt && !tk[i].cap)
        return NULL;
    if (i >= nt || (i > s && tk[i].brk_before))
        return NULL;
    /* "M. Caldwell", "Mme Plante": a courtesy title is no part of the name */
    if (i + 1 < nt && tk[i + 1].cap &&
        ((tk[i].b - tk[i].a == 1 && text[tk[i].b] == '.') || word_in(text, &tk[i], courtesy)))
        i++;
    size_t e = i + 1;
    while (e < nt && !tk[e].brk_before &&
           (tk[e].cap || (is_particle(text, &tk[e]) && e + 1 < nt && tk[e + 1].cap)))
        e++;
    bool titled = false;
    char *name = name_of(text, tk, i, e, &titled);
    return accept_speaker(n, name, titled);
}

/* Subject of the speech verb at word v of tk[0..nt). */
static char *subject_of(struct xnames *n, const char *text, const struct tok *tk, size_t v,
                        size_t nt, size_t pron_pos, bool *explicit_name)
{
    if (v > 0 && is_pronoun(text, &tk[v - 1]) && !tk[v].brk_before) {
        *explicit_name = false;
        return pronoun_person(n, text, pron_pos);
    }
    if (v > 0 && tk[v - 1].cap && !tk[v].brk_before) {
        *explicit_name = true;
        return name_before(n, text, tk, v);
    }
    if (v > 0 && (word_is(text, &tk[v], "told") || word_is(text, &tk[v], "tells"))) {
        /* "Jack Buser, director for games at Google, tells The Hollywood Reporter": the
         * name after "tells" is who listened; the speaker opened the clause */
        if (!tk[0].cap)
            return NULL;
        size_t e = 1;
        while (e < v && !tk[e].brk_before && tk[e].cap)
            e++;
        bool titled = false;
        *explicit_name = true;
        return accept_speaker(n, name_of(text, tk, 0, e, &titled), titled);
    }
    if (v == 0 || tk[v].brk_before || word_is(text, &tk[v], "according")) {
        size_t s = v + 1;
        if (word_is(text, &tk[v], "according") && s < nt && word_is(text, &tk[s], "to"))
            s++;
        if (word_in_ci(text, &tk[v], prodrop_verbs) && (s >= nt || !tk[s].cap)) {
            *explicit_name = false;
            return pronoun_person(n, text, pron_pos);
        }
        if (s < nt && is_pronoun(text, &tk[s])) {
            *explicit_name = false;
            return pronoun_person(n, text, pron_pos);
        }
        *explicit_name = true;
        return s < nt ? name_after(n, text, tk, s, nt) : NULL;
    }
    return NULL;
}

/* Auxiliaries of a compound past ("a dit", "ha dicho", "hat gesagt", "has said"): the
 * auxiliary stands where the verb would, for finding its subject. */
static const char *const auxiliaries[] = { "a",     "ha",    "hat",   "has",   "had", "have",
                                           "avait", "había", "tinha", "aveva", NULL };

static size_t find_verb(const char *text, const struct tok *tk, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (word_in_ci(text, &tk[i], verbs))
            return i > from && !tk[i].brk_before && word_in_ci(text, &tk[i - 1], auxiliaries)
                       ? i - 1
                       : i;
    return (size_t)-1;
}

/* End of the sentence that starts at pos (bounded), for the attribution after a quote. */
static size_t clause_end(const char *text, size_t pos)
{
    size_t len = strlen(text + pos) + pos;
    size_t lim = pos + WINDOW_BYTES < len ? pos + WINDOW_BYTES : len;
    for (size_t i = pos; i < lim; i++) {
        unsigned char c = (unsigned char)text[i];
        if ((c == '.' || c == '!' || c == '?' || c == ';') &&
            (i + 1 >= len || text[i + 1] == ' ')) {
            /* "a dit M. Caldwell": a dot after a lone capital ends no sentence */
            if (c == '.' && i >= 1 && isupper((unsigned char)text[i - 1]) &&
                (i < 2 || text[i - 2] == ' '))
                continue;
            return i;
        }
        if (c == '"' || (c == 0xE2 && (unsigned char)text[i + 1] == 0x80 &&
                         ((unsigned char)text[i + 2] == 0x9C)))
            return i; /* the next quotation starts */
    }
    return lim;
}

/* Start of the clause that ends at pos: after the last sentence end before it (bounded). */
static size_t clause_start(const char *text, size_t pos)
{
    size_t lim = pos > WINDOW_BYTES ? pos - WINDOW_BYTES : 0;
    for (size_t i = pos; i > lim; i--) {
        unsigned char c = (unsigned char)text[i - 1];
        if ((c == '.' || c == '!' || c == '?') && text[i] == ' ') {
            /* "U.S. officials": a dot after a single capital is no sentence end */
            if (i >= 2 && isupper((unsigned char)text[i - 2]) &&
                (i < 3 || !isalpha((unsigned char)text[i - 3])))
                continue;
            return i;
        }
        if (c == '"' || c == 0x9D) /* the previous quotation ended */
            return i;
    }
    while (lim < pos && (text[lim] & 0xC0) == 0x80)
        lim++;
    return lim;
}

char *extract_speaker_find(struct xnames *n, const char *text, size_t q0, size_t q1,
                           const char *prev_speaker, bool *explicit_name)
{
    struct tok tk[MAX_TOKS];
    *explicit_name = false;
    /* 1. after: "...," Putin said / he said / said Michele LeVoy / according to X */
    size_t end = clause_end(text, q1);
    size_t nt = tokenize(text, q1, end, tk, MAX_TOKS);
    size_t limit = nt < 8 ? nt : 8;
    size_t v = find_verb(text, tk, 0, limit);
    if (v != (size_t)-1) {
        char *who = subject_of(n, text, tk, v, nt, q0, explicit_name);
        if (who)
            return who;
        /* a verb with an unnamed subject ("the official said"): not ours to guess */
        if (v > 0 || nt > v + 1)
            return NULL;
    }
    /* 2. before: Putin said: "..." / He told reporters: "..." / Says Shih: "..." */
    size_t st = clause_start(text, q0);
    nt = tokenize(text, st, q0, tk, MAX_TOKS);
    if (nt > 0) {
        size_t from = nt > 6 ? nt - 6 : 0;
        size_t best = (size_t)-1;
        for (size_t i = from; i < nt; i++)
            if (word_in_ci(text, &tk[i], verbs))
                best = i;
        if (best != (size_t)-1) {
            /* "He told reporters:": the subject stands before the verb */
            char *who = NULL;
            if (best > 1 && word_is(text, &tk[best - 1], "who") && tk[best - 2].cap) {
                /* "Representative Randy Fine who said on Sunday that ..." */
                *explicit_name = true;
                who = name_before(n, text, tk, best - 1);
            } else if (best > 0 && (is_pronoun(text, &tk[best - 1]) || tk[best - 1].cap))
                who = subject_of(n, text, tk, best, nt, tk[best - 1].a, explicit_name);
            else if (best == 0 || tk[best].brk_before)
                who = subject_of(n, text, tk, best, nt, tk[best].a, explicit_name);
            if (who)
                return who;
            return NULL;
        }
    }
    /* 3. a quotation continued after one already attributed in the same paragraph */
    if (prev_speaker) {
        *explicit_name = false;
        return xstrdup(prev_speaker);
    }
    return NULL;
}

bool extract_speaker_reported(const char *text, size_t q0)
{
    struct tok tk[MAX_TOKS];
    size_t st = clause_start(text, q0);
    size_t nt = tokenize(text, st, q0, tk, MAX_TOKS);
    if (nt < 2 || !word_is(text, &tk[nt - 1], "that"))
        return false;
    for (size_t i = nt - 1; i-- > 0 && i + 5 > nt;)
        if (word_in_ci(text, &tk[i], verbs))
            return true;
    return false;
}
