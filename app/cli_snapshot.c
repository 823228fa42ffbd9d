/* cli_snapshot.c: `newsreel --snapshot FILE`: what the running slideshow shows, as a PNG. */
#include "announce.h"
#include "badge.h"
#include "cli.h"
#include "draw.h"
#include "log.h"
#include "snapshot.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>

int cli_snapshot(const struct config *cfg, const char *data_dir)
{
    struct snapshot_recipe r = { 0 };
    struct nr_err err = { 0 };
    struct drawer *d = NULL;
    struct badge *b = NULL;
    SDL_Surface *photo = NULL, *slide = NULL;
    char fonts[4096];
    int status = 1;
    char *sock = fleet_snapshot_socket_path(cfg);

    if (!sock) {
        nr_error("no status file is configured: there is no slideshow to ask");
        goto out;
    }
    if (fleet_snapshot_request(sock, &r, &err) != NR_OK) {
        nr_error("%s", err.msg);
        goto out;
    }
    /* the size asked, else the screen's */
    int w = cfg->width ? cfg->width : r.slide_w, h = cfg->height ? cfg->height : r.slide_h;
    /* decoded at this size from the slideshow's own bytes, as --render decodes its photos */
    if (r.has_photo && r.photo.len > 0) {
        photo = draw_photo_decode(r.photo.data, r.photo.len, w, h, &err);
        if (!photo)
            nr_warn("the photo on screen could not be decoded here: %s", err.msg);
    }
    snprintf(fonts, sizeof fonts, "%s/fonts", data_dir);
    d = drawer_new(fonts, &cfg->theme, &err);
    if (!d) {
        nr_error("%s", err.msg);
        goto out;
    }
    /* an announcement's picture is read from its folder, not from the photo cache */
    slide = announce_story_is(&r.story)
                ? cli_announcement_slide(d, cfg, &r.story, &r.info, w, h, &err)
                : drawer_render(d, &r.story, photo, &r.info, w, h, &err);
    if (!slide) {
        nr_error("slide '%s': %s", r.story.headline ? r.story.headline : "", err.msg);
        goto out;
    }
    if (r.badge) {
        b = show_badge_new(fonts);
        show_badge_paint(b, d, slide, r.badge, &cfg->theme);
    }
    if (draw_save_png(slide, cfg->snapshot_out, &err) != NR_OK) {
        nr_error("%s", err.msg);
        goto out;
    }
    nr_info("'%s': %dx%d, '%s'", cfg->snapshot_out, w, h, r.story.headline ? r.story.headline : "");
    status = 0;
out:
    SDL_FreeSurface(slide);
    SDL_FreeSurface(photo);
    show_badge_free(b);
    drawer_free(d);
    fleet_snapshot_recipe_release(&r);
    free(sock);
    return status;
}
