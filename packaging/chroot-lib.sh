# chroot-lib.sh: Debian roots made with debootstrap, for the install test and the arm64 proof.
# Sourced by test-install.sh and cross-arm64.sh; needs root, debootstrap, and for a foreign
# architecture qemu-user-static with its binfmt handler registered.
#
# Environment: MIRROR (default: the first deb.debian.org-style URI apt is configured with),
# SUITE (default bookworm), ROOTS (where base tarballs are cached; default build-pkg-roots
# in the checkout). A cached base tarball is reused; delete it to start from scratch.

SUITE=${SUITE:-bookworm}
ROOTS=${ROOTS:-"$here/build-pkg-roots"}

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Seconds since the script's step started; `timed NAME CMD...` logs how long CMD took.
timed() {
    local _name _t0 _rc
    _name=$1; shift
    _t0=$(date +%s)
    "$@"
    _rc=$?
    log "$_name: $(( $(date +%s) - _t0 )) s"
    return $_rc
}

need_root() {
    [ "$(id -u)" -eq 0 ] || die "run as root (debootstrap and chroot need it)"
}

need_tool() { # TOOL PACKAGE
    command -v "$1" >/dev/null || die "'$1' is missing: apt-get install $2"
}

# The Debian mirror apt already uses (deb822 or one-line sources), else deb.debian.org.
apt_mirror() {
    if [ -n "${MIRROR:-}" ]; then echo "$MIRROR"; return; fi
    m=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
        awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i ~ /\/debian\/?$/) { print $i; exit } }')
    [ -n "$m" ] || m=$(awk '$1 == "deb" && $2 ~ /\/debian\/?$/ { print $2; exit }' \
        /etc/apt/sources.list 2>/dev/null)
    echo "${m:-http://deb.debian.org/debian}"
}

# Makes sure binaries of ARCH run here: a foreign architecture needs qemu-user's binfmt handler.
check_arch_runs() { # ARCH
    [ "$1" = "$(dpkg --print-architecture)" ] && return 0
    qarch=$(case "$1" in arm64) echo aarch64 ;; armhf) echo arm ;; *) echo "$1" ;; esac)
    need_tool "qemu-$qarch-static" qemu-user-static
    if [ ! -e /proc/sys/fs/binfmt_misc/status ]; then
        mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc ||
            die "binfmt_misc is not mounted and cannot be"
    fi
    if [ ! -e "/proc/sys/fs/binfmt_misc/qemu-$qarch" ]; then
        need_tool update-binfmts binfmt-support
        update-binfmts --enable "qemu-$qarch" || die "cannot register qemu-$qarch with binfmt"
    fi
    # The F flag keeps the interpreter open, so it works inside a chroot without a copy.
    grep -q '^flags:.*F' "/proc/sys/fs/binfmt_misc/qemu-$qarch" ||
        die "the qemu-$qarch binfmt handler lacks the F (fix binary) flag"
}

# A cached tarball of a minimal Debian root: base_tarball ARCH INCLUDE -> prints its path.
base_tarball() { # ARCH PACKAGES(comma-separated, may be empty)
    _arch=$1 _inc=$2
    _tag=$(printf '%s' "$_inc" | md5sum | cut -c1-8)
    _tar="$ROOTS/$SUITE-$_arch-minbase-$_tag.tar"
    if [ ! -s "$_tar" ]; then
        mkdir -p "$ROOTS"
        _dir="$ROOTS/.debootstrap-$_arch-$$"
        safe_rm_root "$_dir"
        log "debootstrap $SUITE $_arch (minbase${_inc:+ + $_inc}) from $(apt_mirror)"
        timed "debootstrap $_arch" debootstrap --arch="$_arch" --variant=minbase \
            ${_inc:+--include="$_inc"} "$SUITE" "$_dir" "$(apt_mirror)" >&2 ||
            { tail -n 30 "$_dir/debootstrap/debootstrap.log" >&2 2>/dev/null
              die "debootstrap $_arch failed"; }
        rm -f "$_dir/var/cache/apt/archives/"*.deb
        tar -C "$_dir" -cf "$_tar.tmp" . && mv "$_tar.tmp" "$_tar"
        safe_rm_root "$_dir"
    fi
    echo "$_tar"
}

# Unpacks a fresh root from a tarball and prepares it for apt and chroot.
fresh_root() { # TARBALL DIR
    safe_rm_root "$2"
    mkdir -p "$2"
    tar -C "$2" -xf "$1"
    cp /etc/resolv.conf "$2/etc/resolv.conf" 2>/dev/null || true
    # Nothing started inside the root by package scripts.
    printf '#!/bin/sh\nexit 101\n' > "$2/usr/sbin/policy-rc.d"
    chmod 755 "$2/usr/sbin/policy-rc.d"
}

# /proc inside the root; every mount made here is undone by umount_root (call it on exit).
mount_root() { # DIR
    mountpoint -q "$1/proc" || mount -t proc proc "$1/proc"
}

umount_root() { # DIR
    [ -n "$1" ] && [ -d "$1" ] || return 0
    # deepest first
    awk -v r="$(cd "$1" && pwd -P)" '$2 == r || index($2, r "/") == 1 { print $2 }' \
        /proc/mounts | sort -r | while read -r _m; do
        umount "$_m" 2>/dev/null || umount -l "$_m"
    done
}

# rm -rf of a root, refused while anything is mounted inside it (a bind mount would take the
# host's files with it).
safe_rm_root() { # DIR
    [ -e "$1" ] || return 0
    umount_root "$1"
    _r=$(cd "$1" && pwd -P)
    [ "$_r" != / ] || die "refusing to remove /"
    if awk -v r="$_r" '$2 == r || index($2, r "/") == 1 { found = 1 } END { exit !found }' \
           /proc/mounts; then
        die "something is still mounted under $_r; not removing it"
    fi
    rm -rf "$_r"
}

in_root() { # DIR CMD...
    _d=$1; shift
    chroot "$_d" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
        DEBIAN_FRONTEND=noninteractive "$@"
}
