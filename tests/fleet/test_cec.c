/* test_cec.c: the HDMI-CEC power frames byte for byte (checked against the kernel's own
 * cec-funcs.h builders too), and the device layer's errors. Against a real adapter only
 * where one exists (the kernel's vivid driver emulates one with a TV). */
#include "cec.h"
#include "testsupport.h"

#include <dirent.h>
#include <linux/cec-funcs.h>
#include <linux/cec.h>
#include <stdio.h>
#include <string.h>

static void expect_frame(const struct cec_frame *f, const uint8_t *want, size_t n)
{
    assert_int_equal(f->len, n);
    assert_memory_equal(f->bytes, want, n);
}

/* The same frame from linux/cec-funcs.h, addressed as ours. */
static void expect_kernel(const struct cec_frame *f, struct cec_msg *k, uint8_t from)
{
    k->msg[0] = (uint8_t)(from << 4 | (k->msg[0] & 15));
    assert_int_equal(f->len, k->len);
    assert_memory_equal(f->bytes, k->msg, f->len);
}

static void test_frames(void **state)
{
    (void)state;
    struct cec_frame f, two[2];
    struct cec_msg k;

    /* a playback device (logical address 4) to the TV (0): header 0x40 */
    fleet_cec_frame_standby(&f, 4);
    expect_frame(&f, (const uint8_t[]){ 0x40, 0x36 }, 2);
    cec_msg_init(&k, 4, CEC_LOG_ADDR_TV);
    cec_msg_standby(&k);
    expect_kernel(&f, &k, 4);

    fleet_cec_frame_image_view_on(&f, 4);
    expect_frame(&f, (const uint8_t[]){ 0x40, 0x04 }, 2);
    cec_msg_init(&k, 4, CEC_LOG_ADDR_TV);
    cec_msg_image_view_on(&k);
    expect_kernel(&f, &k, 4);

    /* broadcast (15) with physical address 1.0.0.0 (HDMI input 1) */
    fleet_cec_frame_active_source(&f, 4, 0x1000);
    expect_frame(&f, (const uint8_t[]){ 0x4f, 0x82, 0x10, 0x00 }, 4);
    cec_msg_init(&k, 4, CEC_LOG_ADDR_BROADCAST);
    cec_msg_active_source(&k, 0x1000);
    expect_kernel(&f, &k, 4);
    fleet_cec_frame_active_source(&f, 8, 0x2130); /* playback 2, input 2 of a switch on 1 */
    expect_frame(&f, (const uint8_t[]){ 0x8f, 0x82, 0x21, 0x30 }, 4);

    /* the power change: on wakes the TV first, then asks for our input */
    assert_int_equal(fleet_cec_power_frames(true, 4, 0x3000, two), 2);
    expect_frame(&two[0], (const uint8_t[]){ 0x40, 0x04 }, 2);
    expect_frame(&two[1], (const uint8_t[]){ 0x4f, 0x82, 0x30, 0x00 }, 4);
    assert_int_equal(fleet_cec_power_frames(false, 4, 0x3000, two), 1);
    expect_frame(&two[0], (const uint8_t[]){ 0x40, 0x36 }, 2);
}

static void test_device_errors(void **state)
{
    (void)state;
    struct cec_device *d = (struct cec_device *)1;
    struct nr_err err = { 0 };
    assert_int_equal(fleet_cec_device_open("/nonexistent/cec0", &d, &err), NR_ERR_IO);
    assert_null(d);
    assert_non_null(strstr(err.msg, "'/nonexistent/cec0'"));
    /* a device that is no CEC adapter: refused, nothing kept open */
    assert_int_equal(fleet_cec_device_open("/dev/null", &d, &err), NR_ERR_IO);
    assert_null(d);
    assert_non_null(strstr(err.msg, "/dev/null"));
    fleet_cec_device_close(NULL);
}

static void test_real_adapter(void **state)
{
    (void)state;
    DIR *dev = opendir("/dev");
    char path[300] = "";
    struct dirent *e;
    while (dev && (e = readdir(dev)))
        if (strncmp(e->d_name, "cec", 3) == 0)
            snprintf(path, sizeof path, "/dev/%s", e->d_name);
    if (dev)
        closedir(dev);
    if (!path[0]) {
        printf("no /dev/cec* on this machine (load the vivid driver for an emulated TV): "
               "the adapter test is skipped\n");
        skip();
    }
    struct cec_device *d = NULL;
    struct nr_err err = { 0 };
    if (fleet_cec_device_open(path, &d, &err) != NR_OK)
        fail_msg("%s", err.msg);
    assert_int_equal(fleet_cec_device_power(d, false, &err), NR_OK);
    assert_int_equal(fleet_cec_device_power(d, true, &err), NR_OK);
    fleet_cec_device_close(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_frames),
        cmocka_unit_test(test_device_errors),
        cmocka_unit_test(test_real_adapter),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
