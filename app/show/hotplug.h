/* hotplug.h: screens connected, unplugged or given another mode on the console (KMS/DRM),
 * which SDL 2.26's kmsdrm driver does not report. Elsewhere SDL's window and display events
 * say it (show_display_handle_event). */
#ifndef NR_HOTPLUG_H
#define NR_HOTPLUG_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

struct hotplug; /* opaque; owns a netlink socket and the thread that waits on it */

/* Starts listening to the kernel's DRM hot-plug events when win is on the KMS/DRM console,
 * and notes its screens (connected connectors and their preferred modes). NULL on other video
 * drivers, or when the events cannot be had (said in the log once). The thread sleeps until
 * the kernel speaks: nothing wakes the main loop on a still slide. Main thread. */
struct hotplug *show_hotplug_new(SDL_Window *win);
void show_hotplug_free(struct hotplug *h); /* accepts NULL; joins the thread */

/* Give it every event of the main loop: true when ev is this watcher's report and the screens
 * now differ from those noted at the start; what gets both, e.g. "Virtual-1 1280x800 -> none".
 * SDL picks the screen and its mode only as its video starts: the caller starts again. */
bool show_hotplug_changed(struct hotplug *h, const SDL_Event *ev, char *what, size_t what_len);

/* The screens behind drm_fd as one line: "NAME WxH" per connected connector (its preferred
 * mode), "none" when none is connected. For the log and show_hotplug_changed. */
void show_hotplug_describe(int drm_fd, char *out, size_t out_len);

/* msg (len bytes, NUL-separated "KEY=value" lines, as the kernel sends them on its uevent
 * socket) announces a change on a DRM device: a connector's state or modes, mostly. Pure. */
bool show_hotplug_is_screen_event(const char *msg, size_t len);

#endif
