#!/bin/sh
# Newsreel developer set-up: installs what is missing, builds, and runs or tests.
#
#   packaging/dev.sh run [ARGS...]  install deps, build, show the sample feed in a window
#   packaging/dev.sh test           install deps, build, run the whole test suite
#   packaging/dev.sh build          install deps and build only
#   packaging/dev.sh deps           install the Debian packages only
#
# Works on Debian 12 and Raspberry Pi OS (bookworm). Uses sudo when not run as root.
# Environment: BUILD_DIR (default: build), CI=true turns warnings into errors.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-"$here/build"}

# Build and run dependencies, and the fonts the fallback and the tests rely on.
packages="build-essential cmake pkg-config python3
libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libcurl4-openssl-dev libxml2-dev libcjson-dev
libinih-dev libunibreak-dev libfribidi-dev libfontconfig-dev libqrencode-dev libcmocka-dev
libharfbuzz-dev libdrm-dev libxext-dev xvfb libgl1-mesa-dri
fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji ca-certificates"

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

deps() {
    missing=""
    for p in $packages; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
    done
    if [ -n "$missing" ]; then
        echo "newsreel: installing$missing"
        as_root apt-get update -q
        # shellcheck disable=SC2086
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
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
build) deps; build ;;
run) deps; build; exec "$build/app/newsreel" --window "$@" ;;
test)
    deps; build
    ctest --test-dir "$build" --output-on-failure -j "$(nproc)" "$@"
    ;;
*) echo "usage: $0 run|test|build|deps" >&2; exit 2 ;;
esac
