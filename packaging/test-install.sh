#!/bin/sh
# test-install.sh: install Newsreel's .deb into a clean Debian root and check the result.
#
#   sudo packaging/test-install.sh [PACKAGE.deb]
#
# Without an argument it builds the package first (packaging/build-deb.sh into build-deb).
# In a fresh debootstrap root (minbase, cached as a tarball under build-pkg-roots) it
# installs the package with apt-get, then checks: the newsreel account and its groups, owners
# and modes of the installed files and of /var/cache/newsreel, the conffile, that
# `newsreel --render` from the installed paths writes PNG slides as the newsreel user, that
# an upgrade keeps the admin's settings, that removal keeps settings, cache and account, and
# that purge leaves files the admin wrote. Prints the time of every slow step.
# Environment: SLIDES_OUT (a folder to copy the rendered slides to), KEEP_ROOT=yes (keep the
# root for a look inside), MIRROR, ROOTS (see chroot-lib.sh), BUILD_DIR.
# Needs root, debootstrap, and the network to the Debian mirror (MIRROR overrides it).
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=SCRIPTDIR/chroot-lib.sh
. "$here/packaging/chroot-lib.sh"

need_root
need_tool debootstrap debootstrap
need_tool dpkg-deb dpkg
t_start=$(date +%s)

deb=${1:-}
if [ -z "$deb" ]; then
    _t0=$(date +%s)
    deb=$("$here/packaging/build-deb.sh" "${BUILD_DIR:-$here/build-deb}" | tail -n 1)
    log "build the package: $(( $(date +%s) - _t0 )) s"
fi
[ -f "$deb" ] || die "no package '$deb'"
deb=$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")
arch=$(dpkg-deb -f "$deb" Architecture)
[ "$arch" = "$(dpkg --print-architecture)" ] ||
    log "note: $arch package on a $(dpkg --print-architecture) host: runs under emulation"
check_arch_runs "$arch"

root="$ROOTS/install-test-$arch"
trap 'umount_root "$root"' EXIT INT TERM
tarball=$(base_tarball "$arch" "")
timed "unpack a clean root" fresh_root "$tarball" "$root"
mount_root "$root"
# udev makes these groups on a real system (Raspberry Pi OS included); minbase has no udev.
for g in render input; do
    in_root "$root" getent group "$g" >/dev/null || in_root "$root" groupadd --system "$g"
done

fails=0
ok() { log "ok: $*"; }
bad() { log "FAIL: $*"; fails=$((fails + 1)); }
check() { # DESCRIPTION CMD... (run on the host, against files in the root)
    _what=$1; shift
    if "$@"; then ok "$_what"; else bad "$_what"; fi
}
inroot_check() { # DESCRIPTION CMD... (run inside the root)
    _what=$1; shift
    if in_root "$root" "$@"; then ok "$_what"; else bad "$_what"; fi
}
owner_mode() { # PATH EXPECTED("user:group mode")
    _got=$(in_root "$root" stat -c '%U:%G %a' "$1")
    [ "$_got" = "$2" ] || { log "$1: $_got, expected $2"; return 1; }
}

cp "$deb" "$root/tmp/"
pkg="/tmp/$(basename "$deb")"
timed "apt-get update" in_root "$root" apt-get update -q >&2
timed "install $(basename "$deb") and its dependencies" \
    in_root "$root" apt-get install -y -q --no-install-recommends "$pkg" >&2

log "--- the package"
inroot_check "installed" sh -c 'dpkg-query -W -f="\${db:Status-Status}" newsreel | grep -qx installed'
inroot_check "depends on the libraries it links (shlibdeps)" \
    sh -c 'dpkg-query -W -f="\${Depends}" newsreel | grep -q libsdl2'
inroot_check "every library the binary needs is there" \
    sh -c '! ldd /usr/bin/newsreel | grep -q "not found"'
inroot_check "/etc/newsreel/newsreel.conf is a conffile" \
    sh -c 'dpkg-query -W -f="\${Conffiles}" newsreel | grep -q "^ /etc/newsreel/newsreel.conf "'
inroot_check "every packaged file belongs to root" sh -c \
    'dpkg -L newsreel | while read -r f; do [ -e "$f" ] || continue; [ "$(stat -c %U:%G "$f")" = root:root ] || { echo "$f: $(stat -c %U:%G "$f")"; exit 1; }; done'
check "binary root:root 755" owner_mode /usr/bin/newsreel "root:root 755"
check "settings root:root 644" owner_mode /etc/newsreel/newsreel.conf "root:root 644"
check "unit root:root 644" owner_mode /lib/systemd/system/newsreel.service "root:root 644"
check "fonts installed" test -f "$root/usr/share/newsreel/fonts/NotoSans-Regular.ttf"
check "sample feed installed" test -f "$root/usr/share/newsreel/assets/sample/feed.xml"
check "copyright and changelog" test -f "$root/usr/share/doc/newsreel/copyright" -a \
    -f "$root/usr/share/doc/newsreel/changelog.gz"

log "--- the account and the cache"
inroot_check "newsreel is a system user" sh -c \
    'uid=$(id -u newsreel) && [ "$uid" -lt 1000 ] && [ "$(getent passwd newsreel | cut -d: -f7)" = /usr/sbin/nologin ]'
for g in video render input; do
    if in_root "$root" getent group "$g" >/dev/null; then
        inroot_check "newsreel is in group $g" sh -c "id -nG newsreel | tr ' ' '\n' | grep -qx $g"
    else
        log "note: this root has no '$g' group (made by udev on a real system); not checked"
    fi
done
check "/var/cache/newsreel newsreel:newsreel 750" owner_mode /var/cache/newsreel "newsreel:newsreel 750"

log "--- newsreel --render from the installed paths, as the newsreel user"
in_root "$root" install -d -o newsreel -g newsreel /tmp/slides
inroot_check "newsreel --version" /usr/bin/newsreel --version
_t0=$(date +%s)
if in_root "$root" runuser -u newsreel -- env SDL_VIDEODRIVER=dummy \
        /usr/bin/newsreel --render /tmp/slides --size 1280x720 >&2; then
    ok "newsreel --render exits 0"
else
    bad "newsreel --render failed"
fi
log "render the sample feed: $(( $(date +%s) - _t0 )) s"
n=$(find "$root/tmp/slides" -name '*.png' | wc -l)
if [ -n "${SLIDES_OUT:-}" ]; then   # keep the slides to look at
    mkdir -p "$SLIDES_OUT"
    if [ "$n" -gt 0 ]; then cp "$root/tmp/slides/"*.png "$SLIDES_OUT/"; fi
fi
check "slides written ($n)" test "$n" -ge 1
first=$(find "$root/tmp/slides" -name '*.png' | sort | head -n 1)
check "slides are PNG files" sh -c "[ -n '$first' ] && head -c 8 '$first' | od -An -tx1 | tr -d ' \n' | grep -qx 89504e470d0a1a0a"

log "--- upgrade, remove, purge: nothing the admin wrote is lost"
in_root "$root" sh -c 'printf "\n[feeds]\nurl = https://news.example.org/rss.xml\n" >> /etc/newsreel/newsreel.conf'
in_root "$root" sh -c 'echo "notes of the admin" > /etc/newsreel/README.local'
in_root "$root" sh -c 'mkdir -p /etc/systemd/system/newsreel.service.d &&
    printf "[Service]\nMemoryMax=320M\n" > /etc/systemd/system/newsreel.service.d/local.conf'
in_root "$root" sh -c 'echo cached > /var/cache/newsreel/test-entry && chown newsreel: /var/cache/newsreel/test-entry'
timed "reinstall (as an upgrade does)" in_root "$root" dpkg -i "$pkg" >&2
inroot_check "edited settings kept across reinstall" grep -q 'news.example.org' /etc/newsreel/newsreel.conf
check "cache kept across reinstall" test -f "$root/var/cache/newsreel/test-entry"
timed "remove" in_root "$root" dpkg --remove newsreel >&2
check "binary gone after remove" test ! -e "$root/usr/bin/newsreel"
inroot_check "settings kept after remove" grep -q 'news.example.org' /etc/newsreel/newsreel.conf
check "cache kept after remove" test -f "$root/var/cache/newsreel/test-entry"
inroot_check "account kept after remove" getent passwd newsreel
timed "purge" in_root "$root" dpkg --purge newsreel >&2
check "packaged settings gone after purge" test ! -e "$root/etc/newsreel/newsreel.conf"
check "admin's own file kept after purge" test -f "$root/etc/newsreel/README.local"
check "admin's drop-in kept after purge" test -f "$root/etc/systemd/system/newsreel.service.d/local.conf"
check "feed cache gone after purge" test ! -e "$root/var/cache/newsreel"

umount_root "$root"
[ "${KEEP_ROOT:-no}" = yes ] || safe_rm_root "$root"
log "install test: $(( $(date +%s) - t_start )) s in all, $fails failure(s)"
[ "$fails" -eq 0 ]
