/* dpms.c: powering the screen down outside the on hours, where the platform lets us: the
 * connector's DPMS property on the console (KMS/DRM, through the descriptor SDL drives the
 * display with), the DPMS extension on X11. SDL has no call for it. */
#include "dpms.h"

#include <SDL_syswm.h>
#include <stdio.h>
#include <string.h>

#include <X11/Xlib.h>
#include <X11/extensions/dpms.h>
#include <xf86drm.h>
#include <xf86drmMode.h>

/* Sets the DPMS property of every connected connector; how many took it. */
static int drm_dpms(int fd, bool on)
{
    drmModeRes *res = drmModeGetResources(fd);
    int done = 0;
    for (int i = 0; res && i < res->count_connectors; i++) {
        drmModeConnector *c = drmModeGetConnector(fd, res->connectors[i]);
        if (!c)
            continue;
        for (int k = 0; c->connection == DRM_MODE_CONNECTED && k < c->count_props; k++) {
            drmModePropertyRes *p = drmModeGetProperty(fd, c->props[k]);
            if (p && strcmp(p->name, "DPMS") == 0 &&
                drmModeConnectorSetProperty(fd, c->connector_id, p->prop_id,
                                            on ? DRM_MODE_DPMS_ON : DRM_MODE_DPMS_OFF) == 0)
                done++;
            drmModeFreeProperty(p);
        }
        drmModeFreeConnector(c);
    }
    drmModeFreeResources(res);
    return done;
}

bool show_dpms_set(SDL_Window *win, bool on, char *why, size_t why_len)
{
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (!SDL_GetWindowWMInfo(win, &info)) {
        snprintf(why, why_len, "no window system information: %s", SDL_GetError());
        return false;
    }
    switch (info.subsystem) {
    case SDL_SYSWM_KMSDRM:
        if (info.info.kmsdrm.drm_fd < 0 || drm_dpms(info.info.kmsdrm.drm_fd, on) == 0) {
            snprintf(why, why_len, "no connected display takes a DPMS setting");
            return false;
        }
        return true;
    case SDL_SYSWM_X11: {
        Display *dpy = info.info.x11.display;
        int ev, err;
        if (!DPMSQueryExtension(dpy, &ev, &err) || !DPMSCapable(dpy)) {
            snprintf(why, why_len, "this X server has no DPMS");
            return false;
        }
        /* DPMS stays as the user set it for the on hours: a kiosk's X is often told never
         * to blank, and enabling DPMS for the night must not leave its timers running */
        static int was_enabled = -1;
        CARD16 level;
        BOOL enabled;
        if (!on && DPMSInfo(dpy, &level, &enabled)) {
            was_enabled = enabled ? 1 : 0;
            DPMSEnable(dpy);
        }
        DPMSForceLevel(dpy, on ? DPMSModeOn : DPMSModeOff);
        if (on && was_enabled == 0)
            DPMSDisable(dpy);
        XFlush(dpy);
        return true;
    }
    default:
        snprintf(why, why_len, "the %s video driver has no DPMS", SDL_GetCurrentVideoDriver());
        return false;
    }
}
