#!/usr/bin/env bash
# Peer comparison: BN254 G1 MSM (2^12, 2^16, 2^18) and BN254 Fr FFT (2^16, 2^20), ComputeAsic against ffjavascript 0.3.1
# and mcl-wasm on the same job files in the same run. Installs the npm packages into .tools/node (ignored by git),
# publishes the command (scripts/build-cli.sh) and builds the benchmarks, generates the jobs with `computeasic gen`, prints a markdown table of times and ratios peer/ours.
# Usage: bench/peers/run.sh [--reps N] [--quick] [--msm 12,16,18|none] [--fft 16,20|none]
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

tools=.tools/node
mkdir -p "$tools"
[ -f "$tools/package.json" ] || echo '{"private":true}' > "$tools/package.json"
if [ ! -d "$tools/node_modules/ffjavascript" ] || [ ! -d "$tools/node_modules/mcl-wasm" ]; then
  npm install --prefix "$tools" --no-audit --no-fund --silent ffjavascript@0.3.1 mcl-wasm@2.4.1
fi

cli=$(scripts/build-cli.sh)
dotnet build bench/ComputeAsic.Bench -c Release -nologo -clp:ErrorsOnly >/dev/null
bench=bench/ComputeAsic.Bench/bin/Release/net10.0/ComputeAsic.Bench.dll

jobs=.tools/peer-jobs
mkdir -p "$jobs"
for log in 12 16 18; do
  f="$jobs/msm-bn254-2^$log.json"
  [ -f "$f" ] || "$cli" gen msm --curve bn254 --count $((1 << log)) --seed $log --output "$f"
done
for log in 12 16 20; do
  f="$jobs/ntt-bn254-fr-2^$log.json"
  [ -f "$f" ] || "$cli" gen ntt --field bn254-fr --count $((1 << log)) --seed $log --output "$f"
done

node --max-old-space-size=8192 bench/peers/compare.mjs --jobs "$jobs" --cli "$cli" --bench "$bench" "$@"
