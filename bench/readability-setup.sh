#!/bin/sh
# readability-setup.sh: installs Mozilla Readability and jsdom (npm) into a folder of the
# build tree, for bench_article's comparison; prints the node_modules folder to pass as
# --node-modules. Usage: bench/readability-setup.sh [BUILD_DIR]   (default: build)
set -eu
build=${1:-build}
dir="$build/readability-js"
mkdir -p "$dir"
if [ ! -d "$dir/node_modules/@mozilla/readability" ] || [ ! -d "$dir/node_modules/jsdom" ]; then
    npm install --silent --no-audit --no-fund --prefix "$dir" @mozilla/readability jsdom >&2
fi
cd "$dir/node_modules" && pwd
