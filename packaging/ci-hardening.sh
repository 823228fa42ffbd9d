#!/bin/sh
# Newsreel CI hardening stage, run after the main test command:
#   1. the unit and end-to-end tests under AddressSanitizer + UndefinedBehaviorSanitizer, with
#      LeakSanitizer on (build-asan): any memory error, undefined behaviour or leak fails;
#   2. the show and worker tests under ThreadSanitizer (build-tsan; four threads share the
#      show's state, and a race there fails);
#   3. every fuzz target for a short time (fuzz/run.sh, build-fuzz): any crash fails;
#   4. valgrind memcheck over `newsreel --render` of the seed feeds and of a large real feed,
#      on the ordinary build: any error or leak fails.
#
#   packaging/ci-hardening.sh            everything (about 15 minutes on 2 cores)
#   packaging/ci-hardening.sh asan|tsan|fuzz|valgrind|deps   one step
#
# Environment: JOBS (default: number of cores), FUZZ_SECONDS (per target, default 20),
# BUILD_DIR (the ordinary build valgrind runs; default build, built here when missing),
# NR_SHARED_DIR (default ../shared beside the checkout).
# Installs clang, libclang-rt-14-dev and valgrind when missing (sudo when not root).
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
jobs=${JOBS:-$(nproc)}
asan_build="$here/build-asan"
tsan_build="$here/build-tsan"
plain_build=${BUILD_DIR:-"$here/build"}
shared=${NR_SHARED_DIR:-"$here/../shared"}
fuzz_seconds=${FUZZ_SECONDS:-20}
# the large feed: about 1 MB, 100 items of full article HTML (MANIFEST.tsv: TIME World)
large_feed="$shared/feeds/real/fastfeedparser/benchmark_data/9f9555d69283aeda"

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

deps() {
    "$here/packaging/dev.sh" test-deps
    missing=""
    for p in clang libclang-rt-14-dev valgrind; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
    done
    if [ -n "$missing" ]; then
        echo "hardening: installing$missing"
        as_root apt-get update -q
        # shellcheck disable=SC2086
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
    fi
}

# Suppressions for what third-party libraries keep until exit on purpose (never for Newsreel's
# own code): written next to the build that uses them.
write_lsan_suppressions() {
    mkdir -p "$asan_build"
    cat >"$asan_build/lsan.supp" <<'SUPP'
# LeakSanitizer: third-party libraries only
# libdbus: a block SDL's X11 video start-up leaves to the library (test_gl_renderer)
leak:libdbus-1.so
SUPP
}

write_valgrind_suppressions() {
    mkdir -p "$plain_build"
    cat >"$plain_build/valgrind.supp" <<'SUPP'
# valgrind memcheck: third-party libraries only
SUPP
}

step() {
    echo
    echo "=== hardening: $* ($(date +%H:%M:%S))"
}

asan() {
    step "ASan + UBSan build and tests"
    # _FORTIFY_SOURCE off: its checked copies bypass ASan's interceptors and hide overflows
    cmake -S "$here" -B "$asan_build" -DNEWSREEL_SANITIZE=ON -DNEWSREEL_WERROR=ON \
        -DNEWSREEL_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_C_FLAGS="-U_FORTIFY_SOURCE" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g" >/dev/null
    write_lsan_suppressions
    cmake --build "$asan_build" -j "$jobs"
    ASAN_OPTIONS="detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1:abort_on_error=1" \
    UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
    LSAN_OPTIONS="suppressions=$asan_build/lsan.supp:print_suppressions=0" \
        ctest --test-dir "$asan_build" -L '^(unit|e2e)$' --output-on-failure -j "$jobs"
}

# Short on purpose: the threaded parts only (the program's own loop, the refresh and job
# threads, the pure show parts they feed; the announcements folder's, the alert poller's and
# the hot-plug threads, the ticker and touch, and the real program stopped by SIGTERM while
# they run: a race there makes newsreel exit non-zero, which those tests check), not the long
# soak or the whole suite.
tsan_targets="test_worker test_show_units test_display_events test_show_cycles test_playlist
    test_slides test_timers test_hotplug test_show_ticker test_touch_motion test_alert_show
    test_show_announce test_ticker_e2e test_signals newsreel"
tsan_tests='^(test_worker|test_show_units|test_display_events|test_show_cycles|test_playlist|test_slides|test_timers|test_hotplug|test_show_ticker|test_touch_motion|test_alert_show|test_show_announce|test_ticker_e2e|test_signals)$'
tsan() {
    step "ThreadSanitizer build and the show and worker tests"
    cmake -S "$here" -B "$tsan_build" -DNEWSREEL_TSAN=ON -DNEWSREEL_WERROR=ON \
        -DNEWSREEL_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    # shellcheck disable=SC2086
    cmake --build "$tsan_build" -j "$jobs" --target $tsan_targets
    TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1" \
        ctest --test-dir "$tsan_build" -R "$tsan_tests" --output-on-failure -j "$jobs"
}

fuzz() {
    step "fuzz targets, ${fuzz_seconds}s each"
    JOBS=$jobs "$here/fuzz/run.sh" "$fuzz_seconds"
}

# memcheck LABEL ARGS...: newsreel --render under valgrind; fails on any error or leak.
memcheck() {
    label=$1
    shift
    out="$plain_build/valgrind-$label"
    rm -rf "$out"
    mkdir -p "$out/slides"
    echo "hardening: valgrind: newsreel --render $*"
    status=0
    # every download goes to a closed port on loopback: the large feed's photos are on the
    # web, and a check run must never reach past this machine
    SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy HOME="$out" \
    http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 \
    ALL_PROXY=http://127.0.0.1:9 no_proxy= NO_PROXY= \
    valgrind --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible \
        --errors-for-leak-kinds=definite,indirect,possible --track-origins=yes \
        --suppressions="$plain_build/valgrind.supp" --num-callers=30 \
        --log-file="$out/valgrind.log" \
        "$plain_build/app/newsreel" --render "$out/slides" --size 960x540 "$@" \
        >"$out/stdout.log" 2>"$out/stderr.log" || status=$?
    slides=$(find "$out/slides" -name '*.png' | wc -l)
    summary=$(grep -E 'ERROR SUMMARY' "$out/valgrind.log" | tail -n 1 | sed 's/^==[0-9]*== //')
    echo "hardening: valgrind $label: exit $status, $slides slides, $summary"
    if [ "$status" -ne 0 ] || [ "$slides" -eq 0 ]; then
        cat "$out/stderr.log" >&2
        grep -v '^--' "$out/valgrind.log" | tail -n 80 >&2
        echo "hardening: valgrind $label FAILED (log: $out/valgrind.log)" >&2
        return 1
    fi
}

valgrind_render() {
    step "valgrind memcheck over --render"
    if [ ! -x "$plain_build/app/newsreel" ]; then
        cmake -S "$here" -B "$plain_build" -DNEWSREEL_WERROR=ON >/dev/null
        cmake --build "$plain_build" -j "$jobs" --target newsreel
    fi
    write_valgrind_suppressions
    if [ ! -d "$shared/feeds/seed" ]; then
        echo "hardening: no shared corpus at $shared (set NR_SHARED_DIR)" >&2
        return 1
    fi
    # the seed in every form (with its local photos), then a large real feed (every item
    # parsed, extracted and drawn; its photos are remote, and the proxy above refuses them,
    # so those slides are typographic); stories of any age
    seed="$shared/feeds/seed"
    memcheck seed --set show.max_age_hours=8760 "$seed/rss2-media.xml" "$seed/atom.xml" \
        "$seed/rss1-rdf.xml" "$seed/jsonfeed.json" "$seed/article.html"
    # its stories link to a real site: the run stays on this machine, so no article is read
    memcheck large --set show.max_age_hours=8760 --set article.read=no "$large_feed"
}

cd "$here"
case "${1:-all}" in
deps) deps ;;
asan) deps; asan ;;
tsan) deps; tsan ;;
fuzz) deps; fuzz ;;
valgrind) deps; valgrind_render ;;
all)
    deps
    start=$(date +%s)
    asan
    tsan
    fuzz
    valgrind_render
    echo "hardening: all clean in $(( $(date +%s) - start ))s"
    ;;
*) echo "usage: $0 [all|asan|tsan|fuzz|valgrind|deps]" >&2; exit 2 ;;
esac
