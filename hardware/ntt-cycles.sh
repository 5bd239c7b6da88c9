#!/usr/bin/env bash
# Regenerates the cycle table of hardware/NTT.md: `computeasic hdl sim` on the engine for N = 2^10 .. 2^16 and
# k = 1, 2, 4, 8 (three random transforms back to back, each checked against the CPU kernel), printed as Markdown.
#
#   hardware/ntt-cycles.sh [design] [min logn] [max logn]   (default: ntt_engine_goldilocks 10 16)
#
# Needs a Release build (dotnet build ComputeAsic.sln -c Release).
set -euo pipefail
cd "$(dirname "$0")/.."
cli=src/ComputeAsic.Cli/bin/Release/net10.0/computeasic.dll
design=${1:-ntt_engine_goldilocks}
lo=${2:-10}
hi=${3:-16}
[ -f "$cli" ] || { echo "build first: dotnet build ComputeAsic.sln -c Release" >&2; exit 1; }
echo "| N | k | compute cycles | bound N·log2N/(2k) | compute efficiency | one transform end to end | back to back, cycles per transform | back-to-back efficiency | CPU check |"
echo "|---|---|---|---|---|---|---|---|---|"
for n in $(seq "$lo" "$hi"); do
  for k in 1 2 4 8; do
    out=$(dotnet "$cli" hdl sim --design "$design" --param logn="$n" --param lanes="$k" 2>/dev/null | tail -2)
    e2e=$(echo "$out" | sed -n 1p | sed -E 's/^end to end: ([0-9]+) cycles.*one every ([0-9]+) cycles, ([0-9.]+)%.*/\1 \2 \3/')
    read -r one every pct <<<"$e2e"
    last=$(echo "$out" | sed -n 2p)
    comp=$(echo "$last" | sed -E 's/.*values, ([0-9]+) cycles, bound ([0-9]+), ([0-9.]+)% of bound, (.*)$/\1 \2 \3/')
    read -r c b u <<<"$comp"
    check=$(echo "$last" | sed -E 's/.*% of bound, //')
    echo "| 2^$n | $k | $c | $b | $u% | $one | $every | $pct% | $check |"
  done
done
