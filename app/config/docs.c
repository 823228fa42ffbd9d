/* docs.c: the manual pages newsreel(1) and newsreel.conf(5), written from the settings
 * table, so that a setting documented there cannot drift from the one the program reads. */
#include "config.h"

#include <stdio.h>
#include <string.h>

/* Text into roff: backslashes and hyphens escaped, a leading dot or quote made literal. */
static void roff(FILE *to, const char *s)
{
    if (*s == '.' || *s == '\'')
        fputs("\\&", to);
    for (; *s; s++) {
        if (*s == '\\')
            fputs("\\\\", to);
        else if (*s == '-')
            fputs("\\-", to);
        else
            fputc(*s, to);
    }
}

static void para(FILE *to, const char *s)
{
    roff(to, s);
    fputc('\n', to);
}

/* ".TP" item: the term in bold, then its text. */
static void item(FILE *to, const char *term, const char *text)
{
    fputs(".TP\n.B ", to);
    roff(to, term);
    fputc('\n', to);
    para(to, text);
}

void config_write_man1(FILE *to)
{
    char text[256];
    fputs(".\\\" Written from app/config/settings.c and config.c by test_config_docs --write;\n"
          ".\\\" do not edit by hand.\n"
          ".TH NEWSREEL 1 \"\" \"Newsreel\" \"User Commands\"\n"
          ".SH NAME\n"
          "newsreel \\- news feeds as full\\-screen slides for lobby screens\n"
          ".SH SYNOPSIS\n"
          ".B newsreel\n"
          "[\\fIOPTION\\fR]... [\\fIFEED\\fR]...\n"
          ".SH DESCRIPTION\n",
          to);
    para(to, "Newsreel shows RSS, Atom and JSON Feed stories (URLs or files) as full-screen "
             "slides: the headline, a pull quote with its speaker, and the photo with its "
             "caption and credit. It runs on a console with no desktop (KMS/DRM) or in a "
             "desktop window, keeps showing the last good stories when the network fails, "
             "and renders slides to PNG files for checking. With no FEED it shows the bundled "
             "sample feed.");
    fputs(".SH OPTIONS\n", to);
    for (size_t i = 0; i < config_option_count(); i++) {
        const char *name = config_option_text(i, text, sizeof text);
        item(to, name, text);
    }
    fputs(".SH KEYS\n", to);
    para(to, "Right or Space: next slide. Left: previous. P: pause. F: full screen. Q or Esc: "
             "quit.");
    fputs(".SH SIGNALS\n", to);
    item(to, "SIGHUP",
         "read the settings again (systemctl reload newsreel); a bad file is "
         "reported and the running settings stay");
    item(to, "SIGTERM, SIGINT", "stop");
    fputs(".SH EXIT STATUS\n", to);
    item(to, "0", "the slideshow ended, or --render, --dump, --help or --version succeeded");
    item(to, "1",
         "a feed could not be loaded (--render, --dump), or the screen could not be "
         "opened");
    item(to, "2",
         "a bad option or setting: the message names the file, line and allowed "
         "range");
    fputs(".SH FILES\n", to);
    item(to, "/etc/newsreel/newsreel.conf", "the kiosk's settings (newsreel.conf(5))");
    item(to, "~/.config/newsreel/newsreel.conf", "a user's settings, read after the system's");
    item(to, "~/.cache/newsreel",
         "the last good copy of every feed and its photos, and the "
         "status file (/var/cache/newsreel for a system user)");
    fputs(".SH SEE ALSO\n"
          ".BR newsreel.conf (5)\n",
          to);
}

void config_write_man5(FILE *to)
{
    const char *section = "";
    fputs(".\\\" Written from app/config/settings.c by test_config_docs --write;\n"
          ".\\\" do not edit by hand.\n"
          ".TH NEWSREEL.CONF 5 \"\" \"Newsreel\" \"File Formats\"\n"
          ".SH NAME\n"
          "newsreel.conf \\- settings of Newsreel\n"
          ".SH SYNOPSIS\n"
          "/etc/newsreel/newsreel.conf, ~/.config/newsreel/newsreel.conf\n"
          ".SH DESCRIPTION\n",
          to);
    para(to, "An INI file: [section] lines, then key = value lines; lines starting with ; or "
             "# are comments. Settings are read, each on top of the one before: built-in "
             "defaults, /etc/newsreel/newsreel.conf, ~/.config/newsreel/newsreel.conf, the file "
             "given with -c, then the command line (--set SECTION.KEY=VALUE sets any setting "
             "below). A bad value stops Newsreel with the file, line, setting and allowed range, "
             "and exit status 2. SIGHUP (systemctl reload newsreel) reads the files again.");
    fputs(".SH SETTINGS\n", to);
    for (size_t i = 0; i < config_setting_count(); i++) {
        struct config_setting_info si;
        char text[512];
        config_setting_info(i, &si);
        if (strcmp(si.section, "debug") == 0)
            continue; /* for tests only */
        if (strcmp(si.section, section) != 0) {
            section = si.section;
            fprintf(to, ".SS [%s]\n", section);
        }
        snprintf(text, sizeof text, "%s. Allowed: %s. Default: %s.", si.doc, si.allowed, si.def);
        item(to, si.key ? si.key : "any key", text);
    }
    fputs(".SH EXAMPLE\n"
          ".nf\n"
          "[feeds]\n"
          "url = https://example.org/news/rss.xml\n"
          "\n"
          "[show]\n"
          "slide_seconds = 15\n"
          "transition = cut\n"
          "\n"
          "[display]\n"
          "on_time = 07:00\n"
          "off_time = 22:00\n"
          ".fi\n"
          ".SH SEE ALSO\n"
          ".BR newsreel (1)\n",
          to);
}
