#!/bin/sh
# Newsreel developer set-up: installs what is missing, builds, and runs or tests.
#
#   packaging/dev.sh run [ARGS...]  install deps, build, show the sample feed in a window
#   packaging/dev.sh test           install deps, build, run the whole test suite
#   packaging/dev.sh build          install deps and build only
#   packaging/dev.sh deps           install the Debian packages to build and run only
#   packaging/dev.sh test-deps      ... and those the tests use besides
#
# Works on Debian 12 and Raspberry Pi OS (bookworm). Uses sudo when not run as root.
# Environment: BUILD_DIR (default: build), CI=true turns warnings into errors.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-"$here/build"}

# Build and run dependencies, and the fonts the fallback and the tests rely on.
packages="build-essential cmake pkg-config python3 gettext
libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libcurl4-openssl-dev libxml2-dev libcjson-dev
libinih-dev libicu-dev libfribidi-dev libfontconfig-dev libqrencode-dev libcmocka-dev
libharfbuzz-dev libdrm-dev libxext-dev libjpeg-dev libpng-dev libwebp-dev liblcms2-dev libgif-dev
fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji ca-certificates"

# What only the tests use, installed for `test` alone: ImageMagick makes test photos, openssl
# a test certificate, the shared-cache test starts its own squid on 127.0.0.1, and the GPU
# renderer test runs under Xvfb on Mesa's software OpenGL; clang-format checks the layout of
# the code (packaging/check-format.sh).
test_packages="imagemagick openssl squid xvfb libgl1-mesa-dri clang-format"

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs what is missing of the packages named in $1.
install_missing() {
    missing=""
    for p in $1; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
    done
    if [ -n "$missing" ]; then
        echo "newsreel: installing$missing"
        as_root apt-get update -q
        # shellcheck disable=SC2086
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
    fi
}

deps() {
    install_missing "$packages"
}

# Debian's squid package starts a system proxy on port 3128 and enables it at boot. The
# tests need only the program: when this script is the one installing squid, its service is
# stopped and disabled (with systemd, or the init script where there is no systemd). A squid
# that was installed already is left as its owner set it up.
quiet_squid() {
    if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
        as_root systemctl disable --now squid >/dev/null 2>&1 || true
    elif [ -x /etc/init.d/squid ]; then
        as_root /etc/init.d/squid stop >/dev/null 2>&1 || true
        if command -v update-rc.d >/dev/null 2>&1; then
            as_root update-rc.d squid disable >/dev/null 2>&1 || true
        fi
    fi
}

test_deps() {
    deps
    had_squid=no
    dpkg-query -W -f='${Status}' squid 2>/dev/null | grep -q "ok installed" && had_squid=yes
    install_missing "$test_packages"
    if [ "$had_squid" = no ] && dpkg-query -W -f='${Status}' squid 2>/dev/null | grep -q "ok installed"; then
        echo "newsreel: stopping the squid service the package started (the tests run their own)"
        quiet_squid
    fi
}

build() {
    werror=OFF
    [ "${CI:-}" = "true" ] && werror=ON
    cmake -S "$here" -B "$build" -DNEWSREEL_WERROR="$werror" >/dev/null
    cmake --build "$build" -j "$(nproc)"
}

cmd=${1:-run}
[ $# -gt 0 ] && shift
case "$cmd" in
deps) deps ;;
test-deps) test_deps ;;
build) deps; build ;;
run) deps; build; exec "$build/app/newsreel" --window "$@" ;;
test)
    test_deps; build
    ctest --test-dir "$build" --output-on-failure -j "$(nproc)" "$@"
    ;;
*) echo "usage: $0 run|test|build|deps|test-deps" >&2; exit 2 ;;
esac
