#!/bin/sh
# Newsreel fuzzing: builds the libFuzzer harnesses with clang (ASan + UBSan) in build-fuzz and
# runs each for a fixed time; fails when any target crashes, leaks, times out or is missing.
#
#   fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
#
#   fuzz/run.sh                        every target for 20 s (what CI runs)
#   nice -n 19 fuzz/run.sh 600         the long run: ten minutes each
#   fuzz/run.sh 3600 fuzz_feed         one target for an hour
#
# The corpus each target grows is kept in build-fuzz/fuzz-work/TARGET/corpus, so a later run
# starts where the last one stopped. Seeds: the project's fixtures under tests/, fuzz/seeds/
# (fuzz/seeds/make_seeds.py), the shared seed feeds (../shared/feeds/seed, or $NR_SHARED_DIR)
# copied at run time, and tests/regress/TARGET (the crashes found before). A crash is written
# to build-fuzz/fuzz-work/TARGET/crash-*; copy it into tests/regress/TARGET/ with the fix.
#
# Environment: BUILD_DIR (default build-fuzz), JOBS (default 2), CC (default clang),
# NR_SHARED_DIR (default ../shared beside the checkout), NEWSREEL_WERROR (default ON),
# FUZZ_KEEP_GOING=1 (long runs: a
# crash does not end the run; libFuzzer's fork mode keeps fuzzing and collects every crash,
# and the target still counts as failed).
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-"$here/build-fuzz"}
jobs=${JOBS:-2}
shared=${NR_SHARED_DIR:-"$here/../shared"}
seconds=${1:-20}
[ $# -gt 0 ] && shift
case "$seconds" in
''|*[!0-9]*) echo "usage: $0 [SECONDS_PER_TARGET] [TARGET...]" >&2; exit 2 ;;
esac
all_targets="fuzz_feed fuzz_html_extract fuzz_article fuzz_url fuzz_date fuzz_layout fuzz_image_header fuzz_cache fuzz_cap fuzz_announce"
targets=${*:-$all_targets}

echo "fuzz: building in $build"
CC=${CC:-clang} cmake -S "$here" -B "$build" -DNEWSREEL_FUZZ=ON -DNEWSREEL_WERROR="${NEWSREEL_WERROR:-ON}" \
    -DNEWSREEL_TESTS=OFF -DNEWSREEL_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
failed=""
summary=""
# Each target on its own, so one stage that does not build yet does not stop the others.
for t in $targets; do
    extra=""
    [ "$t" = fuzz_cache ] && extra="fuzz_cache_seeds"
    log="$build/fuzz-build-$t.log"
    # shellcheck disable=SC2086
    if ! cmake --build "$build" -j "$jobs" --target "$t" $extra >"$log" 2>&1; then
        grep -E 'error|No rule' "$log" | head -n 20 >&2 || true
        echo "fuzz: $t does not build (log: $log)" >&2
        rm -f "$build/fuzz/$t"
    fi
done

# Undefined behaviour stops the run like a crash; leaks are reported after each input.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:symbolize=1:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:${UBSAN_OPTIONS:-}"

# copy_seeds DEST FILE_OR_DIR...: copies the files named (directories: their files) into DEST,
# each prefixed with its folder's name so same-named fixtures do not replace each other.
copy_seeds() {
    dest=$1
    shift
    for src in "$@"; do
        if [ -d "$src" ]; then
            tag=$(basename "$src")
            find "$src" -maxdepth 1 -type f ! -name '*.py' ! -name '*.md' |
                while IFS= read -r f; do cp -f "$f" "$dest/$tag-$(basename "$f")"; done
        elif [ -f "$src" ]; then
            cp -f "$src" "$dest/$(basename "$(dirname "$src")")-$(basename "$src")"
        fi
    done
}

if [ ! -d "$shared/feeds/seed" ]; then
    echo "fuzz: warning: no shared seed at $shared/feeds/seed; seeding from the project only" >&2
fi
seed="$shared/feeds/seed"

for t in $targets; do
    name=${t#fuzz_}
    exe="$build/fuzz/$t"
    work="$build/fuzz-work/$t"
    if [ ! -x "$exe" ]; then
        echo "fuzz: $t was not built (is its stage written yet?)" >&2
        failed="$failed $t"
        summary="$summary\n$(printf '%-18s %s' "$t" "MISSING")"
        continue
    fi
    rm -rf "$work/seeds"
    rm -f "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*
    mkdir -p "$work/corpus" "$work/seeds"
    dict=""
    maxlen=65536
    case "$t" in
    fuzz_feed)
        copy_seeds "$work/seeds" "$here/tests/parse/fixtures" "$here/tests/fetch/fixtures" \
            "$here/assets/sample/feed.xml" "$seed/atom.xml" "$seed/rss1-rdf.xml" \
            "$seed/rss2-media.xml" "$seed/jsonfeed.json" "$seed/article.html"
        dict="$here/fuzz/xml.dict" ;;
    fuzz_html_extract)
        copy_seeds "$work/seeds" "$here/fuzz/seeds/html_extract" "$seed/article.html" \
            "$here/tests/parse/fixtures/page_og.html"
        dict="$here/fuzz/xml.dict" ;;
    fuzz_article)
        copy_seeds "$work/seeds" "$here/fuzz/seeds/html_extract" "$seed/article.html" \
            "$shared/articles/pages"
        dict="$here/fuzz/xml.dict"; maxlen=262144 ;;
    fuzz_url)
        copy_seeds "$work/seeds" "$here/fuzz/seeds/url"
        dict="$here/fuzz/url.dict"; maxlen=4096 ;;
    fuzz_date)
        copy_seeds "$work/seeds" "$here/fuzz/seeds/date"
        dict="$here/fuzz/date.dict"; maxlen=256 ;;
    fuzz_layout)
        copy_seeds "$work/seeds" "$here/fuzz/seeds/layout"
        dict="$here/fuzz/layout.dict"; maxlen=8192 ;;
    fuzz_announce)
        copy_seeds "$work/seeds" "$here/fuzz/seeds/announce"; maxlen=20000 ;;
    fuzz_image_header)
        copy_seeds "$work/seeds" "$here/fuzz/seeds/image_header" "$here/assets/sample/photos" \
            "$seed/photos"; maxlen=16384 ;;
    fuzz_cache)
        copy_seeds "$work/seeds" "$here/fuzz/seeds/cache"
        "$build/fuzz/fuzz_cache_seeds" "$work/seeds" "$here/assets/sample/feed.xml" \
            "$seed/rss2-media.xml" "$seed/atom.xml" "$seed/jsonfeed.json" >/dev/null || true
        dict="$here/fuzz/cache.dict" ;;
    fuzz_cap)
        copy_seeds "$work/seeds" "$here/fuzz/seeds/cap"
        dict="$here/fuzz/xml.dict"; maxlen=65536 ;;
    esac
    dirs="$work/corpus $work/seeds"
    [ -d "$here/tests/regress/$name" ] && dirs="$dirs $here/tests/regress/$name"
    echo "fuzz: $t for ${seconds}s"
    status=0
    keep=""
    [ "${FUZZ_KEEP_GOING:-0}" = 1 ] && keep="-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1"
    # shellcheck disable=SC2086
    (cd "$work" && "$exe" -max_total_time="$seconds" -max_len="$maxlen" -timeout=20 \
        -rss_limit_mb=2560 -print_final_stats=1 -artifact_prefix="$work/" $keep \
        ${dict:+-dict="$dict"} $dirs) >"$work/fuzz.log" 2>&1 || status=$?
    stats=$(grep -E '^#[0-9]+:?[[:space:]].*cov: ' "$work/fuzz.log" | tail -n 1 || true)
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/fuzz.log" | tail -n 1)
    [ -n "$execs" ] || execs=$(echo "$stats" | sed -n 's/^#\([0-9]*\).*/\1/p')
    crashes=$(find "$work" -maxdepth 1 \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
        -o -name 'oom-*' \) | wc -l)
    [ "$crashes" -gt 0 ] && [ "$status" -eq 0 ] && status=1
    cov=$(echo "$stats" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
    ft=$(echo "$stats" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
    corpus=$(find "$work/corpus" -type f | wc -l)
    line=$(printf '%-18s execs %-10s cov: %-6s ft: %-7s corpus: %s files' \
        "$t" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$corpus")
    if [ "$status" -ne 0 ]; then
        line="$line  FAILED (exit $status, $crashes reproducers)"
        failed="$failed $t"
        grep -A 40 -E '^==[0-9]+==ERROR|runtime error|contract broken|ERROR: libFuzzer' \
            "$work/fuzz.log" | head -n 60 >&2 || true
        for a in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*; do
            [ -f "$a" ] && echo "fuzz: reproducer $a (replay: $exe $a)" >&2
        done
        echo "fuzz: full log $work/fuzz.log" >&2
    fi
    echo "$line"
    summary="$summary\n$line"
done

printf 'fuzz: summary (%ss per target)%b\n' "$seconds" "$summary"
if [ -n "$failed" ]; then
    echo "fuzz: FAILED:$failed" >&2
    exit 1
fi
echo "fuzz: all targets ran clean"
