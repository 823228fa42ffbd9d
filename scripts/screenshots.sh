#!/bin/sh
# Regenerates the README's screenshots with Newsreel itself: the bundled sample feed rendered
# at a landscape and a portrait size, a few slides of each kept in docs/screenshots/.
# Usage: scripts/screenshots.sh [BUILD_DIR]   (default: build; builds newsreel when needed)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/build"}
case $build in /*) ;; *) build="$PWD/$build" ;; esac
out="$root/docs/screenshots"

if [ ! -x "$build/app/newsreel" ]; then
    cmake -S "$root" -B "$build" >/dev/null
    cmake --build "$build" -j2 --target newsreel >/dev/null
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

render() {   # render SIZE DIR: every slide of the sample feed, with no display
    SDL_VIDEODRIVER=dummy "$build/app/newsreel" --render "$tmp/$2" --size "$1" \
        "$root/assets/sample/feed.xml"
}
render 1280x720 landscape
render 720x1280 portrait

# slides 1, 4 and 6: a photo with a quote, a photo with a dek, a typographic slide
pick() {   # pick DIR N NAME
    # slides are named NNN-<slug>.png, so a sorted glob is rotation order
    i=0 f=
    for g in "$tmp/$1"/[0-9][0-9][0-9]-*.png; do
        i=$((i + 1))
        [ "$i" -eq "$2" ] && f=$g
    done
    [ -n "$f" ] || { echo "screenshots: no slide $2 in $1" >&2; exit 1; }
    cp "$f" "$out/$3"
}
mkdir -p "$out"
pick landscape 1 landscape-photo-quote.png
pick landscape 3 landscape-photo-dek.png
pick landscape 6 landscape-typographic.png
pick portrait 1 portrait-photo-quote.png
pick portrait 6 portrait-typographic.png
echo "screenshots: wrote 5 images to $out"
