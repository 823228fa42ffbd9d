#!/bin/sh
# qemu-proof.sh: Newsreel on a real KMS/DRM console, in a booted Debian 12 machine under QEMU.
#
#   packaging/qemu-proof.sh [amd64|arm64]      (default amd64; run as root)
#
# Builds a small Debian 12 system with debootstrap (the distribution's kernel, Mesa), installs
# Newsreel's .deb into it, boots it under QEMU with a virtio-gpu display (a DRM/KMS device;
# Mesa draws through GBM) and checks from outside, through QEMU's monitor (screendump):
# slides shown and changing, a transition, dark at off hours and back, `systemctl reload`
# applying a setting with no black frame, `kill -9` followed by a restart, a hang (SIGSTOP)
# caught by the watchdog, and the journal's lines. Screendumps (PNG) and the journal go to
# the output folder; the last line says PASS or FAIL.
#
# Environment: VM_DIR (cache: root filesystems, images; default build-vm in the checkout),
# OUT_DIR (default VM_DIR/proof-ARCH), DEB (a .deb to install instead of building one),
# MIRROR (default http://deb.debian.org/debian), ROOTFS_ONLY (1: stop once the root
# filesystem is made). Needs debootstrap, qemu-system-x86 (or
# qemu-system-arm and qemu-user-static for arm64), e2fsprogs, python3 and ImageMagick.
# Everything heavy runs under nice: the machine stays usable.
set -eu

arch=${1:-amd64}
here=$(cd "$(dirname "$0")/.." && pwd)
vm=${VM_DIR:-"$here/build-vm"}
out=${OUT_DIR:-"$vm/proof-$arch"}
mirror=${MIRROR:-http://deb.debian.org/debian}
root="$vm/rootfs-$arch"

step() { printf '\n== %s (%s)\n' "$*" "$(date -u +%H:%M:%S)" >&2; }

case $arch in
amd64) kernel_pkg=linux-image-amd64 ;;
arm64) kernel_pkg=linux-image-arm64 ;;
*) echo "qemu-proof: unknown architecture '$arch' (amd64 or arm64)" >&2; exit 2 ;;
esac
[ "$(id -u)" -eq 0 ] || { echo "qemu-proof: run as root (debootstrap, chroot)" >&2; exit 2; }
mkdir -p "$vm" "$out"

# Newsreel's run-time libraries, Mesa (GBM, EGL, llvmpipe) and a small systemd system; the
# .deb's own Depends are resolved by apt below.
include="systemd-sysv,udev,kmod,dbus,procps,$kernel_pkg,initramfs-tools,libsdl2-2.0-0"
include="$include,libsdl2-ttf-2.0-0,libsdl2-image-2.0-0,libcurl4,libxml2,libcjson1,libinih1"
include="$include,libunibreak1,libfribidi0,libfontconfig1,libqrencode4,libdrm2,libxext6"
include="$include,libgl1-mesa-dri,libegl1,libgles2,libgbm1,libegl-mesa0"

if [ ! -x "$root/usr/bin/systemctl" ]; then
    step "debootstrap Debian 12 ($arch) into $root"
    rm -rf "$root"
    if [ "$arch" = "$(dpkg --print-architecture)" ]; then
        nice -n 19 debootstrap --variant=minbase --arch="$arch" --include="$include" bookworm \
            "$root" "$mirror" >&2
    else
        # Another architecture configures its packages under qemu-user emulation, where the
        # distribution's initramfs (MODULES=most, some 3700 modules looked at one by one)
        # takes most of an hour: unpack first, then ask for the few modules the virt machine
        # boots with, then configure.
        nice -n 19 debootstrap --foreign --variant=minbase --arch="$arch" --include="$include" \
            bookworm "$root" "$mirror" >&2
        mkdir -p "$root/etc/initramfs-tools/conf.d"
        echo MODULES=list >"$root/etc/initramfs-tools/conf.d/newsreel-proof"
        mkdir -p "$root/usr/share/initramfs-tools/modules.d"
        printf '%s\n' virtio_pci virtio_mmio virtio_blk ext4 \
            >"$root/usr/share/initramfs-tools/modules.d/newsreel-proof"
        nice -n 19 chroot "$root" /debootstrap/debootstrap --second-stage >&2
    fi
fi
# ROOTFS_ONLY=1: only the root filesystem (to make it while the .deb builds elsewhere)
[ -z "${ROOTFS_ONLY:-}" ] || { step "root filesystem ready: $root"; exit 0; }

if [ -z "${DEB:-}" ]; then
    if [ "$arch" = amd64 ]; then
        step "build the .deb"
        DEB=$(JOBS=${JOBS:-2} LINTIAN=no nice -n 19 "$here/packaging/build-deb.sh" "$vm/deb-amd64" | tail -n 1)
    else
        step "cross-build the arm64 .deb"
        # cross-arm64.sh logs on stderr and leaves the package in OUT
        OUT="$vm/deb-arm64" nice -n 19 "$here/packaging/cross-arm64.sh" >&2
        DEB=$(find "$vm/deb-arm64" -maxdepth 1 -name 'newsreel_*_arm64.deb' | sort | tail -n 1)
        [ -n "$DEB" ] || { echo "qemu-proof: cross-arm64.sh made no .deb" >&2; exit 1; }
    fi
fi
step "install $(basename "$DEB") into the root filesystem"
cp "$DEB" "$root/tmp/newsreel.deb"
# apt resolves the package's Depends from the mirror; the service is enabled in the booted
# machine, as an administrator would
nice -n 19 chroot "$root" sh -c 'DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    --no-install-recommends --reinstall /tmp/newsreel.deb && rm /tmp/newsreel.deb && apt-get clean' >&2

step "configure the machine"
echo newsreel-proof >"$root/etc/hostname"
echo '/dev/vda / ext4 defaults 0 1' >"$root/etc/fstab"
chroot "$root" passwd -d root >/dev/null
# A root shell on the serial line, which the checks drive; tty1 belongs to Newsreel.
mkdir -p "$root/etc/systemd/system/serial-getty@ttyS0.service.d" \
    "$root/etc/systemd/system/serial-getty@ttyAMA0.service.d"
for t in ttyS0 ttyAMA0; do
    cat >"$root/etc/systemd/system/serial-getty@$t.service.d/autologin.conf" <<UNIT
[Service]
ExecStart=
ExecStart=-/sbin/agetty --autologin root --noclear --keep-baud 115200 %I dumb
UNIT
done
cp "$here/packaging/vm/proof.conf" "$root/etc/newsreel/newsreel.conf"
kver=$(find "$root/boot" -name 'vmlinuz-*' | sed 's|.*/vmlinuz-||' | sort -V | tail -n 1)

step "make the disk image"
img="$vm/root-$arch.img"
rm -f "$img"
truncate -s 3G "$img"
nice -n 19 mkfs.ext4 -q -F -L root -d "$root" "$img"

step "boot under QEMU and check"
nice -n 19 python3 "$here/packaging/vm/proof.py" --arch "$arch" --image "$img" \
    --kernel "$root/boot/vmlinuz-$kver" --initrd "$root/boot/initrd.img-$kver" --out "$out"
