#!/bin/sh
# build-deb.sh: build Newsreel's Debian package with CPack and check it with lintian.
#
#   packaging/build-deb.sh [BUILD_DIR]    (default BUILD_DIR: build-deb in the checkout)
#
# Configures with prefix /usr, builds, runs `cpack -G DEB`, then `lintian --fail-on error`
# when lintian is installed. The last line of output is the path of the .deb.
# Environment: JOBS (parallel build jobs, default: the number of cores), CMAKE_ARGS (more
# configure arguments, e.g. a toolchain file), DEB_HOST_ARCH (for a cross build: the
# architecture dpkg-shlibdeps resolves libraries for), LINTIAN=no to skip the check.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$here/build-deb"}
jobs=${JOBS:-$(nproc)}

step() { printf '\n== %s\n' "$*" >&2; }

step "configure $build"
# shellcheck disable=SC2086
cmake -S "$here" -B "$build" -DCMAKE_INSTALL_PREFIX=/usr -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DNEWSREEL_TESTS=OFF -DNEWSREEL_BENCH=OFF -DNEWSREEL_FUZZ=OFF ${CMAKE_ARGS:-} >&2

step "build"
cmake --build "$build" -j "$jobs" >&2

step "cpack -G DEB"
rm -rf "$build/packages"
(cd "$build" && cpack -G DEB) >&2
deb=$(find "$build/packages" -maxdepth 1 -name 'newsreel_*.deb' | head -n 1)
if [ -z "$deb" ]; then
    echo "build-deb: cpack made no newsreel_*.deb in $build/packages" >&2
    exit 1
fi
dpkg-deb --info "$deb" >&2
dpkg-deb --contents "$deb" >&2

if [ "${LINTIAN:-yes}" != no ]; then
    if command -v lintian >/dev/null; then
        step "lintian $deb"
        # Errors fail the build; warnings and notes are shown for the record.
        lintian --fail-on error --display-info --suppress-tags-from-file /dev/null "$deb" >&2
        echo "lintian: no errors" >&2
    else
        echo "build-deb: lintian is not installed (apt-get install lintian); not checked" >&2
    fi
fi
echo "$deb"
