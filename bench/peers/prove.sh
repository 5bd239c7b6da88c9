#!/usr/bin/env bash
# Side-by-side Groth16 proving: `snarkjs groth16 prove` (0.7.6, from npm) against `computeasic prove`, on the same
# .zkey and .wtns, on the same machine, in the same run, alternating the two tools for REPS repetitions after one
# warm-up run each. Prints one table row per case with the median wall time of each tool (process start to exit,
# file reading and start-up included) and the ratio snarkjs/computeasic. Each tool's proof is checked with
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
dotnet build src/ComputeAsic.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null
SNARKJS=.tools/node/node_modules/.bin/snarkjs
CLI=(dotnet src/ComputeAsic.Cli/bin/Release/net10.0/computeasic.dll)

if [ $# -gt 0 ]; then cases=("$@"); else
  cases=(../shared/snarkjs/cases/tiny_mul ../shared/snarkjs/cases/medium_poseidon ../shared/snarkjs/cases/medium_poseidon_o1)
  for d in out/bench-circuits/poseidon_*; do [ -f "$d/circuit_final.zkey" ] && cases+=("$d"); done
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
snarkjs_prove() { "$SNARKJS" groth16 prove "$1/circuit_final.zkey" "$1/witness.wtns" "$tmp/s.proof.json" "$tmp/s.public.json" >/dev/null; }
ours_prove() { "${CLI[@]}" prove --zkey "$1/circuit_final.zkey" --wtns "$1/witness.wtns" --proof "$tmp/c.proof.json" --public "$tmp/c.public.json" >/dev/null; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "repetitions: $REPS (alternating, after one warm-up each); times are medians of wall time in seconds"
echo
echo "| case | constraints | domain | snarkjs groth16 prove | computeasic prove | ratio |"
echo "|---|---|---|---|---|---|"
for dir in "${cases[@]}"; do
  name=$(basename "$dir")
  snarkjs_prove "$dir"; ours_prove "$dir"
  "$SNARKJS" groth16 verify "$dir/verification_key.json" "$tmp/s.public.json" "$tmp/s.proof.json" | grep -q "OK" || { echo "$name: snarkjs's own proof does not verify"; exit 1; }
  "$SNARKJS" groth16 verify "$dir/verification_key.json" "$tmp/c.public.json" "$tmp/c.proof.json" | grep -q "OK" || { echo "$name: computeasic's proof does not verify with snarkjs"; exit 1; }
  : > "$tmp/s.times"; : > "$tmp/c.times"
  for _ in $(seq "$REPS"); do
    t0=$(now); snarkjs_prove "$dir"; t1=$(now); ours_prove "$dir"; t2=$(now)
    echo $(( (t1 - t0) / 1000000 )) >> "$tmp/s.times"
    echo $(( (t2 - t1) / 1000000 )) >> "$tmp/c.times"
  done
  s=$(median < "$tmp/s.times"); c=$(median < "$tmp/c.times")
  info=$("${CLI[@]}" zkey info "$dir/circuit_final.zkey")
  domain=$(echo "$info" | sed -n 's/^domain: .* = \(.*\)$/\1/p')
  constraints=$(grep -h "# of Constraints" "$dir/r1cs_info.txt" 2>/dev/null | sed 's/.*: //' || true)
  awk -v n="$name" -v k="${constraints:-?}" -v d="$domain" -v s="$s" -v c="$c" \
    'BEGIN { printf "| %s | %s | %s | %.2f s | %.2f s | %.1fx |\n", n, k, d, s / 1000, c / 1000, s / c }'
done
echo
for dir in "${cases[@]}"; do
  echo "== $(basename "$dir"): computeasic prove --timings"
  "${CLI[@]}" prove --zkey "$dir/circuit_final.zkey" --wtns "$dir/witness.wtns" --proof "$tmp/c.proof.json" --public "$tmp/c.public.json" --timings 2>&1
done
