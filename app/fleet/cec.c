/* cec.c: HDMI-CEC power frames, and sending them through the kernel's CEC adapter. */
#include "cec.h"

#include "alloc.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/cec.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* CEC opcodes (HDMI 1.4b, CEC 13): as in linux/cec.h, written out so the frames read alone */
#define OP_IMAGE_VIEW_ON 0x04
#define OP_STANDBY 0x36
#define OP_ACTIVE_SOURCE 0x82

static void frame(struct cec_frame *f, uint8_t from, uint8_t to, uint8_t op)
{
    memset(f, 0, sizeof *f);
    f->bytes[0] = (uint8_t)((from & 15) << 4 | (to & 15));
    f->bytes[1] = op;
    f->len = 2;
}

void fleet_cec_frame_standby(struct cec_frame *f, uint8_t from)
{
    frame(f, from, CEC_ADDR_TV, OP_STANDBY);
}

void fleet_cec_frame_image_view_on(struct cec_frame *f, uint8_t from)
{
    frame(f, from, CEC_ADDR_TV, OP_IMAGE_VIEW_ON);
}

void fleet_cec_frame_active_source(struct cec_frame *f, uint8_t from, uint16_t phys_addr)
{
    frame(f, from, CEC_ADDR_BROADCAST, OP_ACTIVE_SOURCE);
    f->bytes[2] = (uint8_t)(phys_addr >> 8);
    f->bytes[3] = (uint8_t)(phys_addr & 0xff);
    f->len = 4;
}

size_t fleet_cec_power_frames(bool on, uint8_t from, uint16_t phys_addr, struct cec_frame out[2])
{
    if (!on) {
        fleet_cec_frame_standby(&out[0], from);
        return 1;
    }
    fleet_cec_frame_image_view_on(&out[0], from);
    fleet_cec_frame_active_source(&out[1], from, phys_addr);
    return 2;
}

struct cec_device {
    int fd;
    char *path;
};

enum nr_result fleet_cec_device_open(const char *path, struct cec_device **out, struct nr_err *err)
{
    enum nr_result ret = NR_OK;
    struct cec_log_addrs la;
    uint32_t mode = CEC_MODE_INITIATOR;
    int fd;

    *out = NULL;
    fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return nr_fail(err, NR_ERR_IO, "HDMI-CEC '%s': %s", path, strerror(errno));
    if (ioctl(fd, CEC_S_MODE, &mode) != 0) {
        ret = nr_fail(err, NR_ERR_IO, "HDMI-CEC '%s': cannot send: %s", path, strerror(errno));
        goto out;
    }
    memset(&la, 0, sizeof la);
    if (ioctl(fd, CEC_ADAP_G_LOG_ADDRS, &la) != 0) {
        ret = nr_fail(err, NR_ERR_IO, "HDMI-CEC '%s': %s", path, strerror(errno));
        goto out;
    }
    if (la.num_log_addrs == 0) {
        /* nobody (cec-ctl, the firmware) claimed an address: be a playback device */
        memset(&la, 0, sizeof la);
        la.cec_version = CEC_OP_CEC_VERSION_1_4;
        la.vendor_id = CEC_VENDOR_ID_NONE;
        la.num_log_addrs = 1;
        la.log_addr_type[0] = CEC_LOG_ADDR_TYPE_PLAYBACK;
        la.primary_device_type[0] = CEC_OP_PRIM_DEVTYPE_PLAYBACK;
        la.all_device_types[0] = CEC_OP_ALL_DEVTYPE_PLAYBACK;
        snprintf(la.osd_name, sizeof la.osd_name, "Newsreel");
        if (ioctl(fd, CEC_ADAP_S_LOG_ADDRS, &la) != 0) {
            ret = nr_fail(err, NR_ERR_IO, "HDMI-CEC '%s': cannot claim an address: %s", path,
                          strerror(errno));
            goto out;
        }
    }
out:
    if (ret != NR_OK) {
        close(fd);
        return ret;
    }
    struct cec_device *d = xcalloc(1, sizeof *d);
    d->fd = fd;
    d->path = xstrdup(path);
    *out = d;
    return NR_OK;
}

void fleet_cec_device_close(struct cec_device *d)
{
    if (!d)
        return;
    close(d->fd);
    free(d->path);
    free(d);
}

enum nr_result fleet_cec_device_power(struct cec_device *d, bool on, struct nr_err *err)
{
    struct cec_log_addrs la;
    uint16_t phys = CEC_PHYS_ADDR_INVALID;
    struct cec_frame frames[2];

    memset(&la, 0, sizeof la);
    if (ioctl(d->fd, CEC_ADAP_G_LOG_ADDRS, &la) != 0 ||
        ioctl(d->fd, CEC_ADAP_G_PHYS_ADDR, &phys) != 0)
        return nr_fail(err, NR_ERR_IO, "HDMI-CEC '%s': %s", d->path, strerror(errno));
    if (la.num_log_addrs == 0 || la.log_addr[0] == CEC_LOG_ADDR_INVALID)
        return nr_fail(err, NR_ERR_IO, "HDMI-CEC '%s': no logical address (is a TV connected?)",
                       d->path);
    if (phys == CEC_PHYS_ADDR_INVALID)
        return nr_fail(err, NR_ERR_IO, "HDMI-CEC '%s': no physical address (no HDMI sink)",
                       d->path);
    size_t n = fleet_cec_power_frames(on, la.log_addr[0], phys, frames);
    for (size_t i = 0; i < n; i++) {
        struct cec_msg msg;
        memset(&msg, 0, sizeof msg);
        memcpy(msg.msg, frames[i].bytes, frames[i].len);
        msg.len = (uint32_t)frames[i].len;
        if (ioctl(d->fd, CEC_TRANSMIT, &msg) != 0)
            return nr_fail(err, NR_ERR_IO, "HDMI-CEC '%s': %s", d->path, strerror(errno));
        /* a broadcast has no acknowledgement to wait for */
        if (frames[i].bytes[0] % 16 != CEC_ADDR_BROADCAST && !(msg.tx_status & CEC_TX_STATUS_OK))
            return nr_fail(err, NR_ERR_IO,
                           "HDMI-CEC '%s': the TV did not acknowledge (status 0x%x)", d->path,
                           msg.tx_status);
    }
    return NR_OK;
}
