#!/bin/sh
# check_scripts.sh: the package's maintainer scripts parse, pass shellcheck when it is
# installed (SC2016: single quotes for chroot commands are meant; SC3043: dash has `local`),
# and never delete what an admin wrote.   check_scripts.sh PACKAGING_DIR
set -eu
dir=$1
fails=0
for s in postinst prerm postrm; do
    f="$dir/debian/$s"
    if sh -n "$f"; then echo "ok: $s parses"; else echo "FAIL: $s"; fails=$((fails + 1)); fi
    head -n 1 "$f" | grep -qx '#!/bin/sh' || { echo "FAIL: $s is not #!/bin/sh"; fails=$((fails + 1)); }
    grep -q '^set -e' "$f" || { echo "FAIL: $s lacks set -e"; fails=$((fails + 1)); }
    [ -x "$f" ] || { echo "FAIL: $s is not executable"; fails=$((fails + 1)); }
    # The account, the settings and anything else in /etc stay; only purge drops the cache.
    if grep -Eq 'deluser|userdel|groupdel|rm [^#]*(/etc/newsreel|/etc/systemd/system/newsreel.service.d)' "$f"; then
        echo "FAIL: $s removes the account or the admin's settings"; fails=$((fails + 1))
    fi
done
if command -v shellcheck >/dev/null; then
    if shellcheck -s sh -x -e SC2016,SC3043 "$dir/debian/postinst" "$dir/debian/prerm" "$dir/debian/postrm" \
        "$dir/build-deb.sh" "$dir/test-install.sh" "$dir/cross-arm64.sh" "$dir/chroot-lib.sh"; then
        echo "ok: shellcheck"
    else
        fails=$((fails + 1))
    fi
else
    echo "note: shellcheck is not installed; not run"
fi
grep -qx '/etc/newsreel/newsreel.conf' "$dir/debian/conffiles" ||
    { echo "FAIL: the settings file is not listed as a conffile"; fails=$((fails + 1)); }
[ "$fails" -eq 0 ]
