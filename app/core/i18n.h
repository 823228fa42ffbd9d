/* i18n.h: the language of the words Newsreel puts on screen (gettext catalogues, plurals). */
#ifndef NR_I18N_H
#define NR_I18N_H

#include <stdbool.h>
#include <stddef.h>

#define NR_TEXT_DOMAIN "newsreel"
#define NR_LANG_MAX 24 /* longest language tag kept ("pt_BR", "sr_RS@latin") */

/* Marks a string for the catalogue (xgettext) where it is stored, not translated: translate
 * it with nr_tr() where it is shown. */
#define N_(s) s

/* Chooses the language of every later nr_tr()/nr_trn(). lang is a language tag as a setting or
 * the locale gives it ("de", "de_AT.UTF-8", "pt-BR", "ar"); NULL, "", "C", "POSIX" and "en"
 * mean English, the catalogues' source language. catalogue_dir holds
 * <lang>/LC_MESSAGES/newsreel.mo; NULL: nr_find_catalogue_dir's. Returns true when English was
 * asked for or a catalogue for lang (or its language without the region) exists; false (logged)
 * when the words stay English. The first call comes from main before any other thread starts
 * (it puts LANGUAGE into the environment, which gettext reads); later calls (a reload) from
 * any one thread. nr_tr() is safe from any thread. */
bool nr_i18n_set_language(const char *lang, const char *catalogue_dir);

/* The language in effect, as a tag without codeset ("en", "de_AT", "ar"), copied into out (at
 * least NR_LANG_MAX bytes): for ICU's date and number formats and for the direction of the
 * screen's chrome. Any thread. */
void nr_i18n_language(char *out, size_t outlen);

/* The on-screen text for msgid in the chosen language; msgid itself when there is none.
 * The result is static (never free it). */
const char *nr_tr(const char *msgid);

/* The plural form for n of a message with singular and plural English forms, by the
 * language's own plural rule (Arabic has six forms). Static result. */
const char *nr_trn(const char *singular, const char *plural, unsigned long n);

/* Normalises a language tag into out ("de-AT.UTF-8" -> "de_AT"): letters, digits, '_' and an
 * '@modifier' only. false for a malformed tag (out then holds "en"). */
bool nr_i18n_tag(const char *lang, char *out, size_t outlen);

/* Where the compiled catalogues are: beside the executable's ../share/locale (installed),
 * ../locale (the build tree: build/app/newsreel -> build/locale), then the compiled-in
 * install prefix. Writes it into out; false when none holds a newsreel.mo. */
bool nr_find_catalogue_dir(char *out, size_t outlen);

#endif
