#!/usr/bin/env bash
# Publishes the `computeasic` command as out/cli/computeasic, a Native AOT executable: a whole `--version` process
# takes about 20 ms instead of about 120 ms with the JIT runtime, which matters for one-shot jobs (msm, ntt, prove)
# run as processes. The code targets x86-64-v3 (AVX2, BMI2: the field multiplications need MULX); on an older CPU
# it refuses to start.
# The `hdl` verbs compile netlists to IL at run time, which Native AOT cannot, so out/cli/jit/ holds the same command
# framework-dependent, every assembly precompiled into one composite ReadyToRun image; out/cli/computeasic hands `hdl ...`
# to it. Prints the path of the command. `dotnet src/ComputeAsic.Cli/bin/Release/net10.0/computeasic.dll` keeps working.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet publish src/ComputeAsic.Cli -c Release -r linux-x64 --self-contained false -nologo -clp:ErrorsOnly \
  -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true \
  "-p:PublishReadyToRunCrossgen2ExtraArgs=--instruction-set:x86-64-v3" -o out/cli/jit >&2
dotnet publish src/ComputeAsic.Cli -c Release -r linux-x64 -nologo -clp:ErrorsOnly -p:NativeAot=true -o out/cli >&2
echo out/cli/computeasic
