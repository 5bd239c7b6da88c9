#!/usr/bin/env bash
# BN254 Fq Montgomery multiplication, C# beside C, in one run on one machine.
#
# Builds bench/native/fp256_cios.c (the same CIOS routine as the C# Fp256 MulCore, plus the usual
# interleaved formulation of it) with gcc -O3 -march=native as a shared library, and the C# bench
# project; the C# bench loads the library and alternates C and C# repetitions in one process (so both
# see the same machine load), ROUNDS processes in a row. The script checks that C and C# print the same
# checksums and prints the median ns per multiplication of each loop and the ratio C#/C. Timings are
# thread CPU time (robust when other processes share the machine); wall-clock medians are in brackets.
#
#   bench/field-vs-c.sh                      # defaults: N=5000000 products, REPS=5, ROUNDS=3
#   N=20000000 ROUNDS=5 bench/field-vs-c.sh
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-5000000}
REPS=${REPS:-5}
ROUNDS=${ROUNDS:-3}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gcc -O3 -march=native -shared -fPIC -DFP256_CIOS_LIBRARY -o "$work/libfp256_cios.so" bench/native/fp256_cios.c
dotnet build bench/ComputeAsic.Bench -c Release -nologo -clp:ErrorsOnly -v:q >"$work/build.log" || { cat "$work/build.log"; exit 1; }
bench_dll=bench/ComputeAsic.Bench/bin/Release/net10.0/ComputeAsic.Bench.dll

echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') ($(nproc) cores); $(gcc --version | head -n1); .NET $(dotnet --version)"
echo "N=$N products per loop, REPS=$REPS alternating C/C# repetitions per process, ROUNDS=$ROUNDS processes"
for ((r = 1; r <= ROUNDS; r++)); do
  dotnet "$bench_dll" field-vs-c "$N" "$REPS" "$work/libfp256_cios.so" >>"$work/log"
done

# Lines: <lang> <routine> <loop> cpu <ns> wall <ns> checksum <hex>
awk '
  function median(list,   a, n, i, j, t) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
    return a[int((n + 1) / 2)]
  }
  {
    key = $1 " " $2; loop = $3
    cpu[key, loop] = cpu[key, loop] " " $5; wall[key, loop] = wall[key, loop] " " $7
    if (!(loop in sum)) sum[loop] = $9
    else if (sum[loop] != $9) { printf "CHECKSUM MISMATCH in %s: %s %s vs %s\n", loop, key, $9, sum[loop]; bad = 1 }
    if (!(loop in seenloop)) { seenloop[loop] = 1; loops[++nl] = loop }
    if (!(key in seenkey)) { seenkey[key] = 1; keys[++nk] = key }
  }
  END {
    printf "\nns per BN254 Fq multiplication (median; thread CPU time, [wall time])\n"
    for (l = 1; l <= nl; l++) {
      loop = loops[l]; best = 0
      printf "%s (checksum %s, identical in C and C#):\n", loop, sum[loop]
      for (k = 1; k <= nk; k++) {
        key = keys[k]; if (!((key, loop) in cpu)) continue
        m[key] = median(cpu[key, loop])
        printf "  %-18s %8.2f ns  [%8.2f ns]\n", key, m[key], median(wall[key, loop])
        if (key ~ /^c / && (best == 0 || m[key] < best)) { best = m[key]; bestkey = key }
      }
      for (k = 1; k <= nk; k++) {
        key = keys[k]; if (key !~ /^c# / || !((key, loop) in cpu)) continue
        printf "  ratio %s / C: %.2f against the same routine in C (c rows), %.2f against the faster C (%s)\n", key, m[key] / m["c rows"], m[key] / best, bestkey
      }
    }
    exit bad
  }' "$work/log"
