/* test_hotplug.c: which of the kernel's uevents announce a change of the console's screens,
 * on messages laid out as the kernel sends them (NUL-separated lines), and the watcher
 * staying out of the way where SDL reports screens itself (SDL's dummy driver here). */
#include "testsupport.h"

#include "hotplug.h"

#include <SDL.h>
#include <string.h>

/* A message as it comes off the socket: the lines, each ended by a NUL. */
#define UEVENT(s) s, sizeof(s) - 1

static void test_connector_hotplug_is_a_screen_event(void **state)
{
    (void)state;
    static const char msg[] = "change@/devices/pci0000:00/0000:00:02.0/drm/card0\0"
                              "ACTION=change\0DEVPATH=/devices/pci0000:00/0000:00:02.0/drm/card0\0"
                              "SUBSYSTEM=drm\0HOTPLUG=1\0DEVNAME=dri/card0\0DEVTYPE=drm_minor\0"
                              "SEQNUM=2512\0MAJOR=226\0MINOR=0\0";
    assert_true(show_hotplug_is_screen_event(UEVENT(msg)));
    /* a change written to the card's uevent file (no HOTPLUG=1): looked at all the same */
    static const char synth[] = "change@/devices/platform/gpu/drm/card1\0ACTION=change\0"
                                "DEVPATH=/devices/platform/gpu/drm/card1\0SUBSYSTEM=drm\0"
                                "SYNTH_UUID=0\0DEVNAME=dri/card1\0SEQNUM=7\0";
    assert_true(show_hotplug_is_screen_event(UEVENT(synth)));
}

static void test_other_uevents_are_not(void **state)
{
    (void)state;
    /* a keyboard plugged in */
    static const char input[] = "add@/devices/platform/usb/input/input5\0ACTION=add\0"
                                "DEVPATH=/devices/platform/usb/input/input5\0SUBSYSTEM=input\0"
                                "SEQNUM=900\0";
    assert_false(show_hotplug_is_screen_event(UEVENT(input)));
    /* a DRM device appearing (the card itself, at boot): SDL has not started on it yet */
    static const char add[] = "add@/devices/pci0000:00/0000:00:02.0/drm/card0\0ACTION=add\0"
                              "SUBSYSTEM=drm\0SEQNUM=3\0";
    assert_false(show_hotplug_is_screen_event(UEVENT(add)));
    /* a value that only starts like the key */
    static const char near[] = "change@/x\0ACTION=change\0SUBSYSTEM=drmx\0SEQNUM=4\0";
    assert_false(show_hotplug_is_screen_event(UEVENT(near)));
}

static void test_cut_and_empty_messages(void **state)
{
    (void)state;
    /* cut off in the middle of a line, with no NUL at the end: never read past len */
    char cut[64];
    static const char whole[] = "change@/d\0ACTION=change\0SUBSYSTEM=drm";
    memcpy(cut, whole, sizeof whole - 1);
    memset(cut + sizeof whole - 1, 'x', sizeof cut - (sizeof whole - 1));
    assert_false(show_hotplug_is_screen_event(cut, sizeof whole - 4)); /* ends "SUBSYSTEM=" */
    assert_true(show_hotplug_is_screen_event(cut, sizeof whole - 1));
    assert_false(show_hotplug_is_screen_event("", 0));
    assert_false(show_hotplug_is_screen_event(UEVENT("\0\0\0")));
}

static void test_no_watcher_off_the_console(void **state)
{
    (void)state;
    assert_int_equal(SDL_VideoInit("dummy"), 0);
    SDL_Window *win = SDL_CreateWindow("t", 0, 0, 64, 48, 0);
    assert_non_null(win);
    assert_null(show_hotplug_new(win)); /* SDL's own display events serve here */
    SDL_Event ev = { .type = SDL_USEREVENT };
    char what[64] = "";
    assert_false(show_hotplug_changed(NULL, &ev, what, sizeof what));
    show_hotplug_free(NULL);
    SDL_DestroyWindow(win);
    SDL_VideoQuit();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_connector_hotplug_is_a_screen_event),
        cmocka_unit_test(test_other_uevents_are_not),
        cmocka_unit_test(test_cut_and_empty_messages),
        cmocka_unit_test(test_no_watcher_off_the_console),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
