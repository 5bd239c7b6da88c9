#!/usr/bin/env bash
# The main job on the default device: publishes the command (scripts/build-cli.sh), then runs the bundled BN254 MSM example
# and prints the result. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
scripts/install-tools.sh
cli=$(scripts/build-cli.sh)
mkdir -p out
"$cli" msm --input examples/msm-bn254-256.json --output out/msm-bn254-256.result.json
cat out/msm-bn254-256.result.json
