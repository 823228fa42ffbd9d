#!/bin/sh
# check_unit.sh: systemd-analyze verify and an exposure score for Newsreel's unit, and the
# settings a kiosk relies on.   check_unit.sh UNIT NEWSREEL_BINARY   (exit 77: no systemd-analyze)
set -eu
unit=$1 binary=$2
command -v systemd-analyze >/dev/null || { echo "skip: systemd-analyze is not installed"; exit 77; }
[ -f "$unit" ] || { echo "FAIL: no unit '$unit'"; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# verify checks that ExecStart exists: point it at the binary just built.
exe=$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$unit")
sed "s#^ExecStart=$exe#ExecStart=$binary#" "$unit" > "$tmp/newsreel.service"

fails=0
if out=$(systemd-analyze verify "$tmp/newsreel.service" 2>&1) && [ -z "$out" ]; then
    echo "ok: systemd-analyze verify"
else
    echo "FAIL: systemd-analyze verify: $out"; fails=$((fails + 1))
fi

# Exposure (0 = locked down, 10 = unprotected); a kiosk with devices and network stays under
# 3.0 (--threshold counts tenths).
if systemd-analyze security --help 2>&1 | grep -q -- '--offline'; then
    if out=$(systemd-analyze security --offline=yes --threshold=30 "$tmp/newsreel.service" 2>&1)
    then
        echo "ok: $(printf '%s\n' "$out" | grep 'Overall exposure')"
    else
        printf '%s\n' "$out" | tail -n 3
        echo "FAIL: exposure above 3"; fails=$((fails + 1))
    fi
fi

for want in 'Type=notify' 'WatchdogSec=' 'Restart=always' 'StartLimitIntervalSec=0' \
            'MemoryMax=' 'User=newsreel' 'Environment=SDL_VIDEODRIVER=kmsdrm' 'TTYPath=/dev/tty1' \
            'ProtectSystem=strict' 'CacheDirectory=newsreel' 'NoNewPrivileges=yes' \
            'PrivateTmp=yes' 'ProtectHome=yes' 'SystemCallArchitectures=native' \
            'DevicePolicy=closed' 'DeviceAllow=char-drm rw' 'WantedBy=multi-user.target'; do
    if grep -q "^$want" "$unit"; then
        echo "ok: $want"
    else
        echo "FAIL: the unit lacks $want"; fails=$((fails + 1))
    fi
done
[ "$fails" -eq 0 ]
