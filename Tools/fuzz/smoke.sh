#!/usr/bin/env bash
# Builds the libFuzzer harnesses of the readers (Tools/fuzz/{doc,docx,xml}) with AddressSanitizer
# and coverage, in their own scratch path (.build-fuzz) so that ordinary builds are untouched, and
# runs each for SECONDS seconds (default 20: the three together fuzz for 60 s, the CI smoke) from
# its committed seeds (Tools/fuzz/seeds/NAME).
#
#   Tools/fuzz/smoke.sh [SECONDS] [HARNESS...]      e.g. Tools/fuzz/smoke.sh 1800 doc
#
# SwiftPM on Linux links an executable's top-level code as `main` (--defsym main=<module>_main),
# which collides with the `main` that `-sanitize=fuzzer` links in. So the harnesses are compiled
# with `-sanitize=address` and libFuzzer's coverage flags, linked against libFuzzer without its
# main (libclang_rt.fuzzer_no_main), and their top-level code calls LLVMFuzzerRunDriver.
# Exit status: 0 when every harness ran its time without a finding; a finding's input is written
# to .build-fuzz/findings/.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-20}"
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -eq 0 ] && harnesses=(doc docx xml)

swift_bin="$(dirname "$(readlink -f "$(command -v swift)")")"
clang_lib="$(ls -d "$swift_bin"/../lib/clang/*/lib/linux | head -n 1)"
fuzzer_lib="$clang_lib/libclang_rt.fuzzer_no_main-x86_64.a"
[ -f "$fuzzer_lib" ] || { echo "smoke.sh: $fuzzer_lib not found (needs a swift.org Linux toolchain)" >&2; exit 2; }

flags=(--scratch-path .build-fuzz -c debug
  -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table
  -Xlinker --whole-archive -Xlinker "$fuzzer_lib" -Xlinker --no-whole-archive -Xlinker -lstdc++
  -Xlinker --export-dynamic)
mkdir -p .build-fuzz/findings
status=0
for name in "${harnesses[@]}"; do
  swift build "${flags[@]}" --product "fuzz-$name" 2>&1 | grep -E "error|Compiling fuzz|Build" || true
  binary="$(swift build "${flags[@]}" --product "fuzz-$name" --show-bin-path)/fuzz-$name"
  corpus=".build-fuzz/corpus-$name"
  mkdir -p "$corpus"
  echo "== fuzz-$name for ${seconds}s"
  if ! "$binary" "$corpus" "Tools/fuzz/seeds/$name" -max_total_time="$seconds" -timeout=30 \
    -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix=".build-fuzz/findings/$name-" 2>&1 | grep -E "^(#[0-9]+.*(DONE|pulse)|==|SUMMARY|stat::number_of_executed_units|Done)"; then
    :
  fi
  if ls .build-fuzz/findings/"$name"-* > /dev/null 2>&1; then
    echo "fuzz-$name: findings in .build-fuzz/findings/" >&2
    status=1
  fi
done
exit $status
