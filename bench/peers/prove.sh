#!/usr/bin/env bash
# Side-by-side Groth16 proving: `snarkjs groth16 prove` (0.7.6, from npm) against `computeasic prove`, on the same
# .zkey and .wtns, on the same machine, in the same run, alternating the two tools for REPS repetitions after one
# warm-up run each. Prints one table row per case with the median wall time of each tool (process start to exit,
# file reading and start-up included) and the ratio snarkjs/computeasic, and the same for CPU time (user + system,
# all threads), which is the steadier figure when other work shares the machine. Each tool's proof is checked with
# `snarkjs groth16 verify` once. Then prints `computeasic prove --timings` for each case (where our time goes).
#
#   bench/peers/prove.sh [REPS] [CASE_DIR ...]
#
# Default cases: the three in ../shared/snarkjs/cases and every out/bench-circuits/poseidon_* made by
# bench/peers/make-circuit.sh. REPS defaults to 5.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPS=${1:-5}
shift || true
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
scripts/install-tools.sh >/dev/null
SNARKJS=.tools/node/node_modules/.bin/snarkjs
CLI=("$(scripts/build-cli.sh)")

if [ $# -gt 0 ]; then cases=("$@"); else
  cases=(../shared/snarkjs/cases/tiny_mul ../shared/snarkjs/cases/medium_poseidon ../shared/snarkjs/cases/medium_poseidon_o1)
  for d in out/bench-circuits/poseidon_*; do [ -f "$d/circuit_final.zkey" ] && cases+=("$d"); done
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
timed() { local out=$1; shift; /usr/bin/time -f "%e %U %S" -o "$tmp/time" "$@" >/dev/null; awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' "$tmp/time" >> "$out"; }
snarkjs_prove() { "$SNARKJS" groth16 prove "$1/circuit_final.zkey" "$1/witness.wtns" "$tmp/s.proof.json" "$tmp/s.public.json" >/dev/null; }
ours_prove() { "${CLI[@]}" prove --zkey "$1/circuit_final.zkey" --wtns "$1/witness.wtns" --proof "$tmp/c.proof.json" --public "$tmp/c.public.json" >/dev/null; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "repetitions: $REPS (alternating, after one warm-up each); medians in seconds; CPU = user + system of all threads"
echo
echo "| case | constraints | domain | snarkjs wall | computeasic wall | wall ratio | snarkjs CPU | computeasic CPU | CPU ratio |"
echo "|---|---|---|---|---|---|---|---|---|"
for dir in "${cases[@]}"; do
  name=$(basename "$dir")
  snarkjs_prove "$dir"; ours_prove "$dir"
  "$SNARKJS" groth16 verify "$dir/verification_key.json" "$tmp/s.public.json" "$tmp/s.proof.json" | grep -q "OK" || { echo "$name: snarkjs's own proof does not verify"; exit 1; }
  "$SNARKJS" groth16 verify "$dir/verification_key.json" "$tmp/c.public.json" "$tmp/c.proof.json" | grep -q "OK" || { echo "$name: computeasic's proof does not verify with snarkjs"; exit 1; }
  : > "$tmp/s.times"; : > "$tmp/c.times"
  for _ in $(seq "$REPS"); do
    timed "$tmp/s.times" "$SNARKJS" groth16 prove "$dir/circuit_final.zkey" "$dir/witness.wtns" "$tmp/s.proof.json" "$tmp/s.public.json"
    timed "$tmp/c.times" "${CLI[@]}" prove --zkey "$dir/circuit_final.zkey" --wtns "$dir/witness.wtns" --proof "$tmp/c.proof.json" --public "$tmp/c.public.json"
  done
  s=$(cut -d' ' -f1 "$tmp/s.times" | median); c=$(cut -d' ' -f1 "$tmp/c.times" | median)
  su=$(cut -d' ' -f2 "$tmp/s.times" | median); cu=$(cut -d' ' -f2 "$tmp/c.times" | median)
  info=$("${CLI[@]}" zkey info "$dir/circuit_final.zkey")
  domain=$(echo "$info" | sed -n 's/^domain: .* = \(.*\)$/\1/p')
  constraints=$(grep -h "# of Constraints" "$dir/r1cs_info.txt" 2>/dev/null | sed 's/.*: //' || true)
  awk -v n="$name" -v k="${constraints:-?}" -v d="$domain" -v s="$s" -v c="$c" -v su="$su" -v cu="$cu" \
    'BEGIN { printf "| %s | %s | %s | %.2f s | %.2f s | %.1fx | %.2f s | %.2f s | %.1fx |\n", n, k, d, s / 1000, c / 1000, s / c, su / 1000, cu / 1000, su / cu }'
done
echo
for dir in "${cases[@]}"; do
  echo "== $(basename "$dir"): computeasic prove --timings"
  "${CLI[@]}" prove --zkey "$dir/circuit_final.zkey" --wtns "$dir/witness.wtns" --proof "$tmp/c.proof.json" --public "$tmp/c.public.json" --timings 2>&1
done
