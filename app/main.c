/* main.c: newsreel's entry point: read the settings, then run one mode. */
#include "alloc.h"
#include "cli.h"
#include "config.h"
#include "draw.h"
#include "fetch.h"
#include "fleet.h"
#include "i18n.h"
#include "layout.h"
#include "log.h"
#include "paths.h"
#include "show.h"
#include "signals.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    struct config cfg;
    struct nr_err err = { 0 };
    char data_dir[PATH_MAX];
    int status;

    /* before SDL makes its first allocation */
    draw_pixmem_install();
    /* As early as can be: a kiosk stopped while it starts must still exit cleanly, so
     * SIGTERM waits for the slideshow's signal thread instead of killing us (show_run). */
    show_signals_block();
    /* the one place that reads the environment (STYLE.md: no module calls getenv) */
    const char *home = getenv("HOME");
    struct config_env env = {
        .home = home && home[0] ? home : NULL,
        .system_file = "/etc/newsreel/newsreel.conf",
        /* Debian's system accounts are uids 1..999; root with a home is a person testing */
        .system_user = (getuid() > 0 && getuid() < 1000) || !home || !home[0],
    };
    if (config_load(&cfg, argc, argv, &env, &err) != NR_OK) {
        fprintf(stderr, "newsreel: %s\n", err.msg);
        config_release(&cfg);
        return 2;
    }
    if (cfg.mode == MODE_HELP || cfg.mode == MODE_VERSION) {
        if (cfg.mode == MODE_HELP)
            config_print_usage(stdout);
        else
            printf("newsreel %s\n", NEWSREEL_VERSION);
        config_release(&cfg);
        return 0;
    }
    /* forces the renderer over the files and flags, for a test or a one-off check */
    const char *renderer = getenv("NEWSREEL_RENDERER");
    if (renderer && renderer[0] &&
        config_set(&cfg, "display", "renderer", renderer, "NEWSREEL_RENDERER", &err) != NR_OK) {
        fprintf(stderr, "newsreel: %s\n", err.msg);
        config_release(&cfg);
        return 2;
    }
    nr_log_set_level((enum nr_log_level)cfg.log_level);
    cfg.notify_socket = xstrdup(getenv("NOTIFY_SOCKET"));
    cfg.watchdog_usec = xstrdup(getenv("WATCHDOG_USEC"));
    cfg.watchdog_pid = xstrdup(getenv("WATCHDOG_PID"));
    /* the locale's language, as setlocale would pick it (LANGUAGE is gettext's, set by us) */
    const char *loc = getenv("LC_ALL");
    if (!loc || !loc[0])
        loc = getenv("LC_MESSAGES");
    if (!loc || !loc[0])
        loc = getenv("LANG");
    cfg.locale_language = loc && loc[0] ? xstrdup(loc) : NULL;
    /* before any thread starts (nr_i18n_set_language sets LANGUAGE) */
    nr_i18n_set_language(cfg.language ? cfg.language : cfg.locale_language, NULL);
    if (cfg.mode == MODE_STATUS) {
        status = show_print_status(&cfg, stdout);
        config_release(&cfg);
        return status;
    }
    if (!nr_find_data_dir(data_dir, sizeof data_dir)) {
        nr_error("cannot find the fonts and assets folder (is Newsreel installed?)");
        config_release(&cfg);
        return 1;
    }
    if (cfg.n_feeds == 0) {
        char sample[PATH_MAX + 32];
        snprintf(sample, sizeof sample, "%s/assets/sample/feed.xml", data_dir);
        config_add_feed(&cfg, sample);
        cfg.max_age_hours = 8760; /* the sample's dates are when it was written: keep all */
    }

    if (cfg.mode != MODE_SHOW)
        show_signals_unblock();
    fetch_global_init();
    fleet_apply_network(&cfg);
    switch (cfg.mode) {
    case MODE_RENDER: status = cli_render(&cfg, data_dir); break;
    case MODE_DUMP: status = cli_dump(&cfg); break;
    case MODE_SNAPSHOT: status = cli_snapshot(&cfg, data_dir); break;
    default: status = show_run(&cfg, data_dir); break;
    }
    fleet_stop(); /* its thread fetches: before libcurl goes */
    fetch_global_cleanup();
    layout_shutdown(); /* every thread that lays out slides has ended by now */
    config_release(&cfg);
    return status;
}
