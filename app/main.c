/* main.c: newsreel's entry point: read the settings, then run one mode. */
#include "cli.h"
#include "config.h"
#include "fetch.h"
#include "log.h"
#include "paths.h"
#include "show.h"

#include <limits.h>
#include <stdio.h>

#include "banned.h"

int main(int argc, char **argv)
{
    struct config cfg;
    struct nr_err err = { 0 };
    char data_dir[PATH_MAX];
    int status;

    config_defaults(&cfg);
    if (config_parse_args(&cfg, argc, argv, &err) != NR_OK) {
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
    if (!nr_find_data_dir(data_dir, sizeof data_dir)) {
        nr_error("cannot find the fonts and assets folder (is Newsreel installed?)");
        config_release(&cfg);
        return 1;
    }
    if (cfg.n_feeds == 0) {
        char sample[PATH_MAX + 32];
        snprintf(sample, sizeof sample, "%s/assets/sample/feed.xml", data_dir);
        config_add_feed(&cfg, sample);
    }

    fetch_global_init();
    switch (cfg.mode) {
    case MODE_RENDER: status = cli_render(&cfg, data_dir); break;
    case MODE_DUMP: status = cli_dump(&cfg); break;
    default: status = show_run(&cfg, data_dir); break;
    }
    fetch_global_cleanup();
    config_release(&cfg);
    return status;
}
