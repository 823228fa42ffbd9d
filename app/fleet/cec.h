/* cec.h: the TV's own power over HDMI-CEC, through the kernel's CEC interface (/dev/cecN,
 * linux/cec.h; no extra library): standby at the off time; at the on time, wake it and make
 * this player the active source. DPMS stays as the fallback (display.c). */
#ifndef NR_CEC_H
#define NR_CEC_H

#include "nr.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One CEC frame as it goes on the bus: header (initiator << 4 | destination), opcode,
 * operands. */
struct cec_frame {
    uint8_t bytes[16];
    size_t len;
};

#define CEC_ADDR_TV 0
#define CEC_ADDR_BROADCAST 15

/* <Standby> from `from` to the TV. */
void fleet_cec_frame_standby(struct cec_frame *f, uint8_t from);
/* <Image View On> from `from` to the TV: wakes it. */
void fleet_cec_frame_image_view_on(struct cec_frame *f, uint8_t from);
/* <Active Source> broadcast with our physical address (a.b.c.d as 0xabcd): the TV switches
 * to our input. */
void fleet_cec_frame_active_source(struct cec_frame *f, uint8_t from, uint16_t phys_addr);
/* The frames for a power change, in order: on -> Image View On, Active Source; off ->
 * Standby. Returns how many were written (at most 2). */
size_t fleet_cec_power_frames(bool on, uint8_t from, uint16_t phys_addr, struct cec_frame out[2]);

struct cec_device; /* opaque; owns the open /dev/cecN */

/* Opens path, takes the initiator role and, when no logical address is claimed yet, claims
 * one as a playback device named "Newsreel" (blocks while the bus is asked, about a
 * second). NR_ERR_IO naming path and the cause (no such device, no permission: the service
 * user needs the device's group, "video" on Raspberry Pi OS). */
enum nr_result fleet_cec_device_open(const char *path, struct cec_device **out, struct nr_err *err);
void fleet_cec_device_close(struct cec_device *d); /* accepts NULL */

/* Sends the power frames; NR_OK when the TV acknowledged every one. Blocks up to a few
 * seconds: call from a thread of its own. */
enum nr_result fleet_cec_device_power(struct cec_device *d, bool on, struct nr_err *err);

#endif
