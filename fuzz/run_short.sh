#!/usr/bin/env bash
# Short fuzzing run (the fuzz_short CTest): configures a separate clang build with -DTRIAD_BUILD_FUZZ=ON, builds
# every fuzz target and runs each one on its seed corpus for its budget below (or FUZZ_SECONDS for every target).
# Fails on any crash, leak, sanitizer report, broken harness invariant or timeout.
#
#   bash fuzz/run_short.sh [build dir]        (default: build/fuzz)
#   FUZZ_SECONDS=300 FUZZ_TARGETS="fuzz_payloads" bash fuzz/run_short.sh
#
# New inputs go to <build dir>/corpus/<target>/, never into the committed seeds (fuzz/corpus/<target>/); a crashing
# input is saved as <build dir>/artifacts/<target>/crash-*.
set -euo pipefail

src="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$src/build/fuzz}"
jobs="${FUZZ_BUILD_JOBS:-2}"
# Seconds per target: 20 for the record, key and certificate decoders; the case store and sync reply targets
# (each a smaller surface, and their build adds ~20 s) share 32 s, so the test grows by under a minute.
declare -A budget=([fuzz_sealed_record]=20 [fuzz_payloads]=20 [fuzz_keyfile]=20 [fuzz_media_stream]=20
                   [fuzz_certificate]=20 [fuzz_key_backup]=20 [fuzz_casestore_push]=10 [fuzz_casestore_pull]=6
                   [fuzz_casestore_directory]=8 [fuzz_sync_messages]=8 [fuzz_http_response]=6)
targets=(${FUZZ_TARGETS:-fuzz_sealed_record fuzz_payloads fuzz_keyfile fuzz_media_stream fuzz_certificate fuzz_key_backup
                          fuzz_casestore_push fuzz_casestore_pull fuzz_casestore_directory fuzz_sync_messages fuzz_http_response})
cxx="${FUZZ_CXX:-clang++}"

if ! command -v "$cxx" >/dev/null; then
  echo "run_short: $cxx not found (bash .ci/install-deps installs clang and libclang-rt-14-dev)" >&2
  exit 1
fi

generator=()
if command -v ninja >/dev/null; then generator=(-G Ninja); fi
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  cmake -S "$src" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$cxx" \
    -DTRIAD_BUILD_FUZZ=ON -DTRIAD_BUILD_APP=OFF -DTRIAD_BUILD_TESTS=OFF -DTRIAD_BUILD_BENCH=OFF >/dev/null
fi
cmake --build "$build" -j "$jobs" --target triad_fuzz_all

status=0
for t in "${targets[@]}"; do
  work="$build/corpus/$t"
  artifacts="$build/artifacts/$t"
  mkdir -p "$work" "$artifacts"
  log="$build/$t.log"
  seconds="${FUZZ_SECONDS:-${budget[$t]:-20}}"
  echo "run_short: $t for ${seconds}s"
  # Keep-going is off: the first crash ends the run with a non-zero exit. -timeout catches a hang (the slowest
  # legitimate input, an Interactive Argon2id in fuzz_keyfile, takes well under a second).
  if "$build/fuzz/$t" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 \
       -artifact_prefix="$artifacts/" "$work" "$src/fuzz/corpus/$t" >"$log" 2>&1; then
    runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)"
    speed="$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)"
    cov="$(grep -Eo 'cov: [0-9]+' "$log" | tail -1 || true)"
    echo "run_short: $t ok: ${runs:-?} runs, ${speed:-?} exec/s, $cov"
  else
    status=1
    echo "run_short: $t FAILED (log: $log, artifacts: $artifacts)" >&2
    tail -n 60 "$log" >&2
  fi
done
exit $status
