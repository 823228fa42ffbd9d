#!/bin/sh
# check_deb.sh: build the .deb from this build tree with CPack and check it with lintian
# (no errors) and dpkg-deb (contents, conffile, maintainer scripts).
#   check_deb.sh BUILD_DIR INSTALL_PREFIX   (exit 77: no lintian/dpkg-deb, or prefix not /usr)
set -eu
build=$1 prefix=$2
for t in cpack dpkg-deb dpkg-shlibdeps lintian; do
    command -v "$t" >/dev/null || { echo "skip: $t is not installed"; exit 77; }
done
if [ "$prefix" != /usr ]; then
    echo "skip: the package is built with prefix /usr (configure with -DCMAKE_INSTALL_PREFIX=/usr)"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$build" && cpack -G DEB -B "$tmp" >"$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log"; exit 1; }
deb=$(find "$tmp" -maxdepth 1 -name 'newsreel_*.deb' | head -n 1)
[ -n "$deb" ] || { echo "FAIL: cpack made no package"; cat "$tmp/cpack.log"; exit 1; }
fails=0
contents=$(dpkg-deb --contents "$deb")
for p in ./usr/bin/newsreel ./etc/newsreel/newsreel.conf ./lib/systemd/system/newsreel.service \
         ./usr/share/newsreel/fonts/ ./usr/share/newsreel/assets/sample/feed.xml \
         ./usr/share/doc/newsreel/copyright ./usr/share/doc/newsreel/changelog.gz; do
    if printf '%s\n' "$contents" | grep -q " $p\$\| $p "; then echo "ok: $p"
    else echo "FAIL: the package lacks $p"; fails=$((fails + 1)); fi
done
if printf '%s\n' "$contents" | awk '{ print $2 }' | grep -v '^root/root$' | grep -q .; then
    echo "FAIL: files not owned by root in the package"; fails=$((fails + 1))
fi
dpkg-deb --ctrl-tarfile "$deb" | tar -tf - > "$tmp/ctrl"
for c in conffiles postinst prerm postrm; do
    grep -qx "./$c" "$tmp/ctrl" || { echo "FAIL: no $c in the package"; fails=$((fails + 1)); }
done
dpkg-deb -f "$deb" Depends | grep -q 'libsdl2' ||
    { echo "FAIL: Depends was not computed from the libraries"; fails=$((fails + 1)); }
if lintian --fail-on error "$deb"; then echo "ok: lintian, no errors"
else echo "FAIL: lintian errors"; fails=$((fails + 1)); fi
[ "$fails" -eq 0 ]
