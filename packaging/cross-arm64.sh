#!/bin/sh
# cross-arm64.sh: proof that Newsreel builds, passes and installs on a Raspberry Pi's
# architecture (arm64, Raspberry Pi OS bookworm = Debian 12), without a Pi.
#
#   sudo packaging/cross-arm64.sh
#
# 1. An amd64 Debian root (debootstrap) gets Debian's cross toolchain
#    (crossbuild-essential-arm64) and the arm64 -dev packages through multiarch; kept under
#    build-pkg-roots/cross-arm64 for the next run. (A root, not this machine: some -dev
#    packages cannot be installed for two architectures at once.)
# 2. The working tree is cross-built there (packaging/toolchain-arm64.cmake, -Werror) and
#    the unit and end-to-end tests run under qemu-user emulation (binfmt).
# 3. The arm64 .deb is made with CPack and checked with lintian.
# 4. packaging/test-install.sh installs it into an arm64 debootstrap root and runs
#    `newsreel --render` there under emulation, with all its ownership and conffile checks.
# The .deb and the slides rendered on arm64 are left in OUT (default: build-arm64 in the
# checkout). Prints the time of every step.
# Needs root, debootstrap, qemu-user-static and binfmt-support, and the Debian mirror.
# Environment: JOBS (build jobs), CTEST_ARGS (default: -L "unit|e2e"), MIRROR, ROOTS.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=SCRIPTDIR/chroot-lib.sh
. "$here/packaging/chroot-lib.sh"

need_root
need_tool debootstrap debootstrap
t_start=$(date +%s)
out=${OUT:-"$here/build-arm64"}
jobs=${JOBS:-$(nproc)}
host_arch=$(dpkg --print-architecture)
check_arch_runs arm64

# What the cross root holds: build tools for the host, libraries for arm64, and what the
# tests use at run time (python3 for the loopback server, the fonts dev.sh installs).
host_pkgs="crossbuild-essential-arm64 cmake make pkgconf python3 file dpkg-dev ca-certificates gettext
fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji"
arm64_pkgs="libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libcurl4-openssl-dev libxml2-dev
libcjson-dev libinih-dev libicu-dev libfribidi-dev libfontconfig-dev libqrencode-dev
libharfbuzz-dev libdrm-dev libxext-dev libcmocka-dev libjpeg-dev libpng-dev libwebp-dev
liblcms2-dev libgif-dev"
want=$(printf '%s|%s' "$host_pkgs" "$arm64_pkgs" | tr -s ' \n' '  ')

cross="$ROOTS/cross-arm64"
trap 'umount_root "$cross"' EXIT INT TERM

if [ "$(cat "$cross/.newsreel-cross" 2>/dev/null)" != "$want" ]; then
    log "step 1: cross-build root"
    tarball=$(base_tarball "$host_arch" "")
    fresh_root "$tarball" "$cross"
    mount_root "$cross"
    in_root "$cross" dpkg --add-architecture arm64
    timed "apt-get update (with arm64)" in_root "$cross" apt-get update -q >&2
    # shellcheck disable=SC2046,SC2086
    timed "install the cross toolchain and arm64 -dev packages" \
        in_root "$cross" apt-get install -y -q --no-install-recommends $host_pkgs \
        $(for p in $arm64_pkgs; do printf '%s:arm64 ' "$p"; done) >&2
    in_root "$cross" apt-get clean
    printf '%s' "$want" > "$cross/.newsreel-cross"
else
    log "step 1: cross-build root already made ($cross)"
    mount_root "$cross"
fi

log "step 2: cross-build the working tree, run the tests under qemu-user"
rm -rf "$cross/nr"
mkdir -p "$cross/nr/main" "$cross/nr/shared"
# The working tree as git sees it (tracked and new files, not ignored ones) ...
(cd "$here" && git ls-files -z --cached --others --exclude-standard |
    xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh |
    tar --null -T - -cf -) | tar -C "$cross/nr/main" -xf -
# ... and the shared test corpus, found at ../shared as in CI.
if [ -d "$here/../shared" ]; then
    cp -a "$here/../shared/." "$cross/nr/shared/"
fi
timed "configure (arm64)" in_root "$cross" cmake -S /nr/main -B /nr/build \
    -DCMAKE_TOOLCHAIN_FILE=/nr/main/packaging/toolchain-arm64.cmake \
    -DCMAKE_INSTALL_PREFIX=/usr -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEWSREEL_WERROR=ON >&2
timed "cross-build (arm64, -j$jobs)" in_root "$cross" cmake --build /nr/build -j "$jobs" >&2
kind=$(in_root "$cross" file -b /nr/build/app/newsreel)
log "app/newsreel: $kind"
case "$kind" in *"ARM aarch64"*) ;; *) die "app/newsreel is not an arm64 binary" ;; esac
# Under emulation the tests run several times slower than their TIMEOUTs assume (set for
# native runs): scale the timeouts in the generated test files, by TIMEOUT_SCALE (default 10).
scale=${TIMEOUT_SCALE:-10}
find "$cross/nr/build" -name CTestTestfile.cmake -exec perl -pi -e \
    's/TIMEOUT "([0-9.]+)"/"TIMEOUT \"" . ($1 * '"$scale"') . "\""/ge' {} +
# shellcheck disable=SC2086
timed "tests under qemu-user (${CTEST_ARGS:--L unit|e2e})" \
    in_root "$cross" ctest --test-dir /nr/build --output-on-failure -j "$jobs" \
    ${CTEST_ARGS:--L "unit|e2e"} >&2 || die "tests failed on arm64"

log "step 3: the arm64 .deb"
rm -rf "$cross/nr/build/packages"
timed "cpack (arm64)" in_root "$cross" sh -c \
    'cd /nr/build && DEB_HOST_ARCH=arm64 cpack -G DEB' >&2
deb=$(find "$cross/nr/build/packages" -maxdepth 1 -name 'newsreel_*_arm64.deb' | head -n 1)
[ -n "$deb" ] || die "cpack made no arm64 package"
mkdir -p "$out"
cp "$deb" "$out/"
deb="$out/$(basename "$deb")"
dpkg-deb --info "$deb" >&2
if command -v lintian >/dev/null; then
    timed "lintian" lintian --fail-on error "$deb" >&2
else
    log "lintian is not installed (apt-get install lintian); not checked"
fi
umount_root "$cross"

log "step 4: install into an arm64 root and render there under emulation"
SLIDES_OUT="${SLIDES_OUT:-$out/slides}" "$here/packaging/test-install.sh" "$deb"

log "arm64 proof passed in $(( $(date +%s) - t_start )) s; package: $deb"
