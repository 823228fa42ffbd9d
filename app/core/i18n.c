/* i18n.c: the on-screen language through GNU gettext (glibc's libintl), whatever locales the
 * system has generated. */
#include "i18n.h"

#include "paths.h"

#include "log.h"

#include <limits.h>
#include <libintl.h>
#include <locale.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef NEWSREEL_LOCALE_DIR
#define NEWSREEL_LOCALE_DIR "/usr/local/share/locale"
#endif

extern int _nl_msg_cat_cntr; /* glibc's libintl: bumped when the catalogues change */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char current[NR_LANG_MAX] = "en";
static atomic_int english = 1; /* read without the lock on every lookup */

bool nr_i18n_tag(const char *lang, char *out, size_t outlen)
{
    size_t n = 0;
    bool at = false;
    snprintf(out, outlen, "en");
    if (!lang || !lang[0])
        return true;
    char tag[NR_LANG_MAX];
    if (lang[0] == '.') /* a codeset with no language */
        return false;
    for (const char *p = lang; *p && *p != '.'; p++) { /* the codeset goes: catalogues are UTF-8 */
        char ch = *p == '-' ? '_' : *p;
        bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                  (n > 0 && ((ch >= '0' && ch <= '9') || ch == '_')) || (n > 1 && ch == '@' && !at);
        if (!ok || n + 1 >= sizeof tag || n + 1 >= outlen)
            return false;
        at = at || ch == '@';
        tag[n++] = ch;
    }
    tag[n] = '\0';
    if (n == 0 || strcmp(tag, "C") == 0 || strcmp(tag, "POSIX") == 0)
        return true;
    if (n < 2)
        return false;
    memcpy(out, tag, n + 1);
    return true;
}

static bool has_catalogue(const char *dir, const char *lang)
{
    char path[PATH_MAX];
    int n = snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/" NR_TEXT_DOMAIN ".mo", dir, lang);
    return n > 0 && n < (int)sizeof path && access(path, R_OK) == 0;
}

static bool take_dir(const char *dir, char *out, size_t outlen)
{
    /* any one catalogue says this is the folder */
    if (!has_catalogue(dir, "de") || strlen(dir) + 1 > outlen)
        return false;
    memcpy(out, dir, strlen(dir) + 1);
    return true;
}

bool nr_find_catalogue_dir(char *out, size_t outlen)
{
    char exe_dir[PATH_MAX], cand[PATH_MAX];
    if (nr_exe_dir(exe_dir, sizeof exe_dir)) {
        /* installed: <prefix>/bin/newsreel -> <prefix>/share/locale */
        if (snprintf(cand, sizeof cand, "%s/../share/locale", exe_dir) < (int)sizeof cand &&
            take_dir(cand, out, outlen))
            return true;
        /* the build tree: build/app/newsreel -> build/locale (po/CMakeLists.txt) */
        if (snprintf(cand, sizeof cand, "%s/../locale", exe_dir) < (int)sizeof cand &&
            take_dir(cand, out, outlen))
            return true;
    }
    return take_dir(NEWSREEL_LOCALE_DIR, out, outlen);
}

/* gettext ignores LANGUAGE in the "C" locale, and a kiosk often has no other generated:
 * C.UTF-8 is built into glibc (2.35 on) and shipped by Debian's libc-bin before that. */
static bool messages_locale(void)
{
    const char *now = setlocale(LC_MESSAGES, NULL);
    if (now && strcmp(now, "C") != 0 && strcmp(now, "POSIX") != 0)
        return true;
    return setlocale(LC_MESSAGES, "C.UTF-8") || setlocale(LC_MESSAGES, "C.utf8");
}

bool nr_i18n_set_language(const char *lang, const char *catalogue_dir)
{
    char tag[NR_LANG_MAX], base[NR_LANG_MAX], dir[PATH_MAX];
    const char *use = NULL;
    bool ok = true;
    if (!nr_i18n_tag(lang, tag, sizeof tag)) {
        nr_warn("language '%s' is not a language tag (like de, fr_CA or ar): English it is", lang);
        ok = false;
    }
    snprintf(base, sizeof base, "%s", tag);
    base[strcspn(base, "_@")] = '\0';
    bool want_english = strcmp(base, "en") == 0;
    if (!want_english) {
        if (catalogue_dir)
            snprintf(dir, sizeof dir, "%s", catalogue_dir);
        if (!catalogue_dir && !nr_find_catalogue_dir(dir, sizeof dir)) {
            nr_warn("no message catalogues found (is Newsreel installed?): English it is");
            ok = false;
        } else if (has_catalogue(dir, tag)) {
            use = tag;
        } else if (has_catalogue(dir, base)) {
            use = base;
        } else {
            nr_warn("no catalogue for language '%s' in '%s': English it is", tag, dir);
            ok = false;
        }
        if (use && !messages_locale()) {
            nr_warn("no C.UTF-8 locale for gettext: English it is");
            use = NULL;
            ok = false;
        }
    }
    pthread_mutex_lock(&lock);
    /* Always set, English too: the first call (before other threads) adds the variable, and
     * later calls then only swap its value, which glibc does without moving the environment. */
    setenv("LANGUAGE", use ? use : "en", 1);
    if (use) {
        bindtextdomain(NR_TEXT_DOMAIN, dir);
        bind_textdomain_codeset(NR_TEXT_DOMAIN, "UTF-8");
    }
    /* gettext caches what it found for the old language: the counter its manual names
     * ("Being a gettext grok") makes it look again */
    ++_nl_msg_cat_cntr;
    snprintf(current, sizeof current, "%s", use ? tag : "en");
    english = use == NULL;
    pthread_mutex_unlock(&lock);
    if (use)
        nr_info("on-screen language: %s (catalogue '%s')", tag, use);
    return ok;
}

void nr_i18n_language(char *out, size_t outlen)
{
    pthread_mutex_lock(&lock);
    snprintf(out, outlen, "%s", current);
    pthread_mutex_unlock(&lock);
}

const char *nr_tr(const char *msgid)
{
    return english ? msgid : dgettext(NR_TEXT_DOMAIN, msgid);
}

const char *nr_trn(const char *singular, const char *plural, unsigned long n)
{
    if (english)
        return n == 1 ? singular : plural;
    return dngettext(NR_TEXT_DOMAIN, singular, plural, n);
}
