#!/usr/bin/env bash
# Regenerates the NTT engine resource table of hardware/NTT.md: `computeasic hdl synth --target xcup --verbose` on one
# realistic configuration per field, one at a time, printed as a Markdown table (DSP48E2, LUTs, flip-flops, block RAMs
# by kind, Yosys wall time).
#
#   hardware/ntt-synth.sh ["design logn lanes" ...]   (default: the three configurations below)
#   SYNTH_TIMEOUT=3600 (seconds per design; a design over it gets a "not synthesized" row)
#
# Needs yosys (scripts/install-tools.sh) and a Release build (dotnet build ComputeAsic.sln -c Release).
set -euo pipefail
cd "$(dirname "$0")/.."
cli=src/ComputeAsic.Cli/bin/Release/net10.0/computeasic.dll
timeout_s=${SYNTH_TIMEOUT:-3600}
configs=("$@")
if [ ${#configs[@]} -eq 0 ]; then
  configs=("ntt_engine_goldilocks 12 4" "ntt_engine_babybear 12 4" "ntt_engine_bn254_fr 12 2")
fi
[ -f "$cli" ] || { echo "build first: dotnet build ComputeAsic.sln -c Release" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "| design | logn | lanes | DSP48E2 | LUTs | flip-flops | RAMB36E2 | RAMB18E2 | URAM288 | Yosys time (s) |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for c in "${configs[@]}"; do
  read -r d n k <<<"$c"
  echo "synthesizing $d logn=$n lanes=$k ..." >&2
  start=$(date +%s)
  if out=$(timeout "$timeout_s" dotnet "$cli" hdl synth --design "$d" --param logn="$n" --param lanes="$k" --target xcup --verbose --work "$work/$d" 2>&1); then
    secs=$(($(date +%s) - start))
    get() { echo "$out" | awk -v k="$1" '$1 == k { print $NF; exit }'; }
    cell() { echo "$out" | awk -v k="$1" '$1 == k { n += $2 } END { print n + 0 }'; }
    echo "| \`$d\` | $n | $k | $(get DSPs) | $(get LUTs) | $(get flip-flops) | $(cell RAMB36E2) | $(cell RAMB18E2) | $(cell URAM288) | $secs |"
  else
    secs=$(($(date +%s) - start))
    echo "| \`$d\` | $n | $k | not synthesized: Yosys stopped after $secs s (limit $timeout_s s) | | | | | | |"
  fi
  rm -rf "${work:?}/$d"
done
