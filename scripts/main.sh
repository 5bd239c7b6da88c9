#!/usr/bin/env bash
# The main job on the default device: builds the toolkit, then runs the bundled BN254 MSM example
# and prints the result. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
scripts/install-tools.sh
dotnet build src/ComputeAsic.Cli -c Release -nologo -clp:ErrorsOnly
mkdir -p out
dotnet src/ComputeAsic.Cli/bin/Release/net10.0/computeasic.dll msm --input examples/msm-bn254-256.json --output out/msm-bn254-256.result.json
cat out/msm-bn254-256.result.json
