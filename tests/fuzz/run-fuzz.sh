#!/usr/bin/env bash
# Runs one libFuzzer target for a bounded time from its seed corpus.
# Usage: run-fuzz.sh TARGET [SECONDS]   (SECONDS defaults to $CAUCUS_FUZZ_SECONDS, else 20)
# New inputs go to <build>/tests/fuzz/work/TARGET (the seed corpus in the tree is never
# written); a crash leaves its input in <build>/tests/fuzz/artifacts/ and fails the test.
set -euo pipefail
target=$1
seconds=${2:-${CAUCUS_FUZZ_SECONDS:-20}}
build=${CAUCUS_FUZZ_BUILD_DIR:?run from meson test or bench/fuzz-long}
source=${CAUCUS_FUZZ_SOURCE_DIR:?run from meson test or bench/fuzz-long}
work="$build/work/$target"
artifacts="$build/artifacts"
mkdir -p "$work" "$artifacts"
# TARGET.options: extra libFuzzer flags, one a line (e.g. -detect_leaks=0 where libraries
# keep caches that grow with the inputs, so libFuzzer would run a full leak scan after
# every input; LeakSanitizer still checks every target when the process exits).
extra=()
[ -f "$source/$target.dict" ] && extra+=("-dict=$source/$target.dict")
if [ -f "$source/$target.options" ]; then
  while IFS= read -r line; do
    [ -n "$line" ] && [ "${line:0:1}" != "#" ] && extra+=("$line")
  done < "$source/$target.options"
fi
# TARGET.asan_options: appended to ASAN_OPTIONS (first non-comment line).  Never
# detect_leaks=0: the exit check is on for every target, in CI as in bench/fuzz-long.
if [ -f "$source/$target.asan_options" ]; then
  more=$(grep -v '^#' "$source/$target.asan_options" | head -n 1)
  export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}$more"
fi
exec "$build/fuzz-$target" "-max_total_time=$seconds" -timeout=25 -rss_limit_mb=3072 -error_exitcode=1 -timeout_exitcode=1 \
  -max_len=65536 -print_final_stats=1 "-artifact_prefix=$artifacts/$target-" "${extra[@]}" \
  "$work" "$source/corpus/$target"
